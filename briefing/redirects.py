"""Render helper: redirect pages for renamed articles (`aliases:` in front matter).

Part of the render side (pure: returns text and diagnostics; publish writes the
files). An alias is an old address of the article: a bare slug (`old-name`, read
as `articles/old-name/`) or a site path (`/posts/old-name/`). Each becomes a small
HTML page that sends readers, and search engines through its canonical link, to
the article's current page. An alias may not leave the site, overwrite a page or
another alias; each refusal is a warning naming the article's file.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

from .diagnostics import Diagnostic, warning
from .model import Article

SAFE_PATH = re.compile(r"[A-Za-z0-9._~\-/]{1,200}")
RESERVED = ("assets/", "search/", "data/", "feed.xml", "sitemap.xml", "robots.txt",
            "404.html", "build-report.json")


@dataclass(frozen=True)
class Redirects:
    """Redirect pages by site path, and the aliases refused."""

    files: dict[str, str]
    diagnostics: tuple[Diagnostic, ...]


def _aliases(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def alias_file(alias: str) -> str | None:
    """The site file an alias is served from (`posts/old/index.html`), or None if unsafe."""
    text = alias.strip()
    if not SAFE_PATH.fullmatch(text) or ".." in text or "//" in text:
        return None
    path = text.strip("/")
    if not path:
        return None
    if "/" not in text:
        path = f"articles/{path}"
    return path if path.endswith(".html") else f"{path}/index.html"


def redirect_page(target_url: str, title: str, canonical: str) -> str:
    """A page that sends the reader on to `target_url` at once."""
    href = escape(target_url, quote=True)
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Moved: {escape(title)}</title>"
            f"<link rel=\"canonical\" href=\"{escape(canonical, quote=True)}\">"
            "<meta name=\"robots\" content=\"noindex\">"
            f"<meta http-equiv=\"refresh\" content=\"0; url={href}\"></head>"
            f"<body><p>This article has moved: <a href=\"{href}\">{escape(title)}</a>.</p>"
            "</body></html>\n")


def redirects(articles: Iterable[Article], pages: dict[str, str], base: str) -> Redirects:
    """Redirect pages for every article's aliases; `pages` maps each existing site file
    (`articles/x/index.html`) to nothing in particular, only its presence counts."""
    files: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for article in sorted(articles, key=lambda a: a.path):
        for alias in _aliases(article.extra.get("aliases")):
            target = f"articles/{article.id}/"
            where = alias_file(alias) if isinstance(alias, str) else None
            if where is None:
                problems.append(warning(
                    "bad-alias", article.path, f"alias {str(alias)[:80]!r} is not a path "
                    "on this site; no redirect was made.",
                    "write an old address such as /posts/old-name/ or a bare slug old-name."))
                continue
            if where in pages or where in files or where.startswith(RESERVED) or \
                    where == f"{target}index.html":
                problems.append(warning(
                    "alias-clash", article.path, f"alias {alias!r} is the address of another "
                    "page or alias; no redirect was made.",
                    "remove the alias, or give the old address that really moved."))
                continue
            here = posixpath.dirname(where)
            relative = posixpath.relpath(target, here or ".") + "/"
            files[where] = redirect_page(relative, article.title, base + target if base
                                         else relative)
    return Redirects(files, tuple(problems))
