#!/usr/bin/env python3
"""Score a build against a gold file in the seed-gold format: precision and recall per category.

    python build.py && python bench/score.py --gold tests/fixtures/seed-gold.yml --misses

Gold entries are matched the way an editor would read them: quotes after folding
quotes, dashes, case and punctuation (a gold quote may be the start of a longer
extracted one), roles by fuzzy containment, figures by value and year, events by
date. Recall is over the gold entries.

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
"""

from __future__ import annotations

import argparse
import json
import re
import sys
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
        _exact_actors(tallies["actors_exact"], build, article, expected)
        _events_never(tallies["events_never"], build, article, expected)
    across = gold.get("across_articles") or {}
    _stories(tallies["same_story"], build, across.get("same_story") or [])
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


def _stories(tally: Tally, build: Build, clusters: list[list[str]]) -> None:
    gold = _pairs([[build.article_of.get(n, n) for n in c] for c in clusters])
    found = _pairs([s["article_ids"] for s in build.data["stories"]])
    tally.gold, tally.found = len(gold), len(gold & found)
    tally.predicted = len(found)
    tally.correct = tally.plausible = len(gold & found)
    tally.misses = [str(p) for p in sorted(gold - found)]


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
             f"{'upper':>6}"]
    for name in sorted(tallies):
        t = tallies[name]
        lines.append(f"{name:<18} {t.gold:>5} {t.found:>6} {pct(t.recall()):>7} "
                     f"{pct(t.precision()):>10} {pct(t.upper()):>6}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=ROOT / "site" / "data" / "briefing.json")
    parser.add_argument("--misses", action="store_true", help="list what was not found")
    parser.add_argument("--json", action="store_true", help="print the tallies as JSON")
    args = parser.parse_args()
    gold = yaml.safe_load(args.gold.read_text(encoding="utf-8"))
    tallies = score(gold, Build(json.loads(args.data.read_text(encoding="utf-8"))))
    if args.json:
        print(json.dumps({k: {"gold": t.gold, "found": t.found, "recall": t.recall(),
                              "precision": t.precision(), "upper": t.upper(),
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
