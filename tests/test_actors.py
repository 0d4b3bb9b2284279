"""Actors: curated matching, discovery from cues, the traps, roles and surnames."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.extract.actors import family_name, plausible_person, title_before

from .extract_helpers import extract, names


def discovered(extraction) -> set[str]:
    return {a.name for a in extraction.actors if not a.curated}


def test_people_are_discovered_from_speech_and_role_cues():
    extraction, _ = extract(
        "Talks resumed on Monday, said Priya Raman, a trade lawyer in Geneva.\n"
        "\"We expect progress,\" Tomasz Nowak told reporters.\n"
        "Foreign Minister Elena Petrova met the delegation.\n"
        "Karl Berg, a senior fellow at the Northern Policy Institute, was sceptical.\n")
    assert discovered(extraction) >= {"Priya Raman", "Tomasz Nowak", "Elena Petrova",
                                      "Karl Berg", "Northern Policy Institute"}


def test_traps_never_become_actors():
    extraction, _ = extract(
        "A Delicate Balancing Act\n"
        "However, Friday brought news. Just after noon, Prime Minister Ann Lee spoke.\n"
        "Back To Top\nThe Prime Minister said nothing. Trump's tariffs loom.\n"
        "\"(Beijing) would like to pull Canada closer,\" said Bo Chen.\n"
        "Leave A Reply\n")
    found = set(names(extraction).values())
    for never in ("A Delicate Balancing Act", "Back To Top", "Leave A Reply", "Prime Minister",
                  "Just", "However", "Friday", "Beijing", "Trump's"):
        assert never not in found
    assert found == {"Ann Lee", "Bo Chen"}


def test_surname_and_possessive_resolve_to_the_person():
    extraction, _ = extract(
        "Priya Raman, a trade lawyer, spoke first. Later Raman's office said she would stay.\n")
    mentions = [m for m in extraction.mentions if m.entity_id == "priya-raman"]
    assert {m.surface for m in mentions} == {"Priya Raman", "Raman"}


def test_roles_from_appositives_titles_and_credit_lines():
    extraction, _ = extract(
        "Karl Berg, a senior fellow at the Northern Policy Institute, was sceptical.\n"
        "Chinese Premier Li Wei met the delegation, as did the Minister of Trade, Bo Chen, later.\n"
        "This is only a start for (Ottawa), he said quietly to nobody.\n"
        "We can only go step by step (Canada) …\nAnn Lee, University of Somewhere\n")
    roles = {a.name: {r.text for r in a.roles} for a in extraction.actors}
    assert roles["Karl Berg"] == {"senior fellow at the Northern Policy Institute"}
    assert roles["Li Wei"] == {"Chinese Premier"}
    assert roles["Bo Chen"] == {"Minister of Trade"}
    assert "University of Somewhere" in roles["Ann Lee"]


def test_an_appositive_clause_is_not_a_role():
    extraction, _ = extract("Bo Chen, who met the minister, as well as the Chairman, left.\n")
    assert next(a for a in extraction.actors if a.name == "Bo Chen").roles == ()


def test_excluded_names_are_not_discovered():
    from dataclasses import replace

    from .extract_helpers import CONFIG
    extraction, _ = extract("\"Fine,\" said Priya Raman.\n",
                            config=replace(CONFIG, exclude_actors=("Priya Raman",)))
    assert "Priya Raman" not in discovered(extraction)


def test_helpers():
    assert plausible_person("Priya Raman") and not plausible_person("Prime Minister")
    assert not plausible_person("Friday Night") and not plausible_person("Raman")
    assert title_before("talks with Canadian Foreign Affairs Minister ") == \
        "Canadian Foreign Affairs Minister"
    assert title_before("the arrest of Huawei executive ") == "Huawei executive"
    assert title_before("Officials met ") is None
    assert family_name("Li Qiang") == "Li" and family_name("Ann Lee") == "Lee"


def test_hyphenated_given_names_and_family_name_first():
    extraction, _ = extract(
        "Rep. Gil Seung-woo, floor leader of the Democratic Union Party, spoke.\n"
        "Lawmakers cheered when President Kang Myung Soo was removed.\n"
        "Her friend, Han Mi-rae, said she had come early.\n")
    people = {a.name for a in extraction.actors if a.type == "person"}
    assert {"Gil Seung-woo", "Kang Myung Soo", "Han Mi-rae"} <= people
    assert family_name("Gil Seung-woo") == "Gil" and family_name("Kang Myung Soo") == "Kang"


def test_particles_belong_to_the_surname():
    extraction, _ = extract(
        "\"It is over,\" said Margaret van der Berg, a senior fellow at the Asia Institute.\n"
        "Ms van der Berg said more. The EU envoy, Pieter de Wit, told reporters it was fine.\n"
        "A spokesman, Karim al-Masri, said the UN was watching.\n")
    people = {a.name for a in extraction.actors if a.type == "person"}
    assert {"Margaret van der Berg", "Pieter de Wit", "Karim al-Masri"} <= people
    assert family_name("Lucia de la Cruz") == "de la Cruz"
    mentions = {m.surface for m in extraction.mentions if m.entity_id == "margaret-van-der-berg"}
    assert "van der Berg" in mentions


def test_titles_are_roles_not_name_parts():
    extraction, _ = extract(
        "\"The respondent betrayed the people,\" acting Chief Justice Seo Hyun-ah said.\n"
        "Justice Seo Hyun-ah read the ruling. Rep. Pyo Eun-ji told reporters she agreed.\n")
    people = {a.name for a in extraction.actors if a.type == "person"}
    assert {"Seo Hyun-ah", "Pyo Eun-ji"} <= people
    assert not {"Justice Seo Hyun-ah", "Rep. Pyo Eun-ji", "Chief Justice"} & people
    seo = next(a for a in extraction.actors if a.name == "Seo Hyun-ah")
    assert "acting Chief Justice" in {r.text for r in seo.roles}


def test_one_actor_across_name_forms():
    extraction, _ = extract(
        "Acting Chief Justice Moon Hyung-bae said the court agreed. Justice Moon spoke for "
        "an hour. Moon left at noon.\n")
    ids = {m.entity_id for m in extraction.mentions}
    assert ids == {"moon-hyung-bae"}


def test_organisations_lose_a_possessive_country_and_a_title():
    extraction, _ = extract(
        "Hanra's Constitutional Court ruled on Friday. Acting Constitutional Court head "
        "Lee spoke. Lawmakers of the Democratic Union Party cheered in the National "
        "Assembly. The minor Justice Party called for calm.\n")
    orgs = {a.name for a in extraction.actors if a.type == "organisation"}
    assert {"Constitutional Court", "Democratic Union Party", "National Assembly",
            "Justice Party"} <= orgs
    assert not {"Hanra's Constitutional Court", "Acting Constitutional Court",
                "Lawmakers of the Democratic Union Party"} & orgs


def test_a_name_after_an_article_is_not_a_person():
    extraction, _ = extract(
        "A Gallup Hanra poll showed support, said Gallup Hanra's director, Oh Min-ji.\n")
    people = {a.name for a in extraction.actors if a.type == "person"}
    assert "Gallup Hanra" not in people and "Oh Min-ji" in people


def test_a_discovered_surname_holds_only_where_its_owner_is_named():
    extraction, made = extract(
        "\"We are ready,\" said Oh Jae-won, the prime minister. Oh left.\n",
        "\"The numbers are clear,\" said Oh Min-ji, a pollster. Oh smiled.\n",
        "Oh was not mentioned by full name here.\n")
    by_article = {(m.article_id, m.surface): m.entity_id for m in extraction.mentions}
    assert by_article[(made[0].id, "Oh")] == "oh-jae-won"
    assert by_article[(made[1].id, "Oh")] == "oh-min-ji"
    assert (made[2].id, "Oh") not in by_article


def test_accented_names_honorifics_and_a_titled_surname():
    extraction, made = extract(
        "\"We are grateful,\" said His Excellency Tomás Arrieta, the president.\n",
        "President Arrieta left on Friday.\n")
    people = {a.name for a in extraction.actors if a.type == "person"}
    assert "Tomás Arrieta" in people and "Excellency Tomás Arrieta" not in people
    assert any(m.article_id == made[1].id and m.surface == "Arrieta"
               for m in extraction.mentions)


def test_a_headline_in_title_case_names_no_organisation():
    extraction, _ = extract("Tokyo Metro Extends Late-Night Service\n\nTrains ran late.\n")
    assert not [a for a in extraction.actors if a.type == "organisation"]


NAME_PIECES = ["Ann Lee", "Kim Min-ji", "said", "told", "minister", "Minister", "the", "a",
               "President", "spokesperson", ",", "“We will,”", "\"No,\"", "of", "Ministry",
               "company", "making", "fellows", "Foreign", "Lee Jun-ho", "chief", "executive",
               "analyst", "Bank", "according", "to", "Secretary", "Chief Cabinet", "Ren", "in"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=14).map(" ".join))
def test_the_person_cues_run_only_where_their_words_are_and_find_the_same(text):
    """A sentence is read with the role cues only if it holds a role word, and with the
    speech cue only if it holds a speech verb; the names found are those every cue
    finds."""
    from briefing.extract import actors

    gated = actors._people_in(text)
    anything = re.compile("")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(actors, "CUE_NEEDS", (anything,) * len(actors.PERSON_CUES))
        patch.setattr(actors, "SPEECH_WORD", anything)
        patch.setattr(actors, "ROLE_WORD", anything)
        assert gated == actors._people_in(text)
