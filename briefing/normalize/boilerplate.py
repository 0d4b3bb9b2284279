"""Boilerplate: the web page's furniture that editors paste along with the article.

Part of the normalize stage. A line is boilerplate when the whole line matches a
pattern (never part of a sentence). "Trailer" patterns mark where a page's comment
form or related-links list begins: that line and everything after it goes, but
only in the last part of the text, so an article that merely starts with
"Comments" keeps its body. Every removed line is returned, for the build report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..user_patterns import user_pattern

# Whole-line patterns, matched case-insensitively after trimming.
DEFAULT_PATTERNS: tuple[str, ...] = (
    # sharing and navigation
    r"copy link", r"copy the link", r"link copied", r"share",
    r"share (this|this article|this story|article)",
    r"share (on|via) (facebook|twitter|x|linkedin|whatsapp|email|reddit)",
    r"(facebook|twitter|linkedin|whatsapp|email|print|reddit)( share)?", r"tweet",
    r"back to top", r"scroll to top", r"skip to (main )?content", r"skip advertisement",
    r"advertisement", r"sponsored( content)?", r"listen to this article",
    r"(?<!\d)\d+ min(ute)? read",
    r"read more:?", r"read more (here|below|at .{1,40})", r"continue reading", r"see more",
    r"(also read|related|related articles?|related stories|recommended):?",
    r"(click|tap) here .{0,60}", r"follow us on .{1,60}", r"image (source|caption), .{1,80}",
    r"\((reporting|writing|editing|additional reporting|compiled) by [^()]{2,200}\)",
    # subscription and cookies
    r"subscribe( now| today)?", r"sign up( now)?",
    r"((click|tap) (here )?to )?subscribe to (our|the) .{1,60}",
    r"sign up for (our|the) .{1,60}",
    r"(we|this (web)?site|our (web)?site) uses? cookies\b.{0,250}",
    r"(accept|reject|manage) (all )?cookies",
    # comment forms
    r"leave a (reply|comment)", r"cancel reply", r"(?<!\d)\d+ comments?", r"comments?",
    r"your email address will not be published\.?( required fields are marked \*)?",
    r"required fields are marked \*", r"(name|email|website|comment) ?\*",
    r"save my name, email, and website in this browser for the next time i comment\.?",
    r"post comment", r"you must be logged in to post a comment\.?",
)
# Lines that begin the page's trailer (comment form, related links): cut from there on.
TRAILER_PATTERNS: tuple[str, ...] = (
    r"leave a (reply|comment)", r"(?<!\d)\d+ comments?", r"related (articles|stories|posts)",
    r"you may also like", r"more (stories|articles) (from|like this).{0,40}",
)
TRAILER_ZONE = 0.6   # a trailer may only start in the last 40% of the lines


@dataclass(frozen=True)
class BoilerplateFilter:
    """Compiled patterns: the defaults plus those from `site_config.yml`."""

    lines: tuple[Any, ...]           # compiled `re` (built in) or RE2 (configured) patterns
    trailers: tuple[re.Pattern[str], ...]

    @classmethod
    def build(cls, extra: Iterable[str] = ()) -> BoilerplateFilter:
        """Each pattern compiled on its own, so a user's flags or groups affect only it.

        Configured patterns go through RE2 (see `user_patterns`): a site owner's
        `(a+)+$` must not make one line take seconds.
        """
        configured = tuple(user_pattern(p) for p in extra)
        return cls((*_compile(DEFAULT_PATTERNS), *configured), _compile(TRAILER_PATTERNS))

    def is_boilerplate(self, line: str) -> bool:
        """True when the whole line is page furniture."""
        text = line.strip()
        return bool(text) and len(text) <= 300 and any(p.fullmatch(text) for p in self.lines)

    def strip(self, lines: list[str]) -> tuple[list[str], list[str]]:
        """Lines without boilerplate (blank lines kept), and the removed lines in order."""
        content = [i for i, line in enumerate(lines) if line.strip()]
        cut = len(lines)
        for position, index in enumerate(content):
            if position >= len(content) * TRAILER_ZONE and \
                    any(p.fullmatch(lines[index].strip()) for p in self.trailers):
                cut = index
                break
        kept: list[str] = []
        removed: list[str] = []
        for index, line in enumerate(lines):
            if index >= cut:
                if line.strip():
                    removed.append(line.strip())
            elif self.is_boilerplate(line):
                removed.append(line.strip())
            else:
                kept.append(line)
        return kept, removed


def _compile(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)
