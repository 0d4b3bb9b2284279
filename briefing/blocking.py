"""Candidate pairs without comparing all pairs: items that share a key become candidates.

Shared by the extractors that merge near-equal items (quotes carried by several
outlets, one event told by several articles). Comparing every new item with
every kept one costs the square of their number; here an item is compared only
with those sharing one of its keys (word pairs, say). A key shared by more than
`max_postings` items says little about any of them ("of the") and is not used
to find candidates, so no key can make the work quadratic again.
"""

from __future__ import annotations

from collections.abc import Iterable


class CandidateIndex:
    """Posting lists from keys to the ids of the items added under them."""

    def __init__(self, max_postings: int = 64) -> None:
        self._postings: dict[str, list[int]] = {}
        self._max = max_postings

    def add(self, item: int, keys: Iterable[str]) -> None:
        """File `item` under each of `keys` (each key once)."""
        for key in set(keys):
            postings = self._postings.setdefault(key, [])
            if len(postings) <= self._max and item not in postings:
                postings.append(item)

    def candidates(self, keys: Iterable[str]) -> list[int]:
        """Ids filed under any of `keys`, each once, smallest first.

        Keys filed under more than `max_postings` items are skipped.
        """
        found: set[int] = set()
        for key in set(keys):
            postings = self._postings.get(key, ())
            if len(postings) <= self._max:
                found.update(postings)
        return sorted(found)
