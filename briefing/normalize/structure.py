"""Structure of pasted text: lines -> headings, paragraphs, lists, pull quotes, posts.

Part of the normalize stage. Web pages lose their markup when pasted; what is left
is one line per element. These rules put the structure back:

- an embedded post (`— Name (@handle) January 14, 2026`) takes the short lines
  above its signature as its text;
- a pull quote is a bare quote paragraph followed by a name line (`Stephen Nagy`,
  `Reza Hasmath, University of Alberta`);
- a short line without end punctuation between paragraphs is a section heading;
- `-`, `*`, `•` and `1.` lines are list items.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from dateutil import parser as dateutil_parser

from ..dates import format_day
from ..folding import fold, words
from ..matching import AliasMatcher
from ..model import Attribution

POST_SIGNATURE = re.compile(
    r"^[—–-]{1,2}\s*(?P<name>[^()]{2,60}?)\s*\((?P<handle>@\w{1,30})\)\s*"
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})\s*$"
)
POST_MAX_CHARS = 280   # X's limit for most accounts
MEDIA_LINK = re.compile(r"(?<!\s)\s*(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)\s*")
LIST_ITEM = re.compile(r"^\s*(?:[-*+•▪–]|\d{1,3}[.)])\s+(?=\S)")
NUMBERED = re.compile(r"^\s*\d")
# A capitalised word with a lower-case letter or a dot after its capital. The
# look-ahead checks that; the possessive `*+` then takes the whole word, so the
# engine never tries the ways one long word could be split (which is exponential).
NAME_WORD = r"[A-Z](?=[\w’'.-]*[a-z.])[\w’'.-]*+"
NAME_LINE = re.compile(
    rf"^(?P<name>{NAME_WORD}(?:\s+(?:{NAME_WORD}|[A-Z]\.)){{1,3}})"
    r"(?:\s*,\s*(?P<affiliation>[^.!?]{2,80}))?$"
)
FUNCTION_WORDS = frozenset(
    "a an the of and or in on at to for from with by as is are was were be its his her "
    "their our new how why what when who where".split()
)
FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My|I'm|we're|We're|I’m|we’re|We’re)\b")
REPORTING_VERB = re.compile(
    r"\b(?:said|says|say|stated|told|tells|added|argued|wrote|writes|noted|according|"
    r"explained|warned|asked|declared|insisted)\b", re.IGNORECASE)
POSTING_VERB = re.compile(r"\b(?:posted|tweeted|retweeted|wrote on|posting on)\b", re.I)
EDITED_QUOTE = re.compile(r"\((?:[A-Z][a-z]+)(?: [A-Z][a-z]+)?\)|\[[^\]]{2,30}\]|…|\.\.\.")
HEADING_MAX_CHARS = 100
HEADING_MAX_WORDS = 14
RUN_TOGETHER = re.compile(r"(?<=[a-z)])(?=[A-Z])")
TAG_PREFIX = re.compile(r"^(?:tags?|topics?|filed under|categories)\s*:\s*(?P<rest>.+)$", re.I)


@dataclass(frozen=True)
class Element:
    """One block of the reconstructed article."""

    kind: str                      # paragraph, heading, list, quote
    text: str
    items: tuple[str, ...] = ()
    attribution: Attribution | None = None


def read_tag_line(lines: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """Tags from a trailing `Tags: a, b` line or a run-together tag line."""
    index = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), None)
    if index is None:
        return (), lines
    line = lines[index].strip()
    prefixed = TAG_PREFIX.match(line)
    if prefixed:
        listed = tuple(t.strip() for t in re.split(r"[,|;]", prefixed.group("rest")) if t.strip())
        return listed, lines[:index] + lines[index + 1:]
    if re.search(r"[.!?,;:]", line) or len(RUN_TOGETHER.findall(line)) < 2:
        return (), lines
    parts = RUN_TOGETHER.split(line)
    tags: list[str] = []
    for part in parts:
        if tags and len(tags[-1]) < 3:        # "Mc" + "Donald", "i" + "Phone"
            tags[-1] += part
        else:
            tags.append(part.strip())
    if len(tags) < 3 or any(len(t.split()) > 5 for t in tags):
        return (), lines
    return tuple(tags), lines[:index] + lines[index + 1:]


def build_elements(lines: list[str], known_names: frozenset[str]) -> list[Element]:
    """Turn text lines (one element per line) into structured elements."""
    texts = [" ".join(line.split()) for line in lines if line.strip()]
    elements = _group(texts)
    elements = _attach_name_lines(elements, texts, known_names)
    elements = _mark_headings(elements)
    return _drop_repeated_quotes(elements)


def _group(texts: list[str]) -> list[Element]:
    """Posts, list runs and paragraphs, in order."""
    elements: list[Element] = []
    items: list[str] = []              # the list run being read
    kind = ""
    for text in texts:
        signature = POST_SIGNATURE.match(text)
        item_kind = ("numbered" if NUMBERED.match(text) else "list") \
            if not signature and LIST_ITEM.match(text) else ""
        if items and item_kind != kind:
            elements.append(Element(kind, "\n".join(items), tuple(items)))
            items = []
        if item_kind:
            kind = item_kind
            items.append(LIST_ITEM.sub("", text, count=1))
        elif signature:
            _make_post(elements, signature)
        else:
            elements.append(Element("paragraph", text))
    if items:
        elements.append(Element(kind, "\n".join(items), tuple(items)))
    return elements


def _make_post(elements: list[Element], signature: re.Match[str]) -> None:
    """Fold the short paragraphs above a post signature into one attributed post, in place.

    The text ends at the signature; it starts where the article's own prose ends:
    a paragraph that would make the post too long, reports speech, introduces the
    post ("He wrote:") or names its author in the third person.
    """
    speaker = signature.group("name").strip()
    taken: list[str] = []
    total = 0
    while elements and elements[-1].kind == "paragraph":
        text = MEDIA_LINK.sub(" ", elements[-1].text).strip()
        if taken and (total + len(text) > POST_MAX_CHARS or _narrates(text, speaker)):
            break
        taken.insert(0, text)
        total += len(text)
        elements.pop()
    if not taken:                       # a signature with no text above it: keep it as text
        elements.append(Element("paragraph", signature.group(0)))
        return
    try:
        when = dateutil_parser.parse(signature.group("date")).date().isoformat()
    except (ValueError, OverflowError):
        when = None
    attribution = Attribution("post", signature.group("name").strip(),
                              handle=signature.group("handle"), date=when)
    elements.append(Element("quote", "\n".join(t for t in taken if t), (), attribution))


def _narrates(text: str, speaker: str) -> bool:
    """Is this paragraph the article talking about the post rather than the post itself?"""
    surname = speaker.split()[-1] if speaker.split() else speaker
    return bool(REPORTING_VERB.search(text) or POSTING_VERB.search(text)
                or text.rstrip().endswith(":") or NAME_LINE.match(text)
                or re.search(rf"\b{re.escape(surname)}\b", text))


def _attach_name_lines(elements: list[Element], texts: list[str],
                       known_names: frozenset[str]) -> list[Element]:
    """A bare quote paragraph followed by a name line becomes an attributed pull quote."""
    names = [NAME_LINE.match(e.text) if e.kind == "paragraph" else None for e in elements]
    counts = _name_counts({m.group("name") for m in names if m}, " ".join(texts))
    result: list[Element] = []
    for element, name in zip(elements, names, strict=True):
        previous = result[-1] if result else None
        if name and previous is not None and previous.kind == "paragraph" and \
                _is_attribution(name, previous.text, counts, known_names):
            quote = previous.text.strip().strip("\"“”").strip()
            attribution = Attribution("pull-quote", name.group("name"),
                                      affiliation=name.group("affiliation"))
            result[-1] = Element("quote", quote, (), attribution)
        else:
            result.append(element)
    return result


def _name_counts(names: set[str], whole: str) -> Counter[str]:
    """How often each name occurs in the text, all counted in one pass."""
    if not names:
        return Counter()
    return Counter(m.entity_id for m in AliasMatcher((n, n) for n in names).find(whole))


def _is_attribution(name: re.Match[str], quote: str, counts: Counter[str],
                    known_names: frozenset[str]) -> bool:
    """Is this name line the credit of the quote above it (not a section heading)?"""
    words = name.group("name").split()
    if any(w.casefold() in FUNCTION_WORDS or w.endswith(("'s", "’s")) for w in words):
        return False
    if len(quote) > 600 or REPORTING_VERB.search(quote):
        return False
    bare_quote = quote.startswith(("\"", "“")) or FIRST_PERSON.search(quote) is not None \
        or EDITED_QUOTE.search(quote) is not None
    if name.group("affiliation") is not None:
        return bare_quote     # "Name, Affiliation" under a quote is its credit line
    named_elsewhere = counts[name.group("name")] > 1 or \
        fold(name.group("name")) in known_names
    return bare_quote and named_elsewhere


def _mark_headings(elements: list[Element]) -> list[Element]:
    """Short unpunctuated lines followed by body text become section headings."""
    result = list(elements)
    for index, element in enumerate(elements):
        following = elements[index + 1] if index + 1 < len(elements) else None
        if element.kind == "paragraph" and following is not None and \
                following.kind in ("paragraph", "list", "numbered", "quote") and \
                _is_heading(element.text):
            result[index] = Element("heading", element.text)
    return result


DATE_LINE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?"
    r"(?:\s+\d{1,2})?,?\s+\d{4}(?:\s+\d{1,2}[:.]\d{2}.*)?$")


def _is_heading(text: str) -> bool:
    if DATE_LINE.match(text):
        return False                           # a dateline, not a section title
    words = text.split()
    return (len(text) <= HEADING_MAX_CHARS and 2 <= len(words) <= HEADING_MAX_WORDS
            and (text[0].isupper() or text[0].isdigit())
            and not re.search(r"[.,;:!…\"”]$", text)
            and not (text.endswith("?") and len(words) > 10))


def _drop_repeated_quotes(elements: list[Element]) -> list[Element]:
    """A pull quote that repeats body text (or an earlier pull quote) is shown once."""
    keys = [" ".join(words(e.text)) if e.kind == "quote" and e.attribution and
            e.attribution.kind == "pull-quote" else None for e in elements]
    long_keys = {k for k in keys if k and len(k) > 20}
    body = " ".join(" ".join(words(e.text)) for e in elements if e.kind == "paragraph")
    in_body = {m.entity_id for m in AliasMatcher((k, k) for k in long_keys).find(body)} \
        if long_keys else set()
    seen: set[str] = set()
    result = []
    for element, key in zip(elements, keys, strict=True):
        if key is not None:
            if key in seen or key in in_body:
                continue
            seen.add(key)
        result.append(element)
    return result


def to_markdown(elements: list[Element]) -> str:
    """Markdown for the elements: one top-level block each."""
    blocks: list[str] = []
    for element in elements:
        if element.kind == "heading":
            blocks.append(f"## {element.text}")
        elif element.kind == "list":
            blocks.append("\n".join(f"- {item}" for item in element.items))
        elif element.kind == "numbered":
            blocks.append("\n".join(f"{n}. {item}" for n, item in enumerate(element.items, 1)))
        elif element.kind == "quote" and element.attribution is not None:
            blocks.append(_quote_markdown(element.text, element.attribution))
        else:
            blocks.append(element.text)
    return "\n\n".join(blocks) + "\n"


def _quote_markdown(text: str, attribution: Attribution) -> str:
    """A blockquote whose last line credits the speaker."""
    credit = attribution.speaker
    if attribution.handle:
        credit += f" ({attribution.handle})"
    if attribution.affiliation:
        credit += f", {attribution.affiliation}"
    if attribution.date:
        credit += f", {format_day(attribution.date)}"
    quoted = "\n>\n".join(f"> {line}" for line in text.split("\n"))
    return f"{quoted}\n>\n> — {credit}"
