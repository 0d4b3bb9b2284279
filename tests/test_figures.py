"""Figures: values, subjects, measures and years; groups that show disagreement."""

from __future__ import annotations

import pytest

from briefing.extract.figures import measure_of, parse_number

from .extract_helpers import extract


def figures(*texts: str):
    extraction, _ = extract(*texts)
    return [f for g in extraction.figure_groups for f in g.figures], extraction.figure_groups


@pytest.mark.parametrize("value,number", [
    ("$118bn", 118e9), ("US$118.7 billion", 118.7e9), ("€2.5m", 2.5e6), ("1.8 million", 1.8e6),
    ("100,000", 1e5), ("25%", 25.0), ("3 per cent", 3.0),
])
def test_numbers(value, number):
    assert parse_number(value) == pytest.approx(number)


def test_money_subject_measure_and_year():
    found, _ = figures("Two-way trade totaled US$118.7 billion in 2024, officials said.\n")
    (figure,) = found
    assert (figure.value, figure.subject, figure.measure, figure.year) == (
        "US$118.7 billion", "Two-way trade", "trade", 2024)


def test_year_carries_to_the_next_sentence_and_values_do_not_leak():
    found, _ = figures("Trade reached $50 billion in 2023. Imports hit $30 billion compared "
                       "to just $20 billion in exports.\n")
    got = {(f.value, f.measure, f.year) for f in found}
    assert got == {("$50 billion", "trade", 2023), ("$30 billion", "imports", 2023),
                   ("$20 billion", "exports", 2023)}


def test_percent_subject_follows_the_number():
    found, _ = figures("Ottawa imposed a 100% tariff on electric cars and a 25% tariff on steel "
                       "in 2024.\n")
    assert {(f.value, f.subject) for f in found} == {
        ("100%", "tariff on electric cars"), ("25%", "tariff on steel")}


def test_counts_need_a_counted_noun_and_skip_years_dates_ordinals_and_durations():
    found, _ = figures("More than 1.8 million residents voted on January 16, 2026, the 51st "
                       "vote in 30 years, since 2018.\n")
    assert [(f.value, f.subject) for f in found] == [("1.8 million", "residents")]


def test_same_measure_from_several_sources_is_one_group_marked_as_differing():
    _, groups = figures("Trade between the two was worth $118bn in 2024.\n",
                        "Bilateral commerce reached $142 billion in 2025.\n",
                        "Two-way trade totaled US$118.7 billion in 2024.\n")
    (trade,) = [g for g in groups if g.measure == "trade"]
    assert len(trade.figures) == 3 and trade.agree is False


def test_agreeing_sources_agree():
    _, groups = figures("Trade was $50 billion in 2023.\n", "Trade reached $50 billion in 2023.\n")
    assert [g.agree for g in groups] == [True]


def test_measures():
    assert measure_of("bilateral commerce") == "trade"
    assert measure_of("Canadian imports from China") == "imports"
    assert measure_of("defence budget") == "spending"


def test_a_noun_that_looks_like_a_verb_stays_the_subject():
    found, _ = figures("Housing spending reached $5 billion in 2025.\n")
    assert [(f.subject, f.measure) for f in found] == [("Housing spending", "spending")]


def test_second_value_in_a_clause_shares_the_subject():
    found, _ = figures("Exports rose to $50 billion in 2023 and $60 billion in 2024.\n")
    assert {(f.value, f.measure, f.year) for f in found} == {
        ("$50 billion", "exports", 2023), ("$60 billion", "exports", 2024)}


def test_counts_at_different_times_are_not_a_disagreement():
    _, groups = figures("The port said 31 container ships were waiting on Monday.\n",
                        "By Wednesday 58 container ships were waiting at anchor.\n")
    (ships,) = groups
    assert len(ships.figures) == 2 and ships.agree is True


def test_numbers_in_quotes_and_unreadable_subjects_are_left_out():
    found, _ = figures("\"This is not the 7.5% we asked for,\" Ann Lee said. Margins fell "
                       "roughly 5% and volumes were already 85% below normal.\n")
    assert [f.value for f in found] == []


@pytest.mark.parametrize("value,number", [
    ("two million", 2e6), ("fifteen percent", 15.0), ("twenty-five per cent", 25.0),
    ("1.2 trillion won", 1.2e12), ("8-0", 8.0),
])
def test_numbers_in_words_and_other_forms(value, number):
    assert parse_number(value) == pytest.approx(number)


def test_a_change_from_one_value_to_another_keeps_one_subject():
    found, _ = figures("The party's approval rating fell from 41% in November to 24% in "
                       "February. Support reached $127 billion in 2025, up from $116 billion "
                       "in 2024.\n")
    got = {(f.value, f.subject, f.year) for f in found}
    assert ("41%", "party's approval rating", None) in got
    assert ("24%", "party's approval rating", None) in got
    assert ("$116 billion", "Support", 2024) in got


def test_words_votes_durations_and_ages():
    found, _ = figures(
        "Police said 140,000 people came; organisers claimed two million. No rival scored "
        "above fifteen percent.\nIn an 8-0 vote, the court ruled within 60 days. The "
        "assembly voted 204-85.\nThe 64-year-old leader met Bo Chen, 59, who turns 65 soon.\n")
    values = {(f.value, f.unit) for f in found}
    assert {("140,000", "count"), ("two million", "count"), ("fifteen percent", "%"),
            ("8-0", "vote"), ("60 days", "duration"), ("204-85", "vote"),
            ("64-year-old", "age"), ("59", "age"), ("65", "age")} <= values


def test_paired_currencies_share_a_subject_and_do_not_disagree():
    found, groups = figures(
        "The fund will go ahead with a C$5bn (US$3.6bn) investment in 2026.\n",
        "Its investment of US$3.6bn in 2026 goes ahead.\n",
        "Its investment of C$5bn in 2026 goes ahead.\n")
    subjects = {f.value: f.subject for f in found}
    assert subjects["C$5bn"] == subjects["US$3.6bn"]
    assert all(g.agree for g in groups)


def test_a_background_year_in_another_sentence_does_not_date_a_figure():
    found, _ = figures("Kang took office in 2022. The court ruled within 60 days and 200 "
                       "supporters gathered.\n")
    assert {f.year for f in found} == {None}


def test_an_attributive_year_dates_the_figure():
    found, _ = figures("The bank cut its 2026 growth forecast to 1.5% from 1.9%.\n")
    assert {(f.value, f.year) for f in found} == {("1.5%", 2026), ("1.9%", 2026)}


def test_one_measure_is_not_split_by_its_plural():
    assert measure_of("electric vehicles") == measure_of("EVs")
