"""Timeline: dated events from sentences, resolved against the article's date.

Part of the extract stage. Absolute dates ("Friday, January 16, 2026", "Jan. 14,
2026"), ranges ("Jan. 19 to 21"), month-year and bare years ("in 2018") are read
as written; weekdays ("On Thursday") and dates without a year are resolved
against the article's date, or, for an undated article, the latest full date it
mentions (an embedded post's date, say). The same date stated with overlapping
actors or wording in several articles is one event.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from ..blocking import CandidateIndex
from ..dates import safe_date
from ..folding import fold, words
from ..lexicon import MONTHS, WEEKDAYS
from ..matching import Finder
from ..model import Article, BlockKind, Citation, Event
from ..pickling import pickled_by_fields
from .figures import VALUE
from .sentences import Paragraph, without_quotes

MONTH_NAMES = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|" \
              r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
PATTERNS = (
    ("range", re.compile(rf"\b(?P<month>{MONTH_NAMES})\s+(?P<day>\d{{1,2}})\s*(?:-|–|to|through)"
                         rf"\s*(?P<day2>\d{{1,2}})\b(?:,?\s+(?P<year>\d{{4}}))?")),
    ("full", re.compile(rf"(?:{WEEKDAY},?\s+)?\b(?P<month>{MONTH_NAMES})\s+(?P<day>\d{{1,2}})"
                        rf"(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b")),
    ("full", re.compile(rf"(?:{WEEKDAY},?\s+)?\b(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_NAMES})"
                        rf",?\s+(?P<year>\d{{4}})\b")),
    ("month", re.compile(rf"\b(?i:in|of|by|until|from|during)\s+(?:(?:late|early|mid)[- ])?"
                         rf"(?P<month>{MONTH_NAMES})\s+(?P<year>\d{{4}})\b")),
    ("day", re.compile(rf"\b(?P<month>{MONTH_NAMES})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
                       rf"(?!\s*(?:,?\s*\d{{4}}|-|–|to\b|through\b))")),
    ("day", re.compile(rf"(?<![\d,.])\b(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_NAMES})(?![\w.])"
                       rf"(?!,?\s*\d{{4}})")),
    ("weekdays", re.compile(rf"\bfrom\s+(?P<weekday>{WEEKDAY})\s+(?:to|through|until)\s+"
                            rf"(?P<weekday2>{WEEKDAY})\b")),
    ("weekday", re.compile(rf"\b(?P<weekday>{WEEKDAY})\b")),
    ("year", re.compile(r"\b(?i:in|by|until|from|during|of)\s+(?:(?:late|early|mid)[- ])?"
                        r"(?P<year>(?:18|19|20)\d{2})\b(?!\s*[-–]\d)")),
)
# What each kind of date cannot match without: four sentences in five have none, and
# looking for these three first took finding the dates of 53,000 sentences of the
# benchmark's articles from 5.0 s to 1.6 s.
_DATE_WORDS = {"month": re.compile(MONTH_NAMES), "weekday": re.compile(WEEKDAY),
               "year": re.compile(r"(?:18|19|20)\d{2}")}
_NEEDS = {"range": "month", "full": "month", "month": "month", "day": "month",
          "weekdays": "weekday", "weekday": "weekday", "year": "year"}
# Tense markers; the one nearest a weekday, left of it first, is the verb that governs it.
# "plans to" is future, the noun "plan" is not.
FUTURE = re.compile(r"\b(?:will|is|are)\s+(?:scheduled|set|due|expected|to)\b|\bwill\b|"
                    r"\b(?:meets|visits|travels|heads|begins|starts|opens|plans?\s+to|next)\b",
                    re.I)
PAST = re.compile(
    r"\b(?:was|were|had|did|last|ago|(?-i:[a-z]{3,}ed)|spoke|met|said|told|went|came|took|made|gave|"
    r"held|began|broke|left|saw|won|lost|got|sent|wrote|rose|fell|led|ran|sat|stood|flew|drove|"
    r"brought|bought|thought|found|kept|paid|heard|struck|sought|fought|began|chose|grew|"
    r"knew|threw|wore|woke|shook|spent|lent|built|dealt|meant|sold|swore|drawn|done|seen|given|"
    r"taken|written|chosen|known|shown|begun|spoken|broken|grown|thrown|drawn)\b", re.I)
# A year in a clause that only places something else in time is background, not an
# event: "since 2017", "who took office in May 2022", "than in 2017",
# "since the Constitution was adopted in 1988".
BACKGROUND = re.compile(r"\b(?:since|who|whom|whose|which|than)\b", re.I)
BACKGROUND_REACH = 80
# A line that only dates the page: "Posted April 8, 2026 at 6:10 p.m.", "Updated:
# 2026.04.10 15:48", "April 10, 20263:35 PM GMT+9".
NUMERIC_DATE = re.compile(
    r"(?<!\d)(?P<year>20\d{2})[./-](?P<month>\d{1,2})[./-](?P<day>\d{1,2})(?!\d)")
GLUED_DATE = re.compile(rf"\b(?P<month>{MONTH_NAMES})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>20\d{{2}})"
                        r"(?=\d{1,2}:\d{2})")
DATE_LINE_MAX = 80
FOUR_DIGITS = re.compile(r"\d{4}")
TOP_BLOCKS = 8           # how far down a page its date line is sought
DATE_LINE_WORDS = frozenset("posted published updated modified last first and the ago "
                            "hours hour mins minutes".split())
CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:after|before|when|while|as|since|until|because|and)\b")
TEXT_MAX = 220
CLAUSE_REACH = 200
DATE_ONLY = re.compile(rf"(?:{WEEKDAY},?\s+)?(?:{MONTH_NAMES}\s+\d{{1,2}},?\s+\d{{4}}|"
                       rf"\d{{1,2}}\s+{MONTH_NAMES},?\s+\d{{4}})\.?")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FoundDate:
    start: str
    end: str | None
    precision: str


def anchor_date(article: Article, paragraphs: tuple[Paragraph, ...]) -> date | None:
    """The article's date; else the date line of the page ("Posted April 8, 2026 at
    6:10 p.m." near the top, or in the title or standfirst); else the latest full
    date it mentions (an embedded post's, say)."""
    if article.date is not None:
        return article.date.date()
    tops = (article.title, *article.alt_titles, article.summary or "",
            *(p.text for p in paragraphs[:TOP_BLOCKS]))
    for text in tops:
        day = date_line(text)
        if day is not None:
            return day
    latest: date | None = None
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            for kind, pattern in PATTERNS:
                if kind != "full":
                    continue
                for match in pattern.finditer(sentence.text):
                    found = _full_date(match)
                    if found and (latest is None or found > latest):
                        latest = found
    for quote in article.attributed:
        if quote.attribution.date:
            day = date.fromisoformat(quote.attribution.date)
            latest = max(latest, day) if latest else day
    return latest


def date_line(text: str) -> date | None:
    """The date of a line that only dates the page: a short line with a full date and
    little else (times, zones, "Posted", "Updated", an outlet's name), else None."""
    text = text.strip()
    if not text or len(text) > DATE_LINE_MAX or not FOUR_DIGITS.search(text):
        return None
    found = None
    for kind, pattern in PATTERNS:
        if kind == "full":
            found = found or next((_full_date(m) for m in pattern.finditer(text)), None)
    for pattern in (NUMERIC_DATE, GLUED_DATE):
        match = pattern.search(text) if found is None else None
        if match:
            found = safe_date(int(match.group("year")), _month_number(match.group("month")),
                               int(match.group("day")))
    if found is None:
        return None
    prose = set(re.findall(r"(?<![\w'’])[a-z]{3,}\b", text)) - DATE_LINE_WORDS
    return None if prose else found          # any other lower-case word: a sentence


def _month_number(month: str) -> int:
    return int(month) if month.isdigit() else _month(month)


def events_in(article: Article, paragraphs: tuple[Paragraph, ...], matcher: Finder,
              anchor: date | None) -> list[Event]:
    """One event per date expression per sentence; `anchor` is from `anchor_date`."""
    found: list[Event] = []
    for paragraph in paragraphs:
        if paragraph.kind is BlockKind.QUOTE:
            continue          # pull quotes and posts are statements; a post's date anchors
        for sentence in paragraph.sentences:
            has_figure = VALUE.search(sentence.text) is not None
            if DATE_ONLY.fullmatch(sentence.text.strip()) or date_line(sentence.text):
                continue          # a dateline under the byline, not an event
            actors: tuple[str, ...] | None = None
            seen: set[FoundDate] = set()
            for when in _dates(without_quotes(paragraph, sentence), anchor):
                if when.precision == "year" and has_figure:
                    continue          # "trade of $118bn in 2024": the year dates the figure
                if when in seen:
                    continue          # the same date twice in one sentence is one event
                seen.add(when)
                if actors is None:    # once per sentence, however many dates it has
                    actors = tuple(dict.fromkeys(m.entity_id
                                                 for m in matcher.find(sentence.text)))
                text = _short(sentence.text)
                found.append(Event(_event_id(when, text), when.start, when.end, when.precision,
                                   text, actors, (Citation(article.id, sentence.anchor),)))
    return found


def _dates(text: str, anchor: date | None) -> list[FoundDate]:
    """Date expressions in a sentence, longest forms first, never overlapping.

    Callers blank quoted speech first: "Tuesday was Tuesday," said the minister,
    is not a date.
    """
    present = {word: bool(finder.search(text)) for word, finder in _DATE_WORDS.items()}
    if not any(present.values()):
        return []
    taken = bytearray(len(text))       # 1 where a date already found lies
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text)]
    found: list[FoundDate] = []
    for kind, pattern in PATTERNS:
        if not present[_NEEDS[kind]]:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            when = _resolve(kind, match, text, anchor, breaks)
            if when is not None:
                taken[start:end] = b"\x01" * (end - start)
                found.append(when)
    return found


def _resolve(kind: str, match: re.Match[str], text: str, anchor: date | None,
             breaks: list[int]) -> FoundDate | None:
    if kind == "full":
        day = _full_date(match)
        return FoundDate(day.isoformat(), None, "day") if day else None
    if kind in ("year", "month") and _background(text, match.start()):
        return None
    if kind == "year":
        return FoundDate(match.group("year"), None, "year")
    if kind == "month":
        return FoundDate(f"{match.group('year')}-{_month(match.group('month')):02d}", None,
                         "month")
    if kind == "range" and match.group("year"):
        year = int(match.group("year"))
        month = _month(match.group("month"))
        first, last = (safe_date(year, month, int(match.group(g))) for g in ("day", "day2"))
        return FoundDate(first.isoformat(), last.isoformat() if last else None, "day") \
            if first else None
    if anchor is None:
        return None       # a weekday or a year-less date needs a reference date
    clause = _clause_around(text, match.start(), match.end(), breaks)
    if kind == "weekday":
        day = _weekday(match.group("weekday"), clause, anchor)
        return FoundDate(day.isoformat(), None, "day")
    if kind == "weekdays":
        opening = _weekday(match.group("weekday"), clause, anchor)
        closing = opening + timedelta(days=(WEEKDAYS.index(match.group("weekday2").lower())
                                            - opening.weekday()) % 7)
        return FoundDate(opening.isoformat(), closing.isoformat(), "day")
    month = _month(match.group("month"))
    year = int(match.group("year")) if kind == "range" and match.group("year") else \
        _nearest_year(month, int(match.group("day")), anchor)
    first = safe_date(year, month, int(match.group("day")))
    if first is None:
        return None
    if kind == "range":
        last = safe_date(year, month, int(match.group("day2")))
        return FoundDate(first.isoformat(), last.isoformat() if last else None, "day")
    return FoundDate(first.isoformat(), None, "day")


def _background(text: str, start: int) -> bool:
    """True when the clause leading to a year places something else in time: "since
    2017", "who took office in May 2022", "than in 2017"."""
    head = text[max(0, start - BACKGROUND_REACH):start]
    head = head[max(head.rfind(","), head.rfind(";"), head.rfind(":")) + 1:]
    return BACKGROUND.search(head) is not None or text[start:start + 6].lower() == "since "


def _clause_around(text: str, start: int, end: int, breaks: list[int]) -> str:
    """The clause a date sits in: its tense, not the whole sentence's, says past or future.

    In "…will return to work on Tuesday after they reached a deal on Sunday", Sunday
    is past although the sentence starts in the future. `breaks` are the ends of
    the sentence's clause breaks; a clause is read at most `CLAUSE_REACH`
    characters either side of the date.
    """
    before = bisect_right(breaks, start) - 1
    opening = breaks[before] if before >= 0 else 0
    after = CLAUSE_BREAK.search(text, end, end + CLAUSE_REACH)
    closing = after.start() if after else len(text)
    return text[max(opening, start - CLAUSE_REACH):min(closing, end + CLAUSE_REACH)]


def _full_date(match: re.Match[str]) -> date | None:
    return safe_date(int(match.group("year")), _month(match.group("month")),
                      int(match.group("day")))


def _month(name: str) -> int:
    prefix = name.lower().rstrip(".")[:3]
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(prefix))


def _nearest_year(month: int, day: int, anchor: date) -> int:
    """The year that puts a year-less date closest to the anchor."""
    options = [anchor.year - 1, anchor.year, anchor.year + 1]
    return min(options, key=lambda y: abs(((safe_date(y, month, min(day, 28)) or anchor)
                                           - anchor).days))


def _weekday(name: str, sentence: str, anchor: date) -> date:
    """The weekday nearest the anchor in the sentence's direction of time.

    "On Thursday, Carney meets …" in a piece of Wednesday 14 January is the 15th;
    "arrived on Tuesday" is the previous Tuesday; the same weekday is the anchor day.
    """
    target = WEEKDAYS.index(name.lower())
    ahead = (target - anchor.weekday()) % 7
    if re.search(rf"\blast\s+{name}\b", sentence, re.I):
        return anchor - timedelta(days=7 - ahead if ahead else 7)
    if re.search(rf"\bnext\s+{name}\b", sentence, re.I):
        return anchor + timedelta(days=ahead or 7)
    if ahead == 0:
        return anchor
    tense = _governing_tense(sentence, name)
    if tense == "future":
        return anchor + timedelta(days=ahead)
    if tense == "past":
        return anchor - timedelta(days=7 - ahead)
    # No tense to go by: the nearer of the two.
    return anchor + timedelta(days=ahead) if ahead <= 3 else anchor - timedelta(days=7 - ahead)


def _governing_tense(clause: str, weekday: str) -> str | None:
    """The tense of the verb that governs the weekday: the tense marker nearest it on
    its left ("drawn up on Monday", "will deliver its verdict on Friday"), else the
    nearest on its right ("on Monday, the plan was drawn up")."""
    at = clause.lower().find(weekday.lower())
    at = at if at >= 0 else len(clause)
    future = [m.span() for m in FUTURE.finditer(clause)]
    # "is scheduled to": the -ed inside a future phrase is not a past tense.
    past = [m.start() for m in PAST.finditer(clause)
            if not any(start <= m.start() < end for start, end in future)]
    marks = sorted([(start, "future") for start, _ in future] + [(p, "past") for p in past])
    left = [tense for position, tense in marks if position < at]
    right = [tense for position, tense in marks if position > at]
    return left[-1] if left else right[0] if right else None


def _short(sentence: str) -> str:
    if len(sentence) <= TEXT_MAX:
        return sentence
    return sentence[:TEXT_MAX].rsplit(" ", 1)[0] + "…"


def _event_id(when: FoundDate, text: str) -> str:
    key = f"{when.start}|{when.end}|{fold(text)[:60]}"
    return "e-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def merge_events(events: Sequence[Event]) -> tuple[Event, ...]:
    """The same date with shared actors or similar wording, from several sources, is one event.

    Only events of the same date that share an actor or a word are compared (see
    `blocking`), so a corpus of many events is not compared pair by pair.
    """
    merged: list[Event] = []
    actors: list[dict[str, None]] = []           # each merged event's actors, in order
    citations: list[dict[Citation, None]] = []
    exact: dict[tuple[str, str | None, str, str], int] = {}
    index = CandidateIndex()
    for event in events:
        key = (event.start, event.end, event.precision, fold(event.text))
        position = exact.get(key)
        if position is None:
            keys = _event_keys(event)
            position = next((p for p in index.candidates(keys)
                             if _same_event(event, merged[p], actors[p])), None)
            if position is None:
                position = len(merged)
                merged.append(event)
                actors.append({})
                citations.append({})
            index.add(position, keys)
            exact[key] = position
        actors[position].update(dict.fromkeys(event.actor_ids))
        citations[position].update(dict.fromkeys(event.citations))
    done = [Event(e.id, e.start, e.end, e.precision, e.text, tuple(a), tuple(c))
            for e, a, c in zip(merged, actors, citations, strict=True)]
    return tuple(sorted(done, key=lambda e: (e.start, e.end or "", e.text)))


def _same_event(event: Event, other: Event, other_actors: dict[str, None]) -> bool:
    """The same date, and two shared actors or much the same wording."""
    if (event.start, event.end, event.precision) != (other.start, other.end, other.precision):
        return False
    return len(set(event.actor_ids) & other_actors.keys()) >= 2 or \
        fuzz.token_set_ratio(fold(event.text), fold(other.text)) >= 70


def _event_keys(event: Event) -> list[str]:
    """The date joined with each actor and each longer word: what two tellings of one
    event share."""
    when = f"{event.start}|{event.end}|{event.precision}"
    return [f"{when}|{actor}" for actor in event.actor_ids] + \
        [f"{when}|{word}" for word in words(event.text) if len(word) > 3] + [when]


