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
