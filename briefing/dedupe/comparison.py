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

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ..folding import fold
from ..lexicon import HONORIFICS, MONTHS, WEEKDAYS
from ..model import Article, BlockKind
from ..pickling import pickled_by_fields

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
DAY_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
GROUPED_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)
_MIX = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))
_STEP = np.uint64(0x100000001B3)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ComparisonText:
    """One article's comparison shingles, in reading order, with their sentences.

    `hashes[i]` is the i-th shingle's 64-bit hash and `sentence[i]` the index of
    the sentence it comes from; `unique` is the sorted set of hashes; `words`
    counts the normalised words compared; `keys` holds one hash per sentence (its
    whole normalised wording), to find where else a sentence occurs.
    """

    hashes: np.ndarray
    sentence: np.ndarray
    unique: np.ndarray
    words: int
    keys: tuple[int, ...] = ()

    @property
    def sentences(self) -> int:
        """How many sentences were compared."""
        return int(self.sentence[-1]) + 1 if len(self.sentence) else 0


class Vocabulary:
    """Word ids and the folded tokens of each written word, worked out once per
    process. A word's id is a digest of the word, so it is the same in every
    article and every process: articles' texts can be made anywhere, in any order,
    and kept between builds."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._tokens: dict[str, list[str]] = {}

    def ids(self, tokens: list[str]) -> list[int]:
        """The id of each token."""
        table = self._ids
        found = []
        for token in tokens:
            word_id = table.get(token)
            if word_id is None:
                word_id = table[token] = int.from_bytes(
                    hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")
            found.append(word_id)
        return found

    def tokens(self, word: str) -> list[str]:
        """The folded tokens of one whitespace-separated word (`US$6.8bn` -> `6.8bn`)."""
        found = self._tokens.get(word)
        if found is None:
            found = self._tokens[word] = _word_tokens(word)
        return found


def comparison_text(article: Article, size: int, vocabulary: Vocabulary) -> ComparisonText:
    """The article's sentence-like text as shingles of `size` words."""
    ids: list[int] = []
    owner: list[int] = []
    keys: list[int] = []
    for index, tokens in enumerate(compared_sentences(article, vocabulary)):
        found = vocabulary.ids(tokens)
        ids.extend(found)
        owner.extend([index] * len(found))
        keys.append(hash(tuple(found)))          # ints hash the same in every run
    if not ids:
        empty = np.zeros(0, dtype=np.uint64)
        return ComparisonText(empty, np.zeros(0, dtype=np.int32), empty, 0)
    hashes, sentence = _shingle_hashes(np.array(ids, dtype=np.uint64),
                                       np.array(owner, dtype=np.int32), size)
    return ComparisonText(hashes, sentence, np.unique(hashes), len(ids), tuple(keys))


def compared_sentences(article: Article, vocabulary: Vocabulary | None = None
                       ) -> Iterator[list[str]]:
    """The normalised words of each sentence-like sentence of the body."""
    for block in article.blocks:
        if block.kind in SKIPPED_BLOCKS:
            continue
        for sentence in split_sentences(block.text):
            if sentence_like(sentence):
                tokens = normalized_words(" ".join(sentence), vocabulary)
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


def normalized_words(text: str, vocabulary: Vocabulary | None = None) -> list[str]:
    """Folded words with house-style differences taken out.

    Honorifics and weekdays are dropped, and so is a month followed by a day
    ("March 9"), so "on Monday" and "on March 9" compare equal; "per cent",
    "pct" and "%" become "percent"; "6,500" becomes "6500"; "US$" becomes "$".
    """
    lookup = vocabulary.tokens if vocabulary is not None else _word_tokens
    kept: list[str] = []
    after_month = False
    for token in (t for word in text.split() for t in lookup(word)):
        if token in PERCENT_WORDS:
            token = "percent"
        elif token == "cent" and kept and kept[-1] == "per":
            kept[-1] = "percent"
            continue
        if _day_number(token):
            if after_month:                          # "march 9": drop the day ...
                kept.pop()                           # ... and the month
                after_month = False
                continue
        elif token in DATE_MONTHS and kept and _day_number(kept[-1]):
            kept.pop()                               # "9 march"
            continue
        after_month = token in DATE_MONTHS
        if token in DROPPED:
            continue
        if "," in token and GROUPED_NUMBER.fullmatch(token):
            token = token.replace(",", "")
        kept.append(token)
    return kept


def _word_tokens(word: str) -> list[str]:
    """Folded tokens of one written word; every fold here is local to the word."""
    return WORD.findall(CURRENCY_PREFIX.sub("$", fold(word).replace("%", " percent ")))


def _day_number(token: str) -> bool:
    """`9`, `26`, `9th`: a day of the month as written after or before its month."""
    digits = token[:-2] if token[-2:] in DAY_SUFFIXES else token
    return 0 < len(digits) <= 2 and digits.isdigit()


def _ends_sentence(word: str) -> bool:
    """True for a word that ends a sentence: `said.`, `it?"`, but not `Mr.` or `U.S.`"""
    bare = word.rstrip("\"'”’)]»")
    if not bare or bare[-1] not in ".!?…":
        return False
    stem = bare.rstrip(".!?…").lower()
    return not (len(stem) <= 1 or stem in ABBREVIATIONS or "." in stem)


def _shingle_hashes(ids: np.ndarray, owner: np.ndarray, size: int
                    ) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the word windows that lie inside one sentence, in reading order,
    with each window's sentence; a sentence shorter than `size` is one window."""
    lengths = np.bincount(owner)
    width = min(size, len(ids))
    count = len(ids) - width + 1
    value = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(width):
            value = value * _STEP + ids[offset:offset + count]
    inside = owner[:count] == owner[width - 1:width - 1 + count]
    if width < size:
        inside[:] = False
    hashes, sentence = value[inside], owner[:count][inside]
    short = np.flatnonzero(lengths < size)
    if len(short):
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        extra = np.zeros(len(short), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for n, index in enumerate(short):
                for token in ids[starts[index]:starts[index] + lengths[index]]:
                    extra[n] = extra[n] * _STEP + token
        hashes = np.concatenate([hashes, extra])
        sentence = np.concatenate([sentence, short.astype(np.int32)])
        order = np.argsort(sentence, kind="stable")
        hashes, sentence = hashes[order], sentence[order]
    return _mixed(hashes), sentence


def _mixed(value: np.ndarray) -> np.ndarray:
    """Spread the bits of polynomial hashes (splitmix64's finaliser)."""
    with np.errstate(over="ignore"):
        value = value ^ (value >> np.uint64(31))
        value = value * _MIX[0]
        value = value ^ (value >> np.uint64(29))
        value = value * _MIX[1]
        value = value ^ (value >> np.uint64(32))
    return value & _MASK
