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

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from ..model import Article, Quote, Story
from ..slugs import disambiguate, slugify_title

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
    position = {a.id: i for i, a in enumerate(ordered)}
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def link(i: int, j: int) -> None:
        parent[max(find(i), find(j))] = min(find(i), find(j))

    for quote in quotes:
        cited = sorted({position[c.article_id] for c in quote.citations})
        for other in cited[1:]:
            link(cited[0], other)
    for i in range(len(ordered)):
        for j in range(i + 1, len(ordered)):
            a, b = ordered[i].id, ordered[j].id
            same_main = main_actor.get(a) is not None and main_actor.get(a) == main_actor.get(b)
            if similarity[i][j] >= TFIDF_LINK or (
                    same_main and similarity[i][j] >= TFIDF_WITH_ACTOR
                    and _days_apart(reference_date.get(a), reference_date.get(b))
                    <= MAX_DAYS_APART):
                link(i, j)
    groups: dict[int, list[int]] = {}
    for index in range(len(ordered)):
        groups.setdefault(find(index), []).append(index)
    stories = []
    taken: set[str] = set()
    for members in groups.values():
        central = max(members, key=lambda i: (sum(similarity[i][j] for j in members), -i))
        title = ordered[central].title
        slug = slugify_title(title)
        slug = disambiguate(slug, ordered[central].path) if slug in taken else slug
        taken.add(slug)
        stories.append(Story(slug, title, tuple(ordered[i].id for i in members)))
    return tuple(sorted(stories, key=lambda s: (-len(s.article_ids), s.title.casefold())))


def _tfidf_similarity(articles: list[Article]) -> list[list[float]]:
    texts = [a.title + "\n" + " ".join(b.text for b in a.blocks) for a in articles]
    try:
        matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:                     # nothing but stop words
        return [[0.0] * len(texts) for _ in texts]
    return cosine_similarity(matrix).tolist()


def _days_apart(a: date | None, b: date | None) -> int:
    """Days between two dates; 0 when either is unknown."""
    return abs((a - b).days) if a and b else 0
