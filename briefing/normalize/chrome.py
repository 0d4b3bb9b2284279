"""Page chrome inside pasted text: glued lines, link blocks, captions, promos.

Part of the normalize stage. Works on lists of lines and returns new lists (or the
indexes of lines that are chrome), so `pasted` can list every removed line:

- `unglue()` splits what a page's layout glued together: a capture tool's
  `date 2026-04-08` before the first line, chrome glued to the text after it
  (`NEWYou can now listen …!A strike …`), menus run into one line
  (`HomeNewsSportBusiness…`), a capitals subhead run into its paragraph
  (`THE DISSENTJustices …`); it cuts link artefacts out of sentences.
- `link_blocks()` finds a link block's header (`Recommended Stories`, `ALSO READ`)
  and the headline-shaped lines under it.
- `caption_lines()` finds photo captions: a line ending in a photo credit, a line
  that names only a photo source followed by the caption it credits, and a line
  printed twice in a row.
- `promo_lines()` finds short commercial or video promos (`WATCH | …`, app and
  subscription prompts).
"""

from __future__ import annotations

import re

from ..rule_tables import ChromeTable
from .line_shapes import (
    ends_sentence,
    is_caption,
    is_headline_shaped,
    is_prose,
    words,
)
from .outlets import OutletBook
from .structure import read_tag_line

METADATA_PREFIX = re.compile(r"^\s?(?P<meta>date \d{4}-\d{2}(?:-\d{2})?)\s(?=\S)")
CAPS_SUBHEAD = re.compile(r"^(?P<head>[A-Z][A-Z'’&-]{1,30}(?: [A-Z][A-Z'’&-]{0,30}){0,5})"
                          r"(?=[A-Z][a-z])")
GLUE_MIN = 4                 # lower-to-upper joins that make a line a glued run
BLOCK_RUN_MAX = 12           # headline lines a link block may hold
WATCH = re.compile(r"^(?:watch|video|media caption|listen)\s?[|:–—-]", re.IGNORECASE)
# A promo asks the reader to do something commercial. Strong cues are enough alone;
# weak ones ("newsletter", "app") need the reader addressed (`you`, an imperative).
PROMO_STRONG = re.compile(
    r"\b(?:become a (?:subscriber|member|supporter)|sign up (?:for|to|now|here|today)|"
    r"subscribe (?:now|today|to (?:our|the))|download (?:the|our) [^\n]{0,40}\bapp\b|"
    r"(?:click|tap) here|free trial|(?:follow|join) us on|support (?:our|independent) "
    r"journalism|earn points|claim your reward)\b", re.IGNORECASE)
PROMO_WEAK = re.compile(r"\b(?:newsletters?|app|subscriptions?|subscribers?|inbox|"
                        r"whatsapp channel|per (?:week|month))\b", re.IGNORECASE)
ADDRESSED = re.compile(r"\b(?:you|your)\b|^(?:subscribe|sign|download|get|join|follow|"
                       r"try|read|listen|watch|support|become|claim)\b", re.IGNORECASE)
PROMO_MAX_WORDS = 25


PREFIX_CLOSERS = "!.:|"


def unglue(lines: list[str], table: ChromeTable) -> list[tuple[str, int, bool]]:
    """Each line's pieces, with the index of the line they came from and whether the
    piece is glued chrome (a `glued_prefixes` match): glued pieces split onto lines
    of their own, link artefacts cut out."""
    result: list[tuple[str, int, bool]] = []
    last = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    for origin, line in enumerate(lines):
        for fragment in table.fragments:
            line = fragment.sub("", line)
        meta = METADATA_PREFIX.match(line)
        if meta:
            result.append((meta["meta"], origin, False))
            line = line[meta.end():]
        for prefix in table.glued_prefixes:
            found = prefix.match(line.strip())
            if found:
                text, end = line.strip(), found.end()
                while end < len(text) and text[end] in PREFIX_CLOSERS:
                    end += 1                 # "Listen to this article!The …": the "!" goes too
                result.append((text[:end], origin, True))
                line = text[end:]
                break
        subhead = CAPS_SUBHEAD.match(line)
        if subhead and len(subhead["head"]) >= 5:
            result.append((subhead["head"], origin, False))
            line = line[subhead.end():]
        if table.any_line.fullmatch(line.strip()) or \
                (origin == last and read_tag_line([line])[0]):   # a run-together tag line
            result.append((line, origin, False))
        else:
            result.extend((piece, origin, False) for piece in split_glued(line))
    return result


def split_glued(line: str) -> list[str]:
    """A line whose words were run together (`HomeNewsSport…`) as its pieces; other
    lines unchanged. One left-to-right scan, no backtracking."""
    cuts = _glue_points(line)
    if len(cuts) < GLUE_MIN:
        return [line]
    pieces = []
    start = 0
    for cut in _all_cuts(line):
        pieces.append(line[start:cut].strip())
        start = cut
    pieces.append(line[start:].strip())
    return [p for p in pieces if p]


def _glue_points(line: str) -> list[int]:
    """Where a lower-case word of two letters or more (or a sentence end) runs into a
    capital: `NewsSport`, `articles!A`. `iPhone`, `McDonald` and initials (`U.S.A.`,
    `J.R.R.`: one letter before the stop) are not joins."""
    points = []
    run = 0                                 # letters in the current lower-case run
    for index, char in enumerate(line):
        if char.isupper():
            after_stop = index >= 3 and line[index - 1] in ".!?" and \
                line[index - 2].isalpha() and line[index - 3].isalpha()
            if run >= 2 or after_stop:
                points.append(index)
            run = 0
        elif char.islower():
            run += 1
        else:
            run = 0
    return points


def _all_cuts(line: str) -> list[int]:
    """Cut points in a glued line: the joins, capitals before a capitalised word
    (`BBCHome`), and a word running into a number (`deal2 hours ago`)."""
    cuts = set(_glue_points(line))
    for index in range(2, len(line) - 1):
        before, char, after = line[index - 1], line[index], line[index + 1]
        if before.isupper() and char.isupper() and after.islower() and line[index - 2].isupper():
            cuts.add(index)
        elif before.islower() and char.isdigit():
            cuts.add(index)
    return sorted(cuts)


def link_blocks(lines: list[str], table: ChromeTable, start: int = 0) -> list[int]:
    """Indexes of link-block headers from `start` on and the headline lines after them.

    The run stops at the first line that reads like text (a sentence), so the
    story resumes after a `Related` block in its middle.
    """
    found: list[int] = []
    index = start
    while index < len(lines):
        text = lines[index].strip()
        if text and any(p.fullmatch(text) for p in table.block_headers):
            found.append(index)
            taken = 0
            index += 1
            while index < len(lines) and taken < BLOCK_RUN_MAX:
                item = lines[index].strip()
                if not item:
                    index += 1
                    continue
                if table.any_line.fullmatch(item):                   # `end of list`
                    found.append(index)
                    index += 1
                    continue
                question = item.endswith("?") and len(words(item)) <= 15
                if (is_prose(item) and not question) or \
                        not (is_headline_shaped(item) or item.isdigit() or question):
                    break
                found.append(index)
                taken += 1
                index += 1
            continue
        index += 1
    return found


def caption_lines(lines: list[str], indexes: list[int], book: OutletBook,
                  prose: set[int] | frozenset[int] = frozenset(),
                  skip: set[int] | frozenset[int] = frozenset(),
                  photo_only: bool = False) -> set[int]:
    """Captions among `indexes` (non-empty lines, in order): a line ending in a photo
    credit; a line that names only a photo source (`Getty Images`, `Reuters`, `The
    Yomiuri Shimbun`) and the one-sentence caption under it; the second of two
    identical lines, and the first too when it is a caption.

    Under an outlet's name, a line is its caption when it reads like one: it ends
    without a full stop and the story goes on after it, or it ends with one and
    no story paragraph follows (a date or byline line does). A headline under a
    source line (`Reuters` / `Rescuers reach miners` / `Story by Reuters`) is
    neither; lines in `skip` (the headline) are never captions. With `photo_only`,
    only captions under a photo agency's name (`Getty Images`) are paired.
    """
    found: set[int] = set()
    for position, index in enumerate(indexes):
        text = lines[index].strip()
        following = indexes[position + 1] if position + 1 < len(indexes) else None
        after = indexes[position + 2] if position + 2 < len(indexes) else None
        if index not in skip and is_caption(text):
            found.add(index)
        if following is None or following in skip:
            continue
        if " ".join(lines[following].split()) == " ".join(text.split()):
            found.add(following)
            if is_caption(text) or not ends_sentence(text):
                found.add(index)
        outlet = book.named(text)
        caption = lines[following].strip()
        if photo_only and (outlet is None or outlet.kind != "photo"):
            continue
        if outlet is not None and describes_photo(caption):
            story_after = after is not None and after in prose
            if outlet.kind == "photo" or (caption.endswith(".") != story_after):
                found.update((index, following))
    return found


def describes_photo(text: str) -> bool:
    """A caption under a photo credit: one or two sentences of 6-40 words, not a name."""
    count = len(words(text))
    if not 6 <= count <= 40:
        return False
    lowered = sum(1 for w in words(text) if w[:1].islower())
    return lowered >= 2 and len(re.findall(r"[.!?](?:\s|$)", text)) <= 2


def promo_lines(lines: list[str], indexes: list[int]) -> set[int]:
    """Promos among `indexes`: a `WATCH | …` block (its header, the short lines under
    it, and the blurb after a duration), and short lines with commercial words."""
    found: set[int] = set()
    position = 0
    while position < len(indexes):
        index = indexes[position]
        text = lines[index].strip()
        if WATCH.match(text):
            found.add(index)
            position += 1
            timed = False
            while position < len(indexes):
                item = lines[indexes[position]].strip()
                if is_prose(item) and not timed:
                    break
                found.add(indexes[position])
                position += 1
                if is_prose(item):
                    break
                timed = timed or bool(re.search(r"\d{1,2}:\d{2}|\bago\b", item))
            continue
        if len(words(text)) <= PROMO_MAX_WORDS and not _reports(text) and (
                PROMO_STRONG.search(text) or (PROMO_WEAK.search(text) and ADDRESSED.search(text))):
            found.add(index)
        position += 1
    return found


def _reports(text: str) -> bool:
    """A sentence of the story that mentions subscriptions ("…, the company said.")."""
    return bool(re.search(r"\b(?:said|says|told|according to|reported)\b", text, re.I))
