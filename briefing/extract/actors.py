"""Actors: curated ones matched by alias, others discovered from cues, roles from context.

Part of the extract stage. A person nobody listed becomes an actor only on
evidence: a speech cue ("said X", "X told"), a role ("X, a senior fellow at Y",
"Foreign Affairs Minister X") or a credit line under a pull quote or post. An
organisation is found by its form ("... Institute", "University of ..."). Single
capitalised words, headings, weekdays and bare titles never qualify. Surnames
resolve to the full name seen in the coverage.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..config import SiteConfig
from ..folding import fold
from ..lexicon import (
    FAMILY_NAME_FIRST,
    HYPHEN_PARTICLES,
    MONTHS,
    NEVER_NAME_WORDS,
    ORG_SUFFIX_WORDS,
    PARTICLES,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    ROLE_PATTERN,
    SPEECH_VERBS,
    TITLES,
    WEEKDAYS,
    is_role_phrase,
    word_alternation,
)
from ..matching import AliasMatcher, Match
from ..model import Actor, Article, Role
from ..slugs import claim_slug
from .sentences import Paragraph, blank_quotes

# O'Brien, Macdonald-Laurier, a hyphenated given name (Seung-woo), al-Masri.
# Letters beyond ASCII count (Tomás, Søren, Łukasz): Latin-1 and Latin Extended-A.
UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
LOWER = "a-zß-öø-ÿā-ž"
NAME_TOKEN = (rf"(?:(?:{word_alternation(HYPHEN_PARTICLES)})-[{UPPER}][{LOWER}]+"
              rf"|(?:[{UPPER}]['’])?[{UPPER}][{LOWER}]+(?:[-'’][{UPPER}{LOWER}][{LOWER}]+)*+)")
PARTICLE = rf"(?:{word_alternation(PARTICLES)})"
# Two or three name words, lower-case particles between them (van der Berg, de la Cruz).
PERSON = rf"{NAME_TOKEN}(?:\s+(?:[A-Z]\.\s+)?(?:{PARTICLE}\s+){{0,2}}{NAME_TOKEN}){{1,2}}"
# "Gil Seung-woo": a listed family name and a hyphenated given name is a person's
# name by its shape alone, with no cue.
FAMILY_GIVEN = re.compile(
    rf"(?<![\w'’.-])(?P<name>(?:{word_alternation(FAMILY_NAME_FIRST)})\s+[A-Z][a-z]+-[a-z]+)"
    r"(?![\w'’-])")
# "the Gallup Hanra poll": a name after an article is a thing's, not a person's.
AFTER_ARTICLE = re.compile(rf"\b(?:[Aa]n?|[Tt]he)\s+(?P<name>{PERSON})")
ROLE_WORDS = ROLE_PATTERN
ROLE_PHRASE = rf"(?:(?:[A-Za-z][\w.'’-]*\s+){{0,3}}(?i:{ROLE_WORDS})\s+)"
# Only strong cues make a person: "Name said" alone is how organisations speak too
# ("Statistics Netherlands said"), so it needs the name to be confirmed elsewhere.
PERSON_CUES = (
    re.compile(rf"\b(?:{SPEECH_VERBS})\s+{ROLE_PHRASE}?(?P<name>{PERSON})"),
    re.compile(rf"(?P<name>{PERSON}),\s+(?:(?:a|an|the|his|her|its|their)\s+)?"
               rf"(?:[A-Za-z][\w-]*\s+){{0,3}}(?i:{ROLE_WORDS})\b"),
    re.compile(rf"\b(?i:{ROLE_WORDS})\s+(?P<name>{PERSON})"),
    re.compile(rf"\b(?i:{ROLE_WORDS}),\s+(?P<name>{PERSON}),"),
    # "Chief Cabinet Secretary Ishida Ren said": the cue above reads "Cabinet
    # Secretary Ishida" first; a title, a name and a speech verb settle it.
    re.compile(rf"\b(?i:{ROLE_WORDS})\s+(?P<name>{PERSON})(?=\s+(?:{SPEECH_VERBS})\b)"),
)
# What each cue cannot match without, looked for first: one sentence in nine of the
# benchmark's articles has a role word, and the four cues reading one took most of
# the cues' time (62,000 sentences: 3.0 s, 1.6 s with these).
ROLE_WORD = re.compile(rf"\b(?i:{ROLE_WORDS})\b")
SPEECH_WORD = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
CUE_NEEDS = (SPEECH_WORD, ROLE_WORD, ROLE_WORD, ROLE_WORD, ROLE_WORD)    # by PERSON_CUES
# "…," Name said — right after a quote, a name before a speech verb is its speaker.
AFTER_QUOTE = re.compile(
    rf"[”\"’'»],?\s+(?P<name>{PERSON})(?:,[^,.;]{{3,120}},)?\s+(?:{SPEECH_VERBS})\b")
LONGER_NAME_BEFORE = re.compile(
    r"(?<![\w'’.-])[A-Z][\w'’.-]*+\s+(?:(?:of|and|for|the|&|de|van)\s+)?$")
ORG_SUFFIXES = word_alternation(frozenset(ORG_SUFFIX_WORDS))
ORG_WORD = r"(?<![\w&'’.-])[A-Z][\w&'’-]*+(?:\.[A-Z][\w&'’-]*+)*+"
ORG_TAIL = rf"(?:\s+(?:of|for)(?:\s+the)?\s+{ORG_WORD}(?:\s+(?:and\s+|&\s+)?{ORG_WORD}){{0,4}})?"
ORG = re.compile(
    rf"\b(?P<org>(?:{ORG_WORD}\s+(?:(?:of|for|and|&)\s+(?:the\s+)?)*){{1,5}}(?:{ORG_SUFFIXES})\b"
    rf"{ORG_TAIL}"
    rf"|(?:University|Bank|Ministry|Department) of (?:the )?{ORG_WORD}(?:\s+{ORG_WORD})?)"
)
STARTERS = frozenset("the a an in on at by for with from to but however and as after before "
                     "while when this that according said".split())
# Words a match may sweep in around an organisation's name that are not part of it.
ORG_NOT_FIRST = STARTERS | ROLE_NOUNS | TITLES | set(WEEKDAYS) | set(MONTHS) | {
    "later", "earlier", "meanwhile", "yesterday", "today", "then", "now", "also"}
ORG_ENDS = frozenset(ORG_SUFFIX_WORDS)
# A line in title case, every word capitalised but small ones: a headline, whose
# capitals say nothing about names.
HEADLINE_SMALL = frozenset("a an the of for and or in on at to by as with from vs".split())
ORG_NOT_LAST = frozenset({"of", "for", "and", "the", "&", *WEEKDAYS, *MONTHS})
# Patterns used with a start offset, `pattern.match(text, pos)`, have no `^`: it would
# only match at the real start of the text. Look-behinds read a bounded window
# (`LOOK_BEHIND` characters), never all the text before a name, which would make
# a paragraph of many names cost the square of its length.
LOOK_BEHIND = 160
NAME_CONTINUES = re.compile(r"(?<!\s)\s+[A-Z][a-z]")
GIVEN_NAME_BEFORE = re.compile(r"([A-Z][a-z]+)\s+$")
TITLE_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]+)\.?\s$")
ROLE_AFTER = re.compile(
    r",\s+(?!(?:as well as|and|or|but|who|which|where|when|while|whose|whom|after|before|"
    r"because|if|since|though|although)\b)(?:(?:a|an|the)\s+)?(?P<role>[a-z][^,;:\"“”()]{2,110}?)"
    rf"(?=\s*(?:[,;:.]|$)|\s+(?:{SPEECH_VERBS}|who|which|that)\b)"
)
ROLE_BEFORE_COMMA = re.compile(
    r"\b(?:the|a|an)\s+(?P<role>[A-Z][\w'’-]*+(?:\s+(?:[A-Z][\w'’-]*+|of|the|for|and|on)){0,8})"
    r"\s*,\s*$"
)


@dataclass
class ActorBook:
    """The actors known so far, and how names resolve to them."""

    actors: dict[str, Actor] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)        # folded name/alias -> id
    roles: dict[str, dict[str, set[str]]] = field(default_factory=dict)   # id -> role -> arts
    observed: dict[str, set[str]] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)    # id -> surname as written
    short_names: dict[str, list[str]] = field(default_factory=dict)  # id -> shorter names
    scoped_surnames: dict[str, set[str]] = field(default_factory=dict)  # surname -> ids
    # folded word-suffix ("anita anand") -> folded names that end with it, in order added
    suffixes: dict[str, list[str]] = field(default_factory=dict)

    def add(self, actor: Actor, names: Iterable[str]) -> None:
        self.actors[actor.id] = actor
        for name in names:
            self.add_name(fold(name), actor.id)

    def add_name(self, folded: str, actor_id: str) -> None:
        """Let a folded name resolve to an actor (the first owner of a name keeps it)."""
        if folded in self.by_name:
            return
        self.by_name[folded] = actor_id
        words = folded.split(" ")
        for cut in range(1, len(words)):
            self.suffixes.setdefault(" ".join(words[cut:]), []).append(folded)

    def longer_name(self, name: str, kind: str) -> str | None:
        """The discovered actor of `kind` whose name ends with `name` ("Ministry of Trade"
        in "Dutch Ministry of Trade"), found by lookup rather than by scanning every name."""
        for known in self.suffixes.get(fold(name), ()):
            actor = self.actors[self.by_name[known]]
            if actor.type == kind and not actor.curated:
                return actor.id
        return None

    def extends_known(self, name: str) -> bool:
        """True when `name` only extends a known name of two words or more
        ("Minister Anita Anand" when "Anita Anand" is known)."""
        words = fold(name).split(" ")
        return any(" ".join(words[cut:]) in self.by_name for cut in range(1, len(words) - 1))

    def resolve(self, name: str) -> str | None:
        """The actor a name refers to: exact alias first, then a surname of one person."""
        return self.by_name.get(fold(name))

    def add_role(self, actor_id: str, role: str, article_id: str) -> None:
        role = " ".join(role.split()).strip(" ,.;:")
        if 2 < len(role) <= 120:
            self.roles.setdefault(actor_id, {}).setdefault(role, set()).add(article_id)

    def merge_observations(self, roles: dict[str, dict[str, set[str]]],
                           observed: dict[str, set[str]]) -> None:
        """Add roles and observed names found by an article's own pass (`add_role`)."""
        for actor_id, found in roles.items():
            for role, articles in found.items():
                self.roles.setdefault(actor_id, {}).setdefault(role, set()).update(articles)
        for actor_id, names in observed.items():
            self.observed.setdefault(actor_id, set()).update(names)

    def finished(self) -> tuple[Actor, ...]:
        """Actors with their roles and observed names attached."""
        done = []
        for actor_id, actor in self.actors.items():
            roles = tuple(Role(text, tuple(sorted(arts)))
                          for text, arts in sorted(self.roles.get(actor_id, {}).items()))
            observed = tuple(sorted(self.observed.get(actor_id, set()) - {actor.name}))
            done.append(Actor(actor.id, actor.name, actor.type, actor.aliases, actor.description,
                              actor.curated, roles, observed))
        return tuple(done)


def curated_book(config: SiteConfig) -> ActorBook:
    """The actors of `site_config.yml`, each under its name and aliases (first entry wins)."""
    book = ActorBook()
    taken: set[str] = set()
    for entry in config.actors:
        if not entry.name.strip() or fold(entry.name) in book.by_name:
            continue
        slug = claim_slug(entry.name, entry.name, taken)
        book.add(Actor(slug, entry.name, entry.type, entry.aliases, entry.description, True),
                 (entry.name, *entry.aliases))
    return book


def discover(book: ActorBook, articles: tuple[Article, ...],
             paragraphs: dict[str, tuple[Paragraph, ...]], excluded: frozenset[str]) -> None:
    """Add people and organisations found by their cues; then give people surname aliases."""
    add_discovered(book, [candidates_in(a, paragraphs[a.id]) for a in articles], excluded)


@dataclass(frozen=True)
class Candidates:
    """One article's names with a cue (in order, with their kind), and its names seen
    after "a", "an", "the" (things, not people)."""

    found: tuple[tuple[str, str], ...]
    things: frozenset[str]


def candidates_in(article: Article, paragraphs: tuple[Paragraph, ...]) -> Candidates:
    """The per-article part of discovery: names with cues, in the order they appear."""
    found: dict[str, str] = {}
    things: set[str] = set()
    for quote in article.attributed:
        found.setdefault(quote.attribution.speaker, "person")
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            for name in _people_in(sentence.text):
                found.setdefault(name, "person")
            for name in _orgs_in(sentence.text):
                found.setdefault(name, "organisation")
            things.update(_trim_person(m.group("name")) or ""
                          for m in AFTER_ARTICLE.finditer(sentence.text))
    return Candidates(tuple(found.items()), frozenset(things))


def add_discovered(book: ActorBook, per_article: list[Candidates],
                   excluded: frozenset[str]) -> None:
    """The corpus-wide part of discovery: every article's candidates, in article order."""
    found: dict[str, str] = {}                       # name -> type, first seen first
    things: set[str] = set()                         # names seen after "a", "an", "the"
    for candidates in per_article:
        for name, kind in candidates.found:
            found.setdefault(name, kind)
        things.update(candidates.things)
    found = {name: kind for name, kind in found.items()
             if kind != "person" or name not in things}
    taken = {a.id for a in book.actors.values()}
    # Longest names first, so "Ministry of Trade" becomes an alias of an already
    # found "Dutch Ministry of Trade" instead of a second organisation.
    for name, kind in sorted(found.items(), key=lambda item: -len(item[0])):
        if fold(name) in excluded or book.resolve(name) or book.extends_known(name):
            continue
        if kind == "person" and not plausible_person(name):
            continue
        longer = book.longer_name(name, kind)
        if longer:
            book.add_name(fold(name), longer)
            book.short_names.setdefault(longer, []).append(name)
            continue
        slug = claim_slug(name, name, taken)
        book.add(Actor(slug, name, kind, (), "", curated=False), (name,))
    _add_surnames(book)


def plausible_person(name: str) -> bool:
    """Two or three name-shaped words, none of them a title, weekday, month or stop word.

    A one-letter initial ("John F. Kennedy") is fine; a word in capitals ("NATO") is not.
    """
    tokens = name.replace(".", " ").split()
    core = [t for t in tokens if t not in PARTICLES]
    if not 2 <= len(core) <= 4 or tokens[0] in PARTICLES:
        return False
    return not any(t.lower() in NEVER_NAME_WORDS or (t.isupper() and len(t) > 1)
                   for t in core)


def _people_in(text: str) -> list[str]:
    """Names with a person cue, outside quotes, not part of a longer proper noun."""
    names: list[str] = [n for m in AFTER_QUOTE.finditer(text)
                        if (n := _trim_person(m.group("name")))]
    text = blank_quotes(text)
    names.extend(m.group("name") for m in FAMILY_GIVEN.finditer(text))
    present = {id(word): word.search(text) is not None for word in (SPEECH_WORD, ROLE_WORD)}
    for cue, needs in zip(PERSON_CUES, CUE_NEEDS, strict=True):
        if not present[id(needs)]:
            continue
        for match in cue.finditer(text):
            start, end = match.span("name")
            if _inside_longer_name(text, start, end):
                continue
            name = _trim_person(match.group("name"))
            if name:
                names.append(name)
    return names


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """True for "Water Management" in "Ministry of Infrastructure and Water Management"."""
    before = LONGER_NAME_BEFORE.search(text, max(0, start - LOOK_BEHIND), start)
    if before and before.group(0).split()[0].lower() not in NEVER_NAME_WORDS | STARTERS:
        return True
    return NAME_CONTINUES.match(text, end) is not None


def _trim_person(name: str) -> str | None:
    """Drop leading title words a cue swept in ("Minister Anita Anand" -> "Anita Anand")."""
    tokens = name.split()
    while tokens and (tokens[0].lower().rstrip(".") in NEVER_NAME_WORDS):
        tokens = tokens[1:]              # "Justice Seo Hyun-ah", "Rep. Pyo Eun-ji"
    return " ".join(tokens) if len(tokens) >= 2 and tokens[0] not in PARTICLES else None


def _orgs_in(text: str) -> list[str]:
    names: list[str] = []
    if _headline_case(text):
        return names            # "Tokyo Metro Extends Late-Night Service": a headline
    for match in ORG.finditer(text):
        tokens = match.group("org").split()
        while len(tokens) > 2 and tokens[0].lower() in ORG_NOT_FIRST:
            tokens = tokens[1:]                # "Later the Ministry" / "Acting Constitutional …"
        while tokens and tokens[0].lower() in STARTERS | {"of"}:
            tokens = tokens[1:]
        possessive = [i for i, t in enumerate(tokens) if re.search(r"['’]s$", t)]
        if possessive:                         # "Hanra's Constitutional Court"
            tokens = tokens[possessive[-1] + 1:]
        tokens = _org_tail(tokens)
        while tokens and tokens[-1].lower() in ORG_NOT_LAST:
            tokens = tokens[:-1]               # "… Board on Thursday"
        if len(tokens) >= 2 and tokens[0][0].isupper():
            names.append(" ".join(tokens))
    return names


def _headline_case(text: str) -> bool:
    """Four words or more, each capitalised (or a digit, or a small word)."""
    tokens = text.split()
    return len(tokens) >= 4 and all(t[0].isupper() or t[0].isdigit() or t in HEADLINE_SMALL
                                    for t in tokens)


def _org_tail(tokens: list[str]) -> list[str]:
    """ "Lawmakers of the Democratic Union Party" is the party: a head that is not an
    institution before `of`/`for` and a tail that is one ("Bank of Hanra" stays)."""
    joint = next((i for i, t in enumerate(tokens) if t in ("of", "for")), None)
    if not joint or tokens[joint - 1] in ORG_ENDS:
        return tokens
    tail = tokens[joint + 1:]
    if tail and tail[0] == "the":
        tail = tail[1:]
    return tail if len(tail) >= 2 and tail[-1] in ORG_ENDS else tokens


def _add_surnames(book: ActorBook) -> None:
    """A person's family name alone refers to them.

    A curated person's surname holds across the build unless two people share it.
    A discovered person's holds only in articles that name them in full (see
    `ActorFinder.within`): "Hanra" in "Gallup Hanra", or the "Oh" of two people
    named Oh, means nothing in an article that does not name them.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    written: dict[str, str] = {}
    for actor in book.actors.values():
        if actor.type == "person" and len(actor.name.split()) >= 2:
            surname = family_name(actor.name)
            if surname.lower() in NEVER_NAME_WORDS or len(surname) < 2:
                continue
            written[actor.id] = surname
            if actor.curated:
                owners[fold(surname)].add(actor.id)
            else:
                for form in _written_forms(surname):
                    book.scoped_surnames.setdefault(form, set()).add(actor.id)
    for surname, ids in owners.items():
        if len(ids) == 1:
            actor_id = next(iter(ids))
            book.by_name.setdefault(surname, actor_id)
            book.surnames[actor_id] = written[actor_id]


def _written_forms(surname: str) -> tuple[str, ...]:
    """A surname as written mid-sentence and at a sentence start ("de Wit", "De Wit")."""
    capital = surname[0].upper() + surname[1:]
    return (surname,) if capital == surname else (surname, capital)


def family_name(name: str) -> str:
    """The name a person is called by alone: the last word with its particles
    ("van der Berg", "al-Masri"), or the first for family-name-first names
    ("Li Qiang", "Kang Myung Soo", "Gil Seung-woo")."""
    tokens = name.split()
    if len(tokens) in (2, 3) and (tokens[0] in FAMILY_NAME_FIRST
                                  or re.fullmatch(r"[A-Z][a-z]+-[a-z]+", tokens[1])):
        return tokens[0]
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1] in PARTICLES:
        start -= 1
    return " ".join(tokens[start:])


SCOPED = "\x00"       # an alias entity id that stands for a scoped surname
ESTABLISHED = 3        # articles naming a person in full before their surname holds everywhere
RAW_CACHE_MIN = 200    # texts shorter than this are matched again rather than kept


def established_ids(named: Iterable[frozenset[str]]) -> frozenset[str]:
    """The actors named in full in at least `ESTABLISHED` articles (`named`: the ids
    each article names in full). A set, not counts, so that each article's own pass,
    which reads only this, is cached under a key most edits leave alone."""
    counts = Counter(i for ids in named for i in ids)
    return frozenset(a for a, count in counts.items() if count >= ESTABLISHED)


@dataclass(frozen=True)
class ActorFinder:
    """Finds known actors in text; a bare surname after another first name is not a match.

    "Daan Mulder" is not Sanne Mulder, even though "Mulder" alone would be. The
    surname of a discovered person is a match only `within` an article that names
    exactly one of its owners in full.
    """

    matcher: AliasMatcher
    surnames: frozenset[str]
    scoped: dict[str, frozenset[str]] = field(default_factory=dict)   # surname -> owners
    scope: frozenset[str] = frozenset()
    known: frozenset[str] = frozenset()       # people named in full across the coverage

    # The automaton's raw matches per text, shared by every copy of this finder: an
    # article's blocks are read once for `named_in_full` and again for its mentions.
    raw: dict[str, list[Match]] = field(default_factory=dict, compare=False)

    def within(self, named: Iterable[str]) -> ActorFinder:
        """This finder for one article, which names the actors `named` in full."""
        return ActorFinder(self.matcher, self.surnames, self.scoped, frozenset(named),
                           self.known, self.raw)

    def established(self, known: frozenset[str]) -> ActorFinder:
        """This finder with the people in `known` (see `established_ids`), whose unshared
        surname then holds in every article ("a close ally of Kang")."""
        return ActorFinder(self.matcher, self.surnames, self.scoped, self.scope, known, self.raw)

    def find(self, text: str) -> list[Match]:
        found = []
        raw = self.raw.get(text)
        if raw is None:
            raw = self.matcher.find(text)
            if len(text) > RAW_CACHE_MIN:       # blocks, not every short phrase
                self.raw[text] = raw
        for m in raw:
            if m.entity_id.startswith(SCOPED):
                owners = self.scoped.get(m.entity_id[1:], frozenset())
                if len(owners & self.scope) == 1:
                    owners = owners & self.scope
                elif len(owners) != 1 or owners & self.scope or not (
                        owners <= self.known or _titled(text, m.start)):
                    continue        # "President Arrieta": a title makes the surname a person
                m = Match(m.start, m.end, next(iter(owners)), m.surface)
            elif m.surface not in self.surnames:
                found.append(m)
                continue
            if not _other_given_name(text, m.start):
                found.append(m)
        return found


def _titled(text: str, start: int) -> bool:
    """Is the word before `start` a title or a capitalised role noun ("President", "Rep.")?"""
    before = TITLE_BEFORE.search(text, max(0, start - 20), start)
    return before is not None and before.group(1).lower() in TITLES | ROLE_NOUNS


def _other_given_name(text: str, start: int) -> bool:
    """Is the surname at `start` preceded by a first name (not a title, not a sentence start)?"""
    before = GIVEN_NAME_BEFORE.search(text, max(0, start - LOOK_BEHIND), start)
    if before is None or before.group(1).lower() in NEVER_NAME_WORDS | STARTERS:
        return False
    head = text[max(0, before.start() - LOOK_BEHIND):before.start()].rstrip()
    return bool(head) and not re.search(r"[.!?][\"”’)]?$", head)


def actor_matcher(book: ActorBook) -> ActorFinder:
    """Case-sensitive whole-word matching of every known name, in its written form."""
    pairs: list[tuple[str, str]] = []
    for actor in book.actors.values():
        for alias in (actor.name, *actor.aliases):
            pairs.append((alias, actor.id))
    pairs.extend((surname, actor_id) for actor_id, surname in book.surnames.items())
    pairs.extend((name, actor_id) for actor_id, names in book.short_names.items()
                 for name in names)
    pairs.extend((surname, SCOPED + surname) for surname in book.scoped_surnames)
    scoped = {surname: frozenset(ids) for surname, ids in book.scoped_surnames.items()}
    return ActorFinder(AliasMatcher(pairs, case_sensitive=True),
                       frozenset(book.surnames.values()) | frozenset(scoped), scoped)


def named_in_full(texts: Iterable[str], finder: ActorFinder) -> set[str]:
    """The actors an article names by a full name or alias (not by a scoped surname)."""
    return {m.entity_id for text in texts for m in finder.find(text)}


def collect_roles(book: ActorBook, article: Article, paragraphs: tuple[Paragraph, ...],
                  matcher: ActorFinder) -> None:
    """Roles from appositives, title phrases and pull-quote credits, per article."""
    for quote in article.attributed:
        actor_id = book.resolve(quote.attribution.speaker)
        if actor_id and quote.attribution.affiliation:
            book.add_role(actor_id, quote.attribution.affiliation, article.id)
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            for match in matcher.find(sentence.text):
                _roles_around(book, article.id, sentence.text, match)


def _roles_around(book: ActorBook, article_id: str, text: str, match: Match) -> None:
    actor_id = match.entity_id
    if book.actors[actor_id].type != "person":
        return
    after = ROLE_AFTER.match(text, match.end)
    if after and (is_role_phrase(after.group("role").split()) or " at " in after.group("role")):
        book.add_role(actor_id, after.group("role"), article_id)
    window = text[max(0, match.start - LOOK_BEHIND):match.start]
    before = title_before(window)
    if before:
        book.add_role(actor_id, before, article_id)
        if before[0].isupper():             # "President Xi", not "negotiator Kees de Vries"
            book.observed.setdefault(actor_id, set()).add(f"{before} {match.surface}")
    elif match.surface != book.actors[actor_id].name:
        book.observed.setdefault(actor_id, set()).add(match.surface)
    # The pattern ends at a comma right before the name: test that cheaply first, since
    # a `$`-anchored search still tries every start position of the window.
    comma = ROLE_BEFORE_COMMA.search(window) if window.rstrip().endswith(",") else None
    if comma and comma.group("role").split()[0].lower() in ROLE_NOUNS:
        book.add_role(actor_id, comma.group("role"), article_id)


def title_before(text: str) -> str | None:
    """The title phrase right before a name: "Chinese President", "Huawei executive"."""
    words = text.rstrip().split(" ") if text.rstrip() else []
    taken: list[str] = []
    for word in reversed(words):
        bare = word.strip().lstrip("\"“‘'(")
        if not bare or (re.search(r"[,;:.!?\"“”()]$", bare) and bare not in ("U.S.",)):
            break
        lowered = bare.lower()
        capitalised = bare[0].isupper() and lowered not in STARTERS
        if capitalised or lowered in ROLE_NOUNS or lowered in ROLE_MODIFIERS \
                or lowered.endswith("-based"):
            taken.insert(0, bare)
        else:
            break
    while taken and not is_role_phrase(taken[-1:]):
        taken.pop()          # the phrase must end with the role noun
    return " ".join(taken) if taken else None
