"""Stories: articles about the same event, within a few days, sharing its specifics.

Part of the extract stage. Each article is a TF-IDF vector of its title and text
(`tfidf.py`, from term counts the workers make and the results cache keeps;
English stop words out, and words so common in the corpus that they say what
the briefing is about rather than which event an article covers).
Rare words weigh most, so shared names, numbers and terms carry the similarity.
Two articles that carry the same quote are at least `QUOTE_SIMILARITY` alike.

Only articles whose dates are within the time window are compared (blocking by
date, then a chunked sparse product), so the work follows the number of similar
pairs, not the square of the corpus. The pairs are clustered by average linkage
with a cutoff (`linkage.py`): clusters merge only when their members are alike
on average, never through one bridging article, and never when the merged
story would span more days than the window. An undated article is placed by the
latest date it mentions; one with no date at all joins only at a higher cutoff.
Each story is titled by `story_titles.story_titles`. Both the search and the
clustering are cut in shards, by time and by connected component, for the workers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix

from ..executors import IN_PROCESS, Workers, given, no_setup
from ..model import Article, Quote, Story
from ..slugs import claim_slug
from .linkage import EMPTY, Pairs, linkage_in_shards
from .story_titles import Headlines, headlines, story_titles
from .tfidf import TermCounts, Tfidf, term_counts

QUOTE_SIMILARITY = 0.3     # carrying the same quote makes two articles at least this alike
UNDATED_FACTOR = 1.5       # an article with no date at all needs this much more
CANDIDATE_FLOOR = 0.02     # pairs less alike than this count as unrelated (0)
# A word in more articles than this says what the briefing is about, not which
# event an article covers; leaving it out of the comparison keeps the sparse
# product's cost linear in the corpus (at most this many partners per word).
COMMON_WORD_ARTICLES = 1000
PRODUCT_CELLS = 2_000_000  # rows per chunk of the product: at most this many cells each
# Each article keeps at most this many of its most similar later partners, so a
# window crowded with loosely related coverage cannot make the graph quadratic.
MAX_PARTNERS = 50


def cluster_stories(articles: tuple[Article, ...], reference_date: Mapping[str, date | None],
                    quotes: tuple[Quote, ...], cutoff: float, days: int,
                    workers: Workers = IN_PROCESS) -> tuple[Story, ...]:
    """Stories by average linkage of article similarity, each within `days` days; the
    similarity search and the clustering are cut in shards for `workers`."""
    if not articles:
        return ()
    ordered = sorted(articles, key=lambda a: a.path)
    dates = [reference_date.get(a.id) for a in ordered]
    terms = workers.map(_article_terms, ordered, no_setup)
    fitted = _tfidf([counts for counts, _ in terms])
    similar = EMPTY if fitted is None else Pairs(
        *similar_pairs(fitted[0], CANDIDATE_FLOOR, dates, days, workers))
    pairs = similar.merged(_quote_pairs(ordered, quotes))
    clusters = linkage_in_shards(len(ordered), pairs, dates, cutoff, days, UNDATED_FACTOR,
                                 workers)
    groups = [[ordered[i] for i in members] for members in clusters]
    titles = [g[0].title for g in groups] if fitted is None else [
        t.text for t in story_titles(groups, fitted[0], clusters, fitted[1], dates,
                                     [offer for _, offer in terms])]
    stories = []
    taken: set[str] = set()
    for group, title in zip(groups, titles, strict=True):
        slug = claim_slug(title, group[0].path, taken)
        stories.append(Story(slug, title, tuple(a.id for a in group)))
    return tuple(sorted(stories, key=lambda s: (-len(s.article_ids), s.title.casefold())))


def _quote_pairs(ordered: list[Article], quotes: tuple[Quote, ...]) -> Pairs:
    """The (first, other) index pairs of articles that carry the same quote, each
    `QUOTE_SIMILARITY` alike."""
    position = {a.id: i for i, a in enumerate(ordered)}
    pairs: set[tuple[int, int]] = set()
    for quote in quotes:
        cited = sorted({position[c.article_id] for c in quote.citations
                        if c.article_id in position})
        pairs.update((cited[0], other) for other in cited[1:])
    return Pairs.of((i, j, QUOTE_SIMILARITY) for i, j in pairs)


def _article_terms(_: None, article: Article) -> tuple[TermCounts, Headlines]:
    """An article's terms, title and text, and its candidate headlines with theirs
    (run by the workers, kept by their cache)."""
    return (term_counts(article.title + "\n" + " ".join(b.text for b in article.blocks)),
            headlines(article))


def _tfidf(counted: list[TermCounts]) -> tuple[csr_matrix, Tfidf] | None:
    """Unit-length TF-IDF rows, without the words too common to tell events apart."""
    fitted = Tfidf.fit(counted)
    if fitted is None:                     # nothing but stop words
        return None
    matrix, model = fitted
    spread = np.bincount(matrix.indices, minlength=matrix.shape[1])
    common = np.flatnonzero(spread > COMMON_WORD_ARTICLES)
    if len(common):
        matrix = matrix.tocsc()
        for column in common:
            matrix.data[matrix.indptr[column]:matrix.indptr[column + 1]] = 0.0
        matrix = csr_matrix(matrix)
        matrix.eliminate_zeros()
    return matrix, model


def similar_pairs(vectors: csr_matrix, floor: float, dates: list[date | None], days: int,
                  workers: Workers = IN_PROCESS, shards: int | None = None
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs (i < j) whose cosine similarity is at least `floor`, and the similarity,
    among articles at most `days` apart (an undated article is compared with all).

    Dated articles are taken in date order, a block of rows at a time, against the
    articles dated within the window of that block and the undated ones; undated
    articles are then compared among themselves. Each product is thinned at once,
    so memory follows the number of similar pairs, never the square of the corpus.
    The blocks are cut into shards by time (`shards`, or a few per worker), each
    shipped with the rows its window reads, and undated ones make a shard of their
    own: the same pairs however many shards.
    """
    size = vectors.shape[0]
    empty = np.zeros(0, dtype=np.int64)
    if size < 2:
        return empty, empty, np.zeros(0)
    dated = sorted((d.toordinal(), i) for i, d in enumerate(dates) if d is not None)
    order = np.array([i for _, i in dated], dtype=np.int64)
    ordinal = np.array([d for d, _ in dated], dtype=np.int64)
    undated = np.array([i for i, d in enumerate(dates) if d is None], dtype=np.int64)
    step = max(1, PRODUCT_CELLS // size)
    blocks = np.arange(0, len(order), step)
    count = shards or workers.shards(size)
    tasks = [_window(vectors, order, ordinal, undated, int(part[0]),
                     int(min(part[-1] + step, len(order))), days)
             for part in (np.array_split(blocks, min(count, len(blocks))) if len(blocks) else [])]
    if len(undated) > 1:
        tasks.append(_Window(vectors if len(undated) == size else vectors[undated], undated,
                             empty, empty, 0, 0, 0, undated))
    found = [f for part in workers.map_shards(_window_pairs, tasks, given,
                                              step, floor, days) for f in part]
    if not found:
        return empty, empty, np.zeros(0)
    first = np.concatenate([f[0] for f in found])
    second = np.concatenate([f[1] for f in found])
    low_index, high_index = np.minimum(first, second), np.maximum(first, second)
    return low_index, high_index, np.concatenate([f[2] for f in found])


@dataclass(frozen=True, slots=True)
class _Window:
    """A shard of the similarity search: the dated articles at positions start..stop of
    the date order against later ones within `days` and the undated ones, or (when
    start == stop) the undated ones among themselves. Positions are in the whole date
    order; `order` and `ordinal` hold its part from `offset` on that the shard reads,
    and `vectors` the rows of `ids` (ascending article indices)."""

    vectors: csr_matrix
    ids: np.ndarray
    order: np.ndarray
    ordinal: np.ndarray
    offset: int
    start: int
    stop: int
    undated: np.ndarray


def _window(vectors: csr_matrix, order: np.ndarray, ordinal: np.ndarray,
            undated: np.ndarray, start: int, stop: int, days: int) -> _Window:
    """The shuffle: the shard of positions start..stop with the rows its windows read."""
    low = int(np.searchsorted(ordinal, ordinal[start] - days, side="left"))
    high = int(np.searchsorted(ordinal, ordinal[stop - 1] + days, side="right"))
    ids = np.union1d(order[low:high], undated)
    rows = vectors if len(ids) == vectors.shape[0] else vectors[ids]
    return _Window(rows, ids, order[low:high], ordinal[low:high], low, start, stop, undated)


def _window_pairs(settings: tuple[int, float, int], window: _Window
                  ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Reduce: the similar pairs of one shard, in article indices, block by block."""
    step, floor, days = settings
    if window.start == window.stop:
        return _undated_pairs(window, step, floor)
    found = []
    order, ordinal, offset = window.order, window.ordinal, window.offset
    beyond = offset + len(order)           # stands for "undated" among positions
    for start in range(window.start, window.stop, step):
        here = start - offset
        rows = order[here:here + step]
        low = offset + np.searchsorted(ordinal, ordinal[here] - days, side="left")
        high = offset + np.searchsorted(ordinal, ordinal[here + len(rows) - 1] + days,
                                        side="right")
        # Later dated articles only (each pair once), and every undated one.
        columns = np.concatenate([order[max(low, start) - offset:high - offset],
                                  window.undated])
        position = np.arange(start, start + len(rows))
        later = np.concatenate([np.arange(max(low, start), high),
                                np.full(len(window.undated), beyond)])
        row_i, col_j, value = _product(window, rows, columns, floor)
        keep = later[col_j] > position[row_i]
        within = np.abs(ordinal[np.minimum(later[col_j], beyond - 1) - offset]
                        - ordinal[position[row_i] - offset]) <= days
        keep &= within | (later[col_j] == beyond)
        found.append(_strongest(rows[row_i[keep]], columns[col_j[keep]], value[keep]))
    return found


def _undated_pairs(window: _Window, step: int, floor: float
                   ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The similar pairs among the undated articles, a block of rows at a time."""
    found = []
    undated = window.undated
    for start in range(0, len(undated), step):
        rows = undated[start:start + step]
        row_i, col_j, value = _product(window, rows, undated, floor)
        keep = col_j > row_i + start
        found.append(_strongest(rows[row_i[keep]], undated[col_j[keep]], value[keep]))
    return found


def _strongest(first: np.ndarray, second: np.ndarray, value: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """At most `MAX_PARTNERS` pairs per first index: the most similar ones."""
    order = np.lexsort((-value, first))
    first, second, value = first[order], second[order], value[order]
    starts = np.flatnonzero(np.r_[True, first[1:] != first[:-1]]) if len(first) else first
    rank = np.arange(len(first)) - np.repeat(starts, np.diff(np.r_[starts, len(first)]))
    keep = rank < MAX_PARTNERS
    return first[keep], second[keep], value[keep]


def _product(window: _Window, rows: np.ndarray, columns: np.ndarray, floor: float
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions (in `rows`, in `columns`: article indices) and values of the
    row·column products ≥ floor."""
    if not len(rows) or not len(columns):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    vectors = window.vectors
    block = (vectors[np.searchsorted(window.ids, rows)]
             @ vectors[np.searchsorted(window.ids, columns)].T).tocoo()
    keep = block.data >= floor
    return (block.row[keep].astype(np.int64), block.col[keep].astype(np.int64),
            block.data[keep])
