"""Line shapes: is a pasted line prose, a headline, a name, a caption, a menu item?

Part of the normalize stage. Pasted pages lose their markup, so what a line is
has to be read from its shape: its length in words, how it ends, its capitals.
These tests take one line of text and return a yes or no; `pasted` combines them.
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[^\W_][\w'’.&-]*")
ENDS_SENTENCE = re.compile(r"[.!?…][\"”’)\]]?$")
# "Ships pile up off Tavoria" ends in a word; a sentence ends in punctuation.
SMALL_WORDS = frozenset(
    "a an and as at by de del der di du for from in la le of on or the to van von with "
    "vs & y e et und".split())
# A photo credit closing a caption: "(AP Photo/Name)", "REUTERS/Name", "Photo: AFP",
# "[File: Outlet]", "© AFP", "(Xinhua/Name)", "(Name/Getty Images)", "| Photo Credit: X".
PHOTO_CREDIT = re.compile(
    r"(?:\((?:[^()\n]{0,60}\b(?i:photo)\b[^()\n]{0,60}|[^()\n/]{1,40}/\s?[A-Z][^()\n]{0,60})\)"
    r"|\[(?i:file|photo|image)[^\[\]\n]{0,60}\]|\[[A-Z][A-Z .&-]{1,30}\]"
    r"|\b[A-Z]{2}[A-Z&.-]{1,20}/[A-Z][^\n!?]{1,60}(?<!\.)"
    r"|\b(?i:photo|photograph|picture|image|photo credit|image credit)s?\s?:\s?[^\n]{1,60}"
    r"|©\s?[^\n]{1,60}|\b(?i:getty images)\b[^\n]{0,40})$")
CAPTION_CUE = re.compile(r"\b(?:in this (?:file )?photo|photo (?:provided|taken|released)|"
                         r"file photo|pictured|in this image|handout)\b", re.IGNORECASE)
SEPARATORS = re.compile(r"(?<!\s)\s?(?:[|»›❯>/•·]|\s[-–—]\s)\s?")


def words(line: str) -> list[str]:
    """The words of a line (numbers count as words)."""
    return WORD.findall(line)


def ends_sentence(line: str) -> bool:
    """The line ends like a sentence: `.`, `!`, `?` or `…`, maybe inside quotes."""
    return ENDS_SENTENCE.search(line.strip()) is not None


def is_prose(line: str) -> bool:
    """A paragraph of the story: long, or a sentence of at least six words.

    A caption (a line that ends with a photo credit) is not prose.
    """
    text = line.strip()
    count = len(words(text))
    if count < 6 or is_caption(text):
        return False
    return count >= 15 or ends_sentence(text)


def is_headline_shaped(line: str) -> bool:
    """Three to 30 words, at most 200 characters, no final period, colon or comma."""
    text = line.strip()
    count = len(words(text))
    return (3 <= count <= 30 and len(text) <= 200 and not text.endswith((".", ",", ";", ":"))
            and (text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"“‘'([")
            and not is_caption(text))


def is_name_shaped(line: str, max_words: int = 5) -> bool:
    """A name: a few words, each capitalised or a small word (`Port Meridan Authority`)."""
    found = words(line)
    if not found or len(found) > max_words or line.strip().endswith(("!", "?")):
        return False
    return found[0][0].isupper() and all(
        w[0].isupper() or w[0].isdigit() or w.casefold() in SMALL_WORDS for w in found)


def is_short_label(line: str) -> bool:
    """A menu item or section label: one to three words, no sentence end."""
    text = line.strip()
    return 0 < len(words(text)) <= 3 and len(text) <= 40 and not ends_sentence(text)


def is_breadcrumb(line: str) -> bool:
    """`Home > National > Diplomacy`, `Politics | East Asia`, `BUSINESS / MARKETS`."""
    parts = [p for p in SEPARATORS.split(line.strip()) if p.strip()]
    return len(parts) >= 2 and all(is_short_label(p) for p in parts)


@lru_cache(maxsize=4096)
def is_caption(line: str) -> bool:
    """A photo caption: a line that ends with a photo credit, or says it describes a photo."""
    text = line.strip()
    if len(words(text)) < 3:
        return False
    return PHOTO_CREDIT.search(text[-140:]) is not None or CAPTION_CUE.search(text) is not None


def is_all_caps(line: str) -> bool:
    """Every letter is a capital (`THE MERIDAN CHRONICLE`, `BUSINESS`)."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def title_case(text: str) -> str:
    """`JOEL BAUTISTA` -> `Joel Bautista`; mixed case is left alone."""
    return " ".join(w.capitalize() for w in text.split()) if is_all_caps(text) else text
