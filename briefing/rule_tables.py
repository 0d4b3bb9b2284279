"""Rule tables shipped with the package: outlets and agencies, and page chrome.

Shared by normalize (and the regex audit in the tests). The rules that grow with
every new kind of page are data files under `briefing/data/`, each with a header
saying where its entries come from and how to add one. They are part of the
package, like its code, and are read once per process through
`importlib.resources`; `site_config.yml` adds to them (`sources:` entries win
over outlet rows, `boilerplate:` adds whole-line patterns).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class OutletRow:
    """One row of `data/outlets.csv`."""

    name: str
    credit: str                     # the wire name ("AP"), or "" when not credited so
    kind: str                       # agency, outlet, aggregator, distributor, photo
    exact: bool                     # a common word: matched by domain or exact name only
    domains: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class CreditStyle:
    """A wire's house trailer: a whole line, or a suffix glued to the last paragraph."""

    pattern: re.Pattern[str]
    wire: str | None          # None: a trailer to cut that names no wire (initials)
    suffix: bool


@dataclass(frozen=True)
class ChromeTable:
    """The compiled sections of `data/page_chrome.yml` (see its header)."""

    lines: tuple[re.Pattern[str], ...]
    trailers: tuple[re.Pattern[str], ...]
    block_headers: tuple[re.Pattern[str], ...]
    glued_prefixes: tuple[re.Pattern[str], ...]
    fragments: tuple[re.Pattern[str], ...]
    title_prefixes: tuple[re.Pattern[str], ...]
    credit_styles: tuple[CreditStyle, ...]
    any_line: re.Pattern[str]        # the `lines` in one pattern: one call per line
    masthead_words: frozenset[str] = frozenset()   # last words of newspapers' names

    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """Every pattern, for the regex cost audit."""
        return (*self.lines, *self.trailers, *self.block_headers, *self.glued_prefixes,
                *self.fragments, *self.title_prefixes, *(s.pattern for s in self.credit_styles),
                self.any_line)


def _data(name: str) -> str:
    return resources.files("briefing").joinpath("data", name).read_text(encoding="utf-8")


@cache
def outlet_rows() -> tuple[OutletRow, ...]:
    """The outlet table, in file order (earlier rows win a shared spelling)."""
    text = "\n".join(line for line in _data("outlets.csv").splitlines()
                     if line.strip() and not line.startswith("#"))
    rows = []
    for row in csv.DictReader(text.splitlines()):
        rows.append(OutletRow(
            name=row["name"].strip(), credit=row["credit"].strip(), kind=row["kind"].strip(),
            exact=row["match"].strip() == "exact",
            domains=tuple(row["domains"].split()),
            aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip())))
    return tuple(rows)


@cache
def chrome_table() -> ChromeTable:
    """The page-chrome table, compiled (ignoring case)."""
    raw = yaml.safe_load(_data("page_chrome.yml"))

    def compiled(section: str, wrap: str = "{}") -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(wrap.format(p), re.IGNORECASE) for p in raw.get(section) or ())

    styles = tuple(
        CreditStyle(re.compile(entry.get("line") or entry["suffix"], re.IGNORECASE),
                    str(entry["wire"]) if entry.get("wire") else None, "suffix" in entry)
        for entry in raw.get("credit_styles") or ())
    lines = raw.get("lines") or ()
    return ChromeTable(
        lines=compiled("lines"), trailers=compiled("trailers"),
        block_headers=compiled("block_headers"),
        glued_prefixes=compiled("glued_prefixes", "(?:{})(?=\\S)"),
        fragments=compiled("fragments"), title_prefixes=compiled("title_prefixes"),
        credit_styles=styles,
        any_line=re.compile("|".join(f"(?:{p})" for p in lines), re.IGNORECASE),
        masthead_words=frozenset(w.casefold() for w in raw.get("masthead_words") or ()))
