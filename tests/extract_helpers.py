"""Small helpers for extractor tests: articles from text, extraction over them."""

from __future__ import annotations

from pathlib import Path

from briefing.config import ActorConfig, SiteConfig
from briefing.extract import extract_entities
from briefing.load import parse_document
from briefing.normalize import normalize_document

CONFIG = SiteConfig(
    root=Path("."),
    actors=(ActorConfig("Ann Lee", aliases=("Lee",)), ActorConfig("Bo Chen"),
            ActorConfig("Harbour Trust", type="organisation")),
)


def article(path: str, text: str, config: SiteConfig = CONFIG):
    doc, problems = parse_document(text, path)
    assert doc is not None, problems
    result = normalize_document(doc, config)
    assert result.article is not None
    return result.article


def extract(*texts: str, config: SiteConfig = CONFIG, dated: str | None = None):
    """Extraction over articles made from `texts` (optionally all with one front-matter date)."""
    made = []
    for number, text in enumerate(texts):
        if dated:
            text = f"---\ntitle: Story {number}\ndate: {dated}\n---\n" + text
            made.append(article(f"{number}.md", text, config))
        else:
            made.append(article(f"{number}.txt", f"Story {number}\n" + text, config))
    return extract_entities(tuple(made), config).extraction, made


def names(extraction) -> dict[str, str]:
    return {a.id: a.name for a in extraction.actors}
