"""Extract stage: canonical articles -> actors, issues, sources and their mentions.

This first cut matches the curated actors and issues of `site_config.yml` (names
and aliases) in every title and block, and resolves each article's outlet to a
source. Every mention keeps its block anchor and a context snippet so pages can
cite the exact paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from .config import ActorConfig, IssueConfig, SiteConfig, SourceConfig
from .diagnostics import Diagnostic, Severity
from .folding import fold
from .matching import AliasMatcher, Match
from .model import Actor, Article, Extraction, Issue, Mention, Source
from .slugs import disambiguate, slugify_title

SNIPPET_RADIUS = 90
Named = TypeVar("Named", ActorConfig, IssueConfig, SourceConfig)


@dataclass(frozen=True)
class ExtractResult:
    """The extraction and the notes it produced for the build report."""

    extraction: Extraction
    diagnostics: tuple[Diagnostic, ...]


def extract_entities(articles: tuple[Article, ...], config: SiteConfig) -> ExtractResult:
    """Find curated actors and issues in every article and resolve every outlet."""
    actors = _curated_actors(config)
    issues = _curated_issues(config)
    actor_matcher = AliasMatcher(
        ((alias, actor.id) for actor in actors for alias in (actor.name, *actor.aliases)),
        case_sensitive=True,
    )
    issue_matcher = AliasMatcher(
        ((word, issue.id) for issue in issues for word in (issue.name, *issue.keywords)),
        case_sensitive=False,
    )
    mentions: list[Mention] = []
    for article in articles:
        mentions.extend(_mentions(article, actor_matcher))
        mentions.extend(_mentions(article, issue_matcher))
    sources, article_sources = _resolve_sources(articles, config)
    mentioned = {m.entity_id for m in mentions}
    notes = tuple(
        Diagnostic(Severity.INFO, "unmentioned", None,
                   f"curated {kind} '{entity.name}' is not mentioned in any article.",
                   "check its aliases in site_config.yml.")
        for kind, group in (("actor", actors), ("issue", issues))
        for entity in group if entity.id not in mentioned
    )
    extraction = Extraction(
        actors=tuple(a for a in actors if a.id in mentioned),
        issues=tuple(i for i in issues if i.id in mentioned),
        sources=sources,
        mentions=tuple(mentions),
        article_sources=article_sources,
    )
    return ExtractResult(extraction, notes)


def _unique_ids(names: list[str]) -> list[str]:
    """Slugs for a list of names, suffixed where two names slugify alike."""
    taken: set[str] = set()
    ids = []
    for name in names:
        slug = slugify_title(name)
        if slug in taken:
            slug = disambiguate(slug, name)
        taken.add(slug)
        ids.append(slug)
    return ids


def _first_of_each_name(entries: tuple[Named, ...]) -> list[Named]:
    """Config entries with a repeated name are dropped: the first one wins (config warns)."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        key = entry.name.casefold()
        if key and key not in seen:
            seen.add(key)
            kept.append(entry)
    return kept


def _curated_actors(config: SiteConfig) -> tuple[Actor, ...]:
    entries = _first_of_each_name(config.actors)
    ids = _unique_ids([entry.name for entry in entries])
    return tuple(
        Actor(actor_id, entry.name, entry.type, entry.aliases, entry.description, curated=True)
        for actor_id, entry in zip(ids, entries, strict=True)
    )


def _curated_issues(config: SiteConfig) -> tuple[Issue, ...]:
    entries = _first_of_each_name(config.issues)
    ids = _unique_ids([entry.name for entry in entries])
    return tuple(
        Issue(issue_id, entry.name, entry.keywords, entry.description)
        for issue_id, entry in zip(ids, entries, strict=True)
    )


def _mentions(article: Article, matcher: AliasMatcher) -> list[Mention]:
    """Every match of `matcher` in the article's title and blocks."""
    found: list[Mention] = []
    for match in matcher.find(article.title):
        found.append(Mention(match.entity_id, article.id, "", match.surface, article.title))
    for block in article.blocks:
        for match in matcher.find(block.text):
            found.append(Mention(match.entity_id, article.id, block.anchor, match.surface,
                                 snippet(block.text, match)))
    return found


def snippet(text: str, match: Match, radius: int = SNIPPET_RADIUS) -> str:
    """About `radius` characters either side of a match, cut at word boundaries."""
    start = max(0, match.start - radius)
    end = min(len(text), match.end + radius)
    if start > 0:
        start = text.find(" ", start, match.start) + 1 or start
    if end < len(text):
        cut = text.rfind(" ", match.end, end)
        end = cut if cut > 0 else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + text[start:end].strip() + suffix


def _resolve_sources(articles: tuple[Article, ...], config: SiteConfig
                     ) -> tuple[tuple[Source, ...], dict[str, str]]:
    """Map each article's outlet name to a source, curated or first seen."""
    entries = _first_of_each_name(config.sources)
    ids = _unique_ids([entry.name for entry in entries])
    by_key: dict[str, Source] = {}
    for source_id, entry in zip(ids, entries, strict=True):
        source = Source(source_id, entry.name, entry.url, entry.description, curated=True)
        for spelling in (entry.name, *entry.aliases, *entry.domains):
            by_key.setdefault(fold(spelling), source)
    used: dict[str, Source] = {}
    article_sources: dict[str, str] = {}
    for article in articles:
        if not article.source:
            continue
        key = fold(article.source)
        found = by_key.get(key)
        if found is not None:
            source = found
        else:
            slug = slugify_title(article.source)
            if any(s.id == slug for s in by_key.values()):
                slug = disambiguate(slug, article.source)
            source = Source(slug, article.source, "", "", curated=False)
            by_key[key] = source
        used[source.id] = source
        article_sources[article.id] = source.id
    return tuple(sorted(used.values(), key=lambda s: s.name.casefold())), article_sources
