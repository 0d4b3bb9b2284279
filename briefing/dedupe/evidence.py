"""Evidence that one text is a copy of another, computed exactly from their shingles.

Part of the dedupe stage. Candidates come from LSH (see `candidates.py`); this
module decides. For two comparison texts, A the one with fewer distinct shingles:

- containment: |A ∩ B| / |A|, how much of the shorter text the longer one holds;
- resemblance: |A ∩ B| / |A ∪ B| (Jaccard);
- where each text's own passages lie (runs of sentences mostly not in the
  other): a lead-in, a cut tail, paragraphs added in the middle.

A pair is a copy when its resemblance reaches the resemblance threshold, when
the shorter text is contained at the containment threshold, or when it is so
contained once an opening passage of its own (a lead-in or new lede, at most
`LEAD_IN_SHARE` of it) is set aside. Look-alikes (wire updates that reuse
background paragraphs, listings that quote openings, follow-ups that quote the
first report) share far less of the shorter text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..pickling import pickled_by_fields
from .comparison import ComparisonText

SHARED_SENTENCE = 0.5   # a sentence is shared when this share of its shingles is in the other
PASSAGE_SHARE = 0.1     # own sentences in a row amount to a passage from this share of a text
LEAD_IN_SHARE = 1 / 3   # an opening of its own may be up to a third of the shorter text
EXACT_OWN_SHARE = 0.05  # the shorter text has at most this share of its own: the same text
EDITED_SENTENCE = 0.9   # a shared sentence with less than this share in the other was edited
EDITED_SHARE = 0.2      # a text with this share of edited sentences is a house-style edit


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Evidence:
    """How two comparison texts relate. `shorter` is 0 or 1: which of the pair is A."""

    containment: float
    jaccard: float
    trimmed_containment: float    # A's containment once its own opening is set aside
    lead_share: float             # the share of A that its own opening makes up
    kind: str                     # exact, excerpt, lead-in, edit or revision
    shorter: int

    def is_copy(self, resemblance: float, containment: float) -> bool:
        """True when the pair passes one of the three tests."""
        return (self.jaccard >= resemblance or self.containment >= containment
                or (self.lead_share <= LEAD_IN_SHARE
                    and self.trimmed_containment >= containment))


def found_in(values: np.ndarray, sorted_unique: np.ndarray) -> np.ndarray:
    """Which of `values` are in `sorted_unique` (sorted, no repeats): `np.isin` by
    binary search, without sorting both arrays again for each of the many pairs."""
    if not len(sorted_unique):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(sorted_unique, values)
    np.minimum(at, len(sorted_unique) - 1, out=at)
    return sorted_unique[at] == values


def could_be_copy(first: ComparisonText, second: ComparisonText, resemblance: float,
                  containment: float) -> bool:
    """False only for a pair `compare` would find is no copy, from the two counts
    that bound its three tests (most LSH candidates are far from every threshold,
    and this costs a fraction of `compare`)."""
    a, b = (second, first) if len(second.unique) < len(first.unique) else (first, second)
    if not len(a.unique):
        return False
    common = int(found_in(a.unique, b.unique).sum())
    # The same arithmetic as `compare`, so a borderline pair is not lost to rounding.
    if common / len(a.unique) >= containment or \
            common / (len(a.unique) + len(b.unique) - common) >= resemblance:
        return True
    # The third test reads the text once an opening of at most LEAD_IN_SHARE of its
    # shingles is set aside: what is left holds at most all of A's shingles found in
    # B, and is at least (1 - LEAD_IN_SHARE) of A.
    found = int(found_in(a.hashes, b.unique).sum())
    return found >= containment * (1 - LEAD_IN_SHARE) * len(a.hashes) * (1 - 1e-9)


def compare(first: ComparisonText, second: ComparisonText) -> Evidence:
    """Exact containment, resemblance and the shape of the difference."""
    shorter = 1 if len(second.unique) < len(first.unique) else 0
    a, b = (second, first) if shorter else (first, second)
    if not len(a.unique):
        return Evidence(0.0, 0.0, 0.0, 1.0, "revision", shorter)
    common = int(found_in(a.unique, b.unique).sum())
    containment = common / len(a.unique)
    jaccard = common / (len(a.unique) + len(b.unique) - common)
    shares_a = _sentence_shares(a, b)
    shared_a = shares_a >= SHARED_SENTENCE
    shared_b = _sentence_shares(b, a) >= SHARED_SENTENCE
    weights_a = np.bincount(a.sentence, minlength=a.sentences)
    lead = _lead_sentences(shared_a)
    lead_shingles = int(weights_a[:lead].sum())
    lead_share = lead_shingles / len(a.hashes)
    rest = a.hashes[a.sentence >= lead]
    trimmed = float(found_in(rest, b.unique).mean()) if len(rest) else 0.0
    edited = float(((shares_a >= SHARED_SENTENCE) & (shares_a < EDITED_SENTENCE)).mean())
    kind = _kind(a, b, shared_a, shared_b, edited)
    return Evidence(containment, jaccard, trimmed, lead_share, kind, shorter)


def _sentence_shares(text: ComparisonText, other: ComparisonText) -> np.ndarray:
    """For each sentence of `text`, the share of its shingles found in `other`."""
    found = found_in(text.hashes, other.unique)
    total = np.bincount(text.sentence, minlength=text.sentences)
    hits = np.bincount(text.sentence, weights=found, minlength=text.sentences)
    return hits / np.maximum(total, 1)


def _lead_sentences(shared: np.ndarray) -> int:
    """How many sentences open the text before its first shared one."""
    positions = np.flatnonzero(shared)
    return int(positions[0]) if len(positions) else len(shared)


def _passages(text: ComparisonText, shared: np.ndarray) -> set[str]:
    """Where the text's own passages lie: `lead`, `middle` and/or `tail`."""
    weights = np.bincount(text.sentence, minlength=text.sentences)
    total = max(1, int(weights.sum()))
    found: set[str] = set()
    start = None
    for index in range(len(shared) + 1):
        own = index < len(shared) and not shared[index]
        if own and start is None:
            start = index
        elif not own and start is not None:
            if weights[start:index].sum() >= PASSAGE_SHARE * total:
                found.add("lead" if start == 0 else "tail" if index == len(shared)
                          else "middle")
            start = None
    return found


def _kind(a: ComparisonText, b: ComparisonText, shared_a: np.ndarray,
          shared_b: np.ndarray, edited: float) -> str:
    """Name the shape of the copy from where each text's own passages lie, and from
    the share of the shorter text's sentences that were edited."""
    own_a = 1 - float(found_in(a.hashes, b.unique).mean()) if len(a.hashes) else 1.0
    in_a, in_b = _passages(a, shared_a), _passages(b, shared_b)
    if own_a <= EXACT_OWN_SHARE and not in_b and edited < EDITED_SHARE:
        return "exact"                     # the same text; page furniture may differ
    if not in_a:
        if edited >= EDITED_SHARE or in_b <= {"middle"}:
            return "edit"                  # words changed throughout, paragraphs cut
        if "tail" in in_b and "lead" not in in_b:
            return "excerpt"               # the shorter text is a cut of the longer
        if in_b == {"lead"}:
            return "lead-in"               # the longer text is a lead-in and the shorter
    if in_a == {"lead"} and "middle" not in in_b:
        return "lead-in"                   # an opening of its own, then the other's text
    return "revision"                  # the longer text adds paragraphs
