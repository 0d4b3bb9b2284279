"""Issues: curated topics found by keyword and by the articles' own tags.

Part of the extract stage. A front-matter tag or category that names an issue (or
one of its keywords) files the article under it; frequent phrases that match no
issue are suggested to the site owner in the build report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import islice, pairwise
from operator import itemgetter

from ..config import SiteConfig
from ..executors import IN_PROCESS, Workers, given
from ..folding import fold, words
from ..matching import AliasMatcher
from ..model import Article, Issue, Mention
from ..slugs import claim_slug
from .mentions import mentions_in

STOP = frozenset("""
a an the of and or in on at to for from with by as is are was were be been has have had it its
this that these those he she they his her their we our you your i not but if than then so
said says will would could should may might can also about after before over under into
more most some any all no new one two three four per cent mr ms who which what when where while
""".split())
SUGGESTIONS = 10
PHRASE_BLOCK = 5000        # articles whose phrases are counted together


def _phrases_in(prepared: tuple[frozenset[str]], article: Article) -> tuple[str, ...]:
    """The article's two-word phrases, each once, without a word to `skip`, a number or
    a word of fewer than three letters."""
    (skip,) = prepared
    seen: set[str] = set()
    for block in article.blocks:
        tokens = [t.removesuffix("'s") for t in words(block.text) if not t.isdecimal()]
        for first, second in pairwise(tokens):
            if first in skip or second in skip or len(first) < 3 or len(second) < 3:
                continue
            seen.add(f"{first} {second}")
    return tuple(sorted(seen))


def _covered(phrase: str, covered: set[str]) -> bool:
    """Whole-word overlap with an issue keyword ("ev" does not cover "fleet revenue")."""
    padded = f" {phrase} "
    return any(f" {keyword} " in padded or f" {phrase} " in f" {keyword} " for keyword in covered)


def curated_issues(config: SiteConfig) -> tuple[Issue, ...]:
    """The issues of `site_config.yml`, first entry of each name winning."""
    issues: list[Issue] = []
    taken: set[str] = set()
    for entry in config.issues:
        if not entry.name.strip() or any(fold(i.name) == fold(entry.name) for i in issues):
            continue
        slug = claim_slug(entry.name, entry.name, taken)
        issues.append(Issue(slug, entry.name, entry.keywords, entry.description))
    return tuple(issues)


@dataclass(frozen=True)
class IssueFinder:
    """The issues' names and keywords, to find in text and among tags."""

    matcher: AliasMatcher
    by_word: dict[str, str]       # a folded name or keyword -> its issue's id

    @classmethod
    def of(cls, issues: tuple[Issue, ...]) -> IssueFinder:
        """The finder for `issues` (prepared once per process: a per-article map's setup)."""
        return cls(AliasMatcher(((word, issue.id) for issue in issues
                                 for word in (issue.name, *issue.keywords)),
                                case_sensitive=False),
                   {fold(word): issue.id for issue in issues
                    for word in (issue.name, *issue.keywords)})


def issue_mentions(finder: IssueFinder, article: Article) -> list[Mention]:
    """Keyword mentions in the article's text, plus one mention per tag or category
    naming an issue."""
    found = mentions_in(article, finder.matcher)
    for tag in (*article.tags, *article.categories):
        if fold(tag) in finder.by_word:
            found.append(Mention(finder.by_word[fold(tag)], article.id, "", tag,
                                 f"Tagged: {tag}"))
    return found


def suggest_phrases(articles: tuple[Article, ...], issues: tuple[Issue, ...],
                    names: frozenset[str] = frozenset(),
                    workers: Workers = IN_PROCESS) -> tuple[str, ...]:
    """Two-word phrases used in several articles that no issue keyword covers.

    Words of actor names and titles (`names`) are left out: "prime minister" and
    "mark carney" are who, not what. Each article's phrases are found by `workers`
    and kept by their cache (reading every article's words was a second a build
    at 5,000 articles); they are counted a block of articles at a time, so that
    the phrases of the whole corpus are never held at once. The names are left
    out of the counted phrases rather than by the workers: a phrase is two words
    next to each other in the text either way, and an article's phrases then
    do not depend on who else the corpus names, so a new name does not make
    every article's be found again.
    """
    covered = {fold(w) for issue in issues for w in (issue.name, *issue.keywords)}
    counts: Counter[str] = Counter()
    for start in range(0, len(articles), PHRASE_BLOCK):
        for seen in workers.map(_phrases_in, articles[start:start + PHRASE_BLOCK], given,
                                STOP):
            counts.update(seen)
    common = [(p, n) for p, n in counts.items()
              if n >= 2 and not names.intersection(p.split(" "))]
    # Most used first, then by phrase: two stable sorts on one field each, about
    # twice as fast as one on a tuple made for every phrase.
    common.sort(key=itemgetter(0))
    common.sort(key=itemgetter(1), reverse=True)
    # Coverage is checked last, on the most frequent phrases only: checking every
    # phrase of every article against every keyword was most of this step's time.
    uncovered = (p for p, _ in common if not _covered(p, covered))
    return tuple(islice(uncovered, SUGGESTIONS))
