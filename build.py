#!/usr/bin/env python3
"""briefing: build a static briefing site from the news articles in content/.

commands (run `python build.py COMMAND --help` for each):
  build     build site/ from content/ (the default: `python build.py`)
  check     validate content/ and site_config.yml without building
  serve     build and preview on http://127.0.0.1:8000/, rebuilding on every change
  import    turn a pasted web page or a Markdown file into a clean content/ article
  new       start an empty article to fill in
  diff      say what changed between two builds (for pull requests)
  suggest   actors, issues and outlets worth adding to site_config.yml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.commands import articles, comparing, site, suggesting
from briefing.console import ConsoleReporter
from briefing.heap import exit_now

EXAMPLES = {
    "build": ("python build.py\n  python build.py --strict --base-url https://owner.github.io/repo/"
              "\n  python build.py --jobs 1 --timings\n"
              "  python build.py --executor dask://scheduler.example:8786"),
    "check": "python build.py check\n  python build.py check --strict",
    "serve": "python build.py serve\n  python build.py serve --port 8001",
    "import": ("python build.py import page.txt --url https://example.com/news/story\n"
               "  pbpaste | python build.py import - --url https://example.com/news/story"),
    "new": 'python build.py new "Talks resume in Geneva" --source Reuters --url https://...',
    "diff": ("python build.py diff base/site/data/briefing.json site/data/briefing.json\n"
             "  python build.py diff old.json new.json >> \"$GITHUB_STEP_SUMMARY\""),
    "suggest": "python build.py suggest\n  python build.py suggest >> suggestions.yml",
}


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line; with no command, `build`."""
    parser = argparse.ArgumentParser(
        prog="build.py", description=(__doc__ or "").splitlines()[0],
        epilog="with no COMMAND, build. `python build.py COMMAND --help` explains each.\n"
               "examples:\n  python build.py\n  python build.py serve\n"
               "  python build.py import page.txt --url https://example.com/story",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default="site_config.yml", type=Path,
                        help="path to site_config.yml (default: ./site_config.yml)")
    common.add_argument("--quiet", action="store_true", help="print only problems")
    common.add_argument("--debug", action="store_true",
                        help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, parents=[common], help=summary, description=summary,
            epilog=f"examples:\n  {EXAMPLES[name]}",
            formatter_class=argparse.RawDescriptionHelpFormatter)

    building = command("build", "Build site/ from content/ and site_config.yml.")
    checking = command("check", "Validate content/ and site_config.yml; build nothing.")
    serving = command("serve", "Build, serve on 127.0.0.1 and rebuild on every change.")
    for sub in (building, checking, serving):
        sub.add_argument("--strict", action="store_true", help="fail on warnings too")
        sub.add_argument("--allow-empty", action="store_true",
                         help="accept a content folder with no articles")
    building.add_argument("--base-url", help="publish address, overriding base_url (the "
                          "Pages workflow passes the repository's own)")
    building.add_argument("--no-cache", action="store_true",
                          help="work out every article again (ignoring and not updating the "
                          "results kept in build_dir) and build every page with the HTML "
                          "engine")
    building.add_argument("--timings", action="store_true",
                          help="print each stage's time and count at the end")
    for sub in (building, checking, serving):
        sub.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                         help="processes for per-article work and for building the pages "
                         "(default: every core; 1: all in this process)")
        sub.add_argument("--executor", metavar="dask://HOST:PORT",
                         help="run per-article work on a Dask cluster instead "
                         "(pip install -e '.[cluster]')")
    serving.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    importing = command("import", "Turn a pasted page or a Markdown file into a clean "
                        "article in content/, every inferred field marked for review.")
    importing.add_argument("source", nargs="?", default="-", metavar="FILE",
                           help="the text to import; - (the default) reads standard input")
    importing.add_argument("--url", help="the address the text was copied from")
    importing.add_argument("--dry-run", action="store_true",
                           help="print the article instead of writing it")
    starting = command("new", "Write an empty, valid article to fill in.")
    starting.add_argument("title", help="the article's headline")
    starting.add_argument("--source", help="the outlet that published it")
    starting.add_argument("--url", help="the article's address")
    starting.add_argument("--date", help="publication date, YYYY-MM-DD (default: the "
                          "build date)")
    diffing = command("diff", "Say what changed between two builds' data/briefing.json, "
                      "as Markdown (a pull request's job summary).")
    diffing.add_argument("base", type=Path, help="briefing.json of the earlier build")
    diffing.add_argument("new", type=Path, help="briefing.json of the later build")
    command("suggest", "Print discovered actors, issues and outlets as YAML to paste into "
            "site_config.yml.")
    args = list(argv)
    if not args or (args[0] not in commands.choices and args[0] not in ("-h", "--help")):
        args.insert(0, "build")
    return parser.parse_args(args)


def _jobs(value: str) -> int:
    """`--jobs`: a whole number of processes, at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, got {value!r}")
    return number


RUNNERS = {
    "build": site.build, "check": site.check, "serve": site.serve,
    "import": articles.import_article, "new": articles.new_article,
    "diff": comparing.diff, "suggest": suggesting.suggest,
}


def main(argv: list[str] | None = None, ends_process: bool = False) -> int:
    """Run the command `argv` asks for; its exit code. With `ends_process`, the caller
    ends the process right after (`exit_now`), so a build leaves its garbage to it."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    args.ends_process = ends_process
    reporter = ConsoleReporter(quiet=args.quiet)
    try:
        return RUNNERS[args.command](args, reporter)
    except Exception as exc:  # our own bug: say so plainly, traceback only with --debug
        reporter.close()
        if args.debug:
            raise
        print(f"internal error: {exc!r}. Re-run with --debug and report it.", file=sys.stderr)
        return 2
    finally:
        reporter.close()


if __name__ == "__main__":
    exit_now(main(ends_process=True))
