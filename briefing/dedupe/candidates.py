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

import numpy as np

from .comparison import ComparisonText

MARGIN = 0.15           # query below the thresholds, then confirm exactly


def candidate_pairs(texts: list[ComparisonText], resemblance: float, containment: float,
                           lead_in_share: float) -> set[tuple[int, int]]:
    """Index pairs (i < j) where one text may hold the other, found exactly by prefix
    filtering: a text B that holds a share t of query set Q's shingles holds at least
    one of any |Q| - ceil(t|Q|) + 1 of them, so only the rarest that many are looked
    up, each in the list of texts it occurs in. Rare shingles occur in few texts, so
    the work grows with the number of texts, not with the number of pairs.

    Each whole text is queried at `MARGIN` below the lower of the two thresholds (a
    Jaccard of J implies a containment of at least J), and each text without its
    opening `lead_in_share` (a copy that adds a lead-in of its own) at `MARGIN`
    below containment.
    """
    whole_t = max(0.05, min(resemblance, containment) - MARGIN)
    body_t = max(0.05, containment - MARGIN)
    owners = np.concatenate([np.full(len(t.unique), i, dtype=np.int64)
                             for i, t in enumerate(texts)] or [np.zeros(0, np.int64)])
    shingles = np.concatenate([t.unique for t in texts] or [np.zeros(0, np.uint64)])
    order = np.lexsort((owners, shingles))
    shingles, owners = shingles[order], owners[order]
    values, counts = np.unique(shingles, return_counts=True)
    pairs: set[tuple[int, int]] = set()
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
            frequency = counts[np.searchsorted(values, query)]
            rarest = query[np.lexsort((query, frequency))]
            needed = len(query) - math.ceil(share * len(query) - 1e-9) + 1
            probe = rarest[:max(1, needed)]
            starts = np.searchsorted(shingles, probe, side="left")
            ends = np.searchsorted(shingles, probe, side="right")
            if not len(starts):
                continue
            lengths = ends - starts
            at = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + \
                np.arange(int(lengths.sum()))
            for j in np.unique(owners[at]).tolist():
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
    return pairs
