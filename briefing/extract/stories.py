"""Stories: articles covering the same event, clustered on more than shared wording.

Part of the extract stage. Two rewrites of one report can share almost no word
sequences, so articles are linked when any of these holds: their TF-IDF vectors
are close (scikit-learn), they carry the same quote, or they name mostly the
same actors within a few days of each other. Linked articles form one story,
titled after its most central article.
"""

from __future__ import annotations

from collections.abc import Mapping

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from ..model import Article, Quote, Story
from ..slugs import disambiguate, slugify_title

TFIDF_LINK = 0.25
ACTOR_LINK = 0.5
MAX_DAYS_APART = 7


def cluster_stories(articles: tuple[Article, ...], actors_of: Mapping[str, set[str]],
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
            if similarity[i][j] >= TFIDF_LINK or _same_people_same_days(
                    ordered[i], ordered[j], actors_of):
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
        matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english",
                                 ngram_range=(1, 2), min_df=1).fit_transform(texts)
    except ValueError:                     # nothing but stop words
        return [[0.0] * len(texts) for _ in texts]
    return cosine_similarity(matrix).tolist()


def _same_people_same_days(a: Article, b: Article, actors_of: Mapping[str, set[str]]) -> bool:
    people_a, people_b = actors_of.get(a.id, set()), actors_of.get(b.id, set())
    if len(people_a) < 2 or len(people_b) < 2:
        return False
    overlap = len(people_a & people_b) / len(people_a | people_b)
    if overlap < ACTOR_LINK:
        return False
    if a.date is None or b.date is None:
        return True
    return abs((a.date - b.date).days) <= MAX_DAYS_APART
