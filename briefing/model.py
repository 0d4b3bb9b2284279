"""The typed objects that flow between pipeline stages.

All frozen: a stage builds each object complete, and later stages derive new ones
with `dataclasses.replace` instead of filling in fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .pickling import pickled_by_fields


@pickled_by_fields
@dataclass(frozen=True, slots=True, weakref_slot=True)   # see cache.ResultCache.vouch
class SourceDoc:
    """One input file as read from `content/`: front matter split from the body."""

    path: str                       # POSIX path relative to content/, e.g. "2026/a.md"
    body: str                       # text after the front matter, decoded and NFC-normalised
    front_matter: Mapping[str, Any]
    format: str                     # "yaml", "toml", "json", "pelican" or "plain"
    body_line: int                  # 1-based line of the file where `body` starts
    size: int                       # bytes on disk
    key_lines: Mapping[str, int] = field(default_factory=dict)  # top-level key -> file line


class BlockKind(StrEnum):
    """What a block of an article body is."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST = "list"
    QUOTE = "quote"
    CODE = "code"
    OTHER = "other"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Block:
    """One top-level block of an article body, with the anchor pages link to."""

    anchor: str      # HTML id, e.g. "p3"
    kind: BlockKind
    text: str        # plain text, for matching and snippets
    html: str        # safe HTML (raw HTML in the input is escaped)
    level: int = 0   # heading level for headings


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a pull quote or an embedded post belongs to, as the page credits them."""

    kind: str                      # "pull-quote" or "post"
    speaker: str
    affiliation: str | None = None
    handle: str | None = None      # e.g. "@MarkJCarney", for posts
    date: str | None = None        # ISO date, for posts


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class AttributedQuote:
    """A pull quote or embedded post found by normalize, with the block it became."""

    text: str
    attribution: Attribution
    anchor: str


@pickled_by_fields
@dataclass(frozen=True, slots=True, weakref_slot=True)   # see cache.ResultCache.key
class Article:
    """One normalised article. `inferred` says how each non-front-matter field was found."""

    id: str                           # the slug: stable, unique, used in URLs
    path: str                         # the input file, relative to content/
    title: str
    summary: str | None
    date: datetime | None
    authors: tuple[str, ...]
    source: str | None                # outlet name as written (resolved in extract)
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    url: str | None
    image: str | None
    body: str                         # clean Markdown
    blocks: tuple[Block, ...]
    format: str
    raw_title: str | None = None      # the title before display prefixes were stripped
    wire: str | None = None           # the agency that wrote the text, as credited ("AP")
    alt_titles: tuple[str, ...] = ()
    attributed: tuple[AttributedQuote, ...] = ()
    removed: tuple[str, ...] = ()     # boilerplate lines taken out of the body
    inferred: Mapping[str, str] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)
    copies: tuple[Copy, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Copy:
    """An input file that duplicated a canonical article and was folded into it.

    The evidence: what kind of copy it is, how much of the shorter text of the two
    the longer one holds (containment) and how alike they are (Jaccard), both over
    the compared sentences' word shingles, and why the canonical article was kept.
    """

    path: str
    canonical_path: str
    kind: str                 # exact, excerpt, lead-in, edit or revision
    containment: float        # |shorter ∩ longer| / |shorter|
    jaccard: float            # |A ∩ B| / |A ∪ B|
    canonical_because: str    # the first test the canonical won: "fuller text", "dated", …
    source: str | None = None  # the copy's own outlet, as written


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named in one block of one article."""

    entity_id: str
    article_id: str
    anchor: str
    surface: str       # the text as it appeared, e.g. "Carney"
    snippet: str       # a short context around it


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Citation:
    """Where something was said or stated: an article and the block's anchor."""

    article_id: str
    anchor: str
    text: str = ""     # for a quote: its wording in this article (outlets word it apart)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Role:
    """A role an actor is given in the coverage, with the articles that state it."""

    text: str
    article_ids: tuple[str, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organisation, government or place named in the coverage."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    description: str
    curated: bool
    roles: tuple[Role, ...] = ()
    observed: tuple[str, ...] = ()   # other forms seen in the text, e.g. "President Xi"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote, merged across every article that carries it."""

    id: str
    text: str
    speaker_id: str | None           # None: the speaker could not be told for sure
    citations: tuple[Citation, ...]
    kind: str = "direct"             # direct, pull-quote or post


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Figure:
    """A number claimed in one sentence of one article."""

    value: str                       # as written, e.g. "US$118.7 billion"
    number: float                    # 118.7e9
    unit: str                        # "US$", "$", "%", "count", ...
    subject: str                     # "two-way merchandise trade"
    measure: str                     # what is counted, for grouping: "trade"
    year: int | None
    sentence: str
    citation: Citation


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Figures about the same measure from one or more sources, to compare."""

    id: str
    measure: str
    unit: str
    figures: tuple[Figure, ...]
    agree: bool                      # all sources state the same value for the same year


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or is scheduled) on a date, with who and where stated."""

    id: str
    start: str                       # ISO date, or "YYYY-MM" / "YYYY" at lower precision
    end: str | None                  # for ranges
    precision: str                   # day, month or year
    text: str
    actor_ids: tuple[str, ...]
    citations: tuple[Citation, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Story:
    """Articles covering the same event."""

    id: str
    title: str
    article_ids: tuple[str, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Issue:
    """A topic the briefing tracks."""

    id: str
    name: str
    keywords: tuple[str, ...]
    description: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Source:
    """An outlet that published coverage."""

    id: str
    name: str
    url: str
    description: str
    curated: bool


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extract stage found across all canonical articles."""

    actors: tuple[Actor, ...]
    issues: tuple[Issue, ...]
    sources: tuple[Source, ...]
    mentions: tuple[Mention, ...]            # actor and issue mentions
    article_sources: Mapping[str, str]       # article id -> source id
    quotes: tuple[Quote, ...] = ()
    figure_groups: tuple[FigureGroup, ...] = ()
    events: tuple[Event, ...] = ()
    stories: tuple[Story, ...] = ()
    suggestions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


class Outcome(StrEnum):
    """What became of an input file."""

    ARTICLE = "article"
    COPY = "copy"
    EXCLUDED = "excluded"   # draft or unpublished: deliberately left out
    SKIPPED = "skipped"     # could not be used: see the reason


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class InputRecord:
    """One line of the build report: an input file and its fate."""

    path: str
    outcome: Outcome
    article_id: str | None = None
    reason: str | None = None
