"""Render side: the site's files beside its pages — feeds, redirects and robots.txt.

Pure: returns text by site path and the diagnostics found (aliases refused);
publish writes the files next to MkDocs' output, like the data export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .diagnostics import Diagnostic
from .feeds import SITE_FEED, atom_feed, issue_feed_path
from .index import BriefingIndex
from .model import Article
from .redirects import redirects
from .render import SiteInfo, page_url


@dataclass(frozen=True)
class SiteFiles:
    """Files by site path, and the problems found making them."""

    files: dict[str, str]
    diagnostics: tuple[Diagnostic, ...]


def robots_txt(base: str) -> str:
    """Every page may be crawled; the sitemap is named when the address is known."""
    return "User-agent: *\nAllow: /\n" + (f"Sitemap: {base}sitemap.xml\n" if base else "")


def site_files(index: BriefingIndex, site: SiteInfo, articles: Iterable[Article],
               pages: set[str]) -> SiteFiles:
    """The feeds (one for the site, one per issue), `robots.txt` and redirect pages."""
    files = {SITE_FEED: atom_feed(site.title, site.description, index.articles, site.base_url,
                                  SITE_FEED, "index.md", site.build_date),
             "robots.txt": robots_txt(site.base_url)}
    by_id = {a.id: a for a in index.articles}
    for issue in index.issues:
        listed = tuple(by_id[row.article.id] for row in sorted(
            issue.articles, key=lambda r: (r.date is None,
                                           -(r.date.timestamp() if r.date else 0))))
        files[issue_feed_path(issue.id)] = atom_feed(
            f"{site.title}: {issue.name}", issue.description, listed, site.base_url,
            issue_feed_path(issue.id), issue.page, site.build_date)
    existing = {page_url(p) + "index.html" for p in pages if p.endswith(".md")}
    made = redirects(articles, dict.fromkeys(existing, ""), site.base_url)
    files.update(made.files)
    return SiteFiles(files, made.diagnostics)
