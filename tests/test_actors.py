"""Actors: curated matching, discovery from cues, the traps, roles and surnames."""

from __future__ import annotations

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
