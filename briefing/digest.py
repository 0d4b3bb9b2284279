"""Render helper: the home page's briefing, chosen from the index.

Part of the render stage, a pure function of the index and the build date: the
top stories by coverage (each in one sentence), the most widely carried quotes,
the figures outlets disagree on (else the most stated), the latest articles, the
next and most recent timeline events, the most covered actors and issues, and the
counts. Every list has a fixed length, so the home page does not grow with the
corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .coverage import day_label
from .index import BriefingIndex, EntityView, EventView, FigureGroupView, QuoteView, Ref

LEAD_STORIES = 4
KEY_QUOTES = 4
KEY_FIGURES = 3
LATEST = 8
EVENTS = 3
TOP_ENTITIES = 8


@dataclass(frozen=True)
class LeadItem:
    """One story in the 'what happened' lead."""

    story: EntityView
    when: str              # "14 January 2026", "14–17 January 2026" or ""
    sentence: str
    articles: int
    outlets: int


@dataclass(frozen=True)
class Digest:
    """What the home page shows."""

    lead: tuple[LeadItem, ...]
    key_quotes: tuple[QuoteView, ...]
    key_figures: tuple[FigureGroupView, ...]
    latest: tuple[Ref, ...]                  # with the article views below, same order
    recent_events: tuple[EventView, ...]     # the most recent up to the build date, newest last
    next_events: tuple[EventView, ...]       # after the build date, soonest first
    top_actors: tuple[Ref, ...]              # count: articles
    top_issues: tuple[Ref, ...]
    counts: dict[str, int]


def _span(first: datetime | None, last: datetime | None) -> str:
    if first is None or last is None:
        return ""
    if first.date() == last.date():
        return day_label(first)
    return f"{day_label(first)} – {day_label(last)}"


def build_digest(index: BriefingIndex, today: datetime) -> Digest:
    """The home page's briefing as of `today` (the pinned build date)."""
    stories = sorted(index.stories, key=lambda s: (
        -len(s.articles), -(s.last_seen.timestamp() if s.last_seen else 0), s.name.casefold()))
    lead = tuple(LeadItem(s, _span(s.first_seen, s.last_seen), s.summary, len(s.articles),
                          len({r.source.id for r in s.articles if r.source}))
                 for s in stories[:LEAD_STORIES])
    spoken = [q for q in index.quotes if q.speaker and not q.fragment] or \
        [q for q in index.quotes if q.speaker]
    key_quotes = sorted(spoken, key=lambda q: (-len(q.outlets), -len(q.passages),
                                               q.date is None,
                                               -(q.date.timestamp() if q.date else 0)))
    key_figures = [g for g in index.figure_groups if g.disputes][:KEY_FIGURES] or \
        list(index.figure_groups[:KEY_FIGURES])
    day = today.date().isoformat()
    past = [e for e in index.events if e.precision == "day" and e.start <= day]
    coming = [e for e in index.events if e.precision == "day" and e.start > day]

    def ranked(entities: tuple[EntityView, ...]) -> tuple[Ref, ...]:
        top = sorted(entities, key=lambda e: (-len(e.articles), e.name.casefold()))
        return tuple(Ref(e.id, e.name, e.page, len(e.articles)) for e in top[:TOP_ENTITIES])

    counts = {"articles": len(index.articles), "outlets": len(index.sources),
              "copies": index.copies_folded, "actors": len(index.actors),
              "quotes": len(index.quotes), "stories": len(index.stories),
              "issues": len(index.issues), "events": len(index.events),
              "figures": len(index.figure_groups)}
    return Digest(lead, tuple(key_quotes[:KEY_QUOTES]), tuple(key_figures),
                  tuple(Ref(a.id, a.title, a.page) for a in index.articles[:LATEST]),
                  tuple(past[-EVENTS:]), tuple(coming[:EVENTS]), ranked(index.actors),
                  ranked(index.issues), counts)
