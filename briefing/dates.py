"""Front-matter dates in the forms Jekyll and Hugo accept -> aware datetimes.

Shared by normalize (article dates) and the pipeline (the reproducible build date).
Naive times are placed in the site's time zone; nothing here reads the clock.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from dateutil import parser as dateutil_parser

# `2026-01-14-slug`, `2017-2-5-slug`, `2016-10-08_slug`, `2018-10-08 - slug`,
# `2018-10-02T15:00:00Z-slug` (Jekyll, and Hugo's `:filename`), or a bare date.
FILE_NAME_DATE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"(?:\s*[-_]\s*|\s+|$)")
# `/2026/01/14/` in a permalink or URL: the path Jekyll and WordPress give a post.
URL_PATH_DATE = re.compile(r"(?:^|/)(\d{4})/(\d{1,2})/(\d{1,2})(?=/|\.|$)")
# `/world/story-title-2026-03-09/`: a date closing a path segment (Reuters and others).
URL_SLUG_DATE = re.compile(r"(?<=[-_/])(\d{4})-(\d{2})-(\d{2})(?=/|\.|\?|#|$)")


YEARS = range(1800, 2201)   # outside this, a "date" is a typo, not a publication date
MAX_DATE_CHARS = 100        # the longest written date is far shorter; a longer value is not one


def parse_date(value: object, zone: tzinfo) -> datetime | None:
    """A date, datetime or date string as an aware datetime; None if it is not one.

    A time-zone offset of a day or more (`+2500`) is no offset at all: Python
    refuses to compare or convert such a time, so it is refused here.
    """
    parsed = _parse_any(value, zone)
    if parsed is None or parsed.year not in YEARS:
        return None
    try:
        offset = parsed.utcoffset()
    except ValueError:
        return None
    return parsed if offset is not None and abs(offset) < timedelta(hours=24) else None


def _parse_any(value: object, zone: tzinfo) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=zone)
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_DATE_CHARS:
        return None
    text = value.strip()
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = _parse_loose(text)
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _parse_loose(text: str) -> datetime | None:
    """Dates such as `January 14, 2026` or `2026-01-14 10:00:00 -0500` (Jekyll's form).

    Day-first forms like `31/05/24` are ambiguous and refused rather than guessed.
    """
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", text):
        return None
    try:
        first = dateutil_parser.parse(text, default=datetime(1, 1, 1))
        second = dateutil_parser.parse(text, default=datetime(2, 2, 2))
    except (ValueError, OverflowError, ArithmeticError):   # decimal errors in odd seconds
        return None
    # A date must name its day: "2026" or "January 2026" would be filled in silently.
    return first if first.date() == second.date() else None


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the day does not exist (30 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_from_file_name(name: str, zone: tzinfo) -> datetime | None:
    """The date (and time, when given) that a file or folder name starts with.

    `name` may carry an extension; `YYYY-MM-DD` must be followed by a separator
    (`-`, `_`, ` - `) and the slug, or end the name.
    """
    stem = name.rsplit(".", 1)[0] if "." in name[10:] else name
    found = FILE_NAME_DATE.match(stem)
    if not found:
        return None
    if found.group(4):
        return parse_date(stem[: found.end(4)], zone)
    return _day(found.group(1), found.group(2), found.group(3), zone)


def date_from_url(url: str, zone: tzinfo, slug_dates: bool = False) -> datetime | None:
    """The date in a `/YYYY/MM/DD/` path of a permalink or URL; with `slug_dates`, also
    one closing a path segment (`…/story-title-2026-03-09/`). A month alone is no date."""
    found = URL_PATH_DATE.search(url) or (URL_SLUG_DATE.search(url) if slug_dates else None)
    return _day(found.group(1), found.group(2), found.group(3), zone) if found else None


def _day(year: str, month: str, day: str, zone: tzinfo) -> datetime | None:
    value = safe_date(int(year), int(month), int(day))
    if value is None or value.year not in YEARS:
        return None
    return datetime.combine(value, time(0, 0), tzinfo=zone)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def format_day(value: date | str) -> str:
    """`14 January 2026`, whatever the machine's locale (pages must not vary by machine)."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def from_epoch(seconds: str) -> datetime | None:
    """A `SOURCE_DATE_EPOCH` value as a UTC datetime."""
    try:
        return datetime.fromtimestamp(int(seconds), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return None
