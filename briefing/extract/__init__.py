"""Extract stage: canonical articles -> actors, issues, sources, quotes, figures, events, stories.

Each kind has its own module; this one only runs them in order, because later
extractors need earlier results: quotes and events need the actors to name their
speakers and participants, stories need the quotes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..config import SiteConfig
from ..diagnostics import Diagnostic, Severity
from ..folding import fold, words
from ..lexicon import ROLE_NOUNS
from ..model import Article, Extraction, Mention
from .actors import actor_matcher, collect_roles, curated_book, discover, named_in_full
from .events import anchor_date, events_in, merge_events
from .figures import figures_in, group_figures
from .issues import curated_issues, issue_mentions, suggest_phrases
from .mentions import mentions_in, snippet
from .quotes import merge_quotes, quotes_in
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
                     on_article: Callable[[], object] | None = None) -> ExtractResult:
    """Run every extractor over the canonical articles; `on_article` is called after
    each article's own pass (for progress)."""
    paragraphs = {a.id: paragraphs_of(a) for a in articles}
    book = curated_book(config)
    discover(book, articles, paragraphs, frozenset(fold(n) for n in config.exclude_actors))
    matcher = actor_matcher(book)
    actor_mentions: list[Mention] = []
    found_quotes = []
    figures = []
    events = []
    reference = {a.id: anchor_date(a, paragraphs[a.id]) for a in articles}
    # A discovered person's bare surname counts where they are named in full, or
    # everywhere once they are named in full in several articles.
    named = {a.id: named_in_full((a.title, *(b.text for b in a.blocks)), matcher)
             if matcher.scoped else set() for a in articles}
    matcher = matcher.established(Counter(i for ids in named.values() for i in ids))
    for article in articles:
        finder = matcher.within(named[article.id])
        actor_mentions.extend(mentions_in(article, finder))
        collect_roles(book, article, paragraphs[article.id], finder)
        found_quotes.extend(quotes_in(article, paragraphs[article.id], finder, book))
        figures.extend(figures_in(paragraphs[article.id]))
        events.extend(events_in(article, paragraphs[article.id], finder, reference[article.id]))
        if on_article is not None:
            on_article()
    quotes = merge_quotes(found_quotes, config.thresholds.quote_similarity)
    mentioned = {m.entity_id for m in actor_mentions}
    actors = tuple(a for a in book.finished() if a.id in mentioned)
    issues = curated_issues(config)
    topic_mentions = issue_mentions(articles, issues)
    sources, article_sources = resolve_sources(articles, config)
    extraction = Extraction(
        actors=actors,
        issues=tuple(i for i in issues if i.id in {m.entity_id for m in topic_mentions}),
        sources=sources,
        mentions=(*actor_mentions, *topic_mentions),
        article_sources=article_sources,
        quotes=quotes,
        figure_groups=group_figures(figures),
        events=merge_events(events),
        stories=cluster_stories(articles, reference, quotes, config.thresholds.story_similarity,
                                config.thresholds.story_days),
        suggestions={
            "actors": tuple(a.name for a in actors if not a.curated),
            "issues": suggest_phrases(articles, issues, _name_words(book.actors.values())),
        },
    )
    return ExtractResult(extraction, _notes(config, actors, extraction))


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
