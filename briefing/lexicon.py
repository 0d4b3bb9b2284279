"""Word lists the extractors share: role nouns, speech verbs, words that are never names.

Shared by normalize (bylines) and extract (actors, quotes, events). Kept in one
place so that a rule in one extractor and its twin in another cannot drift apart.
"""

from __future__ import annotations

import re
from importlib import resources

import yaml


def word_alternation(words: frozenset[str] | set[str]) -> str:
    """A regex matching any of `words`, written as a trie ("pre(?:mier|sident)").

    Python's `re` tries the branches of `a|b|c` one by one at every position; with
    a hundred role nouns that made the name cues the slowest part of extraction.
    A trie decides on each letter once. Longer words win over their prefixes.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())
                    if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + (")?" if "" in node else ")")

    return build(trie)


def _load_names() -> dict[str, list[str]]:
    """The name word lists shipped in briefing/data/names.yml (see its comments)."""
    text = resources.files("briefing").joinpath("data/names.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


_NAMES = _load_names()
# Titles and honorifics before a name, never part of it ("Justice", "Rep", "Acting").
TITLES = frozenset(w.lower() for w in _NAMES["titles"])
_SURNAME_TITLES = frozenset(_NAMES["titles_also_surnames"])
# Lower-case surname particles ("van der Berg") and hyphenated ones ("al-Masri").
PARTICLES = frozenset(_NAMES["particles"])
HYPHEN_PARTICLES = frozenset(_NAMES["hyphen_particles"])
ORG_SUFFIX_WORDS = tuple(_NAMES["org_suffixes"])

ROLE_NOUNS = frozenset("""
president minister premier chairman chairwoman chair chairperson secretary ambassador
diplomat envoy spokesperson spokesman spokeswoman analyst fellow professor researcher scholar
economist director executive ceo founder leader head chief commentator editor reporter
correspondent journalist columnist official officer adviser advisor senator governor mayor
lawyer attorney judge general admiral commander strategist consultant lecturer historian
expert member mp lawmaker legislator candidate king queen chancellor deputy counsel
negotiator representative speaker prosecutor activist author driver worker mediator docker
farmer teacher nurse student owner manager engineer captain pilot trader banker investor
lobbyist campaigner organiser organizer volunteer protester doctor scientist coordinator
operator cfo coo partner fisherman fisher miner labourer laborer technician inspector
superintendent commissioner minister-president premier chancellor justice
""".split())
HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame lord lady rev".split())
ROLE_MODIFIERS = frozenset("""
former senior deputy acting chief top then interim vice assistant associate foreign
state-run state-owned leading retired outgoing incoming
""".split())
SPEECH_WORDS = frozenset((
    "said|says|say|told|tells|added|adds|noted|notes|stated|states|argued|argues|wrote|writes|"
    "warned|warns|explained|explains|asked|asks|insisted|insists|declared|declares|suggested|"
    "suggests|suggesting|stating|saying|adding|noting|writing|warning|arguing|explaining|"
    "underscored|stressed|stresses|said in a statement|posted|tweeted|replied|responded|"
    "commented|characterised|characterized|described|urged|urges|spoke|called|calls|calling|"
    "describing|described as"
).split("|"))
# As a trie (see word_alternation): tried at every word of every sentence, it must be cheap.
SPEECH_VERBS = word_alternation(SPEECH_WORDS)
SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b|\baccording to\b", re.IGNORECASE)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
NEVER_NAME_WORDS = frozenset((
    *WEEKDAYS, *MONTHS, *ROLE_NOUNS, *HONORIFICS, *(TITLES - _SURNAME_TITLES),
    "prime", "foreign", "affairs", "national",
    "state", "association", "council", "institute", "university", "ministry", "management",
    "group", "company", "union", "agency", "authority", "bank", "party", "committee",
    "the", "a", "an", "but", "however", "and", "or", "in", "on", "at", "by", "for", "with",
    "from", "to", "of", "as", "after", "before", "while", "when", "if", "this", "that", "these",
    "those", "it", "he", "she", "they", "we", "i", "his", "her", "their", "our", "its",
    "just", "copy", "link", "leave", "reply", "back", "top", "big", "news", "breaking",
    "read", "more", "share", "subscribe", "advertisement", "update", "updated", "photo",
    "image", "video", "watch", "listen", "also", "meanwhile", "still", "yet", "now", "today",
    "yesterday", "tomorrow", "last", "next", "new", "north", "south", "east", "west",
    "western", "eastern", "american", "canadian", "chinese", "british", "european",
    "government", "ministry", "department", "office", "house", "white", "party",
))
PRONOUNS = frozenset({"he", "she", "they"})
# Family names that come first in names written the Chinese, Korean or Vietnamese
# way ("Li Qiang" is Premier Li): see briefing/data/names.yml.
FAMILY_NAME_FIRST = frozenset(_NAMES["family_name_first"])


ROLE_PATTERN = word_alternation(ROLE_NOUNS)


def is_role_phrase(words: list[str]) -> bool:
    """True when a phrase names a role: it contains a role noun."""
    return any(w.lower().strip(",.") in ROLE_NOUNS for w in words)
