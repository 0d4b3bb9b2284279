"""`import` and `new`: articles written into content/ in one clean shape.

`import` reads text pasted from a web page (or a Markdown file of any shape the
build reads), normalizes it exactly as a build would, and writes
`content/YYYY-MM-DD-slug.md`: YAML front matter with every field the build
found, each inferred one marked with a comment saying how it was found (check
those), and the clean body. The lines it removed as page furniture are printed.
It never overwrites a file, and says when the text is a copy of an article
already in content/. `new` writes an empty, valid article to fill in.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..config import SiteConfig
from ..console import ConsoleReporter, plural
from ..dedupe import dedupe_articles
from ..diagnostics import BufferReporter
from ..front_matter import parse_document
from ..model import Article, Copy
from ..normalize import Normalizer, normalize_document
from ..pipeline import read_content
from ..slugs import slugify_title
from .site import load

FIELDS = ("title", "date", "source", "wire", "authors", "url", "tags", "summary")


def import_article(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    """Normalize pasted text and write it as a new article file."""
    config = load(args, reporter)
    if config is None:
        return 1
    text, name = _read_input(args.source)
    if text is None:
        reporter.info(f"Could not read {args.source}: no such file (or it is not UTF-8 text).")
        return 1
    if args.url:
        text = _with_url(text, name, args.url)
    doc, problems = parse_document(text, name, len(text.encode("utf-8")))
    if doc is None:
        for problem in problems:
            reporter.report(problem)
        return 1
    result = normalize_document(doc, config, Normalizer.from_config(config, (doc,)))
    for problem in (*problems, *result.diagnostics):
        reporter.report(problem)
    if result.article is None:
        reporter.info(f"Not imported: the text is marked {result.excluded_reason}.")
        return 1
    article = result.article
    written = article_file(article)
    if args.dry_run:
        sys.stdout.write(written)
        return 0
    target = config.path(config.content_dir) / file_name(article)
    if target.exists():
        reporter.info(f"Not written: {_shown(config, target)} already exists. Rename or "
                      "delete it first, or edit it by hand.")
        return 1
    copy_of = _copy_of(config, article)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(written, encoding="utf-8")
    _tell(reporter, config, target, article, copy_of)
    return 0


def new_article(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    """Write an empty article with the given title, source and address."""
    config = load(args, reporter)
    if config is None:
        return 1
    when = _given_date(args.date, config)
    if when is None:
        reporter.info(f"--date must be YYYY-MM-DD, got {args.date!r}.")
        return 1
    fields: dict[str, Any] = {"title": args.title, "date": when.isoformat(),
                              "source": args.source, "authors": [], "url": args.url,
                              "tags": [], "summary": ""}
    target = config.path(config.content_dir) / f"{when.isoformat()}-{slugify_title(args.title)}.md"
    if target.exists():
        reporter.info(f"Not written: {_shown(config, target)} already exists.")
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_front_matter(fields, {}) + "\n", encoding="utf-8")
    reporter.info(f"Wrote {_shown(config, target)}: paste the article's text under the "
                  "closing --- line, fill in authors, tags and summary, then run "
                  "python build.py check.")
    return 0


def file_name(article: Article) -> str:
    """`YYYY-MM-DD-slug.md`, or `slug.md` when the article has no date."""
    prefix = f"{article.date.date().isoformat()}-" if article.date else ""
    return f"{prefix}{slugify_title(article.title, article.path)}.md"


def article_file(article: Article) -> str:
    """The article as a Markdown file: front matter, inferred fields marked, then the body."""
    values: dict[str, Any] = {
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "source": article.source,
        "wire": article.wire,
        "authors": list(article.authors),
        "url": article.url,
        "tags": list(article.tags),
        "summary": article.summary,
    }
    notes = {field: how for field, how in article.inferred.items()
             if field in FIELDS and not how.startswith("front matter")}
    return _front_matter(values, notes) + "\n" + article.body.strip("\n") + "\n"


def _front_matter(values: dict[str, Any], notes: dict[str, str]) -> str:
    """YAML front matter, one key a line; JSON quoting is valid YAML and escapes all."""
    lines = ["---"]
    for field in FIELDS:
        value = values.get(field)
        if value is None or (value == "" and field != "summary"):
            continue
        line = f"{field}: {json.dumps(value, ensure_ascii=False)}"
        if field in notes:
            line += f"  # inferred from {notes[field]}: check it"
        lines.append(line)
    lines.append("---")
    return "\n".join(lines) + "\n"


def _read_input(source: str) -> tuple[str | None, str]:
    """The text to import and a file name that says how to read it (.txt for pastes)."""
    if source == "-":
        return sys.stdin.read(), "pasted.txt"
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8-sig"), path.name
    except (OSError, UnicodeDecodeError):
        return None, path.name


def _with_url(text: str, name: str, url: str) -> str:
    """Give a pasted text its address as front matter, the way an editor would."""
    doc, _ = parse_document(text, name)
    if doc is not None and doc.format == "yaml" and "url" not in doc.front_matter:
        return text.replace("---\n", f"---\nurl: {json.dumps(url)}\n", 1)
    if doc is not None and doc.format != "plain":
        return text                            # TOML, JSON or Pelican: its own url wins
    return f"---\nurl: {json.dumps(url)}\n---\n{text}"


def _copy_of(config: SiteConfig, article: Article) -> tuple[str, Copy] | None:
    """(the other file, the evidence) when `article` and one already there would fold."""
    existing = read_content(config, BufferReporter())
    deduped = dedupe_articles((*existing.articles, article), config.thresholds.near_duplicate,
                              config.thresholds.containment, config.thresholds.shingle_size)
    for copy in deduped.copies:
        if article.path in (copy.path, copy.canonical_path):
            return (copy.canonical_path if copy.path == article.path else copy.path), copy
    return None


def _tell(reporter: ConsoleReporter, config: SiteConfig, target: Path, article: Article,
          copy_of: tuple[str, Copy] | None) -> None:
    reporter.info(f"Wrote {_shown(config, target)}.")
    inferred = [f"{field} ({how})" for field, how in sorted(article.inferred.items())
                if field in FIELDS and not how.startswith("front matter")]
    if inferred:
        reporter.info(f"Check these inferred fields: {', '.join(inferred)}.")
    if article.date is None:
        reporter.info("No publication date was found: add date: YYYY-MM-DD to the front "
                      "matter (and the date to the file name).")
    if article.removed:
        reporter.info(f"Removed {plural(len(article.removed), 'line')} as page furniture:")
        for line in article.removed:
            reporter.info(f"  - {line}")
    if copy_of:
        other, copy = copy_of
        reporter.info(f"This text is a copy ({copy.kind}) of {config.content_dir}/{other}: "
                      f"containment {copy.containment:.2f}, similarity {copy.jaccard:.2f}. "
                      "The build will fold the two into one article with both sources; "
                      "delete the new file if that is not wanted.")


def _given_date(text: str | None, config: SiteConfig) -> date | None:
    """--date, or today in the site's time zone."""
    if text is None:
        return datetime.now(ZoneInfo(config.timezone)).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _shown(config: SiteConfig, target: Path) -> str:
    try:
        return target.relative_to(config.root).as_posix()
    except ValueError:
        return str(target)
