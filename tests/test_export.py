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


def test_the_wire_is_exported_and_shown_on_article_and_source_pages(make_project):
    story = ("Harbour pilots in Vesterby stopped work on Tuesday after talks over night-shift "
             "pay broke down, leaving a dozen ferries tied up at the quay.\nThe pilots' "
             "association said it had offered to keep one crossing running for medical "
             "cases.\nTalks are due to resume on Thursday, a spokeswoman said.\n")
    project = make_project({
        "copy.txt": "Vesterby Daily\nNews\nHarbour\nPilots walk out over night-shift pay\n"
                    "Story by Reuters\n" + story,
        "own.txt": "Vesterby Daily\nNews\nHarbour\nFerry fares to rise in the spring\n"
                   "By Oda Lind\nThe ferry company will raise fares by a tenth in April, its "
                   "chief executive said on Monday at the annual meeting.\nSeason tickets "
                   "will cost more too, though students keep their discount.\n"})
    result, _ = project.build()
    assert result.site_dir is not None
    data = json.loads((project.site / "data" / "briefing.json").read_text())
    jsonschema.validate(data, SCHEMA)
    wires = {a["title"]: a["wire"] for a in data["articles"]}
    assert wires == {"Pilots walk out over night-shift pay": "Reuters",
                     "Ferry fares to rise in the spring": None}
    (source,) = data["sources"]
    assert source["name"] == "Vesterby Daily"
    assert source["wire_copies"] == {"Reuters": ["pilots-walk-out-over-night-shift-pay"]}
    article = (project.site / "articles" / "pilots-walk-out-over-night-shift-pay" /
               "index.html").read_text()
    assert "Wire: Reuters" in article
    page = (project.site / "sources" / "vesterby-daily" / "index.html").read_text()
    assert "Wire copies:" in page and "Wire: Reuters" in page
