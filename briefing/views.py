"""The view objects the index stage builds and templates (and the export) read.

Frozen dataclasses holding display-ready values: names, page paths, dates, counts,
and links to other views. `index.build_index` makes them; nothing else does.
`Refs` and `Groups` are the index's own look-up tables, shared by its modules.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from .coverage import Axis, Point
from .model import Block, Mention

KINDS = ("articles", "actors", "issues", "sources", "stories")
NO_AXIS = Axis("day", (), ())


def page_path(kind: str, entity_id: str) -> str:
    """Where an entity's page lives in the generated docs, e.g. `actors/xi-jinping.md`."""
    return f"{kind}/{entity_id}.md"


def list_page_path(section: str, number: int) -> str:
    """Page `number` (from 1) of a section's list: `articles/index.md`, `articles/page-2.md`.

    `section` is a kind (`articles`, or `tags`), or a topical page (`quotes`,
    `timeline`, `figures`) whose first page is `quotes.md`.
    """
    if section in KINDS or section == "tags":
        return f"{section}/index.md" if number == 1 else f"{section}/page-{number}.md"
    return f"{section}.md" if number == 1 else f"{section}/page-{number}.md"


def more_page_path(kind: str, entity_id: str, number: int) -> str:
    """Page `number` (2 or more) of an entity's full article list: `actors/x/articles-2.md`."""
    return f"{kind}/{entity_id}/articles-{number}.md"


@dataclass(frozen=True, slots=True)
class Ref:
    """A link to another page: its display name and docs-relative Markdown path."""

    id: str
    name: str
    page: str
    count: int = 0


@dataclass(frozen=True, slots=True)
class Passage:
    """A cited paragraph: the article, the block anchor, and what it says there."""

    article: Ref
    anchor: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A quote with its speaker and every article that carries it."""

    id: str
    text: str
    speaker: Ref | None
    passages: tuple[Passage, ...]
    kind: str
    display: str = ""                 # the words with an ellipsis where a fragment is cut
    fragment: bool = False
    date: datetime | None = None      # the earliest date of an article carrying it
    outlets: tuple[Ref, ...] = ()     # distinct sources carrying it
    story: Ref | None = None
    issues: tuple[Ref, ...] = ()      # issues named in the paragraphs carrying it


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One source's statement of a figure."""

    value: str
    number: float
    unit: str              # the figure's own unit: "US$", "€", "%", "count"
    year: int | None
    subject: str
    passage: Passage
    source: str | None
    period: str = ""       # "2024", or "as of 2026" from the article's date when no year
    outlet: Ref | None = None
    date: datetime | None = None

    @property
    def article_id(self) -> str:
        """The article stating it (for the disagreement rule)."""
        return self.passage.article.id


@dataclass(frozen=True, slots=True)
class Dispute:
    """Outlets stating different values for one measure and period."""

    period: str
    rows: tuple[FigureRow, ...]
    note: str              # "BBC: $118bn; Reuters: US$142 billion"


@dataclass(frozen=True, slots=True)
class FigureGroupView:
    """Figures about one measure, side by side."""

    id: str
    measure: str
    unit: str
    rows: tuple[FigureRow, ...]
    agree: bool
    label: str = ""                   # plain language: "Two-way merchandise trade"
    disputes: tuple[Dispute, ...] = ()


@dataclass(frozen=True, slots=True)
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
    month: str = ""        # the group heading: "January 2026", or "2018"
    basis: str = ""        # how the date was read: "date stated", "weekday, from …"


@dataclass(frozen=True, slots=True)
class FirstMention:
    """Where an article first names an actor or issue, to link it there."""

    anchor: str
    surface: str
    ref: Ref


@dataclass(frozen=True, slots=True)
class CopyView:
    """An input file folded into an article as a copy of it."""

    path: str
    source: str | None
    kind: str                 # exact, excerpt, lead-in, edit or revision
    containment: float
    jaccard: float
    canonical_because: str    # why the article shown was kept rather than this file


@dataclass(frozen=True, slots=True)
class CitingArticle:
    """An article that mentions an entity, with where."""

    article: Ref
    date: datetime | None
    citations: tuple[Passage, ...]
    mentions: int
    wire: str | None = None
    source: Ref | None = None


@dataclass(frozen=True, slots=True)
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
    description: str = ""            # the page's meta description
    tag_refs: tuple[Ref, ...] = ()   # categories and tags, as links to their pages
    first_mentions: tuple[FirstMention, ...] = ()
    quotes: tuple[QuoteView, ...] = ()
    figures: tuple[FigureRow, ...] = ()
    same_story: tuple[CitingArticle, ...] = ()   # other articles of its story (capped)
    same_story_count: int = 0
    copies: tuple[CopyView, ...] = ()
    previous: Ref | None = None      # the next newer and older article of the list
    next: Ref | None = None

    @property
    def name(self) -> str:
        """The title, under the name every linkable view shares."""
        return self.title


@dataclass(frozen=True, slots=True)
class RoleView:
    """A role, the wordings outlets give it in, and the articles that give it."""

    text: str
    articles: tuple[Ref, ...]
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """Quotes under one story (None: articles in no story)."""

    story: Ref | None
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True, slots=True)
class IssueShare:
    """How much of an outlet's coverage touches an issue, against the whole corpus."""

    issue: Ref
    here: int              # percent of this outlet's articles
    overall: int           # percent of all articles


@dataclass(frozen=True, slots=True)
class OutletColumn:
    """One outlet's part in a story: its articles, the quotes only it has, who only it names."""

    name: str
    source: Ref | None
    articles: tuple[CitingArticle, ...]
    article_count: int
    unique_quotes: tuple[QuoteView, ...]
    adds: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class EntityView:
    """An actor, issue, source, story or tag page."""

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
    series: tuple[Point, ...] = ()            # articles per period, on the shared axis
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    related_actors: tuple[Ref, ...] = ()      # count: articles shared
    related_issues: tuple[Ref, ...] = ()
    quote_groups: tuple[QuoteGroup, ...] = ()  # actors: the newest quotes, by story
    figures: tuple[FigureRow, ...] = ()
    summary: str = ""                          # stories: one sentence
    outlets: tuple[OutletColumn, ...] = ()     # stories: articles side by side by outlet
    shared_quotes: tuple[QuoteView, ...] = ()  # stories: quotes two or more outlets carry
    issue_shares: tuple[IssueShare, ...] = ()  # sources
    exclusive_quotes: tuple[QuoteView, ...] = ()  # sources: quotes no other outlet carries
    exclusive_count: int = 0
    names_seen: tuple[str, ...] = ()         # actors: every alias and form seen (the export's)


@dataclass(frozen=True, slots=True)
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
    tags: tuple[EntityView, ...] = ()
    axis: Axis = NO_AXIS
    series: tuple[Point, ...] = ()   # every article, on the shared axis
    copies_folded: int = 0

    @property
    def prominent_actors(self) -> tuple[EntityView, ...]:
        """Actors ordered by how many articles mention them, most first."""
        return tuple(sorted(self.actors, key=lambda e: (-len(e.articles), e.name.casefold())))

    @property
    def outlet_mix(self) -> tuple[Ref, ...]:
        """Sources with their number of articles (`count`), most first."""
        return tuple(sorted((Ref(s.id, s.name, s.page, len(s.articles)) for s in self.sources),
                            key=lambda r: (-r.count, r.name.casefold())))

    def counts(self) -> dict[str, int]:
        """Number of pages (or items) of each kind."""
        counts = {kind: len(getattr(self, kind)) for kind in KINDS}
        counts.update(quotes=len(self.quotes), figures=len(self.figure_groups),
                      events=len(self.events))
        return counts


@dataclass(frozen=True, slots=True)
class Refs:
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
    story_of: dict[str, str]          # article id -> story id


@dataclass(frozen=True, slots=True)
class Groups:
    """Everything grouped once, so each page's lists are look-ups."""

    by_entity: dict[str, list[Mention]]
    by_article: dict[str, Counter[str]]
    mentions_in: dict[str, list[Mention]]        # article id -> its mentions, in order
    issues_at: dict[tuple[str, str], set[str]]   # (article, anchor) -> issue ids
    quotes_by_speaker: dict[str, list[QuoteView]]
    quotes_by_article: dict[str, list[QuoteView]]
    quotes_by_story: dict[str, list[QuoteView]]
    events_by_actor: dict[str, list[EventView]]
    events_by_story: dict[str, list[EventView]]
    figures_by_article: dict[str, list[FigureRow]]
    together: dict[str, Counter[str]]
    quotes_by_issue: dict[str, list[QuoteView]]
    figures_by_issue: dict[str, list[FigureRow]]
    events_by_issue: dict[str, list[EventView]]
