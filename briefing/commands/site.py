"""`build`, `check` and `serve`: the site from content/, with a summary a person can act on.

The last line always says how it went: where the site is and how to view it,
or that it failed and the previous site was kept; with a list of the files that
had problems just above it.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

from ..cache import ResultCache
from ..config import ConfigResult, SiteConfig, load_config
from ..console import ConsoleReporter, plural
from ..diagnostics import Severity
from ..executors import ExecutorError, Workers, open_workers
from ..pipeline import BuildResult, no_articles, read_content, results_cache, run_build


def load(args: argparse.Namespace, reporter: ConsoleReporter,
         overrides: dict[str, Any] | None = None) -> SiteConfig | None:
    """The config with its problems reported; None when it has errors."""
    loaded = load_checked(args, reporter, overrides)
    return loaded.config if loaded is not None else None


def load_checked(args: argparse.Namespace, reporter: ConsoleReporter,
                 overrides: dict[str, Any] | None = None) -> ConfigResult | None:
    """The config and its (reported) problems; None when it has errors."""
    loaded = load_config(args.config, overrides)
    for diagnostic in loaded.diagnostics:
        reporter.report(diagnostic)
    if loaded.config is None or any(d.severity is Severity.ERROR for d in loaded.diagnostics):
        reporter.info(f"Stopped: {args.config} has errors (listed above); nothing was read.")
        return None
    return loaded


def build(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    """Build site/; exit 1 on errors (or warnings with --strict)."""
    loaded = load_checked(args, reporter, {"base_url": args.base_url} if args.base_url else None)
    if loaded is None or loaded.config is None:
        return 1
    started = time.perf_counter()
    workers = _workers(args, reporter,
                       None if args.no_cache else results_cache(loaded.config))
    if workers is None:
        return 1
    with workers:
        result = run_build(loaded.config, reporter, os.environ.get("SOURCE_DATE_EPOCH"),
                           loaded.diagnostics, strict=args.strict, allow_empty=args.allow_empty,
                           workers=workers, incremental=not args.no_cache,
                           ends_process=getattr(args, "ends_process", False))
    finish(result, reporter, args.strict, time.perf_counter() - started)
    if args.timings:
        for line in reporter.timings_table():
            reporter.info(line)
    return 1 if result.failed(args.strict) else 0


def _workers(args: argparse.Namespace, reporter: ConsoleReporter,
             cache: ResultCache | None = None) -> Workers | None:
    """The workers `--jobs` or `--executor` asked for, remembering results in `cache`;
    None (reported) if unusable."""
    try:
        return open_workers(getattr(args, "jobs", None), getattr(args, "executor", None),
                            cache)
    except (ExecutorError, OSError) as exc:
        if cache is not None:
            cache.close()
        reporter.close()
        reporter.info(f"Stopped: {exc}. Nothing was built.")
        return None


def finish(result: BuildResult, reporter: ConsoleReporter, strict: bool,
           seconds: float) -> None:
    """The closing lines: problem files, then where the site is (or why it is not)."""
    reporter.close()
    for line in reporter.summary():
        reporter.info(line)
    errors, warnings = reporter.count(Severity.ERROR), reporter.count(Severity.WARNING)
    found = f"{plural(errors, 'error')} and {plural(warnings, 'warning')}"
    if result.site_dir is None:
        reporter.info(f"Build failed with {found}; the previous site was left as it was."
                      + (" (--strict: warnings count as failures.)" if strict else ""))
        return
    counts = result.counts
    shown = os.path.relpath(result.site_dir)
    made = (f"{plural(counts['articles'], 'article')}, {plural(counts['actors'], 'actor')}, "
            f"{plural(counts['issues'], 'issue')}, {plural(counts['sources'], 'source')} "
            f"from {plural(len(result.records), 'input file')}")
    status = f" with {found} (listed above)" if errors or warnings else ""
    reporter.info(f"Built {shown}/ in {seconds:.1f}s{status}: {made}. "
                  f"Report: {shown}/build-report.json. "
                  f"View it: python build.py serve (or open {shown}/index.html).")


def check(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    """Validate content and config; exit 1 on errors (or warnings with --strict)."""
    config = load(args, reporter)
    if config is None:
        return 1
    workers = _workers(args, reporter)
    if workers is None:
        return 1
    with workers:
        content = read_content(config, reporter, os.environ.get("SOURCE_DATE_EPOCH"), workers)
    if not content.articles and not args.allow_empty:
        reporter.report(no_articles(config))
    reporter.close()
    for line in reporter.summary():
        reporter.info(line)
    errors, warnings = reporter.count(Severity.ERROR), reporter.count(Severity.WARNING)
    reporter.info(f"Checked {plural(len(content.records), 'file')}: "
                  f"{plural(len(content.articles), 'article')}, {plural(errors, 'error')}, "
                  f"{plural(warnings, 'warning')}.")
    return 1 if errors or (args.strict and warnings) else 0


def serve(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    """Build, then serve and rebuild on every change until Ctrl-C."""
    from .preview import PortInUse, Preview

    config = load(args, reporter, {"base_url": f"http://127.0.0.1:{args.port}/"})
    if config is None:
        return 1
    workers = _workers(args, reporter)
    if workers is None:
        return 1
    reporter.close()           # each rebuild shows its own progress
    preview = Preview(args.config, config, args.port, reporter, args.strict, args.allow_empty,
                      workers)
    try:
        preview.run()
    except PortInUse:
        reporter.info(f"Port {args.port} is in use (another preview or program?). "
                      f"Try: python build.py serve --port {args.port + 1}")
        return 1
    except KeyboardInterrupt:
        pass
    return 0
