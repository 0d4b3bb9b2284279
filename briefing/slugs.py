"""Slugs: readable, stable, unique identifiers for pages.

Shared by normalize (article slugs), extract (entity slugs) and the pipeline (which
makes article slugs unique once copies are folded away). A clash is settled by a suffix
derived from the input path, so adding an unrelated file never renames a page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC
from typing import TypeVar

from slugify import slugify

from .model import Article

SLUG_MAX = 80
# Apostrophes join words ("Carney's" -> "carneys") instead of splitting them.
_APOSTROPHES = [["'", ""], ["\u2019", ""], ["\u02bc", ""]]
T = TypeVar("T")


RESERVED = frozenset({"index"})   # kind/index.md is the section's list page


def slugify_title(title: str, fallback: str = "") -> str:
    """A lowercase ASCII slug cut at a word boundary; falls back to a slug of `fallback`.

    A reserved name gets `-page` appended, so no page can replace a section index.
    """
    slug = slugify(title, max_length=SLUG_MAX, word_boundary=True, replacements=_APOSTROPHES)
    if not slug and fallback:
        slug = slugify(fallback, max_length=SLUG_MAX, word_boundary=True,
                       replacements=_APOSTROPHES)
    slug = slug or "untitled"
    return f"{slug}-page" if slug in RESERVED else slug


def disambiguate(slug: str, key: str) -> str:
    """`slug` with a short suffix taken from a hash of `key` (the input path)."""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}"


def claim_slug(name: str, key: str, taken: set[str]) -> str:
    """A slug for `name` not yet in `taken` (suffixed from `key` on a clash), now taken."""
    slug = slugify_title(name)
    if slug in taken:
        slug = disambiguate(slug, key)
    taken.add(slug)
    return slug


def unique_article_ids(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Give clashing slugs a path-derived suffix.

    The earliest-dated article keeps the plain slug (then undated ones, by path):
    coverage arrives later than what it clashes with, so a new file takes the
    suffix and published URLs stay put. `slug:` in front matter pins a URL for good.
    """
    ordered = sorted(articles, key=_seniority)
    taken: set[str] = set()
    result: list[Article] = []
    for article in ordered:
        slug = slugify_title(article.id, article.path)
        if slug in taken:
            slug = disambiguate(slug, article.path)
        taken.add(slug)
        result.append(article if slug == article.id else replace(article, id=slug))
    return tuple(sorted(result, key=lambda a: a.path))


def _seniority(article: Article) -> tuple[bool, bool, str, str]:
    """A `slug:` from front matter first, then dated before undated, earlier first, by path."""
    when = article.date.astimezone(UTC).isoformat() if article.date else ""
    pinned = article.inferred.get("slug") == "front matter"
    return (not pinned, article.date is None, when, article.path)
