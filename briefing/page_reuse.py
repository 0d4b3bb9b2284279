"""Publishing only the pages that changed: part of the publish stage.

MkDocs has no correct partial build. `mkdocs build --dirty` skips the pages
whose source is older than their HTML, but it then writes a search index of the
rebuilt pages only, and nothing tells it that the frame every page is drawn in
(the theme, the page templates, the config, the build date, the engine) has
changed. briefing knows more: it wrote every page's Markdown, and it remembers
what the published site was built from. So here it decides which pages may be
reused, and the engine builds only the others (`engine_pages`):

- `reusable()`: a page's HTML in the published site is reused when the frame is
  the one that site was built with, the page's Markdown has the same bytes, the
  last build reported no engine problem (a reused page's warnings would be lost)
  and no page went away (a link to it from an unchanged page must be checked).
- `link_reused()`: the reused pages' HTML goes from the published site into the
  new one by hard link (a copy where links are not possible).

The result is byte-identical to a clean build (`tests/test_incremental.py`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def reusable(previous: PublishedPages | None, frame: str, digests: dict[str, str],
             output: Path) -> dict[str, PageRecord]:
    """The pages whose HTML can be taken from the published site at `output`."""
    if previous is None or previous.frame != frame or set(previous.pages) - set(digests):
        return {}
    return {rel: record for rel, record in previous.pages.items()
            if digests[rel] == record.digest and (output / record.output).is_file()}


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
