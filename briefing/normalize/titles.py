"""A pasted headline without the page's labels: prefixes, site suffixes, a glued outlet.

Part of the normalize stage. `clean_title()` takes a headline found in pasted text
and removes, keeping the rest as written:

- a label before it, from the chrome table (`BREAKING:`, `(LEAD)`, `[News Today]`,
  `World News |`);
- a site suffix after ` | `, ` - `, ` — ` or ` – ` when the suffix names an outlet
  in the outlet book (`… | Reuters`, `… - BBC News`, `… | Tavoria Head Topics`) or
  is a topic page's name (`… | Business and Economy News`).

An outlet's name at the end of a headline without a separator is left alone:
"Minister sues The Daily Planet" ends in a name that belongs to the sentence.
It returns the outlet a suffix named, as evidence for the article's outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..rule_tables import ChromeTable
from .line_shapes import words
from .outlets import Outlet, OutletBook

SUFFIX = re.compile(r"\s(?:\||[-–—]{1,2})\s?(?=[^|–—]{2,60}$)|\s?\|\s?(?=[^|]{2,60}$)")
TOPIC_NEWS = re.compile(r"^[A-Z][\w&,' -]{0,50}\bNews$")
MIN_WORDS_LEFT = 3


@dataclass(frozen=True)
class CleanTitle:
    """The headline, what was taken off it, and the outlet a suffix named."""

    title: str
    removed: tuple[str, ...]
    outlet: Outlet | None


def clean_title(title: str, table: ChromeTable, book: OutletBook) -> CleanTitle:
    """The headline without labels and site suffixes (see the module docstring)."""
    removed: list[str] = []
    text = title.strip()
    for _ in range(3):                          # `(LEAD) [Update] …`: labels may stack
        prefix = next((m for p in table.title_prefixes if (m := p.match(text))), None)
        if prefix is None or len(words(text[prefix.end():])) < MIN_WORDS_LEFT:
            break
        removed.append(prefix.group(0).strip())
        text = text[prefix.end():].strip()
    outlet = None
    suffix = _site_suffix(text, book)
    if suffix is not None:
        text, tail, outlet = suffix
        removed.append(tail)
    return CleanTitle(text, tuple(removed), outlet)


def _site_suffix(text: str, book: OutletBook) -> tuple[str, str, Outlet | None] | None:
    """(title, suffix, outlet) when the part after the last separator is a site's name."""
    matches = list(SUFFIX.finditer(text))
    found = matches[-1] if matches else None
    if found is None:
        return None
    head, tail = text[:found.start()].strip(), text[found.end():].strip()
    if len(words(head)) < MIN_WORDS_LEFT:
        return None
    outlet = book.named(tail) or _trailing_outlet(tail, book)
    if outlet is not None:
        return head, tail, outlet if outlet.kind != "photo" else None
    if TOPIC_NEWS.match(tail) and len(words(tail)) <= 6:
        return head, tail, None
    return None


def _trailing_outlet(tail: str, book: OutletBook) -> Outlet | None:
    """`Tavoria Head Topics` ends with the aggregator `Head Topics`."""
    found = words(tail)
    for size in range(len(found) - 1, 0, -1):
        outlet = book.named(" ".join(found[-size:]))
        if outlet is not None and len(" ".join(found[-size:])) >= 4:
            return outlet
    return None
