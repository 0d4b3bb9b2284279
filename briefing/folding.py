"""Comparison keys: text folded so that typographic variants compare equal.

Display text keeps its curly quotes and dashes; dedupe (and later quote matching)
compares folded keys, where quotes, dashes, case and whitespace no longer differ.
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
    "\u2026": "...", "\u00a0": " ",
})
_WORD = re.compile(r"[\w']+")


def fold(text: str) -> str:
    """Case-, quote-, dash- and whitespace-insensitive form of `text`."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """The folded words of `text`, punctuation dropped."""
    return _WORD.findall(fold(text))
