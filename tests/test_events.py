"""Timeline: absolute, relative and partial dates, resolved and merged."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .extract_helpers import extract


def events(*texts: str, dated: str | None = "2026-01-14"):
    extraction, _ = extract(*texts, dated=dated)
    return [(e.start, e.end, e.precision) for e in extraction.events], extraction.events


def test_absolute_dates_ranges_months_and_years():
    found, _ = events("Ann Lee meets Bo Chen on Friday, January 16, 2026.\n\n"
                      "She travels to Davos from Jan. 19 to 21.\n\n"
                      "Relations soured in 2018, and again in December 2024.\n")
    assert found == [("2018", None, "year"), ("2024-12", None, "month"),
                     ("2026-01-16", None, "day"), ("2026-01-19", "2026-01-21", "day")]


def test_weekdays_resolve_against_the_article_date_by_tense():
    # 14 January 2026 is a Wednesday.
    found, _ = events("On Thursday, Ann Lee meets the premier.\n\n"
                      "Bo Chen arrived on Tuesday.\n\n"
                      "Ann Lee landed on Wednesday night.\n")
    assert sorted(found) == [("2026-01-13", None, "day"), ("2026-01-14", None, "day"),
                             ("2026-01-15", None, "day")]


def test_undated_article_uses_the_latest_full_date_it_mentions():
    found, _ = events("The visit started on January 14, 2026.\nAnn Lee meets Bo Chen on Friday.\n",
                      dated=None)
    assert ("2026-01-16", None, "day") in found


def test_undated_article_without_any_full_date_gets_no_relative_events():
    found, _ = events("Ann Lee met Bo Chen on Friday and again on Jan. 17.\n", dated=None)
    assert found == []


def test_a_figure_s_year_is_not_an_event():
    found, _ = events("Trade was worth $118bn in 2024.\n")
    assert found == []


def test_same_event_from_two_articles_is_merged():
    _, merged = events("Ann Lee is scheduled to meet Bo Chen on Friday.\n",
                       "On Friday, Ann Lee will meet Bo Chen for talks.\n")
    (event,) = merged
    assert event.start == "2026-01-16" and len(event.citations) == 2
    assert set(event.actor_ids) == {"ann-lee", "bo-chen"}


def test_tense_is_read_in_the_date_s_own_clause():
    found, _ = events("Dockers will return to work on Thursday after negotiators reached a deal "
                      "on Sunday.\n")
    assert sorted(found) == [("2026-01-11", None, "day"), ("2026-01-15", None, "day")]


def test_irregular_past_and_weekday_ranges():
    found, _ = events("Ann Lee spoke to Bo Chen by phone on Monday.\n\n"
                      "Members vote from Thursday to Saturday.\n")
    assert sorted(found) == [("2026-01-12", None, "day"), ("2026-01-15", "2026-01-17", "day")]


def test_days_inside_quotes_are_not_events():
    found, _ = events("\"Tuesday was Tuesday, and today is today,\" Ann Lee said.\n")
    assert found == []


def test_a_quote_running_over_two_sentences_gives_no_event_and_a_date_line_neither():
    found, _ = events("\"Tuesday was Tuesday. Today is another day,\" Ann Lee said.\n\n"
                      "March 5, 2026\n\nBo Chen arrives on Thursday.\n")
    assert found == [("2026-01-15", None, "day")]


def test_background_years_are_not_events():
    found, _ = events("It is the first visit since 2017.\n\n"
                      "Kang, a conservative who took office in May 2022, spoke.\n\n"
                      "The court went further than in 2017.\n\n"
                      "He is the second leader removed since the Constitution was adopted in "
                      "1988.\n\n"
                      "In June 2025, the judges annulled a law.\n")
    assert found == [("2025-06", None, "month")]


def test_the_noun_plan_does_not_make_a_clause_future():
    # 14 January 2026 is a Wednesday.
    found, _ = events("The government's security plan, drawn up on Monday, calls for calm.\n\n"
                      "The party plans to pick its candidate on Friday.\n\n"
                      "Ann Lee is scheduled to speak on Thursday.\n")
    assert sorted(found) == [("2026-01-12", None, "day"), ("2026-01-15", None, "day"),
                             ("2026-01-16", None, "day")]


def test_the_verb_nearest_the_weekday_governs_it():
    found, _ = events("Bo Chen said on Tuesday the party would accept whatever comes.\n")
    assert found == [("2026-01-13", None, "day")]


def test_a_page_date_line_anchors_an_undated_page_and_is_no_event():
    from briefing.extract.events import date_line
    assert str(date_line("Posted April 8, 2026 at 6:10 p.m.")) == "2026-04-08"
    assert str(date_line("Updated: 2026.04.10 15:48")) == "2026-04-10"
    assert str(date_line("April 10, 20263:35 PM GMT+9Updated an hour ago")) == "2026-04-10"
    assert date_line("Ann Lee meets Bo Chen on Friday, January 16, 2026.") is None
    extraction, _ = extract("Posted April 8, 2026 at 6:10 p.m.\n\n"
                            "The court will rule on Friday, the court said.\n")
    assert [(e.start, e.precision) for e in extraction.events] == [("2026-04-10", "day")]


def test_day_before_month_without_a_year():
    found, _ = events("Kang declared martial law on the night of 3 December.\n")
    assert found == [("2025-12-03", None, "day")]


DATE_PIECES = ["on", "in", "from", "to", "through", "until", "late", "mid-", "March", "Mar",
               "May", "Sept", "Sept.", "June", "Monday", "Tuesday", "Friday", "3", "14th", "5-7",
               "2026", "1999", "1850", ",", "the", "who", "since", "said", "will", "met",
               "Marchand", "Mayor", "2026-05", "20263", "Sunday's", "of"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(DATE_PIECES), max_size=12).map(" ".join),
       st.sampled_from([None, date(2026, 1, 14)]))
def test_the_date_patterns_run_only_where_their_words_are_and_find_the_same(text, anchor):
    """A sentence is searched for a kind of date only if it holds the month name, weekday
    or year that kind needs; the dates found are those every pattern finds."""
    from briefing.extract import events

    gated = events._dates(text, anchor)
    everything = {word: re.compile("") for word in events._DATE_WORDS}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(events, "_DATE_WORDS", everything)
        assert gated == events._dates(text, anchor)
    assert {kind for kind, _ in events.PATTERNS} == set(events._NEEDS)
