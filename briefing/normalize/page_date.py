"""The publication date of a pasted page, from its date lines and its dateline.

Part of the normalize stage. `pasted` collects the date lines at the page's
edges (`DateLine`s with their positions); `choose_date()` takes the strongest,
in this order of evidence:

1. a `Published` / `Posted` / `Created` line in the head of the page;
2. a date line there without a label (a byline time `11:26 JST, April 9, 2026`,
   a bare `8 April 2026`, a bracketed `[May 13, 2026]`), or a press release's
   dateline, which has a year;
3. a capture tool's metadata line (`date 2026-04-08`);
4. the dateline's day and month (`SEOUL, April 4 (Yonhap) --`) with the year of
   the nearest full date on the page (a year earlier when that date is an update
   a few days into the next year);
5. an `Updated` line in the head, or a `Published` line at the end;
6. an `Updated` line at the end;
7. a weekday date line above the title (`Thursday, May 14, 2026`: on many sites
   the day the page was viewed, on blogs the post's date).

Relative times, captions, dates in sentences and dates in link blocks never
reach this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import safe_date
from .datelines import Dateline
from .dates_in_text import DateLine

LATER_BY = timedelta(days=3)   # a dateline's day may precede its page's date line by this


@dataclass(frozen=True)
class DateCandidate:
    """A date line found at the page's edge, and where."""

    line: DateLine
    position: int            # index of the line
    head: bool               # in the head of the page (else at its end)
    above_title: bool


def rank(candidate: DateCandidate) -> int:
    """The candidate's place in the order of evidence (lower is stronger)."""
    kind = candidate.line.kind
    if candidate.head:
        if candidate.above_title and candidate.line.weekday:
            return 7
        return {"published": 1, "bare": 2, "bracketed": 2, "metadata": 3, "updated": 5}[kind]
    return {"published": 5, "updated": 6}.get(kind, 99)


def describe(candidate: DateCandidate) -> str:
    """How a date was found, for `inferred["date"]`."""
    line = candidate.line
    shown = line.text if len(line.text) <= 70 else line.text[:67] + "…"
    where = {
        1: f"{_label(shown)} line", 2: "date line", 3: "capture tool's metadata line",
        5: f"{_label(shown)} line", 6: f"{_label(shown)} line at the end",
        7: "weekday date line above the title (may be the day the page was viewed)",
    }[rank(candidate)]
    if rank(candidate) == 5 and not candidate.head:
        where = f"{_label(shown)} line at the end"
    if line.kind == "bracketed":
        where = "bracketed date line"
    how = f"text: {where} '{shown}'"
    return f"{how}, {line.found.how}" if line.found.how else how


def choose_date(candidates: list[DateCandidate], dateline: Dateline | None,
                dateline_position: int | None) -> tuple[date, str] | None:
    """The publication date and how it was found, or None (never guessed)."""
    usable = [c for c in candidates if rank(c) < 99]
    ranked = sorted(usable, key=lambda c: (rank(c), c.position))
    strongest = ranked[0] if ranked else None
    if dateline is not None and dateline.month and dateline.day and dateline.year:
        release = safe_date(dateline.year, dateline.month, dateline.day)
        if release and (strongest is None or rank(strongest) > 2):
            return release, f"text: release dateline '{dateline.text}'"
    if strongest is not None and rank(strongest) <= 3:
        return strongest.line.found.day, describe(strongest)
    if dateline is not None and dateline.month and dateline.day and usable:
        where = dateline_position or 0
        nearest = min(usable, key=lambda c: abs(c.position - where))
        completed = _with_year(dateline, nearest.line.found.day)
        if completed is not None:
            return completed, (f"dateline '{dateline.text}' + year from the "
                               f"{_label(nearest.line.text)} line '{nearest.line.text}'")
    if strongest is not None:
        return strongest.line.found.day, describe(strongest)
    return None


def _with_year(dateline: Dateline, near: date) -> date | None:
    """The dateline's day in the year of `near`, or the year before when that day
    would fall more than a few days after `near` (a January update of a December story)."""
    assert dateline.month and dateline.day
    found = safe_date(near.year, dateline.month, dateline.day)
    if found is not None and found > near + LATER_BY:
        found = safe_date(near.year - 1, dateline.month, dateline.day)
    return found


def _label(text: str) -> str:
    lowered = text.casefold()
    for label in ("published", "posted", "created", "updated", "modified", "released",
                  "issued"):
        if label in lowered:
            return label.capitalize()
    return "date"
