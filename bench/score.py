#!/usr/bin/env python3
"""Score a build against a gold file in the seed-gold format: precision and recall per category.

    python build.py && python bench/score.py --gold tests/fixtures/seed-gold.yml --misses
    python bench/score.py --gold tests/fixtures/pasted/gold.yml --build tests/fixtures/pasted

With `--build DIR`, the articles in DIR (and its `site_config.yml`, if it has
one) are copied into a throwaway project, built, and that build is scored.

Gold entries are matched the way an editor would read them: quotes after folding
quotes, dashes, case and punctuation (a gold quote may be the start of a longer
extracted one), roles by fuzzy containment, figures by value and year, events by
date. Recall is over the gold entries. Precision is over what the build extracted
for the same articles, in two readings: `precision` counts only what the gold
lists as right (a lower bound, since a gold file lists what must be found, not
everything that may be), `upper` also counts what merely does not contradict the
gold (a curated actor the gold does not list; a quote the gold does not mention).

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
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.folding import fold  # noqa: E402


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
        _actors(tallies, build, article, expected)
        _roles(tallies, build, article, expected)
        _quotes(tallies, build, article, expected)
        _figures(tallies, build, article, expected)
        _events(tallies, build, article, expected)
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
            speaker = build.actor_id(entry["speaker"])
            hit = next((q for q in quotes if same_text(text, q["text"], prefix=True)), None)
            if hit and hit["speaker"] == speaker:
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


def build_folder(folder: Path) -> dict[str, Any]:
    """Build the articles in `folder` in a throwaway project and return the data export."""
    sys.path.insert(0, str(ROOT))
    from briefing.config import load_config
    from briefing.diagnostics import BufferReporter
    from briefing.pipeline import run_build

    work = Path(tempfile.mkdtemp(prefix="briefing-score-"))
    try:
        shutil.copytree(folder / "content" if (folder / "content").is_dir() else folder,
                        work / "content", ignore=shutil.ignore_patterns("*.yml", "*.yaml"))
        shutil.copytree(ROOT / "templates", work / "templates")
        config = folder / "site_config.yml"
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
    parser.add_argument("--data", type=Path, default=ROOT / "site" / "data" / "briefing.json")
    parser.add_argument("--build", type=Path, metavar="DIR",
                        help="build the articles in DIR first and score that build")
    parser.add_argument("--misses", action="store_true", help="list what was not found")
    parser.add_argument("--json", action="store_true", help="print the tallies as JSON")
    args = parser.parse_args()
    gold = yaml.safe_load(args.gold.read_text(encoding="utf-8"))
    data = build_folder(args.build) if args.build else \
        json.loads(args.data.read_text(encoding="utf-8"))
    tallies = score(gold, Build(data))
    if args.json:
        print(json.dumps({k: {"gold": t.gold, "found": t.found, "recall": t.recall(),
                              "precision": t.precision(), "upper": t.upper(), "f1": t.f1(),
                              "misses": t.misses}
                          for k, t in sorted(tallies.items())}, indent=2))
        return 0
    print(report(tallies))
    if args.misses:
        for name, tally in sorted(tallies.items()):
            for miss in tally.misses:
                print(f"  miss {name}: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
