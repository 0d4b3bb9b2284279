"""The editor's expectations for the samples (issue 4 categories), scored end to end.

tests/fixtures/seed-gold.yml is a copy of the gold file; bench/score.py scores the
sample build's data export against it, the same way it scores any corpus.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

GOLD = yaml.safe_load((Path(__file__).parent / "fixtures" / "seed-gold.yml").read_text())
MUST = ("actors_must", "quotes_must", "figures_must", "quotes_merged", "figures_compared",
        "actor_aliases", "actors_never", "articles")
SHOULD = ("actors_should", "roles_should", "quotes_should", "figures_should", "events_should",
          "same_story")


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT / "bench" / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scorer():
    return load_scorer()


@pytest.fixture(scope="module")
def data(sample_build):
    return json.loads((sample_build.site / "data" / "briefing.json").read_text())


@pytest.fixture(scope="module")
def tallies(scorer, data):
    return scorer.score(GOLD, scorer.Build(data))


@pytest.mark.parametrize("category", MUST)
def test_every_must_entry_holds(tallies, category):
    tally = tallies[category]
    assert tally.gold > 0
    assert tally.misses == [] and tally.found == tally.gold


def test_at_least_80_percent_of_should_entries_hold(tallies):
    gold = sum(tallies[c].gold for c in SHOULD)
    found = sum(tallies[c].found for c in SHOULD)
    assert gold > 30 and found / gold >= 0.8, {c: tallies[c].misses for c in SHOULD}


def test_the_five_samples_form_one_story(data):
    assert [len(s["article_ids"]) for s in data["stories"]] == [5]


def test_the_trade_totals_are_shown_to_differ(data):
    (trade,) = [g for g in data["figure_groups"] if g["measure"] == "trade"]
    assert {f["value"] for f in trade["figures"]} == {"$118bn", "US$118.7 billion", "$142 billion"}
    assert trade["agree"] is False


def test_the_scorer_notices_a_wrong_speaker_and_a_lost_quote(scorer, data):
    broken = copy.deepcopy(data)
    target = next(q for q in broken["quotes"] if q["text"].startswith("We have to be very"))
    target["speaker"] = None
    broken["quotes"] = [q for q in broken["quotes"] if "blank check" not in q["text"]]
    tallies = scorer.score(GOLD, scorer.Build(broken))
    assert tallies["quotes_must"].found <= tallies["quotes_must"].gold - 3
    assert tallies["quotes_merged"].found == tallies["quotes_merged"].gold - 1


def test_the_scorer_notices_a_never_actor(scorer, data):
    broken = copy.deepcopy(data)
    broken["actors"].append({**broken["actors"][0], "id": "friday", "name": "Friday"})
    tallies = scorer.score(GOLD, scorer.Build(broken))
    assert tallies["actors_never"].misses == ["Friday"]
