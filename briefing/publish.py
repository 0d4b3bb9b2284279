"""Publish stage: rendered pages -> `site/`, via MkDocs + Material.

The only writer. The HTML engine (MkDocs by default; ProperDocs or Zensical with
`engine:` in `site_config.yml`) is run through `engines.py`, the only module that
imports one; every engine reads the same generated `mkdocs.yml`. The MkDocs config is
generated from `SiteConfig`; users never maintain one. The site is built into a
temporary folder beside the output and swapped in only when the build succeeded,
so a failed build leaves the previous `site/` as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import html
import os
import pickle
import shutil
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import orjson
import yaml

from .cache import (
    TEMPLATES_DIR,
    code_version,
    installed_versions,
    stable_digest,
    templates_folder,
)
from .config import SiteConfig
from .diagnostics import Diagnostic, Severity, error, warning
from .engine_pages import build_pages
from .engines import engine_output, engine_settings, run_engine
from .executors import IN_PROCESS, Workers
from .json_text import pretty_json
from .page_reuse import (
    REUSABLE_ENGINES,
    PageRecord,
    PublishedPages,
    link_reused,
    page_digests,
    recycle_site,
    reusable,
    text_digest,
)

OWNED_SITE = ".briefing-site"      # marks an output folder briefing may replace
OWNED_BUILD = ".briefing-build"    # marks a scratch folder briefing may empty
BUILD_MARKER_TEXT = "made by briefing; replaced on every build\n"
CACHE_DIR = "cache"                # in the build folder: the results cache (cache.py)
DOCS_RECORD = "docs.pickle"        # in the build folder: the digest of each file in docs/
PUBLISHED_FILE = "published.pickle"   # in the build folder: what the last build published
BUILT_FILE = "built.pickle"        # in the build folder: the last build's inputs and result
NAV_TITLES = (("Home", "index.md"), ("Articles", "articles/index.md"),
              ("Stories", "stories/index.md"), ("Actors", "actors/index.md"),
              ("Issues", "issues/index.md"), ("Sources", "sources/index.md"),
              ("Timeline", "timeline.md"), ("Quotes", "quotes.md"), ("Figures", "figures.md"))


@dataclass(frozen=True)
class _Reuse:
    """The published pages this build may take as they are, and this build's frame
    and page digests, which the next build compares with."""

    frame: str
    digests: dict[str, str]
    pages: dict[str, PageRecord]
    output: Path


@dataclass(frozen=True)
class _Built:
    """How many pages the engine built, in how many processes, and what from."""

    pages: int
    processes: int
    record: PublishedPages | None


@dataclass(frozen=True)
class PublishResult:
    """Where the site went (None if it was not written), what MkDocs complained
    about, and how many pages the engine built in how many processes."""

    site_dir: Path | None
    diagnostics: tuple[Diagnostic, ...]
    pages_built: int = 0
    processes: int = 1


def mkdocs_config(config: SiteConfig, docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    """The MkDocs configuration, derived from `site_config.yml`.

    Only the five section index pages are in the navigation: Material repeats the
    whole nav on every page, so listing every article would make output grow with
    the square of the page count. Lists link to the pages instead.
    """
    settings: dict[str, Any] = {
        # MkDocs themes print these unescaped (in <title>, a meta attribute, the
        # header): escaped here they display the same but cannot open a tag.
        "site_name": html.escape(config.title),
        "site_description": html.escape(config.description),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "language": config.language,
            # System fonts: no requests to Google Fonts from readers' browsers.
            "font": False,
            "features": ["navigation.tabs", "navigation.top", "search.suggest",
                         "search.highlight", "toc.follow"],
            # Light or dark as the reader's system is set; the toggle overrides it.
            "palette": [
                {"media": "(prefers-color-scheme: light)", "scheme": "default",
                 "primary": "indigo", "accent": "indigo",
                 "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"}},
                {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
                 "primary": "indigo", "accent": "indigo",
                 "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"}},
            ],
        },
        "plugins": ["search"],
        "markdown_extensions": [
            "attr_list", "md_in_html", "tables", "admonition", "pymdownx.details",
            {"toc": {"permalink": True}},
        ],
        "extra_css": ["assets/briefing.css"],
        "extra_javascript": ["assets/briefing.js"],
        "nav": [{title: page} for title, page in NAV_TITLES],
        "not_in_nav": "\n".join([*(f"/{kind}/*" for kind in
                                   ("articles", "stories", "actors", "issues", "sources",
                                    "tags", "assets", "quotes", "timeline", "figures")),
                                  "/build-report.md"]),
        "validation": {
            "nav": {"omitted_files": "info", "not_found": "warn", "absolute_links": "info"},
            "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "info",
                      "unrecognized_links": "warn"},
        },
    }
    if config.base_url:
        settings["site_url"] = config.base_url if config.base_url.endswith("/") \
            else config.base_url + "/"
    if config.repo_url:
        settings["repo_url"] = config.repo_url
        settings["edit_uri"] = ""      # the generated pages are not files of the repository
    overrides = config.path(config.templates_dir) / "overrides"
    if overrides.is_dir():
        settings["theme"]["custom_dir"] = str(overrides)
    return settings


class OldSite:
    """The site a rebuild replaced, left beside the output (`.site.old`), and what
    the next build does with it.

    A rebuild that reused pages keeps the old site there (its reused pages are the
    same files as the new site's, hard-linked, so it costs little room); a build
    that reused none removes it at once. The next build:

    - when it may reuse pages (`keep`, an incremental build), leaves it for
      `publish_site`, which makes it the new site's folder (`recycle_site`): most
      of its files are already the published site's, so only the few others go.
      Removing all of it in a thread beside the first stages took about a second
      of system calls at 5,000 articles, and slowed those stages by as much;
    - otherwise removes it in a thread while the stages before publishing run
      (`publish_site` waits for the thread before it touches the folders beside
      the output), as `publish_site` does with a kept one it cannot reuse.
    """

    def __init__(self, thread: threading.Thread | None = None, kept: bool = False) -> None:
        self._thread = thread
        self.kept = kept

    # Removals still running in this process: a build that failed before publishing
    # never waited for its own, and the next one (`serve`) must not start another
    # on the same folder meanwhile.
    _running: ClassVar[list[threading.Thread]] = []

    @classmethod
    def start_removing(cls, config: SiteConfig, keep: bool = False) -> OldSite:
        """Start removing the old site beside the output, if one is there, unless
        `keep`; a site put aside by a build killed before it put the new one in
        place (no output) is left for `_recover`."""
        for earlier in cls._running:
            earlier.join()
        cls._running.clear()
        output = config.path(config.output_dir)
        if not _old_site_beside(output):
            return cls()
        if keep:
            return cls(kept=True)
        return cls(cls._remove(_beside(output, "old")))

    @classmethod
    def _remove(cls, folder: Path) -> threading.Thread:
        thread = threading.Thread(target=shutil.rmtree, args=(folder,),
                                  kwargs={"ignore_errors": True}, daemon=True,
                                  name="briefing-old-site")
        thread.start()
        cls._running.append(thread)
        return thread

    def recycle(self, output: Path, staging: Path, reuse: _Reuse | None) -> set[str] | None:
        """Make the kept old site `staging`, holding the reused pages it already has
        (their docs paths are returned), when `reuse` takes any; else start removing
        it. None when there is no kept old site to make `staging` of."""
        retired = _beside(output, "old")
        if not self.kept or not _old_site_beside(output):
            return None
        self.kept = False
        if reuse is None or not reuse.pages:
            self._thread = self._remove(retired)
            return None
        return recycle_site(retired, staging, reuse.pages, output)

    def wait(self) -> None:
        """Return when the old site is gone (at once if there was none)."""
        if self._thread is not None:
            self._thread.join()


def _old_site_beside(output: Path) -> bool:
    """Whether a finished build left the site it replaced beside `output`."""
    return (output / OWNED_SITE).is_file() and (_beside(output, "old") / OWNED_SITE).is_file()


def publish_site(pages: dict[str, str], config: SiteConfig, build_date: datetime,
                 report: dict[str, Any], data: dict[str, str] | None = None,
                 strict: bool = False, prior: tuple[Diagnostic, ...] = (),
                 reuse: bool = False, workers: Workers = IN_PROCESS,
                 old_site: OldSite | None = None) -> PublishResult:
    """Write pages, build HTML with MkDocs, add Pages extras, and swap into place.

    Nothing replaces `site/` unless the build succeeded: no MkDocs error and, when
    `strict`, no warning or error at all, counting the `prior` problems of earlier
    stages. The staging folder never outlives the call. With `reuse`, a site the
    last build published from the same inputs is kept as it is (the engine's
    output is a function of them), and its problems are reported again; otherwise
    the pages whose Markdown did not change are taken from it (`page_reuse`).
    `workers` builds half of the pages in a worker process where it has a pool.
    The last build's old site becomes the new one's folder, if `old_site` kept it
    and pages are reused, or goes when the new one is swapped in.
    """
    build_dir = config.path(config.build_dir)
    output = config.path(config.output_dir)
    staging, retired = _beside(output, "staging"), _beside(output, "old")
    old_site = old_site or OldSite()
    old_site.wait()
    _recover(output, retired)
    refused = [p for p in (_not_ours(build_dir, "build_dir", OWNED_BUILD),
                           _not_ours(output, "output_dir", OWNED_SITE),
                           _not_ours(staging, "output_dir", OWNED_SITE),
                           _not_ours(retired, "output_dir", OWNED_SITE)) if p]
    if refused:
        return PublishResult(None, tuple(refused))
    frame = _frame(config, build_date)
    memory = workers.cache.memory if workers.cache is not None else None
    digests = page_digests(pages, memory.texts if memory is not None else None)
    fingerprint = _fingerprint(frame, pages, digests, report, data or {})
    last = _last_published(build_dir) if reuse else None
    before = _published_before(last, output, fingerprint)
    if before is not None:              # the same inputs built this very site last time
        if strict and any(p.severity is not Severity.INFO for p in (*prior, *before)):
            return PublishResult(None, before)
        return PublishResult(output, before)
    try:
        reusing = _reusable_pages(last, config, frame, pages, digests, output)
        placed = old_site.recycle(output, staging, reusing)
        problems, built = _build_into(staging, pages, config, build_date, reusing, workers,
                                      placed, templates_folder(
                                          build_dir / CACHE_DIR / TEMPLATES_DIR / "engine")
                                      if reuse else None)
        failed = any(p.severity is Severity.ERROR for p in problems) or (strict and any(
            p.severity is not Severity.INFO for p in (*prior, *problems)))
        if failed:
            return PublishResult(None, tuple(problems))
        _add_pages_extras(staging, report, problems, data or {})
        old_site.wait()                 # a kept old site that could not be reused
        _swap(staging, output, keep_old=reusing is not None and bool(reusing.pages))
        _remember_published(build_dir, fingerprint, problems, built.record)
        return PublishResult(output, tuple(problems), built.pages, built.processes)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def cache_folder(config: SiteConfig) -> Path | None:
    """The folder for the results cache, inside the build folder (made and marked as
    briefing's); None when the build folder is not ours to write in."""
    build_dir = config.path(config.build_dir)
    if _not_ours(build_dir, "build_dir", OWNED_BUILD) is not None:
        return None
    build_dir.mkdir(parents=True, exist_ok=True)
    (build_dir / OWNED_BUILD).write_text(BUILD_MARKER_TEXT, encoding="utf-8")
    return build_dir / CACHE_DIR


def last_build(config: SiteConfig, key: str) -> Any | None:
    """What the last build returned, if it was made from inputs with this `key` and
    the site it published is still there; None otherwise."""
    build_dir, output = config.path(config.build_dir), config.path(config.output_dir)
    try:
        with (build_dir / BUILT_FILE).open("rb") as stored:
            # The key first, on its own: a build whose inputs changed does not read
            # the result (5 ms at 5,000 articles in a fresh process, 0.06 s in a
            # `serve` session, where collections walk the results it holds).
            # The output folder is named in the config, which is part of the key.
            if pickle.load(stored) == key and (output / OWNED_SITE).is_file() and \
                    (output / "build-report.json").is_file():
                return pickle.load(stored)
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, AttributeError,
            ImportError):
        pass                            # nothing remembered: build
    return None


def built_before(config: SiteConfig) -> bool:
    """Whether a build succeeded in this build folder before (its record is there)."""
    return (config.path(config.build_dir) / BUILT_FILE).is_file()


def remember_build(config: SiteConfig, key: str, result: Any) -> None:
    """Keep what a successful build returned, under the key of its inputs."""
    build_dir = config.path(config.build_dir)
    if not (build_dir / OWNED_BUILD).is_file():
        return
    with contextlib.suppress(OSError, pickle.PicklingError):
        (build_dir / BUILT_FILE).write_bytes(pickle.dumps(key) + pickle.dumps(result))


def _frame(config: SiteConfig, build_date: datetime) -> str:
    """A digest of what every page's HTML depends on besides its own Markdown: this
    code and every installed distribution's version (the engines, the theme,
    Markdown's extensions), the config, the build date and the theme overrides.
    The published site is a function of the frame, the pages, the report and the
    data files (the fingerprint `publish_site` compares)."""
    overrides = config.path(config.templates_dir) / "overrides"
    frame_files = sorted((p.relative_to(overrides).as_posix(), p.read_bytes())
                         for p in overrides.rglob("*") if p.is_file()) \
        if overrides.is_dir() else []
    return stable_digest((code_version(), installed_versions(), config, build_date,
                          frame_files)).hex()


def _last_published(build_dir: Path) -> dict[str, Any] | None:
    """What the last build noted about the site it published, if anything."""
    try:
        with (build_dir / PUBLISHED_FILE).open("rb") as stored:
            last = pickle.load(stored)
        return last if isinstance(last, dict) else None
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, AttributeError,
            ImportError):
        return None                     # nothing remembered: build it all


def _published_before(last: dict[str, Any] | None, output: Path,
                      fingerprint: str) -> tuple[Diagnostic, ...] | None:
    """The engine's problems of the last build, if it published `output` from the
    same inputs and the site is still there; otherwise None (build it)."""
    if (last is not None and last.get("fingerprint") == fingerprint
            and (output / OWNED_SITE).is_file() and (output / "build-report.json").is_file()):
        return tuple(last.get("problems", ()))
    return None


def _fingerprint(frame: str, pages: dict[str, str], digests: dict[str, str],
                 report: dict[str, Any], data: dict[str, str]) -> str:
    """A digest of everything the published site is a function of: the frame, the
    pages (the Markdown ones by their `digests`), the report and the data files.
    The report is read as orjson writes it (where it can), the rest as bytes:
    `stable_digest` over the same values took 0.6 s at 5,000 articles."""
    digest = hashlib.blake2b(frame.encode(), digest_size=20)
    for rel, text in pages.items():
        digest.update(f"\0{rel}\0{digests.get(rel, '')}\0".encode())
        if rel not in digests:
            digest.update(text.encode("utf-8", "surrogatepass"))
    try:
        digest.update(orjson.dumps(report, option=orjson.OPT_NON_STR_KEYS))
    except (orjson.JSONEncodeError, TypeError):
        digest.update(stable_digest(report))
    for rel, text in data.items():
        digest.update(f"\0{rel}\0".encode() + text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _reusable_pages(last: dict[str, Any] | None, config: SiteConfig, frame: str,
                    pages: dict[str, str], digests: dict[str, str],
                    output: Path) -> _Reuse | None:
    """Which pages the engine need not build again (see `page_reuse`); None when the
    engine takes no plugin."""
    if config.engine not in REUSABLE_ENGINES:
        return None
    previous = last.get("pages") if last is not None and not last.get("problems") else None
    usable = (output / OWNED_SITE).is_file() and isinstance(previous, PublishedPages)
    return _Reuse(frame, digests, reusable(previous if usable else None, frame, pages, digests,
                                            output), output)


def _remember_published(build_dir: Path, fingerprint: str, problems: list[Diagnostic],
                        built: PublishedPages | None) -> None:
    """Note what was published, so that the same inputs next time skip the engine,
    and pages with the same Markdown are not built again."""
    record = {"fingerprint": fingerprint, "problems": problems, "pages": built}
    with contextlib.suppress(OSError):
        (build_dir / PUBLISHED_FILE).write_bytes(pickle.dumps(record))


def _build_into(staging: Path, pages: dict[str, str], config: SiteConfig,
                build_date: datetime, reuse: _Reuse | None, workers: Workers,
                placed: set[str] | None = None,
                compiled: Path | None = None) -> tuple[list[Diagnostic], _Built]:
    """Write the generated docs and MkDocs config, then build HTML into `staging`
    (only the pages `reuse` does not take from the published site, on `workers`'
    pool too where it has one here). `placed`: the reused pages a recycled
    `staging` already holds; None for a new `staging`. `compiled`: where the
    theme's compiled templates are kept between builds, if they are."""
    build_dir = config.path(config.build_dir)
    docs_dir = build_dir / "docs"
    _clear_build_dir(build_dir)
    if placed is None:
        _reset(staging, OWNED_SITE)
    else:
        (staging / OWNED_SITE).write_text(BUILD_MARKER_TEXT, encoding="utf-8")
    _sync_docs(docs_dir, pages, build_dir / DOCS_RECORD, reuse.digests if reuse else None)
    settings, problems = mkdocs_config(config, docs_dir, staging), []
    if settings["theme"]["language"] not in _material_languages():
        problems.append(warning(
            "config-language", None, f"Material has no translation for language "
            f"'{config.language}'; English is used.", "use a code such as en, fr, de, zh.",
        ))
        settings["theme"]["language"] = "en"
    config_file = build_dir / "mkdocs.yml"
    settings = engine_settings(config.engine, settings, staging)
    config_file.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True),
                           encoding="utf-8")
    if reuse is None:                   # an engine that builds every page itself
        problems += run_engine(config.engine, config_file, build_date)
        _take_engine_output(config, config_file, staging)
        return problems, _Built(sum(rel.endswith(".md") for rel in pages), 1, None)
    engine_problems, plugin, processes = build_pages(
        config.engine, config_file, build_date, staging, sorted(reuse.digests),
        {rel: record.search for rel, record in reuse.pages.items()}, workers, compiled)
    link_reused({rel: record for rel, record in reuse.pages.items() if rel not in placed}
                if placed else reuse.pages, reuse.output, staging)
    return problems + engine_problems, _Built(len(reuse.digests) - len(reuse.pages), processes,
                                              PublishedPages(reuse.frame, {
        rel: PageRecord(reuse.digests.get(rel, ""), plugin.outputs[rel], plugin.search_of(rel))
        for rel in plugin.order}))


def _take_engine_output(config: SiteConfig, config_file: Path, staging: Path) -> None:
    """Move the pages of an engine that builds beside its config into staging."""
    built = engine_output(config.engine, config_file, staging)
    if built != staging and built.is_dir():
        for entry in sorted(built.iterdir()):
            entry.rename(staging / entry.name)
        built.rmdir()


def _add_pages_extras(staging: Path, report: dict[str, Any], problems: list[Diagnostic],
                      data: dict[str, str]) -> None:
    """`.nojekyll` (serve files as they are), data files and the build report."""
    (staging / ".nojekyll").write_text("", encoding="utf-8")
    for rel, text in sorted(data.items()):
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        (staging / rel).write_text(text, encoding="utf-8")
    report = {**report, "mkdocs_warnings": [p.as_dict() for p in problems]}
    (staging / "build-report.json").write_text(pretty_json(report), encoding="utf-8")


def _beside(output: Path, purpose: str) -> Path:
    """The hidden folder next to the output used while swapping (`.site.staging`)."""
    return output.parent / f".{output.name}.{purpose}"


def _not_ours(folder: Path, key: str, marker: str) -> Diagnostic | None:
    """Refuse to replace a folder unless the marker file a build wrote proves it is ours.

    Only an empty folder or the marker counts: files that merely look like a
    site (`build-report.json`, `mkdocs.yml`) could belong to anything.
    """
    if not folder.exists() and not folder.is_symlink():
        return None
    if folder.is_dir() and not folder.is_symlink() and (
            (folder / marker).is_file() or not any(folder.iterdir())):
        return None
    return error(
        "output-not-ours", None, f"{folder} exists and was not made by briefing (it has no "
        f"{marker} marker); it was left alone and nothing was published.",
        f"move it away, or point {key} in site_config.yml at another folder.",
    )


def _material_languages() -> set[str]:
    """The interface languages Material ships translations for."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return {p.stem for p in folder.glob("*.html")}


def _clear_build_dir(build_dir: Path) -> None:
    """Empty the build folder but for the generated docs, their digests and the results
    cache, which the next build compares with and reuses; mark it as briefing's."""
    folders, files = {"docs", CACHE_DIR}, {DOCS_RECORD}
    if not (build_dir / OWNED_BUILD).is_file():
        folders, files = set(), set()
    if build_dir.is_dir():
        for entry in build_dir.iterdir():
            if not entry.is_symlink() and ((entry.name in folders and entry.is_dir())
                                           or (entry.name in files and entry.is_file())):
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    build_dir.mkdir(parents=True, exist_ok=True)
    (build_dir / OWNED_BUILD).write_text(BUILD_MARKER_TEXT, encoding="utf-8")


def _sync_docs(docs_dir: Path, pages: dict[str, str], record: Path,
               known: dict[str, str] | None = None) -> None:
    """Make `docs_dir` hold exactly `pages`, writing only the files whose bytes changed
    (the others keep their modification times) and removing the rest.

    The digest of each file written is kept in `record`, so the next build compares
    digests instead of reading every file back (0.7 s for 7,447 pages). The record
    is removed while the folder changes: a build stopped half-way leaves none, and
    the next one compares the files themselves. `known` holds the digests of pages
    already worked out (`page_digests`).
    """
    digests = {rel: (known or {}).get(rel) or text_digest(text) for rel, text in pages.items()}
    before = _docs_record(record)
    record.unlink(missing_ok=True)
    if before is None:
        _sync_by_reading(docs_dir, {rel: text.encode("utf-8") for rel, text in pages.items()})
    else:
        for rel in sorted(set(before) - set(pages)):
            (docs_dir / rel).unlink(missing_ok=True)
            _prune_empty(docs_dir, (docs_dir / rel).parent)
        for rel, text in sorted(pages.items()):
            target = docs_dir / rel
            if before.get(rel) != digests[rel] or not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(text.encode("utf-8"))
    with contextlib.suppress(OSError):
        record.write_bytes(pickle.dumps(digests, protocol=pickle.HIGHEST_PROTOCOL))


def _docs_record(record: Path) -> dict[str, bytes] | None:
    """The digests the last build's docs were written with, if it left them."""
    try:
        found = pickle.loads(record.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, AttributeError,
            ImportError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _prune_empty(root: Path, folder: Path) -> None:
    """Remove `folder` and its parents up to `root` while they are empty."""
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _sync_by_reading(docs_dir: Path, wanted: dict[str, bytes]) -> None:
    """`_sync_docs` without a record: every file is read and compared."""
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*"), reverse=True):     # files before folders
            rel = path.relative_to(docs_dir).as_posix()
            if path.is_dir() and not path.is_symlink():
                if not any(path.iterdir()):
                    path.rmdir()
            elif rel not in wanted:
                path.unlink()
    for rel, data in sorted(wanted.items()):
        target = docs_dir / rel
        try:
            if target.read_bytes() == data:
                continue
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _reset(folder: Path, marker: str) -> None:
    """Empty `folder` (only ever one briefing made) and mark it as briefing's."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / marker).write_text(BUILD_MARKER_TEXT, encoding="utf-8")


def _swap(staging: Path, output: Path, keep_old: bool = False) -> None:
    """Replace `output` with the finished `staging` folder; the site is never missing.

    Where the system can exchange two folders in one step (Linux), it does; else
    the old site is renamed aside first, and a build killed between the two
    renames is mended by the next one (see `_recover`). With `keep_old`, the old
    site is left beside the output (`.site.old`) for the next build to remove
    (`OldSite`); else it is removed now.
    """
    retired = _beside(output, "old")
    shutil.rmtree(retired, ignore_errors=True)
    if output.exists() and _exchange(staging, output):
        if keep_old:                    # staging now holds the old site
            staging.rename(retired)
        else:
            shutil.rmtree(staging, ignore_errors=True)
        return
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    if not keep_old:
        shutil.rmtree(retired, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically with renameat2(RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):                    # no such call in this C library
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    at_cwd, exchange = -100, 2
    return renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), exchange) == 0


def _recover(output: Path, retired: Path) -> None:
    """Put back a site a killed build had renamed aside and not yet replaced."""
    if not output.exists() and (retired / OWNED_SITE).is_file():
        retired.rename(output)
