"""Dates written in pasted text, and lines that are mostly a date.

Part of the normalize stage. `full_dates()` finds every date with a day, a month
and a year in a line (`March 9, 2026`, `14 Mar 2026`, `2026-03-11`,
`2026/03/11`, `26/02/2026`, `2026年3月11日`), `partial_dates()` those without a
year (`Feb. 26`, `10 April`). `read_date_line()` says whether a whole line is a
date line: short, and mostly the date, its time, zone, weekday and a label such
as `Published`, `Updated` or `Posted on` (`Posted on May 3, 2026 by Ann Lee`),
rather than a sentence that mentions a date. Relative times (`2 hours ago`)
are never dates. Numeric dates whose order the numbers do not settle (`05/04/2026`)
are read in the `DateOrder` given, and say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
MONTH_NUMBER = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
# A year may be glued to the time that follows it: `March 9, 20264:12 PM`.
YEAR_END = r"(?=\d{1,2}[:.]\d{2}|\D|$)"
NAMED_MDY = re.compile(
    rf"\b(?P<m>{MONTH})\.?\s{{1,3}}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s{{1,3}}"
    rf"(?P<y>\d{{4}}){YEAR_END}", re.IGNORECASE)
NAMED_DMY = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s{{1,3}}(?P<m>{MONTH})\.?,?\s{{1,3}}"
    rf"(?P<y>\d{{4}}){YEAR_END}", re.IGNORECASE)
YEAR_FIRST = re.compile(
    r"(?<![\d/.-])(?P<y>\d{4})(?P<sep>[-/.])\s?(?P<m>\d{1,2})(?P=sep)\s?(?P<d>\d{1,2})(?![\d])")
CJK = re.compile(r"(?P<y>\d{4})\s?年\s?(?P<m>\d{1,2})\s?月\s?(?P<d>\d{1,2})\s?日")
NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)")
PARTIAL_MD = re.compile(rf"\b(?P<m>{MONTH})\.?\s{{1,3}}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b",
                        re.IGNORECASE)
PARTIAL_DM = re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s{{1,3}}(?P<m>{MONTH})\b",
                        re.IGNORECASE)

# What may stand around the date on a date line.
TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s?[ap]\.?\s?m\.?)?(?![\d])",
                  re.IGNORECASE)
ZONE = re.compile(r"\b(?:GMT|UTC)(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?|\b[A-Z]{1,4}T\b|\bIST\b")
WEEKDAY = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?",
                     re.IGNORECASE)
LABEL = re.compile(
    r"\b(?:(?:first\s)?published(?:\s?on)?|posted(?:\s?on)?|created(?:\s?on)?|released|issued|"
    r"dated?|(?:last\s)?(?:updated|modified|edited)(?:\s?on)?|uploaded|first aired)\b",
    re.IGNORECASE)
PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|created|released|issued|uploaded|first aired)\b", re.IGNORECASE)
UPDATED_LABEL = re.compile(r"\b(?:updated|modified|edited)\b", re.IGNORECASE)
RELATIVE = re.compile(r"(?<!\w)\d{1,3}\s?(?:h|hrs?|hours?|m|mins?|minutes?|d|days?)\s?ago\b"
                      r"|\bjust now\b|\byesterday\b|\btoday\b", re.IGNORECASE)
CONNECTOR = re.compile(r"\b(?:at|on|by|am|pm)\b", re.IGNORECASE)
LEFTOVER_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
METADATA = re.compile(r"date\s(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?")
BRACKETED = re.compile(r"\[[^\[\]]{4,40}\]")
DATE_LINE_MAX = 160
MAX_LEFTOVER = 4            # words beside the date on an unlabelled date line
MAX_LEFTOVER_LABELLED = 6   # ... on one that says Published, Posted, Updated


@dataclass(frozen=True)
class DateOrder:
    """How to read a numeric date whose numbers do not settle the order, and why."""

    order: str        # "DMY" or "MDY" (a YMD site still writes 26/02/2026 day-first)
    how: str          # e.g. "date_order DMY (default for language 'en')"


@dataclass(frozen=True)
class FoundDate:
    """A full date found in a line."""

    day: date
    start: int
    end: int
    how: str = ""     # for a numeric date: how its order was decided


@dataclass(frozen=True)
class DateLine:
    """A line that is mostly a date: which date, and what kind of line it is."""

    found: FoundDate
    kind: str         # "published", "updated", "metadata", "bracketed" or "bare"
    weekday: bool     # a bare line of weekday and date (a masthead's or a blog's date)
    text: str


def full_dates(text: str, order: DateOrder | None = None) -> list[FoundDate]:
    """Every full date in `text`, left to right, none overlapping.

    A numeric date with both numbers at most 12 needs `order`; without one it is
    left out (never guessed).
    """
    found: list[FoundDate] = []
    for pattern in (NAMED_MDY, NAMED_DMY, YEAR_FIRST, CJK):
        for match in pattern.finditer(text):
            value = _make(match["y"], _month(match["m"]), match["d"])
            if value is not None:
                found.append(FoundDate(value, match.start(), match.end()))
    for match in NUMERIC.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        if a > 12 and b <= 12:
            value, how = _make(match["y"], b, a), "numeric, read day-first (day > 12)"
        elif b > 12 and a <= 12:
            value, how = _make(match["y"], a, b), "numeric, read month-first (day > 12)"
        elif order is None:
            continue
        elif order.order == "MDY":
            value, how = _make(match["y"], a, b), f"numeric, read month-first ({order.how})"
        else:
            value, how = _make(match["y"], b, a), f"numeric, read day-first ({order.how})"
        if value is not None:
            found.append(FoundDate(value, match.start(), match.end(), how))
    return _non_overlapping(found)


def settled_order(text: str) -> str | None:
    """`DMY` or `MDY` when a numeric date in `text` can be read only one way."""
    for match in NUMERIC.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        if a > 12 >= b:
            return "DMY"
        if b > 12 >= a:
            return "MDY"
    return None


def partial_dates(text: str) -> list[tuple[int, int, int, int]]:
    """(month, day, start, end) of dates without a year (`Feb. 26`, `10 April`)."""
    found = []
    for pattern in (PARTIAL_MD, PARTIAL_DM):
        for match in pattern.finditer(text):
            month, day = _month(match["m"]), int(match["d"])
            if 1 <= day <= 31:
                found.append((month, day, match.start(), match.end()))
    return sorted(found, key=lambda f: f[2])


@lru_cache(maxsize=4096)       # a page asks about the same line from several rules
def read_date_line(line: str, order: DateOrder | None = None) -> DateLine | None:
    """The date of a line that is mostly a date, with its kind; None for any other line.

    `Published Mar 09, 2026, 06:35 PM` (published), `Updated 10:14 AM EDT, March 11,
    2026` (updated), `date 2026-04-08` (metadata, added by capture tools),
    `[May 13, 2026]` (bracketed), `8 April 2026` or `Thursday, 19 March 2026`
    (bare). When a line has both a published and an updated date, the published one
    is taken.
    """
    text = line.strip()
    if not text or len(text) > DATE_LINE_MAX:
        return None
    metadata = METADATA.fullmatch(text)
    if metadata:
        if metadata["d"] is None:
            return None           # `date 2026-03`: a month is not a publication date
        value = _make(metadata["y"], int(metadata["m"]), metadata["d"])
        return DateLine(FoundDate(value, 0, len(text)), "metadata", False, text) \
            if value else None
    dates = full_dates(text, order)
    if not dates:
        return None
    labelled = LABEL.search(text) is not None
    leftover = _leftover_words(text, dates)
    if leftover > (MAX_LEFTOVER_LABELLED if labelled else MAX_LEFTOVER) or \
            (leftover and not labelled and text.endswith(".")):
        return None                   # "Done at Port Meridan on 13 May 2026." is a sentence
    chosen, kind = dates[0], "bare"
    if labelled:
        chosen, kind = _labelled(text, dates)
    elif BRACKETED.fullmatch(text):
        kind = "bracketed"
    weekday = kind == "bare" and WEEKDAY.search(text[:chosen.start]) is not None \
        and leftover == 0
    return DateLine(chosen, kind, weekday, text)


def label_only(line: str) -> str | None:
    """`published` or `updated` for a line that is only a label (`Published`)."""
    text = line.strip().rstrip(":").strip()
    if len(text) > 30 or not LABEL.fullmatch(text):
        return None
    return "updated" if UPDATED_LABEL.search(text) else "published"


def _labelled(text: str, dates: list[FoundDate]) -> tuple[FoundDate, str]:
    """The date each label introduces: published-kind labels win over updated ones."""
    best: tuple[FoundDate, str] | None = None
    for label in LABEL.finditer(text):
        after = next((d for d in dates if d.start >= label.end()), None)
        if after is None:
            continue
        kind = "updated" if UPDATED_LABEL.search(label.group(0)) else "published"
        if kind == "published":
            return after, kind
        best = best or (after, kind)
    return best or (dates[0], "published" if PUBLISHED_LABEL.search(text) else "updated")


def _leftover_words(text: str, dates: list[FoundDate]) -> int:
    """Words on the line that are not the date, a time, a zone, a weekday or a label."""
    rest = text
    for found in reversed(dates):
        rest = rest[:found.start] + " " + rest[found.end:]
    for month, _day, start, end in reversed(partial_dates(rest)):
        del month
        rest = rest[:start] + " " + rest[end:]
    for pattern in (RELATIVE, TIME, ZONE, WEEKDAY, LABEL, CONNECTOR):
        rest = pattern.sub(" ", rest)
    return len(LEFTOVER_WORD.findall(rest))


def _month(text: str) -> int:
    return MONTH_NUMBER[text[:3].casefold()] if not text.isdigit() else int(text)


def _make(year: str, month: int, day: str | int) -> date | None:
    try:
        value = date(int(year), month, int(day))
    except ValueError:
        return None
    return value if 1800 <= value.year <= 2200 else None


def _non_overlapping(found: list[FoundDate]) -> list[FoundDate]:
    kept: list[FoundDate] = []
    for item in sorted(found, key=lambda f: (f.start, -f.end)):
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


MONTH_FIRST_LANGUAGES = frozenset(
    "en-us en-ph en-as en-gu en-mh en-mp en-pr en-um en-vi es-us".split())
YEAR_FIRST_LANGUAGES = frozenset("zh ja ko hu lt mn".split())


def date_order_for(setting: str, language: str) -> DateOrder:
    """The order to read ambiguous numeric dates in: `date_order`, else the language's."""
    if setting:
        order = setting.upper()
        return DateOrder("MDY" if order == "MDY" else "DMY",
                         f"date_order {order}, set in site_config.yml")
    code = language.strip().casefold().replace("_", "-")
    if code in MONTH_FIRST_LANGUAGES:
        return DateOrder("MDY", f"date_order MDY, the default for language '{language}'")
    if code.split("-")[0] in YEAR_FIRST_LANGUAGES:
        return DateOrder("DMY", f"date_order YMD, the default for language '{language}'; "
                                "a date with the year last is read day-first")
    return DateOrder("DMY", f"date_order DMY, the default for language '{language}'")
