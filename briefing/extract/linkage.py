"""Average-linkage clustering over a sparse similarity graph, with a time-span limit.

Part of the extract stage (stories). Connected components of "similar" pairs
chain: A is like B, B like C, and weeks of coverage become one story. Average
linkage merges two clusters only when the mean similarity over *every* pair of
their members reaches the cutoff. Pairs missing from the graph count as 0.
A cohesion check then makes sure no single article carries a merge: with the
member that contributes most left out of a side of two or more, the mean must
still reach the cutoff (a digest of two events, very like one article of each,
does not join the events).

Each cluster also keeps the earliest and latest date of its dated members; a
merge that would make it span more than `days` is refused, and since spans only
grow, that pair is never reconsidered. A cluster of undated articles only must
reach a higher cutoff (`undated_factor` × cutoff) to join another.

Cost: a heap of candidate merges, with the neighbour sums of a merged cluster
combined from its parts; roughly O(E log E) for E similar pairs. Memory: the
pairs arrive as arrays (`Pairs`) and the graph the cohesion check reads stays
in arrays (`_Graph`); only pairs that could merge (alike at least the cutoff)
enter the heap. At 100,000 articles there are millions of pairs, and a Python
tuple, float and dict entry per pair and direction cost hundreds of bytes each.

Across workers (`linkage_in_shards`): no merge crosses a connected component of
the pairs alike at least the cutoff, so whole components are clustered apart, in
shards, with the same result.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from ..executors import IN_PROCESS, Workers, given


@dataclass(frozen=True)
class Pairs:
    """Similar pairs of items, `first[k] < second[k]`, each at most once, with their
    similarity `values[k]`."""

    first: np.ndarray       # int64
    second: np.ndarray      # int64
    values: np.ndarray      # float64

    @classmethod
    def of(cls, triples: Iterable[tuple[int, int, float]]) -> Pairs:
        """Pairs from (i, j, similarity) triples in either order; a pair given twice keeps
        its highest similarity."""
        listed = [(min(i, j), max(i, j), v) for i, j, v in triples]
        return cls(np.array([t[0] for t in listed], dtype=np.int64),
                   np.array([t[1] for t in listed], dtype=np.int64),
                   np.array([t[2] for t in listed], dtype=np.float64)).merged(EMPTY)

    def merged(self, other: Pairs) -> Pairs:
        """Both sets of pairs, sorted; a pair in both keeps its higher similarity."""
        first = np.concatenate([self.first, other.first])
        second = np.concatenate([self.second, other.second])
        values = np.concatenate([self.values, other.values])
        order = np.lexsort((-values, second, first))
        first, second, values = first[order], second[order], values[order]
        new = np.ones(len(first), dtype=bool)
        new[1:] = (first[1:] != first[:-1]) | (second[1:] != second[:-1])
        return Pairs(first[new], second[new], values[new])


EMPTY = Pairs(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))


@dataclass(frozen=True)
class _Graph:
    """Every item's similar items (ascending) and similarities, in compressed rows:
    `neighbours[start[i]:start[i + 1]]`."""

    start: np.ndarray
    neighbours: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, size: int, pairs: Pairs) -> _Graph:
        """Both directions of every pair, as scipy's compressed sparse rows."""
        matrix = csr_matrix((np.concatenate([pairs.values, pairs.values]),
                             (np.concatenate([pairs.first, pairs.second]),
                              np.concatenate([pairs.second, pairs.first]))),
                            shape=(size, size))
        matrix.sort_indices()
        return cls(matrix.indptr, matrix.indices, matrix.data)

    def row(self, item: int) -> dict[int, float]:
        """The item's similar items and similarities."""
        low, high = self.start[item], self.start[item + 1]
        return dict(zip(self.neighbours[low:high].tolist(), self.values[low:high].tolist(),
                        strict=True))

    def shared(self, item: int, members: set[int]) -> float:
        """The item's summed similarity to `members`."""
        low, high = self.start[item], self.start[item + 1]
        return sum(v for k, v in zip(self.neighbours[low:high].tolist(),
                                     self.values[low:high].tolist(), strict=True)
                   if k in members)


@dataclass
class _Cluster:
    members: list[int]
    first: date | None
    last: date | None
    neighbours: dict[int, float]      # cluster id -> summed similarity of all member pairs


def average_linkage(size: int, pairs: Pairs, dates: list[date | None], cutoff: float,
                    days: int, undated_factor: float) -> list[list[int]]:
    """Clusters (lists of item indices, each sorted) of `size` items."""
    graph = _Graph.of(size, pairs)
    clusters: dict[int, _Cluster] = {
        i: _Cluster([i], dates[i], dates[i], graph.row(i)) for i in range(size)}
    # A pair less alike than the cutoff never merges (the mean of one pair is its value).
    strong = pairs.values >= cutoff
    heap = list(zip((-pairs.values[strong]).tolist(), pairs.first[strong].tolist(),
                    pairs.second[strong].tolist(), strict=True))
    heapq.heapify(heap)
    next_id = size
    while heap:
        negative, i, j = heapq.heappop(heap)
        if i not in clusters or j not in clusters:
            continue                                   # merged since this was pushed
        one, two, mean = clusters[i], clusters[j], -negative
        if not _mergeable(one, two, mean, cutoff, days, undated_factor) or \
                not _cohesive(one, two, graph, mean * len(one.members) * len(two.members),
                              cutoff):
            continue
        merged = _merge(one, two, i, j)
        del clusters[i], clusters[j]
        for other, total in merged.neighbours.items():
            neighbour = clusters[other].neighbours
            neighbour.pop(i, None)
            neighbour.pop(j, None)
            neighbour[next_id] = total
            mean = total / len(clusters[other].members) / len(merged.members)
            if mean >= cutoff:
                heapq.heappush(heap, (-mean, other, next_id))
        clusters[next_id] = merged
        next_id += 1
    return sorted(sorted(c.members) for c in clusters.values())


def linkage_in_shards(size: int, pairs: Pairs, dates: list[date | None], cutoff: float,
                      days: int, undated_factor: float, workers: Workers = IN_PROCESS,
                      shards: int | None = None) -> list[list[int]]:
    """`average_linkage`, as shuffle by component and reduce: the same clusters.

    Two clusters merge only when their mean similarity reaches the cutoff, which
    needs at least one pair that alike between them, so no merge crosses a
    connected component of those pairs. Each shard clusters whole components
    (items renumbered in the same order, so ties break the same way); pairs across
    components are never read, and an item in no such pair stays alone.
    """
    count = shards or workers.shards(size)
    strong = pairs.values >= cutoff
    graph = csr_matrix((np.ones(int(strong.sum())), (pairs.first[strong], pairs.second[strong])),
                       shape=(size, size))
    _, component = connected_components(graph, directed=False)
    members = np.bincount(component, minlength=size)[component]
    shard = np.where(members > 1, component % count, -1)
    inside = (component[pairs.first] == component[pairs.second]) & (shard[pairs.first] >= 0)
    tasks = []
    for number in range(count):
        items = np.flatnonzero(shard == number)
        mine = inside & (shard[pairs.first] == number)
        tasks.append((items, Pairs(np.searchsorted(items, pairs.first[mine]),
                                   np.searchsorted(items, pairs.second[mine]), pairs.values[mine]),
                      [dates[i] for i in items.tolist()]))
    found = workers.map_shards(_cluster_shard, tasks, given, cutoff, days,
                               undated_factor)
    alone = [[i] for i in np.flatnonzero(shard < 0).tolist()]
    return sorted([*alone, *(cluster for clusters in found for cluster in clusters)])


def _cluster_shard(settings: tuple[float, int, float],
                   task: tuple[np.ndarray, Pairs, list[date | None]]) -> list[list[int]]:
    """Reduce: average linkage over one shard's components, in the items' own numbers."""
    items, pairs, dates = task
    return [items[cluster].tolist()
            for cluster in average_linkage(len(items), pairs, dates, *settings)]


def _mergeable(one: _Cluster, two: _Cluster, mean: float, cutoff: float, days: int,
               undated_factor: float) -> bool:
    """Close enough on average, and together within the time span."""
    undated = one.first is None or two.first is None
    if mean < cutoff * (undated_factor if undated else 1.0):
        return False
    if one.first is None or two.first is None or one.last is None or two.last is None:
        return True
    return (max(one.last, two.last) - min(one.first, two.first)).days <= days


def _cohesive(one: _Cluster, two: _Cluster, graph: _Graph, total: float,
              cutoff: float) -> bool:
    """The mean still reaches the cutoff when the member of a side (of two or more) that
    is most like the other side is left out."""
    for side, other in ((one, two), (two, one)):
        if len(side.members) < 2:
            continue
        members = set(other.members)
        top = max(graph.shared(item, members) for item in side.members)
        if (total - top) / ((len(side.members) - 1) * len(other.members)) < cutoff:
            return False
    return True


def _merge(one: _Cluster, two: _Cluster, i: int, j: int) -> _Cluster:
    """The union of two clusters, its dates and its neighbour sums."""
    firsts = [d for d in (one.first, two.first) if d is not None]
    lasts = [d for d in (one.last, two.last) if d is not None]
    small, large = sorted((one.neighbours, two.neighbours), key=len)
    neighbours = dict(large)
    for other, total in small.items():
        neighbours[other] = neighbours.get(other, 0.0) + total
    neighbours.pop(i, None)
    neighbours.pop(j, None)
    return _Cluster(one.members + two.members, min(firsts) if firsts else None,
                    max(lasts) if lasts else None, neighbours)
