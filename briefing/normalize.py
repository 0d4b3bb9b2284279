"""Normalize stage: `SourceDoc` -> `Article`.

Front matter always wins; what is not in front matter is inferred from the text and
the article's `inferred` map records how (e.g. `title: first line`). Unknown
front-matter keys are kept in `extra`. Drafts come back as `None` with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from markdown_it import MarkdownIt

from .blocks import parse_blocks
from .config import SiteConfig
from .dates import date_from_file_name, parse_date
from .diagnostics import Diagnostic, warning
from .model import Article, SourceDoc
from .slugs import slugify_title

KNOWN_KEYS = frozenset({
    "title", "date", "published", "pubDate", "publishDate", "author", "authors", "source",
    "publisher", "outlet", "tags", "categories", "category", "summary", "excerpt",
    "description", "url", "link", "image", "draft", "slug", "layout",
})
DATE_KEYS = ("date", "pubDate", "publishDate", "published")
SUMMARY_KEYS = ("summary", "excerpt", "description")
SOURCE_KEYS = ("source", "publisher", "outlet")
BYLINE = re.compile(r"^by\s+(?P<who>[^\n]{2,80})$", re.IGNORECASE)
OUTLET_STAFF = re.compile(
    r"^(?P<outlet>.+?)\s+(?:staff|staff writers?|newsroom|news desk|editorial board|reporters?)$",
    re.IGNORECASE,
)
TITLE_MAX = 110
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z“\"])")


@dataclass(frozen=True)
class NormalizeResult:
    """An article, or None with the reason it is left out of the public build."""

    article: Article | None
    excluded_reason: str | None
    diagnostics: tuple[Diagnostic, ...]


def normalize_document(doc: SourceDoc, config: SiteConfig,
                       parser: MarkdownIt | None = None) -> NormalizeResult:
    """Turn one loaded document into an article."""
    fm = doc.front_matter
    problems: list[Diagnostic] = []
    excluded = _excluded_reason(fm)
    if excluded:
        return NormalizeResult(None, excluded, ())
    inferred: dict[str, str] = {}
    lines = _body_lines(doc)
    title, lines = _title(fm, lines, doc, inferred)
    display_title = _strip_prefixes(title, config.title_prefixes)
    if display_title != title:
        inferred["title"] = inferred.get("title", "front matter") + ", prefix stripped"
    authors, source, lines = _byline(fm, lines, inferred)
    date = _date(fm, doc, ZoneInfo(config.timezone), inferred, problems)
    body = _to_markdown(lines, doc)
    blocks = parse_blocks(body, parser)
    summary = _first_text(fm, SUMMARY_KEYS)
    if summary:
        inferred["summary"] = "front matter"
    extra = {key: value for key, value in fm.items() if key not in KNOWN_KEYS}
    if title != display_title:
        extra = {**extra, "raw_title": title}
    article = Article(
        id=_explicit_slug(fm) or slugify_title(display_title, doc.path),
        path=doc.path,
        title=display_title,
        summary=summary,
        date=date,
        authors=authors,
        source=source,
        tags=_string_list(fm.get("tags"), doc, "tags", problems),
        categories=_string_list(fm.get("categories", fm.get("category")), doc, "categories",
                                problems),
        url=_first_text(fm, ("url", "link")),
        image=_first_text(fm, ("image",)),
        body=body,
        blocks=blocks,
        format=doc.format,
        inferred=inferred,
        extra=extra,
    )
    return NormalizeResult(article, None, tuple(problems))


def _excluded_reason(fm: dict[str, Any] | Any) -> str | None:
    """Drafts and unpublished posts stay out of the public build."""
    if fm.get("draft") is True:
        return "draft: true"
    if fm.get("published") is False:
        return "published: false"
    return None


def _body_lines(doc: SourceDoc) -> list[str]:
    """The body's lines with trailing spaces removed."""
    return [line.rstrip() for line in doc.body.split("\n")]


def _title(fm: Any, lines: list[str], doc: SourceDoc, inferred: dict[str, str]
           ) -> tuple[str, list[str]]:
    """Front-matter title, else the first line, else a title derived from the first sentence."""
    given = _first_text(fm, ("title",))
    if given:
        inferred["title"] = "front matter"
        return given, lines
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        inferred["title"] = "file name"
        return doc.path.rsplit("/", 1)[-1].rsplit(".", 1)[0], lines
    first = lines[index].strip()
    following = _next_nonempty(lines, index + 1)
    if following is not None and is_slug_of(first, lines[following]):
        inferred["title"] = "line after a file-name slug"
        first, index = lines[following].strip(), following
    heading = re.match(r"^#{1,6}\s+(.*?)\s*#*$", first)
    if heading:
        inferred["title"] = "first heading"
        return heading.group(1), lines[index + 1:]
    if _looks_like_title(first):
        inferred["title"] = "first line"
        return first, lines[index + 1:]
    inferred["title"] = "first sentence (derived)"
    return _shorten(SENTENCE_END.split(first, maxsplit=1)[0]), lines


def _next_nonempty(lines: list[str], start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if lines[i].strip()), None)


def is_slug_of(line: str, title: str) -> bool:
    """True when `line` is a file-name slug (`Canada_s_Strategic_Shift_...`) of `title`.

    Slugs lose punctuation and are often cut short, so both are reduced to their
    letters and digits and the slug must be a long enough prefix of the title.
    """
    line = line.strip()
    if " " in line or not re.search(r"[_-]", line):
        return False
    slug_letters = re.sub(r"[^0-9a-z]", "", line.casefold())
    title_letters = re.sub(r"[^0-9a-z]", "", title.casefold())
    return len(slug_letters) >= 12 and title_letters.startswith(slug_letters)


def _looks_like_title(line: str) -> bool:
    """A headline is short and does not end like a sentence."""
    return len(line) <= TITLE_MAX * 1.5 and not re.search(r"[.;,]$", line)


def _shorten(sentence: str) -> str:
    """Cut a sentence to a title length at a word boundary."""
    sentence = sentence.strip().rstrip(".")
    if len(sentence) <= TITLE_MAX:
        return sentence
    cut = sentence[:TITLE_MAX].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—–-") + "…"


def _strip_prefixes(title: str, prefixes: tuple[str, ...]) -> str:
    """Remove a configured display prefix such as `Big News: `."""
    for prefix in prefixes:
        if prefix and title.casefold().startswith(prefix.casefold()):
            rest = title[len(prefix):].strip()
            if rest:
                return rest
    return title


def _byline(fm: Any, lines: list[str], inferred: dict[str, str]
            ) -> tuple[tuple[str, ...], str | None, list[str]]:
    """Authors and source from front matter, else from a `By X` line near the top."""
    authors = _authors(fm)
    source = _first_text(fm, SOURCE_KEYS)
    if authors:
        inferred["authors"] = "front matter"
    if source:
        inferred["source"] = "front matter"
    elif _first_text(fm, ("url", "link")):
        host = urlparse(_first_text(fm, ("url", "link")) or "").hostname or ""
        if host:
            source = host.removeprefix("www.")
            inferred["source"] = "url domain"
    for index, line in enumerate(lines[:8]):
        found = BYLINE.match(line.strip())
        if not found:
            continue
        who = found.group("who").strip()
        if not authors:
            authors = (who,)
            inferred["authors"] = "byline"
        staff = OUTLET_STAFF.match(who)
        if staff and not source:
            source = staff.group("outlet").strip()
            inferred["source"] = "byline"
        return authors, source, lines[:index] + lines[index + 1:]
    return authors, source, lines


def _authors(fm: Any) -> tuple[str, ...]:
    value = fm.get("authors", fm.get("author"))
    if isinstance(value, str):
        return tuple(part.strip() for part in re.split(r"\s*(?:,|\band\b|&)\s*", value)
                     if part.strip())
    if isinstance(value, list):
        return tuple(str(item).strip() for item in value if str(item).strip())
    if isinstance(value, dict) and value.get("name"):
        return (str(value["name"]),)
    return ()


def _date(fm: Any, doc: SourceDoc, zone: ZoneInfo, inferred: dict[str, str],
          problems: list[Diagnostic]) -> datetime | None:
    """The publication date from front matter or a `YYYY-MM-DD-` file name; never the body."""
    for key in DATE_KEYS:
        value = fm.get(key)
        if value is None or isinstance(value, bool):
            continue
        parsed = parse_date(value, zone)
        if parsed is not None:
            inferred["date"] = f"front matter ({key})"
            return parsed
        problems.append(warning(
            "bad-date", doc.path, f"'{key}' must be a date, got {str(value)!r}; ignored.",
            "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+00:00.", line=_key_line(doc, key),
        ))
    from_name = date_from_file_name(doc.path.rsplit("/", 1)[-1], zone)
    if from_name is not None:
        inferred["date"] = "file name"
        return from_name
    inferred["date"] = "none (undated)"
    return None


def _key_line(doc: SourceDoc, key: str) -> int | None:
    """Front-matter line of `key`, for messages."""
    return doc.key_lines.get(key)


def _to_markdown(lines: list[str], doc: SourceDoc) -> str:
    """Plain text keeps one paragraph per line; Markdown files keep their Markdown."""
    if doc.path.lower().endswith(".txt"):
        paragraphs: list[str] = []
        for line in lines:
            if not line.strip():
                continue
            is_item = re.match(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+", line) is not None
            if is_item and paragraphs and paragraphs[-1].startswith("\x00item"):
                paragraphs[-1] += "\n" + line.strip()
            else:
                paragraphs.append(("\x00item" if is_item else "") + line.strip())
        return "\n\n".join(p.removeprefix("\x00item") for p in paragraphs) + "\n"
    return "\n".join(lines).strip("\n") + "\n"


def _first_text(fm: Any, keys: tuple[str, ...]) -> str | None:
    """The first non-empty text value among `keys`."""
    for key in keys:
        value = fm.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = " ".join(str(value).split())
            if text:
                return text
    return None


def _explicit_slug(fm: Any) -> str | None:
    value = fm.get("slug")
    return str(value) if isinstance(value, str) and value.strip() else None


def _string_list(value: object, doc: SourceDoc, key: str,
                 problems: list[Diagnostic]) -> tuple[str, ...]:
    """Tags and categories as a tuple; a comma-separated string is split with a warning."""
    if value is None:
        return ()
    if isinstance(value, str):
        if "," in value:
            problems.append(warning(
                "list-as-string", doc.path, f"'{key}' is a string; split it at commas.",
                f"write {key}: [a, b] as a list.", line=_key_line(doc, key),
            ))
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list):
        return tuple(str(item).strip() for item in value
                     if item is not None and str(item).strip())
    return (str(value),)
