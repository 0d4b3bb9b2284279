"""Dedupe stage: articles -> canonical articles, each keeping its copies and the evidence.

Exact copies share a folded text key. Other copies are found by containment (an
excerpt, a copy with a lead-in, a house-style edit: the shorter text is nearly all
in the longer) or by resemblance (Jaccard), with candidates from prefix filtering
(`candidates.py`, cut in shards by shingle for the workers) confirmed exactly
(`evidence.py`) on each article's sentence-like text (`comparison.py`). A group
of copies keeps one canonical article, the fullest and richest; every copy
records its kind, both scores and why the canonical won.

Whether two texts are similar enough to be copies is a function of the two
alone, so the results cache keeps, for each text, the texts it was found
similar to. After a few articles changed, only their texts are compared with
the others (`pairs_with`); the pairs of unchanged texts come from the cache.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

import numpy as np

from ..executors import IN_PROCESS, Workers
from ..folding import words
from ..model import Article, Copy
from .candidates import (
    Postings,
    QueryShares,
    candidate_pairs,
    pairs_with,
    query_least,
    surely_paired,
)
from .comparison import ComparisonText, Vocabulary, comparison_text
from .evidence import LEAD_IN_SHARE, Evidence, compare, could_be_copy, found_in

MIN_WORDS = 25          # shorter texts are compared with their titles, and only as exact copies
FULL_SHARE = 0.9        # a text this close to the group's fullest counts as full
OWN_SHARE = 0.1         # a shorter text with this share of its own is checked for boilerplate
MAX_POSTINGS = 200      # a sentence in more articles than this is not used to find others
THIRDS = 20             # the most other articles examined for one pair
EVIDENCE_TABLE = "dedupe evidence"    # the cache's table of each compared pair's evidence
SIMILAR_TABLE = "dedupe similar"      # the cache's table of the texts each text is similar to
LEAST_TABLE = "dedupe least"          # and of each text's `query_least`
FEW_CHANGED = 16        # more changed texts than this: search every pair again


@dataclass(frozen=True)
class DedupeResult:
    """Canonical articles (copies attached) and every copy found."""

    articles: tuple[Article, ...]
    copies: tuple[Copy, ...]


def dedupe_articles(articles: tuple[Article, ...], resemblance: float, containment: float,
                    shingle_size: int, workers: Workers = IN_PROCESS) -> DedupeResult:
    """Group copies and keep one canonical article per group.

    Confirmed pairs are joined into groups, but a member is folded only when it is
    itself a copy of the group's canonical article (a chain of updates, each close
    to the next, does not collapse into its first version), and never into a page
    that merely strings together texts which share nothing (a digest). Each
    article's comparison text is worked out by `workers`, and their cache keeps
    it and the evidence for each pair of texts compared.
    """
    ordered = sorted(articles, key=lambda a: a.path)
    made = workers.map(_compared, ordered, _text_setup, shingle_size)
    keys = [key for key, _ in made]
    texts = [text for _, text in made]
    comparable = [t if t.words >= MIN_WORDS else _EMPTY for t in texts]
    cache, about = workers.cache, (resemblance, containment, shingle_size)
    known = cache.table(EVIDENCE_TABLE, *about) if cache is not None else {}
    before = cache.table(SIMILAR_TABLE, *about) if cache is not None else {}
    least = cache.table(LEAST_TABLE, *about) if cache is not None else {}
    grouping = _Grouping(ordered, keys, comparable, resemblance, containment, known, least)
    for i, j in _exact_pairs(keys):
        grouping.join(i, j)
    for i, j in _candidates(grouping, before, workers):
        if grouping.copies(i, j):
            grouping.join(i, j)
    kept: list[Article] = []
    copies: list[Copy] = []
    for members in grouping.groups():
        for canonical, folded in grouping.fold(members):
            copies.extend(folded)
            # The same object when nothing was folded into it: the results cache
            # remembers an article's digest while the object lives (cache.py), so
            # extraction's keys reuse the ones this stage's map worked out.
            kept.append(replace(ordered[canonical], copies=tuple(folded))
                        if folded or ordered[canonical].copies else ordered[canonical])
    if cache is not None:
        cache.keep_table(EVIDENCE_TABLE, *about, table=grouping.compared)
        cache.keep_table(SIMILAR_TABLE, *about, table=grouping.similar_table())
        cache.keep_table(LEAST_TABLE, *about, table=grouping.least_table())
    return DedupeResult(tuple(sorted(kept, key=lambda a: a.path)), tuple(copies))


def _candidates(grouping: _Grouping, before: dict[bytes, tuple[bytes, ...]],
                workers: Workers) -> list[tuple[int, int]]:
    """The pairs to confirm, sorted: every pair `surely_paired` may accept, and more.

    `before` holds, for each text of the last build, the texts it was similar to.
    When at most `FEW_CHANGED` texts are new to it, the pairs of the others are
    taken from it, each changed text is compared with all (`pairs_with`), and
    same texts are paired (their pair may never have been asked); otherwise every
    pair is searched (`candidate_pairs`).
    """
    texts, digests = grouping.texts, grouping.digests
    changed = [n for n, digest in enumerate(digests) if digest not in before]
    if not before or len(changed) > FEW_CHANGED:
        first, second = candidate_pairs(texts, grouping.resemblance, grouping.containment,
                                        LEAD_IN_SHARE, workers)
        return list(zip(first.tolist(), second.tolist(), strict=True))
    first, second = pairs_with(texts, changed, grouping.shares, grouping.least())
    pairs = set(zip(first.tolist(), second.tolist(), strict=True))
    holding: dict[bytes, list[int]] = {}
    for n, digest in enumerate(digests):
        if len(texts[n].unique):
            holding.setdefault(digest, []).append(n)
    for digest, same in holding.items():
        pairs.update((a, b) for k, a in enumerate(same) for b in same[k + 1:])
        for partner in before.get(digest, ()):
            pairs.update((min(a, b), max(a, b)) for a in same
                         for b in holding.get(partner, ()) if a != b)
    return sorted(pairs)


def _text_setup(shingle_size: int) -> tuple[int, Vocabulary]:
    """What every article's comparison text needs: the shingle size and the
    process's word ids."""
    return shingle_size, Vocabulary()


def _compared(prepared: tuple[int, Vocabulary],
              article: Article) -> tuple[str | None, ComparisonText]:
    """What one article brings to the comparison: its exact key and comparison text."""
    shingle_size, vocabulary = prepared
    return _exact_key(article), comparison_text(article, shingle_size, vocabulary)


def _text_digest(text: ComparisonText) -> bytes:
    """What a pair's evidence reads of a text (its shingles and their sentences), digested."""
    digest = hashlib.blake2b(text.hashes.tobytes(), digest_size=16)
    digest.update(text.sentence.tobytes())
    return digest.digest()


_EMPTY = ComparisonText(np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int32),
                        np.zeros(0, dtype=np.uint64), 0)


class _Grouping:
    """Union-find over confirmed pairs, with the evidence for each compared pair cached.

    `known` holds the evidence an earlier build found for pairs of texts, by the
    digests of the two texts (None: `could_be_copy` ruled the pair out), and
    `compared` collects it for the pairs of this build: a pair's evidence is a
    function of its two texts only, and a one-article edit changes few pairs.
    """

    def __init__(self, ordered: list[Article], keys: list[str | None],
                 texts: list[ComparisonText], resemblance: float, containment: float,
                 known: dict[tuple[bytes, bytes], Evidence | None] | None = None,
                 least: dict[bytes, int] | None = None) -> None:
        self.ordered, self.keys, self.texts = ordered, keys, texts
        self.resemblance, self.containment = resemblance, containment
        self.shares = QueryShares.of(resemblance, containment, LEAD_IN_SHARE)
        self.parent = list(range(len(ordered)))
        self._evidence: dict[tuple[int, int], Evidence] = {}
        self._known = known or {}
        self.digests = [_text_digest(t) for t in texts]
        self.compared: dict[tuple[bytes, bytes], Evidence | None] = {}
        self._similar: dict[tuple[int, int], bool] = {}
        self._least_before = least or {}
        self._least: list[int] | None = None
        # Which articles each compared sentence occurs in.
        self._sentences = Postings.of([np.unique(np.array(t.keys, dtype=np.int64))
                                       for t in texts])

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        root_i, root_j = self.find(i), self.find(j)
        if root_i != root_j:
            self.parent[max(root_i, root_j)] = min(root_i, root_j)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = {}
        for index in range(len(self.ordered)):
            found.setdefault(self.find(index), []).append(index)
        return list(found.values())

    def evidence(self, i: int, j: int) -> Evidence:
        """The evidence for the pair, with `shorter` relative to (min, max)."""
        pair = (min(i, j), max(i, j))
        if pair not in self._evidence:
            texts = self._texts_of(pair)
            found = self._known.get(texts)
            if found is None:
                found = compare(self.texts[pair[0]], self.texts[pair[1]])
            # Kept even for a pair `could_be_copy` had ruled out: that rules out
            # only pairs whose evidence is no copy, so `copies` answers the same.
            self._evidence[pair] = self.compared[texts] = found
        return self._evidence[pair]

    def exact(self, i: int, j: int) -> bool:
        return self.keys[i] is not None and self.keys[i] == self.keys[j]

    def copies(self, i: int, j: int) -> bool:
        """Exact copies, or similar texts whose shared part is not a template."""
        pair = (min(i, j), max(i, j))
        similar = self.similar(pair)      # asked of exact copies too: the table needs it
        return self.exact(i, j) or (similar and not self._boilerplate(i, j,
                                                                       self._evidence[pair]))

    def similar(self, pair: tuple[int, int]) -> bool:
        """Whether the two texts pass the copy tests and the candidate search is sure to
        pair them: a function of the two texts alone, unlike `copies`, whose template
        test reads the whole corpus."""
        if pair not in self._similar:
            found = self._confirmed(pair)
            self._similar[pair] = found is not None and \
                found.is_copy(self.resemblance, self.containment) and \
                surely_paired(self.texts[pair[0]], self.texts[pair[1]], self.shares)
        return self._similar[pair]

    def least(self) -> list[int]:
        """Each text's `query_least`, taken from the last build's table where it has
        the text: working it out reads every text's shingles (0.08 s at 5,000
        articles, of the 0.11 s comparing one changed text with all takes)."""
        if self._least is None:
            self._least = [self._least_before[digest] if digest in self._least_before
                           else query_least(text, self.shares)
                           for text, digest in zip(self.texts, self.digests, strict=True)]
        return self._least

    def least_table(self) -> dict[bytes, int]:
        """Each text's `query_least`, by its digest, for the next build."""
        return dict(zip(self.digests, self.least(), strict=True))

    def similar_table(self) -> dict[bytes, tuple[bytes, ...]]:
        """For each text, the texts it was found similar to (see `_candidates`)."""
        table: dict[bytes, set[bytes]] = {digest: set() for digest in self.digests}
        for (i, j), similar in self._similar.items():
            if similar:
                table[self.digests[i]].add(self.digests[j])
                table[self.digests[j]].add(self.digests[i])
        return {digest: tuple(sorted(partners)) for digest, partners in table.items()}

    def _confirmed(self, pair: tuple[int, int]) -> Evidence | None:
        """The pair's evidence, or None when `could_be_copy` rules it out."""
        if pair in self._evidence:
            return self._evidence[pair]
        texts = self._texts_of(pair)
        if texts in self._known:
            found = self._known[texts]
        else:
            first, second = self.texts[pair[0]], self.texts[pair[1]]
            found = compare(first, second) if could_be_copy(
                first, second, self.resemblance, self.containment) else None
        self.compared[texts] = found
        if found is not None:
            self._evidence[pair] = found
        return found

    def _texts_of(self, pair: tuple[int, int]) -> tuple[bytes, bytes]:
        return self.digests[pair[0]], self.digests[pair[1]]

    def _boilerplate(self, i: int, j: int, found: Evidence) -> bool:
        """True when what the two share is another article's too, while neither's own
        sentences are: the shared part is a template (a company's "About" section and
        legal notice under different press releases), not a copied article.

        Only asked when the shorter text has sentences of its own: an excerpt or a
        whole copy shares everything. A wire report carried by several outlets is
        not a template, because some other copy also has the sentences one of the
        pair dropped or the other's opening.
        """
        pair = (min(i, j), max(i, j))
        short, long = (pair[1], pair[0]) if found.shorter else pair
        if found.containment >= 1 - OWN_SHARE and found.lead_share == 0:
            return False
        mine, theirs = set(self.texts[short].keys), set(self.texts[long].keys)
        shared, own = mine & theirs, (mine - theirs) | (theirs - mine)
        if not shared or not own:
            return False
        holders = self._sentences.owners_of(np.array(sorted(shared), dtype=np.int64),
                                            MAX_POSTINGS)
        others, counts = np.unique(holders, return_counts=True)
        tally = dict(zip(others.tolist(), counts.tolist(), strict=True))
        thirds = sorted((o for o, n in tally.items() if o not in pair and 2 * n >= len(shared)),
                        key=lambda o: (-tally[o], o))[:THIRDS]
        return bool(thirds) and not any(own & set(self.texts[o].keys) for o in thirds)

    def fold(self, members: list[int]) -> list[tuple[int, list[Copy]]]:
        """Canonical articles of one group and the copies folded into each."""
        fullness = {i: len(self.texts[i].unique) for i in members}
        result: list[tuple[int, list[Copy]]] = []
        remaining = list(members)
        while remaining:
            fullest = max(fullness[i] for i in remaining)
            rank = {i: _richness(self.ordered[i], fullness[i] >= FULL_SHARE * fullest)
                    for i in remaining}
            best = max(remaining, key=lambda i: rank[i])
            folded = [i for i in remaining if i != best and self.copies(i, best)]
            if self._digest(best, folded):
                folded = [i for i in folded if self.exact(i, best)]
            result.append((best, [self._copy(i, best, rank) for i in folded]))
            gone = {best, *folded}
            remaining = [i for i in remaining if i not in gone]
        return result

    def _digest(self, canonical: int, folded: list[int]) -> bool:
        """True when two texts folded into `canonical` sit in parts of it that do not
        overlap: it strings other texts together, and is a copy of none of them."""
        spans = []
        text = self.texts[canonical]
        for i in folded:
            if self.exact(i, canonical):
                continue
            inside = found_in(text.hashes, self.texts[i].unique)
            if inside.any():
                where = text.sentence[inside]
                spans.append((int(where.min()), int(where.max())))
        spans.sort()
        reach = -1
        for start, end in spans:
            if reach >= 0 and start > reach:
                return True
            reach = max(reach, end)
        return False

    def _copy(self, i: int, canonical: int, rank: dict[int, tuple]) -> Copy:
        copy, kept = self.ordered[i], self.ordered[canonical]
        if self.exact(i, canonical):
            return Copy(copy.path, kept.path, "exact", 1.0, 1.0, _why(rank[canonical], rank[i]),
                        copy.source)
        found = self.evidence(i, canonical)
        return Copy(copy.path, kept.path, found.kind, round(found.containment, 3),
                    round(found.jaccard, 3), _why(rank[canonical], rank[i]), copy.source)


def article_text(article: Article) -> str:
    """The body's readable text, markup removed."""
    return " ".join(block.text for block in article.blocks)


def _exact_key(article: Article) -> str | None:
    """A hash of the folded text; short texts add their title (one-line bodies such as
    "Photo gallery below." say nothing about copying). None for an empty body."""
    tokens = words(article_text(article))
    if not tokens:
        return None
    if len(tokens) < MIN_WORDS:
        tokens = [*words(article.title), "|", *tokens]
    return hashlib.sha1(" ".join(tokens).encode()).hexdigest()


def _exact_pairs(keys: list[str | None]) -> list[tuple[int, int]]:
    """Pairs whose exact keys are equal."""
    first_seen: dict[str, int] = {}
    pairs = []
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in first_seen:
            pairs.append((first_seen[key], index))
        else:
            first_seen[key] = index
    return pairs


REASONS = ("fuller text", "front matter", "dated", "names its source", "more metadata",
           "longer body")


def _richness(article: Article, full: bool) -> tuple[bool, bool, bool, bool, int, int]:
    """Prefer the full text, then front matter, a date, a source, more recognised
    metadata, then length. Ties go to the first path (max() keeps the first)."""
    found = sum(bool(x) for x in (article.summary, article.authors, article.tags,
                                  article.alt_titles, article.url))
    return (full, article.format != "plain", article.date is not None,
            article.source is not None, found, len(article.body))


def _why(canonical: tuple, copy: tuple) -> str:
    """The first test of `_richness` the canonical article won on."""
    for reason, mine, theirs in zip(REASONS, canonical, copy, strict=True):
        if mine != theirs:
            return reason
    return "first by path"
