"""No text is lost: every word of a pasted page ends up in the article or its removed lines.

Normalizing may move a line (a byline to `authors`, a dateline's place to nowhere
but the wire), but a word of the input that is in neither the article's fields,
its body, nor the listed removed lines has silently gone. Checked on every
pasted fixture and every sample.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.config import SiteConfig
from briefing.front_matter import parse_document
from briefing.normalize import Normalizer, normalize_document
from briefing.normalize.wrapping import join_broken_sentences

from .conftest import ROOT, SAMPLES

PASTED = ROOT / "tests" / "fixtures" / "pasted"
FILES = sorted([*PASTED.glob("*.txt"), *PASTED.glob("*.md"), *SAMPLES.iterdir()])
WORD = re.compile(r"[^\W\d_]{4,}")  # words of four letters or more: markup and numbers vary
# "WorldAsia", "BBCHome": words pasted without a space between them are two words.
GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
MEDIA_LINK = re.compile(r"\b(?:pic\.twitter\.com|https?://t\.co)/\w+")   # dropped from posts


def words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(GLUED.sub(" ", MEDIA_LINK.sub(" ", text)))}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_word_is_kept_or_listed_as_removed(path: Path):
    config = SiteConfig(root=path.parent)
    doc, _ = parse_document(path.read_text(encoding="utf-8"), path.name)
    assert doc is not None
    article = normalize_document(doc, config, Normalizer.from_config(config, (doc,))).article
    assert article is not None
    kept = " ".join([article.title, article.raw_title or "", *article.alt_titles,
                     article.summary or "", *article.authors, article.source or "",
                     article.wire or "", *article.tags, *article.categories,
                     " ".join(b.text for b in article.blocks), *article.removed,
                     *(str(v) for v in article.inferred.values()),
                     *(q.attribution.speaker for q in article.attributed),
                     *(q.attribution.affiliation or "" for q in article.attributed)])
    lost = words(doc.body) - words(kept)
    assert lost == set()


def test_a_sentence_running_on_in_lower_case_is_joined():
    lines = ["PORT VELM - Dock workers in Port Velm voted on Monday to end a",
             "ten-day strike after the harbour authority agreed to new shifts.", "",
             "A Short Heading", "then a paragraph that starts in lower case and goes on.",
             "Harbour workers return to the quays after ten days on strike",
             "by Ana Ruiz and Tomas Berg",
             "Tunnel collapse traps eleven miners deep inside the copper mine",
             "by: ANA RUIZ, Associated Press"]
    assert join_broken_sentences(lines) == [
        "PORT VELM - Dock workers in Port Velm voted on Monday to end a ten-day strike after "
        "the harbour authority agreed to new shifts.", "",
        "A Short Heading", "then a paragraph that starts in lower case and goes on.",
        "Harbour workers return to the quays after ten days on strike",
        "by Ana Ruiz and Tomas Berg",
        "Tunnel collapse traps eleven miners deep inside the copper mine",
        "by: ANA RUIZ, Associated Press"]
