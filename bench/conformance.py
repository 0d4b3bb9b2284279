#!/usr/bin/env python3
"""How we read peer generators' own test content: per-suite, per-field agreement.

    python bench/conformance.py [--suites ../shared/conformance] [--misses] [--json]

Each suite is a folder of another generator's content (Jekyll, Hugo,
python-frontmatter) beside a `<suite>.expected.yml` that says what that generator
derives from each file. The folder is read as `content_dir` of a default
`SiteConfig`, through our own load and normalize stages, in process, exactly as
`pipeline.read_content` calls them (without dedupe, which folds the suites' many
"Best post ever" files together and is not what is compared here). With no
suites folder the script says so and exits 0.

What "agreement" means, per field (one row per file, `n` counts the rows compared):

- published: the peer publishes the file if and only if we make an article of
  it (a draft, a section page, a skipped file are all "not published").
- title: compared only when the peer states a title, and only where both
  publish; equal after folding case, quotes, dashes and whitespace.
- date: the calendar date in the value's own time zone. When the peer states no
  date we agree only by having none either (we never invent one).
- tags, categories: the same set of strings (order ignored, case kept; a peer
  stating none means an empty set).
- summary: compared only when the peer states one. Its `text` is a
  description: pieces separated by `...` must each appear, in order, in our
  summary (folded). A peer excerpt `from: first paragraph` is the peer's automatic
  excerpt, which we deliberately do not copy into a summary; when we give no
  summary it counts as a documented difference (difference 2), not agreement.
- body: `body_starts` is a description, not always a literal: parenthesised notes
  such as `(Liquid rendered)` say what the peer's template language produced, and
  ` / ` or `...` separate pieces. We agree when our body contains no template
  syntax (`{{`, `{%`) and the first literal piece (its first six words, folded,
  punctuation ignored) appears within the first 400 characters of the page as a
  reader meets it: our title, then our body text. A description with no literal
  piece needs only the first condition.

Rows where we differ from the peer on purpose are counted as `documented`, each
by a rule below that names the entry of docs/front-matter.md ("Deliberate
differences") it stands for; `score` is agree / (n - documented), `raw` is
agree / n, and `--misses` marks each documented row.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.config import SiteConfig  # noqa: E402
from briefing.folding import fold  # noqa: E402
from briefing.load import load_sources  # noqa: E402
from briefing.model import Article  # noqa: E402
from briefing.normalize import Normalizer, normalize_document  # noqa: E402
from briefing.pipeline import publish_cutoff  # noqa: E402

DEFAULT_SUITES = ROOT.parent / "shared" / "conformance"
FIELDS = ("published", "title", "date", "tags", "categories", "summary", "body")
TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%")
BODY_WINDOW = 400
BODY_WORDS = 6



@dataclass
class Tally:
    """Agreement counts for one field of one suite."""

    n: int = 0
    agree: int = 0
    documented: int = 0
    misses: list[str] = field(default_factory=list)

    def score(self) -> float | None:
        counted = self.n - self.documented
        return self.agree / counted if counted else None

    def raw(self) -> float | None:
        return self.agree / self.n if self.n else None


@dataclass(frozen=True)
class Ours:
    """What we made of one file: an article, or the reason there is none."""

    article: Article | None
    reason: str | None


def read_suite(folder: Path) -> dict[str, Ours]:
    """Load and normalize one suite folder the way `pipeline.read_content` does."""
    config = SiteConfig(content_dir=str(folder), root=folder)
    loaded = load_sources(config.path(config.content_dir), config.thresholds.max_file_bytes)
    found: dict[str, Ours] = {r.path: Ours(None, r.reason) for r in loaded.skipped}
    cutoff = publish_cutoff(config, os.environ.get("SOURCE_DATE_EPOCH"))
    normalizer = Normalizer.from_config(config, loaded.docs, cutoff)
    for doc in loaded.docs:
        result = normalize_document(doc, config, normalizer)
        found[doc.path] = Ours(result.article, result.excluded_reason)
    return found


def words(text: str) -> list[str]:
    """Folded words, punctuation and Markdown underlines ignored."""
    return re.findall(r"\w+", fold(text))


def same_text(a: str, b: str) -> bool:
    return " ".join(words(a)) == " ".join(words(b))


def peer_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def literal_pieces(description: str) -> list[str]:
    """The literal text in a `body_starts` description, in order."""
    notes = re.findall(r"\(([^()]*)\)", description)
    text = re.sub(r"\([^()]*\)", " / ", description)
    for note in notes:      # "(Liquid rendered: Buckaroo Banzai ...)" names rendered text
        if ":" in note and not note.lstrip().startswith(("http", "/")):
            text += " / " + note.split(":", 1)[1]
    pieces = re.split(r"\s/\s|\.\.\.|…", text)
    return [p for p in pieces if words(p)]


def body_text(article: Article) -> str:
    return " ".join(block.text for block in article.blocks)


def compare_body(description: str, article: Article) -> bool:
    if TEMPLATE_SYNTAX.search(article.body):
        return False
    pieces = literal_pieces(description)
    if not pieces:
        return True
    wanted = " ".join(words(pieces[0])[:BODY_WORDS])
    seen = " ".join(words((article.title + " " + body_text(article))[:BODY_WINDOW]))
    return f" {wanted} " in f" {seen} "


def compare_summary(expected: dict[str, Any], article: Article) -> tuple[bool, bool]:
    """(agree, documented difference) for a stated peer summary."""
    ours = article.summary
    if ours is None:
        automatic = str(expected.get("from", "")).startswith("first paragraph")
        return False, automatic
    seen = " ".join(words(ours))
    position = 0
    for piece in re.split(r"\.\.\.|…", str(expected.get("text", ""))):
        wanted = " ".join(words(piece))
        if not wanted:
            continue
        found = f" {seen} ".find(f" {wanted} ", position)
        if found < 0:
            return False, False
        position = found + len(wanted)
    return True, False


def documented_title(article: Article) -> bool:
    """Difference 1: a heading at the top of the body is the title; the peer titleizes
    the file name."""
    return article.inferred.get("title", "").startswith("first heading")


def documented_body(description: str, article: Article) -> bool:
    """Difference 4: the peer's own page address (`{{ page.url }}`) is not rendered."""
    return not TEMPLATE_SYNTAX.search(article.body) and bool(
        re.search(r"/\d{4}/\d{2}/\d{2}/|\.html", description))


def documented_publishing(path: str) -> bool:
    """Differences 5 and 6: R Markdown needs a peer plugin; a file in `_posts/` without
    a date in its name is still an article here (undated), where Jekyll skips it."""
    name = path.rsplit("/", 1)[-1]
    return name.lower().endswith(".rmd") or (
        "_posts/" in path and re.match(r"\d{4}-\d{1,2}-\d{1,2}", name) is None)


def score_suite(folder: Path, expected: dict[str, dict[str, Any]]
                ) -> dict[str, Tally]:
    ours = read_suite(folder)
    tallies = {name: Tally() for name in FIELDS}

    def record(name: str, path: str, agree: bool, peer: Any, got: Any,
               documented: bool = False) -> None:
        tally = tallies[name]
        tally.n += 1
        if agree:
            tally.agree += 1
            return
        tally.documented += documented
        note = " [documented difference]" if documented else ""
        tally.misses.append(f"{path}: peer {peer!r}, ours {got!r}{note}")

    for path, peer in sorted(expected.items()):
        mine = ours.get(path, Ours(None, "not found by load"))
        article = mine.article
        published = bool(peer.get("published"))
        record("published", path, published == (article is not None), published,
               True if article is not None else f"no ({mine.reason})",
               documented=documented_publishing(path))
        if not published or article is None:
            continue
        if "title" in peer:
            record("title", path, same_text(str(peer["title"]), article.title), peer["title"],
                   article.title, documented_title(article))
        want_date = peer_date(peer.get("date"))
        got_date = article.date.date() if article.date else None
        record("date", path, want_date == got_date, str(want_date), str(got_date))
        for name, got_list in (("tags", article.tags), ("categories", article.categories)):
            want = sorted(str(t) for t in peer.get(name) or [])
            got = sorted(got_list)
            record(name, path, want == got, want, got)
        if "summary" in peer:
            agree, documented = compare_summary(peer["summary"], article)
            record("summary", path, agree, peer["summary"].get("text"), article.summary,
                   documented)
        if "body_starts" in peer:
            shown = (article.title + " | " + body_text(article))[:90]
            described = str(peer["body_starts"])
            record("body", path, compare_body(described, article), described[:70], shown,
                   documented_body(described, article))
    return tallies


def suites(folder: Path) -> list[tuple[str, Path, Path]]:
    return [(p.name, p, folder / f"{p.name}.expected.yml")
            for p in sorted(folder.iterdir())
            if p.is_dir() and (folder / f"{p.name}.expected.yml").is_file()]


def percent(value: float | None) -> str:
    return "  -  " if value is None else f"{100 * value:5.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suites", type=Path, default=DEFAULT_SUITES,
                        help=f"folder of suites (default: {DEFAULT_SUITES})")
    parser.add_argument("--misses", action="store_true", help="list every disagreement")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    if not args.suites.is_dir():
        print(f"no conformance suites at {args.suites}; nothing to measure.")
        return 0
    results: dict[str, dict[str, Tally]] = {}
    for name, folder, expected_file in suites(args.suites):
        expected = yaml.safe_load(expected_file.read_text(encoding="utf-8")) or {}
        results[name] = score_suite(folder, expected)
    if args.json:
        print(json.dumps({suite: {f: {"n": t.n, "agree": t.agree, "documented": t.documented,
                                      "score": t.score(), "raw": t.raw()}
                                  for f, t in tallies.items()}
                          for suite, tallies in results.items()}, indent=2))
        return 0
    print(f"{'suite':<20} {'field':<11} {'n':>4} {'agree':>5} {'doc':>4} {'score':>6} {'raw':>6}")
    for suite, tallies in results.items():
        for name, tally in tallies.items():
            print(f"{suite:<20} {name:<11} {tally.n:>4} {tally.agree:>5} {tally.documented:>4} "
                  f"{percent(tally.score()):>6} {percent(tally.raw()):>6}")
    if args.misses:
        for suite, tallies in results.items():
            for name, tally in tallies.items():
                for miss in tally.misses:
                    print(f"{suite} {name}: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
