"""A pasted web page: its headline, date, outlet, wire and body, without the page around it.

Part of the normalize stage; `normalize_document` calls `read_pasted()` for text
pasted from a web page. The page is read in zones, by the shape of its lines:

- the **head**: everything before the story's first two paragraphs in a row
  (prose lines, see `line_shapes.is_prose`). The headline is the head line that
  best reads like one (`_choose_title`); the masthead, menus, breadcrumbs and
  section labels above it go, and so do the byline, date, credit and caption
  lines between it and the story, after they have been read as evidence;
- the **body**: the story, from which link blocks, captions, promos and
  repeated lines go (see `chrome`); the dateline opening it is read and taken
  off; a credit glued to its last sentence is read and cut off;
- the **tail**: everything after the story's last two paragraphs in a row, where
  only prose that is not a credit, a promo or the author's biography stays.

Every removed line is returned. Evidence is read from the lines as pasted, before
anything is removed: dates (`page_date`), the outlet and the wire (`credits`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..rule_tables import ChromeTable
from .boilerplate import BoilerplateFilter
from .chrome import caption_lines, describes_photo, link_blocks, promo_lines, unglue
from .credits import (
    Credit,
    byline_credit,
    copyright_credit,
    credit_line,
    person_line,
    segments_credit,
    style_credit,
    trailing_credit,
)
from .datelines import Dateline, read_dateline
from .dates_in_text import DateOrder, label_only, read_date_line, settled_order
from .headline import is_slug_of
from .line_shapes import (
    ends_sentence,
    is_all_caps,
    is_breadcrumb,
    is_caption,
    is_headline_shaped,
    is_name_shaped,
    is_prose,
    is_short_label,
    words,
)
from .outlets import OutletBook
from .page_date import DateCandidate, choose_date
from .repeated import line_key
from .structure import EDITED_QUOTE, FIRST_PERSON, NAME_LINE, REPORTING_VERB, read_tag_line

MASTHEAD_LINES = 3            # a masthead is among the first lines of the page
META_AFTER_TITLE = 3          # byline, date or credit lines expected this close under it
LIST_OR_QUOTE = re.compile(r"^\s{0,3}(?:[-*+•▪–]|\d{1,3}[.)])\s|^[\"“‘]")
BIO = re.compile(r"^(?P<name>[A-Z][\w'’-]{1,30}(?: [A-Z][\w'’-]{1,30}){0,2}) (?:is|covers|"
                 r"writes|reports|has (?:been|covered|reported)|joined|was)\b")
SEPARATOR = re.compile(r"[_=*-]{3,}")
SITE_SEPARATOR = re.compile(r"(?<!\s)\s(?:[-–—|·]|::)\s")       # `The Courier - Back to home`
SIGNATURE = re.compile(r"^[—–-]{1,2}\s?.{1,60}\(@\w{1,30}\)")


@dataclass(frozen=True)
class PastedContext:
    """What reading a pasted page needs from the build, prepared once."""

    book: OutletBook
    table: ChromeTable
    order: DateOrder
    boilerplate: BoilerplateFilter
    repeated: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Evidence:
    """A value for a field, how it was found, and its strength (lower is stronger)."""

    value: str
    how: str
    rank: int


@dataclass(frozen=True)
class PastedPage:
    """What the page said, and the lines of the article itself."""

    lines: list[str]                      # from the headline on (when one was found)
    removed: tuple[str, ...]
    titled: bool | None                   # True: the first line left is the headline;
                                          # None: no headline-shaped line, decide as before
    date: tuple[date, str] | None
    outlet: Evidence | None
    wire: Evidence | None
    authors: tuple[str, ...]
    dateline: str | None
    listing: bool
    standfirst: str | None = None         # the dek under the headline, for the summary


def read_pasted(text_lines: list[str], ctx: PastedContext) -> PastedPage:
    """Read a pasted page (see the module docstring)."""
    pieces = unglue(text_lines, ctx.table)
    lines = [text for text, _, _ in pieces]
    marks = ctx.boilerplate.marks(lines, ctx.repeated, line_key)
    marks = [mark or ("glued" if glued else None) for mark, (_, _, glued) in zip(
        marks, pieces, strict=True)]
    filled = [i for i, line in enumerate(lines) if line.strip()]
    usable = [i for i in filled if marks[i] is None]
    prose = {i for i in usable if is_prose(lines[i]) and read_date_line(lines[i]) is None}
    meta = {i for i in usable if _is_meta(lines[i], ctx)}
    photos = caption_lines(lines, usable, ctx.book, prose, photo_only=True)
    inserts = _inserts(lines, filled, prose, ctx) | photos
    start, end = _body_span(lines, [i for i in usable if i not in inserts], prose - inserts,
                            meta)
    title = _choose_title(lines, _head(filled, start), marks, ctx, inserts) \
        if start is not None else None     # no story: the first line decides, as before
    captions = caption_lines(lines, usable, ctx.book, prose, {title} if title else set())
    if captions - meta - inserts:   # a caption is not the story: read the zones again
        inserts |= captions
        start, end = _body_span(lines, [i for i in usable if i not in inserts],
                                prose - inserts, meta | captions)
        title = _choose_title(lines, _head(filled, start), marks, ctx, inserts) \
            if start is not None else None
    head = _head(filled, start)
    gone: dict[int, str] = {i: mark for i in filled if (mark := marks[i])}
    found = _Found()
    _read_head(lines, head, title, marks, captions, ctx, found, gone, start is not None)
    if start is not None and end is not None:
        _clean_body(lines, [i for i in usable if start <= i <= end], ctx, found, gone)
        _read_tail(lines, [i for i in filled if i > end], end, ctx, found, gone)
        dateline = _take_dateline(lines, start, ctx.book, found)
        _take_trailing_credit(lines, end, ctx, found)
    else:
        dateline = None
    order = _document_order(lines, [c.position for c in found.dates], ctx.order)
    if order is not ctx.order:
        found.dates = [_reread(c, lines, order) for c in found.dates]
    listing = _is_listing(lines, usable, prose)
    when = None if listing else choose_date(found.dates, dateline, start)
    dek = _standfirst(lines, title, head, gone)
    kept = [line for i, line in enumerate(lines) if i not in gone and i != dek]
    return PastedPage(
        lines=kept, removed=(*_removed(pieces, text_lines, gone, title), *found.cut),
        titled=True if title is not None else None, date=when,
        outlet=_best(found.outlets), wire=_best(found.wires),
        authors=tuple(dict.fromkeys(found.authors)),
        dateline=dateline.text if dateline else None, listing=listing,
        standfirst=" ".join(lines[dek].split()) if dek is not None else None)


class _Found:
    """Evidence collected while reading (internal to one `read_pasted` call)."""

    def __init__(self) -> None:
        self.dates: list[DateCandidate] = []
        self.outlets: list[Evidence] = []
        self.wires: list[Evidence] = []
        self.authors: list[str] = []
        self.cut: list[str] = []          # text cut off a kept line (a trailing credit)

    def credit(self, credit: Credit | None, rank: int) -> bool:
        if credit is None:
            return False
        if credit.wire:
            self.wires.append(Evidence(credit.wire, credit.how, rank))
        if credit.outlet:
            self.outlets.append(Evidence(credit.outlet, credit.how,
                                         rank + (2 if credit.original else 0)))
        self.authors.extend(credit.authors)
        return bool(credit.wire or credit.outlet or credit.authors)


def _inserts(lines: list[str], filled: list[int], prose: set[int], ctx: PastedContext
             ) -> set[int]:
    """Lines set into the story by the page, which the story runs on across: captions,
    link blocks and promos from the first paragraph on."""
    first = min(prose, default=None)
    if first is None:
        return set()
    found = {i for i in filled if i >= first and is_caption(lines[i])}
    found.update(link_blocks(lines, ctx.table, first))
    found.update(promo_lines(lines, [i for i in filled if i >= first]))
    return found


def _head(filled: list[int], start: int | None) -> list[int]:
    return [i for i in filled if start is None or i < start]


def _is_meta(text: str, ctx: PastedContext) -> bool:
    """A line of the byline block: a date, byline, credit, copyright or caption line."""
    text = text.strip()
    return bool(read_date_line(text, ctx.order) or label_only(text) or is_caption(text)
                or byline_credit(text, ctx.book) or credit_line(text, ctx.book)
                or copyright_credit(text, ctx.book)) and not SIGNATURE.match(text)


def _body_span(lines: list[str], usable: list[int], prose: set[int], meta: set[int]
               ) -> tuple[int | None, int | None]:
    """The first and last line of the story.

    The story is prose that runs on: a prose line followed by another, or by one
    short subheading (not a byline-block line, `meta`) and another. It starts at
    the first prose line that runs on, and ends at the last one that follows such
    a run, so a standfirst above the byline block is not the story.
    """
    def runs_on(position: int, step: int) -> bool:
        nxt = position + step
        if not 0 <= nxt < len(usable):
            return False
        if usable[nxt] in prose:
            return True
        after = nxt + step
        return (0 <= after < len(usable) and usable[after] in prose
                and usable[nxt] not in meta and is_headline_shaped(lines[usable[nxt]]))

    forward = [i for a, i in enumerate(usable) if i in prose and runs_on(a, 1)]
    backward = [i for a, i in enumerate(usable) if i in prose and runs_on(a, -1)]
    if not forward:
        alone = sorted(prose)
        return (alone[0], alone[-1]) if alone else (None, None)
    return forward[0], max(backward) if backward else forward[-1]


def _choose_title(lines: list[str], head: list[int], marks: list[str | None],
                  ctx: PastedContext, captions: set[int]) -> int | None:
    """The head line that best reads like the headline, or None.

    Candidates are headline-shaped lines that are not chrome, a date, a caption, an
    outlet's name or a byline. Consecutive candidates form a run (a headline and
    its second headline); each run is scored by its first line: byline, date or
    credit lines right under it (+3), printed again elsewhere on the page (+2, not for
    a short name), the
    last run before the story (+2), five words or more (+1). The page's masthead
    (`_masthead`) is never a candidate. Of equal scores the one nearer the story wins;
    of equal headlines the first printing without a site suffix.
    """
    book = ctx.book
    masthead = _masthead(lines, head, marks, book, ctx.table.masthead_words)
    candidates = [i for i in head if i not in captions and
                  (masthead is None or i != masthead.index) and
                  _title_candidate(lines[i], marks[i], book)]
    if not candidates:
        return None
    place = {i: n for n, i in enumerate(head)}
    runs: list[list[int]] = []
    for i in candidates:
        if runs and place[i] == place[runs[-1][-1]] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    keys = {i: _title_key(lines[i], ctx.table) for i in head}
    every = Counter(_title_key(line, ctx.table) for line in lines if line.strip())
    scores = []
    for number, run in enumerate(runs):
        first = run[0]
        score = 3 if _meta_follows(lines, head[place[run[-1]] + 1:], marks, book) else 0
        if every[keys[first]] > 1 and not is_name_shaped(lines[first], 5):
            score += 2
        if number == len(runs) - 1:
            score += 2
        if len(words(lines[first])) >= 5:
            score += 1
        scores.append(score)
    best = runs[max(range(len(runs)), key=lambda n: (scores[n], n))][0]
    same = [i for i in candidates if keys[i] == keys[best]]
    plain = [i for i in same if _without_suffix(lines[i]) == lines[i].strip()]
    return (plain or same)[0]


def _title_key(line: str, table: ChromeTable) -> str:
    """A headline's key without a label before it or a site suffix after it."""
    text = _without_suffix(line)
    for pattern in table.title_prefixes:
        found = pattern.match(text)
        if found:
            text = text[found.end():]
    return line_key(text)


def _title_candidate(line: str, mark: str | None, book: OutletBook) -> bool:
    text = line.strip()
    if mark not in (None, "repeated") or not is_headline_shaped(text):
        return False
    if mark == "repeated" and len(words(text)) < 3:
        return False
    people = person_line(text, book)
    return not (read_date_line(text) or book.named(text) or byline_credit(text, book)
                or credit_line(text, book) or is_breadcrumb(text)
                or (is_all_caps(text) and len(words(text)) <= 4)
                or (text.startswith("(") and text.endswith(")"))
                or len(people) > 1
                or label_only(text) or LIST_OR_QUOTE.match(text))


def _meta_follows(lines: list[str], below: list[int], marks: list[str | None],
                  book: OutletBook) -> bool:
    """A byline, date, credit or caption line among the first lines of `below`."""
    seen = 0
    for i in below:
        if marks[i] is not None:
            continue
        text = lines[i].strip()
        if is_caption(text):
            continue
        if read_date_line(text) or byline_credit(text, book) or credit_line(text, book) \
                or label_only(text) or person_line(text, book):
            return True
        seen += 1
        if seen >= META_AFTER_TITLE:
            return False
    return False


def _without_suffix(line: str) -> str:
    """A title without a ` | Site` suffix, to recognise it printed twice."""
    return re.split(r"\s[|–—-]\s|\s\|", line.strip(), maxsplit=1)[0]


def _read_head(lines: list[str], head: list[int], title: int | None,
               marks: list[str | None], captions: set[int], ctx: PastedContext,
               found: _Found, gone: dict[int, str], story: bool) -> None:
    """Evidence from the head, and which head lines go. Without a `story` (no two
    paragraphs of prose) only the lines read as evidence go."""
    top = [i for i in head if title is None or i < title]
    for i in [i for i in top if marks[i] is None][:MASTHEAD_LINES]:
        outlet = ctx.book.named(lines[i]) or \
            ctx.book.named(SITE_SEPARATOR.split(lines[i].strip(), maxsplit=1)[0])
        if outlet is not None and outlet.kind != "photo":
            found.outlets.append(Evidence(outlet.name, f"masthead '{lines[i].strip()}'", 1))
            break
    masthead = _masthead(lines, top, marks, ctx.book, ctx.table.masthead_words, head)
    if masthead is not None and masthead.evidence is not None:
        found.outlets.append(masthead.evidence)
    pending_label: str | None = None
    after_title: list[int] = []
    for i in head:
        text = lines[i].strip()
        above = title is not None and i < title
        if i == title or SIGNATURE.match(text):
            continue
        if not above:
            after_title.append(i)
        dated = read_date_line(text, ctx.order)
        if dated is None and pending_label is not None:
            dated = read_date_line(f"{pending_label} {text}", ctx.order)
        pending_label = label_only(text)
        if dated is not None:
            found.dates.append(DateCandidate(dated, i, True, above))
            found.credit(segments_credit(text, ctx.book), 2)
            gone.setdefault(i, "date line")
            continue
        if found.credit(style_credit(text, ctx.table), 1) or \
                found.credit(copyright_credit(text, ctx.book), 3):
            gone.setdefault(i, "credit line")
            continue
        if marks[i] is not None:
            continue
        if i in captions:
            gone.setdefault(i, "caption")
        elif found.credit(byline_credit(text, ctx.book), 2):
            gone.setdefault(i, "byline")
        elif found.credit(credit_line(text, ctx.book), 2):
            gone.setdefault(i, "credit line")
        elif not above and (people := person_line(text, ctx.book)) and \
                _near_meta(lines, i, head, ctx):
            found.authors.extend(people)
            gone.setdefault(i, "byline")
        elif above and story and not _slug_line(lines, i, title):
            gone.setdefault(i, "above the headline")
    if story:
        _after_title_chrome(lines, title, after_title, ctx.table, gone)


BYLINE_BLOCK = ("date line", "byline", "credit line")


def _standfirst(lines: list[str], title: int | None, head: list[int],
                gone: dict[int, str]) -> int | None:
    """The dek: the sentence right under the headline (or under a short second
    headline), above the byline block. Without a byline block under it, a sentence
    there is the story's first paragraph and stays."""
    if title is None:
        return None
    after = [i for i in head if i > title and i not in gone]
    for n, i in enumerate(after[:2]):
        text = lines[i].strip()
        count = len(words(text))
        if n == 0 and is_headline_shaped(text) and count < 12 and not ends_sentence(text):
            continue                                   # a second headline first
        shaped = (ends_sentence(text) and count >= 6) or count >= 12
        block_below = any(gone.get(j) in BYLINE_BLOCK for j in head if j > i)
        return i if shaped and 40 <= len(text) <= 320 and block_below else None
    return None


@dataclass(frozen=True)
class _Masthead:
    index: int
    evidence: Evidence | None         # None: the outlet table names it (read elsewhere)


ORG_TAIL = frozenset(
    "research news online daily media group network digital insights weekly today tv radio "
    "magazine review report reports".split())


def _masthead(lines: list[str], top: list[int], marks: list[str | None],
              book: OutletBook, masthead_words: frozenset[str],
              head: list[int] | None = None) -> _Masthead | None:
    """The page's own name on its first line: one the outlet table knows; else a short
    name the page names again further down, whole or without a generic last word
    (`Harbour Notes` … `subscribed to Harbour Notes`; `Halcyon Securities Research` …
    `Halcyon Securities`); else a short name ending like a newspaper's
    (`The Harbour Times`, the chrome table's `masthead_words`), or one with menu
    lines under it. Two capitals lines on top (`OFFICE OF THE PRESIDENT` /
    `REPUBLIC OF …`) are one name."""
    unmarked = [i for i in top if marks[i] is None and not read_date_line(lines[i])]
    if not unmarked:
        return None
    first = unmarked[0]
    text = lines[first].strip()
    known = book.named(text) or book.named(SITE_SEPARATOR.split(text, maxsplit=1)[0])
    if known is not None and known.kind != "photo":
        return _Masthead(first, None)
    names = [i for i in unmarked[:MASTHEAD_LINES] if is_name_shaped(lines[i], 6)
             and len(words(lines[i])) >= 2 and len(lines[i].strip()) <= 60
             and byline_credit(lines[i], book) is None]
    if len(names) >= 2 and names[:2] == unmarked[:2] and \
            all(is_all_caps(lines[i]) for i in names[:2]):
        stacked = f"{text}, {lines[names[1]].strip()}"
        if _menu(lines, [j for j in top if j > names[1]], marks):
            return _Masthead(first, Evidence(_as_name(stacked), f"masthead '{stacked}'", 5))
        return None
    for i in names:
        if i != first and i == top[-1]:
            continue                    # right above the headline: a section label
        name = lines[i].strip()
        spoken = _named_again(name.split(), " ".join(lines[i + 1:]))
        if spoken:
            return _Masthead(i, Evidence(
                _as_name(spoken), f"masthead '{name}', named again on the page", 4))
    if names and names[0] == first and words(text)[-1].casefold() in masthead_words and \
            any(_title_candidate(lines[j], marks[j], book) for j in (head or top) if j > first):
        # and a headline follows it
        return _Masthead(first, Evidence(_as_name(text), f"masthead '{text}', a news "
                                         "outlet's name", 5))
    if names and names[0] == first and _menu(lines, [j for j in top if j > first], marks):
        return _Masthead(first, Evidence(_as_name(text), f"masthead '{text}' above the menu", 5))
    return None


def _menu(lines: list[str], menu: list[int], marks: list[str | None]) -> bool:
    """Menu lines: two or more short labels or breadcrumbs, among captions and dates."""
    labels = [j for j in menu if marks[j] is not None or is_short_label(lines[j])
              or is_breadcrumb(lines[j])]
    others = [j for j in menu if j not in labels]
    return len(labels) >= 2 and all(is_caption(lines[j]) or read_date_line(lines[j])
                                    for j in others)


def _as_name(text: str) -> str:
    """`THE MERIDAN CHRONICLE` -> `The Meridan Chronicle`; mixed case stays."""
    if not is_all_caps(text):
        return text
    found = text.title().split(" ")
    return " ".join(w if n == 0 or w.casefold() not in ("of", "the", "and", "for", "in", "on")
                    else w.casefold() for n, w in enumerate(found))


def _named_again(name: list[str], later: str) -> str | None:
    """The name as the page repeats it, with its capitals (a proper name, not the
    words of a headline): whole, or without generic last words."""
    for size in range(len(name), 1, -1):
        if size < len(name) and not all(w.casefold() in ORG_TAIL for w in name[size:]):
            continue
        part = " ".join(name[:size])
        for form in dict.fromkeys((part, _as_name(part))):
            if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", later):
                return form
    return None


def _near_meta(lines: list[str], i: int, head: list[int], ctx: PastedContext) -> bool:
    """A bare name line counts as a byline only beside another byline-block line."""
    position = bisect_left(head, i)
    for j in head[max(0, position - 1): position + 2]:
        if j == i:
            continue
        text = lines[j].strip()
        if read_date_line(text, ctx.order) or ctx.book.named(text) or label_only(text):
            return True
        if text.casefold().endswith("correspondent") or text.casefold().endswith("reporter"):
            return True
    return False


def _after_title_chrome(lines: list[str], title: int | None, after: list[int],
                        table: ChromeTable, gone: dict[int, str]) -> None:
    """Between the headline and the story only a second headline or two right under
    it, a standfirst, list items and quotes stay; a repeat of the headline and the
    byline block's other lines go."""
    if title is None:
        return
    key = _title_key(lines[title], table)
    alternatives = 0
    directly = True
    for i in after:
        text = lines[i].strip()
        if _title_key(text, table) == key:
            gone.setdefault(i, "headline again")
            directly = False
            continue
        if i in gone:
            directly = False
            continue
        if directly and alternatives < 2 and is_headline_shaped(text):
            alternatives += 1
            continue
        directly = False
        if is_prose(text) or LIST_OR_QUOTE.match(text):
            continue
        gone.setdefault(i, "byline block")


def _clean_body(lines: list[str], body: list[int], ctx: PastedContext, found: _Found,
                gone: dict[int, str]) -> None:
    """Link blocks, captions, promos and credit-only lines inside the story go."""
    if not body:
        return
    span = range(body[0], body[-1] + 1)
    for i in link_blocks(lines, ctx.table, body[0]):
        if i in span:
            gone.setdefault(i, "link block")
    live = [i for i in span if lines[i].strip() and i not in gone]
    prose = {i for i in live if is_prose(lines[i])}
    for i in caption_lines(lines, live, ctx.book, prose):
        gone.setdefault(i, "caption")
    for i in promo_lines(lines, [i for i in span if lines[i].strip()]):
        gone.setdefault(i, "promo")
    for i in live:
        if i in gone:
            continue
        credit = style_credit(lines[i], ctx.table) or copyright_credit(lines[i], ctx.book)
        if credit is not None:
            found.credit(credit, 2)
            gone.setdefault(i, "credit line")


def _read_tail(lines: list[str], tail: list[int], end: int, ctx: PastedContext,
               found: _Found, gone: dict[int, str]) -> None:
    """Credits and late date lines from the tail, and which tail lines go.

    Once a line of the page's furniture has been recognised there (a credit,
    copyright, link block, trailer or pattern line, or a run of three short labels
    such as a topic list, with its header), every later line that is not prose
    goes too: it is the page's footer. Before that, short lines stay (an article
    may end on one).
    """
    blocks = set(link_blocks(lines, ctx.table, end + 1))
    labels = _label_run(lines, tail)
    blocked = footer = False
    for i in tail:
        text = lines[i].strip()
        if SIGNATURE.match(text) or (i == tail[-1] and not blocked and read_tag_line([text])[0]):
            continue                     # a post's signature; a tag line for `read_tag_line`
        blocked = blocked or i in blocks or gone.get(i) == "trailer"
        footer = footer or blocked or i in gone or (labels is not None and i >= labels)
        dated = read_date_line(text, ctx.order)
        if dated is not None and dated.kind in ("published", "updated") and not blocked:
            found.dates.append(DateCandidate(dated, i, False, False))
        if found.credit(style_credit(text, ctx.table), 1) or \
                found.credit(copyright_credit(text, ctx.book), 3):
            gone.setdefault(i, "credit line")
            footer = True
            continue
        credit = credit_line(text, ctx.book)
        photo = ctx.book.named(text) is not None and _photo_credit_above(lines, i, tail)
        if credit is not None and not blocked and not photo:
            found.credit(credit, 3)
            gone.setdefault(i, "credit line")
            footer = True
            continue
        if i in gone:
            continue
        if is_caption(text) or SEPARATOR.fullmatch(text):
            gone[i] = "caption" if is_caption(text) else "after the story"
            footer = True
            continue
        if blocked or dated is not None or (footer and not (
                is_prose(text) or LIST_OR_QUOTE.match(text) or _quote_credit(lines, i))):
            gone[i] = "after the story"
    _drop_bios(lines, [i for i in range(end + 1) if lines[i].strip() and i not in gone]
               + [i for i in tail if i not in gone], found, gone)


def _label_run(lines: list[str], tail: list[int]) -> int | None:
    """Where a run of three or more short labels starts in the tail (a topic or tag
    list), or the header line right above it when that is no sentence."""
    run: list[int] = []
    for position, i in enumerate(tail):
        if is_short_label(lines[i]):
            run.append(position)
            if len(run) >= 3:
                start = run[0]
                if start and not is_prose(lines[tail[start - 1]]):
                    start -= 1
                return tail[start]
        else:
            run = []
    return None


def _quote_credit(lines: list[str], i: int) -> bool:
    """A name line under a bare quote (`Ann Lee, Harbour Institute`): a pull quote's
    credit, which `structure` reads; not the author box."""
    above = next((lines[j].strip() for j in range(i - 1, -1, -1) if lines[j].strip()), "")
    return bool(NAME_LINE.match(lines[i].strip())) and is_prose(above) and \
        not REPORTING_VERB.search(above) and (
            above.startswith(("\"", "“")) or FIRST_PERSON.search(above) is not None
            or EDITED_QUOTE.search(above) is not None)


def _photo_credit_above(lines: list[str], i: int, tail: list[int]) -> bool:
    """A source's name over a caption (a line that reads like one and is no sentence)."""
    position = bisect_left(tail, i)
    following = tail[position + 1] if position + 1 < len(tail) else None
    if following is None:
        return False
    text = lines[following].strip()
    return is_caption(text) or (describes_photo(text) and not ends_sentence(text))


def _drop_bios(lines: list[str], kept: list[int], found: _Found,
               gone: dict[int, str]) -> None:
    """The author's biography (`Ann Lee covers trade for …`) at the end of the text."""
    names = {part for author in found.authors for part in author.split()}
    for i in reversed(kept[-3:]):
        match = BIO.match(lines[i].strip())
        if match and set(match["name"].split()) & names:
            gone.setdefault(i, "author biography")


def _take_dateline(lines: list[str], start: int, book: OutletBook,
                   found: _Found) -> Dateline | None:
    """Read and remove the dateline opening the story; its credit is the strongest wire."""
    dateline = read_dateline(lines[start])
    if dateline is None:
        return None
    known = book.named(dateline.credit) if dateline.credit else None
    if not dateline.caps_place and known is None:
        return None
    if known is not None and known.kind in ("agency", "outlet", "aggregator") and (
            known.is_agency or known.credit):
        found.wires.append(Evidence(known.wire, f"dateline '{dateline.text}'", 0))
    elif known is not None and known.kind == "distributor":
        found.outlets.append(Evidence(known.name, f"dateline '{dateline.text}'", 6))
    elif dateline.credit and known is None and dateline.caps_place:
        found.wires.append(Evidence(dateline.credit, f"dateline '{dateline.text}'", 0))
    lines[start] = dateline.rest
    return dateline


def _take_trailing_credit(lines: list[str], end: int, ctx: PastedContext,
                          found: _Found) -> None:
    cut = trailing_credit(lines[end], ctx.book, ctx.table)
    if cut is not None:
        found.credit(cut[0], 1)
        found.cut.append(lines[end][len(cut[1]):].strip())
        lines[end] = cut[1]


def _document_order(lines: list[str], positions: list[int], order: DateOrder) -> DateOrder:
    """The site's order, unless a numeric date on this page can be read only one way."""
    settled = settled_order(" ".join(lines[i] for i in positions))
    if settled is None or settled == order.order:
        return order
    return DateOrder(settled, "settled by another date on the page")


def _reread(candidate: DateCandidate, lines: list[str], order: DateOrder) -> DateCandidate:
    again = read_date_line(candidate.line.text, order)
    return DateCandidate(again, candidate.position, candidate.head, candidate.above_title) \
        if again is not None else candidate


def _is_listing(lines: list[str], usable: list[int], prose: set[int]) -> bool:
    """A listing page: three or more items, each a short meta line (source, date or
    time), a headline, and an excerpt; and no two paragraphs of one story in a row."""
    items = 0
    for a, i in enumerate(usable[:-2]):
        nxt, after = usable[a + 1], usable[a + 2]
        if is_headline_shaped(lines[nxt]) and after in prose and i not in prose and \
                not is_headline_shaped(lines[i]):
            items += 1
    paired = any(usable[a] in prose and usable[a + 1] in prose for a in range(len(usable) - 1))
    return items >= 3 and not paired


def _slug_line(lines: list[str], i: int, title: int | None) -> bool:
    """A file-name slug right above the headline stays for `read_headline` to drop."""
    if title is None:
        return False
    return is_slug_of(lines[i], lines[title])


def _best(evidence: list[Evidence]) -> Evidence | None:
    return min(evidence, key=lambda e: e.rank) if evidence else None


def _removed(pieces: list[tuple[str, int, bool]], originals: list[str], gone: dict[int, str],
             title: int | None) -> tuple[str, ...]:
    """The removed lines in order; a glued line whose pieces all went is listed whole."""
    by_origin: dict[int, list[int]] = {}
    for index, (_, origin, _) in enumerate(pieces):
        by_origin.setdefault(origin, []).append(index)
    removed: list[str] = []
    for origin, indexes in sorted(by_origin.items()):
        lost = [i for i in indexes if i in gone and pieces[i][0].strip()]
        whole = [i for i in indexes if pieces[i][0].strip()]
        if len(whole) > 1 and lost == whole:
            removed.append(originals[origin].strip())
        else:
            removed.extend(pieces[i][0].strip() for i in lost)
    return tuple(removed)
