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
combined from its parts; roughly O(E log E) for E similar pairs.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date


@dataclass
class _Cluster:
    members: list[int]
    first: date | None
    last: date | None
    neighbours: dict[int, float]      # cluster id -> summed similarity of all member pairs


def average_linkage(size: int, pairs: list[tuple[int, int, float]],
                    dates: list[date | None], cutoff: float, days: int,
                    undated_factor: float) -> list[list[int]]:
    """Clusters (lists of item indices, each sorted) of `size` items.

    `pairs` are (i, j, similarity) with i != j, each pair at most once.
    """
    clusters: dict[int, _Cluster] = {
        i: _Cluster([i], dates[i], dates[i], {}) for i in range(size)}
    for i, j, value in pairs:
        clusters[i].neighbours[j] = clusters[i].neighbours.get(j, 0.0) + value
        clusters[j].neighbours[i] = clusters[j].neighbours.get(i, 0.0) + value
    adjacent = {i: dict(c.neighbours) for i, c in clusters.items()}
    heap: list[tuple[float, int, int]] = []
    for i, cluster in clusters.items():
        for j, total in cluster.neighbours.items():
            if i < j:
                heap.append((-total, i, j))            # the mean of one pair is its value
    heapq.heapify(heap)
    next_id = size
    while heap:
        negative, i, j = heapq.heappop(heap)
        if i not in clusters or j not in clusters:
            continue                                   # merged since this was pushed
        one, two, mean = clusters[i], clusters[j], -negative
        if not _mergeable(one, two, mean, cutoff, days, undated_factor) or \
                not _cohesive(one, two, adjacent, mean * len(one.members) * len(two.members),
                              cutoff):
            continue
        merged = _merge(one, two, i, j)
        del clusters[i], clusters[j]
        for other, total in merged.neighbours.items():
            neighbour = clusters[other].neighbours
            neighbour.pop(i, None)
            neighbour.pop(j, None)
            neighbour[next_id] = total
            heapq.heappush(heap, (-total / len(clusters[other].members) / len(merged.members),
                                  other, next_id))
        clusters[next_id] = merged
        next_id += 1
    return sorted(sorted(c.members) for c in clusters.values())


def _mergeable(one: _Cluster, two: _Cluster, mean: float, cutoff: float, days: int,
               undated_factor: float) -> bool:
    """Close enough on average, and together within the time span."""
    undated = one.first is None or two.first is None
    if mean < cutoff * (undated_factor if undated else 1.0):
        return False
    if one.first is None or two.first is None or one.last is None or two.last is None:
        return True
    return (max(one.last, two.last) - min(one.first, two.first)).days <= days


def _cohesive(one: _Cluster, two: _Cluster, adjacent: dict[int, dict[int, float]],
              total: float, cutoff: float) -> bool:
    """The mean still reaches the cutoff when the member of a side (of two or more) that
    is most like the other side is left out."""
    for side, other in ((one, two), (two, one)):
        if len(side.members) < 2:
            continue
        members = set(other.members)
        top = max(sum(v for k, v in adjacent[item].items() if k in members)
                  for item in side.members)
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
