"""Boilerplate: the web page's furniture that editors paste along with the article.

Part of the normalize stage. A line is boilerplate when the whole line matches a
pattern (never part of a sentence). "Trailer" patterns mark where a page's comment
form or related-links list begins: that line and everything after it goes, but
only in the last part of the text, so an article that merely starts with
"Comments" keeps its body. A short line that many documents of the build share
(a menu item, a section name, a share button) goes too: the corpus counts come
from `repeated_lines`. The patterns are data (`briefing/data/page_chrome.yml`);
every removed line is returned, for the build report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..rule_tables import chrome_table
from ..user_patterns import user_pattern

TRAILER_ZONE = 0.6   # a trailer may only start in the last 40% of the lines
MAX_LINE = 300       # a longer line is text, whatever it contains


@dataclass(frozen=True)
class BoilerplateFilter:
    """Compiled patterns: the table's plus those from `site_config.yml`."""

    lines: tuple[Any, ...]           # compiled `re` (built in) or RE2 (configured) patterns
    trailers: tuple[re.Pattern[str], ...]
    table_lines: re.Pattern[str] | None = None   # the table's lines in one pattern

    @classmethod
    def build(cls, extra: Iterable[str] = ()) -> BoilerplateFilter:
        """Each pattern compiled on its own, so a user's flags or groups affect only it.

        Configured patterns go through RE2 (see `user_patterns`): a site owner's
        `(a+)+$` must not make one line take seconds.
        """
        table = chrome_table()
        configured = tuple(user_pattern(p) for p in extra)
        return cls(configured, table.trailers, table.any_line)

    def is_boilerplate(self, line: str) -> bool:
        """True when the whole line is page furniture."""
        text = line.strip()
        if not text or len(text) > MAX_LINE:
            return False
        if self.table_lines is not None and self.table_lines.fullmatch(text):
            return True
        return any(p.fullmatch(text) for p in self.lines)

    def marks(self, lines: list[str], repeated: frozenset[str] = frozenset(),
              key=None) -> list[str | None]:
        """Why each line is furniture (`pattern`, `trailer`, `repeated`), or None to keep it.

        `repeated` holds the keys (made by `key`) of lines the corpus shares.
        """
        content = [i for i, line in enumerate(lines) if line.strip()]
        cut = len(lines)
        for position, index in enumerate(content):
            if position >= len(content) * TRAILER_ZONE and \
                    any(p.fullmatch(lines[index].strip()) for p in self.trailers):
                cut = index
                break
        marks: list[str | None] = []
        for index, line in enumerate(lines):
            if not line.strip():
                marks.append(None)
            elif index >= cut:
                marks.append("trailer")
            elif self.is_boilerplate(line):
                marks.append("pattern")
            elif repeated and key is not None and key(line) in repeated:
                marks.append("repeated")
            else:
                marks.append(None)
        return marks

    def strip(self, lines: list[str]) -> tuple[list[str], list[str]]:
        """Lines without boilerplate (blank lines kept), and the removed lines in order."""
        kept: list[str] = []
        removed: list[str] = []
        for line, mark in zip(lines, self.marks(lines), strict=True):
            if mark is None:
                kept.append(line)
            else:
                removed.append(line.strip())
        return kept, removed
