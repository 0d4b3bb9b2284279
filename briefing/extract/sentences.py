"""Sentences: article blocks split into sentences, each knowing where it came from.

Part of the extract stage; every extractor reads these. The splitter is a small
rule set that knows news abbreviations ("U.S.", "Jan.", "Dr.") and closing quotes,
which is what wire copy needs; it never loads a model.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..model import Article, BlockKind

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr inc ltd co corp no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun "
    "u.s u.k u.n e.u a.m p.m i.e e.g".split()
)
BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    """One sentence of one block."""

    article_id: str
    anchor: str
    block_index: int      # position of the block in the article
    text: str
    start: int            # offset of the sentence in the block's text


@dataclass(frozen=True)
class Paragraph:
    """A block's text with its sentences, for extractors that need the whole paragraph."""

    article_id: str
    anchor: str
    index: int
    text: str
    kind: BlockKind
    sentences: tuple[Sentence, ...]


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; an abbreviation or initial does not end a sentence."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        candidate = text[start:match.start()].rstrip()
        last_word = candidate.rsplit(None, 1)[-1] if candidate.split() else ""
        bare = last_word.rstrip(".!?…\"”’)").lower()
        if last_word.endswith(".") and (bare in ABBREVIATIONS or re.fullmatch(r"[a-z]", bare)):
            continue
        if candidate:
            pieces.append((start, text[start:match.end()].strip()))
        start = match.end()
    rest = text[start:].strip()
    if rest:
        pieces.append((start, rest))
    return pieces


def paragraphs_of(article: Article) -> tuple[Paragraph, ...]:
    """The article's text blocks (not headings or code) as paragraphs of sentences."""
    found = []
    for index, block in enumerate(article.blocks):
        if block.kind in (BlockKind.HEADING, BlockKind.CODE) or not block.text:
            continue
        if block.kind is BlockKind.LIST:       # each item is a sentence of its own
            items = [re.sub(r"<[^>]+>", "", item).strip()
                     for item in re.findall(r"<li>(.*?)</li>", block.html, re.S)]
            pieces = [(block.text.find(item), html.unescape(item)) for item in items if item]
        else:
            pieces = split_sentences(block.text)
        sentences = tuple(Sentence(article.id, block.anchor, index, text, offset)
                          for offset, text in pieces)
        found.append(Paragraph(article.id, block.anchor, index, block.text, block.kind,
                               sentences))
    return tuple(found)


QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def without_quotes(paragraph: Paragraph, sentence: Sentence) -> str:
    """The sentence with quoted speech blanked out (same length, so offsets hold).

    Quotes are found in the whole paragraph, since a quote often runs over
    several sentences: in `"Tuesday was Tuesday. Today is today," he said`, the
    first sentence has no closing mark of its own.
    """
    text = list(sentence.text)
    end = sentence.start + len(sentence.text)
    for match in QUOTED.finditer(paragraph.text):
        for position in range(max(match.start(), sentence.start), min(match.end(), end)):
            text[position - sentence.start] = " "
    return "".join(text)
