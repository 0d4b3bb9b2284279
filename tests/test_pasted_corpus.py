"""Regression floor on the pasted pages (tests/fixtures/pasted/): copies and stories.

The 40 pages were written by a colleague from a catalogue of real pasted pages
(docs/pasted-shapes.md), not for these rules. bench/score.py builds them in a
throwaway project and scores the build against the fixture's gold file; the
floors below are what the rules achieve, less a small margin. Not one
look-alike may ever be folded into another page.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from .test_seed_gold_extract import load_scorer

CORPUS = Path(__file__).parent / "fixtures" / "pasted"
GOLD = yaml.safe_load((CORPUS / "gold.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scorer():
    return load_scorer()


@pytest.fixture(scope="module")
def data(scorer):
    return scorer.build_folder(CORPUS)


@pytest.fixture(scope="module")
def tallies(scorer, data):
    return scorer.score(GOLD, scorer.Build(data))


def test_no_look_alike_is_folded(tallies):
    apart = tallies["look_alikes_apart"]
    assert apart.gold >= 15 and apart.misses == [] and apart.found == apart.gold


def test_near_duplicates_floor(tallies):
    found = tallies["near_duplicates"]
    assert found.gold >= 16
    assert found.precision() >= 0.95 and found.recall() >= 0.95, found.misses
    assert found.f1() >= 0.95


def test_same_story_floor(tallies):
    found = tallies["same_story"]
    assert found.gold >= 150
    assert found.precision() >= 0.85, found.misses
    assert found.recall() >= 0.74, found.misses


def test_the_scorer_counts_a_folded_look_alike(scorer, data):
    broken = copy.deepcopy(data)
    first, second = GOLD["across_articles"]["look_alikes"][0]
    owner = next(a for a in broken["articles"] if first in a["files"])
    other = next(a for a in broken["articles"] if second in a["files"])
    owner["files"] += other["files"]
    broken["articles"].remove(other)
    tallies = scorer.score(GOLD, scorer.Build(broken))
    assert tallies["look_alikes_apart"].found == tallies["look_alikes_apart"].gold - 1
    assert tallies["near_duplicates"].precision() < 1.0
