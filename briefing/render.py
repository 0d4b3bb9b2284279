"""Render stage: the index + `templates/` -> Markdown pages (and assets) in memory.

Templates are Jinja with autoescaping on; every user-supplied value reaches a page
only as a template variable (never as template source), and the `inline` filter
escapes Markdown syntax and HTML so a title cannot inject markup or script.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup, escape

from .dates import format_day
from .index import KINDS, BriefingIndex

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~])")
KIND_TITLES = {"articles": "Articles", "stories": "Stories", "actors": "Actors",
               "issues": "Issues", "sources": "Sources"}
KIND_SINGULAR = {"articles": "article", "stories": "story", "actors": "actor",
                 "issues": "issue", "sources": "source"}
TOPICAL = ("timeline", "quotes", "figures")
ASSETS = ("assets/briefing.css",)


@dataclass(frozen=True)
class SiteInfo:
    """Site-wide values templates show."""

    title: str
    description: str
    build_date: datetime


class RenderError(Exception):
    """A template could not be rendered (a bug in a template, reported with its name)."""


def inline(value: object) -> Markup:
    """Text made safe for a line of Markdown: Markdown syntax and HTML escaped.

    Quotes are left alone (they are harmless outside attributes) so titles read
    "Carney's", not "Carney&#39;s", wherever MkDocs reuses them.
    """
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", text))


def page_title(value: object) -> Markup:
    """A page-meta `title:` value: HTML-escaped, then quoted as a YAML (JSON) string.

    MkDocs themes print `page.title` unescaped in <title> and the header; an
    escaped title displays the same but cannot open a tag.
    """
    text = " ".join(str(value).split())
    return Markup(json.dumps(str(escape(text)), ensure_ascii=False))


class Linkable(Protocol):
    """Any view with a display name and a page: articles, actors, issues, sources."""

    @property
    def name(self) -> str: ...

    @property
    def page(self) -> str: ...


def md_link(ref: Linkable, root: str, anchor: str = "", label: str | None = None) -> Markup:
    """A Markdown link to another generated page: `[name](../kind/id.md#anchor)`."""
    name, page = ref.name, ref.page
    target = f"{root}{page}" + (f"#{anchor}" if anchor else "")
    return Markup(f"[{inline(label or name)}]({escape(target)})")


def format_date(value: datetime | None) -> str:
    """`14 January 2026`, or an empty string for undated articles."""
    return format_day(value.date()) if value else ""


def make_environment(templates_dir: Path) -> Environment:
    """The Jinja environment all pages render with."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["inline"] = inline
    env.filters["date"] = format_date
    env.filters["link"] = md_link
    env.filters["page_title"] = page_title
    return env


def render_pages(index: BriefingIndex, site: SiteInfo, templates_dir: Path) -> dict[str, str]:
    """Every generated page and asset, keyed by its path inside the docs folder."""
    env = make_environment(templates_dir)
    pages: dict[str, str] = {}

    def render(template: str, path: str, **context: object) -> None:
        root = "../" * path.count("/")
        try:
            pages[path] = env.get_template(template).render(site=site, root=root, **context)
        except TemplateError as exc:
            raise RenderError(f"{template}: {exc}") from exc

    render("home.md.j2", "index.md", index=index, counts=index.counts(), kinds=KIND_TITLES,
           singular=KIND_SINGULAR)
    for kind in KINDS:
        render(f"{kind}.md.j2", f"{kind}/index.md", index=index, title=KIND_TITLES[kind])
    for article in index.articles:
        render("article.md.j2", article.page, article=article)
    for entity in (*index.actors, *index.issues, *index.sources, *index.stories):
        render("entity.md.j2", entity.page, entity=entity)
    for name in TOPICAL:
        render(f"{name}.md.j2", f"{name}.md", index=index)
    for asset in ASSETS:
        render(asset, asset)
    return pages
