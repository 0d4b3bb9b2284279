"""Index stage: articles + extraction -> the one graph templates read.

Links between kinds (article <-> actor, issue, source) are resolved here once, into
frozen view objects holding only display-ready values, so templates never call
back into the pipeline. Page paths are decided here and nowhere else.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from .model import Article, Block, Extraction, Mention

KINDS = ("articles", "actors", "issues", "sources")
MAX_CITATIONS = 3


def page_path(kind: str, entity_id: str) -> str:
    """Where an entity's page lives in the generated docs, e.g. `actors/xi-jinping.md`."""
    return f"{kind}/{entity_id}.md"


@dataclass(frozen=True)
class Ref:
    """A link to another page: its display name and docs-relative Markdown path."""

    id: str
    name: str
    page: str
    count: int = 0


@dataclass(frozen=True)
class Citation:
    """Where an entity is mentioned: a paragraph anchor and a snippet of context."""

    anchor: str
    snippet: str


@dataclass(frozen=True)
class ArticleView:
    """Everything an article page and list rows show."""

    id: str
    page: str
    title: str
    summary: str | None
    date: datetime | None
    authors: tuple[str, ...]
    source: Ref | None
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    url: str | None
    files: tuple[str, ...]           # the canonical's input file first, then its copies
    blocks: tuple[Block, ...]
    actors: tuple[Ref, ...]
    issues: tuple[Ref, ...]
    inferred: tuple[tuple[str, str], ...]
    raw_title: str | None = None
    alt_titles: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The title, under the name every linkable view shares."""
        return self.title


@dataclass(frozen=True)
class CitingArticle:
    """An article that mentions an entity, with where."""

    article: Ref
    date: datetime | None
    citations: tuple[Citation, ...]
    mentions: int


@dataclass(frozen=True)
class EntityView:
    """An actor, issue or source page."""

    kind: str
    id: str
    page: str
    name: str
    type: str
    description: str
    aliases: tuple[str, ...]
    curated: bool
    articles: tuple[CitingArticle, ...]


@dataclass(frozen=True)
class BriefingIndex:
    """The whole site's content, ready to render."""

    articles: tuple[ArticleView, ...]
    actors: tuple[EntityView, ...]
    issues: tuple[EntityView, ...]
    sources: tuple[EntityView, ...]
    unattributed: tuple[Ref, ...]    # articles with no known source

    @property
    def prominent_actors(self) -> tuple[EntityView, ...]:
        """Actors ordered by how many articles mention them, most first."""
        return tuple(sorted(self.actors, key=lambda e: (-len(e.articles), e.name.casefold())))

    def counts(self) -> dict[str, int]:
        """Number of pages of each kind."""
        return {kind: len(getattr(self, kind)) for kind in KINDS}


def build_index(articles: tuple[Article, ...], extraction: Extraction) -> BriefingIndex:
    """Join articles and extracted entities into cross-linked views."""
    ordered = sorted(articles, key=_newest_first)
    article_refs = {a.id: Ref(a.id, a.title, page_path("articles", a.id)) for a in ordered}
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    by_article: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in extraction.mentions:
        by_entity[mention.entity_id].append(mention)
        by_article[mention.article_id][mention.entity_id] += 1
    actor_refs = {a.id: Ref(a.id, a.name, page_path("actors", a.id)) for a in extraction.actors}
    issue_refs = {i.id: Ref(i.id, i.name, page_path("issues", i.id)) for i in extraction.issues}
    source_refs = {s.id: Ref(s.id, s.name, page_path("sources", s.id))
                   for s in extraction.sources}
    views = tuple(
        _article_view(a, by_article[a.id], actor_refs, issue_refs,
                      source_refs.get(extraction.article_sources.get(a.id, "")))
        for a in ordered
    )
    dates = {a.id: a.date for a in ordered}
    actors = tuple(
        EntityView("actors", a.id, actor_refs[a.id].page, a.name, a.type, a.description,
                   a.aliases, a.curated, _citing(by_entity[a.id], article_refs, dates))
        for a in sorted(extraction.actors, key=lambda a: a.name.casefold())
    )
    issues = tuple(
        EntityView("issues", i.id, issue_refs[i.id].page, i.name, "issue", i.description,
                   i.keywords, True, _citing(by_entity[i.id], article_refs, dates))
        for i in sorted(extraction.issues, key=lambda i: i.name.casefold())
    )
    sources = tuple(
        EntityView("sources", s.id, source_refs[s.id].page, s.name, "source", s.description,
                   (), s.curated, _source_articles(s.id, extraction, article_refs, dates))
        for s in extraction.sources
    )
    unattributed = tuple(article_refs[a.id] for a in ordered
                         if a.id not in extraction.article_sources)
    return BriefingIndex(views, actors, issues, sources, unattributed)


def _newest_first(article: Article) -> tuple[int, float, str]:
    """Dated articles newest first, undated last, then by title."""
    if article.date is None:
        return (1, 0.0, article.title.casefold())
    return (0, -article.date.timestamp(), article.title.casefold())


def _article_view(article: Article, counts: Counter[str], actor_refs: dict[str, Ref],
                  issue_refs: dict[str, Ref], source: Ref | None) -> ArticleView:
    def ranked(refs: dict[str, Ref]) -> tuple[Ref, ...]:
        present = [Ref(r.id, r.name, r.page, counts[r.id]) for r in refs.values() if counts[r.id]]
        return tuple(sorted(present, key=lambda r: (-r.count, r.name.casefold())))

    return ArticleView(
        id=article.id, page=page_path("articles", article.id), title=article.title,
        summary=article.summary, date=article.date, authors=article.authors, source=source,
        tags=article.tags, categories=article.categories, url=article.url,
        files=(article.path, *(copy.path for copy in article.copies)),
        blocks=article.blocks, actors=ranked(actor_refs), issues=ranked(issue_refs),
        inferred=tuple(sorted(article.inferred.items())),
        raw_title=article.raw_title, alt_titles=article.alt_titles, removed=article.removed,
    )


def _citing(mentions: list[Mention], article_refs: dict[str, Ref],
            dates: dict[str, datetime | None]) -> tuple[CitingArticle, ...]:
    """Group an entity's mentions by article, keeping the first few distinct paragraphs."""
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        grouped[mention.article_id].append(mention)
    rows = []
    for article_id, found in grouped.items():
        citations: list[Citation] = []
        for mention in found:
            if mention.anchor and all(c.anchor != mention.anchor for c in citations):
                citations.append(Citation(mention.anchor, mention.snippet))
        rows.append(CitingArticle(article_refs[article_id], dates[article_id],
                                  tuple(citations[:MAX_CITATIONS]), len(found)))
    return tuple(sorted(rows, key=lambda r: (-r.mentions, r.article.name.casefold())))


def _source_articles(source_id: str, extraction: Extraction, article_refs: dict[str, Ref],
                     dates: dict[str, datetime | None]) -> tuple[CitingArticle, ...]:
    rows = [CitingArticle(article_refs[article_id], dates[article_id], (), 1)
            for article_id, sid in extraction.article_sources.items() if sid == source_id]
    return tuple(sorted(rows, key=lambda r: r.article.name.casefold()))
