"""Candidate copy pairs without comparing all pairs: LSH for containment and resemblance.

Part of the dedupe stage. Each comparison text gets one MinHash signature
(datasketch). An LSH Ensemble index answers "which texts contain this one"
(containment of the query in the indexed set), a MinHash LSH index answers
"which texts resemble this one" (Jaccard). Both are queried below the
thresholds they serve, and every candidate is confirmed exactly by
`evidence.compare`, so LSH's false positives never decide anything and its
cost stays linear in the number of texts.
"""

from __future__ import annotations

import math

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH, MinHashLSHEnsemble

from .comparison import ComparisonText

NUM_PERM = 64
LSH_MARGIN = 0.15       # query below the threshold, then confirm exactly
ENSEMBLE_PARTS = 4
ENSEMBLE_RS = 4
SIZE_STEP = 1.05        # sizes given to the ensemble are rounded on this grid


def _identity(value: int) -> int:
    return value


def candidate_pairs(texts: list[ComparisonText], resemblance: float, containment: float,
                    lead_in_share: float) -> set[tuple[int, int]]:
    """Index pairs (i < j) that may be copies: one may contain or resemble the other.

    Each text is also queried without its opening `lead_in_share`, so a copy that
    adds a lead-in of its own is still found by containment.
    """
    pairs: set[tuple[int, int]] = set()
    base = MinHash(num_perm=NUM_PERM, hashfunc=_identity)
    whole = [_signature(base, text.unique) for text in texts]
    indexed = [i for i, s in enumerate(whole) if s is not None]
    if len(indexed) < 2:
        return pairs
    lsh = MinHashLSH(threshold=max(0.05, resemblance - LSH_MARGIN), num_perm=NUM_PERM)
    ensemble = MinHashLSHEnsemble(threshold=max(0.05, containment - LSH_MARGIN),
                                  num_perm=NUM_PERM, num_part=ENSEMBLE_PARTS, m=ENSEMBLE_RS)
    ensemble.index([(i, whole[i], _size(len(texts[i].unique))) for i in indexed])
    for i in indexed:
        signature = whole[i]
        assert signature is not None
        found = set(lsh.query(signature))
        found.update(ensemble.query(signature, _size(len(texts[i].unique))))
        hashes = texts[i].hashes
        body = np.unique(hashes[math.ceil(len(hashes) * lead_in_share):])
        body_signature = _signature(base, body)
        if body_signature is not None and len(body) < len(texts[i].unique):
            found.update(ensemble.query(body_signature, _size(len(body))))
        pairs.update((min(i, j), max(i, j)) for j in found if j != i)
        lsh.insert(i, signature)
    return pairs


def _signature(base: MinHash, hashes: np.ndarray) -> LeanMinHash | None:
    """The MinHash of a set of shingle hashes (None for an empty set)."""
    if not len(hashes):
        return None
    signature = base.copy()
    signature.update_batch((hashes & np.uint64(0xFFFFFFFF)).tolist())
    return LeanMinHash(signature)


def _size(exact: int) -> int:
    """A set size rounded on a geometric grid.

    The ensemble partitions by size at a cost that grows with the square of the
    number of distinct sizes; a grid of 5 % steps bounds that number.
    """
    return max(1, round(SIZE_STEP ** round(math.log(exact, SIZE_STEP)))) if exact > 1 else 1
