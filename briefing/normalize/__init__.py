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
from zoneinfo import ZoneInfo

from markdown_it import MarkdownIt

from ..blocks import markdown_parser, parse_blocks
from ..config import SiteConfig
from ..diagnostics import Diagnostic, Severity, warning
from ..executors import IN_PROCESS, Workers, no_setup
from ..folding import fold
from ..model import Article, AttributedQuote, Block, BlockKind, SourceDoc
from ..pickling import pickled_by_fields
from ..rule_tables import chrome_table
from ..slugs import slugify_title
from .boilerplate import BoilerplateFilter
from .datelines import read_dateline
from .dates_in_text import date_order_for
from .fields import (
    DATE_KEYS,
    KNOWN_KEYS,
    PAGE_URL_KEYS,
    SOURCE_KEYS,
    SUMMARY_KEYS,
    WIRE_KEYS,
    article_date,
    authors_of,
    excluded_reason,
    explicit_slug,
    first_text,
    lookup,
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
    read_headline,
    title_from_file_name,
)
from .outlets import OutletBook, host_of
from .pasted import Evidence, PastedContext, PastedPage, read_pasted
from .peers import (
    Publishing,
    draft_sections,
    held_back,
    path_categories,
    path_exclusion,
    status_exclusion,
)
from .repeated import countable_keys, repeated_keys
from .structure import Element, build_elements, read_tag_line, to_markdown
from .templating import Rendered, render_templates
from .titles import clean_title
from .wrapping import join_broken_sentences, rejoin_wrapped

__all__ = ["NormalizeResult", "Normalizer", "is_slug_of", "normalize_document"]
LOCAL_URL = re.compile(r'(?:href|src)="(?!https?:|mailto:|#)([^"]+)"')
# `[ \t]*`, not `\s*`: with re.M, `\s*` would run on across blank lines from every
# line start, which on a run of blank lines is quadratic.
MARKDOWN_SYNTAX = re.compile(
    r"^(?:#{1,6}[ \t]|>|```|~~~|[ \t]*[-*+][ \t]|[ \t]*\d+\.[ \t]|\|[^\n]*\|[ \t]*$)", re.M)
SETEXT = re.compile(r"^(?=[ \t]{0,40}[^\s=-])[^\n]{1,600}\n[=-]{3,300}[ \t]*$", re.M)
REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]{1,200}\]:[ \t]{0,20}\S[^\n]{0,1000}$", re.M)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class NormalizeResult:
    """An article, or None with the reason it is left out of the public build."""

    article: Article | None
    excluded_reason: str | None
    diagnostics: tuple[Diagnostic, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Normalizer:
    """What normalizing needs from the config, prepared once for all documents."""

    config: SiteConfig
    boilerplate: BoilerplateFilter
    outlets: dict[str, str]          # folded spelling -> outlet name (for bylines)
    known_names: frozenset[str]      # folded actor names and aliases
    parser: MarkdownIt
    publishing: Publishing
    pasted: PastedContext            # outlet book, chrome table, date order, repeated lines

    @classmethod
    def from_config(cls, config: SiteConfig, docs: Iterable[SourceDoc] = (),
                    now: datetime | None = None, workers: Workers = IN_PROCESS) -> Normalizer:
        """Prepare for a build of `docs` at `now`, the pinned build date (None: nothing
        is held back as scheduled or expired). The documents give Hugo's draft sections
        and the lines that many pasted pages share (`repeated_lines`), each document's
        part worked out by `workers`: reading every pasted page's lines again took
        about 0.2 s of a one-article rebuild at 5,000 articles."""
        docs = tuple(docs)
        per_file = workers.map(_countable_keys, docs, no_setup)
        return cls.prepared(config, now, draft_sections(docs),
                            repeated_keys(per_file, config.thresholds.repeated_lines))

    @classmethod
    def prepared(cls, config: SiteConfig, now: datetime | None, sections: frozenset[str],
                 repeated: frozenset[str]) -> Normalizer:
        """The normalizer for the corpus-wide facts already found: Hugo's draft
        sections and the repeated lines (what `parts()` gives, for another process)."""
        book = OutletBook.build(config.sources)
        names = frozenset(fold(n) for a in config.actors for n in (a.name, *a.aliases))
        publishing = Publishing(now, config.publish_future, config.publish_expired, sections)
        boilerplate = BoilerplateFilter.build(config.boilerplate)
        pasted = PastedContext(book, chrome_table(),
                               date_order_for(config.date_order, config.language),
                               boilerplate, repeated)
        return cls(config, boilerplate, book.spellings(), names, markdown_parser(),
                   publishing, pasted)

    def parts(self) -> tuple[SiteConfig, datetime | None, frozenset[str], frozenset[str]]:
        """The arguments of `prepared` that rebuild this normalizer elsewhere."""
        return (self.config, self.publishing.now, self.publishing.draft_sections,
                self.pasted.repeated)


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
    page: PastedPage | None = None
    if is_pasted(doc):      # a page's text is read as pasted: no template syntax in it
        raw_lines = [line.rstrip() for line in doc.body.split("\n")]
        page = read_pasted(join_broken_sentences(rejoin_wrapped(raw_lines))
                           if is_text_mode(doc) else raw_lines,
                           norm.pasted)
    date = article_date(doc, zone, inferred, problems, page.date if page else None)
    waits = held_back(fm, date, inferred["date"], norm.publishing, zone)
    if waits:
        return NormalizeResult(None, waits, tuple(problems))
    given_title = first_text(fm, ("title",))
    divided = None
    if page is not None:
        lines, removed = page.lines, list(page.removed)
        if page.listing:
            problems.append(_listing_note(doc))
    else:
        text = doc.body
        if has_templates(doc):
            page_fm = dict(fm)
            if not given_title:    # Jekyll's page.title for an untitled post: its file name
                page_fm["title"] = title_from_file_name(name_for_dates(doc.path)[0])
            rendered = render_templates(doc.body, page_fm, date)
            text, divided = rendered.text, _divided_summary(rendered, norm.parser)
            problems.extend(_dropped_note(doc, rendered.dropped))
        lines, removed = norm.boilerplate.strip([line.rstrip() for line in text.split("\n")])
    headline = read_headline(lines, given_title, first_line=doc.format == "plain" or (
        page is not None and page.titled is not False))
    byline = read_byline(headline.lines, norm.outlets)
    wire, lines = _wire(fm, page, byline.lines, norm, inferred)
    line_tags, lines = read_tag_line(lines)
    elements: list[Element] = []
    if is_text_mode(doc) or page is not None:
        elements = build_elements(lines, norm.known_names)
        body = to_markdown(elements)
    else:
        body = "\n".join(lines).strip("\n") + "\n"
    blocks = parse_blocks(body, norm.parser)
    problems.extend(_local_links(doc, blocks))
    raw_title, inferred["title"] = _title(doc, given_title, headline, blocks)
    site_outlet: Evidence | None = None
    if page is not None and headline.title and not given_title:
        cleaned = clean_title(raw_title, norm.pasted.table, norm.pasted.book)
        if cleaned.removed:
            inferred["title"] += f", without {' and '.join(repr(r) for r in cleaned.removed)}"
            title_text = cleaned.title
            if cleaned.outlet is not None:
                site_outlet = Evidence(cleaned.outlet.name,
                                       f"site name after the title '{cleaned.removed[-1]}'", 1)
        else:
            title_text = raw_title
        if page.titled and page.removed and headline.how == "first line":
            inferred["title"] = inferred["title"].replace(
                "first line", "headline under the page's masthead and menus", 1)
    else:
        title_text = raw_title
    title = _strip_prefixes(title_text, norm.config.title_prefixes)
    if title != title_text:
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
    authors = _pick(authors_of(fm), "front matter", byline.authors or
                    (page.authors if page else ()), "byline", "authors", inferred) or ()
    source = _source(fm, byline.outlet, page, site_outlet, wire, norm.pasted.book, inferred)
    pinned = explicit_slug(doc, problems)
    if pinned:
        inferred["slug"] = "front matter"
    article = Article(
        id=pinned or slugify_title(title, doc.path),
        path=doc.path,
        title=title,
        summary=_pick(first_text(fm, SUMMARY_KEYS), "front matter",
                      divided[0] if divided else
                      headline.standfirst or (page.standfirst if page else None),
                      divided[1] if divided else "standfirst", "summary", inferred),
        date=date,
        authors=authors,
        source=source,
        tags=tags,
        categories=categories,
        url=first_text(fm, ("url", "link")),
        image=first_text(fm, ("image",)),
        body=body,
        blocks=blocks,
        format=doc.format,
        raw_title=raw_title if raw_title != title else None,
        wire=wire,
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


def _countable_keys(_: None, doc: SourceDoc) -> tuple[str, ...]:
    """A pasted document's `countable_keys` (none for any other)."""
    return countable_keys(doc.body) if is_pasted(doc) else ()


def is_pasted(doc: SourceDoc) -> bool:
    """Text pasted from a web page, read by `pasted`: text mode without Markdown's
    setext headings (`Title` over `=====`), or a body without Markdown syntax whose
    front matter is a capture tool's (an address such as `url` or `source_url`, and
    neither a title nor a date)."""
    if "_posts" in doc.path.split("/")[:-1] or SETEXT.search(doc.body):
        return False                     # a generator's post; text written as Markdown
    if is_text_mode(doc):
        return True
    if doc.format == "plain":
        return False
    fm = doc.front_matter
    if any(lookup(fm, key)[1] is not None for key in (*DATE_KEYS, "title")):
        return False
    captured = any(first_text(fm, (key,)) for key in ("url", "link", *PAGE_URL_KEYS))
    return captured and MARKDOWN_SYNTAX.search(doc.body) is None and bool(doc.body.strip())


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


def _wire(fm, page: PastedPage | None, lines: list[str], norm: Normalizer,
          inferred: dict[str, str]) -> tuple[str | None, list[str]]:
    """The agency that wrote the text: front matter, else the pasted page's credits,
    else a dateline opening a Markdown body. Returns the lines without that dateline."""
    given = first_text(fm, WIRE_KEYS)
    if given:
        inferred["wire"] = "front matter"
        known = norm.pasted.book.named(given)
        return (known.wire if known and known.credit else given), lines
    if page is not None:
        if page.dateline:
            inferred["dateline"] = page.dateline
        if page.wire is not None:
            inferred["wire"] = page.wire.how
            return page.wire.value, lines
        return None, lines
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    dateline = read_dateline(lines[index]) if index is not None else None
    if index is None or dateline is None or not dateline.credit:
        return None, lines
    known = norm.pasted.book.named(dateline.credit)
    if known is None and not dateline.caps_place:
        return None, lines
    inferred["dateline"] = dateline.text
    rest = [*lines[:index], dateline.rest, *lines[index + 1:]]
    if known is not None and not (known.is_agency or known.credit):
        return None, rest
    inferred["wire"] = f"dateline '{dateline.text}'"
    return (known.wire if known else dateline.credit), rest


def _source(fm, byline: str | None, page: PastedPage | None, site: Evidence | None,
            wire: str | None, book: OutletBook, inferred: dict[str, str]) -> str | None:
    """The outlet that published this copy, from the first evidence that names one.

    Front matter (`source`, `publisher`, `outlet`, `source_site`, `site_name`); the
    domain of its `url` or `link` when the outlet table knows it; the page's own
    evidence (masthead, site suffix, byline, credit and copyright lines); the
    domain of `source_url`, `canonical_url` or `original_url` when known; weaker
    page evidence (a masthead the page names again or that tops a menu; a release
    distributor); the wire's own name; last, a bare domain as written.
    """
    given = first_text(fm, SOURCE_KEYS)
    if given:                        # as given; an address is read as its outlet
        inferred["source"] = "front matter"
        if not given.startswith(("http://", "https://")):
            return given
        known = book.for_url(given)
        return known.name if known else (host_of(given) or given)
    own = _known_domain(fm, ("url", "link"), book)
    if own is not None:
        inferred["source"] = f"url domain ({own[1]})"
        return own[0]
    evidence = [e for e in (site, page.outlet if page else None) if e is not None]
    if byline:
        evidence.append(Evidence(byline, "byline", 2))
    strong = min((e for e in evidence if e.rank <= 3), key=lambda e: e.rank, default=None)
    if strong is not None:
        inferred["source"] = strong.how
        return strong.value
    original = _known_domain(fm, PAGE_URL_KEYS, book)
    if original is not None:
        inferred["source"] = f"url domain ({original[1]})"
        return original[0]
    weak = min(evidence, key=lambda e: e.rank, default=None)
    if weak is not None:
        inferred["source"] = weak.how
        return weak.value
    if wire:
        known = book.named(wire)
        how = inferred.get("wire", "")
        inferred["source"] = "dateline" if how.startswith("dateline") else f"the wire ({how})"
        return known.name if known else wire
    return _domain(fm, inferred)


def _known_domain(fm, keys: tuple[str, ...], book: OutletBook) -> tuple[str, str] | None:
    """(outlet name, key) for the first of `keys` whose address the outlet book knows."""
    for key in keys:
        value = first_text(fm, (key,))
        found = book.for_url(value) if value else None
        if found is not None and found.kind != "photo":
            return found.name, key
    return None


def _domain(fm, inferred: dict[str, str]) -> str | None:
    """The outlet as the bare web domain of the article's address (a last resort)."""
    for key in ("url", "link", *PAGE_URL_KEYS):
        host = host_of(first_text(fm, (key,)) or "")
        if host and "." in host:
            inferred["source"] = f"url domain ({key}, not in the outlet table)"
            return host
    return None


def _listing_note(doc: SourceDoc) -> Diagnostic:
    return warning(
        "listing-page", doc.path,
        "this looks like a listing of several articles (each a source or date line, a "
        "headline and an excerpt), not one article; it is published as one article, "
        "without a date.",
        "paste each article's own page instead, or remove this file from content/.",
    )


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
