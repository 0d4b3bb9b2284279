"""The top of a pasted article: title, alternative headline, standfirst and byline.

Part of the normalize stage. Works on the body's lines (blank lines kept, since
they separate the headline block from the story) and returns what it recognised
plus the lines that remain body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..blocks import inline_text, markdown_parser
from ..dates import FILE_NAME_DATE
from ..folding import fold
from ..lexicon import is_role_phrase
from .fields import split_names

TITLE_MAX = 110
HEADLINE_MAX = 165
STANDFIRST_MAX = 320
BYLINE_SCAN = 6
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z“\"‘'(])")
ENDS_SENTENCE = re.compile(r"[.!?…][\"”’)]?$")
BYLINE = re.compile(r"^(?:by|written by|words by)\s+(?P<who>\S.{1,98})$", re.IGNORECASE)
OUTLET_STAFF = re.compile(
    r"^(?P<outlet>.+?)(?<!\s)\s+(?:staff|staff writers?|newsroom|news desk|editorial board|"
    r"reporters?|correspondents?|wire services?)$",
    re.IGNORECASE,
)
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
SETEXT_UNDERLINE = re.compile(r"\s{0,3}(?:={3,}|-{3,})\s*")
TEMPLATE_LEFTOVER = re.compile(r"\{[{%][^{}%\n]{0,300}?[}%]\}")
FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]{1,40}\]")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>")
_INLINE = markdown_parser()


@dataclass(frozen=True)
class Headline:
    """What the top of the text said, and what is left of it."""

    title: str | None
    how: str | None
    alt_titles: tuple[str, ...] = ()
    standfirst: str | None = None
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Byline:
    """Authors and outlet named by a `By ...` line."""

    authors: tuple[str, ...]
    outlet: str | None
    lines: list[str]


def read_headline(lines: list[str], given_title: str | None,
                  first_line: bool = True) -> Headline:
    """Find the title block at the top of `lines`.

    With a front-matter title, only a repeat of it (or its file-name slug) is
    dropped from the body. Without one, a heading at the top (`# …`, or a line
    underlined with `===` or `---`) is the title; so is the first line when
    `first_line` (pasted text) and it reads like one. Either leaves the body only
    when body text remains after it. Otherwise the title is left to the caller
    (None) and every line stays.
    """
    first = _next_text(lines, 0)
    if first is None:
        return Headline(None, None, lines=lines)
    if given_title is not None:
        kept = lines[:first]
        while first is not None:
            shown = MARKDOWN_HEADING.sub(r"\1", lines[first].strip())
            if fold(shown) != fold(given_title) and not is_slug_of(shown, given_title):
                break
            start = first + (2 if _underlined(lines, first) else 1)   # a repeat of the title
            first = _next_text(lines, start)
            kept.extend(lines[start:first])                # the blank lines in between
        return Headline(None, None, lines=kept + (lines[first:] if first is not None else []))
    how = "first line"
    following = _next_text(lines, first + 1)
    if following is not None and is_slug_of(lines[first], lines[following]):
        first, how = following, "line after a file-name slug"
    line = lines[first].strip()
    heading = MARKDOWN_HEADING.match(line)
    end = first + 1
    if heading:
        line, how = heading.group(1), "first heading"
    elif _underlined(lines, first):
        how, end = "first heading", first + 2
    elif not first_line or not looks_like_title(line):
        return Headline(None, None, lines=lines[first:])
    if end < len(lines) and is_slug_of(lines[end], line):
        end += 1                               # the file-name slug under the title
    alts: list[str] = []
    while end < len(lines) and len(alts) < 2 and _is_alt_title(lines[end]):
        alts.append(lines[end].strip())
        end += 1
    standfirst = None
    story_follows = _next_text(lines, end + 2) is not None
    if end + 1 < len(lines) and _is_standfirst(lines[end]) and not lines[end + 1].strip() \
            and story_follows:
        standfirst = lines[end].strip()
        end += 1
    title = plain_title(line)
    if _next_text(lines, end) is None or not title:    # the title would take the whole body
        return Headline(None, None, lines=lines[first:])
    return Headline(title, how, tuple(alts), standfirst, lines[end:])


def _underlined(lines: list[str], index: int) -> bool:
    """A setext heading: the line is underlined by a line of `=` or `-` (3 or more)."""
    return (index + 1 < len(lines) and SETEXT_UNDERLINE.fullmatch(lines[index + 1]) is not None
            and not lines[index].strip().startswith(("-", "=", "*", ">", "#")))


def plain_title(text: str) -> str:
    """A title without Markdown, HTML or template syntax: `**Big** [news](x)[^1]` -> `Big news`."""
    text = TEMPLATE_LEFTOVER.sub(" ", text)
    text = FOOTNOTE_REF.sub("", text)
    text = HTML_TAG.sub("", text)
    plain = "".join(inline_text(token) for token in _INLINE.parseInline(text))
    return " ".join(plain.split())


def title_from_file_name(name: str) -> str | None:
    """Jekyll's title for a dated post file: `2026-01-14-harbour-talks.md` -> `Harbour Talks`."""
    stem = name.rsplit(".", 1)[0] if "." in name[10:] else name
    found = FILE_NAME_DATE.match(stem)
    if not found:
        return None
    words = re.split(r"[-_\s]+", stem[found.end():])
    title = " ".join(word.capitalize() for word in words if word)
    return title or None


def read_byline(lines: list[str], outlets: dict[str, str]) -> Byline:
    """A `By X` line among the first lines: authors, and the outlet when it names one.

    `outlets` maps folded outlet spellings (from the config) to their names, so
    `By Ann Lee, Reuters` gives Reuters while `By Ann Lee, senior writer` gives none.
    """
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > BYLINE_SCAN:
            break
        found = BYLINE.match(line.strip())
        if not found:
            continue
        who = found.group("who").strip().rstrip(".")
        parts = re.split(r"(?<!\s)\s*(?:\||,|\s[–—-]\s)\s*", who)
        people, outlet = who, None
        if len(parts) > 1:
            people, extra = ", ".join(parts[:-1]), parts[-1]
            if fold(extra) in outlets:
                outlet = outlets[fold(extra)]
            elif _name_shaped(extra) and not is_role_phrase(extra.split()):
                outlet = extra                   # "By Ann Lee, Bloomberg"
            # otherwise a job title ("senior writer"): not an outlet, not an author
        if not _name_shaped(people):
            continue
        if fold(people) in ("staff", "staff writer", "staff reporter", "newsroom"):
            return Byline((), outlet, _without(lines, index, index + 1))
        staff = OUTLET_STAFF.match(people)
        if outlet is None and fold(people) in outlets:      # "By Planet Staff" as configured
            outlet = outlets[fold(people)]
        elif staff and outlet is None:
            outlet = outlets.get(fold(staff.group("outlet")), staff.group("outlet").strip())
        authors = (people,) if staff else split_names(people)
        return Byline(authors, outlet, _without(lines, index, index + 1))
    return Byline((), None, lines)


BYLINE_SMALL_WORDS = frozenset(
    "and of the de da di del van von der den le la du bin al staff writer writers reporter "
    "reporters correspondent correspondents in at for news desk newsroom".split())


def _name_shaped(who: str) -> bool:
    """`Ann Lee and Bo Chen, Reuters` is a byline; `Wednesday night, Carney had met` is not."""
    words = re.findall(r"[\w’'.-]+", who)
    if not words or len(words) > 12 or re.search(r"[.!?]\s*\S", who.strip()):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.casefold() in BYLINE_SMALL_WORDS
               for w in words)


def looks_like_title(line: str) -> bool:
    """A headline is short and does not end like a sentence."""
    text = line.strip()
    return 0 < len(text) <= HEADLINE_MAX and not re.search(r"[.;,:]$", text)


def derive_title(line: str) -> str:
    """The first sentence, cut to a title length at a word boundary."""
    sentence = SENTENCE_END.split(line.strip(), maxsplit=1)[0].strip().rstrip(".")
    if len(sentence) <= TITLE_MAX:
        return sentence
    cut = sentence[:TITLE_MAX].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—–-") + "…"


def is_slug_of(line: str, title: str) -> bool:
    """True when `line` is a file-name slug (`Canada_s_Strategic_Shift_...`) of `title`.

    Slugs lose punctuation and are often cut short, so both are reduced to their
    letters and digits and the slug must be a long enough prefix of the title.
    """
    line = line.strip()
    if " " in line or not re.search(r"[_-]", line):
        return False
    slug_letters = re.sub(r"[^0-9a-z]", "", line.casefold())
    title_letters = re.sub(r"[^0-9a-z]", "", title.casefold())
    return len(slug_letters) >= 12 and title_letters.startswith(slug_letters)


def _is_alt_title(line: str) -> bool:
    """A second headline right under the first: short, several words, no full stop."""
    text = line.strip()
    return (looks_like_title(text) and not ENDS_SENTENCE.search(text)
            and len(text.split()) >= 3 and not BYLINE.match(text) and text[0].isupper())


def _is_standfirst(line: str) -> bool:
    """A one-sentence dek: ends like a sentence and has no second sentence."""
    text = line.strip()
    return (40 <= len(text) <= STANDFIRST_MAX and ENDS_SENTENCE.search(text) is not None
            and len(SENTENCE_END.split(text)) == 1)


def _next_text(lines: list[str], start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if lines[i].strip()), None)


def _without(lines: list[str], start: int, end: int) -> list[str]:
    return lines[:start] + lines[end:]
