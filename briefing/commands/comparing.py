"""`diff`: what a pull request changes in the briefing, from two builds' exports.

Reads two `data/briefing.json` files (or the site folders holding them) and
writes Markdown: counts before and after, articles added and removed, copies
newly folded (into what), actors, issues and sources that appear, figure
groups that now disagree, timeline events added, and the problems the newer
build reported (from its `build-report.json`, when it sits beside the data).
The pull-request workflow appends it to the job summary.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import partial
from pathlib import Path
from typing import Any

from ..console import ConsoleReporter

SECTIONS = ("articles", "actors", "issues", "sources", "stories", "quotes", "events")
LISTED = 25          # items shown per list; the rest are counted


def diff(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    """Print the Markdown comparison of two builds."""
    loaded = [_load(path) for path in (args.base, args.new)]
    for path, data in zip((args.base, args.new), loaded, strict=True):
        if data is None:
            reporter.info(f"Cannot read {path}: give a site folder or its data/briefing.json.")
            return 1
    base, new = loaded
    assert base is not None and new is not None
    sys.stdout.write(compare(base, new, _report(args.new)))
    return 0


def compare(base: dict[str, Any], new: dict[str, Any],
            report: dict[str, Any] | None = None) -> str:
    """The Markdown summary of what changed from `base` to `new`."""
    lines = ["## What this change does to the briefing", "", *_counts(base, new)]
    added = partial(_article_line, outlets=_outlet_names(new))
    removed = partial(_article_line, outlets=_outlet_names(base))
    lines += _section("Articles added", _added(base, new, "articles"), added)
    lines += _section("Articles removed", _added(new, base, "articles"), removed)
    lines += _section("Copies folded", _new_copies(base, new), lambda item: item)
    for kind, title in (("actors", "Actors"), ("issues", "Issues"), ("sources", "Sources")):
        lines += _section(f"{title} new to the briefing", _added(base, new, kind),
                          lambda item, kind=kind: _entity_line(item, kind))
    lines += _section("Figures that now disagree", _new_disagreements(base, new), _figure_line)
    lines += _section("Timeline events added", _added(base, new, "events"), _event_line)
    if report is not None:
        lines += _problems(report)
    return "\n".join(lines).rstrip() + "\n"


def _counts(base: dict[str, Any], new: dict[str, Any]) -> list[str]:
    rows = ["| | before | after | change |", "| --- | ---: | ---: | ---: |"]
    for kind in SECTIONS:
        before, after = len(base.get(kind, [])), len(new.get(kind, []))
        rows.append(f"| {kind} | {before} | {after} | {after - before:+d} |")
    copies = (_copies(base), _copies(new))
    rows.append(f"| copies folded | {copies[0]} | {copies[1]} | {copies[1] - copies[0]:+d} |")
    return [*rows, ""]


def _section(title: str, items: list[Any], line: Any) -> list[str]:
    if not items:
        return []
    shown = [f"- {line(item)}" for item in items[:LISTED]]
    if len(items) > LISTED:
        shown.append(f"- … and {len(items) - LISTED} more")
    return [f"### {title} ({len(items)})", "", *shown, ""]


def _added(base: dict[str, Any], new: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    known = {item["id"] for item in base.get(kind, [])}
    return [item for item in new.get(kind, []) if item["id"] not in known]


def _copies(data: dict[str, Any]) -> int:
    return sum(max(0, len(a.get("files", [])) - 1) for a in data.get("articles", []))


def _new_copies(base: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """`file` folded into `title`, for every copy file the base did not have as a copy."""
    before = {f for a in base.get("articles", []) for f in a.get("files", [])[1:]}
    return [f"`{_text(f)}` folded into {_link(article, 'title')}"
            for article in new.get("articles", []) for f in article.get("files", [])[1:]
            if f not in before]


def _new_disagreements(base: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    disagreed = {g["id"] for g in base.get("figure_groups", []) if not g.get("agree", True)}
    return [g for g in new.get("figure_groups", [])
            if not g.get("agree", True) and g["id"] not in disagreed]


def _article_line(article: dict[str, Any], outlets: dict[str, str]) -> str:
    when = (article.get("date") or "undated")[:10]
    outlet = str(article.get("source") or "")
    shown = f" · {_text(outlets.get(outlet, outlet))}" if outlet else ""
    wire = article.get("wire")
    shown += f" (wire: {_text(wire)})" if wire and wire != outlets.get(outlet, outlet) else ""
    return f"{_link(article, 'title')} — {when}{shown}"


def _outlet_names(data: dict[str, Any]) -> dict[str, str]:
    """Source id -> the outlet's display name."""
    return {s["id"]: s.get("name", s["id"]) for s in data.get("sources", [])}


def _entity_line(item: dict[str, Any], kind: str) -> str:
    count = len(item.get("article_ids", []))
    kind_note = f" ({_text(item['type'])})" if kind == "actors" and item.get("type") else ""
    curated = "" if item.get("curated", True) else ", discovered"
    return f"{_link(item, 'name')}{kind_note} — {count} article{'s' * (count != 1)}{curated}"


def _figure_line(group: dict[str, Any]) -> str:
    values = ", ".join(f"{_text(f['value'])}" + (f" ({f['year']})" if f.get("year") else "")
                       for f in group.get("figures", [])[:6])
    return f"{_text(group.get('measure', group['id']))}: {values}"


def _event_line(event: dict[str, Any]) -> str:
    return f"{_text(event.get('start', ''))} — {_text(event.get('text', ''))}"


def _problems(report: dict[str, Any]) -> list[str]:
    found = [d for d in report.get("diagnostics", []) if d.get("severity") in ("error", "warning")]
    if not found:
        return ["### Problems", "", "None: no errors or warnings.", ""]
    errors = sum(d["severity"] == "error" for d in found)
    lines = [f"### Problems ({errors} errors, {len(found) - errors} warnings)", ""]
    for d in found[:LISTED]:
        where = _text(d.get("path") or "<build>") + (f":{d['line']}" if d.get("line") else "")
        lines.append(f"- **{d['severity']}** `{where}` {_text(d.get('message', ''))}")
    if len(found) > LISTED:
        lines.append(f"- … and {len(found) - LISTED} more in build-report.json")
    return [*lines, ""]


def _link(item: dict[str, Any], label: str) -> str:
    text = _text(item.get(label) or item.get("id", ""))
    return f"[{text}]({item['url']})" if item.get("url") else text


def _text(value: object) -> str:
    """Content in Markdown: one line, no markup or HTML of its own."""
    text = " ".join(str(value).split())
    for char in "\\`*_[]<>|#":
        text = text.replace(char, f"\\{char}")
    return text


def _load(path: Path) -> dict[str, Any] | None:
    candidate = path / "data" / "briefing.json" if path.is_dir() else path
    try:
        data = json.loads(candidate.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _report(path: Path) -> dict[str, Any] | None:
    """The build report beside a site's data (site/build-report.json), if there."""
    site = path if path.is_dir() else path.parent.parent
    try:
        data = json.loads((site / "build-report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
