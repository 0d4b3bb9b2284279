"""Render stage: the index + `templates/` -> Markdown and HTML pages (and assets) in memory.

Templates are Jinja with autoescaping on; every user-supplied value reaches a page
only as a template variable (never as template source), and the `inline` filter
escapes Markdown syntax and HTML so a title cannot inject markup or script.

Each kind of page has a template, `article.md.j2` say: Markdown, which the engine
converts. An HTML template of the same name (`article.html.j2`) is used instead
when there is one, and its pages pass through the engine unconverted
(`html_pages`), which saves the engine's costliest step.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup, escape

from .cache import TEMPLATES_DIR, KeptTemplates, ResultCache, templates_folder
from .charts import coverage_chart, share_chart
from .config import SiteConfig
from .coverage import Point
from .dates import format_day
from .digest import build_digest
from .engines import ENGINES
from .html_pages import html_page
from .index import BriefingIndex, FirstMention, list_page_path, more_page_path
from .page_memo import PageMemo

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~])")
KIND_TITLES = {"articles": "Articles", "stories": "Stories", "actors": "Actors",
               "issues": "Issues", "sources": "Sources"}
KIND_SINGULAR = {"articles": "article", "stories": "story", "actors": "actor",
                 "issues": "issue", "sources": "source"}
TOPICAL = ("timeline", "quotes", "figures")
ASSETS = ("assets/briefing.css", "assets/briefing.js")
PER_PAGE = {"articles": 50, "stories": 50, "actors": 100, "issues": 100, "sources": 100,
            "tags": 100}
QUOTES_PER_PAGE = 40
EVENTS_PER_PAGE = 80
FIGURES_PER_PAGE = 10
ROWS_ON_ENTITY_PAGE = 15    # coverage rows on an entity page; the rest on continuation pages
ROWS_PER_MORE_PAGE = 50
REPORT_ROWS = 50            # rows of each list on the build report page
MARKDOWN_TEMPLATE = ".md.j2"
HTML_TEMPLATE = ".html.j2"  # used instead of the Markdown template of the same name


@dataclass(frozen=True)
class SiteInfo:
    """Site-wide values templates show."""

    title: str
    description: str
    build_date: datetime
    base_url: str = ""
    repo_url: str = ""
    edit_base: str = ""      # the repository's edit address of content/, ending in "/"
    language: str = "en"
    links_from_source: bool = False   # raw HTML links relative to the .md file (Zensical)

    @classmethod
    def from_config(cls, config: SiteConfig, build_date: datetime) -> SiteInfo:
        """The values a site's config gives its templates."""
        base = config.base_url if not config.base_url or config.base_url.endswith("/") \
            else config.base_url + "/"
        repo = config.repo_url.rstrip("/")
        edit = f"{repo}/edit/{config.repo_branch}/{config.content_dir.strip('/')}/" \
            if repo else ""
        engine = ENGINES.get(config.engine)
        return cls(config.title, config.description, build_date, base, repo, edit,
                   config.language, bool(engine and engine.raw_links_from_source))


@dataclass(frozen=True)
class Pager:
    """Where a page sits in a paginated list, and the links to its neighbours."""

    number: int
    count: int
    pages: tuple[tuple[int, str], ...]   # (number, docs path), a window around this page
    previous: str | None
    next: str | None
    first: str


T = TypeVar("T")


class RenderError(Exception):
    """A template could not be rendered (a bug in a template, reported with its name)."""


def inline(value: object) -> Markup:
    """Text made safe for a line of Markdown: Markdown syntax and HTML escaped.

    Quotes are left alone (they are harmless outside attributes) so titles read
    "Carney's", not "Carney&#39;s", wherever MkDocs reuses them.
    """
    return _inline(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _inline(text: str) -> Markup:
    """`inline` of a string, remembered: the same names and titles are shown on
    thousands of pages (half a million calls at 5,000 articles)."""
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", _html_text(text)))


def text(value: object) -> Markup:
    """Text made safe for HTML outside attributes: one line, `&`, `<` and `>` escaped.

    The `inline` of HTML templates; quotes are left alone for the same reason."""
    return _html_text(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _html_text(value: str) -> Markup:
    value = " ".join(value.split())
    return Markup(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


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


def html_link(ref: Linkable, current: str, anchor: str = "", label: str | None = None,
              from_source: bool = False) -> Markup:
    """An HTML link from the page `current` to another generated page:
    `<a href="../../actors/id/#anchor">name</a>` (see `relative_url`)."""
    return _html_link(str(label or ref.name), ref.page, current, anchor, from_source)


@functools.lru_cache(maxsize=1 << 16)
def _html_link(label: str, page: str, current: str, anchor: str, from_source: bool) -> Markup:
    target = relative_url(page, current, from_source) + (f"#{anchor}" if anchor else "")
    return Markup(f'<a href="{escape(target)}">{_html_text(label)}</a>')


def md_link(ref: Linkable, root: str, anchor: str = "", label: str | None = None) -> Markup:
    """A Markdown link to another generated page: `[name](../kind/id.md#anchor)`."""
    return _md_link(str(label or ref.name), ref.page, root, anchor)


@functools.lru_cache(maxsize=1 << 16)
def _md_link(label: str, page: str, root: str, anchor: str) -> Markup:
    target = f"{root}{page}" + (f"#{anchor}" if anchor else "")
    return Markup(f"[{_inline(label)}]({escape(target)})")


def format_date(value: datetime | None) -> str:
    """`14 January 2026`, or an empty string for undated articles."""
    return format_day(value.date()) if value else ""


def meta_text(value: object) -> Markup:
    """A page-meta value such as `description:`: one line, HTML-escaped, YAML-quoted."""
    return page_title(value)


@functools.lru_cache(maxsize=1 << 16)
def page_url(page: str) -> str:
    """The site URL (directory style) a docs page is published at: `actors/x.md` -> `actors/x/`."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem[:-len("index")]
    return stem + "/" if stem and not stem.endswith("/") else stem


def relative_url(target: str, current: str, from_source: bool = False) -> str:
    """A link from the page `current` to the page `target` (docs paths) for raw HTML.

    MkDocs does not rewrite raw HTML, so the link starts from the page's published
    URL (`articles/x/`); with `from_source` it starts from the source file's folder
    (`articles/`), for an engine that rewrites raw HTML links as Markdown ones.
    A `#fragment` on `target` is kept.
    """
    target, hash_mark, fragment = target.partition("#")
    here = posixpath.dirname(current) if from_source else page_url(current)
    return _relative_dir(page_url(target), here) + hash_mark + fragment


def _relative_dir(target: str, here: str) -> str:
    """The folder `target` from the folder `here` (docs-relative, normalized: no `.` or
    `..`), ending in "/": what `posixpath.relpath` gives, without its `abspath` calls
    (a quarter of a million links at 5,000 articles, most into another section)."""
    start = [part for part in here.split("/") if part]
    if not start or not target.startswith(start[0] + "/"):
        return "../" * len(start) + target if target or start else "./"
    to = [part for part in target.split("/") if part]
    common = 0
    for a, b in zip(to, start, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start) - common) + to[common:]
    return "/".join(parts) + "/" if parts else "./"


def file_url(target: str, current: str, from_source: bool = False) -> str:
    """A link from the page `current` to a site file that is not a page (`feed.xml`)."""
    here = posixpath.dirname(current) if from_source else page_url(current)
    return posixpath.relpath(target, here or ".")


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def _markdown_it_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;")


def with_links(html: str, anchor: str, firsts: tuple[FirstMention, ...], current: str,
               from_source: bool = False) -> Markup:
    """A block's safe HTML with the article's first mention of each actor and issue in it
    made a link (only text outside tags and outside existing links is touched)."""
    wanted = [f for f in firsts if f.anchor == anchor]
    if not wanted:
        return Markup(html)
    parts = _TAG_OR_TEXT.split(html)
    for first in wanted:
        needle = _markdown_it_escape(first.surface)
        inside_link = False
        for n, part in enumerate(parts):
            if part.startswith("<"):
                if part.startswith("<a"):
                    inside_link = True
                elif part.startswith("</a"):
                    inside_link = False
                continue
            at = part.find(needle) if not inside_link else -1
            while at >= 0 and not _whole_word(part, at, len(needle)):
                at = part.find(needle, at + 1)
            if at >= 0:
                href = escape(relative_url(first.ref.page, current, from_source))
                link = (f'<a class="briefing-mention" href="{href}">{needle}</a>')
                parts[n:n + 1] = [part[:at], link, part[at + len(needle):]]
                break
    return Markup("".join(parts))


def _whole_word(text: str, at: int, length: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + length] if at + length < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def chart(points: tuple[Point, ...], title: str, chart_id: str = "coverage") -> Markup:
    """Coverage over time as an inline SVG with its data table."""
    return coverage_chart(points, title, chart_id)


def mix_chart(refs: tuple, title: str, chart_id: str = "mix", limit: int = 12) -> Markup:
    """Counts per linkable view (`name`, `count`) as horizontal bars with a data table."""
    items = [(r.name, r.count) for r in refs[:limit]]
    rest = sum(r.count for r in refs[limit:])
    if rest:
        items.append((f"{len(refs) - limit} others", rest))
    return share_chart(items, title, chart_id)


def make_environment(templates_dir: Path, links_from_source: bool = False,
                     compiled: Path | None = None) -> Environment:
    """The Jinja environment all pages render with (`links_from_source`: see
    `relative_url`), keeping its compiled templates in `compiled` if given."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        bytecode_cache=KeptTemplates(templates_folder(compiled)) if compiled else None,
        # One environment per build: templates do not change while it renders, so
        # Jinja need not stat a template's file each time it is used (once per
        # page and per included partial).
        auto_reload=False,
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["inline"] = inline
    env.filters["text"] = text
    env.filters["date"] = format_date
    env.filters["link"] = md_link
    env.filters["html_link"] = functools.partial(html_link, from_source=links_from_source)
    env.filters["page_title"] = page_title
    env.filters["meta_text"] = meta_text
    env.filters["url"] = functools.partial(relative_url, from_source=links_from_source)
    env.filters["file_url"] = functools.partial(file_url, from_source=links_from_source)
    env.filters["with_links"] = functools.partial(with_links, from_source=links_from_source)
    env.filters["chart"] = chart
    env.filters["mix_chart"] = mix_chart
    return env


def paginate(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """`items` in pages of `size` (one empty page for no items)."""
    return [items[n:n + size] for n in range(0, len(items), size)] or [items[:0]]


def pagers(paths: list[str], window: int = 5) -> list[Pager]:
    """A `Pager` for each of the pages at `paths`, linking a window of page numbers."""
    count = len(paths)
    made = []
    for n in range(1, count + 1):
        low, high = max(1, n - window), min(count, n + window)
        shown = tuple((m, paths[m - 1]) for m in range(low, high + 1))
        made.append(Pager(n, count, shown, paths[n - 2] if n > 1 else None,
                          paths[n] if n < count else None, paths[0]))
    return made


def render_pages(index: BriefingIndex, site: SiteInfo, templates_dir: Path,
                 report: Mapping[str, Any] | None = None,
                 cache: ResultCache | None = None) -> dict[str, str]:
    """Every generated page and asset, keyed by its path inside the docs folder.

    With a `cache`, the pages of articles and entities rendered by an earlier
    build from the same views are taken from it (`page_memo`), and the compiled
    templates are kept beside it.
    """
    env = make_environment(templates_dir, site.links_from_source,
                           cache.folder / TEMPLATES_DIR / "pages" if cache else None)
    pages: dict[str, str] = {}
    html_templates = {name for name in env.list_templates() if name.endswith(HTML_TEMPLATE)}

    def render(template: str, path: str, **context: object) -> None:
        """Render the page at `path` from the template named `template` (`article`:
        `article.html.j2` if there is one, else `article.md.j2`), or an asset."""
        name = _template_name(template, html_templates)
        try:
            rendered = env.get_template(name).render(site=site, root="../" * path.count("/"),
                                                     page=path, **context)
        except TemplateError as exc:
            raise RenderError(f"{name}: {exc}") from exc
        pages[path] = html_page(rendered) if name.endswith(HTML_TEMPLATE) else rendered

    render("home", "index.md", index=index, counts=index.counts(), kinds=KIND_TITLES,
           singular=KIND_SINGULAR, digest=build_digest(index, site.build_date))
    sections: dict[str, Sequence[Any]] = {
        "articles": index.articles, "stories": index.stories,
        "actors": index.prominent_actors,
        "issues": sorted(index.issues, key=lambda e: (-len(e.articles), e.name.casefold())),
        "sources": sorted(index.sources, key=lambda e: (-len(e.articles), e.name.casefold())),
        "tags": index.tags}
    for kind, items in sections.items():
        chunks = paginate(items, PER_PAGE[kind])
        paths = [list_page_path(kind, n) for n in range(1, len(chunks) + 1)]
        for chunk, path, pager in zip(chunks, paths, pagers(paths), strict=True):
            render(kind, path, index=index, items=chunk, pager=pager,
                   title=KIND_TITLES.get(kind, "Tags"))
    quote_pages = _quote_pages(index)
    _render_own(list(_own_pages(index, quote_pages)), PageMemo.open(cache, templates_dir, site),
                render, pages)
    _render_topical(index, render, quote_pages)
    render("report", "build-report.md", report=report or {}, limit=REPORT_ROWS)
    for asset in ASSETS:
        render(asset, asset)
    return pages


def _template_name(template: str, html_templates: set[str]) -> str:
    """The file of the page template `template`: its HTML one if there is one, else its
    Markdown one; an asset's template is named whole."""
    if template in ASSETS:
        return template
    html_name = template + HTML_TEMPLATE
    return html_name if html_name in html_templates else template + MARKDOWN_TEMPLATE


@dataclass(frozen=True)
class _OwnPage:
    """An article's or entity's page: its template, path and context, and the `parts`
    the context is made of (a slice of an entity's rows by its bounds), for `page_memo`."""

    template: str
    path: str
    context: dict[str, Any]
    parts: tuple[Any, ...]


def _render_own(own: list[_OwnPage], memo: PageMemo | None, render: Any,
                pages: dict[str, str]) -> None:
    """Render the article and entity pages into `pages`, taking those `memo` keeps from
    it and keeping the others there."""
    keys = [memo.key(page.template, page.path, page.parts) if memo else None for page in own]
    kept = memo.recall([key for key in keys if key is not None]) if memo else {}
    fresh: list[tuple[bytes, str]] = []
    for page, key in zip(own, keys, strict=True):
        if key is not None and key in kept:
            pages[page.path] = kept[key]
            continue
        render(page.template, page.path, **page.context)
        if key is not None:
            fresh.append((key, pages[page.path]))
    if memo:
        memo.keep(fresh)


def _own_pages(index: BriefingIndex, quote_pages: dict[str, str]) -> Iterator[_OwnPage]:
    """The pages of each article and entity, with each entity's continuation pages."""
    for article in index.articles:
        yield _OwnPage("article", article.page, {"article": article}, (article,))
    for entity in (*index.actors, *index.issues, *index.sources, *index.stories, *index.tags):
        rest = paginate(entity.articles[ROWS_ON_ENTITY_PAGE:], ROWS_PER_MORE_PAGE)
        more = [more_page_path(entity.kind, entity.id, n + 2) for n in range(len(rest))] \
            if entity.articles[ROWS_ON_ENTITY_PAGE:] else []
        quotes = quote_pages.get(entity.id, "")
        yield _OwnPage("entity", entity.page, {
            "entity": entity, "rows": entity.articles[:ROWS_ON_ENTITY_PAGE], "more": more[:1],
            "quotes_page": quotes}, (entity, 0, ROWS_ON_ENTITY_PAGE, more[:1], quotes))
        for n, (chunk, path, pager) in enumerate(zip(rest, more, pagers([entity.page, *more])[1:],
                                                     strict=False)):
            start = ROWS_ON_ENTITY_PAGE + n * ROWS_PER_MORE_PAGE
            yield _OwnPage("entity_more", path,
                           {"entity": entity, "rows": chunk, "pager": pager},
                           (entity, start, start + ROWS_PER_MORE_PAGE, pager))


def _quote_pages(index: BriefingIndex) -> dict[str, str]:
    """Each speaker's first quotes page and section anchor: `quotes/page-2.md#xi-jinping`."""
    located: dict[str, str] = {}
    for number, chunk in enumerate(paginate(quote_order(index), QUOTES_PER_PAGE), 1):
        for quote in chunk:
            key = quote.speaker.id if quote.speaker else "speaker-not-established"
            located.setdefault(key, f"{list_page_path('quotes', number)}#{key}")
    return located


def quote_order(index: BriefingIndex) -> list[Any]:
    """Quotes by speaker (most quoted first, then by name), newest first within a speaker;
    quotes whose speaker is not established come last."""
    by_speaker: dict[str, list[Any]] = {}
    for quote in index.quotes:
        by_speaker.setdefault(quote.speaker.id if quote.speaker else "", []).append(quote)
    order = sorted((k for k in by_speaker if k), key=lambda k: (
        -len(by_speaker[k]), by_speaker[k][0].speaker.name.casefold()))
    ordered = []
    for key in [*order, ""] if "" in by_speaker else order:
        ordered.extend(sorted(by_speaker[key], key=lambda q: (
            q.date is None, -(q.date.timestamp() if q.date else 0))))
    return ordered


def _render_topical(index: BriefingIndex, render: Any, quote_pages: dict[str, str]) -> None:
    """The quotes, timeline and figures pages, each paginated."""
    chunks = paginate(quote_order(index), QUOTES_PER_PAGE)
    paths = [list_page_path("quotes", n) for n in range(1, len(chunks) + 1)]
    speakers = [(q.speaker, quote_pages[q.speaker.id], n) for q, n in _first_of_speakers(index)]
    for chunk, path, pager in zip(chunks, paths, pagers(paths), strict=True):
        render("quotes", path, index=index, items=chunk, pager=pager,
               speakers=speakers[:30], total=len(index.quotes))
    chunks = paginate(index.events, EVENTS_PER_PAGE)
    paths = [list_page_path("timeline", n) for n in range(1, len(chunks) + 1)]
    for chunk, path, pager in zip(chunks, paths, pagers(paths), strict=True):
        render("timeline", path, index=index, items=chunk, pager=pager)
    chunks = paginate(index.figure_groups, FIGURES_PER_PAGE)
    paths = [list_page_path("figures", n) for n in range(1, len(chunks) + 1)]
    for chunk, path, pager in zip(chunks, paths, pagers(paths), strict=True):
        render("figures", path, index=index, items=chunk, pager=pager)


def _first_of_speakers(index: BriefingIndex) -> list[tuple[Any, int]]:
    """Each speaker once with their number of quotes, most quoted first."""
    counts: dict[str, int] = {}
    first: dict[str, Any] = {}
    for quote in index.quotes:
        if quote.speaker:
            counts[quote.speaker.id] = counts.get(quote.speaker.id, 0) + 1
            first.setdefault(quote.speaker.id, quote)
    order = sorted(counts, key=lambda k: (-counts[k], first[k].speaker.name.casefold()))
    return [(first[k], counts[k]) for k in order]
