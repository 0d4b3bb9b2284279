"""Hard-wrapped text: lines broken at a fixed width, rejoined into paragraphs.

Part of the normalize stage. E-mailed newsletters, mailing-list posts and text
taken from PDFs break every line at 60-80 characters and separate paragraphs
with a blank line. Read one element per line, each paragraph would fall apart
into fragments. `rejoin_wrapped()` recognises the shape from the line lengths
and joins each block's lines.
"""

from __future__ import annotations

import re

WRAP_MIN, WRAP_MAX = 45, 82     # the width a wrapped line breaks at, give or take a word
LONGEST = 100                   # a longer line means the text is not hard-wrapped
MIN_WRAPPED = 6                 # wrapped lines needed to decide
SHARE = 0.8                     # of the lines that are not last in their block
LIST_START = re.compile(r"^\s{0,3}(?:[-*•]|\d{1,3}[.)])\s")
SENTENCE_END = re.compile(r"[.!?:;…\"”’)\]]\s*$")
CONTINUES = re.compile(r"^\s*[a-z]")
NOT_CONTINUING = frozenset({"by", "updated", "published", "posted", "photo", "image", "via",
                            "source", "read", "watch", "listen", "share"})


def rejoin_wrapped(lines: list[str]) -> list[str]:
    """`lines` with each blank-line-separated block of wrapped lines joined into one;
    unchanged when the text is not hard-wrapped."""
    blocks = _blocks(lines)
    inner = [len(lines[i].strip()) for block in blocks for i in block[:-1]]
    if len(inner) < MIN_WRAPPED or max((len(line) for line in lines), default=0) > LONGEST:
        return lines
    if sum(WRAP_MIN <= n <= WRAP_MAX for n in inner) < SHARE * len(inner):
        return lines
    joined = list(lines)
    for block in blocks:
        if len(block) > 1 and all(len(lines[i].strip()) >= WRAP_MIN for i in block[:-1]) \
                and not any(LIST_START.match(lines[i]) for i in block[1:]):
            joined[block[0]] = " ".join(lines[i].strip() for i in block)
            for i in block[1:]:
                joined[i] = None  # type: ignore[call-overload]
    return [line for line in joined if line is not None]


def join_broken_sentences(lines: list[str]) -> list[str]:
    """Join a line to the next when a sentence plainly runs on: the line is as long as
    a wrapped line, does not end a sentence, and the next line goes on in lower case
    ("… voted on Monday to end a" / "ten-day strike after …"). Catches the wrapped
    paragraphs too few to show a width, which `rejoin_wrapped` leaves alone; a
    short line (a headline, a label) or a next line that opens a byline never joins.
    """
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        words = line.split()
        if len(previous.strip()) >= WRAP_MIN and not SENTENCE_END.search(previous) \
                and words and CONTINUES.match(line) and len(words) >= 4 \
                and words[0].lower().rstrip(":,.") not in NOT_CONTINUING:
            joined[-1] = f"{previous.rstrip()} {line.strip()}"
        else:
            joined.append(line)
    return joined


def _blocks(lines: list[str]) -> list[list[int]]:
    """Indexes of the non-empty lines, grouped by the blank lines between them."""
    blocks: list[list[int]] = []
    current: list[int] = []
    for index, line in enumerate(lines):
        if line.strip():
            current.append(index)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks
