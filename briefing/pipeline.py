"""The pipeline: the only module that knows the stage order.

load -> normalize -> dedupe -> extract -> index -> render -> publish. Each stage is
a function of its inputs; this module threads them together, hands every
diagnostic to the reporter, and accounts for every input file in the build report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .cache import ResultCache, ResultMemory, code_version, installed_versions, stable_digest
from .config import SiteConfig
from .dates import from_epoch, parse_date
from .dedupe import dedupe_articles
from .diagnostics import Diagnostic, Reporter, Severity, error
from .executors import IN_PROCESS, Workers
from .export import EXPORT_PATH, export_json
from .extract import extract_entities
from .heap import (
    collections_paused,
    fewer_collections,
    give_back_free_memory,
    pause_collections,
    resume_collections,
)
from .index import BriefingIndex, build_index
from .load import inputs_digest, load_sources
from .model import Article, InputRecord, Outcome, SourceDoc
from .normalize import Normalizer, NormalizeResult, normalize_document
from .normalize.peers import pinned_now
from .publish import (
    OldSite,
    built_before,
    cache_folder,
    last_build,
    publish_site,
    remember_build,
)
from .render import RenderError, SiteInfo, render_pages
from .site_files import site_files
from .slugs import unique_article_ids


@dataclass(frozen=True)
class ContentResult:
    """Canonical articles and the fate of every input file."""

    articles: tuple[Article, ...]
    records: tuple[InputRecord, ...]
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class BuildResult:
    """What a build produced and whether it should fail."""

    site_dir: Path | None
    counts: dict[str, int]
    records: tuple[InputRecord, ...]
    diagnostics: tuple[Diagnostic, ...]
    index: BriefingIndex | None

    def failed(self, strict: bool = False) -> bool:
        """True on any error, or on any warning when `strict`."""
        bad = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return self.site_dir is None or any(d.severity in bad for d in self.diagnostics)


def read_content(config: SiteConfig, reporter: Reporter,
                 source_date_epoch: str | None = None,
                 workers: Workers = IN_PROCESS) -> ContentResult:
    """Load, normalize and dedupe: everything `check` validates.

    `source_date_epoch` (or `build_date` in the config) pins the build date, which
    holds back scheduled and expired articles (see `normalize.peers`). `workers`
    loads and normalizes the files (in order: the result does not depend on it).
    """
    with fewer_collections():
        return _read_content(config, reporter, source_date_epoch, workers)


def _read_content(config: SiteConfig, reporter: Reporter, source_date_epoch: str | None,
                  workers: Workers) -> ContentResult:
    """`read_content`, with the collector already tuned."""
    articles, records, problems = _load_and_normalize(config, reporter, source_date_epoch,
                                                      workers)
    _next_stage(reporter, "Deduplicating")
    deduped = dedupe_articles(tuple(articles), config.thresholds.near_duplicate,
                              config.thresholds.containment, config.thresholds.shingle_size,
                              workers)
    canonical = unique_article_ids(deduped.articles)
    id_by_path = {a.path: a.id for a in canonical}
    records.extend(InputRecord(a.path, Outcome.ARTICLE, a.id) for a in canonical)
    records.extend(
        InputRecord(c.path, Outcome.COPY, id_by_path[c.canonical_path],
                    f"{c.kind} copy of {c.canonical_path} (containment {c.containment}, "
                    f"Jaccard {c.jaccard}; kept: {c.canonical_because})")
        for c in deduped.copies
    )
    shown = [_under(config.content_dir, d) for d in problems]
    for diagnostic in shown:
        reporter.report(diagnostic)
    return ContentResult(canonical, tuple(sorted(records, key=lambda r: r.path)), tuple(shown))


def _next_stage(reporter: Reporter, name: str, total: int | None = None) -> None:
    """Start a stage, first giving back to the system the memory the last one freed
    (at 100,000 articles some hundreds of megabytes were held into later peaks)."""
    give_back_free_memory()
    reporter.stage(name, total=total)


def _load_and_normalize(config: SiteConfig, reporter: Reporter, source_date_epoch: str | None,
                        workers: Workers
                        ) -> tuple[list[Article], list[InputRecord], list[Diagnostic]]:
    """The normalized articles, the files that are not articles, and the problems.

    A function of its own so that the loaded files (every body as read) and the
    normalizer are freed before dedupe: held through it, they were some 5 KB an
    article of the peak memory.
    """
    problems: list[Diagnostic] = []
    reporter.stage("Loading")
    loaded = load_sources(config.path(config.content_dir), config.thresholds.max_file_bytes,
                          on_file=reporter.advance, workers=workers)
    problems.extend(loaded.diagnostics)
    workers.warm(len(loaded.docs))
    records = list(loaded.skipped)
    reporter.stage("Normalizing", total=len(loaded.docs))
    normalizer = Normalizer.from_config(config, loaded.docs,
                                        publish_cutoff(config, source_date_epoch), workers)
    articles: list[Article] = []
    normalized = workers.map(_normalize, loaded.docs, Normalizer.prepared, *normalizer.parts(),
                             on_done=reporter.advance)
    for doc, result in zip(loaded.docs, normalized, strict=True):
        problems.extend(result.diagnostics)
        if result.article is None:
            records.append(InputRecord(doc.path, Outcome.EXCLUDED, reason=result.excluded_reason))
        else:
            articles.append(result.article)
    return articles, records, problems


def _normalize(normalizer: Normalizer, doc: SourceDoc) -> NormalizeResult:
    """One document through the normalize stage (run by the workers)."""
    return normalize_document(doc, normalizer.config, normalizer)


def no_articles(config: SiteConfig) -> Diagnostic:
    """The error for a content folder with nothing to publish."""
    return error(
        "no-articles", None, f"no articles found in {config.content_dir.strip('/')}/ — "
        "nothing to publish.", "add article files there (see docs/editors.md), or pass "
        "--allow-empty to publish an empty site on purpose.",
    )


def _under(content_dir: str, diagnostic: Diagnostic) -> Diagnostic:
    """Name a content file as the editor sees it (`content/a.md`), so messages and
    GitHub annotations point at the real file."""
    if diagnostic.path is None:
        return diagnostic
    return replace(diagnostic, path=f"{content_dir.strip('/')}/{diagnostic.path}")


def build_date(config: SiteConfig, articles: tuple[Article, ...],
               source_date_epoch: str | None) -> datetime:
    """The reproducible build date: SOURCE_DATE_EPOCH, config, newest article, or 1970."""
    if source_date_epoch and (pinned := from_epoch(source_date_epoch)):
        return pinned
    if config.build_date and (given := parse_date(config.build_date, UTC)):
        return given
    dated = [a.date for a in articles if a.date is not None]
    return max(dated) if dated else datetime(1970, 1, 1, tzinfo=UTC)


def publish_cutoff(config: SiteConfig, source_date_epoch: str | None) -> datetime | None:
    """The moment scheduled and expired articles are judged against, only when the build
    date is pinned: SOURCE_DATE_EPOCH as given, or the end of the configured build_date.
    Otherwise the build date is the newest article's, which no article is after."""
    epoch = from_epoch(source_date_epoch) if source_date_epoch else None
    given = parse_date(config.build_date, UTC) if config.build_date else None
    return pinned_now(epoch, given)


def results_cache(config: SiteConfig, memory: ResultMemory | None = None) -> ResultCache | None:
    """The results cache kept in the build folder (None if that folder is not ours),
    with the values the last build of this process used in `memory`, if given."""
    folder = cache_folder(config)
    return ResultCache.open(folder, memory) if folder is not None else None


class BuildSession:
    """Incremental builds one after another in this process (`serve`'s): one set of
    workers for all of them, so a pool starts once, and the cached results each
    build used kept in memory for the next (`cache.ResultMemory`).

    Until one of its builds has succeeded, a build runs every stage even when
    nothing changed (publishing is still skipped): `serve`'s first build, while
    the server already shows the last site, so that the editor's first edit
    finds the results in memory.

    Python's cyclic garbage collector does not run from a build's start until the
    caller tidies (`tidy`), while the editor reads the rebuilt page. Each build
    leaves about 330,000 objects in reference cycles at 5,000 articles (the
    index's views, held by the cycles of the rendered templates' contexts, and
    the engine's pages); its collections took 0.2 to 0.6 s of every one-article
    rebuild, a full one in about one build of three. Turned on again at the
    build's end, the collector's first young collection went through every object
    the build had made (0.16 s). A build that follows one left untidy tidies
    first, so garbage never piles up.
    """

    def __init__(self, workers: Workers) -> None:
        self.workers = workers
        self.memory = ResultMemory()
        self.started = False            # whether a build of the session ran every stage
        # Whether the collector ran before the untidy builds paused it; None when tidy.
        self._paused: bool | None = None

    @property
    def untidy(self) -> bool:
        """Whether the garbage of the last build is still there."""
        return self._paused is not None

    def build(self, config: SiteConfig, reporter: Reporter, **options: Any) -> BuildResult:
        """`run_build(config, reporter, **options)`, incremental, on the session's workers."""
        self.tidy()
        self._paused = pause_collections()
        with self.workers.caching(results_cache(config, self.memory)):
            result = run_build(config, reporter, workers=self.workers, incremental=True,
                               take_last=self.started, **options)
        self.started = self.started or result.site_dir is not None
        return result

    def tidy(self) -> None:
        """Collect the garbage the last build left, if not yet done, and let the
        collector run again (`serve` calls this when no change has come for a few
        seconds)."""
        if self._paused is not None:
            resume_collections(self._paused)
            self._paused = None

    def close(self) -> None:
        """End the workers' pool, and let the collector run as before the session."""
        if self._paused is not None:
            resume_collections(self._paused, collect=False)
            self._paused = None
        self.workers.close()


def run_build(config: SiteConfig, reporter: Reporter, source_date_epoch: str | None = None,
              earlier: tuple[Diagnostic, ...] = (), strict: bool = False,
              allow_empty: bool = False, workers: Workers = IN_PROCESS,
              incremental: bool = False, take_last: bool = True,
              ends_process: bool = False) -> BuildResult:
    """Run every stage and publish the site.

    `earlier` holds problems found before the pipeline ran (the config's), so they
    count towards failure and appear in the build report like any other. With
    `strict`, any warning keeps the previous site in place. A build with no
    articles publishes nothing unless `allow_empty`: an empty site replacing a
    real one is almost always a mistake (a wrong content_dir, a bad merge). `workers`
    runs the per-article work of load, normalize and extract (see `executors`), and
    takes unchanged articles' results from its cache if it has one. With
    `incremental`, publishing is skipped when the pages, data and config are those
    the current site was built from, and when nothing it reads has changed since
    the last build (content, templates, config, code), that build's result is
    returned at once (without its index), unless not `take_last`.

    An incremental build after an earlier one (a rebuild) pauses Python's cyclic
    garbage collector and collects once at the end. A rebuild reads most of its
    results from the cache: hundreds of thousands of objects made at once, which
    live on, and which the collector, running each time its oldest generation
    had grown by a quarter, walked again and again. A one-article rebuild at
    5,000 articles took 7.3 to 7.8 s, the collection at the end (0.47 to 0.52 s)
    included, where it took 8.0 to 9.5 s with the collector running. A first
    build keeps the collector: without it, a clean build at 5,000 articles took
    as long and peaked 12 % higher. With `ends_process` (`python build.py`, which
    ends with `heap.exit_now`), a rebuild is not collected at all.
    """
    key = _inputs_key(config, source_date_epoch, earlier, strict, allow_empty) \
        if incremental else None
    if key is not None and take_last and (before := last_build(config, key)) is not None:
        reporter.stage("Unchanged")
        for diagnostic in before.diagnostics[len(earlier):]:
            reporter.report(diagnostic)
        return replace(before, diagnostics=(*earlier, *before.diagnostics[len(earlier):]))
    with collections_paused(key is not None and built_before(config), ends_process), \
            fewer_collections():
        result = _run_build(config, reporter, source_date_epoch, earlier, strict, allow_empty,
                            workers, incremental)
    if key is not None and result.site_dir is not None:
        remember_build(config, key, replace(result, index=None))
    return result


def _inputs_key(config: SiteConfig, source_date_epoch: str | None,
                earlier: tuple[Diagnostic, ...], strict: bool, allow_empty: bool) -> str:
    """A digest of everything a build reads: the code and installed packages, the
    config and options, and every file of the content and templates folders."""
    files = inputs_digest(config.path(config.content_dir), config.path(config.templates_dir))
    return stable_digest((code_version(), installed_versions(), config, source_date_epoch,
                          earlier, strict, allow_empty, files)).hex()


def _run_build(config: SiteConfig, reporter: Reporter, source_date_epoch: str | None,
               earlier: tuple[Diagnostic, ...], strict: bool, allow_empty: bool,
               workers: Workers, incremental: bool) -> BuildResult:
    """Every stage, as `run_build` describes."""
    old_site = OldSite.start_removing(config, keep=incremental)
    content = read_content(config, reporter, source_date_epoch, workers)
    problems = [*earlier, *content.diagnostics]
    if not content.articles and not allow_empty:
        empty = no_articles(config)
        reporter.report(empty)
        return BuildResult(None, {}, content.records, (*problems, empty), None)
    index, found = index_content(config, reporter, content.articles, workers)
    problems.extend(found)
    when = build_date(config, content.articles, source_date_epoch)
    _next_stage(reporter, "Rendering")
    site = SiteInfo.from_config(config, when)
    report = build_report(content.records, problems, index.counts(), content.articles,
                          index.suggestions, publishing_note(config, source_date_epoch))
    try:
        pages = render_pages(index, site, config.path(config.templates_dir), report,
                             workers.cache)
    except RenderError as exc:
        failure = error("template", str(exc).split(":", 1)[0], str(exc),
                        "fix the template in templates/.")
        reporter.report(failure)
        return BuildResult(None, index.counts(), content.records, (*problems, failure), index)
    _next_stage(reporter, "Publishing")
    extras = site_files(index, site, content.articles, set(pages))
    for diagnostic in (shown := [_under(config.content_dir, d) for d in extras.diagnostics]):
        reporter.report(diagnostic)
    problems.extend(shown)
    report = build_report(content.records, problems, index.counts(), content.articles,
                          index.suggestions, publishing_note(config, source_date_epoch))
    data = {EXPORT_PATH: export_json(index, config.title, config.base_url, when), **extras.files}
    published = publish_site(pages, config, when, report, data, strict=strict,
                             prior=tuple(problems), reuse=incremental, workers=workers,
                             old_site=old_site)
    reporter.advance(published.pages_built)
    for diagnostic in published.diagnostics:
        reporter.report(diagnostic)
    problems.extend(published.diagnostics)
    return BuildResult(published.site_dir, index.counts(), content.records, tuple(problems), index)


def index_content(config: SiteConfig, reporter: Reporter, articles: tuple[Article, ...],
                  workers: Workers = IN_PROCESS) -> tuple[BriefingIndex, tuple[Diagnostic, ...]]:
    """Extract and index the canonical articles: everything but the pages and the site.

    The benchmark stops here for corpora too large to publish in one go.
    """
    _next_stage(reporter, "Extracting", total=len(articles))
    extracted = extract_entities(articles, config, on_article=reporter.advance,
                                 workers=workers)
    for diagnostic in extracted.diagnostics:
        reporter.report(diagnostic)
    _next_stage(reporter, "Indexing")
    return build_index(articles, extracted.extraction), extracted.diagnostics


def publishing_note(config: SiteConfig, source_date_epoch: str | None) -> dict[str, Any]:
    """The report's account of the publishing rules that depend on the build date."""
    cutoff = publish_cutoff(config, source_date_epoch)
    if cutoff is None:
        note = ("no build date is pinned (SOURCE_DATE_EPOCH or build_date), so no article "
                "was held back as scheduled or expired")
    else:
        rules = [rule for rule, applies in (
            (f"dated after {cutoff.date().isoformat()} (publishDate, else date)",
             not config.publish_future),
            ("whose expiryDate has passed", not config.publish_expired)) if applies]
        note = ("articles " + " or ".join(rules) + " are held back (outcome 'excluded')"
                if rules else "publish_future and publish_expired are on: nothing is held back")
    return {"cutoff": cutoff.isoformat() if cutoff else None,
            "publish_future": config.publish_future,
            "publish_expired": config.publish_expired, "note": note}


def build_report(records: tuple[InputRecord, ...], problems: list[Diagnostic],
                 counts: dict[str, int], articles: tuple[Article, ...] = (),
                 suggestions: tuple[tuple[str, tuple[str, ...]], ...] = (),
                 publishing: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON build report: every input file's fate, every problem, the page counts.

    Canonical articles also say how each field was found, which boilerplate lines
    were removed, and whether they are undated (undated articles sort last).
    `suggestions` lists discovered actors and frequent phrases worth curating;
    `publishing` says which build date scheduled and expired articles were judged by.
    """
    by_path = {a.path: a for a in articles}
    inputs = []
    for record in records:
        entry: dict[str, Any] = {"path": record.path, "outcome": record.outcome.value,
                                 "article": record.article_id, "reason": record.reason}
        article = by_path.get(record.path)
        if article is not None and record.outcome is Outcome.ARTICLE:
            entry.update({
                "title": article.title,
                "date": article.date.isoformat() if article.date else None,
                "undated": article.date is None,
                "inferred": dict(sorted(article.inferred.items())),
                "boilerplate_removed": list(article.removed),
            })
        inputs.append(entry)
    return {"counts": counts, "inputs": inputs,
            "diagnostics": [d.as_dict() for d in problems],
            "suggestions": {kind: list(names) for kind, names in suggestions},
            **({"publishing": publishing} if publishing is not None else {})}
