"""Every regular expression in briefing/, timed on adversarial text of growing length.

Run by `test_regex_cost.py` in a subprocess (a pattern that backtracks
exponentially would otherwise hang the test run): prints one JSON line per
pattern whose cost grows faster than its input, and `done` at the end. Before
each pattern it prints `trying <where>`, so a hang names its pattern.

Patterns are collected three ways: compiled patterns held by modules (also in
tuples, and the boilerplate filter's), every pattern of the page-chrome table
(`briefing/data/page_chrome.yml`), and string literals passed to `re.*` calls,
read from the source with `ast`. Dynamic patterns built with f-strings
inside functions are escaped names (`re.escape`) and are not collected.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
import sys
import time
from pathlib import Path

import briefing
from briefing.normalize.boilerplate import BoilerplateFilter
from briefing.rule_tables import chrome_table

# Units repeated to make adversarial text: runs of one character class, the
# shapes that broke earlier versions, and punctuation that patterns key on.
UNITS = (
    "a", "A", " ", "\n", " \n", "Aa", "A.", "aA ", "Ab ", "A" + "a" * 40 + " ", "1", "1,",
    "12 ", "1.2", "$1.2 ", "5% ", "“abc ", "\"a ", "‘a ", "'", "’", "(", ")", "((", "[a",
    "|", "#", "> ", "- ", "-", "– ", "— ", ", ", ". ", ": ", "!", "?", "…", "@a", "http://",
    "the Carney ", "Carney said it. ", "Carney word ", "Jan. ", "Mr. ", "U.S. ", "of the ",
    "Friday ", "January 16 ", "2026 ", "in 2024 ", "By A ", "O'B", "Mc", "Bank of ", "said ",
    "President ", "- item\n", "A Short Line\n\n", "\t", "_", "*", "**", "`", "{", "{{",
)
# Characters; the ratio is 16. The smaller size is past the bounded windows patterns
# use (`.{0,1000}`), whose cost per position grows only until the window is full.
SMALL, LARGE = 2_000, 32_000
# Linear is 16, quadratic 256: the threshold sits at the geometric middle, so a
# linear pattern is only reported if noise quadruples its ratio.
MAX_GROWTH = 64
# Below this at the larger size a pattern is cheap whatever its growth: even a
# quadratic one would stay under a second at the default file size limit.
MIN_SECONDS = 0.002
PREFIXES = ("",)              # the units above already start with and without a letter


def collect() -> dict[str, re.Pattern[str]]:
    """Every pattern found, keyed by where it was found."""
    found: dict[str, re.Pattern[str]] = {}
    root = Path(briefing.__file__).parent
    for info in pkgutil.walk_packages(briefing.__path__, "briefing."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            for index, pattern in enumerate(_patterns_in(value)):
                found.setdefault(f"{info.name}.{name}[{index}]", pattern)
    built = BoilerplateFilter.build()
    for index, pattern in enumerate((*built.lines, *built.trailers)):
        found[f"boilerplate[{index}]"] = pattern
    for index, pattern in enumerate(chrome_table().patterns()):
        found.setdefault(f"page_chrome.yml[{index}]", pattern)
    for path in sorted(root.rglob("*.py")):
        for line, pattern in _literal_patterns(path):
            found.setdefault(f"{path.relative_to(root.parent)}:{line}", pattern)
    return found


def _patterns_in(value: object) -> list[re.Pattern[str]]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        return [value]
    if isinstance(value, (tuple, list)):
        return [p for item in value for p in _patterns_in(item)]
    return []


def _literal_patterns(path: Path) -> list[tuple[int, re.Pattern[str]]]:
    """`re.search(r"...", ...)` and friends with a plain string literal pattern."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and \
                node.args and isinstance(node.args[0], ast.Constant) and \
                isinstance(node.args[0].value, str):
            ignore_case = any(isinstance(a, ast.Attribute) and a.attr in ("I", "IGNORECASE")
                              for a in ast.walk(node))
            try:
                flags = re.IGNORECASE if ignore_case else 0
                found.append((node.lineno, re.compile(node.args[0].value, flags)))
            except re.error:
                pass
    return found


def cost(pattern: re.Pattern[str], text: str, runs: int) -> float:
    """Best of `runs` timings of the ways code uses a pattern: a scan, and anchored.

    The best, not the mean, and CPU time, not wall time: another process on a
    busy machine can only make a run slower, and mostly by taking the CPU away.
    """
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        for _ in pattern.finditer(text):
            pass
        pattern.match(text)
        best = min(best, time.process_time() - started)
    return best


def growth(pattern: re.Pattern[str], prefix: str, unit: str) -> tuple[float, float]:
    """Cost at the larger size, and how many times the smaller size's cost it is."""
    small = prefix + unit * (SMALL // len(unit))
    large = prefix + unit * (LARGE // len(unit))
    large_cost = cost(pattern, large, 1)
    if large_cost < MIN_SECONDS:
        return large_cost, 0.0
    ratio = large_cost / max(cost(pattern, small, 3), 1e-6)
    for runs in (3, 7):                  # confirm a suspect with more runs before reporting
        if ratio <= MAX_GROWTH:
            break
        large_cost = cost(pattern, large, runs)
        ratio = large_cost / max(cost(pattern, small, runs), 1e-6)
    return large_cost, ratio


def main() -> int:
    for where, pattern in sorted(collect().items()):
        print(f"trying {where}", file=sys.stderr, flush=True)
        for unit, prefix in ((u, p) for u in UNITS for p in PREFIXES):
            large_cost, ratio = growth(pattern, prefix, unit)
            if ratio > MAX_GROWTH:     # one finding per pattern is enough to act on
                print(json.dumps({"where": where, "pattern": pattern.pattern[:120],
                                  "unit": prefix + unit, "growth": round(ratio, 1),
                                  "seconds": round(large_cost, 4)}), flush=True)
                break
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
