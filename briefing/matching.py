"""Alias matching: find every known name in a text in one pass (pyahocorasick).

Shared by extract (actors, issues) and later stages. Matches are whole words,
leftmost-longest and non-overlapping, so "Chinese President Xi Jinping" yields one
match for "Xi Jinping" and "Carney's" still matches "Carney"; overlapping aliases of
the same entity join into one match.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import ahocorasick


@dataclass(frozen=True)
class Match:
    """One occurrence of a known name."""

    start: int
    end: int
    entity_id: str
    surface: str


class Finder(Protocol):
    """Anything that finds known names in text (an AliasMatcher, or a wrapper of one)."""

    def find(self, text: str) -> list[Match]: ...


class AliasMatcher:
    """An automaton over (alias, entity id) pairs."""

    def __init__(self, aliases: Iterable[tuple[str, str]], case_sensitive: bool = True) -> None:
        self._case_sensitive = case_sensitive
        self._automaton = ahocorasick.Automaton()
        count = 0
        for alias, entity_id in aliases:
            key = self._key(alias.strip())
            if not key:
                continue
            existing = self._automaton.get(key, None)
            if existing is None:
                self._automaton.add_word(key, (len(key), entity_id))
                count += 1
        self._empty = count == 0
        if not self._empty:
            self._automaton.make_automaton()

    def _key(self, text: str) -> str:
        """Lower-case without changing length, so offsets stay valid."""
        if self._case_sensitive:
            return text
        lowered = text.lower()
        if len(lowered) == len(text):          # the usual case: offsets already line up
            return lowered
        return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)

    def find(self, text: str) -> list[Match]:
        """Whole-word, leftmost-longest, non-overlapping matches in `text`."""
        if self._empty or not text:
            return []
        haystack = self._key(text)
        found: list[tuple[int, int, str]] = []
        for end, (length, entity_id) in self._automaton.iter(haystack):
            start = end - length + 1
            if _is_word_edge(text, start - 1) and _is_word_edge(text, end + 1):
                found.append((start, end + 1, entity_id))
        found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        matches: list[Match] = []
        for start, end, entity_id in found:
            last = matches[-1] if matches else None
            if last is None or start >= last.end:
                matches.append(Match(start, end, entity_id, text[start:end]))
            elif entity_id == last.entity_id and end > last.end:
                # "Premier Li" and "Li Qiang" overlap: one mention, "Premier Li Qiang"
                matches[-1] = Match(last.start, end, entity_id, text[last.start:end])
        return matches


def _is_word_edge(text: str, index: int) -> bool:
    """True when position `index` is outside the text or not a letter or digit."""
    return index < 0 or index >= len(text) or not text[index].isalnum()
