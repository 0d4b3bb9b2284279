"""Small pasted pages for the tests of `normalize.pasted`, written for the purpose.

Every outlet, person and place in these pages is invented, except the news
agencies, whose names are what the rules read.
"""

from __future__ import annotations

from pathlib import Path

from briefing.config import SiteConfig
from briefing.load import parse_document
from briefing.normalize import Normalizer, normalize_document

CONFIG = SiteConfig(root=Path("."))
LEDE = ("Harbour pilots in Vesterby stopped work on Tuesday after talks over night-shift pay "
        "broke down, leaving a dozen ferries tied up at the quay.")
MORE = ("The pilots' association said it had offered to keep one crossing running for "
        "medical cases, an offer the ferry company had not yet answered.")
LAST = ("Talks are due to resume on Thursday at the offices of the regional mediator, a "
        "spokeswoman for the association said.")
STORY = f"{LEDE}\n{MORE}\n{LAST}\n"


def paste(text: str, path: str = "page.txt", config: SiteConfig = CONFIG,
          others: dict[str, str] | None = None):
    """Normalize one pasted page (with `others` in the same build), as the pipeline does."""
    doc, problems = parse_document(text, path)
    assert doc is not None, problems
    docs = [doc]
    for other_path, other in (others or {}).items():
        parsed, _ = parse_document(other, other_path)
        assert parsed is not None
        docs.append(parsed)
    return normalize_document(doc, config, Normalizer.from_config(config, docs))


def page(text: str, **kwargs):
    """The article of a pasted page."""
    result = paste(text, **kwargs)
    assert result.article is not None
    return result.article


def day(article) -> str | None:
    return article.date.date().isoformat() if article.date else None
