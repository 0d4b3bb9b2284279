#!/usr/bin/env python3
"""Score a build against a gold file in the seed-gold format: precision and recall per category.

    python build.py && python bench/score.py --gold tests/fixtures/seed-gold.yml --misses
    python bench/score.py --gold tests/fixtures/pasted/gold.yml --content tests/fixtures/pasted

The second form reads a folder through load and normalize only (no dedupe, so every
file is scored, copies included) and scores each article's fields: `title`,
`published` (the date), `source` (the outlet) and `wire`, as a table of how many
files agree with the gold. With `--data`, the fields are scored for each
article's canonical file. Field agreement: a title equal after folding case,
quotes and punctuation (a gold title of null asks for a derived title); a date
equal as a calendar date (null asks for none); an outlet equal after folding and
a leading "The", or differing only by a parenthesised qualifier (`Ministry of
Ports (Tavoria)`), or fuzzy ratio >= 90; a wire equal, or naming the same agency
in the outlet table (`AP` and `The Associated Press`).

    python bench/score.py --gold tests/fixtures/pasted/gold.yml --build tests/fixtures/pasted

With `--build DIR`, the articles in DIR (with `--config FILE`, else DIR's own
`site_config.yml` if it has one) are copied into a throwaway project, built, and
that build is scored.

Gold entries are matched the way an editor would read them: quotes after folding
quotes, dashes, case and punctuation (a gold quote may be the start of a longer
extracted one), roles by fuzzy containment, figures by value and year, events by
date. Recall is over the gold entries.

A file folded into another as a copy is scored only as found: what it says is the
canonical article's, and the canonical file's gold entries score it.

Besides the editor's categories, three readings for corpora nobody curated:
`actors_exact` (an actor counts only under exactly the gold name, and every
other actor the build lists for the article is a precision miss), `quotes_found`
(the quote's text was extracted, whoever was credited) against `quotes_must`
(found with the right speaker; `alt_speakers` lists others that are also right),
and `events_never` (dates in the text that must not become the article's events).

Precision is over what the build extracted for the same articles, in two
readings: `precision` counts only what the gold lists as right (a lower bound,
since a gold file lists what must be found, not everything that may be),
`upper` also counts what merely does not contradict the gold (a curated actor
the gold does not list; a quote the gold does not mention).

Across articles, pairs of input files are scored: `near_duplicates` (two files
folded into one article, against `document_duplicates`: precision, recall and
F1), `look_alikes_apart` (each `look_alikes` pair must stay two articles: a
miss is a look-alike folded), and `same_story` (two files in one story, against
`same_story`; precision counts the predicted pairs among the files the gold
names in `same_story` or `not_in_any_story_should`).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.folding import fold  # noqa: E402

FIELDS = ("title", "published", "source", "wire")


@dataclass
class Tally:
    """Counts for one category."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0          # listed in the gold
    plausible: int = 0        # listed, or at least not contradicted
    misses: list[str] = field(default_factory=list)

    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    def upper(self) -> float | None:
        return self.plausible / self.predicted if self.predicted else None

    def f1(self) -> float | None:
        recall, precision = self.recall(), self.precision()
        if recall is None or precision is None:
            return None
        return 2 * recall * precision / (recall + precision) if recall + precision else 0.0


def key(text: str) -> str:
    """Folded text without punctuation."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text)).split())


def same_text(gold: str, found: str, prefix: bool = False) -> bool:
    g, f = key(gold), key(found)
    return bool(g) and (g in f or (prefix and f.startswith(g)) or fuzz.ratio(g, f) >= 90)


class Build:
    """The exported data, indexed for lookups by input file name."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.article_of = {Path(f).name: a["id"] for a in data["articles"] for f in a["files"]}
        # The file each article was kept from; the others are copies folded into it.
        self.canonical = {Path(a["files"][0]).name for a in data["articles"] if a["files"]}
        story_of = {a: s["id"] for s in data["stories"] for a in s["article_ids"]}
        self.story_of_file = {name: story_of.get(article)
                              for name, article in self.article_of.items()}
        self.actors = {a["id"]: a for a in data["actors"]}
        self.by_name = {key(a["name"]): a["id"] for a in data["actors"]}

    def actor_id(self, name: str) -> str | None:
        found = self.by_name.get(key(name))
        if found:
            return found
        for actor in self.data["actors"]:
            if key(name) in {key(alias) for alias in actor["aliases"]}:
                return actor["id"]
        return None

    def actors_in(self, article_id: str) -> set[str]:
        return {a["id"] for a in self.data["actors"] if article_id in a["article_ids"]}


def score(gold: dict[str, Any], build: Build) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for name, expected in (gold.get("articles") or {}).items():
        article = build.article_of.get(name)
        if article is None:
            tallies["articles"].gold += 1
            tallies["articles"].misses.append(name)
            continue
        tallies["articles"].gold += 1
        tallies["articles"].found += 1
        if name not in build.canonical:
            continue      # a copy: its text is the canonical article's, scored under that file
        _actors(tallies, build, article, expected)
        _roles(tallies, build, article, expected)
        _quotes(tallies, build, article, expected)
        _figures(tallies, build, article, expected)
        _events(tallies, build, article, expected)
        _exact_actors(tallies["actors_exact"], build, article, expected)
        _events_never(tallies["events_never"], build, article, expected)
    across = gold.get("across_articles") or {}
    universe = set(gold.get("articles") or {})
    _near_duplicates(tallies["near_duplicates"], build, across.get("document_duplicates") or [],
                     universe)
    _look_alikes(tallies["look_alikes_apart"], build, across.get("look_alikes") or [])
    _stories(tallies["same_story"], build, across.get("same_story") or [],
             across.get("not_in_any_story_should") or [])
    _merged_quotes(tallies["quotes_merged"], build, across.get("quotes_merged_must") or [])
    _compared(tallies["figures_compared"], build, across.get("figures_compared_must") or [])
    _aliases(tallies["actor_aliases"], build, across.get("actor_aliases_must") or {})
    _never(tallies["actors_never"], build, across.get("actors_never") or [])
    return tallies


def _actors(tallies: dict[str, Tally], build: Build, article: str, expected: dict) -> None:
    gold_ids = set()
    for level in ("must", "should"):
        tally = tallies[f"actors_{level}"]
        for name in expected.get(f"actors_{level}") or []:
            tally.gold += 1
            actor = build.actor_id(name)
            if actor and actor in build.actors_in(article):
                tally.found += 1
                gold_ids.add(actor)
            else:
                tally.misses.append(f"{article}: {name}")
    predicted = build.actors_in(article)
    tally = tallies["actors_must"]
    tally.predicted += len(predicted)
    tally.correct += len(predicted & gold_ids)
    # A curated actor the gold does not list is not a contradiction; a discovered one is.
    tally.plausible += sum(1 for a in predicted if a in gold_ids or build.actors[a]["curated"])


def _exact_actors(tally: Tally, build: Build, article: str, expected: dict) -> None:
    """Actors under exactly the gold names: recall over the gold, precision over the build."""
    gold = {key(n) for level in ("must", "should") for n in expected.get(f"actors_{level}") or []}
    listed = {key(build.actors[a]["name"]) for a in build.actors_in(article)}
    tally.gold += len(gold)
    tally.found += len(gold & listed)
    tally.predicted += len(listed)
    tally.correct += len(gold & listed)
    tally.plausible += len(gold & listed)
    tally.misses += [f"{article}: missing {n}" for n in sorted(gold - listed)]
    tally.misses += [f"{article}: extra {n}" for n in sorted(listed - gold)]


def _events_never(tally: Tally, build: Build, article: str, expected: dict) -> None:
    starts = {e["start"] for e in build.data["events"] if article in e["article_ids"]}
    for date in expected.get("events_never") or []:
        tally.gold += 1
        if str(date) in starts:
            tally.misses.append(f"{article}: {date}")
        else:
            tally.found += 1


def _roles(tallies: dict[str, Tally], build: Build, article: str, expected: dict) -> None:
    tally = tallies["roles_should"]
    for name, role in (expected.get("roles_should") or {}).items():
        tally.gold += 1
        actor = build.actors.get(build.actor_id(name) or "")
        roles = [r["text"] for r in (actor or {}).get("roles", []) if article in r["article_ids"]]
        if any(same_text(role, r) or same_text(r, role) or fuzz.token_set_ratio(key(role), key(r))
               >= 85 for r in roles):
            tally.found += 1
        else:
            tally.misses.append(f"{name}: {role} (found {roles})")


def _quotes(tallies: dict[str, Tally], build: Build, article: str, expected: dict) -> None:
    quotes = [q for q in build.data["quotes"] if article in q["article_ids"]]
    matched: set[str] = set()
    for level in ("must", "should"):
        tally = tallies[f"quotes_{level}"]
        for entry in (expected.get(f"quotes_{level}") or []) + \
                (expected.get("pull_quotes_must") or [] if level == "must" else []):
            text = entry.get("text") or entry.get("text_starts", "")
            tally.gold += 1
            named = (entry["speaker"], *entry.get("alt_speakers", ()))
            speakers = {build.actor_id(s) for s in named}
            hit = next((q for q in quotes if same_text(text, q["text"], prefix=True)), None)
            if level == "must":
                tallies["quotes_found"].gold += 1
                if hit:
                    tallies["quotes_found"].found += 1
                else:
                    tallies["quotes_found"].misses.append(f"{article}: {text[:50]}")
            if hit and hit["speaker"] in speakers - {None}:
                tally.found += 1
                matched.add(hit["id"])
            else:
                got = f"{hit['speaker']}: {hit['text'][:40]}" if hit else "nothing"
                tally.misses.append(f"{article}: {entry['speaker']}: {text[:50]} (got {got})")
    tally = tallies["quotes_must"]
    tally.predicted += len(quotes)
    tally.correct += len(matched)
    # Wrong only if it contradicts the gold: same text, other speaker.
    tally.plausible += sum(1 for q in quotes if q["id"] in matched or not any(
        same_text(e.get("text") or e.get("text_starts", ""), q["text"], prefix=True)
        for lvl in ("must", "should") for e in expected.get(f"quotes_{lvl}") or []))


def _figures(tallies: dict[str, Tally], build: Build, article: str, expected: dict) -> None:
    figures = [f for g in build.data["figure_groups"] for f in g["figures"]
               if f["article_id"] == article]
    for level in ("must", "should"):
        tally = tallies[f"figures_{level}"]
        for entry in expected.get(f"figures_{level}") or []:
            tally.gold += 1
            year = entry.get("year")
            if any(key(f["value"]) == key(entry["value"]) and (year is None or f["year"] == year)
                   for f in figures):
                tally.found += 1
            else:
                tally.misses.append(f"{article}: {entry['value']} {year} "
                                    f"(found {[(f['value'], f['year']) for f in figures]})")
    gold_values = {key(e["value"]) for lvl in ("must", "should")
                   for e in expected.get(f"figures_{lvl}") or []}
    tally = tallies["figures_must"]
    tally.predicted += len(figures)
    tally.correct += sum(1 for f in figures if key(f["value"]) in gold_values)
    tally.plausible += len(figures)      # the gold never says a figure is not one


def _events(tallies: dict[str, Tally], build: Build, article: str, expected: dict) -> None:
    events = [e for e in build.data["events"] if article in e["article_ids"]]
    tally = tallies["events_should"]
    for entry in expected.get("events_should") or []:
        tally.gold += 1
        start, _, end = str(entry["date"]).partition("/")
        if any(e["start"] == start and (not end or e["end"] == end) for e in events):
            tally.found += 1
        else:
            tally.misses.append(f"{article}: {entry['date']} {entry['what']}")
    dates = {str(e["date"]).partition("/")[0] for e in expected.get("events_should") or []}
    tally.predicted += len(events)
    tally.correct += sum(1 for e in events if e["start"] in dates)
    tally.plausible += len(events)


def _pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for g in groups for p in combinations(g, 2)}  # type: ignore[misc]


def _file_pairs(tally: Tally, gold: set[tuple[str, str]], found: set[tuple[str, str]]) -> None:
    tally.gold, tally.found = len(gold), len(gold & found)
    tally.predicted = len(found)
    tally.correct = tally.plausible = len(gold & found)
    tally.misses = [f"missed {p}" for p in sorted(gold - found)] + \
        [f"wrong {p}" for p in sorted(found - gold)]


def _near_duplicates(tally: Tally, build: Build, groups: list[list[str]],
                     universe: set[str]) -> None:
    """Pairs of files folded into one article, among the files the gold describes."""
    gold = _pairs(groups)
    folded: dict[str, list[str]] = defaultdict(list)
    for name, article in build.article_of.items():
        if name in universe or not universe:
            folded[article].append(name)
    _file_pairs(tally, gold, _pairs(list(folded.values())))


def _look_alikes(tally: Tally, build: Build, pairs: list[list[str]]) -> None:
    """Each look-alike pair must be two articles; a miss is a pair folded into one."""
    for first, second in pairs:
        tally.gold += 1
        one, two = build.article_of.get(first), build.article_of.get(second)
        if one is not None and one == two:
            tally.misses.append(f"folded: {first} + {second}")
        else:
            tally.found += 1


def _stories(tally: Tally, build: Build, clusters: list[list[str]],
             alone: list[str]) -> None:
    """Pairs of input files in one story, among the files the gold places."""
    gold = _pairs(clusters)
    placed = {name for c in clusters for name in c} | set(alone)
    by_story: dict[str, list[str]] = defaultdict(list)
    for name, story in build.story_of_file.items():
        if name in placed and story is not None:
            by_story[story].append(name)
    _file_pairs(tally, gold, _pairs(list(by_story.values())))


def _merged_quotes(tally: Tally, build: Build, entries: list[dict]) -> None:
    for entry in entries:
        tally.gold += 1
        wanted = {build.article_of.get(n) for n in entry["sources"]}
        speaker = build.actor_id(entry["speaker"])
        if any(same_text(entry["text"], q["text"], prefix=True) and q["speaker"] == speaker
               and wanted <= set(q["article_ids"]) for q in build.data["quotes"]):
            tally.found += 1
        else:
            tally.misses.append(entry["text"][:60])


def _compared(tally: Tally, build: Build, entries: list[dict]) -> None:
    for entry in entries:
        tally.gold += 1
        wanted = {key(v.split(" (")[0]) for v in entry["values"]}
        if any(wanted <= {key(f["value"]) for f in g["figures"]} and not g["agree"]
               for g in build.data["figure_groups"]):
            tally.found += 1
        else:
            tally.misses.append(entry["what"])


def _aliases(tally: Tally, build: Build, entries: dict[str, list[str]]) -> None:
    for name, aliases in entries.items():
        actor = build.actors.get(build.actor_id(name) or "")
        known = {key(a) for a in (actor or {}).get("aliases", [])} | {key(name)}
        for alias in aliases:
            tally.gold += 1
            separate = build.by_name.get(key(alias)) not in (None, (actor or {}).get("id"))
            if actor and not separate and (key(alias) in known or key(name) in key(alias)):
                tally.found += 1
            else:
                tally.misses.append(f"{name}: {alias}")


def _never(tally: Tally, build: Build, names: list[str]) -> None:
    for name in names:
        tally.gold += 1
        if key(name) in build.by_name:
            tally.misses.append(name)
        else:
            tally.found += 1


def report(tallies: dict[str, Tally]) -> str:
    def pct(value: float | None) -> str:
        return f"{value:.0%}" if value is not None else "-"

    lines = [f"{'category':<18} {'gold':>5} {'found':>6} {'recall':>7} {'precision':>10} "
             f"{'upper':>6} {'F1':>5}"]
    for name in sorted(tallies):
        t = tallies[name]
        lines.append(f"{name:<18} {t.gold:>5} {t.found:>6} {pct(t.recall()):>7} "
                     f"{pct(t.precision()):>10} {pct(t.upper()):>6} {pct(t.f1()):>5}")
    apart = tallies.get("look_alikes_apart")
    if apart is not None and apart.gold:
        lines.append(f"look-alikes folded: {apart.gold - apart.found} of {apart.gold}")
    return "\n".join(lines)


@dataclass
class FieldRow:
    """What a build or a normalize pass gave one input file."""

    title: str
    title_how: str
    published: str | None          # ISO date
    source: str | None
    wire: str | None


def rows_from_export(data: dict[str, Any]) -> dict[str, FieldRow]:
    """Each article's fields, under its canonical file's name (copies are not scored)."""
    sources = {s["id"]: s["name"] for s in data["sources"]}
    return {Path(a["files"][0]).name: FieldRow(
        a["title"], a["inferred"].get("title", ""), (a["date"] or "")[:10] or None,
        sources.get(a["source"]), a.get("wire")) for a in data["articles"]}


def rows_from_content(content: Path, config_path: Path | None) -> dict[str, FieldRow]:
    """Every file of a folder through load and normalize, as the pipeline calls them."""
    from briefing.config import SiteConfig, load_config
    from briefing.extract.sources import resolve_sources
    from briefing.load import load_sources
    from briefing.normalize import Normalizer, normalize_document

    config = SiteConfig()
    if config_path is not None:
        loaded_config = load_config(config_path)
        config = loaded_config.config or config
    loaded = load_sources(content, config.thresholds.max_file_bytes)
    normalizer = Normalizer.from_config(config, loaded.docs)
    articles = [replace(a, id=a.path) for d in loaded.docs      # ids unique per file
                if (a := normalize_document(d, config, normalizer).article) is not None]
    found, of_article = resolve_sources(tuple(articles), config)
    names = {s.id: s.name for s in found}
    return {Path(a.path).name: FieldRow(
        a.title, a.inferred.get("title", ""), a.date.date().isoformat() if a.date else None,
        names.get(of_article.get(a.id, "")), getattr(a, "wire", None)) for a in articles}


def _outlet_key(text: str) -> str:
    found = key(text)
    return found[4:] if found.startswith("the ") else found


def same_outlet(gold: str, found: str) -> bool:
    g, f = _outlet_key(gold), _outlet_key(found)
    qualified = re.fullmatch(rf"{re.escape(f)} \w[\w ]*", g) and "(" in gold
    return g == f or bool(qualified) or fuzz.ratio(g, f) >= 90


def same_wire(gold: str, found: str) -> bool:
    from briefing.normalize.outlets import OutletBook

    if _outlet_key(gold) == _outlet_key(found):
        return True
    book = OutletBook.build()
    a, b = book.named(gold), book.named(found)
    return a is not None and a == b


def score_fields(gold: dict[str, Any], rows: dict[str, FieldRow]) -> dict[str, Tally]:
    """Per field: `gold` = files scored, `found` = files that agree with the gold."""
    tallies = {name: Tally() for name in FIELDS}
    for name, expected in (gold.get("articles") or {}).items():
        row = rows.get(name)
        if row is None:
            continue
        checks = {
            "title": (expected.get("title"), lambda g, r=row: key(g) == key(r.title),
                      lambda r=row: "derived" in r.title_how or "file name" in r.title_how,
                      row.title),
            "published": (expected.get("published"),
                          lambda g, r=row: str(g)[:10] == r.published,
                          lambda r=row: r.published is None, row.published),
            "source": (expected.get("source"), lambda g, r=row: bool(r.source) and
                       same_outlet(str(g), r.source), lambda r=row: r.source is None,
                       row.source),
            "wire": (expected.get("wire"), lambda g, r=row: bool(r.wire) and
                     same_wire(str(g), r.wire), lambda r=row: r.wire is None, row.wire),
        }
        for field_name, (want, agrees, none_ok, got) in checks.items():
            if field_name not in expected and not (field_name == "title" and
                                                   expected.get("kind")):
                continue
            tally = tallies[field_name]
            tally.gold += 1
            ok = none_ok() if want is None else agrees(want)
            if ok:
                tally.found += 1
            else:
                tally.misses.append(f"{name}: want {want!r}, got {got!r}")
    return tallies


def field_report(tallies: dict[str, Tally]) -> str:
    lines = [f"{'field':<10} {'files':>5} {'agree':>6} {'score':>6}"]
    for name in FIELDS:
        t = tallies[name]
        score = f"{t.found / t.gold:.0%}" if t.gold else "-"
        lines.append(f"{name:<10} {t.gold:>5} {t.found:>6} {score:>6}")
    return "\n".join(lines)


def build_folder(folder: Path, config_path: Path | None = None) -> dict[str, Any]:
    """Build the articles in `folder` in a throwaway project and return the data export.

    The configuration is `config_path` when given, else the folder's own
    `site_config.yml`, else a bare title: the same folder scores differently
    with a curated configuration, so the caller chooses.
    """
    sys.path.insert(0, str(ROOT))
    from briefing.config import load_config
    from briefing.diagnostics import BufferReporter
    from briefing.pipeline import run_build

    work = Path(tempfile.mkdtemp(prefix="briefing-score-"))
    try:
        shutil.copytree(folder / "content" if (folder / "content").is_dir() else folder,
                        work / "content", ignore=shutil.ignore_patterns("*.yml", "*.yaml"))
        shutil.copytree(ROOT / "templates", work / "templates")
        config = config_path or folder / "site_config.yml"
        (work / "site_config.yml").write_text(
            config.read_text(encoding="utf-8") if config.is_file()
            else f"title: {folder.name}\n", encoding="utf-8")
        loaded = load_config(work / "site_config.yml")
        assert loaded.config is not None, [d.format() for d in loaded.diagnostics]
        result = run_build(loaded.config, BufferReporter())
        assert result.site_dir is not None, [d.format() for d in result.diagnostics]
        return json.loads((result.site_dir / "data" / "briefing.json").read_text("utf-8"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=None,
                        help="a build's export (default: site/data/briefing.json)")
    parser.add_argument("--build", type=Path, metavar="DIR",
                        help="build the articles in DIR first and score that build")
    parser.add_argument("--content", type=Path, default=None,
                        help="score a folder's fields through load and normalize instead")
    parser.add_argument("--config", type=Path, default=None,
                        help="with --content or --build: the site_config.yml to use")
    parser.add_argument("--misses", action="store_true", help="list what was not found")
    parser.add_argument("--json", action="store_true", help="print the tallies as JSON")
    args = parser.parse_args()
    gold = yaml.safe_load(args.gold.read_text(encoding="utf-8"))
    if args.content is not None:
        tallies: dict[str, Tally] = {}
        fields = score_fields(gold, rows_from_content(args.content, args.config))
    else:
        data = build_folder(args.build, args.config) if args.build else json.loads(
            (args.data or ROOT / "site" / "data" / "briefing.json").read_text(encoding="utf-8"))
        tallies = score(gold, Build(data))
        fields = score_fields(gold, rows_from_export(data))
    if args.json:
        print(json.dumps({k: {"gold": t.gold, "found": t.found, "recall": t.recall(),
                              "precision": t.precision(), "upper": t.upper(), "f1": t.f1(),
                              "misses": t.misses}
                          for k, t in sorted({**tallies, **{f"field_{n}": f for n, f in
                                                            fields.items()}}.items())},
                         indent=2))
        return 0
    if tallies:
        print(report(tallies))
        print()
    print(field_report(fields))
    if args.misses:
        for name, tally in sorted(tallies.items()):
            for miss in tally.misses:
                print(f"  miss {name}: {miss}")
        for name in FIELDS:
            for miss in fields[name].misses:
                print(f"  miss {name}: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
