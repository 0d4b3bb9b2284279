"""bench/score.py scores each article's title, date, outlet and wire against a gold file.

The fixtures here are written for the purpose; the scorer runs load and normalize
on a folder, as `--content` does.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT / "bench" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_fields_are_scored_per_file(scorer, tmp_path):
    (tmp_path / "a.txt").write_text(
        "The Vesterby Courier\nNews\nHarbour\nPilots walk out over night-shift pay\n"
        "Published Feb 03, 2026\nVESTERBY, Feb. 3 (Reuters) - Harbour pilots stopped work "
        "on Tuesday after talks over night-shift pay broke down.\nThe association said it "
        "had offered to keep one crossing running for medical cases.\n")
    gold = {"articles": {"a.txt": {
        "title": "Pilots walk out over night-shift pay", "published": "2026-02-03",
        "source": "The Vesterby Courier (Vesterby)", "wire": "Reuters"}}}
    tallies = scorer.score_fields(gold, scorer.rows_from_content(tmp_path, None))
    assert {name: (t.gold, t.found) for name, t in tallies.items()} == {
        "title": (1, 1), "published": (1, 1), "source": (1, 1), "wire": (1, 1)}
    gold["articles"]["a.txt"].update(wire="The Associated Press", published=None)
    tallies = scorer.score_fields(gold, scorer.rows_from_content(tmp_path, None))
    assert tallies["wire"].found == 0 and tallies["published"].found == 0
    assert "field" in scorer.field_report(tallies)


def test_agencies_match_by_any_of_their_names(scorer):
    assert scorer.same_wire("AP", "The Associated Press")
    assert not scorer.same_wire("AP", "Reuters")
    assert scorer.same_outlet("Ministry of Ports (Vesterby)", "Ministry of Ports")
    assert scorer.same_outlet("The Vesterby Courier", "Vesterby Courier")
    assert not scorer.same_outlet("Vesterby Courier", "Vesterby Daily")
