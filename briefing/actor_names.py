"""Index helper: an actor's roles merged across wordings, and aliases without titles.

Part of the index stage. Outlets word one role many ways ("Canada's Prime
Minister", "Canadian Prime Minister", "Prime Minister"): a role is keyed by what is
left once the words that only say whose role it is are dropped (a possessive, a
demonym such as "Canadian", an abbreviation such as "U.S."), so the variants join
under one role. An alias that carries a title ("Prime Minister Carney") says the
role again and is not listed as another name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .folding import fold
from .lexicon import HONORIFICS, ROLE_MODIFIERS, ROLE_NOUNS, TITLES

_DEMONYM_ENDINGS = ("an", "ese", "ish", "ian", "i", "ch")


@dataclass(frozen=True)
class MergedRole:
    """One role, the wordings it was given in, and the articles (ids) that state it."""

    text: str
    variants: tuple[str, ...]
    article_ids: tuple[str, ...]


def _qualifier(word: str) -> bool:
    """A word before a role that says whose it is: `Canada's`, `Canadian`, `U.S.`, `China`."""
    bare = word.strip(",")
    if bare.endswith(("'s", "’s", "s'")) or "." in bare or (bare.isupper() and len(bare) <= 4):
        return True
    lower = bare.lower()
    if lower in ROLE_NOUNS or lower in ROLE_MODIFIERS or not bare[:1].isupper():
        return False
    return lower.endswith(_DEMONYM_ENDINGS)


def role_key(text: str) -> str:
    """The role without the words that only say whose it is, folded for comparison."""
    words = text.split()
    start = 0
    while start < len(words) - 1 and _qualifier(words[start]):
        start += 1
    return fold(" ".join(words[start:]))


def _core(text: str) -> str:
    words = text.split()
    start = 0
    while start < len(words) - 1 and _qualifier(words[start]):
        start += 1
    return " ".join(words[start:])


def merge_roles(roles: Sequence[tuple[str, Sequence[str]]]) -> tuple[MergedRole, ...]:
    """Roles (text, article ids) joined by key; most-stated first."""
    grouped: dict[str, list[tuple[str, Sequence[str]]]] = {}
    for text, article_ids in roles:
        grouped.setdefault(role_key(text), []).append((text, article_ids))
    merged = []
    for members in grouped.values():
        ids = tuple(dict.fromkeys(i for _, found in members for i in found))
        cores = sorted({_core(text) for text, _ in members}, key=lambda c: (len(c), c))
        variants = tuple(sorted({text for text, _ in members} - {cores[0]}))
        merged.append(MergedRole(cores[0][:1].upper() + cores[0][1:], variants, ids))
    return tuple(sorted(merged, key=lambda r: (-len(r.article_ids), r.text.casefold())))


def plain_aliases(name: str, aliases: Sequence[str]) -> tuple[str, ...]:
    """Aliases that are other names, not the name with a title or role before it."""
    kept = []
    for alias in aliases:
        words = [w.strip(",.").lower() for w in alias.split()]
        if not words or fold(alias) == fold(name):
            continue
        if any(w in ROLE_NOUNS or w in TITLES or w in HONORIFICS for w in words):
            continue
        if len(words) > 1 and _qualifier(alias.split()[0]) and fold(" ".join(
                alias.split()[1:])) in (fold(name), *(fold(a) for a in aliases)):
            continue
        kept.append(alias)
    return tuple(dict.fromkeys(kept))
