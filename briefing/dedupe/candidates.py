"""Candidate copy pairs without comparing all pairs: prefix filtering on rare shingles.

Part of the dedupe stage. A text that holds a share t of another's shingles must
hold one of the other's rarest |Q| - ceil(t|Q|) + 1 shingles, so each text looks
up only those, in an index of which texts hold each shingle (sorted NumPy arrays).
Unlike MinHash LSH, which this replaced (its LSH Ensemble's false positives grew
faster than the square of the corpus: 46,000 candidates at 5,000 articles,
700,000 at 10,000), it misses no pair above the query thresholds, and rare
shingles occur in few texts, so the work grows with the number of texts. Every
candidate is confirmed exactly by `evidence.compare`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .comparison import ComparisonText

MARGIN = 0.15           # query below the thresholds, then confirm exactly


def candidate_pairs(texts: list[ComparisonText], resemblance: float, containment: float,
                    lead_in_share: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j, sorted) where one text may hold the other, found exactly by
    prefix filtering: a text B that holds a share t of query set Q's shingles holds at
    least one of any |Q| - ceil(t|Q|) + 1 of them, so only the rarest that many are
    looked up, each in the list of texts it occurs in. Rare shingles occur in few
    texts, so the work grows with the number of texts, not with the number of pairs.

    Each whole text is queried at `MARGIN` below the lower of the two thresholds (a
    Jaccard of J implies a containment of at least J), and each text without its
    opening `lead_in_share` (a copy that adds a lead-in of its own) at `MARGIN`
    below containment. The pairs come back as two arrays, not a set of tuples: there
    are about ten per article, and a tuple costs ten times two array cells.
    """
    whole_t = max(0.05, min(resemblance, containment) - MARGIN)
    body_t = max(0.05, containment - MARGIN)
    index = Postings.of([t.unique for t in texts])
    found: list[np.ndarray] = []
    for i, text in enumerate(texts):
        if not len(text.unique):
            continue
        queries = [(text.unique, whole_t)]
        body = np.unique(text.hashes[math.ceil(len(text.hashes) * lead_in_share):])
        if len(body) < len(text.unique):
            queries.append((body, body_t))
        for query, share in queries:
            if not len(query):
                continue
            frequency = index.counts[np.searchsorted(index.values, query)]
            rarest = query[np.lexsort((query, frequency))]
            needed = len(query) - math.ceil(share * len(query) - 1e-9) + 1
            others = np.unique(index.owners_of(rarest[:max(1, needed)]))
            others = others[others != i].astype(np.int64)
            found.append(np.minimum(others, i) * len(texts) + np.maximum(others, i))
    pairs = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    return pairs // max(len(texts), 1), pairs % max(len(texts), 1)


@dataclass(frozen=True)
class Postings:
    """Which items hold each key: every (key, item) once, sorted by key, then item.

    Arrays rather than a dict of lists: at 100,000 articles there are tens of
    millions of shingles and millions of sentences, and a dict entry with its list
    costs some 200 bytes where these cost 12.
    """

    keys: np.ndarray        # sorted
    owners: np.ndarray      # int32, ascending within a key
    values: np.ndarray      # the distinct keys, ascending
    counts: np.ndarray      # how many items hold each of them

    @classmethod
    def of(cls, keys: list[np.ndarray]) -> Postings:
        """The postings of item i's distinct `keys[i]`."""
        lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
        merged = np.concatenate(keys) if keys else np.zeros(0, dtype=np.uint64)
        order = np.argsort(merged, kind="stable")       # items stay ascending within a key
        merged = merged[order]
        owners = np.repeat(np.arange(len(keys), dtype=np.int32), lengths)[order]
        del order
        first = np.flatnonzero(np.r_[True, merged[1:] != merged[:-1]]) if len(merged) \
            else np.zeros(0, dtype=np.int64)
        return cls(merged, owners, merged[first], np.diff(np.r_[first, len(merged)]))

    def owners_of(self, keys: np.ndarray, most: int | None = None) -> np.ndarray:
        """The items holding each of `keys`, one entry per (key, item); keys held by more
        than `most` items are left out."""
        starts = np.searchsorted(self.keys, keys, side="left")
        lengths = np.searchsorted(self.keys, keys, side="right") - starts
        if most is not None:
            starts, lengths = starts[lengths <= most], lengths[lengths <= most]
        at = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + \
            np.arange(int(lengths.sum()))
        return self.owners[at]
