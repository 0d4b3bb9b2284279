"""Characters that must not travel: invisible controls in content, and in what we print.

Shared by load (which cleans every string it reads from a file) and diagnostics
(which escapes what it prints). A control character in a title would break a
page's metadata block; a lone surrogate cannot be written as UTF-8 at all; an
escape sequence or a newline in a file name would reach a terminal or a GitHub
log, where a line starting with `::` is a workflow command.
"""

from __future__ import annotations

import re

# C0 controls other than tab and newline, DEL, C1 controls, lone surrogates and the
# Unicode noncharacters (U+FDD0..U+FDEF, and the last two code points of every plane).
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
INVISIBLE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
LINE_BREAKS = frozenset("\x0b\x0c\x85")      # vertical tab, form feed, next line
UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{_NONCHARACTERS}]")


def clean_text(text: str) -> tuple[str, int]:
    """`text` with line-break controls made newlines and other invisible characters removed.

    A lone surrogate becomes U+FFFD (it stood for a character that was lost);
    the count says how many characters were dropped or replaced, for the editor's
    warning (a form feed turned into a line break is not worth one).
    """
    changed = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        char = match.group(0)
        if char in LINE_BREAKS:
            return "\n"
        changed += 1
        return "\ufffd" if "\ud800" <= char <= "\udfff" else ""

    return (INVISIBLE.sub(replace, text) if INVISIBLE.search(text) else text), changed


def printable(text: str) -> str:
    """`text` safe for one line of a terminal or CI log: controls shown as escapes.

    A newline becomes `\\n`, an escape character `\\x1b`, a lone surrogate `\\ud800`,
    so nothing can start a new line, colour the terminal or move its cursor.
    """
    if not UNPRINTABLE.search(text):
        return text
    return UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
