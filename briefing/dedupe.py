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


@dataclass(frozen=True)
class DedupeResult:
    """Canonical articles (copies attached) and every copy found."""

    articles: tuple[Article, ...]
    copies: tuple[Copy, ...]


def dedupe_articles(articles: tuple[Article, ...], threshold: float,
                    shingle_size: int) -> DedupeResult:
    """Group exact and near copies and keep one canonical article per group."""
    ordered = sorted(articles, key=lambda a: a.path)
    shingles = [shingle_set(article_text(a), shingle_size) for a in ordered]
    parent = list(range(len(ordered)))
    similarity: dict[tuple[int, int], float] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int, score: float) -> None:
        similarity[(min(i, j), max(i, j))] = score
        root_i, root_j = find(i), find(j)
        if root_i != root_j:
            parent[max(root_i, root_j)] = min(root_i, root_j)

    for i, j in _exact_pairs(ordered):
        union(i, j, 1.0)
    for i, j, score in _near_pairs(shingles, threshold):
        union(i, j, score)
    groups: dict[int, list[int]] = {}
    for index in range(len(ordered)):
        groups.setdefault(find(index), []).append(index)
    kept: list[Article] = []
    copies: list[Copy] = []
    for members in groups.values():
        best = max(members, key=lambda i: _richness(ordered[i]))
        group_copies = []
        for other in sorted(members, key=lambda i: ordered[i].path):
            if other == best:
                continue
            pair = (min(best, other), max(best, other))
            score = similarity[pair] if pair in similarity else \
                jaccard(shingles[best], shingles[other])
            kind = "exact" if score >= 1.0 else "near"
            group_copies.append(Copy(ordered[other].path, ordered[best].path, kind,
                                     round(score, 3)))
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


def _exact_pairs(ordered: list[Article]) -> list[tuple[int, int]]:
    """Pairs whose folded text is identical."""
    first_seen: dict[str, int] = {}
    pairs = []
    for index, article in enumerate(ordered):
        text = " ".join(words(article_text(article)))
        if not text:
            continue  # an empty body is no evidence of copying
        key = hashlib.sha1(text.encode()).hexdigest()
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


def _richness(article: Article) -> tuple[bool, bool, bool, int]:
    """Prefer front matter, a date, a source, then the longer text.

    Ties go to the first path: members are in path order and max() keeps the first.
    """
    return (
        article.format != "plain",
        article.date is not None,
        article.source is not None,
        len(article.body),
    )
