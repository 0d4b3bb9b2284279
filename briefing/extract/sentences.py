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
from ..pickling import pickled_by_fields
from .marks import blank

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr inc ltd co corp no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun "
    "u.s u.k u.n e.u a.m p.m i.e e.g".split()
)
WORD_WINDOW = 40
LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.S)
TAG = re.compile(r"<[^>]+>")
BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one block."""

    article_id: str
    anchor: str
    block_index: int      # position of the block in the article
    text: str
    start: int            # offset of the sentence in the block's text


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block's text with its sentences, for extractors that need the whole paragraph."""

    article_id: str
    anchor: str
    index: int
    text: str
    kind: BlockKind
    sentences: tuple[Sentence, ...]
    unquoted: str = ""    # `text` with quoted speech blanked (same length), see below


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; an abbreviation or initial does not end a sentence."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        if not _ends_sentence(text, start, match):
            continue
        sentence = text[start:match.end()].strip()
        if sentence:
            pieces.append((start, sentence))
        start = match.end()
    rest = text[start:].strip()
    if rest:
        pieces.append((start, rest))
    return pieces


def _ends_sentence(text: str, start: int, match: re.Match[str]) -> bool:
    """Does the boundary `match` end a sentence, or only an abbreviation or initial?"""
    # Only the last word matters: look at a short window, not the whole sentence
    # so far, which grows when many abbreviations in a row are skipped.
    tail = text[max(start, match.start() - WORD_WINDOW):match.start()].split()
    last_word = tail[-1] if tail else ""
    bare = last_word.rstrip(".!?…\"”’)").lower()
    return not (last_word.endswith(".") and (bare in ABBREVIATIONS or
                                             (len(bare) == 1 and "a" <= bare <= "z")))


def first_sentence(text: str) -> str:
    """The start of `text` up to its first sentence end ("U.S." does not end one)."""
    for match in BOUNDARY.finditer(text):
        if _ends_sentence(text, 0, match):
            return text[:match.start()]
    return text


def paragraphs_of(article: Article) -> tuple[Paragraph, ...]:
    """The article's text blocks (not headings or code) as paragraphs of sentences."""
    found = []
    for index, block in enumerate(article.blocks):
        if block.kind in (BlockKind.HEADING, BlockKind.CODE) or not block.text:
            continue
        if block.kind is BlockKind.LIST:       # each item is a sentence of its own
            pieces = _list_items(block.html, block.text)
        else:
            pieces = split_sentences(block.text)
        sentences = tuple(Sentence(article.id, block.anchor, index, text, offset)
                          for offset, text in pieces)
        found.append(Paragraph(article.id, block.anchor, index, block.text, block.kind,
                               sentences, blank_quotes(block.text)))
    return tuple(found)


def _list_items(block_html: str, text: str) -> list[tuple[int, str]]:
    """(offset, text) of each list item, offsets found left to right in one pass."""
    pieces: list[tuple[int, str]] = []
    cursor = 0
    for item in LIST_ITEM.findall(block_html):
        item = html.unescape(TAG.sub("", item)).strip()
        if not item:
            continue
        offset = text.find(item, cursor)
        cursor = offset + len(item) if offset >= 0 else cursor
        pieces.append((offset, item))
    return pieces


def blank_quotes(text: str) -> str:
    """`text` with quoted speech replaced by spaces (same length, so offsets hold);
    every kind of quotation mark counts (see `marks`)."""
    return blank(text)


def without_quotes(paragraph: Paragraph, sentence: Sentence) -> str:
    """The sentence with quoted speech blanked out (same length, so offsets hold).

    Quotes are found in the whole paragraph, once, since a quote often runs over
    several sentences: in `"Tuesday was Tuesday. Today is today," he said`, the
    first sentence has no closing mark of its own.
    """
    start = sentence.start
    if start < 0 or not paragraph.text.startswith(sentence.text, start):
        return blank_quotes(sentence.text)   # a list item not found in the block's text
    return paragraph.unquoted[start:start + len(sentence.text)]
