"""Render helper: Atom feeds of the latest articles, for the whole site and per issue.

Part of the render side (pure: returns text; publish writes it). Each feed holds
at most `FEED_SIZE` entries, newest first, so it does not grow with the corpus.
Entry links are absolute when `base_url` is set (feed readers need them), and
relative to the feed otherwise.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

from .index import ArticleView

FEED_SIZE = 50
SITE_FEED = "feed.xml"


def issue_feed_path(issue_id: str) -> str:
    """Where an issue's feed is published: `issues/<id>/feed.xml`."""
    return f"issues/{issue_id}/feed.xml"


def _url(base: str, page: str, feed_path: str) -> str:
    stem = page.removesuffix(".md").removesuffix("index")
    path = stem + "/" if stem and not stem.endswith("/") else stem
    if base:
        return base + path
    return "../" * feed_path.count("/") + path


def atom_feed(title: str, subtitle: str, articles: tuple[ArticleView, ...], base: str,
              feed_path: str, home_page: str, updated: datetime) -> str:
    """An Atom 1.0 document of the newest `FEED_SIZE` of `articles` (already newest first)."""
    self_url = base + feed_path if base else feed_path.rsplit("/", 1)[-1]
    home = _url(base, home_page, feed_path)
    feed_id = base + feed_path if base else f"tag:briefing,2026:{feed_path}"
    entries = []
    for article in articles[:FEED_SIZE]:
        url = _url(base, article.page, feed_path)
        when = (article.date or updated).isoformat()
        authors = "".join(f"<author><name>{escape(a)}</name></author>" for a in article.authors)
        categories = "".join(f"<category term={quoteattr(t.name)}/>" for t in article.tag_refs)
        source = f"<source><title>{escape(article.source.name)}</title></source>" \
            if article.source else ""
        entries.append(
            f"<entry><title>{escape(article.title)}</title><link href={quoteattr(url)}/>"
            f"<id>{escape(base + article.page if base else 'tag:briefing,2026:' + article.id)}"
            f"</id><updated>{when}</updated>{authors}{categories}"
            f"<summary>{escape(article.description)}</summary>{source}</entry>")
    if not any(a.authors for a in articles[:FEED_SIZE]):
        feed_author = f"<author><name>{escape(title)}</name></author>"
    else:
        feed_author = ""
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><subtitle>{escape(subtitle)}</subtitle>"
            f'<link rel="self" href={quoteattr(self_url)}/><link href={quoteattr(home)}/>'
            f"<id>{escape(feed_id)}</id><updated>{updated.isoformat()}</updated>{feed_author}\n"
            + "\n".join(entries) + "\n</feed>\n")
