"""Mentions: where a known name or keyword occurs, with a snippet of its context.

Part of the extract stage; used for actors and issues alike.
"""

from __future__ import annotations

from ..matching import Finder, Match
from ..model import Article, Mention

SNIPPET_RADIUS = 90


def mentions_in(article: Article, matcher: Finder) -> list[Mention]:
    """Every match of `matcher` in the article's title and blocks."""
    found = [Mention(m.entity_id, article.id, "", m.surface, article.title)
             for m in matcher.find(article.title)]
    for block in article.blocks:
        for match in matcher.find(block.text):
            found.append(Mention(match.entity_id, article.id, block.anchor, match.surface,
                                 snippet(block.text, match)))
    return found


def snippet(text: str, match: Match, radius: int = SNIPPET_RADIUS) -> str:
    """About `radius` characters either side of a match, cut at word boundaries."""
    start = max(0, match.start - radius)
    end = min(len(text), match.end + radius)
    if start > 0:
        start = text.find(" ", start, match.start) + 1 or start
    if end < len(text):
        cut = text.rfind(" ", match.end, end)
        end = cut if cut > 0 else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + text[start:end].strip() + suffix
