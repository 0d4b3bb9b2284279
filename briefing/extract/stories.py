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
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from ..model import Article, Quote, Story
from ..slugs import claim_slug

TFIDF_LINK = 0.3          # close wording alone is enough
TFIDF_WITH_ACTOR = 0.05   # with the same main actor, a little shared wording is enough
MAX_DAYS_APART = 4


def cluster_stories(articles: tuple[Article, ...], main_actor: Mapping[str, str],
                    reference_date: Mapping[str, date | None],
                    quotes: tuple[Quote, ...]) -> tuple[Story, ...]:
    """Connected groups of linked articles, as stories."""
    if not articles:
        return ()
    ordered = sorted(articles, key=lambda a: a.path)
    similarity = _tfidf_similarity(ordered)
    links = _links(ordered, similarity, main_actor, reference_date, quotes)
    count, labels = connected_components(csr_matrix(links), directed=False)
    stories = []
    taken: set[str] = set()
    for label in range(count):
        members = [i for i in range(len(ordered)) if labels[i] == label]
        central = max(members, key=lambda i: (similarity[i, members].sum(), -i))
        title = ordered[central].title
        slug = claim_slug(title, ordered[central].path, taken)
        stories.append(Story(slug, title, tuple(ordered[i].id for i in members)))
    return tuple(sorted(stories, key=lambda s: (-len(s.article_ids), s.title.casefold())))


def _links(ordered: list[Article], similarity: np.ndarray, main_actor: Mapping[str, str],
           reference_date: Mapping[str, date | None], quotes: tuple[Quote, ...]) -> np.ndarray:
    """Which pairs of articles are linked, as a boolean matrix."""
    size = len(ordered)
    position = {a.id: i for i, a in enumerate(ordered)}
    code = {actor: n for n, actor in enumerate(sorted(set(main_actor.values())))}
    # An article with no main actor gets a code of its own (negative), matching nothing.
    mains = np.array([code.get(main_actor.get(a.id, ""), i - size)
                      for i, a in enumerate(ordered)])
    days = [reference_date.get(a.id) for a in ordered]
    known = np.array([d is not None for d in days])
    ordinal = np.array([d.toordinal() if d else 0 for d in days])
    close_in_time = (np.abs(ordinal[:, None] - ordinal[None, :]) <= MAX_DAYS_APART) | \
        ~known[:, None] | ~known[None, :]
    links = (similarity >= TFIDF_LINK) | (
        (mains[:, None] == mains[None, :]) & (similarity >= TFIDF_WITH_ACTOR) & close_in_time)
    for quote in quotes:
        cited = sorted({position[c.article_id] for c in quote.citations})
        for other in cited[1:]:
            links[cited[0], other] = links[other, cited[0]] = True
    return links


def _tfidf_similarity(articles: list[Article]) -> np.ndarray:
    texts = [a.title + "\n" + " ".join(b.text for b in a.blocks) for a in articles]
    try:
        matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:                     # nothing but stop words
        return np.zeros((len(texts), len(texts)))
    return cosine_similarity(matrix)
