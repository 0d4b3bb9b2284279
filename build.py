#!/usr/bin/env python3
"""briefing: build a static briefing site from the articles in content/.

    python build.py            build site/ (same as `build`)
    python build.py check      validate content/ without building
    python build.py serve      build, then serve site/ on http://127.0.0.1:8000/
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from briefing.config import load_config
from briefing.diagnostics import ConsoleReporter, Severity
from briefing.pipeline import read_content, run_build


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.splitlines()[1])
    parser.add_argument("command", nargs="?", default="build", choices=("build", "check", "serve"))
    parser.add_argument("--config", default="site_config.yml", type=Path,
                        help="path to site_config.yml (default: ./site_config.yml)")
    parser.add_argument("--base-url", help="publish address, overriding base_url in the config "
                        "(the Pages workflow passes the repository's own)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--quiet", action="store_true", help="print only problems")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    parser.add_argument("--port", type=int, default=8000, help="port for `serve`")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    reporter = ConsoleReporter(quiet=args.quiet)
    try:
        return _run(args, reporter)
    except Exception as exc:  # our own bug: say so plainly, traceback only with --debug
        reporter.close()
        if args.debug:
            raise
        print(f"internal error: {exc!r}. Re-run with --debug and report it.", file=sys.stderr)
        return 2
    finally:
        reporter.close()


def _run(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    loaded = load_config(args.config, {"base_url": args.base_url} if args.base_url else None)
    for diagnostic in loaded.diagnostics:
        reporter.report(diagnostic)
    config = loaded.config
    if config is None or any(d.severity is Severity.ERROR for d in loaded.diagnostics):
        return 1
    if args.command == "check":
        content = read_content(config, reporter, os.environ.get("SOURCE_DATE_EPOCH"))
        found = (*loaded.diagnostics, *content.diagnostics)
        errors = sum(d.severity is Severity.ERROR for d in found)
        warnings = sum(d.severity is Severity.WARNING for d in found)
        reporter.info(f"Checked {plural(len(content.records), 'file')}: "
                      f"{plural(len(content.articles), 'article')}, {plural(errors, 'error')}, "
                      f"{plural(warnings, 'warning')}.")
        return 1 if errors or (args.strict and warnings) else 0
    started = time.perf_counter()
    result = run_build(config, reporter, os.environ.get("SOURCE_DATE_EPOCH"), loaded.diagnostics,
                       strict=args.strict)
    if result.site_dir is None:
        reporter.info("Build failed; the previous site was left as it was."
                      + (" (--strict: warnings count as failures.)" if args.strict else ""))
        return 1
    counts = result.counts
    shown = os.path.relpath(result.site_dir)
    reporter.info(
        f"Built {shown}/ in {time.perf_counter() - started:.1f}s: "
        f"{plural(counts['articles'], 'article')}, {plural(counts['actors'], 'actor')}, "
        f"{plural(counts['issues'], 'issue')}, {plural(counts['sources'], 'source')} "
        f"from {plural(len(result.records), 'input file')}. Report: {shown}/build-report.json"
    )
    if args.command == "serve":
        _serve(result.site_dir, args.port, reporter)
    return 1 if result.failed(args.strict) else 0


def plural(count: int, noun: str) -> str:
    """`1 article`, `2 articles`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _serve(site_dir: Path, port: int, reporter: ConsoleReporter) -> None:
    """Serve the built site locally (no rebuild on change: run build again)."""
    import functools
    import http.server

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        reporter.info(f"Serving {site_dir} at http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    sys.exit(main())
