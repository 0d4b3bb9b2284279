"""The data export: valid against the documented JSON Schema, and complete."""

from __future__ import annotations

import json

import jsonschema

from .conftest import ROOT
from .seed_facts import SEED_FILES

SCHEMA = json.loads((ROOT / "docs" / "briefing.schema.json").read_text())


def test_sample_export_is_valid_against_the_schema(sample_build):
    data = json.loads((sample_build.site / "data" / "briefing.json").read_text())
    jsonschema.validate(data, SCHEMA)


def test_export_is_linked_and_points_at_real_pages(sample_build):
    data = json.loads((sample_build.site / "data" / "briefing.json").read_text())
    articles = {a["id"] for a in data["articles"]}
    assert sorted(a["files"][0] for a in data["articles"]) == list(SEED_FILES)
    for collection in ("actors", "issues", "sources", "stories", "quotes", "events"):
        for item in data[collection]:
            assert set(item["article_ids"]) <= articles, (collection, item["id"])
    actors = {a["id"] for a in data["actors"]}
    assert {q["speaker"] for q in data["quotes"]} - {None} <= actors
    for article in data["articles"]:
        page = article["url"].removeprefix(data["site"]["base_url"])
        assert (sample_build.site / page / "index.html").is_file()


def test_schema_rejects_a_malformed_export(sample_build):
    data = json.loads((sample_build.site / "data" / "briefing.json").read_text())
    data["quotes"][0]["kind"] = "rumour"
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted an unknown quote kind")
