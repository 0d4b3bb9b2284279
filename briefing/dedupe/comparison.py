"""Comparison text for copy detection: an article's prose, normalised, as hashed shingles.

Part of the dedupe stage. Only sentence-like text is compared: navigation runs,
captions cut to a few words, share buttons and other short lines left in a
pasted body would otherwise make two different pages of one site look alike.
Each sentence is folded (case, quotes, dashes) and normalised for the edits
newspapers make to wire copy (honorifics, "per cent", weekdays swapped for dates,
thousands separators, currency prefixes), then cut into word shingles that never
cross a sentence boundary, so that every shingle knows its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ..folding import fold
from ..lexicon import HONORIFICS, MONTHS, WEEKDAYS
from ..model import Article, BlockKind

MIN_SENTENCE_WORDS = 6      # shorter lines are furniture ("Share this", "Sign in")
LOWER_SHARE = 1 / 3         # prose has function words; menus and name lists do not
SKIPPED_BLOCKS = frozenset({BlockKind.HEADING, BlockKind.CODE})
# Sentence ends: a word ending in . ! ? or … (closing quotes and brackets allowed),
# unless the word is an abbreviation or an initial.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr inc ltd co corp no nos vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m u.s u.k u.n e.u".split())
DATE_MONTHS = frozenset(MONTHS) | frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Words dropped before shingling: house style adds or removes them without
# changing what is said ("Mr Vance", "on March 9" for "on Monday").
DROPPED = frozenset(HONORIFICS) | frozenset(WEEKDAYS)
PERCENT_WORDS = frozenset({"pct", "pc"})
CURRENCY_PREFIX = re.compile(r"\b(?:us|s|a|c|nz|hk)\$")
WORD = re.compile(r"[^\W_]+(?:[.,'][^\W_]+)*")
DAY_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
GROUPED_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)
_MIX = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))
_STEP = np.uint64(0x100000001B3)


@dataclass(frozen=True)
class ComparisonText:
    """One article's comparison shingles, in reading order, with their sentences.

    `hashes[i]` is the i-th shingle's 64-bit hash and `sentence[i]` the index of
    the sentence it comes from; `unique` is the sorted set of hashes; `words`
    counts the normalised words compared.
    """

    hashes: np.ndarray
    sentence: np.ndarray
    unique: np.ndarray
    words: int

    @property
    def sentences(self) -> int:
        """How many sentences were compared."""
        return int(self.sentence[-1]) + 1 if len(self.sentence) else 0


class Vocabulary:
    """Word ids for one dedupe run: the same word gets the same id in every article."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def ids(self, tokens: list[str]) -> list[int]:
        """The id of each token, adding new words."""
        table = self._ids
        return [table.setdefault(token, len(table) + 1) for token in tokens]


def comparison_text(article: Article, size: int, vocabulary: Vocabulary) -> ComparisonText:
    """The article's sentence-like text as shingles of `size` words."""
    hashes: list[np.ndarray] = []
    sentences: list[np.ndarray] = []
    words = 0
    for index, tokens in enumerate(compared_sentences(article)):
        ids = np.array(vocabulary.ids(tokens), dtype=np.uint64)
        found = _shingle_hashes(ids, size)
        hashes.append(found)
        sentences.append(np.full(len(found), index, dtype=np.int32))
        words += len(tokens)
    if not hashes:
        empty = np.zeros(0, dtype=np.uint64)
        return ComparisonText(empty, np.zeros(0, dtype=np.int32), empty, 0)
    joined = np.concatenate(hashes)
    return ComparisonText(joined, np.concatenate(sentences), np.unique(joined), words)


def compared_sentences(article: Article) -> Iterator[list[str]]:
    """The normalised words of each sentence-like sentence of the body."""
    for block in article.blocks:
        if block.kind in SKIPPED_BLOCKS:
            continue
        for sentence in split_sentences(block.text):
            if sentence_like(sentence):
                tokens = normalized_words(" ".join(sentence))
                if tokens:
                    yield tokens


def split_sentences(text: str) -> list[list[str]]:
    """The whitespace-separated words of `text`, grouped into sentences."""
    found: list[list[str]] = []
    current: list[str] = []
    for word in text.split():
        current.append(word)
        if _ends_sentence(word):
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def sentence_like(words: list[str]) -> bool:
    """Long enough, and with enough lower-case words, to be prose rather than furniture."""
    alphabetic = [w for w in words if w[:1].isalpha()]
    if len(words) < MIN_SENTENCE_WORDS or not alphabetic:
        return False
    return sum(w[0].islower() for w in alphabetic) >= LOWER_SHARE * len(alphabetic)


def normalized_words(text: str) -> list[str]:
    """Folded words with house-style differences taken out.

    Honorifics and weekdays are dropped, and so is a month followed by a day
    ("March 9"), so "on Monday" and "on March 9" compare equal; "per cent",
    "pct" and "%" become "percent"; "6,500" becomes "6500"; "US$" becomes "$".
    """
    folded = CURRENCY_PREFIX.sub("$", fold(text).replace("%", " percent "))
    kept: list[str] = []
    after_month = False
    for token in WORD.findall(folded):
        if token in PERCENT_WORDS:
            token = "percent"
        elif token == "cent" and kept and kept[-1] == "per":
            kept[-1] = "percent"
            continue
        if DAY_NUMBER.fullmatch(token):
            if after_month:                          # "march 9": drop the day ...
                kept.pop()                           # ... and the month
                after_month = False
                continue
        elif token in DATE_MONTHS and kept and DAY_NUMBER.fullmatch(kept[-1]):
            kept.pop()                               # "9 march"
            continue
        after_month = token in DATE_MONTHS
        if token in DROPPED:
            continue
        kept.append(token.replace(",", "") if GROUPED_NUMBER.fullmatch(token) else token)
    return kept


def _ends_sentence(word: str) -> bool:
    """True for a word that ends a sentence: `said.`, `it?"`, but not `Mr.` or `U.S.`"""
    bare = word.rstrip("\"'”’)]»")
    if not bare or bare[-1] not in ".!?…":
        return False
    stem = bare.rstrip(".!?…").lower()
    return not (len(stem) <= 1 or stem in ABBREVIATIONS or "." in stem)


def _shingle_hashes(ids: np.ndarray, size: int) -> np.ndarray:
    """64-bit hashes of the word windows of `ids` (one hash for a shorter sentence)."""
    count = max(1, len(ids) - size + 1)
    width = min(size, len(ids))
    value = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(width):
            value = value * _STEP + ids[offset:offset + count]
        value ^= value >> np.uint64(31)
        value *= _MIX[0]
        value ^= value >> np.uint64(29)
        value *= _MIX[1]
        value ^= value >> np.uint64(32)
    return value & _MASK
