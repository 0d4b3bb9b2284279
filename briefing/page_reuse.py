"""Publishing only the pages that changed: part of the publish stage.

MkDocs has no correct partial build. `mkdocs build --dirty` skips the pages
whose source is older than their HTML, but it then writes a search index of the
rebuilt pages only, and nothing tells it that the frame every page is drawn in
(the theme, the page templates, the config, the build date, the engine) has
changed. briefing knows more: it wrote every page's Markdown, and it remembers
what the published site was built from. So here it decides which pages may be
reused, and the engine builds only the others:

- `reusable()`: a page's HTML in the published site is reused when the frame is
  the one that site was built with, the page's Markdown has the same bytes, the
  last build reported no engine problem (a reused page's warnings would be lost)
  and no page went away (a link to it from an unchanged page must be checked).
- `ReusePages`, an engine plugin (MkDocs or ProperDocs): marks reused pages as
  unmodified for the engine's dirty build, keeps each built page's search
  entries, and puts the reused pages' entries back from the last build in the
  order a clean build writes them, so the search index is whole.
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

from .engines import plugin_api

REUSABLE_ENGINES = ("mkdocs", "properdocs")    # engines that take the plugin below


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


def reuse_plugin(engine: str, reused: dict[str, PageRecord]) -> Any:
    """A `ReusePages` plugin for `engine`, which only takes its own plugin class."""
    base, event_priority = plugin_api(engine)
    # Run before the search plugin notes a page, and before it writes the index.
    cls = type("ReusePages", (_ReusePagesMixin, base), {
        "on_page_context": event_priority(100)(_ReusePagesMixin.on_page_context),
        "on_post_build": event_priority(100)(_ReusePagesMixin.on_post_build),
    })
    return cls(reused)


class _ReusePagesMixin:
    """The engine plugin's events (see the module docstring)."""

    def __init__(self, reused: dict[str, PageRecord]) -> None:
        super().__init__()
        self.reused = reused
        self.order: list[str] = []
        self.outputs: dict[str, str] = {}
        self.built: dict[str, tuple[dict[str, Any], ...]] = {}
        self._start = 0

    def on_files(self, files: Any, config: Any) -> Any:
        """Note every page in the engine's order; mark the reused ones unmodified."""
        for file in files.documentation_pages():
            self.order.append(file.src_uri)
            self.outputs[file.src_uri] = file.dest_uri
            if file.src_uri in self.reused:
                file.is_modified = _unmodified
        return files

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """Where this page's search entries will start."""
        self._start = len(_search_entries(config))
        return context

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """Keep the search entries the search plugin made for this page."""
        self.built[page.file.src_uri] = tuple(_search_entries(config)[self._start:])
        return output

    def on_post_build(self, config: Any) -> None:
        """Give the search plugin every page's entries, in the engine's page order."""
        entries = _search_entries(config)
        entries[:] = [entry for rel in self.order for entry in self.entries_of(rel)]

    def entries_of(self, rel: str) -> tuple[dict[str, Any], ...]:
        """A page's search entries: as just built, or as the last build made them."""
        if rel in self.built:
            return self.built[rel]
        record = self.reused.get(rel)
        return record.entries if record is not None else ()

    def published(self, frame: str, digests: dict[str, str]) -> PublishedPages:
        """What the site just built was made from, for the next build to compare."""
        return PublishedPages(frame, {rel: PageRecord(digests.get(rel, ""), self.outputs[rel],
                                                      self.entries_of(rel))
                                      for rel in self.order})


def _unmodified() -> bool:
    """`File.is_modified` of a reused page: the engine's dirty build skips it."""
    return False


def _search_entries(config: Any) -> list[dict[str, Any]]:
    """The search plugin's list of entries (Material's `entries`, MkDocs' `_entries`)."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None:
            return index.entries if hasattr(index, "entries") else index._entries
    return []


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
