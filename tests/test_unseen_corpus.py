"""A corpus the rules were not written for: eight articles on a port strike.

Written for the purpose (tests/fixtures/port-strike/) with the traps real coverage
has. These checks guard the failures a stress test found: a wrong speaker is worse
than none, and fragments of longer names must not become actors.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.diagnostics import BufferReporter
from briefing.extract import extract_entities
from briefing.pipeline import read_content

from .conftest import ROOT

CORPUS = Path(__file__).parent / "fixtures" / "port-strike"


@pytest.fixture(scope="module")
def extraction(tmp_path_factory):
    project = tmp_path_factory.mktemp("port") / "p"
    shutil.copytree(CORPUS / "content", project / "content")
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy(CORPUS / "site_config.yml", project / "site_config.yml")
    config = load_config(project / "site_config.yml").config
    content = read_content(config, BufferReporter())
    assert len(content.articles) == 8
    return extract_entities(content.articles, config).extraction


def speaker_of(extraction, start: str) -> str | None:
    names = {a.id: a.name for a in extraction.actors}
    (quote,) = [q for q in extraction.quotes if q.text.startswith(start)]
    return names.get(quote.speaker_id) if quote.speaker_id else None


def test_pronoun_after_a_role_only_subject_is_not_given_to_someone_else(extraction):
    assert speaker_of(extraction, "Tuesday was Tuesday") != "Sanne Mulder"


def test_pronoun_finds_a_person_the_config_does_not_list(extraction):
    assert speaker_of(extraction, "Eight days without pay is hard") == "Priya Ramdin"


def test_a_shared_surname_is_not_guessed(extraction):
    assert speaker_of(extraction, "Visser did a good job") in (None, "Daan Mulder")


def test_continuation_across_an_organisation_name(extraction):
    assert speaker_of(extraction, "Nobody wants this strike") == "Kees de Vries"


def test_no_fragments_or_organisations_as_people(extraction):
    people = {a.name for a in extraction.actors if a.type == "person"}
    for wrong in ("Water Management", "Economic Council", "Ports Association",
                  "Statistics Netherlands", "Mrs Visser", "Glastuinbouw Nederland"):
        assert wrong not in people
    organisations = {a.name for a in extraction.actors if a.type == "organisation"}
    assert "Dutch Ministry" not in organisations
    assert "Dutch Ministry of Infrastructure and Water Management" in organisations


def test_people_introduced_only_by_role_and_comma_are_found(extraction):
    people = {a.name for a in extraction.actors if a.type == "person"}
    assert {"Priya Ramdin", "Daan Mulder", "Luc Peeters"} <= people


def test_the_two_reports_of_the_same_walkout_are_one_story(extraction):
    stories = [set(s.article_ids) for s in extraction.stories]
    assert any(len(s) >= 2 for s in stories)
