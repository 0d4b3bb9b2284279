"""The publication date of a pasted page: one test per shape, on pages written for it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.normalize.dates_in_text import (
    DateOrder,
    date_order_for,
    full_dates,
    read_date_line,
)

from .pasted_helpers import CONFIG, STORY, day, page

HEAD = "The Vesterby Courier\nNews\nHarbour\nPilots walk out over night-shift pay\n"


def test_published_label_line_gives_the_date():
    article = page(HEAD + "By Oda Lind\nPublished Feb 03, 2026, 07:15 PM\n" + STORY)
    assert day(article) == "2026-02-03"
    assert article.inferred["date"].startswith("text: Published line")
    assert "Published Feb 03, 2026, 07:15 PM" in article.removed


def test_published_wins_over_an_updated_line():
    article = page(HEAD + "Updated Feb 05, 2026, 10:00 AM\nPosted on Feb 3, 2026 by Oda Lind\n"
                   + STORY)
    assert day(article) == "2026-02-03"
    assert article.authors == ("Oda Lind",)


def test_a_capture_tools_metadata_line_glued_to_the_first_line():
    article = page(" date 2026-02-03 The Vesterby Courier\nNews\nHarbour\n"
                   "Pilots walk out over night-shift pay\n" + STORY)
    assert day(article) == "2026-02-03"
    assert article.inferred["date"].startswith("text: capture tool's metadata line")
    assert article.source == "The Vesterby Courier"


def test_a_month_only_metadata_line_is_no_date():
    assert day(page(" date 2026-02 COURIER\nPilots walk out over night-shift pay\n" + STORY)) \
        is None


def test_byline_time_with_a_zone_and_a_year_glued_to_the_time():
    assert day(page(HEAD + "11:05 CET, February 3, 2026\n" + STORY)) == "2026-02-03"
    assert day(page(HEAD + "February 3, 20269:15 AM GMT+1Updated 1 hour ago\n" + STORY)) == \
        "2026-02-03"
    assert day(page(HEAD + "Feb. 3, 2026 at 5:02 p.m. ET\n" + STORY)) == "2026-02-03"


def test_a_bracketed_date_line():
    article = page(HEAD + "[February 3, 2026]\n" + STORY)
    assert day(article) == "2026-02-03"
    assert article.inferred["date"].startswith("text: bracketed date line")


def test_a_numeric_date_with_a_day_over_12_reads_one_way_only():
    assert day(page(HEAD + "Posted 23/02/2026 | 09:10\n" + STORY)) == "2026-02-23"
    assert day(page(HEAD + "Published on 02/23/2026 at 09:10 am\n" + STORY)) == "2026-02-23"
    assert day(page(HEAD + "2026/02/23 17:00\n" + STORY)) == "2026-02-23"


def test_an_ambiguous_numeric_date_follows_the_sites_order_and_says_so():
    text = HEAD + "Posted 05/04/2026\n" + STORY
    article = page(text)
    assert day(article) == "2026-04-05"
    assert "date_order DMY, the default for language 'en'" in article.inferred["date"]
    us = page(text, config=replace(CONFIG, language="en-US"))
    assert day(us) == "2026-05-04" and "date_order MDY" in us.inferred["date"]
    set_here = page(text, config=replace(CONFIG, date_order="MDY"))
    assert "set in site_config.yml" in set_here.inferred["date"]


def test_another_date_on_the_page_settles_the_order():
    article = page(HEAD + "Posted 05/04/2026\n" + STORY + "Updated 04/21/2026\n",
                   config=replace(CONFIG, date_order="DMY"))
    assert day(article) == "2026-05-04"
    assert "settled by another date on the page" in article.inferred["date"]


def test_relative_times_give_no_date():
    article = page(HEAD + "3 hours ago\nJust now\n" + STORY)
    assert article.date is None and article.inferred["date"] == "none (undated)"


def test_dates_in_sentences_and_captions_are_not_publication_dates():
    caption = ("Ferries wait at the quay in Vesterby, Monday, Feb. 2, 2026. (AP Photo/Rune Berg)")
    body = ("The strike began on January 30, 2026, after a vote.\n" + STORY)
    assert day(page(HEAD + caption + "\n" + body)) is None


def test_dateline_without_a_year_takes_the_year_of_the_nearest_full_date():
    article = page(HEAD + "VESTERBY, Feb. 3 (Reuters) - " + STORY + "Updated 2026-02-04 08:00\n")
    assert day(article) == "2026-02-03"
    assert article.inferred["date"].startswith("dateline 'VESTERBY, Feb. 3 (Reuters) -' + year")


def test_a_december_dateline_updated_in_january_is_last_years():
    article = page(HEAD + "VESTERBY, Dec. 31 (Reuters) - " + STORY + "Updated 2026-01-02 08:00\n")
    assert day(article) == "2025-12-31"


def test_a_dateline_alone_stays_undated():
    article = page(HEAD + "VESTERBY, Feb. 3 (Reuters) - " + STORY + "© 2026 Reuters\n")
    assert article.date is None


def test_a_press_release_dateline_carries_its_year():
    article = page("Pilots' association statement on night-shift pay\n"
                   "VESTERBY, February 3, 2026 /PRNewswire/ -- " + STORY)
    assert day(article) == "2026-02-03"
    assert article.source == "PR Newswire" and article.wire is None


def test_a_masthead_date_above_the_title_loses_to_the_byline_date():
    article = page("Wednesday, February 4, 2026\nThe Vesterby Courier\nNews\nHarbour\n"
                   "Pilots walk out over night-shift pay\nFebruary 3, 2026 08:40 PM CET\n"
                   + STORY)
    assert day(article) == "2026-02-03"


def test_a_blog_date_header_is_used_when_nothing_else_dates_the_page():
    article = page("Harbour Watch\nTuesday, February 3, 2026\n"
                   "Pilots walk out over night-shift pay\n" + STORY)
    assert day(article) == "2026-02-03"
    assert "weekday date line above the title" in article.inferred["date"]


def test_dates_in_a_related_block_at_the_end_are_not_the_pages():
    article = page(HEAD + STORY + "More on this story\nFerry fares to rise in spring\n"
                   "Published\n12 January 2026\n")
    assert article.date is None


def test_front_matter_and_urls_come_before_the_text():
    text = ("---\nsource_url: https://example.org/harbour/pilots-walk-out-2026-02-02/\n---\n\n"
            + HEAD.replace("\n", "\n\n") + "Published Feb 03, 2026\n\n" + STORY)
    article = page(text, path="page.md")
    assert day(article) == "2026-02-02" and article.inferred["date"] == "url path (source_url)"


@pytest.mark.parametrize("line,expected", [
    ("Published : Mar. 11, 2026 - 16:05 Updated : Mar. 11, 2026 - 16:05", "published"),
    ("Updated 10:14 AM EDT, March 11, 2026", "updated"),
    ("Ann Lee · Courier · Posted: Apr 08, 2026 4:30 PM EDT | Last Updated: April 8", "published"),
    ("[May 13, 2026]", "bracketed"),
    ("date 2026-04-08", "metadata"),
    ("Mi., 18.03.2026 10:02", "bare"),
])
def test_date_line_kinds(line, expected):
    found = read_date_line(line, DateOrder("DMY", "test"))
    assert found is not None and found.kind == expected


@pytest.mark.parametrize("line", [
    "The strike began on March 9, 2026, after talks failed and the union voted to walk out.",
    "Done at Vesterby on 13 May 2026.",
    "Copyright 2026 The Associated Press. All rights reserved.",
    "2 hours ago",
])
def test_sentences_and_years_are_not_date_lines(line):
    assert read_date_line(line, DateOrder("DMY", "test")) is None


def test_full_dates_never_guess_an_ambiguous_order():
    assert full_dates("05/04/2026") == []
    assert [d.day.isoformat() for d in full_dates("2026年3月11日")] == ["2026-03-11"]


def test_the_default_order_comes_from_the_language():
    assert date_order_for("", "en").order == "DMY"
    assert date_order_for("", "en_US").order == "MDY"
    assert "YMD" in date_order_for("", "ja").how
    assert date_order_for("mdy", "fr").order == "MDY"


def test_a_date_line_with_the_author_after_it():
    article = page(HEAD + "February 4, 2026 by Kari Dahl\n" + STORY)
    assert day(article) == "2026-02-04" and article.authors == ("Kari Dahl",)
