"""Every regular expression in briefing/ costs time linear in its input.

The audit (`regex_audit.py`) runs in a subprocess with a time limit, since a
pattern that backtracks exponentially would never return; see its docstring for
how patterns are found and timed. A finding names the pattern, the repeated
text that makes it slow, and how its cost grew when the text grew eightfold.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from .regex_audit import MAX_GROWTH, growth

AUDIT = Path(__file__).with_name("regex_audit.py")
LIMIT_SECONDS = 900


def test_no_pattern_grows_faster_than_its_input():
    try:
        done = subprocess.run([sys.executable, str(AUDIT)], capture_output=True, text=True,
                              timeout=LIMIT_SECONDS, cwd=AUDIT.parents[1])
    except subprocess.TimeoutExpired as exc:
        tried = (exc.stderr or b"").decode(errors="replace").strip().splitlines()
        raise AssertionError(f"the audit hung; last: {tried[-1] if tried else '?'}") from exc
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0, done.stderr[-2000:]
    assert lines and lines[-1] == "done", done.stderr[-2000:]
    assert lines[:-1] == []                       # each line is one super-linear pattern


def test_the_audit_catches_a_quadratic_pattern():
    # From every position of a run of spaces, `\s+` runs to the end of the run.
    _, ratio = growth(re.compile(r"\s+x"), "", " ")
    assert ratio > MAX_GROWTH
    _, ratio = growth(re.compile(r"(?<!\s)\s+x"), "", " ")
    assert ratio <= MAX_GROWTH
