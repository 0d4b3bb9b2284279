"""Lines many files share: the menus, section names and buttons of the pages pasted.

Part of the normalize stage, run once over the whole corpus before any document
is normalized (the way trafilatura counts segments): a short line that is not a
sentence and appears in several files is page chrome, whatever its words.
`repeated_lines()` is pure; `Normalizer.from_config` counts the `countable_keys`
of every pasted document (worked out by the workers, and kept by the results
cache) and passes the result to each document's normalization.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..folding import fold
from .line_shapes import ends_sentence, words

MAX_WORDS = 5
MAX_CHARS = 60


def line_key(line: str) -> str:
    """The comparison key of a line: its folded words."""
    return " ".join(words(fold(line)))


def is_countable(line: str) -> bool:
    """Short and not a sentence: only such lines can be chrome by repetition."""
    text = line.strip()
    return 0 < len(text) <= MAX_CHARS and 0 < len(words(text)) <= MAX_WORDS \
        and not ends_sentence(text)


def repeated_lines(texts: Iterable[str], min_files: int) -> frozenset[str]:
    """Keys of the short lines found in at least `min_files` of `texts` (0: none)."""
    return repeated_keys((countable_keys(text) for text in texts), min_files)


def countable_keys(text: str) -> tuple[str, ...]:
    """The keys of `text`'s countable lines, each once, sorted: one file's part of
    `repeated_lines`, which the results cache can keep."""
    return tuple(sorted({line_key(line) for line in text.split("\n") if is_countable(line)}))


def repeated_keys(per_file: Iterable[Iterable[str]], min_files: int) -> frozenset[str]:
    """The keys found in at least `min_files` of the files' `countable_keys` (0: none)."""
    if min_files <= 0:
        return frozenset()
    counts: Counter[str] = Counter()
    for keys in per_file:
        counts.update(keys)
    return frozenset(key for key, count in counts.items() if count >= min_files and key)
