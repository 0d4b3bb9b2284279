"""Stories: articles about the same event, within a few days, sharing its specifics.

Part of the extract stage. Each article is a TF-IDF vector of its title and text
(scikit-learn; English stop words out, and words so common in the corpus that
they say what the briefing is about rather than which event an article covers).
Rare words weigh most, so shared names, numbers and terms carry the similarity.
Two articles that carry the same quote are at least `QUOTE_SIMILARITY` alike.

Only articles whose dates are within the time window are compared (blocking by
date, then a chunked sparse product), so the work follows the number of similar
pairs, not the square of the corpus. The pairs are clustered by average linkage
with a cutoff (`linkage.py`): clusters merge only when their members are alike
on average, never through one bridging article, and never when the merged
story would span more days than the window. An undated article is placed by the
latest date it mentions; one with no date at all joins only at a higher cutoff.
Each story is titled by `story_titles.story_titles`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from scipy.sparse import csr_matrix

if TYPE_CHECKING:     # scikit-learn takes seconds to import: only when stories are made
    from sklearn.feature_extraction.text import TfidfVectorizer

from ..model import Article, Quote, Story
from ..slugs import claim_slug
from .linkage import EMPTY, Pairs, average_linkage
from .story_titles import story_titles

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
                    quotes: tuple[Quote, ...], cutoff: float, days: int) -> tuple[Story, ...]:
    """Stories by average linkage of article similarity, each within `days` days."""
    if not articles:
        return ()
    ordered = sorted(articles, key=lambda a: a.path)
    dates = [reference_date.get(a.id) for a in ordered]
    fitted = _tfidf(ordered)
    similar = EMPTY if fitted is None else Pairs(
        *similar_pairs(fitted[0], CANDIDATE_FLOOR, dates, days))
    pairs = similar.merged(_quote_pairs(ordered, quotes))
    clusters = average_linkage(len(ordered), pairs, dates, cutoff, days, UNDATED_FACTOR)
    groups = [[ordered[i] for i in members] for members in clusters]
    titles = [g[0].title for g in groups] if fitted is None else [
        t.text for t in story_titles(groups, fitted[0], clusters, fitted[1], dates)]
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


def _tfidf(articles: list[Article]) -> tuple[csr_matrix, TfidfVectorizer] | None:
    """Unit-length TF-IDF rows, without the words too common to tell events apart."""
    # A generator: the vectorizer reads each text once, so the corpus is never held
    # twice over (at 100,000 articles that copy was hundreds of megabytes).
    texts = (a.title + "\n" + " ".join(b.text for b in a.blocks) for a in articles)
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    try:
        matrix = csr_matrix(vectorizer.fit_transform(texts))
    except ValueError:                     # nothing but stop words
        return None
    spread = np.bincount(matrix.indices, minlength=matrix.shape[1])
    common = np.flatnonzero(spread > COMMON_WORD_ARTICLES)
    if len(common):
        matrix = matrix.tocsc()
        for column in common:
            matrix.data[matrix.indptr[column]:matrix.indptr[column + 1]] = 0.0
        matrix = csr_matrix(matrix)
        matrix.eliminate_zeros()
    return matrix, vectorizer


def similar_pairs(vectors: csr_matrix, floor: float, dates: list[date | None], days: int
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs (i < j) whose cosine similarity is at least `floor`, and the similarity,
    among articles at most `days` apart (an undated article is compared with all).

    Dated articles are taken in date order, a block of rows at a time, against the
    articles dated within the window of that block and the undated ones; undated
    articles are then compared among themselves. Each product is thinned at once,
    so memory follows the number of similar pairs, never the square of the corpus.
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
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in range(0, len(order), step):
        rows = order[start:start + step]
        low = np.searchsorted(ordinal, ordinal[start] - days, side="left")
        high = np.searchsorted(ordinal, ordinal[min(start + step, len(order)) - 1] + days,
                               side="right")
        # Later dated articles only (each pair once), and every undated one.
        columns = np.concatenate([order[max(low, start):high], undated])
        position = np.arange(start, start + len(rows))
        later = np.concatenate([np.arange(max(low, start), high),
                                np.full(len(undated), len(order))])
        row_i, col_j, value = _product(vectors, rows, columns, floor)
        keep = later[col_j] > position[row_i]
        within = np.abs(ordinal[np.minimum(later[col_j], len(order) - 1)]
                        - ordinal[position[row_i]]) <= days
        keep &= within | (later[col_j] == len(order))
        found.append(_strongest(rows[row_i[keep]], columns[col_j[keep]], value[keep]))
    for start in range(0, len(undated), step):
        rows = undated[start:start + step]
        row_i, col_j, value = _product(vectors, rows, undated, floor)
        keep = col_j > row_i + start
        found.append(_strongest(rows[row_i[keep]], undated[col_j[keep]], value[keep]))
    if not found:
        return empty, empty, np.zeros(0)
    first = np.concatenate([f[0] for f in found])
    second = np.concatenate([f[1] for f in found])
    low_index, high_index = np.minimum(first, second), np.maximum(first, second)
    return low_index, high_index, np.concatenate([f[2] for f in found])


def _strongest(first: np.ndarray, second: np.ndarray, value: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """At most `MAX_PARTNERS` pairs per first index: the most similar ones."""
    order = np.lexsort((-value, first))
    first, second, value = first[order], second[order], value[order]
    starts = np.flatnonzero(np.r_[True, first[1:] != first[:-1]]) if len(first) else first
    rank = np.arange(len(first)) - np.repeat(starts, np.diff(np.r_[starts, len(first)]))
    keep = rank < MAX_PARTNERS
    return first[keep], second[keep], value[keep]


def _product(vectors: csr_matrix, rows: np.ndarray, columns: np.ndarray, floor: float
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions (in `rows`, in `columns`) and values of the row·column products ≥ floor."""
    if not len(rows) or not len(columns):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    block = (vectors[rows] @ vectors[columns].T).tocoo()
    keep = block.data >= floor
    return (block.row[keep].astype(np.int64), block.col[keep].astype(np.int64),
            block.data[keep])
