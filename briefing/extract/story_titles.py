"""Story titles written from the story's articles, not borrowed from a messy one.

Part of the extract stage (stories). Every headline the story's articles offer
(titles, alternative headlines, and headings near the top of a pasted page,
where the real headline often sits under the site's furniture) is cleaned of
site names and desk labels ("| Business News", "(LEAD)", "[News Today]",
"BREAKING:") and scored against the story: the cosine of its TF-IDF vector with
the mean vector of the story's articles. The most representative headline wins.
All stories' candidate headlines are vectorised in one batch, from term counts
each article's candidates were given when the workers counted its terms
(`headlines`, kept by the results cache with them).
When no headline says what the story is about, the title is built from the
story's key terms and its dates.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix

from ..dates import format_day
from ..model import Article, BlockKind
from .tfidf import TermCounts, Tfidf, term_counts

HEADING_WINDOW = 15        # headings this close to the top may be the page's headline
MIN_WORDS, MAX_WORDS = 4, 25
MAX_CHARACTERS = 200
MIN_SCORE = 0.1            # a headline less like the story than this does not name it
KEY_TERMS = 3
SITE_NAME_WORDS = 5        # a trailing " - Name Of Site" has at most this many words
SITE_NAME_JOINERS = frozenset({"and", "of", "the", "for", "&", "de", "du", "la", "on"})
LEADING_LABEL = re.compile(r"(?:[\[(][^\[\]()]{1,40}[\])]|[A-Z][A-Z ]{2,20}:|UPDATE \d{1,2} ?-)\s*")
MAX_LABEL = 40             # characters inside a bracketed tag
# Words that mark a photo caption or credit, which pasted pages leave near the top.
CAPTION_CUES = ("©", "photo", "image", "getty", "file:", "credit", "reuters/", "afp/")
PIPE = " | "
DASHES = (" - ", " – ", " — ")


# An article's candidate headlines, each with its term counts.
Headlines = tuple[tuple[str, TermCounts], ...]


@dataclass(frozen=True)
class StoryTitle:
    """A title and how it was found."""

    text: str
    how: str          # "headline of <path>" or "key terms"


def clean_headline(text: str) -> str:
    """The headline without site names, desk labels and version tags."""
    text = " ".join(text.split())
    if PIPE in text:
        parts = text.split(PIPE)
        kept = [part for part in parts if not _site_name(part)]
        text = max(kept, key=lambda part: len(part.split())) if kept else parts[0]
    for dash in DASHES:
        head, found, tail = text.rpartition(dash)
        if found and head and _site_name(tail):
            text = head
    while (match := LEADING_LABEL.match(text)) and match.end() < len(text):
        text = text[match.end():]
    while (end := _trailing_label(text)) is not None and end > 0:
        text = text[:end]
    return text.strip(" -–—:|")


def headline_like(text: str) -> bool:
    """A line that can name a story: a few words to a sentence, not a byline, a shout,
    a photo caption or menu items run together (`SectionsWorldAsiaAmericas`)."""
    words = text.split()
    return (MIN_WORDS <= len(words) <= MAX_WORDS and len(text) <= MAX_CHARACTERS
            and not text.lower().startswith("by ") and any(w[:1].islower() for w in words)
            and sum(w[:1].isalpha() for w in words) >= MIN_WORDS - 1
            and not any(_glued(w) for w in words)
            and not any(cue in text.lower() for cue in CAPTION_CUES))


def headlines(article: Article) -> Headlines:
    """The article's candidate headlines with their term counts (for the workers)."""
    return tuple((text, term_counts(text)) for text in _candidates(article))


def story_titles(stories: list[list[Article]], vectors: csr_matrix, members: list[list[int]],
                 model: Tfidf, dates: list[date | None],
                 offers: list[Headlines]) -> list[StoryTitle]:
    """For each story (its articles, and their rows in `vectors`, `dates` and `offers`,
    the articles' `headlines`), the most representative clean headline, else its key
    terms and dates.

    Centroids stay sparse (the words of the story's articles only) and the vocabulary
    is listed once: a dense vector per story would make the work grow with the number
    of stories times the corpus vocabulary, i.e. with the square of the corpus.
    """
    offered = [[(text, counts, article.path) for article, i in zip(group, indices, strict=True)
                for text, counts in offers[i]]
               for group, indices in zip(stories, members, strict=True)]
    counted = [counts for candidates in offered for _, counts, _ in candidates]
    rows = model.transform_counts(counted) if counted else None
    titles: list[StoryTitle] = []
    position = 0
    for candidates, indices in zip(offered, members, strict=True):
        terms, weights = _centroid(vectors, indices)
        best: tuple[float, int, str, str] | None = None
        for text, _, path in candidates:
            assert rows is not None
            score = _dot(rows, position, terms, weights)
            position += 1
            key = (score, -len(text), text, path)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is not None and best[0] >= MIN_SCORE:
            titles.append(StoryTitle(best[2], f"headline of {best[3]}"))
        else:
            titles.append(StoryTitle(_from_key_terms(terms, weights, model.terms,
                                                     [dates[i] for i in indices]), "key terms"))
    return titles


def _centroid(vectors: csr_matrix, indices: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """The mean of the rows `indices` as its nonzero columns (ascending) and their values.
    The rows are sliced from the matrix's arrays: selecting them (`vectors[indices]`)
    took a third of the titles' time, most stories being one or two articles."""
    starts, ends = vectors.indptr[indices], vectors.indptr[np.add(indices, 1)]
    columns = np.concatenate([vectors.indices[a:b] for a, b in zip(starts, ends, strict=True)])
    values = np.concatenate([vectors.data[a:b] for a, b in zip(starts, ends, strict=True)])
    terms, where = np.unique(columns, return_inverse=True)
    return terms, np.bincount(where, weights=values, minlength=len(terms)) / len(indices)


def _dot(rows: csr_matrix, row: int, terms: np.ndarray, weights: np.ndarray) -> float:
    """Row `row` of `rows` times the sparse vector (`terms`, `weights`)."""
    start, end = rows.indptr[row], rows.indptr[row + 1]
    columns, values = rows.indices[start:end], rows.data[start:end]
    if not len(terms) or not len(columns):
        return 0.0
    at = np.minimum(np.searchsorted(terms, columns), len(terms) - 1)
    hit = terms[at] == columns
    return float(np.dot(values[hit], weights[at[hit]]))


def _candidates(article: Article) -> Iterator[str]:
    """Clean, headline-like lines the article offers, each once: its title and other
    headlines, and near the top of the body the first heading and, above the first
    paragraph that ends with a full stop, the first line that could be a headline
    (where pasted pages keep it)."""
    seen: set[str] = set()
    top = article.blocks[:HEADING_WINDOW]
    heading = next((t for b in top if b.kind is BlockKind.HEADING
                    and headline_like(t := clean_headline(b.text))), "")
    body = next((n for n, b in enumerate(top) if b.text.endswith(".")), 0)
    line = next((t for b in top[:body] if b.kind is BlockKind.PARAGRAPH
                 and headline_like(t := clean_headline(b.text))), "")
    for raw in (article.title, *article.alt_titles, heading, line):
        text = clean_headline(raw)
        if headline_like(text) and text not in seen:
            seen.add(text)
            yield text


def _from_key_terms(terms: np.ndarray, weights: np.ndarray, names: tuple[str, ...],
                    dates: list[date | None]) -> str:
    """`Strike, dockworkers, Meridan: 9–14 March 2026` from the heaviest terms
    (ties in vocabulary order)."""
    order = np.argsort(-weights, kind="stable")
    words = [str(names[terms[i]]) for i in order[:KEY_TERMS * 4]
             if weights[i] > 0 and not str(names[terms[i]]).isdigit()][:KEY_TERMS]
    known = sorted(d for d in dates if d is not None)
    when = ""
    if known:
        first, last = known[0], known[-1]
        when = format_day(first) if first == last else \
            f"{format_day(first)} to {format_day(last)}"
    text = ", ".join(words).capitalize() if words else "Untitled story"
    return f"{text}: {when}" if when else text


def _glued(word: str) -> bool:
    """Three or more lower-to-upper case steps in one word: page items run together."""
    return sum(a.islower() and b.isupper() for a, b in itertools.pairwise(word)) >= 3


def _site_name(text: str) -> bool:
    """A short run of capitalised words: `BBC News`, `Business and Economy News`."""
    words = text.split()
    return 0 < len(words) <= SITE_NAME_WORDS and all(
        w[:1].isupper() or w[:1].isdigit() or w in SITE_NAME_JOINERS for w in words)


def _trailing_label(text: str) -> int | None:
    """Where a bracketed tag at the very end of `text` starts (`(Video)`, `[August 2023]`)."""
    if not text.endswith((")", "]")):
        return None
    opening = max(text.rfind("("), text.rfind("["))
    inner = text[opening + 1:-1]
    if opening <= 0 or not 0 < len(inner) <= MAX_LABEL or any(c in inner for c in "()[]"):
        return None
    return len(text[:opening].rstrip())
