"""Datelines: the place, day and agency that open a wire story's first paragraph.

Part of the normalize stage. `read_dateline()` recognises, at the start of the
first body paragraph:

- `SEOUL, March 11 (Yonhap) --`, `PORT MERIDAN, Feb. 26 (Xinhua) --` (place in
  capitals, optional region, day and month, the agency in parentheses, a dash);
- `WASHINGTON (AP) —`, `NAIROBI, Kenya (AP) —`, `BERLIN (dpa-AFX) -`;
- `San Aurelio (Chile), Apr 10 (EFE).-`, `Pune [India], May 13 (ANI):` (a place
  in ordinary case needs the agency);
- `TOKYO, April 8, 2026 /PRNewswire/ --` (a press release: the one form with a year);
- `(Reuters) -`, `(CNN) —` (no place);
- `LIMA —`, `PORT LOUIS, Feb. 26 —`, `SEOUL/WASHINGTON :` (a house dateline: the
  republisher dropped the agency).

It gives the day and month (a dateline has no year, except a release's), and the
credit; the caller decides whether the credit names a wire, and accepts a
dateline without a place in capitals only when its credit is a known one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates_in_text import MONTH, MONTH_NUMBER

CAPS_WORD = r"[A-Z][A-Z.'’-]{1,25}"
CAPS_PLACE = rf"{CAPS_WORD}(?: {CAPS_WORD}){{0,3}}(?:/{CAPS_WORD}(?: {CAPS_WORD}){{0,2}}){{0,3}}"
NAME_WORD = r"[A-Z][\w.'’-]{1,25}"
MIXED_PLACE = rf"{NAME_WORD}(?: {NAME_WORD}){{0,3}}"
NOT_MONTH = rf"(?!(?i:{MONTH})\b)"
REGION = (rf"(?:,\s?{NOT_MONTH}{NAME_WORD}(?: {NAME_WORD}){{0,2}}"
          rf"|\s?[(\[][A-Z][\w .'’-]{{1,30}}[)\]])")
DAY = (rf"(?:,\s?(?:(?P<m1>(?i:{MONTH}))\.?\s(?P<d1>\d{{1,2}})(?:,\s?(?P<y>\d{{4}}))?"
       rf"|(?P<d2>\d{{1,2}})\s(?P<m2>(?i:{MONTH}))\.?(?:\s(?P<y2>\d{{4}}))?))")
CREDIT = r"(?:\s?\((?P<agency>[^()\n]{2,40})\)|\s/(?P<dist>[A-Za-z][\w .-]{1,30})/\.?)"
DASH = r"(?:\s?(?:\.-|-{1,2}|[—–]{1,2}|:)\s?|(?<=/\.)\s)"   # `/TASS/. ` ends without a dash
WITH_CAPS_PLACE = re.compile(
    rf"(?P<place>{CAPS_PLACE})(?P<region>{REGION})?{DAY}?{CREDIT}?{DASH}(?=\S)")
WITH_PLACE_AND_CREDIT = re.compile(
    rf"(?P<place>{MIXED_PLACE})(?P<region>{REGION})?{DAY}?{CREDIT}{DASH}(?=\S)")
CREDIT_ONLY = re.compile(r"\((?P<agency>[^()\n]{2,40})\)\s?(?:-{1,2}|[—–]{1,2})\s?(?=\S)")
MAX_DATELINE = 120


@dataclass(frozen=True)
class Dateline:
    """A dateline and the paragraph text after it."""

    text: str                # as written, e.g. "SEOUL, March 11 (Yonhap) --"
    month: int | None
    day: int | None
    year: int | None
    credit: str | None       # "Yonhap" from "(Yonhap)", "PRNewswire" from "/PRNewswire/"
    caps_place: bool         # the place is in capitals (otherwise only a known credit counts)
    rest: str


def read_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening `paragraph`, or None."""
    text = paragraph.strip()
    caps = WITH_CAPS_PLACE.match(text)
    found = caps or WITH_PLACE_AND_CREDIT.match(text) or CREDIT_ONLY.match(text)
    if found is None or found.end() > MAX_DATELINE:
        return None
    groups = found.groupdict()
    month_name = groups.get("m1") or groups.get("m2")
    day = groups.get("d1") or groups.get("d2")
    year = groups.get("y") or groups.get("y2")
    credit = groups.get("agency") or groups.get("dist")
    return Dateline(
        text=text[:found.end()].strip(),
        month=MONTH_NUMBER[month_name[:3].casefold()] if month_name else None,
        day=int(day) if day else None,
        year=int(year) if year else None,
        credit=credit.strip() if credit else None,
        caps_place=caps is not None,
        rest=text[found.end():],
    )
