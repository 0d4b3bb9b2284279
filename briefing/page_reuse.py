"""Publishing only the pages that changed: part of the publish stage.

MkDocs has no correct partial build. `mkdocs build --dirty` skips the pages
whose source is older than their HTML, but it then writes a search index of the
rebuilt pages only, and nothing tells it that the frame every page is drawn in
(the theme, the page templates, the config, the build date, the engine) has
changed. briefing knows more: it wrote every page's Markdown, and it remembers
what the published site was built from. So here it decides which pages may be
reused, and the engine builds only the others (`engine_pages`):

- `reusable()`: a page's HTML in the published site is reused when the frame is
  the one that site was built with, the page's Markdown has the same bytes, and
  it does not name a page that went away (its link to that page must be
  checked); `publish` reuses nothing when the last build reported an engine
  problem (a reused page's warnings would be lost).
- `link_reused()`: the reused pages' HTML goes from the published site into the
  new one by hard link (a copy where links are not possible).

The result is byte-identical to a clean build (`tests/test_incremental.py`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import ahocorasick

REUSABLE_ENGINES = ("mkdocs", "properdocs")    # engines that take `engine_pages`' plugin


@dataclass(frozen=True)
class PageRecord:
    """One published page: its Markdown's digest, its HTML file and search entries."""

    digest: str
    output: str
    entries: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class PublishedPages:
    """What each page of a published site was built from, under one frame."""

    frame: str
    pages: dict[str, PageRecord]


def page_digests(pages: dict[str, str]) -> dict[str, str]:
    """The digest of each Markdown page's bytes (assets are copied, never reused)."""
    return {rel: hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
            for rel, text in pages.items() if rel.endswith(".md")}


def reusable(previous: PublishedPages | None, frame: str, pages: dict[str, str],
             digests: dict[str, str], output: Path) -> dict[str, PageRecord]:
    """The pages whose HTML can be taken from the published site at `output`.

    A page that went away may be linked from a page whose Markdown did not change
    (a template's own link): such a page is built again, so the engine checks
    the link. Which pages those are is found by name: any page whose Markdown
    mentions the name of a page that went away ("old-story" of
    `stories/old-story.md`, in a Markdown link or a raw HTML one)."""
    if previous is None or previous.frame != frame:
        return {}
    gone = _names_of(set(previous.pages) - set(digests))
    return {rel: record for rel, record in previous.pages.items()
            if digests.get(rel) == record.digest and (output / record.output).is_file()
            and not (gone is not None and _mentions(gone, pages[rel]))}


def _names_of(gone: set[str]) -> ahocorasick.Automaton | None:
    """An automaton finding the names of the pages that went away, in one pass
    over a page however many went away."""
    if not gone:
        return None
    automaton = ahocorasick.Automaton()
    for name in sorted({PurePosixPath(rel).stem for rel in gone}):
        automaton.add_word(name, name)
    automaton.make_automaton()
    return automaton


def _mentions(names: ahocorasick.Automaton, text: str) -> bool:
    """Whether `text` holds any of the names."""
    return next(names.iter(text), None) is not None


def link_reused(reused: dict[str, PageRecord], output: Path, staging: Path) -> None:
    """Put the reused pages' HTML from the published site into the staged one."""
    for record in reused.values():
        target = staging / record.output
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(output / record.output, target)
        except OSError:                  # another file system, or no hard links
            shutil.copy2(output / record.output, target)
