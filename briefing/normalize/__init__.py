"""Normalize stage: `SourceDoc` -> `Article`.

Front matter always wins; what is not in front matter is inferred from the text,
and the article's `inferred` map records how (e.g. `title: first line`). Pasted
text gets its structure back (see `structure`), page furniture is removed and
listed (see `boilerplate`), unknown front-matter keys are kept in `extra`. Drafts
come back as `None` with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from markdown_it import MarkdownIt

from ..blocks import markdown_parser, parse_blocks
from ..config import SiteConfig
from ..diagnostics import Diagnostic, Severity, warning
from ..folding import fold
from ..model import Article, AttributedQuote, Block, BlockKind, SourceDoc
from ..slugs import slugify_title
from .boilerplate import BoilerplateFilter
from .fields import (
    KNOWN_KEYS,
    SOURCE_KEYS,
    SUMMARY_KEYS,
    article_date,
    authors_of,
    excluded_reason,
    explicit_slug,
    first_text,
    name_for_dates,
    terms,
    type_problems,
)
from .headline import (
    Headline,
    derive_title,
    is_slug_of,
    plain_title,
    read_byline,
    read_dateline,
    read_headline,
    title_from_file_name,
)
from .peers import (
    Publishing,
    draft_sections,
    held_back,
    path_categories,
    path_exclusion,
    status_exclusion,
)
from .structure import Element, build_elements, read_tag_line, to_markdown
from .templating import Rendered, render_templates

__all__ = ["NormalizeResult", "Normalizer", "is_slug_of", "normalize_document"]
LOCAL_URL = re.compile(r'(?:href|src)="(?!https?:|mailto:|#)([^"]+)"')
# `[ \t]*`, not `\s*`: with re.M, `\s*` would run on across blank lines from every
# line start, which on a run of blank lines is quadratic.
MARKDOWN_SYNTAX = re.compile(
    r"^(?:#{1,6}[ \t]|>|```|~~~|[ \t]*[-*+][ \t]|[ \t]*\d+\.[ \t]|\|[^\n]*\|[ \t]*$)", re.M)
REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]{1,200}\]:[ \t]{0,20}\S[^\n]{0,1000}$", re.M)


@dataclass(frozen=True)
class NormalizeResult:
    """An article, or None with the reason it is left out of the public build."""

    article: Article | None
    excluded_reason: str | None
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class Normalizer:
    """What normalizing needs from the config, prepared once for all documents."""

    config: SiteConfig
    boilerplate: BoilerplateFilter
    outlets: dict[str, str]          # folded spelling -> outlet name
    known_names: frozenset[str]      # folded actor names and aliases
    parser: MarkdownIt
    publishing: Publishing

    @classmethod
    def from_config(cls, config: SiteConfig, docs: Iterable[SourceDoc] = (),
                    now: datetime | None = None) -> Normalizer:
        """Prepare for a build of `docs` (to find Hugo's draft sections) at `now`, the
        pinned build date (None: nothing is held back as scheduled or expired)."""
        outlets: dict[str, str] = {}
        for source in config.sources:
            for spelling in (source.name, *source.aliases):
                outlets.setdefault(fold(spelling), source.name)
        names = frozenset(fold(n) for a in config.actors for n in (a.name, *a.aliases))
        publishing = Publishing(now, config.publish_future, config.publish_expired,
                                draft_sections(docs))
        return cls(config, BoilerplateFilter.build(config.boilerplate), outlets, names,
                   markdown_parser(), publishing)


def normalize_document(doc: SourceDoc, config: SiteConfig,
                       normalizer: Normalizer | None = None) -> NormalizeResult:
    """Turn one loaded document into an article."""
    norm = normalizer or Normalizer.from_config(config)
    fm = doc.front_matter
    excluded = (excluded_reason(fm) or status_exclusion(fm)
                or path_exclusion(doc.path, norm.publishing.draft_sections))
    if excluded:
        return NormalizeResult(None, excluded, ())
    problems = type_problems(doc)
    inferred: dict[str, str] = {}
    zone = ZoneInfo(norm.config.timezone)
    date = article_date(doc, zone, inferred, problems)
    waits = held_back(fm, date, inferred["date"], norm.publishing, zone)
    if waits:
        return NormalizeResult(None, waits, tuple(problems))
    given_title = first_text(fm, ("title",))
    text, divided = doc.body, None
    if has_templates(doc):
        page = dict(fm)
        if not given_title:        # Jekyll's page.title for an untitled post: its file name
            page["title"] = title_from_file_name(name_for_dates(doc.path)[0])
        rendered = render_templates(doc.body, page, date)
        text, divided = rendered.text, _divided_summary(rendered, norm.parser)
        problems.extend(_dropped_note(doc, rendered.dropped))
    lines, removed = norm.boilerplate.strip([line.rstrip() for line in text.split("\n")])
    headline = read_headline(lines, given_title, first_line=is_text_mode(doc))
    byline = read_byline(headline.lines, norm.outlets)
    wire, lines = read_dateline(byline.lines, norm.outlets)
    line_tags, lines = read_tag_line(lines)
    elements: list[Element] = []
    if is_text_mode(doc):
        elements = build_elements(lines, norm.known_names)
        body = to_markdown(elements)
    else:
        body = "\n".join(lines).strip("\n") + "\n"
    blocks = parse_blocks(body, norm.parser)
    problems.extend(_local_links(doc, blocks))
    raw_title, inferred["title"] = _title(doc, given_title, headline, blocks)
    title = _strip_prefixes(raw_title, norm.config.title_prefixes)
    if title != raw_title:
        inferred["title"] += ", prefix stripped"
    given_tags = terms(doc, "tags", "tag", problems)
    tags = _merge(given_tags, line_tags)
    if line_tags:
        inferred["tags"] = "front matter, tag line" if given_tags else "tag line"
    folder_categories = path_categories(doc.path)
    categories = _merge(folder_categories, terms(doc, "categories", "category", problems))
    if folder_categories:
        inferred["categories"] = "folders above _posts" + (
            ", front matter" if len(categories) > len(folder_categories) else "")
    pinned = explicit_slug(doc, problems)
    if pinned:
        inferred["slug"] = "front matter"
    article = Article(
        id=pinned or slugify_title(title, doc.path),
        path=doc.path,
        title=title,
        summary=_pick(first_text(fm, SUMMARY_KEYS), "front matter",
                      divided[0] if divided else headline.standfirst,
                      divided[1] if divided else "standfirst", "summary", inferred),
        date=date,
        authors=_pick(authors_of(fm), "front matter", byline.authors, "byline",
                      "authors", inferred) or (),
        source=_source(fm, byline.outlet, wire, inferred),
        tags=tags,
        categories=categories,
        url=first_text(fm, ("url", "link")),
        image=first_text(fm, ("image",)),
        body=body,
        blocks=blocks,
        format=doc.format,
        raw_title=raw_title if raw_title != title else None,
        alt_titles=headline.alt_titles,
        attributed=_attributed(elements, blocks),
        removed=tuple(removed),
        inferred=inferred,
        extra={key: value for key, value in fm.items() if key not in KNOWN_KEYS},
    )
    return NormalizeResult(article, None, tuple(problems))


def has_templates(doc: SourceDoc) -> bool:
    """A generator's post, whose template syntax is rendered or dropped: it has front
    matter (even an empty block), or it sits in a Jekyll `_posts/` folder. Pasted
    text is left as written: a `{{` there is the author's."""
    return doc.format != "plain" or "_posts" in doc.path.split("/")[:-1]


def _divided_summary(rendered: Rendered, parser: MarkdownIt) -> tuple[str, str] | None:
    """The plain text before `<!--more-->` or `excerpt_separator`, and how it was found.

    Link reference definitions anywhere in the body still resolve in it.
    """
    if rendered.summary is None:
        return None
    references = "\n".join(REFERENCE.findall(rendered.text))
    blocks = parse_blocks(f"{rendered.summary}\n\n{references}\n", parser)
    text = " ".join(b.text for b in blocks if b.kind is not BlockKind.HEADING).strip()
    return (text, f"text before {rendered.summary_how}") if text else None


def _dropped_note(doc: SourceDoc, dropped: tuple[str, ...]) -> list[Diagnostic]:
    """One info note naming the template code that was dropped, if any."""
    if not dropped:
        return []
    shown = ", ".join(dropped[:6]) + (f" and {len(dropped) - 6} more" if len(dropped) > 6
                                      else "")
    return [Diagnostic(
        Severity.INFO, "template-dropped", doc.path,
        f"template code that has no plain meaning here was left out: {shown}; "
        "the text around it is kept.",
        "write the text itself if it matters, or remove the template code.",
    )]


def is_text_mode(doc: SourceDoc) -> bool:
    """Pasted text (one element per line) rather than Markdown written as Markdown."""
    if doc.path.lower().endswith(".txt"):
        return True
    return doc.format == "plain" and MARKDOWN_SYNTAX.search(doc.body) is None


def _local_links(doc: SourceDoc, blocks: tuple[Block, ...]) -> list[Diagnostic]:
    """Relative links and images in a body point nowhere on the published site."""
    found: list[str] = []
    for block in blocks:
        for url in LOCAL_URL.findall(block.html):
            if url not in found:
                found.append(url)
    return [warning(
        "body-link", doc.path, f"the body links to '{url}', which is not published with the site.",
        "use a full https:// address, or link to the article's page on the site.",
    ) for url in found]


def _pick(given, given_how: str, found, found_how: str, name: str,
          inferred: dict[str, str]):
    """Front matter wins; otherwise what was found in the text, recording how."""
    if given:
        inferred[name] = given_how
        return given
    if found:
        inferred[name] = found_how
        return found
    return None


def _source(fm, byline: str | None, dateline: str | None,
            inferred: dict[str, str]) -> str | None:
    """The outlet: front matter, else the byline, else a wire dateline, else the URL's domain."""
    for value, how in ((first_text(fm, SOURCE_KEYS), "front matter"), (byline, "byline"),
                       (dateline, "dateline")):
        if value:
            inferred["source"] = how
            return value
    return _domain(fm, inferred)


def _domain(fm, inferred: dict[str, str]) -> str | None:
    """The outlet as the web domain of the article's URL."""
    try:
        host = urlparse(first_text(fm, ("url", "link")) or "").hostname or ""
    except ValueError:   # a malformed URL names no outlet
        return None
    if not host:
        return None
    inferred["source"] = "url domain"
    return host.removeprefix("www.")


def _title(doc: SourceDoc, given: str | None, headline: Headline,
           blocks: tuple[Block, ...]) -> tuple[str, str]:
    """The title and how it was found, from the first evidence that gives one.

    Front matter; a heading or headline line at the top (`read_headline`); a dated
    post's file name, titleized as Jekyll does; the first sentence of the first
    paragraph (which stays in the body); the file name.
    """
    if given:
        return given, "front matter"
    if headline.title and headline.how:
        return headline.title, headline.how
    name, how = name_for_dates(doc.path)
    from_name = title_from_file_name(name)
    if from_name:
        return from_name, f"{how} (dated post)"
    text = next((b.text for b in blocks if b.kind is BlockKind.PARAGRAPH),
                next((b.text for b in blocks if b.kind is not BlockKind.CODE), ""))
    derived = plain_title(derive_title(text)) if text.strip() else ""
    if derived:
        return derived, "first sentence (derived)"
    return name.rsplit(".", 1)[0], "file name"


def _strip_prefixes(title: str, prefixes: tuple[str, ...]) -> str:
    """Remove a configured display prefix such as `Big News: `."""
    for prefix in prefixes:
        if prefix and title.casefold().startswith(prefix.casefold()):
            rest = title[len(prefix):].strip()
            if rest:
                return rest
    return title


def _merge(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    """Both tag lists, in order, each tag once (compared case-insensitively)."""
    seen: set[str] = set()
    merged = []
    for tag in (*first, *second):
        if fold(tag) not in seen:
            seen.add(fold(tag))
            merged.append(tag)
    return tuple(merged)


def _attributed(elements: list[Element], blocks: tuple[Block, ...]
                ) -> tuple[AttributedQuote, ...]:
    """Each attributed element with the anchor of the quote block it rendered as."""
    quotes = [b for b in blocks if b.kind is BlockKind.QUOTE]
    found: list[AttributedQuote] = []
    for element in elements:
        if element.attribution is None:
            continue
        probe = fold(element.text)[:40]
        block = next((b for b in quotes if probe in fold(b.text)), None)
        if block is not None:
            quotes.remove(block)
            found.append(AttributedQuote(element.text, element.attribution, block.anchor))
    return tuple(found)
