"""Which pages one run of the engine builds: part of the publish stage.

MkDocs and ProperDocs build every page in one process, and their dirty build
(`--dirty`) skips pages but then writes a search index of the built pages only.
briefing runs them on a subset of the pages instead, for two reasons: pages
reused from the published site (`page_reuse`), and the pages another process
builds at the same time (`publish` splits a large build in two on a machine with
two cores or more). `EnginePages`, a plugin briefing hands the engine:

- marks every page it must not build as unmodified for the engine's dirty build;
- passes pages written in HTML (`html_pages`) through without converting them,
  giving the engine their table of contents and anchors;
- keeps each page's search entries as the search plugin makes them (Material's
  plugin reading the pages with `search_sections`, which finds the sections its
  parser would, several times as fast);
- keeps them as the search plugin writes them (`search_json`), for the next
  build and from the other process;
- before the search plugin writes the index, gives it every page's entries in
  the engine's page order, the skipped ones taken from `entries_elsewhere()`
  (the last build's, the other process's), so the index is the one a clean build
  writes. Material's index is written as it writes it, with each page's kept
  JSON put in place (`_spliced`): reading the 38 MB of entries of 5,000
  articles back from the last build's record, encoding them again and writing
  the record took 0.6 s timed apart (a one-article rebuild published 0.2 s
  sooner without). Any other search plugin is given the entries.

`build_pages()` runs the engine on every page but the reused ones: on a machine
with a pool of worker processes (`Workers.spawn`), half of them in a worker
(`build_part()`, into a folder of its own, whose pages are then moved into the
site) while this process builds the other half and writes the search index.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .cache import KeptTemplates
from .diagnostics import Diagnostic, error
from .engines import plugin_api, run_engine, toc_builder
from .executors import Workers
from .html_pages import HTML_PAGE, anchor_ids, toc_tokens

PART_DIR = "part"       # in the build folder: the pages a worker process built

Entries = tuple[dict[str, Any], ...]
_NO_DOCS = '"docs":[]}'   # how Material's index of no pages ends


def search_json(entries: Entries) -> str:
    """A page's search entries as the search plugins write them into the index
    (`json.dumps` with these separators), without the list's brackets: what a later
    build puts in place for a page it reuses (`_spliced`)."""
    return json.dumps(list(entries), separators=(",", ":"), default=str)[1:-1]


def _entries(search: str) -> Entries:
    """The entries `search_json` wrote."""
    return tuple(json.loads(f"[{search}]")) if search else ()


@dataclass(frozen=True)
class BuiltPart:
    """What one run of the engine built: problems, each page's HTML file and search
    entries (`search_json`)."""

    problems: tuple[Diagnostic, ...]
    outputs: dict[str, str]
    search: dict[str, str]


def engine_pages(engine: str, skip: frozenset[str],
                 entries_elsewhere: Callable[[], dict[str, str]],
                 compiled: Path | None = None) -> Any:
    """An `EnginePages` plugin for `engine`, which only takes its own plugin class
    (keeping the theme's compiled templates in `compiled`, if given)."""
    base, event_priority = plugin_api(engine)
    # Run before the search plugin notes a page, and before it writes the index; take
    # an HTML page's source after other plugins and give its HTML back before them.
    cls = type("EnginePages", (_EnginePagesEvents, base), {
        "on_page_context": event_priority(100)(_EnginePagesEvents.on_page_context),
        "on_post_build": event_priority(100)(_EnginePagesEvents.on_post_build),
        "on_page_markdown": event_priority(-100)(_EnginePagesEvents.on_page_markdown),
        "on_page_content": event_priority(100)(_EnginePagesEvents.on_page_content),
    })
    return cls(skip, entries_elsewhere, toc_builder(engine), compiled)


def build_pages(engine: str, config_file: Path, build_date: datetime, staging: Path,
                names: Sequence[str], reused: dict[str, str], workers: Workers,
                compiled: Path | None = None) -> tuple[list[Diagnostic], Any, int]:
    """Build every page of `names` but the `reused` ones (with their search entries,
    `search_json`) into `staging`, half of them in a worker process when `workers`
    has a pool here, keeping the theme's compiled templates in `compiled`. Returns
    the engine's problems (in a fixed order, however the pages were shared), the
    plugin, which knows each page's HTML file and search entries, and how many
    processes built."""
    to_build = [rel for rel in names if rel not in reused]
    share = frozenset(to_build[1::2])
    part_dir = config_file.parent / PART_DIR
    future = workers.spawn(build_part, engine, str(config_file), str(part_dir), build_date,
                           frozenset(names) - share, compiled,
                           items=len(to_build)) if share else None
    parts: list[BuiltPart] = []

    def entries_elsewhere() -> dict[str, str]:
        if future is not None and not parts:
            parts.append(_finished(future))
        return {**reused, **(parts[0].search if parts else {})}

    plugin = engine_pages(engine, frozenset(reused) | (share if future else frozenset()),
                          entries_elsewhere, compiled)
    problems = run_engine(engine, config_file, build_date, plugin,
                          dirty=bool(reused) or future is not None)
    if future is not None:
        entries_elsewhere()             # the engine failed before asking: wait anyway
        problems += parts[0].problems
        _move_pages(parts[0].outputs, part_dir, staging)
        shutil.rmtree(part_dir, ignore_errors=True)
    return (sorted(problems, key=lambda p: (p.severity.value, p.message)), plugin,
            1 if future is None else 2)


def build_part(engine: str, config_file: str, site_dir: str, build_date: datetime,
               skip: frozenset[str], compiled: Path | None = None) -> BuiltPart:
    """Build every page but `skip` into `site_dir` (in a worker process)."""
    plugin = engine_pages(engine, skip, dict, compiled)
    problems = run_engine(engine, Path(config_file), build_date, plugin, dirty=True,
                          site_dir=site_dir)
    return BuiltPart(tuple(problems), {rel: plugin.outputs[rel] for rel in plugin.built},
                     {rel: plugin.search_of(rel) for rel in plugin.built})


class _EnginePagesEvents:
    """The plugin's events (see the module docstring)."""

    def __init__(self, skip: frozenset[str], entries_elsewhere: Callable[[], dict[str, str]],
                 get_toc: Callable[[list[dict[str, Any]]], Any],
                 compiled: Path | None = None) -> None:
        super().__init__()
        self.skip = skip
        self.compiled = compiled
        self.entries_elsewhere = entries_elsewhere
        self.get_toc = get_toc
        self.html: dict[str, str] = {}
        self.order: list[str] = []
        self.outputs: dict[str, str] = {}
        self.built: dict[str, Entries] = {}
        self.elsewhere: dict[str, str] = {}
        self._search: dict[str, str] = {}
        self._start = 0
        self._reading_quickly = False

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """Keep the theme's compiled templates between builds, in `compiled`, a
        `templates_folder` the build's process worked out."""
        if self.compiled is not None:
            env.bytecode_cache = KeptTemplates(self.compiled)
        return env

    def on_files(self, files: Any, config: Any) -> Any:
        """Note every page in the engine's order; mark the skipped ones unmodified."""
        for file in files.documentation_pages():
            self.order.append(file.src_uri)
            self.outputs[file.src_uri] = file.dest_uri
            if file.src_uri in self.skip:
                file.is_modified = _unmodified
        return files

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        """Keep an HTML page's source aside and give the engine nothing to convert,
        nor a converter to make for it (`_render_nothing`)."""
        if page.meta.get(HTML_PAGE) is not True:
            return markdown
        self.html[page.file.src_uri] = markdown
        page.render = _render_nothing(page, self.get_toc)
        return ""

    def on_page_content(self, content: str, page: Any, config: Any, files: Any) -> str:
        """An HTML page's source as its content, with the table of contents and the
        anchors the engine's toc extension and link checks would have found."""
        source = self.html.pop(page.file.src_uri, None)
        if source is None:
            return content
        page.toc = self.get_toc(toc_tokens(source))
        page.present_anchor_ids = anchor_ids(source)
        return source

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """Where this page's search entries will start (and, before the first page,
        have Material's search index read pages quickly)."""
        if not self._reading_quickly:
            # Imported here, as the engines are (`engines.py`): it imports Material,
            # which no command but a build needs (50 ms at every start).
            from .search_sections import read_quickly

            self._reading_quickly = True
            read_quickly(_search_index(config))
        self._start = len(_search_entries(config))
        return context

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """Keep the search entries the search plugin made for this page (none for a page
        whose front matter says `search: exclude: true`, which MkDocs' own search
        plugin, unlike Material's, indexes anyway)."""
        excluded = (page.meta.get("search") or {}).get("exclude") is True
        self.built[page.file.src_uri] = () if excluded else \
            tuple(_search_entries(config)[self._start:])
        return output

    def on_post_build(self, config: Any) -> None:
        """Give the search plugin every page's entries, in the engine's page order:
        Material's as their JSON (`_spliced`), any other's as entries."""
        self.elsewhere = self.entries_elsewhere()
        index = _search_index(config)
        if index is None:
            return
        if type(index).__module__.startswith("material.") and hasattr(index, "entries"):
            index.generate_search_index = functools.partial(
                _spliced, index.generate_search_index, index,
                [self.search_of(rel) for rel in self.order])
        else:
            _search_entries(config)[:] = [entry for rel in self.order
                                          for entry in self.entries_of(rel)]

    def entries_of(self, rel: str) -> Entries:
        """A page's search entries: as built here, or as built elsewhere."""
        return self.built[rel] if rel in self.built else _entries(self.elsewhere.get(rel, ""))

    def search_of(self, rel: str) -> str:
        """A page's search entries as `search_json` writes them."""
        if rel not in self.built:
            return self.elsewhere.get(rel, "")
        if rel not in self._search:
            self._search[rel] = search_json(self.built[rel])
        return self._search[rel]


def _spliced(generate: Callable[[Any], str], index: Any, pieces: list[str], prev: Any) -> str:
    """What Material's `generate_search_index` writes with `pieces` (each page's
    `search_json`) as its entries: its JSON of no entries, with the pieces put
    where the entries go. Material writes the list with the same `json.dumps`, so
    the bytes are those it would write (a test compares them). A reload's merged
    index (`prev`), or an index that does not end as expected, is written by
    Material from the entries."""
    if prev is None:
        index.entries = []
        empty = generate(None)
        if empty.endswith(_NO_DOCS):
            joined = ",".join(piece for piece in pieces if piece)
            return f"{empty[:-len(_NO_DOCS)]}\"docs\":[{joined}]}}"
    index.entries = [entry for piece in pieces for entry in _entries(piece)]
    return generate(prev)


def _render_nothing(page: Any, get_toc: Callable[[list[dict[str, Any]]], Any]
                    ) -> Callable[[Any, Any], None]:
    """A page's `render`, which sets what the engine's `Page.render` sets from an
    empty text (no content, contents, title, anchors or links), without making a
    Python-Markdown converter with every extension for it: that took 1.6 s of CPU
    for the 7,400 pages of 5,000 articles."""
    def render(config: Any, files: Any) -> None:
        page.content = ""
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        page.links_to_anchors = {}
    return render


def _finished(future: Future[BuiltPart]) -> BuiltPart:
    """The worker's part, or an error saying why it has none."""
    try:
        return future.result()
    except Exception as exc:  # the worker's own failure, reported as an error
        return BuiltPart((error("mkdocs", None, f"building pages in a worker process failed: "
                                f"{exc!r}", "run with --jobs 1, and report it."),), {}, {})


def _move_pages(outputs: dict[str, str], part_dir: Path, staging: Path) -> None:
    """Move the HTML files a worker built into the staged site."""
    for output in outputs.values():
        target = staging / output
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part_dir / output, target)


def _unmodified() -> bool:
    """`File.is_modified` of a skipped page: the engine's dirty build passes it by."""
    return False


def _search_entries(config: Any) -> list[dict[str, Any]]:
    """The search plugin's list of entries (Material's `entries`, MkDocs' `_entries`)."""
    index = _search_index(config)
    if index is None:
        return []
    return index.entries if hasattr(index, "entries") else index._entries


def _search_index(config: Any) -> Any:
    """The search plugin's index, if a search plugin is on."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None:
            return index
    return None
