"""Sources: each article's outlet resolved to one source, curated or first seen.

Part of the extract stage. Spellings, aliases and web domains from
`site_config.yml` all lead to the same source.
"""

from __future__ import annotations

from ..config import SiteConfig
from ..folding import fold
from ..model import Article, Source
from ..slugs import claim_slug


def resolve_sources(articles: tuple[Article, ...], config: SiteConfig
                    ) -> tuple[tuple[Source, ...], dict[str, str]]:
    """The sources used, and article id -> source id."""
    by_key: dict[str, Source] = {}
    taken: set[str] = set()
    for entry in config.sources:
        if not entry.name.strip() or fold(entry.name) in by_key:
            continue
        slug = claim_slug(entry.name, entry.name, taken)
        source = Source(slug, entry.name, entry.url, entry.description, curated=True)
        for spelling in (entry.name, *entry.aliases, *entry.domains):
            by_key.setdefault(fold(spelling), source)
    used: dict[str, Source] = {}
    article_sources: dict[str, str] = {}
    for article in articles:
        if not article.source:
            continue
        key = fold(article.source)
        found = by_key.get(key)
        if found is None:
            slug = claim_slug(article.source, article.source, taken)
            found = Source(slug, article.source, "", "", curated=False)
            by_key[key] = found
        used[found.id] = found
        article_sources[article.id] = found.id
    return tuple(sorted(used.values(), key=lambda s: s.name.casefold())), article_sources
