"""Credits: who a pasted page's byline, credit and copyright lines say wrote and ran it.

Part of the normalize stage. Each reader takes one line (or the last paragraph)
and the `OutletBook`, and returns a `Credit`: the wire (the agency that wrote the
text), the outlet (who published this copy), the authors, and how it was read.
Only lines in credit positions are read (the caller decides which): a photo
credit or an agency named inside a sentence ("…, Yonhap reported") is never a
credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import NEVER_NAME_WORDS, is_role_phrase
from ..rule_tables import ChromeTable
from .line_shapes import is_all_caps, is_name_shaped, title_case, words
from .outlets import Outlet, OutletBook, host_of

BYLINE = re.compile(r"^(?:by|written by|words by)\s?:?\s(?P<who>\S.{1,118})$", re.IGNORECASE)
NAME_TWICE = re.compile(r"^(?P<pre>[^\n]{2,60}?)\sBy\s(?P<who>\S[^\n]{1,100})$")
PARTS = re.compile(r"(?<!\s)\s?(?:,|\s[-–—|·]\s|[|·])\s?")
STORY_BY = re.compile(r"^(?:story|report|reported|written) by\s(?P<who>.{2,60})$", re.I)
SOURCE = re.compile(r"^source\s?:\s?(?P<who>.{2,120})$", re.IGNORECASE)
ON_AGGREGATOR = re.compile(r"^(?P<who>.{2,60}?)\son\s(?P<site>msn|yahoo|flipboard|apple news)"
                           r"(?:\s?\d{1,2}[hdm])?$", re.IGNORECASE)
ORIGINAL = re.compile(r"^(?:read the full (?:article|story) (?:on|at)|originally published "
                      r"(?:on|at|by|in))\s(?P<who>.{2,80}?)\.?$", re.IGNORECASE)
DASH_CREDIT = re.compile(r"^(?:-{1,2}|[—–])\s?(?P<who>[^\s-].{1,40})$")
POSTED_BY = re.compile(r"(?:\b(?i:posted|written|published)\b[^\n]{0,60}?|\d)\s(?i:by)\s"
                       r"(?P<who>[A-Z][\w'’.-]{1,30}(?: [A-Z][\w'’.-]{1,30}){1,2})")
AND_AGENCIES = re.compile(r"^(?P<who>.{2,60}?)\s(?:and|&)\s(?:news\s)?(?:agencies|wires)$", re.I)
COPYRIGHT = re.compile(r"^(?:™\s?&\s?)?(?:copyright\b|©|\(c\))", re.IGNORECASE)
COPYRIGHT_NOISE = re.compile(
    r"(?:™\s?&\s?|copyright\b|©|\(c\)|\ball rights reserved\b\.?|(?<!\d)\d{4}(?:\s?[-–]\s?"
    r"\d{4})?(?!\d)|,?\s\b(?:inc|ltd|llc|plc|co|corp|gmbh)\b\.?)", re.IGNORECASE)
WITH = re.compile(r"^(?P<site>.{2,60}?)\swith\s(?P<wire>.{2,40})$", re.IGNORECASE)
STAFF = re.compile(r"^(?P<outlet>.{2,60}?)\s(?:staff|staff writers?|newsroom|news desk|"
                   r"desk|reporters?|correspondents?|wire services?)$", re.IGNORECASE)
TRAILING_PAREN = re.compile(r"(?<=[.!?\"”’])\s?\((?P<who>[A-Z][\w .-]{1,30})\)$")
TRAILING_WORD = re.compile(r"(?<=[.!?\"”’])\s(?P<who>[A-Z][\w-]{1,20})$")
TRAILING_DASH = re.compile(r"(?<=[.!?\"”’])\s(?:-{1,2}|[—–])\s?(?P<who>[A-Z][\w .-]{1,30})$")
ORG_WORDS = frozenset(
    "corporation corp inc ltd limited company group holdings agency authority ministry "
    "department office university institute bank news press media times post daily "
    "herald journal tribune network association council".split())


@dataclass(frozen=True)
class Credit:
    """What a credit line says: the wire, the outlet, the authors, and how it was read."""

    wire: str | None = None
    outlet: str | None = None
    how: str = ""
    authors: tuple[str, ...] = ()
    original: bool = False      # the outlet named is the original's, not this copy's


def as_credit(outlet: Outlet | None, how: str, wire_only: bool = False) -> Credit | None:
    """An agency named in a credit position is the wire; an outlet is the outlet."""
    if outlet is None or outlet.kind == "photo":
        return None
    if outlet.is_agency:
        return Credit(wire=outlet.wire, how=how)
    if wire_only and outlet.credit:
        return Credit(wire=outlet.wire, how=how)
    return Credit(outlet=outlet.name, how=how)


def byline_credit(line: str, book: OutletBook) -> Credit | None:
    """`By Ann Lee and Bo Chen`, `by: ANN LEE, Associated Press`, `By AFP - Agence France
    Presse`, `By Yonhap`, `Ann Lee By Ann Lee Fox News` (the name printed twice)."""
    text = line.strip()
    twice = NAME_TWICE.match(text)
    if twice and is_name_shaped(twice["pre"], 4) and twice["who"].startswith(twice["pre"]):
        text = f"By {twice['who']}"
    found = BYLINE.match(text)
    if not found:
        return None
    who = found["who"].strip().rstrip(".")
    parts = [p.strip() for p in PARTS.split(who) if p.strip()]
    authors: list[str] = []
    wire = outlet = None
    for part in parts:
        named = book.named(part)
        if named is not None and named.kind != "photo":
            if named.is_agency:
                wire = wire or named.wire
            else:
                outlet = outlet or named.name
            if STAFF.match(part):
                authors.append(part)                 # "Planet Staff", a configured alias
            continue
        if is_role_phrase(part.split()) or part.casefold() in ("staff", "staff writer"):
            continue                                 # "Senior Legal Correspondent"
        staff = STAFF.match(part)
        if staff and (book.named(staff["outlet"]) or is_name_shaped(staff["outlet"], 4)):
            known = book.named(staff["outlet"])
            outlet = outlet or (known.name if known else staff["outlet"].strip())
            authors.append(part)                     # "Torontoer Staff" signs the story
            continue
        person, tail = _split_trailing_outlet(part, book)
        if tail is not None:
            if tail.is_agency:
                wire = wire or tail.wire
            else:
                outlet = outlet or tail.name
        if person and is_name_shaped(person, 12):
            authors.extend(title_case(n) for n in _names(person))
        elif person:
            return None                               # "By the end of the week, …"
    if not (authors or wire or outlet):
        return None
    return Credit(wire, outlet, "byline", tuple(authors))


def segments_credit(line: str, book: OutletBook) -> Credit | None:
    """The credit in a date line's other segments: `Reuters | City | Updated: …`,
    `Agency News ANI| May 13, …`, `Xinhua) 16:05, …`, `Ann Lee · CBC News · Posted: …`."""
    wire = outlet = None
    authors: list[str] = []
    people: list[str] = []             # names count only when an outlet follows them
    for part in PARTS.split(line.strip()):
        part = part.strip(" ()[]:")
        if not part or any(c.isdigit() for c in part):
            continue
        named = book.named(part)
        _person, tail = _split_trailing_outlet(part, book)
        found = named or tail
        if found is not None and found.kind != "photo":
            if found.is_agency:
                wire = wire or found.wire
            else:
                outlet = outlet or found.name
            authors.extend(people)
        elif _person_names(part):
            people.extend(_person_names(part))
    posted_by = POSTED_BY.search(line)
    if posted_by:
        authors.extend(_person_names(posted_by["who"]))
    if not (wire or outlet or authors):
        return None
    return Credit(wire, outlet, "date line", tuple(authors))


def credit_line(line: str, book: OutletBook) -> Credit | None:
    """A line that credits an outlet or agency: the name alone (`Reuters`, `KYODO NEWS`),
    `Story by Reuters`, `Source: Xinhua`, `Source: https://…`, `Reuters on MSN`,
    `-- BERNAMA`, `Source: Al Jazeera and news agencies`."""
    text = line.strip()
    if not text or len(text) > 130:
        return None
    alone = book.named(text)
    if alone is not None:
        return as_credit(alone, f"credit line '{text}'")
    for pattern, how in ((STORY_BY, "story by"), (DASH_CREDIT, "credit")):
        found = pattern.match(text)
        if found:
            return as_credit(book.named(found["who"]), f"{how} line '{text}'", wire_only=True)
    aggregator = ON_AGGREGATOR.match(text)
    if aggregator:
        site = book.named(aggregator["site"])
        original = book.named(aggregator["who"])
        return Credit(wire=original.wire if original and original.credit else None,
                      outlet=site.name if site else None, how=f"credit line '{text}'")
    source = SOURCE.match(text) or ORIGINAL.match(text)
    if source:
        who = source["who"].strip()
        if who.startswith(("http://", "https://", "www.")):
            site_of = book.for_url(who)
            name = site_of.name if site_of else host_of(who)
            return Credit(outlet=name, how=f"source address '{who}'", original=True) \
                if name else None
        compiled = AND_AGENCIES.match(who)
        if compiled:
            named = book.named(compiled["who"])
            return Credit(outlet=named.name if named else compiled["who"].strip(),
                          how=f"source line '{text}'") if named or \
                is_name_shaped(compiled["who"], 4) else None
        credit = as_credit(book.named(who), f"source line '{text}'", wire_only=True)
        if credit is not None and credit.outlet:
            return Credit(outlet=credit.outlet, how=credit.how, original=True)
        return credit
    return None


def copyright_credit(line: str, book: OutletBook) -> Credit | None:
    """`Copyright 2026 The Associated Press. All rights reserved.`, `© 2026 AFP`,
    `© MarketScreener with Reuters 2026`, `Copyright © The Harbour Chronicle.`"""
    text = line.strip()
    if not COPYRIGHT.match(text) or len(text) > 160:
        return None
    who = " ".join(COPYRIGHT_NOISE.sub(" ", text).split()).strip(" .,;")
    if not who:
        return None
    site_and_wire = WITH.match(who)
    if site_and_wire:
        site, wire = book.named(site_and_wire["site"]), book.named(site_and_wire["wire"])
        return Credit(wire=wire.wire if wire and wire.credit else None,
                      outlet=site.name if site else site_and_wire["site"],
                      how=f"copyright line '{text}'")
    named = book.named(who)
    if named is not None:
        return as_credit(named, f"copyright line '{text}'")
    if is_name_shaped(who, 6):
        return Credit(outlet=who, how=f"copyright line '{text}'")
    return None


def style_credit(line: str, table: ChromeTable) -> Credit | None:
    """A wire's house trailer on a line of its own (`(Reporting by …; Editing by …)`)."""
    text = line.strip()
    for style in table.credit_styles:
        if not style.suffix and style.wire and style.pattern.fullmatch(text):
            return Credit(wire=style.wire, how=f"credit line '{text[:60]}'")
    return None


def trailing_credit(paragraph: str, book: OutletBook, table: ChromeTable
                    ) -> tuple[Credit, str] | None:
    """A credit glued to the end of the last paragraph (`… 0.3 percent. (Yonhap)`,
    `… exports. EFE`, `… data. Enditem`), and the paragraph without it."""
    text = paragraph.rstrip()
    for style in table.credit_styles:
        if style.suffix:
            found = re.search(rf"(?<=[.!?\"”’])\s?(?:{style.pattern.pattern})$", text[-80:],
                              re.IGNORECASE)
            if found:
                cut = len(text) - (len(text[-80:]) - found.start())
                how = f"credit '{found.group(0).strip()}' at the end"
                return Credit(wire=style.wire, how=how), text[:cut].rstrip()
    for pattern in (TRAILING_PAREN, TRAILING_DASH, TRAILING_WORD):
        found = pattern.search(text[-60:])
        if not found:
            continue
        who = found["who"].strip()
        named = book.named(who)
        if named is None or not (named.is_agency or named.credit):
            continue
        if pattern is TRAILING_WORD and not (is_all_caps(who) or who == named.credit):
            continue
        cut = len(text) - (len(text[-60:]) - found.start())
        return Credit(wire=named.wire, how=f"credit '{found.group(0).strip()}' at the end"), \
            text[:cut].rstrip()
    return None


def person_line(line: str, book: OutletBook) -> tuple[str, ...]:
    """The authors of a byline printed without `By` (`Ann Lee and Bo Chen`), or ()."""
    text = line.strip()
    if book.named(text) is not None:
        return ()
    return _person_names(text)


def _person_names(text: str) -> tuple[str, ...]:
    """`Ann Lee and Bo Chen` -> both names; () unless every part is a person's name of
    two or three capitalised words that are not ordinary words (`Watch Live`)."""
    if not is_name_shaped(text, 8) or _org_like(text) or is_role_phrase(text.split()) or \
            re.search(r"[\d:@/]", text):
        return ()
    names = _names(text)
    for name in names:
        found = words(name)
        if not 2 <= len(found) <= 3 or any(w.casefold() in NEVER_NAME_WORDS for w in found):
            return ()
    return tuple(title_case(n) for n in names)


def _split_trailing_outlet(part: str, book: OutletBook) -> tuple[str, Outlet | None]:
    """`Megan Carlisle Fox News` -> (`Megan Carlisle`, Fox News)."""
    found = words(part)
    for size in range(min(4, len(found) - 1), 0, -1):
        tail = " ".join(found[-size:])
        named = book.named(tail)
        if named is not None:
            return part[: part.rfind(found[-size])].strip(), named
    return part, None


def _names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"(?<!\s)\s?(?:,|\band\b|&)\s?", text) if n.strip()]


def _org_like(text: str) -> bool:
    return any(w.casefold() in ORG_WORDS for w in words(text))
