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

from .config import SiteConfig
from .dates import from_epoch, parse_date
from .dedupe import dedupe_articles
from .diagnostics import Diagnostic, Reporter, Severity, error
from .export import EXPORT_PATH, export_json
from .extract import extract_entities
from .index import BriefingIndex, build_index
from .load import load_sources
from .model import Article, InputRecord, Outcome
from .normalize import Normalizer, normalize_document
from .normalize.peers import pinned_now
from .publish import publish_site
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
                 source_date_epoch: str | None = None) -> ContentResult:
    """Load, normalize and dedupe: everything `check` validates.

    `source_date_epoch` (or `build_date` in the config) pins the build date, which
    holds back scheduled and expired articles (see `normalize.peers`).
    """
    problems: list[Diagnostic] = []
    reporter.stage("Loading")
    loaded = load_sources(config.path(config.content_dir), config.thresholds.max_file_bytes,
                          on_file=reporter.advance)
    problems.extend(loaded.diagnostics)
    records = list(loaded.skipped)
    reporter.stage("Normalizing", total=len(loaded.docs))
    normalizer = Normalizer.from_config(config, loaded.docs,
                                        publish_cutoff(config, source_date_epoch))
    articles: list[Article] = []
    for doc in loaded.docs:
        result = normalize_document(doc, config, normalizer)
        problems.extend(result.diagnostics)
        if result.article is None:
            records.append(InputRecord(doc.path, Outcome.EXCLUDED, reason=result.excluded_reason))
        else:
            articles.append(result.article)
        reporter.advance()
    reporter.stage("Deduplicating")
    deduped = dedupe_articles(tuple(articles), config.thresholds.near_duplicate,
                              config.thresholds.containment, config.thresholds.shingle_size)
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


def run_build(config: SiteConfig, reporter: Reporter, source_date_epoch: str | None = None,
              earlier: tuple[Diagnostic, ...] = (), strict: bool = False,
              allow_empty: bool = False) -> BuildResult:
    """Run every stage and publish the site.

    `earlier` holds problems found before the pipeline ran (the config's), so they
    count towards failure and appear in the build report like any other. With
    `strict`, any warning keeps the previous site in place. A build with no
    articles publishes nothing unless `allow_empty`: an empty site replacing a
    real one is almost always a mistake (a wrong content_dir, a bad merge).
    """
    content = read_content(config, reporter, source_date_epoch)
    problems = [*earlier, *content.diagnostics]
    if not content.articles and not allow_empty:
        empty = no_articles(config)
        reporter.report(empty)
        return BuildResult(None, {}, content.records, (*problems, empty), None)
    reporter.stage("Extracting", total=len(content.articles))
    extracted = extract_entities(content.articles, config, on_article=reporter.advance)
    for diagnostic in extracted.diagnostics:
        reporter.report(diagnostic)
    problems.extend(extracted.diagnostics)
    reporter.stage("Rendering")
    index = build_index(content.articles, extracted.extraction)
    when = build_date(config, content.articles, source_date_epoch)
    site = SiteInfo.from_config(config, when)
    report = build_report(content.records, problems, index.counts(), content.articles,
                          index.suggestions, publishing_note(config, source_date_epoch))
    try:
        pages = render_pages(index, site, config.path(config.templates_dir), report)
    except RenderError as exc:
        failure = error("template", str(exc).split(":", 1)[0], str(exc),
                        "fix the template in templates/.")
        reporter.report(failure)
        return BuildResult(None, index.counts(), content.records, (*problems, failure), index)
    reporter.stage("Publishing")
    extras = site_files(index, site, content.articles, set(pages))
    for diagnostic in (shown := [_under(config.content_dir, d) for d in extras.diagnostics]):
        reporter.report(diagnostic)
    problems.extend(shown)
    report = build_report(content.records, problems, index.counts(), content.articles,
                          index.suggestions, publishing_note(config, source_date_epoch))
    data = {EXPORT_PATH: export_json(index, config.title, config.base_url, when), **extras.files}
    published = publish_site(pages, config, when, report, data, strict=strict,
                             prior=tuple(problems))
    for diagnostic in published.diagnostics:
        reporter.report(diagnostic)
    problems.extend(published.diagnostics)
    return BuildResult(published.site_dir, index.counts(), content.records, tuple(problems), index)


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
