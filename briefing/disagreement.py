"""Index helper: when two outlets really disagree about a figure.

Part of the index stage. Two statements of one measure disagree only when they
are about the same period (the same stated year; without a year, the same year of
publication) and in compatible units, and their values differ by more than the
coarser one's rounding: `$118bn` is `US$118.7 billion` rounded down to the
billion, not a different number. Values within one article are different facts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
_SCALE = re.compile(r"(trillion|tn|billion|bn|million|mn|thousand|(?<=\d)[mk])\b", re.I)
_SCALES = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6,
           "mn": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3}


class Stated(Protocol):
    """What the rule needs of a figure row."""

    @property
    def value(self) -> str: ...

    @property
    def number(self) -> float: ...

    @property
    def unit(self) -> str: ...

    @property
    def period(self) -> str: ...

    @property
    def article_id(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Conflict:
    """Rows about one period whose values differ beyond rounding (indices into the rows)."""

    period: str
    rows: tuple[int, ...]


def precision(value: str) -> float:
    """The rounding step of a value as written: `US$118.7 billion` -> 1e8, `100,000` -> 1e5."""
    found = _NUMBER.search(value)
    if not found:
        return 1.0
    scale_match = _SCALE.search(value)
    scale = _SCALES.get(scale_match.group(1).lower(), 1.0) if scale_match else 1.0
    whole, decimals = found.group(1).replace(",", ""), found.group(2)
    if decimals:
        return scale / 10 ** len(decimals)
    # "100,000" is a round number (to the hundred thousand); "120bn" and "250" are not read
    # as rounded to the ten.
    if scale_match or len(whole) < 4 or not whole.strip("0"):
        return scale
    return 10.0 ** (len(whole) - len(whole.rstrip("0")))


def same_within_rounding(first: Stated, second: Stated) -> bool:
    """True when one value is the other rounded (up, down or to nearest)."""
    step = max(precision(first.value), precision(second.value))
    return abs(first.number - second.number) < step * (1 + 1e-9)


def _units_compatible(first: str, second: str) -> bool:
    if first == second:
        return True
    # A bare dollar sign may be any dollar; other currencies are other amounts.
    return {first, second} & {"$"} != set() and all(u.endswith("$") for u in (first, second))


def conflicts(rows: Sequence[Stated]) -> tuple[Conflict, ...]:
    """Each period where rows from different articles differ beyond rounding.

    Rows are compared by distinct statement (value as written and unit), not in
    pairs: a widely reported figure is the same few values stated by hundreds of
    articles, and all pairs of rows would grow with the square of the coverage.
    """
    by_period: dict[str, list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        by_period[row.period].append(position)
    found = []
    for period, members in by_period.items():
        involved = _involved(rows, members)
        if involved:
            found.append(Conflict(period, tuple(sorted(involved))))
    return tuple(found)


def _involved(rows: Sequence[Stated], members: list[int]) -> set[int]:
    """The rows among `members` that another article's row contradicts."""
    statements: dict[tuple[str, float, str], list[int]] = defaultdict(list)
    for position in members:
        row = rows[position]
        statements[(row.value, row.number, row.unit)].append(position)
    keys = list(statements)
    articles = [{rows[p].article_id for p in statements[k]} for k in keys]
    involved: set[int] = set()
    for i, key in enumerate(keys):
        first = rows[statements[key][0]]
        against: set[str] = set()          # articles stating a contradicting value
        for j, other in enumerate(keys):
            second = rows[statements[other][0]]
            if j != i and _units_compatible(first.unit, second.unit) and \
                    not same_within_rounding(first, second):
                against |= articles[j]
                if len(against) > 1:
                    break
        involved.update(p for p in statements[key] if against - {rows[p].article_id})
    return involved
