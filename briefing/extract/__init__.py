"""Extract stage: canonical articles -> actors, issues, sources, quotes, figures, events, stories.

Each kind has its own module; this one only runs them in order, because later
extractors need earlier results: quotes and events need the actors to name their
speakers and participants, stories need the quotes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from ..config import SiteConfig
from ..diagnostics import Diagnostic, Severity
from ..executors import IN_PROCESS, Workers, given, no_setup
from ..folding import fold, words
from ..lexicon import ROLE_NOUNS
from ..model import Article, Event, Extraction, Figure, Issue, Mention, Quote
from .actors import (
    ActorBook,
    ActorFinder,
    Candidates,
    actor_matcher,
    add_discovered,
    candidates_in,
    collect_roles,
    curated_book,
    established_ids,
    named_in_full,
)
from .events import anchor_date, events_in, merge_events
from .figures import figures_in, group_figures
from .issues import IssueFinder, curated_issues, issue_mentions, suggest_phrases
from .mentions import mentions_in, snippet
from .quotes import FoundQuote, merge_quotes, quotes_in
from .sentences import paragraphs_of
from .sources import resolve_sources
from .stories import cluster_stories

__all__ = ["ExtractResult", "extract_entities", "snippet"]


@dataclass(frozen=True)
class ExtractResult:
    """The extraction and the notes it produced for the build report."""

    extraction: Extraction
    diagnostics: tuple[Diagnostic, ...]


def extract_entities(articles: tuple[Article, ...], config: SiteConfig,
                     on_article: Callable[[int], object] | None = None,
                     workers: Workers = IN_PROCESS) -> ExtractResult:
    """Run every extractor over the canonical articles; `on_article(n)` is called as
    articles finish their own pass (for progress). `workers` runs the per-article
    parts (the discovery cues, the names in full, each article's mentions, roles,
    quotes, figures and events) in order; the corpus-wide steps run here."""
    book = curated_book(config)
    issues = curated_issues(config)
    found = _per_article(articles, config, book, issues, workers, on_article)
    quotes = workers.once(_merged_quotes, tuple(found.quotes), given,
                          config.thresholds.quote_similarity)
    mentioned = {m.entity_id for m in found.mentions}
    actors = tuple(a for a in book.finished() if a.id in mentioned)
    sources, article_sources = resolve_sources(articles, config)
    extraction = Extraction(
        actors=actors,
        issues=tuple(i for i in issues if i.id in {m.entity_id for m in found.topics}),
        sources=sources,
        mentions=(*found.mentions, *found.topics),
        article_sources=article_sources,
        quotes=quotes,
        figure_groups=group_figures(found.figures),
        events=workers.once(_merged_events, tuple(found.events), no_setup),
        stories=cluster_stories(articles, found.reference, quotes,
                                config.thresholds.story_similarity, config.thresholds.story_days,
                                workers),
        suggestions={
            "actors": tuple(a.name for a in actors if not a.curated),
            "issues": suggest_phrases(articles, issues, _name_words(book.actors.values()),
                                      workers),
        },
    )
    return ExtractResult(extraction, _notes(config, actors, extraction))


@dataclass
class _Gathered:
    """Every article's own findings, put together; roles go into the book."""

    reference: dict[str, date | None]
    topics: list[Mention]         # the issues' mentions
    mentions: list[Mention]       # the actors'
    quotes: list[FoundQuote]
    figures: list[Figure]
    events: list[Event]


def _per_article(articles: tuple[Article, ...], config: SiteConfig, book: ActorBook,
                 issues: tuple[Issue, ...], workers: Workers,
                 on_article: Callable[[int], object] | None) -> _Gathered:
    """The per-article passes, run by `workers`: discovery and the issues, names in
    full, findings.

    A function of its own so that each pass's per-article results (discovery cues,
    scratch role books) are freed before the corpus-wide steps, whose peak memory
    they would otherwise add to.
    """
    read = workers.map(_read_article, articles, IssueFinder.of, issues)
    add_discovered(book, [candidates for candidates, _, _ in read],
                   frozenset(fold(n) for n in config.exclude_actors))
    reference = {a.id: day for a, (_, day, _) in zip(articles, read, strict=True)}
    topics = [mention for _, _, found in read for mention in found]
    del read
    # A discovered person's bare surname counts where they are named in full, or
    # everywhere once they are named in full in several articles.
    named = workers.map(_named_in_full, articles, actor_matcher, book) \
        if book.scoped_surnames else [frozenset[str]() for _ in articles]
    findings = workers.map(_article_findings, [
        # Sorted: a set's pickled order, part of the cache key, follows the hash seed.
        (a, tuple(sorted(ids)), reference[a.id]) for a, ids in zip(articles, named, strict=True)],
        _article_setup, book, established_ids(named), on_done=on_article)
    gathered = _Gathered(reference, topics, [], [], [], [])
    for found in findings:
        gathered.mentions.extend(found.mentions)
        book.merge_observations(found.roles, found.observed)
        gathered.quotes.extend(found.quotes)
        gathered.figures.extend(found.figures)
        gathered.events.extend(found.events)
    return gathered


@dataclass(frozen=True)
class _Findings:
    """What one article's own pass found; roles and observed names are merged later."""

    mentions: list[Mention]
    roles: dict[str, dict[str, set[str]]]
    observed: dict[str, set[str]]
    quotes: list[FoundQuote]
    figures: list[Figure]
    events: list[Event]


def _read_article(issues: IssueFinder,
                  article: Article) -> tuple[Candidates, date | None, list[Mention]]:
    """The first per-article pass: discovery's cues, the reference date and the issues
    (curated, so known before any article is read)."""
    paragraphs = paragraphs_of(article)
    return (candidates_in(article, paragraphs), anchor_date(article, paragraphs),
            issue_mentions(issues, article))


def _named_in_full(finder: ActorFinder, article: Article) -> frozenset[str]:
    return frozenset(named_in_full((article.title, *(b.text for b in article.blocks)), finder))


def _article_setup(book: ActorBook,
                   established: frozenset[str]) -> tuple[ActorBook, ActorFinder]:
    """The book and the matcher every article's own pass reads."""
    return book, actor_matcher(book).established(established)


def _article_findings(prepared: tuple[ActorBook, ActorFinder],
                      item: tuple[Article, tuple[str, ...], date | None]) -> _Findings:
    """One article's mentions, roles, quotes, figures and events. Roles go to a scratch
    book sharing the names, so articles can be read in any process."""
    book, matcher = prepared
    article, named, reference = item
    paragraphs = paragraphs_of(article)
    finder = matcher.within(named)
    scratch = replace(book, roles={}, observed={})
    mentions = mentions_in(article, finder)
    collect_roles(scratch, article, paragraphs, finder)
    return _Findings(mentions, scratch.roles, scratch.observed,
                     quotes_in(article, paragraphs, finder, scratch), figures_in(paragraphs),
                     events_in(article, paragraphs, finder, reference))


def _merged_quotes(settings: tuple[float], found: tuple[FoundQuote, ...]) -> tuple[Quote, ...]:
    """`merge_quotes` as `Workers.once` runs it: most edits change no quote."""
    return merge_quotes(found, *settings)


def _merged_events(_: None, found: tuple[Event, ...]) -> tuple[Event, ...]:
    """`merge_events` as `Workers.once` runs it: most edits change no dated event."""
    return merge_events(found)


def _name_words(actors) -> frozenset[str]:
    """Every word of every actor's name and aliases, and of titles."""
    found = {w for a in actors for n in (a.name, *a.aliases) for w in words(n)}
    return frozenset(found | ROLE_NOUNS | {"prime", "foreign", "affairs"})


def _notes(config: SiteConfig, actors: tuple, extraction: Extraction) -> tuple[Diagnostic, ...]:
    """Curated entries nobody mentions, and discovered actors worth curating."""
    present = {fold(a.name) for a in actors} | {fold(i.name) for i in extraction.issues}
    notes = [
        Diagnostic(Severity.INFO, "unmentioned", None,
                   f"curated {kind} '{entry.name}' is not mentioned in any article.",
                   "check its aliases in site_config.yml.")
        for kind, entries in (("actor", config.actors), ("issue", config.issues))
        for entry in entries if fold(entry.name) not in present
    ]
    discovered = extraction.suggestions.get("actors", ())
    if discovered:
        notes.append(Diagnostic(
            Severity.INFO, "discovered-actors", None,
            f"{len(discovered)} actors were found that site_config.yml does not list: "
            + ", ".join(discovered[:12]) + ("…" if len(discovered) > 12 else "") + ".",
            "add the ones that matter under actors: (with type and aliases), or list the "
            "wrong ones under exclude_actors:."))
    return tuple(notes)
