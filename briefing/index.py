"""Index stage: articles + extraction -> the one graph templates (and the JSON export) read.

Links between kinds (article, actor, issue, source, story, quote, figure, event)
are resolved here once, into frozen view objects holding display-ready values, so
templates never call back into the pipeline. Page paths are decided here and
nowhere else. Every cited item carries its article and paragraph anchor.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from .dates import format_day
from .model import Article, Block, Citation, Copy, Event, Extraction, Mention, Quote, Source

KINDS = ("articles", "actors", "issues", "sources", "stories")
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
class Passage:
    """A cited paragraph: the article, the block anchor, and what it says there."""

    article: Ref
    anchor: str
    text: str = ""


@dataclass(frozen=True)
class QuoteView:
    """A quote with its speaker and every article that carries it."""

    id: str
    text: str
    speaker: Ref | None
    passages: tuple[Passage, ...]
    kind: str


@dataclass(frozen=True)
class FigureRow:
    """One source's statement of a figure."""

    value: str
    number: float
    unit: str              # the figure's own unit: "US$", "€", "%", "count"
    year: int | None
    subject: str
    passage: Passage
    source: str | None


@dataclass(frozen=True)
class FigureGroupView:
    """Figures about one measure, side by side."""

    id: str
    measure: str
    unit: str
    rows: tuple[FigureRow, ...]
    agree: bool


@dataclass(frozen=True)
class EventView:
    """A dated event on the timeline."""

    id: str
    when: str              # for display: "16 January 2026", "19–21 January 2026", "2018"
    start: str
    end: str | None
    precision: str
    text: str
    actors: tuple[Ref, ...]
    passages: tuple[Passage, ...]


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
    story: Ref | None = None
    wire: str | None = None          # the agency that wrote the text ("AP"), as credited
    copies: tuple[Copy, ...] = ()    # the evidence for each copy folded into this article

    @property
    def name(self) -> str:
        """The title, under the name every linkable view shares."""
        return self.title


@dataclass(frozen=True)
class CitingArticle:
    """An article that mentions an entity, with where."""

    article: Ref
    date: datetime | None
    citations: tuple[Passage, ...]
    mentions: int
    wire: str | None = None


@dataclass(frozen=True)
class RoleView:
    """A role and the articles that give it."""

    text: str
    articles: tuple[Ref, ...]


@dataclass(frozen=True)
class EntityView:
    """An actor, issue, source or story page."""

    kind: str
    id: str
    page: str
    name: str
    type: str
    description: str
    aliases: tuple[str, ...]
    curated: bool
    articles: tuple[CitingArticle, ...]
    roles: tuple[RoleView, ...] = ()
    quotes: tuple[QuoteView, ...] = ()
    events: tuple[EventView, ...] = ()
    wires: tuple[tuple[str, tuple[Ref, ...]], ...] = ()   # a source's copies, by wire


@dataclass(frozen=True)
class BriefingIndex:
    """The whole site's content, ready to render or export."""

    articles: tuple[ArticleView, ...]
    actors: tuple[EntityView, ...]
    issues: tuple[EntityView, ...]
    sources: tuple[EntityView, ...]
    stories: tuple[EntityView, ...]
    quotes: tuple[QuoteView, ...]
    figure_groups: tuple[FigureGroupView, ...]
    events: tuple[EventView, ...]
    unattributed: tuple[Ref, ...]    # articles with no known source
    suggestions: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def prominent_actors(self) -> tuple[EntityView, ...]:
        """Actors ordered by how many articles mention them, most first."""
        return tuple(sorted(self.actors, key=lambda e: (-len(e.articles), e.name.casefold())))

    def counts(self) -> dict[str, int]:
        """Number of pages (or items) of each kind."""
        counts = {kind: len(getattr(self, kind)) for kind in KINDS}
        counts.update(quotes=len(self.quotes), figures=len(self.figure_groups),
                      events=len(self.events))
        return counts


@dataclass(frozen=True)
class _Refs:
    """Every linkable thing by id, built once."""

    articles: dict[str, Ref]
    actors: dict[str, Ref]
    issues: dict[str, Ref]
    sources: dict[str, Ref]
    stories: dict[str, Ref]
    dates: dict[str, datetime | None]
    wires: dict[str, str | None]      # article id -> wire
    sources_of: dict[str, str]        # article id -> source name
    source_ids: dict[str, str]        # article id -> source id
    actor_order: dict[str, int]       # actor id -> position in `actors`
    issue_order: dict[str, int]       # issue id -> position in `issues`


def build_index(articles: tuple[Article, ...], extraction: Extraction) -> BriefingIndex:
    """Join articles and extracted entities into cross-linked views."""
    ordered = sorted(articles, key=_newest_first)
    refs = _make_refs(ordered, extraction)
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    by_article: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in extraction.mentions:
        by_entity[mention.entity_id].append(mention)
        by_article[mention.article_id][mention.entity_id] += 1
    quotes = tuple(_quote_view(q, refs) for q in extraction.quotes)
    events = tuple(_event_view(e, refs) for e in extraction.events)
    story_of = {a: s.id for s in extraction.stories for a in s.article_ids}
    # Each quote and event listed under its speaker, actors and stories, in one pass
    # (looking them up per actor and per story grew with the square of the corpus).
    quotes_by_speaker: dict[str, list[QuoteView]] = defaultdict(list)
    quotes_by_story: dict[str, list[QuoteView]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker:
            quotes_by_speaker[quote.speaker.id].append(quote)
        for story_id in _stories_of(quote.passages, story_of):
            quotes_by_story[story_id].append(quote)
    events_by_actor: dict[str, list[EventView]] = defaultdict(list)
    events_by_story: dict[str, list[EventView]] = defaultdict(list)
    for event in events:
        for actor_id in dict.fromkeys(r.id for r in event.actors):
            events_by_actor[actor_id].append(event)
        for story_id in _stories_of(event.passages, story_of):
            events_by_story[story_id].append(event)
    views = tuple(_article_view(a, by_article[a.id], refs, story_of.get(a.id)) for a in ordered)
    actors = tuple(
        EntityView("actors", a.id, refs.actors[a.id].page, a.name, a.type, a.description,
                   tuple(dict.fromkeys((*a.aliases, *a.observed))), a.curated,
                   _citing(by_entity[a.id], refs),
                   tuple(RoleView(r.text, tuple(refs.articles[i] for i in r.article_ids))
                         for r in a.roles),
                   tuple(quotes_by_speaker[a.id]), tuple(events_by_actor[a.id]))
        for a in sorted(extraction.actors, key=lambda a: a.name.casefold())
    )
    issues = tuple(
        EntityView("issues", i.id, refs.issues[i.id].page, i.name, "issue", i.description,
                   i.keywords, True, _citing(by_entity[i.id], refs))
        for i in sorted(extraction.issues, key=lambda i: i.name.casefold())
    )
    articles_of: dict[str, list[str]] = defaultdict(list)
    for article_id, source_id in extraction.article_sources.items():
        articles_of[source_id].append(article_id)
    sources = tuple(_source_view(s, articles_of[s.id], refs) for s in extraction.sources)
    stories = tuple(
        EntityView("stories", s.id, refs.stories[s.id].page, s.title, "story", "", (), True,
                   _listed(list(s.article_ids), refs),
                   quotes=tuple(quotes_by_story[s.id]), events=tuple(events_by_story[s.id]))
        for s in extraction.stories
    )
    unattributed = tuple(refs.articles[a.id] for a in ordered
                         if a.id not in extraction.article_sources)
    return BriefingIndex(views, actors, issues, sources, stories, quotes,
                         _figure_views(extraction, refs), events, unattributed,
                         tuple(sorted(extraction.suggestions.items())))


def _stories_of(passages: tuple[Passage, ...], story_of: dict[str, str]) -> list[str]:
    """The stories the passages' articles belong to, each once."""
    return list(dict.fromkeys(story_of[p.article.id] for p in passages
                              if p.article.id in story_of))


def _make_refs(ordered: list[Article], extraction: Extraction) -> _Refs:
    sources = {s.id: Ref(s.id, s.name, page_path("sources", s.id)) for s in extraction.sources}
    return _Refs(
        articles={a.id: Ref(a.id, a.title, page_path("articles", a.id)) for a in ordered},
        actors={a.id: Ref(a.id, a.name, page_path("actors", a.id)) for a in extraction.actors},
        issues={i.id: Ref(i.id, i.name, page_path("issues", i.id)) for i in extraction.issues},
        sources=sources,
        stories={s.id: Ref(s.id, s.title, page_path("stories", s.id))
                 for s in extraction.stories},
        dates={a.id: a.date for a in ordered},
        wires={a.id: a.wire for a in ordered},
        sources_of={a: sources[s].name for a, s in extraction.article_sources.items()},
        source_ids=dict(extraction.article_sources),
        actor_order={a.id: n for n, a in enumerate(extraction.actors)},
        issue_order={i.id: n for n, i in enumerate(extraction.issues)},
    )


def _newest_first(article: Article) -> tuple[int, float, str]:
    """Dated articles newest first, undated last, then by title."""
    if article.date is None:
        return (1, 0.0, article.title.casefold())
    return (0, -article.date.timestamp(), article.title.casefold())


def _article_view(article: Article, counts: Counter[str], refs: _Refs,
                  story_id: str | None) -> ArticleView:
    def ranked(known: dict[str, Ref], order: dict[str, int]) -> tuple[Ref, ...]:
        # Only the entities this article mentions (not every entity for every article);
        # ties keep the order of `known`, as a scan of it would.
        present = sorted((order[i], known[i]) for i, n in counts.items() if n and i in known)
        return tuple(sorted((Ref(r.id, r.name, r.page, counts[r.id]) for _, r in present),
                            key=lambda r: (-r.count, r.name.casefold())))

    source_id = refs.source_ids.get(article.id)
    return ArticleView(
        id=article.id, page=page_path("articles", article.id), title=article.title,
        summary=article.summary, date=article.date, authors=article.authors,
        source=refs.sources.get(source_id) if source_id else None,
        tags=article.tags, categories=article.categories, url=article.url,
        files=(article.path, *(copy.path for copy in article.copies)),
        blocks=article.blocks, actors=ranked(refs.actors, refs.actor_order),
        issues=ranked(refs.issues, refs.issue_order),
        inferred=tuple(sorted(article.inferred.items())),
        raw_title=article.raw_title, alt_titles=article.alt_titles, removed=article.removed,
        story=refs.stories.get(story_id) if story_id else None, wire=article.wire,
        copies=article.copies,
    )


def _passage(citation: Citation, refs: _Refs, text: str = "") -> Passage:
    return Passage(refs.articles[citation.article_id], citation.anchor, text)


def _quote_view(quote: Quote, refs: _Refs) -> QuoteView:
    return QuoteView(quote.id, quote.text,
                     refs.actors.get(quote.speaker_id) if quote.speaker_id else None,
                     tuple(_passage(c, refs, c.text) for c in quote.citations), quote.kind)


def _event_view(event: Event, refs: _Refs) -> EventView:
    return EventView(event.id, when_label(event.start, event.end, event.precision),
                     event.start, event.end, event.precision, event.text,
                     tuple(refs.actors[a] for a in event.actor_ids if a in refs.actors),
                     tuple(_passage(c, refs) for c in event.citations))


def when_label(start: str, end: str | None, precision: str) -> str:
    """A date, range, month or year as readers write it."""
    if precision == "year":
        return start
    if precision == "month":
        year, month = start.split("-")
        return format_day(f"{year}-{month}-01").split(" ", 1)[1]
    label = format_day(start)
    if end and end != start:
        first, last = label.split(" ", 1), format_day(end).split(" ", 1)
        label = f"{first[0]}–{format_day(end)}" if first[1] == last[1] else \
            f"{label} – {format_day(end)}"
    return label


def _figure_views(extraction: Extraction, refs: _Refs) -> tuple[FigureGroupView, ...]:
    groups = []
    for group in extraction.figure_groups:
        rows = tuple(
            FigureRow(f.value, f.number, f.unit, f.year, f.subject,
                      _passage(f.citation, refs, f.sentence),
                      refs.sources_of.get(f.citation.article_id))
            for f in sorted(group.figures, key=lambda f: (f.year or 0, f.number)))
        groups.append(FigureGroupView(group.id, group.measure, group.unit, rows, group.agree))
    # Groups where several articles state the figure come first: they are the comparisons.
    return tuple(sorted(groups, key=lambda g: (-len({r.passage.article.id for r in g.rows}),
                                               g.measure)))


def _citing(mentions: list[Mention], refs: _Refs) -> tuple[CitingArticle, ...]:
    """Group an entity's mentions by article, keeping the first few distinct paragraphs."""
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        grouped[mention.article_id].append(mention)
    rows = []
    for article_id, found in grouped.items():
        citations: list[Passage] = []
        for mention in found:
            if mention.anchor and all(c.anchor != mention.anchor for c in citations):
                citations.append(Passage(refs.articles[article_id], mention.anchor,
                                         mention.snippet))
        rows.append(CitingArticle(refs.articles[article_id], refs.dates[article_id],
                                  tuple(citations[:MAX_CITATIONS]), len(found)))
    return tuple(sorted(rows, key=lambda r: (-r.mentions, r.article.name.casefold())))


def _source_view(source: Source, article_ids: list[str], refs: _Refs) -> EntityView:
    """A source's page: its articles, and among them its wire copies."""
    rows = _listed(article_ids, refs)
    return EntityView("sources", source.id, refs.sources[source.id].page, source.name,
                      "source", source.description, (), source.curated, rows,
                      wires=_by_wire(rows))


def _by_wire(rows: tuple[CitingArticle, ...]) -> tuple[tuple[str, tuple[Ref, ...]], ...]:
    """A source's wire copies: each wire with the articles credited to it, by wire name."""
    grouped: dict[str, list[Ref]] = defaultdict(list)
    for row in rows:
        if row.wire:
            grouped[row.wire].append(row.article)
    return tuple((wire, tuple(refs)) for wire, refs in sorted(
        grouped.items(), key=lambda item: item[0].casefold()))


def _listed(article_ids: list[str], refs: _Refs) -> tuple[CitingArticle, ...]:
    """Articles as list rows, newest first (undated last)."""
    rows = [CitingArticle(refs.articles[a], refs.dates[a], (), 1, refs.wires.get(a))
            for a in article_ids]
    return tuple(sorted(rows, key=lambda r: (r.date is None,
                                             -(r.date.timestamp() if r.date else 0),
                                             r.article.name.casefold())))
