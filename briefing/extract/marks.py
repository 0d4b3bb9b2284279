"""Quotation marks: where quoted passages open and close, in any of the marks news uses.

Part of the extract stage; quotes, actors, figures and events read these spans
(quotes to keep them, the others to leave quoted speech out). Double marks
(“…”, "…"), guillemets («…») and single marks (‘…’, '…') are all read.
The outer pair wins: in “He said ‘no’ twice,” the inner marks are part of the
quote, and in ‘He said “no”’ likewise. A single mark between two letters is an
apostrophe (didn’t, Kang's), never a closing mark.

Every closing mark is found by bisecting a list of candidate positions made in
one pass, and a quote is at most `QUOTE_MAX` characters long, so a text full of
unclosed marks costs no more than reading it once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..pickling import pickled_by_fields

QUOTE_MAX = 2000
# Opening mark -> the closing marks that end it.
PAIRS = {"“": "”", '"': '"', "«": "»", "‘": "’", "'": "'"}
# A single mark opens only at a word start (after a space, a bracket, a dash or
# another mark) before a letter or digit ...
SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–“\"«]))['‘](?=[\w“\"])")
# ... and closes only where no letter follows it (not in "didn't" or "Kang's").
SINGLE_CLOSE = re.compile(r"(?<=\S)['’](?![\w])")
DOUBLE = re.compile(r"[“\"«]")
ANY_OPENING = re.compile(r"[“\"«'‘]")
DOUBLE_CLOSE = re.compile(r"[”\"»]")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    """One quoted passage: `start` and `end` include the marks; `inner` excludes them."""

    start: int
    end: int
    inner: str


def quote_spans(text: str) -> list[Span]:
    """The outermost quoted passages of `text`, left to right, never overlapping."""
    if not ANY_OPENING.search(text):
        return []                         # most sentences: nothing to pair
    openings = sorted([(m.start(), m.group(0)) for m in DOUBLE.finditer(text)]
                      + [(m.start(), m.group(0)) for m in SINGLE_OPEN.finditer(text)])
    closers: dict[str, list[int]] = {"”": [], '"': [], "»": [], "’": [], "'": []}
    for m in DOUBLE_CLOSE.finditer(text):
        closers[m.group(0)].append(m.start())
    for m in SINGLE_CLOSE.finditer(text):
        closers[m.group(0)].append(m.start())
    spans: list[Span] = []
    cursor = 0
    for start, mark in openings:
        if start < cursor:
            continue                      # inside a quote already taken (a nested mark)
        positions = closers[PAIRS[mark]]
        index = bisect_right(positions, start)
        if index >= len(positions) or positions[index] - start > QUOTE_MAX:
            continue
        end = positions[index] + 1
        spans.append(Span(start, end, text[start + 1:end - 1]))
        cursor = end
    return spans


def blank(text: str) -> str:
    """`text` with every quoted passage replaced by spaces (same length, offsets hold)."""
    return blank_spans(text, quote_spans(text))


def blank_spans(text: str, spans: list[Span]) -> str:
    """`text` with the given quoted passages replaced by spaces."""
    if not spans:
        return text
    pieces = []
    cursor = 0
    for span in spans:
        pieces.append(text[cursor:span.start])
        pieces.append(" " * (span.end - span.start))
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)
