"""Candidate copy pairs without comparing all pairs: prefix filtering on rare shingles.

Part of the dedupe stage. A text that holds a share t of another's shingles must
hold one of the other's rarest |Q| - ceil(t|Q|) + 1 shingles, so each text looks
up only those, in an index of which texts hold each shingle (sorted NumPy arrays).
Unlike MinHash LSH, which this replaced (its LSH Ensemble's false positives grew
faster than the square of the corpus: 46,000 candidates at 5,000 articles,
700,000 at 10,000), it misses no pair above the query thresholds, and rare
shingles occur in few texts, so the work grows with the number of texts. Every
candidate is confirmed exactly by `evidence.compare`. The search is cut in shards
by shingle, so a cluster's workers can share it (`candidate_pairs`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..executors import IN_PROCESS, Workers, given, no_setup
from .comparison import ComparisonText
from .evidence import found_in

MARGIN = 0.15           # query below the thresholds, then confirm exactly
QUERY_BLOCK = 1024      # texts whose queries are cut to their prefixes at a time
PAIR_BLOCK = 1 << 18    # prefix entries looked up at a time in one shard


def candidate_pairs(texts: list[ComparisonText], resemblance: float, containment: float,
                    lead_in_share: float, workers: Workers = IN_PROCESS,
                    shards: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j, sorted) where one text may hold the other, found exactly by
    prefix filtering: a text B that holds a share t of query set Q's shingles holds at
    least one of any |Q| - ceil(t|Q|) + 1 of them, so only the rarest that many are
    looked up, each in the list of texts it occurs in. Rare shingles occur in few
    texts, so the work grows with the number of texts, not with the number of pairs.

    Each whole text is queried at `MARGIN` below the lower of the two thresholds (a
    Jaccard of J implies a containment of at least J), and each text without its
    opening `lead_in_share` (a copy that adds a lead-in of its own) at `MARGIN`
    below containment.

    Written as map, shuffle by shingle, reduce, in the manner of Vernica, Carey and
    Li's set-similarity join: every (shingle, text) goes to shard `shingle % shards`,
    where `workers` count how many texts hold each shingle; each query keeps its
    rarest shingles; those go to the same shards, which pair each querying text
    with the other holders. Any number of shards finds the same pairs. They come
    back as two arrays, not a set of tuples (about ten per article).
    """
    count = shards or workers.shards(len(texts))
    holders = _Entries.of([t.unique for t in texts]).split(count)
    tallies = workers.map_shards(_tally, [h.keys for h in holders], no_setup)
    shares = QueryShares.of(resemblance, containment, lead_in_share)
    prefixes = [_prefixes(texts, start, tallies, shares)
                for start in range(0, len(texts), QUERY_BLOCK)]
    asking = _Entries(np.concatenate([p.keys for p in prefixes] or [_NO_KEYS]),
                      np.concatenate([p.owners for p in prefixes] or [_NO_OWNERS])).split(count)
    del prefixes, tallies
    found = workers.map_shards(_shard_pairs, list(zip(holders, asking, strict=True)), given,
                               len(texts))
    pairs = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    return pairs // max(len(texts), 1), pairs % max(len(texts), 1)


_NO_KEYS = np.zeros(0, dtype=np.uint64)
_NO_OWNERS = np.zeros(0, dtype=np.int32)


@dataclass(frozen=True, slots=True)
class _Entries:
    """(shingle, text) entries in two arrays: what the shuffle moves."""

    keys: np.ndarray        # uint64
    owners: np.ndarray      # int32

    @classmethod
    def of(cls, keys: list[np.ndarray]) -> _Entries:
        """An entry for each of item i's `keys[i]`."""
        lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
        return cls(np.concatenate(keys) if keys else _NO_KEYS,
                   np.repeat(np.arange(len(keys), dtype=np.int32), lengths))

    def split(self, count: int) -> list[_Entries]:
        """The entries of each shard, by shingle: shard `key % count`."""
        if count == 1:
            return [self]
        shard = self.keys % np.uint64(count)
        return [_Entries(self.keys[shard == s], self.owners[shard == s]) for s in range(count)]


def _tally(_: None, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Reduce, first round: the distinct shingles of a shard and how many texts hold each."""
    values, counts = np.unique(keys, return_counts=True)
    return values, counts.astype(np.int32)


@dataclass(frozen=True)
class QueryShares:
    """The share of its shingles each query asks another text to hold: the whole text,
    and its body (the text without its opening `lead_in` share)."""

    whole: float
    body: float
    lead_in: float

    @classmethod
    def of(cls, resemblance: float, containment: float, lead_in_share: float) -> QueryShares:
        return cls(max(0.05, min(resemblance, containment) - MARGIN),
                   max(0.05, containment - MARGIN), lead_in_share)


def _queries(text: ComparisonText, shares: QueryShares) -> list[tuple[np.ndarray, float]]:
    """A text's queries, each with the share it asks for: none for an empty text."""
    if not len(text.unique):
        return []
    found = [(text.unique, shares.whole)]
    body = np.unique(text.hashes[math.ceil(len(text.hashes) * shares.lead_in):])
    if 0 < len(body) < len(text.unique):
        found.append((body, shares.body))
    return found


def _needed(size: int, share: float) -> int:
    """How many of a query's `size` shingles another text must hold for prefix
    filtering to be sure to find it (the arithmetic of `_prefixes`)."""
    return max(1, math.ceil(share * size - 1e-9))


def surely_paired(first: ComparisonText, second: ComparisonText, shares: QueryShares) -> bool:
    """Whether `candidate_pairs` finds the pair whatever the rest of the corpus: one
    text holds the share of one of the other's queries that the query asks for.

    Prefix filtering also finds some pairs below that, but which depends on how rare
    each shingle is in the whole corpus. Dedupe counts only pairs found for sure, so
    an edit to one article cannot change whether two others are copies, and the
    pairs an earlier build found can be kept (`pairs_with`).
    """
    for asking, other in ((first, second), (second, first)):
        for keys, share in _queries(asking, shares):
            if int(found_in(keys, other.unique).sum()) >= _needed(len(keys), share):
                return True
    return False


def query_least(text: ComparisonText, shares: QueryShares) -> int:
    """The fewest shingles another text must share with `text` for one of its queries
    to be sure to find that text (more than it has, for an empty text)."""
    return min((_needed(len(keys), share) for keys, share in _queries(text, shares)),
               default=len(text.unique) + 1)


def pairs_with(texts: list[ComparisonText], changed: list[int], shares: QueryShares,
               least: Sequence[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j, sorted) of each `changed` text with every text it may be
    `surely_paired` with: one whose shingles in common reach the least any query of
    either needs (`least`, each text's `query_least`, if known). Each changed text
    is compared with all the others' shingles at once, so this is quicker than
    `candidate_pairs` for a few changed texts only."""
    entries = _Entries.of([t.unique for t in texts])
    needs = np.array(least if least is not None else [query_least(t, shares) for t in texts],
                     dtype=np.int64)
    found = [np.zeros(0, dtype=np.int64)]
    for i in changed:
        if not len(texts[i].unique):
            continue
        held = found_in(entries.keys, texts[i].unique)
        common = np.bincount(entries.owners[held], minlength=len(texts))
        others = np.flatnonzero(common >= np.minimum(needs, needs[i]))
        others = others[others != i]
        found.append(np.minimum(others, i) * len(texts) + np.maximum(others, i))
    pairs = np.unique(np.concatenate(found))
    return pairs // max(len(texts), 1), pairs % max(len(texts), 1)


def _prefixes(texts: list[ComparisonText], start: int,
              tallies: list[tuple[np.ndarray, np.ndarray]], query_shares: QueryShares
              ) -> _Entries:
    """The rarest shingles each query of texts[start:start + QUERY_BLOCK] must look up,
    ties broken by the shingle, with the querying text as owner."""
    queries: list[np.ndarray] = []
    owners: list[int] = []
    shares: list[float] = []
    for i in range(start, min(start + QUERY_BLOCK, len(texts))):
        for keys, share in _queries(texts[i], query_shares):
            queries.append(keys)
            shares.append(share)
        owners.extend([i] * (len(queries) - len(owners)))
    if not queries:
        return _Entries(_NO_KEYS, _NO_OWNERS)
    sizes = np.fromiter((len(q) for q in queries), dtype=np.int64, count=len(queries))
    keys = np.concatenate(queries)
    query = np.repeat(np.arange(len(queries)), sizes)
    frequency = _frequencies(keys, tallies)
    order = np.lexsort((keys, frequency, query))
    keys, query = keys[order], query[order]
    rank = np.arange(len(keys)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    query_share = np.array(shares)
    needed = np.maximum(1, sizes - np.ceil(query_share * sizes - 1e-9).astype(np.int64) + 1)
    keep = rank < needed[query]
    return _Entries(keys[keep], np.array(owners, dtype=np.int32)[query[keep]])


def _frequencies(keys: np.ndarray, tallies: list[tuple[np.ndarray, np.ndarray]]
                 ) -> np.ndarray:
    """How many texts hold each of `keys`, from the shards' tallies."""
    if len(tallies) == 1:
        values, counts = tallies[0]
        return counts[_sorted_search(values, keys)]
    frequency = np.zeros(len(keys), dtype=np.int64)
    shard = keys % np.uint64(len(tallies))
    for number, (values, counts) in enumerate(tallies):
        here = shard == number
        frequency[here] = counts[_sorted_search(values, keys[here])]
    return frequency


def _sorted_search(values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """`np.searchsorted(values, keys)`, the keys looked up in ascending order: a binary
    search per key in random order misses the processor's caches, and took five
    times as long for a million keys."""
    if len(keys) < 1024:
        return np.searchsorted(values, keys)
    order = np.argsort(keys)
    at = np.empty(len(keys), dtype=np.int64)
    at[order] = np.searchsorted(values, keys[order])
    return at


def _shard_pairs(settings: tuple[int], shard: tuple[_Entries, _Entries]) -> np.ndarray:
    """Reduce, second round: each querying text paired with every other text holding
    one of its prefix shingles in this shard, as `low * size + high` (`size`: the
    number of texts), once each."""
    (size,), (holders, asking) = settings, shard
    postings = Postings.from_entries(holders.keys, holders.owners)
    found = [np.zeros(0, dtype=np.int64)]
    for start in range(0, len(asking.keys), PAIR_BLOCK):
        keys = asking.keys[start:start + PAIR_BLOCK]
        at, lengths = postings.runs(keys)
        mine = np.repeat(asking.owners[start:start + PAIR_BLOCK].astype(np.int64), lengths)
        theirs = postings.owners[at].astype(np.int64)
        other = mine != theirs
        mine, theirs = mine[other], theirs[other]
        found.append(np.unique(np.minimum(mine, theirs) * size + np.maximum(mine, theirs)))
    return np.unique(np.concatenate(found))


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
    firsts: np.ndarray      # where each one's items start in `owners`

    @classmethod
    def of(cls, keys: list[np.ndarray]) -> Postings:
        """The postings of item i's distinct `keys[i]`."""
        entries = _Entries.of(keys)
        return cls.from_entries(entries.keys, entries.owners)

    @classmethod
    def from_entries(cls, keys: np.ndarray, owners: np.ndarray) -> Postings:
        """The postings of (keys[k], owners[k]) entries, each pair at most once."""
        order = np.argsort(keys, kind="stable")       # items stay ascending within a key
        keys, owners = keys[order], owners[order]
        del order
        first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) \
            else np.zeros(0, dtype=np.int64)
        return cls(keys, owners, keys[first], np.diff(np.r_[first, len(keys)]), first)

    def owners_of(self, keys: np.ndarray, most: int | None = None) -> np.ndarray:
        """The items holding each of `keys`, one entry per (key, item); keys held by more
        than `most` items are left out."""
        at, _ = self.runs(keys, most)
        return self.owners[at]

    def runs(self, keys: np.ndarray, most: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Where in `owners` the holders of each of `keys` are, and how many each has
        (left out, as 0, when more than `most`)."""
        if not len(self.values):
            return np.zeros(0, dtype=np.int64), np.zeros(len(keys), dtype=np.int64)
        found = np.minimum(_sorted_search(self.values, keys), len(self.values) - 1)
        held = self.values[found] == keys
        if most is not None:
            held &= self.counts[found] <= most
        starts = np.where(held, self.firsts[found], 0)
        lengths = np.where(held, self.counts[found], 0)
        at = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + \
            np.arange(int(lengths.sum()))
        return at, lengths
