"""Front-matter fields -> typed values, with a warning for every value of the wrong type.

Part of the normalize stage. Each reader takes the raw front-matter mapping and
returns a typed value plus the problems it found; unknown keys are left for
`extra`, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from ..dates import date_from_file_name, date_from_url, parse_date
from ..diagnostics import Diagnostic, shown_value, warning
from ..model import SourceDoc

KNOWN_KEYS = frozenset({
    "title", "date", "published", "pubDate", "publishDate", "author", "authors", "source",
    "publisher", "outlet", "tags", "categories", "category", "summary", "excerpt",
    "description", "url", "link", "image", "draft", "slug", "layout",
    "pubdate", "publishdate", "lastmod", "modified", "updated", "permalink", "tag", "wire",
})
# Publication dates, in Hugo's order (keys compared ignoring case, as Hugo does);
# modification dates count only after the file name and the URL path.
DATE_KEYS = ("date", "publishDate", "pubDate", "published")
MODIFIED_KEYS = ("lastmod", "modified", "updated")
URL_KEYS = ("permalink", "url", "link", "path")
# Addresses a capture tool or an editor records for pasted pages: the copy's, its
# canonical one, the original's. Their dates count too, after the keys above.
PAGE_URL_KEYS = ("source_url", "canonical_url", "original_url")
SUMMARY_KEYS = ("summary", "excerpt", "description")
SOURCE_KEYS = ("source", "publisher", "outlet", "source_site", "site_name")
WIRE_KEYS = ("wire", "agency")
TEXT_KEYS = ("title", *SUMMARY_KEYS, *SOURCE_KEYS, "url", "link", "image", "slug", "layout",
             "wire")
UNSAFE_SLUG = re.compile(r"\.\.|[/\\]")


TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "0"})


def excluded_reason(fm: Mapping[str, Any]) -> str | None:
    """Drafts and unpublished posts stay out of the public build.

    `draft: "true"` (a quoted string, as TOML and some editors write it) counts
    too: publishing a draft by accident is the worse mistake.
    """
    if flag(fm.get("draft")) is True:
        return "draft: true"
    if flag(fm.get("published")) is False:
        return "published: false"
    return None


def flag(value: object) -> bool | None:
    """A yes/no value however it was written: true, "yes", 1, "off"; None if it is not one."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, (str, int)) else ""
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    return None


def first_text(fm: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first non-empty text value among `keys`, whitespace folded."""
    for key in keys:
        value = fm.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = " ".join(str(value).split())
            if text:
                return text
    return None


def type_problems(doc: SourceDoc) -> list[Diagnostic]:
    """Warn about known keys whose values have a type we cannot use as given."""
    problems = []
    for key in TEXT_KEYS:
        value = doc.front_matter.get(key)
        if isinstance(value, (list, dict)):
            problems.append(warning(
                "bad-type", doc.path, f"'{key}' must be text, got a {type(value).__name__}; "
                "ignored.", f"write {key}: \"...\" as a single value.",
                line=doc.key_lines.get(key),
            ))
    draft = doc.front_matter.get("draft")
    if draft is not None and not isinstance(draft, bool):
        problems.append(warning(
            "bad-type", doc.path, f"'draft' must be true or false, got {shown_value(draft)}.",
            "write draft: true or draft: false without quotes.", line=doc.key_lines.get("draft"),
        ))
    return problems


def authors_of(fm: Mapping[str, Any]) -> tuple[str, ...]:
    """`author`/`authors` as a tuple: a string is split at commas and `and`."""
    value = fm.get("authors", fm.get("author"))
    if isinstance(value, str):
        return split_names(value)
    if isinstance(value, list):
        names: list[str] = []
        for item in value:
            name = item.get("name") if isinstance(item, dict) else item
            if name is not None and str(name).strip():
                names.append(" ".join(str(name).split()))
        return tuple(names)
    if isinstance(value, dict) and value.get("name"):
        return (str(value["name"]),)
    return ()


def split_names(text: str) -> tuple[str, ...]:
    """`Ann Lee, Bo Chen and Cy Diaz` -> three names."""
    return tuple(part.strip() for part in re.split(r"(?<!\s)\s*(?:,|\band\b|&)\s*", text)
                 if part.strip())


def terms(doc: SourceDoc, plural: str, singular: str,
          problems: list[Diagnostic]) -> tuple[str, ...]:
    """Tags or categories: `tags` (else `tag`), else Zola's `[taxonomies]` table.

    A string under the plural key is split at commas (with `list-as-string`), else
    at spaces as Jekyll does (`categories: news world`); a singular key's string is
    split only at commas.
    """
    fm = doc.front_matter
    for key, at_spaces in ((plural, True), (singular, False)):
        if fm.get(key) is not None:
            return _term_values(doc, key, fm[key], at_spaces, problems)
    taxonomies = fm.get("taxonomies")
    if isinstance(taxonomies, Mapping) and taxonomies.get(plural) is not None:
        return _term_values(doc, f"taxonomies.{plural}", taxonomies[plural], True, problems)
    return ()


def _term_values(doc: SourceDoc, key: str, value: object, at_spaces: bool,
                 problems: list[Diagnostic]) -> tuple[str, ...]:
    if isinstance(value, str):
        if "," in value:
            problems.append(warning(
                "list-as-string", doc.path, f"'{key}' is a string; split it at commas.",
                f"write {key}: [a, b] as a list.", line=doc.key_lines.get(key.split(".")[0]),
            ))
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return tuple(value.split()) if at_spaces else ((value.strip(),) if value.strip() else ())
    if isinstance(value, list):
        return tuple(" ".join(str(item).split()) for item in value
                     if item is not None and not isinstance(item, (list, dict))
                     and str(item).strip())
    return (str(value),)


def article_date(doc: SourceDoc, zone: ZoneInfo, inferred: dict[str, str],
                 problems: list[Diagnostic],
                 text_date: tuple[date, str] | None = None) -> datetime | None:
    """The publication date, from the first evidence that gives one; never from the body.

    In order: the publication date keys, the file name (or, for a bundle's
    `index.md`, its folder's name), a `/YYYY/MM/DD/` permalink or URL (also a
    capture tool's `source_url`, `canonical_url`, `original_url`, where a date may
    close the path: `…-2026-03-09/`), the date read from a pasted page's lines
    (`text_date`, found by `pasted`), then the modification date keys.
    `inferred["date"]` records which.
    """
    found = date_key(doc, DATE_KEYS, zone, problems)
    if found is not None:
        inferred["date"] = f"front matter ({found[0]})"
        return found[1]
    name, how = name_for_dates(doc.path)
    from_name = date_from_file_name(name, zone)
    if from_name is not None:
        inferred["date"] = how
        return from_name
    for key in URL_KEYS:
        value = lookup(doc.front_matter, key)
        from_url = date_from_url(value[1], zone) if isinstance(value[1], str) else None
        if from_url is not None:
            inferred["date"] = f"url path ({value[0]})"
            return from_url
    for key in PAGE_URL_KEYS:
        value = lookup(doc.front_matter, key)
        from_url = date_from_url(value[1], zone, slug_dates=True) \
            if isinstance(value[1], str) else None
        if from_url is not None:
            inferred["date"] = f"url path ({value[0]})"
            return from_url
    if text_date is not None:
        inferred["date"] = text_date[1]
        return datetime.combine(text_date[0], time(0, 0), tzinfo=zone)
    found = date_key(doc, MODIFIED_KEYS, zone, problems)
    if found is not None:
        inferred["date"] = f"front matter ({found[0]})"
        return found[1]
    inferred["date"] = "none (undated)"
    return None


def name_for_dates(path: str) -> tuple[str, str]:
    """The name a date or title is read from: the file's, or for a page bundle's
    `index.md` its folder's. With how to say so in `inferred`."""
    *folders, name = path.split("/")
    if name.rsplit(".", 1)[0].lower() in ("index", "_index") and folders:
        return folders[-1], "folder name"
    return name, "file name"


def date_key(doc: SourceDoc, keys: tuple[str, ...], zone: ZoneInfo,
             problems: list[Diagnostic]) -> tuple[str, datetime] | None:
    """The first of `keys` (ignoring case) holding a date, with the key as written.

    A value that is not a date gives `bad-date` and the next key is tried; a
    yes/no `published` is a flag, not a date.
    """
    for wanted in keys:
        key, value = lookup(doc.front_matter, wanted)
        if value is None or isinstance(value, bool) or (
                wanted == "published" and flag(value) is not None):
            continue
        parsed = parse_date(value, zone)
        if parsed is not None:
            return key, parsed
        problems.append(warning(
            "bad-date", doc.path, f"'{key}' must be a date, got "
            f"{shown_value(value if isinstance(value, (list, dict)) else str(value))}; ignored.",
            "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+00:00.", line=doc.key_lines.get(key),
        ))
    return None


def lookup(fm: Mapping[str, Any], wanted: str) -> tuple[str, Any]:
    """(key as written, value) for `wanted`, ignoring case; exact spelling first."""
    if wanted in fm:
        return wanted, fm[wanted]
    folded = wanted.casefold()
    for key, value in fm.items():
        if key.casefold() == folded:
            return key, value
    return wanted, None


def explicit_slug(doc: SourceDoc, problems: list[Diagnostic]) -> str | None:
    """A front-matter `slug`, refused when it tries to leave its folder."""
    value = first_text(doc.front_matter, ("slug",))
    if value is None:
        return None
    if UNSAFE_SLUG.search(value):
        problems.append(warning(
            "bad-slug", doc.path,
            f"slug {shown_value(value)} contains '..' or a path separator; ignored.",
            "use letters, digits and hyphens only, e.g. slug: carney-in-beijing.",
            line=doc.key_lines.get("slug"),
        ))
        return None
    return value
