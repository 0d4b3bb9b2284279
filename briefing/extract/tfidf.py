"""TF-IDF of the articles, for the stories: from each article's term counts.

Part of the extract stage (stories). The weighting is scikit-learn's
`TfidfVectorizer(sublinear_tf=True, stop_words="english")`, written out so that
its costly part, reading every article's words, is a per-article result the
workers make and the results cache keeps (`term_counts`), and so that a build
need not import scikit-learn (0.75 s, on every build, for one class):

- terms: runs of two or more word characters (`(?u)\\b\\w\\w+\\b`) in the
  lower-cased text, without the English stop words (`data/stop_words_en.txt`,
  the list scikit-learn ships);
- a term's weight in an article: (1 + ln count) × idf, with idf =
  ln((1 + articles) / (1 + articles with the term)) + 1;
- each article's row scaled to unit length.

The vocabulary is in sorted order, as scikit-learn's. Each row's squares are
summed in that column order, one after the other, as scikit-learn's row
normalisation does; its rows hold their terms in the order the corpus first
met them, so the last bit of a weight may differ. `tests/test_stories.py`
checks the two agree to 1e-12 on a corpus, with the same vocabulary.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import repeat

import numpy as np
from scipy.sparse import csr_matrix

from ..pickling import pickled_by_fields

TOKEN = re.compile(r"(?u)\b\w\w+\b")


@cache
def stop_words() -> frozenset[str]:
    """The English stop words (`data/stop_words_en.txt`)."""
    text = resources.files("briefing").joinpath("data/stop_words_en.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class TermCounts:
    """One text's distinct terms (space-separated, sorted) and how often each occurs.

    One string, not a tuple of strings: at 100,000 articles a string object per
    term and article would be millions of objects held at once."""

    terms: str
    counts: np.ndarray            # int32, one per term


def term_counts(text: str) -> TermCounts:
    """The terms of `text` and their counts."""
    stop = stop_words()
    counted = Counter(t for t in TOKEN.findall(text.lower()) if t not in stop)
    terms = sorted(counted)
    return TermCounts(" ".join(terms), np.array([counted[t] for t in terms], dtype=np.int32))


@dataclass(frozen=True)
class Tfidf:
    """A fitted vocabulary (sorted) and each term's idf."""

    terms: tuple[str, ...]
    column: dict[str, int]
    idf: np.ndarray

    @classmethod
    def fit(cls, counted: Sequence[TermCounts]) -> tuple[csr_matrix, Tfidf] | None:
        """The unit-length TF-IDF rows of the counted texts, and the fitted model; None
        when no text has a term."""
        words = _words(counted)
        terms = tuple(sorted(set(words)))
        if not terms:
            return None
        column = dict(zip(terms, range(len(terms)), strict=True))
        counts = _count_matrix(counted, column, words)
        frequency = np.bincount(counts.indices, minlength=len(terms)).astype(np.float64)
        frequency += 1.0
        idf = np.full_like(frequency, fill_value=counts.shape[0] + 1)
        idf /= frequency
        np.log(idf, out=idf)
        idf += 1.0
        model = cls(terms, column, idf)
        return model.weigh(counts), model

    def transform(self, texts: Iterable[str]) -> csr_matrix:
        """Unit-length TF-IDF rows of other texts in this vocabulary (other terms are left out)."""
        return self.transform_counts([term_counts(t) for t in texts])

    def transform_counts(self, counted: Sequence[TermCounts]) -> csr_matrix:
        """`transform` of texts already counted (`term_counts`)."""
        return self.weigh(_count_matrix(counted, self.column))

    def weigh(self, counts: csr_matrix) -> csr_matrix:
        """Counts (columns in this vocabulary) -> unit-length TF-IDF rows."""
        data = counts.data.astype(np.float64)
        np.log(data, out=data)
        data += 1.0
        data *= self.idf[counts.indices]
        rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        # bincount adds each row's squares in column order, one after the other.
        norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=counts.shape[0]))
        norms[norms == 0.0] = 1.0
        data /= norms[rows]
        return csr_matrix((data, counts.indices.copy(), counts.indptr.copy()),
                          shape=counts.shape)


def _words(counted: Sequence[TermCounts]) -> list[str]:
    """Every text's terms, one after the other (a term for each count)."""
    return " ".join(c.terms for c in counted if c.terms).split(" ") \
        if any(c.terms for c in counted) else []


def _count_matrix(counted: Sequence[TermCounts], column: dict[str, int],
                  words: list[str] | None = None) -> csr_matrix:
    """The counts as a sparse matrix over `column`'s vocabulary (unknown terms dropped;
    `words`: `_words(counted)`, if already split). Terms and columns are both sorted,
    so each row's columns ascend. Done for all texts at once: looked up text by text,
    the 5,000 articles' terms took 0.1 s of every build."""
    words = _words(counted) if words is None else words
    lengths = np.fromiter((len(c.counts) for c in counted), dtype=np.int64,
                          count=len(counted))
    at = np.fromiter(map(column.get, words, repeat(-1)), dtype=np.int64, count=len(words))
    values = np.concatenate([c.counts for c in counted]) if counted else np.zeros(0, np.int32)
    known = at >= 0
    rows = np.repeat(np.arange(len(counted)), lengths)[known]
    indptr = np.zeros(len(counted) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=len(counted)), out=indptr[1:])
    return csr_matrix((values[known], at[known], indptr), shape=(len(counted), len(column)))
