"""Dedupe stage: articles -> canonical articles, each keeping its copies' provenance.

Exact copies share a folded text key; near copies are found with MinHash LSH over
word shingles (datasketch) and confirmed by their true Jaccard similarity, so the
result never depends on LSH's false positives. Copies are folded into the richest
version (front matter, date, source, length), which keeps every copy's path.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from datasketch import MinHash, MinHashLSH

from .folding import words
from .model import Article, Copy

NUM_PERM = 128
LSH_MARGIN = 0.1   # query LSH below the threshold, then confirm exactly
MIN_WORDS = 25     # shorter texts are compared with their titles, and never as near copies


@dataclass(frozen=True)
class DedupeResult:
    """Canonical articles (copies attached) and every copy found."""

    articles: tuple[Article, ...]
    copies: tuple[Copy, ...]


def dedupe_articles(articles: tuple[Article, ...], threshold: float,
                    shingle_size: int) -> DedupeResult:
    """Group exact and near copies and keep one canonical article per group.

    Candidate pairs are joined into groups, but a member is folded only when it is
    itself similar enough to the group's canonical article: a chain of updates,
    each close to the next, does not collapse into its first version.
    """
    ordered = sorted(articles, key=lambda a: a.path)
    keys = [_exact_key(a) for a in ordered]
    shingles = [shingle_set(article_text(a), shingle_size) if len(words(article_text(a)))
                >= MIN_WORDS else frozenset() for a in ordered]
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = [(i, j) for i, j in _exact_pairs(keys)]
    pairs += [(i, j) for i, j, _ in _near_pairs(shingles, threshold)]
    for i, j in pairs:
        root_i, root_j = find(i), find(j)
        if root_i != root_j:
            parent[max(root_i, root_j)] = min(root_i, root_j)
    groups: dict[int, list[int]] = {}
    for index in range(len(ordered)):
        groups.setdefault(find(index), []).append(index)
    kept: list[Article] = []
    copies: list[Copy] = []
    for members in groups.values():
        remaining = members
        while remaining:
            best = max(remaining, key=lambda i: _richness(ordered[i]))
            group_copies = []
            for other in remaining:
                if other == best:
                    continue
                exact = keys[other] is not None and keys[other] == keys[best]
                score = 1.0 if exact else jaccard(shingles[best], shingles[other])
                if exact or score >= threshold:
                    group_copies.append(Copy(ordered[other].path, ordered[best].path,
                                             "exact" if exact else "near", round(score, 3),
                                             ordered[other].source))
            folded = {c.path for c in group_copies} | {ordered[best].path}
            remaining = [i for i in remaining if ordered[i].path not in folded]
            copies.extend(group_copies)
            kept.append(replace(ordered[best], copies=tuple(group_copies)))
    return DedupeResult(tuple(sorted(kept, key=lambda a: a.path)), tuple(copies))


def article_text(article: Article) -> str:
    """The text compared for duplicates: the body's readable text, markup removed."""
    return " ".join(block.text for block in article.blocks)


def shingle_set(text: str, size: int) -> frozenset[str]:
    """Word n-grams of the folded text (the whole text when it is shorter than n)."""
    tokens = words(text)
    if len(tokens) <= size:
        return frozenset([" ".join(tokens)]) if tokens else frozenset()
    return frozenset(" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B|, 0 for two empty sets."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


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


def _near_pairs(shingles: list[frozenset[str]], threshold: float
                ) -> list[tuple[int, int, float]]:
    """Pairs at or above `threshold` Jaccard, found by LSH and confirmed exactly."""
    lsh = MinHashLSH(threshold=max(0.05, threshold - LSH_MARGIN), num_perm=NUM_PERM)
    pairs = []
    for index, items in enumerate(shingles):
        if not items:
            continue
        signature = MinHash(num_perm=NUM_PERM)
        signature.update_batch([item.encode("utf-8") for item in items])
        for other in sorted(int(key) for key in lsh.query(signature)):
            score = jaccard(items, shingles[other])
            if score >= threshold:
                pairs.append((other, index, score))
        lsh.insert(str(index), signature)
    return pairs


def _richness(article: Article) -> tuple[bool, bool, bool, int, int]:
    """Prefer front matter, a date, a source, then more recognised metadata, then length.

    Ties go to the first path: members are in path order and max() keeps the first.
    """
    found = sum(bool(x) for x in (article.summary, article.authors, article.tags,
                                  article.alt_titles, article.url))
    return (
        article.format != "plain",
        article.date is not None,
        article.source is not None,
        found,
        len(article.body),
    )
