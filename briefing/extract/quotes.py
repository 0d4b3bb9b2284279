"""Quotes: direct quotes with their speakers, merged across articles.

Part of the extract stage. A quote's speaker comes from the clause after it
(`"…," said X`, `"…," X told Y`, `"…," she said`) or before it (`X said: "…"`,
`X stated … that "…"`, `according to X, "…"`); an uncued quote right after an
attributed one in the same paragraph continues it. A pronoun resolves only when
exactly one person is named before it in the paragraph (or, if none is, in the
previous paragraph): a wrong speaker is worse than none. Pull quotes and posts
come attributed from normalize. Quotes equal after folding, or nearly equal,
merge into one with every source.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..folding import fold
from ..lexicon import SPEECH
from ..matching import AliasMatcher
from ..model import Article, BlockKind, Citation, Quote
from .actors import ActorBook
from .sentences import Paragraph

QUOTE_SPAN = re.compile(r"“(?P<curly>[^”]{3,}?)”|\"(?P<straight>[^\"]{3,}?)\"")
MIN_WORDS = 5              # shorter quoted phrases are scare quotes or terms
UNATTRIBUTED_MIN_WORDS = 8
CUE_WINDOW = 160
PRONOUN_CUE = re.compile(rf"^\W*(?P<pronoun>he|she|they)\s+(?:{SPEECH.pattern})", re.IGNORECASE)
PRONOUN_BEFORE = re.compile(r"\b(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey)\b")


@dataclass(frozen=True)
class FoundQuote:
    """A quote in one article, before merging."""

    text: str
    speaker_id: str | None
    citation: Citation
    kind: str


def quotes_in(article: Article, paragraphs: tuple[Paragraph, ...], matcher: AliasMatcher,
              book: ActorBook) -> list[FoundQuote]:
    """Every quote of one article: pull quotes and posts, then quoted speech in paragraphs."""
    found = [FoundQuote(q.text, book.resolve(q.attribution.speaker),
                        Citation(article.id, q.anchor), q.attribution.kind)
             for q in article.attributed]
    people = {a.id for a in book.actors.values() if a.type == "person"}
    for position, paragraph in enumerate(paragraphs):
        if paragraph.kind is not BlockKind.PARAGRAPH:
            continue
        previous = paragraphs[position - 1] if position else None
        last_speaker: str | None = None
        last_end = -1
        for span in QUOTE_SPAN.finditer(paragraph.text):
            text = (span.group("curly") or span.group("straight") or "").strip()
            text = text.rstrip(",").strip()
            before = _clause_before(paragraph.text, span.start())
            after = paragraph.text[span.end():span.end() + CUE_WINDOW]
            after = re.split(r"(?<=[.!?])\s", after, maxsplit=1)[0]
            speaker = _speaker_after(after, matcher, paragraph, span.start(), previous, people)
            if speaker is None:
                speaker = _speaker_before(before, matcher, paragraph, span.start(), previous,
                                          people)
            cued = bool(SPEECH.search(after)) or bool(SPEECH.search(before))
            between = paragraph.text[last_end:span.start()] if last_end >= 0 else ""
            if speaker is None and not cued and last_speaker and len(between) <= 120 and \
                    {m.entity_id for m in matcher.find(between)} <= {last_speaker}:
                speaker = last_speaker          # "…," said X. "More of it."
            words = len(text.split())
            # An uncued quoted phrase must be long to count; a cued one whose speaker
            # cannot be told apart is kept, unattributed.
            if words >= MIN_WORDS and (speaker or cued or words >= UNATTRIBUTED_MIN_WORDS):
                found.append(FoundQuote(text, speaker, Citation(article.id, paragraph.anchor),
                                        "direct"))
            last_speaker, last_end = speaker, span.end()
    return found


def _clause_before(text: str, start: int) -> str:
    """The sentence leading up to a quote (from the previous sentence end)."""
    head = text[:start]
    cut = max(head.rfind(". "), head.rfind("? "), head.rfind("! "), head.rfind("” "),
              head.rfind('" '))
    return head[cut + 2:] if cut >= 0 else head


def _speaker_after(after: str, matcher: AliasMatcher, paragraph: Paragraph, quote_start: int,
                   previous: Paragraph | None, people: set[str]) -> str | None:
    """`"…," said X` / `"…," X said` / `"…," she said`: the first name in a speech clause."""
    if not SPEECH.search(after):
        return None
    pronoun = PRONOUN_CUE.match(after)
    if pronoun:
        return resolve_pronoun(paragraph, quote_start, previous, matcher, people)
    matches = matcher.find(after)
    return matches[0].entity_id if matches else None


def _speaker_before(before: str, matcher: AliasMatcher, paragraph: Paragraph, quote_start: int,
                    previous: Paragraph | None, people: set[str]) -> str | None:
    """`X said: "…"` / `X stated … that "…"`: the subject named before the speech verb."""
    verb = SPEECH.search(before)
    if not verb:
        return None
    if verb.group(0).lower() == "according to":
        after_verb = matcher.find(before[verb.end():])
        return after_verb[0].entity_id if after_verb else None
    subject = before[:verb.start()]
    matches = matcher.find(subject)
    if matches:
        return matches[0].entity_id
    if PRONOUN_BEFORE.search(subject):
        return resolve_pronoun(paragraph, quote_start, previous, matcher, people)
    return None


def resolve_pronoun(paragraph: Paragraph, quote_start: int, previous: Paragraph | None,
                    matcher: AliasMatcher, people: set[str]) -> str | None:
    """The one person named before the quote in this paragraph, else in the previous one."""
    here = _people_named(_unquoted(paragraph.text[:quote_start]), matcher, people)
    if here:
        return here.pop() if len(here) == 1 else None
    if previous is None:
        return None
    there = _people_named(_unquoted(previous.text), matcher, people)
    return there.pop() if len(there) == 1 else None


def _unquoted(text: str) -> str:
    """Text with quoted passages blanked: names inside a quote are not its speaker."""
    return QUOTE_SPAN.sub(" ", text)


def _people_named(text: str, matcher: AliasMatcher, people: set[str]) -> set[str]:
    return {m.entity_id for m in matcher.find(text) if m.entity_id in people}


def merge_quotes(found: list[FoundQuote], similarity: float) -> tuple[Quote, ...]:
    """One quote per distinct text and speaker, with every citation.

    Texts merge when equal after folding, when one contains the other, or when
    their fuzzy ratio reaches `similarity` (0-100); speakers must not disagree.
    """
    groups: list[list[FoundQuote]] = []
    keys: list[str] = []
    for quote in found:
        key = _key(quote.text)
        for index, group in enumerate(groups):
            speakers = {q.speaker_id for q in group if q.speaker_id} | (
                {quote.speaker_id} if quote.speaker_id else set())
            if len(speakers) > 1:
                continue
            other = keys[index]
            contained = min(len(key), len(other)) >= 20 and (key in other or other in key)
            if key == other or contained or fuzz.ratio(key, other) >= similarity:
                group.append(quote)
                keys[index] = max(key, other, key=len)
                break
        else:
            groups.append([quote])
            keys.append(key)
    merged = []
    for group in groups:
        text = max((q.text for q in group), key=len)
        speaker = next((q.speaker_id for q in group if q.speaker_id), None)
        citations = tuple(dict.fromkeys(q.citation for q in group))
        kinds = {q.kind for q in group}
        kind = "direct" if "direct" in kinds else sorted(kinds)[0]
        merged.append(Quote(quote_id(text), text, speaker, citations, kind))
    return tuple(merged)


def _key(text: str) -> str:
    """Folded text without punctuation, for comparing quotes."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text)).split())


def quote_id(text: str) -> str:
    """A stable id from the quote's folded text."""
    return "q-" + hashlib.sha1(_key(text).encode()).hexdigest()[:10]
