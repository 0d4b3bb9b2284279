"""Stories: articles covering the same event, clustered on more than shared wording.

Part of the extract stage. Two rewrites of one report can share almost no word
sequences, so articles are linked when any of these holds: they carry the same
quote; their TF-IDF vectors (scikit-learn) are close; or they have the same main
actor, some shared vocabulary, and dates at most a few days apart (an undated
article uses the latest date it mentions, and is compatible with any date when it
mentions none). Linked articles form one story, titled after its most central
article.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from ..model import Article, Quote, Story
from ..slugs import claim_slug

TFIDF_LINK = 0.3          # close wording alone is enough
TFIDF_WITH_ACTOR = 0.05   # with the same main actor, a little shared wording is enough
MAX_DAYS_APART = 4
# A word in more articles than this says what the briefing is about, not which
# event an article covers; leaving it out of the comparison keeps the sparse
# product's cost linear in the corpus (at most this many partners per word).
COMMON_WORD_ARTICLES = 1000
PRODUCT_CELLS = 2_000_000  # rows per chunk of the product: at most this many cells each


def cluster_stories(articles: tuple[Article, ...], main_actor: Mapping[str, str],
                    reference_date: Mapping[str, date | None],
                    quotes: tuple[Quote, ...]) -> tuple[Story, ...]:
    """Connected groups of linked articles, as stories."""
    if not articles:
        return ()
    ordered = sorted(articles, key=lambda a: a.path)
    first, second, similarity = similar_pairs(_tfidf_vectors(ordered), TFIDF_WITH_ACTOR)
    linked = _linked(ordered, first, second, similarity, main_actor, reference_date)
    quoted = _quote_pairs(ordered, quotes)
    size = len(ordered)
    graph = coo_matrix((np.ones(int(linked.sum()) + len(quoted)),
                        (np.concatenate([first[linked], quoted[:, 0]]),
                         np.concatenate([second[linked], quoted[:, 1]]))), shape=(size, size))
    count, labels = connected_components(csr_matrix(graph), directed=False)
    # How central an article is: its summed similarity to the rest of its story.
    inside = labels[first] == labels[second]
    weights = similarity * inside
    centrality = np.bincount(first, weights, size) + np.bincount(second, weights, size)
    members_of: list[list[int]] = [[] for _ in range(count)]
    for index, label in enumerate(labels):
        members_of[label].append(index)
    stories = []
    taken: set[str] = set()
    for members in members_of:
        central = max(members, key=lambda i: (centrality[i], -i))
        title = ordered[central].title
        slug = claim_slug(title, ordered[central].path, taken)
        stories.append(Story(slug, title, tuple(ordered[i].id for i in members)))
    return tuple(sorted(stories, key=lambda s: (-len(s.article_ids), s.title.casefold())))


def _linked(ordered: list[Article], first: np.ndarray, second: np.ndarray,
            similarity: np.ndarray, main_actor: Mapping[str, str],
            reference_date: Mapping[str, date | None]) -> np.ndarray:
    """Which of the similar pairs are links: close wording, or the same main actor on
    nearby days (an article without a date is near any date)."""
    size = len(ordered)
    code = {actor: n for n, actor in enumerate(sorted(set(main_actor.values())))}
    # An article with no main actor gets a code of its own (negative), matching nothing.
    mains = np.array([code.get(main_actor.get(a.id, ""), i - size)
                      for i, a in enumerate(ordered)], dtype=np.int64)
    days = [reference_date.get(a.id) for a in ordered]
    known = np.array([d is not None for d in days], dtype=bool)
    ordinal = np.array([d.toordinal() if d else 0 for d in days], dtype=np.int64)
    close = (np.abs(ordinal[first] - ordinal[second]) <= MAX_DAYS_APART) | \
        ~known[first] | ~known[second]
    return (similarity >= TFIDF_LINK) | ((mains[first] == mains[second]) & close)


def _quote_pairs(ordered: list[Article], quotes: tuple[Quote, ...]) -> np.ndarray:
    """(first, other) index pairs of articles that carry the same quote."""
    position = {a.id: i for i, a in enumerate(ordered)}
    pairs: list[tuple[int, int]] = []
    for quote in quotes:
        cited = sorted({position[c.article_id] for c in quote.citations})
        pairs.extend((cited[0], other) for other in cited[1:])
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def _tfidf_vectors(articles: list[Article]) -> csr_matrix | None:
    """Unit-length TF-IDF rows, without the words too common to tell events apart."""
    texts = [a.title + "\n" + " ".join(b.text for b in a.blocks) for a in articles]
    try:
        matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:                     # nothing but stop words
        return None
    matrix = csr_matrix(matrix)
    spread = np.bincount(matrix.indices, minlength=matrix.shape[1])
    common = np.flatnonzero(spread > COMMON_WORD_ARTICLES)
    if len(common):
        matrix = matrix.tocsc()
        for column in common:
            matrix.data[matrix.indptr[column]:matrix.indptr[column + 1]] = 0.0
        matrix = csr_matrix(matrix)
        matrix.eliminate_zeros()
    return matrix


def similar_pairs(vectors: csr_matrix | None, floor: float
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs (i < j) whose cosine similarity is at least `floor`, and the similarity.

    The product of the matrix with its transpose is computed a block of rows at a
    time and thinned at once, so memory follows the number of similar pairs, never
    the square of the corpus.
    """
    empty = np.zeros(0, dtype=np.int64)
    if vectors is None or vectors.shape[0] < 2:
        return empty, empty, np.zeros(0)
    size = vectors.shape[0]
    step = max(1, PRODUCT_CELLS // size)
    transposed = vectors.T.tocsc()
    found_first, found_second, found_value = [], [], []
    for start in range(0, size, step):
        block = (vectors[start:start + step] @ transposed).tocoo()
        rows = block.row.astype(np.int64) + start
        keep = (block.col > rows) & (block.data >= floor)
        found_first.append(rows[keep])
        found_second.append(block.col[keep].astype(np.int64))
        found_value.append(block.data[keep])
    return (np.concatenate(found_first), np.concatenate(found_second),
            np.concatenate(found_value))
