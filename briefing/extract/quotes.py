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
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz

from ..blocking import CandidateIndex
from ..folding import fold
from ..lexicon import ROLE_PATTERN, SPEECH
from ..model import Article, BlockKind, Citation, Quote
from ..pickling import pickled_by_fields
from .actors import PERSON, ActorBook, ActorFinder, plausible_person
from .marks import blank, blank_spans, quote_spans
from .sentences import Paragraph, first_sentence

MIN_WORDS = 5              # shorter quoted phrases need a speaker: else scare quotes or terms
UNATTRIBUTED_MIN_WORDS = 8
CUE_WINDOW = 160
CLAUSE_WINDOW = 400         # a speech clause before a quote is never longer
PRONOUN_WINDOW = 1500       # how far back in a paragraph a pronoun's person is sought
PRONOUN_CUE = re.compile(rf"^\W*(?P<pronoun>he|she|they)\s+(?:{SPEECH.pattern})", re.IGNORECASE)
PRONOUN_BEFORE = re.compile(r"\b(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey)\b")
PERSON_NAME = re.compile(PERSON)
LISTENER_VERBS = frozenset({"told", "tells", "asked", "asks", "urged", "urges"})
# "the prime minister" (not "the president's allies": a possessive names no speaker).
ROLE_ONLY = re.compile(rf"\b[Tt]he\s+(?:[a-z-]+\s+){{0,2}}{ROLE_PATTERN}\b(?!['’]s\b)")
# A sentence end before a quote: the clause that introduces the quote starts after it.
CLAUSE_END = re.compile(r"[.!?…][\"”’»']?\s")
# "said its leader, Sim Hye-jung": up to four title words (and commas) before the name.
TITLE_RUN = re.compile(r"[\s,]*(?:(?<![\w.'’-])[A-Za-z][\w.'’-]*+,?\s+){0,4}")
POSSESSIVE = re.compile(r"['’]s\b")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FoundQuote:
    """A quote in one article, before merging."""

    text: str
    speaker_id: str | None
    citation: Citation
    kind: str


def quotes_in(article: Article, paragraphs: tuple[Paragraph, ...], matcher: ActorFinder,
              book: ActorBook) -> list[FoundQuote]:
    """Every quote of one article: pull quotes and posts, then quoted speech in paragraphs."""
    found = [FoundQuote(q.text, book.resolve(q.attribution.speaker),
                        Citation(article.id, q.anchor), q.attribution.kind)
             for q in article.attributed]
    people = {a.id for a in book.actors.values() if a.type == "person"}
    for position, paragraph in enumerate(paragraphs):
        if paragraph.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST):
            continue
        previous = paragraphs[position - 1] if position else None
        last_speaker: str | None = None
        last_end = -1
        spans = quote_spans(paragraph.text)
        unquoted = blank_spans(paragraph.text, spans)
        for span in spans:
            text = span.inner.strip().rstrip(",").strip()
            before = _clause_before(paragraph.text, unquoted, span.start)
            after = first_sentence(paragraph.text[span.end:span.end + CUE_WINDOW])
            closed = text.endswith((".", "?", "!", "…"))
            speaker = _speaker_after(after, matcher, paragraph, span.start, previous, people,
                                     closed, book)
            if speaker is None:
                speaker = _speaker_before(before, matcher, paragraph, span.start, previous,
                                          people, book)
            cued = bool(_speech(after)) or bool(_speech(before))
            between = paragraph.text[last_end:span.start] if last_end >= 0 else ""
            if speaker is None and not cued and last_speaker and len(between) <= 120 and \
                    _people_named(between, matcher, people) <= {last_speaker}:
                speaker = last_speaker          # "…," said X. "More of it."
            words = len(text.split())
            # A quoted phrase of a few words is a quote only with a speaker ("called the
            # ruling "completely incomprehensible""); else it is a term or scare quote.
            # A longer cued one whose speaker cannot be told apart is kept, unattributed.
            if (words >= MIN_WORDS and (speaker or cued or words >= UNATTRIBUTED_MIN_WORDS)) \
                    or (speaker and words and any(c.isalpha() for c in text)):
                found.append(FoundQuote(text, speaker, Citation(article.id, paragraph.anchor),
                                        "direct"))
            if speaker or words >= MIN_WORDS:
                last_speaker, last_end = speaker, span.end
    return found


@lru_cache(maxsize=4)
def _speech(text: str) -> re.Match[str] | None:
    """The first speech verb in `text`; each clause is asked several times per quote."""
    return SPEECH.search(text)


def _clause_before(text: str, unquoted: str, start: int) -> str:
    """The sentence leading up to a quote (from the previous sentence end), at most
    `CLAUSE_WINDOW` characters of it, with the earlier quoted passages blanked: in
    `X said the ruling "closes a chapter" and urged all to "compete fairly"`, the
    second quote's clause still starts at X. `unquoted` is the paragraph with every
    quote blanked (made once): the clause ends where this quote starts, so the
    quotes blanked in it are exactly the earlier ones."""
    window = max(0, start - CLAUSE_WINDOW)
    ends = [m.end() for m in CLAUSE_END.finditer(text, window, start)]
    return unquoted[ends[-1] if ends else window:start]


def _speaker_after(after: str, matcher: ActorFinder, paragraph: Paragraph, quote_start: int,
                   previous: Paragraph | None, people: set[str], closed: bool,
                   book: ActorBook) -> str | None:
    """`"…," said X` / `"…," X said` / `"…," she said`: the subject of the speech clause.

    The speaker is named before the verb, or right after a verb like "said" (not
    after "told", whose object is the listener). After a quote that ends its own
    sentence ("…."), only a clause that starts with the verb or a pronoun still
    belongs to it; anything else is the next sentence.
    """
    verb = _speech(after)
    if not verb:
        return None
    pronoun = PRONOUN_CUE.match(after)
    if pronoun:
        return resolve_pronoun(paragraph, quote_start, previous, matcher, people)
    if closed and after[:verb.start()].strip(" ,"):
        return None
    subject = _subject(after[:verb.start()], matcher, people)
    if subject:
        return subject
    if ROLE_ONLY.search(after[:verb.start()]) or verb.group(0).lower() in LISTENER_VERBS:
        return None                      # "the minister told Ann Lee": Ann Lee only listened
    rest = after[verb.end():]
    # "said X", "noted Beijing-based commentator X", "said Harbour Bank economist X",
    # "said its leader, X": a few title words between; a person before an organisation.
    following = [m for m in matcher.find(rest) if TITLE_RUN.fullmatch(rest[:m.start])]
    chosen = next((m for m in following if m.entity_id in people), None) or \
        next(iter(following), None)
    return chosen.entity_id if chosen else None


def _subject(clause: str, matcher: ActorFinder, people: set[str]) -> str | None:
    """The speaker named in a clause before its speech verb: the first person not in
    a possessive ("Kang's lawyer Bae Jin-sung said": Bae), else the first name."""
    matches = [m for m in matcher.find(clause) if not POSSESSIVE.match(clause, m.end)]
    chosen = next((m for m in matches if m.entity_id in people), None) or \
        next(iter(matches), None)
    return chosen.entity_id if chosen else None


def _speaker_before(before: str, matcher: ActorFinder, paragraph: Paragraph, quote_start: int,
                    previous: Paragraph | None, people: set[str],
                    book: ActorBook) -> str | None:
    """`X said: "…"` / `X stated … that "…"`: the subject named before the speech verb."""
    verb = _speech(before)
    if verb and verb.start() == 0 and verb.group(0).lower() in ("asked", "asks"):
        verb = SPEECH.search(before, verb.end())     # "Asked about X, Bo said …": not the verb
    if not verb:
        return None
    if verb.group(0).lower() == "according to":
        after_verb = matcher.find(before[verb.end():])
        return after_verb[0].entity_id if after_verb else None
    subject = before[:verb.start()]
    named = _subject(subject, matcher, people)
    if named:
        return named
    if PRONOUN_BEFORE.search(subject):
        return resolve_pronoun(paragraph, quote_start, previous, matcher, people)
    return None


def resolve_pronoun(paragraph: Paragraph, quote_start: int, previous: Paragraph | None,
                    matcher: ActorFinder, people: set[str]) -> str | None:
    """The one person named before the quote in this paragraph, else in the previous one.

    A person the pipeline does not know ("His colleague Priya Ramdin") and a person
    named only by role ("the prime minister said") count as candidates too, so
    they make the pronoun ambiguous rather than letting it slide to someone else.
    A person named only in a possessive ("Kang's decree") is not a candidate when
    another person is, but stops the search from going back a paragraph.
    """
    for text in (_unquoted(paragraph.text[max(0, quote_start - PRONOUN_WINDOW):quote_start]),
                 _unquoted(previous.text[-PRONOUN_WINDOW:]) if previous else ""):
        named = [m for m in matcher.find(text) if m.entity_id in people]
        full = {m.entity_id for m in named if not POSSESSIVE.match(text, m.end)}
        unknown = _unknown_people(text, matcher) + len(ROLE_ONLY.findall(_no_appositives(text)))
        if named or unknown:
            return full.pop() if len(full) == 1 and not unknown else None
    return None


def _unknown_people(text: str, matcher: ActorFinder) -> int:
    """Person-shaped names in `text` that are not known actors."""
    known = matcher.find(text)
    starts = [m.start for m in known]
    count = 0
    for match in PERSON_NAME.finditer(text):
        before = bisect_right(starts, match.start()) - 1     # the known name starting last
        inside = before >= 0 and match.start() < known[before].end
        if not inside and plausible_person(match.group(0)) and match.start() > 0:
            count += 1
    return count


def _no_appositives(text: str) -> str:
    """Text without ", the former diplomat," after a name: that role is the named person."""
    return re.sub(r"((?<![\w'’-])[A-Z][\w'’-]*+),\s+(?:the|a|an)\s+[^,]{2,80},", r"\1", text)


def _unquoted(text: str) -> str:
    """Text with quoted passages blanked: names inside a quote are not its speaker."""
    return blank(text)


def _people_named(text: str, matcher: ActorFinder, people: set[str]) -> set[str]:
    return {m.entity_id for m in matcher.find(text) if m.entity_id in people}


def merge_quotes(found: Sequence[FoundQuote], similarity: float) -> tuple[Quote, ...]:
    """One quote per distinct text and speaker, with every citation.

    Texts merge when equal after folding, when one contains the other, or when
    their fuzzy ratio reaches `similarity` (0-100); speakers must not disagree.
    Only quotes sharing a pair of words are compared (see `blocking`): the same
    words said twice always share one, and thousands of quotes stay cheap.
    """
    groups: list[list[FoundQuote]] = []
    keys: list[str] = []
    speakers: list[str | None] = []        # each group's speaker, once one is known
    index = CandidateIndex()
    for quote in found:
        key = _key(quote.text)
        pairs = _word_pairs(key)
        for position in index.candidates(pairs):
            if quote.speaker_id and speakers[position] not in (None, quote.speaker_id):
                continue
            other = keys[position]
            contained = min(len(key), len(other)) >= 20 and (key in other or other in key)
            if key == other or contained or fuzz.ratio(key, other) >= similarity:
                groups[position].append(quote)
                speakers[position] = speakers[position] or quote.speaker_id
                if len(key) > len(other):
                    keys[position] = key
                    index.add(position, pairs)
                break
        else:
            index.add(len(groups), pairs)
            groups.append([quote])
            keys.append(key)
            speakers.append(quote.speaker_id)
    merged = []
    for group in groups:
        text = max((q.text for q in group), key=len)
        speaker = next((q.speaker_id for q in group if q.speaker_id), None)
        # Each citation keeps its outlet's own wording; the quote shows the longest.
        citations = tuple(dict.fromkeys(replace(q.citation, text=q.text) for q in group))
        kinds = {q.kind for q in group}
        kind = "direct" if "direct" in kinds else sorted(kinds)[0]
        merged.append(Quote(quote_id(text, speaker), text, speaker, citations, kind))
    return tuple(merged)


def _word_pairs(key: str) -> list[str]:
    """Adjacent word pairs of a comparison key (the key itself when it is one word)."""
    tokens = key.split()
    return [f"{a} {b}" for a, b in pairwise(tokens)] or [key]


def _key(text: str) -> str:
    """Folded text without punctuation, for comparing quotes."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text)).split())


def quote_id(text: str, speaker: str | None = None) -> str:
    """A stable id from the quote's folded text and its speaker."""
    return "q-" + hashlib.sha1(f"{speaker}|{_key(text)}".encode()).hexdigest()[:10]
