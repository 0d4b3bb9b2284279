"""Outlet and wire of a pasted page: one test per shape, on pages written for it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.config import SourceConfig
from briefing.normalize.credits import copyright_credit, credit_line, trailing_credit
from briefing.normalize.datelines import read_dateline
from briefing.normalize.outlets import OutletBook
from briefing.rule_tables import chrome_table, outlet_rows

from .pasted_helpers import CONFIG, LAST, LEDE, MORE, STORY, page

TITLE = "Pilots walk out over night-shift pay\n"
BOOK = OutletBook.build()


# --- the outlet table -----------------------------------------------------------------

def test_the_table_has_a_few_hundred_rows_with_known_kinds():
    rows = outlet_rows()
    assert len(rows) >= 300
    assert {r.kind for r in rows} <= {"agency", "outlet", "aggregator", "distributor", "photo"}
    assert all(r.credit for r in rows if r.kind == "agency")


def test_names_aliases_credits_and_domains_lead_to_one_outlet():
    ap = BOOK.named("The Associated Press")
    assert ap is not None and ap.wire == "AP" and ap.is_agency
    assert BOOK.named("Associated Press") is ap and BOOK.named("AP") is ap
    assert BOOK.for_url("https://apnews.com/article/x") is ap
    assert BOOK.for_url("https://edition.cnn.com/2026/x").name == "CNN"       # a subdomain
    assert BOOK.for_url("https://finance.yahoo.com/x").name == "Yahoo Finance"


def test_short_capitals_and_common_words_match_only_as_written():
    assert BOOK.named("ap") is None                 # "ap" is not AP
    assert BOOK.named("Time") is None and BOOK.named("Nation") is None
    assert BOOK.for_url("https://time.com/x").name == "Time"
    assert BOOK.named("Print") is None              # a button, not "The Print"


def test_a_configured_source_wins_over_the_table():
    book = OutletBook.build((SourceConfig("BBC", aliases=("BBC News",), domains=("bbc.com",)),))
    assert book.named("BBC News").name == "BBC"
    assert book.named("BBC World Service").name == "BBC"       # a table alias, read as BBC
    assert book.for_url("https://www.bbc.co.uk/news/x").name == "BBC"
    wire = OutletBook.build((SourceConfig("Harbour Wire", credit="HW"),))
    assert wire.named("HW").wire == "HW" and wire.named("HW").is_agency


# --- wires ----------------------------------------------------------------------------

@pytest.mark.parametrize("opening,wire", [
    ("VESTERBY, Feb. 3 (Reuters) - ", "Reuters"),
    ("VESTERBY, Norland (AP) — ", "AP"),
    ("VESTERBY, Feb 3 (Xinhua) -- ", "Xinhua"),
    ("VESTERBY (dpa-AFX) - ", "dpa-AFX"),
    ("Vesterby (Norland), Feb 3 (EFE).- ", "EFE"),
    ("Vesterby [Norland], Feb 3 (ANI): ", "ANI"),
    ("(Reuters) - ", "Reuters"),
])
def test_a_dateline_names_the_wire_and_leaves_the_paragraph(opening, wire):
    article = page("The Vesterby Courier\nNews\nHarbour\n" + TITLE + opening + STORY)
    assert article.wire == wire
    assert article.inferred["wire"].startswith("dateline")
    assert article.blocks[0].text == LEDE


def test_a_house_dateline_names_no_wire():
    article = page(TITLE + "VESTERBY — " + STORY)
    assert article.wire is None and article.blocks[0].text == LEDE


def test_a_mixed_case_place_needs_a_known_agency():
    assert read_dateline("Prime Minister Ann Lee (Liberal) - said it") is not None
    article = page(TITLE + "Prime Minister Ann Lee (Liberal) - said the talks would go on. "
                   + STORY)
    assert article.wire is None


@pytest.mark.parametrize("trailer,wire", [
    ("(Reporting by Oda Lind in Vesterby; Editing by Per Holm)", "Reuters"),
    ("-- BERNAMA", "Bernama"),
    ("Copyright 2026 The Associated Press. All rights reserved.", "AP"),
    ("© 2026 AFP", "AFP"),
    ("(END)", "Yonhap"),
])
def test_a_credit_trailer_names_the_wire(trailer, wire):
    article = page(TITLE + STORY + trailer + "\n")
    assert article.wire == wire
    assert all(trailer not in b.text for b in article.blocks)


@pytest.mark.parametrize("suffix,wire", [(" (Yonhap)", "Yonhap"), (" Enditem", "Xinhua"),
                                         (" REUTERS", "Reuters"), (" EFE", "EFE")])
def test_a_credit_glued_to_the_last_sentence_is_cut_and_names_the_wire(suffix, wire):
    article = page(TITLE + LEDE + "\n" + MORE + "\n" + LAST + suffix + "\n")
    assert article.wire == wire
    assert article.blocks[-1].text == LAST


def test_editors_initials_are_cut_and_name_no_wire():
    article = page(TITLE + LEDE + "\n" + MORE + "\n" + LAST + "/pl/hk\n")
    assert article.wire is None and article.blocks[-1].text == LAST


@pytest.mark.parametrize("byline,wire,authors", [
    ("By Oda Lind, Associated Press", "AP", ("Oda Lind",)),
    ("by: ODA LIND, Associated Press", "AP", ("Oda Lind",)),
    ("By AFP - Agence France Presse", "AFP", ()),
    ("By Yonhap", "Yonhap", ()),
])
def test_a_byline_naming_an_agency_gives_the_wire(byline, wire, authors):
    article = page(TITLE + byline + "\n" + STORY)
    assert (article.wire, article.authors) == (wire, authors)


def test_a_source_line_under_the_headline_gives_the_wire():
    article = page("Vesterby Daily\nNews\nHarbour\n" + TITLE + "Story by Reuters\n" + STORY)
    assert article.wire == "Reuters" and article.source == "Vesterby Daily"


def test_a_photo_credit_above_a_caption_is_not_the_wire():
    article = page(TITLE + "Getty Images\nFerries wait at the quay in Vesterby on Tuesday\n"
                   + STORY + "Reuters\nA pilot boat leaves the harbour at dawn\n")
    assert article.wire is None


def test_an_agency_inside_a_sentence_is_not_the_wire():
    article = page(TITLE + STORY + "The talks were first reported by Reuters, and Yonhap "
                   "news agency reported a second round on Friday.\n")
    assert article.wire is None


def test_files_from_several_agencies_name_no_single_wire():
    article = page(TITLE + STORY + "With files from Reuters and The Associated Press\n")
    assert article.wire is None
    assert "With files from Reuters and The Associated Press" in article.removed


def test_front_matter_wire_wins():
    article = page("---\ntitle: Pilots walk out\nwire: Associated Press\n---\n" + STORY,
                   path="p.md")
    assert article.wire == "AP" and article.inferred["wire"] == "front matter"


# --- outlets --------------------------------------------------------------------------

def test_a_masthead_the_table_knows():
    article = page("The Straits Times\nAsia\n" + TITLE + STORY)
    assert article.source == "The Straits Times"
    assert article.inferred["source"] == "masthead 'The Straits Times'"


def test_a_masthead_the_page_names_again():
    article = page("Harbour Watch\nA weekly letter on ports\n" + TITLE + STORY
                   + "You are reading Harbour Watch, sent every Friday to members.\n")
    assert article.source == "Harbour Watch"


def test_a_masthead_over_a_menu():
    article = page("VESTERBY DAILY NEWS\nHome » Ports » Norland\nMenu\n" + TITLE + STORY)
    assert article.source == "Vesterby Daily News"


def test_a_site_suffix_on_the_title_names_the_outlet_and_goes():
    article = page("Pilots walk out over night-shift pay | Reuters\n" + STORY)
    assert article.title == "Pilots walk out over night-shift pay"
    assert article.source == "Reuters"
    assert article.raw_title == "Pilots walk out over night-shift pay | Reuters"
    assert page("Pilots walk out over night-shift pay - BBC News\n" + STORY).source == "BBC News"


def test_an_aggregator_line_names_the_aggregator_and_the_original():
    article = page(TITLE + "Reuters on MSN\n" + STORY)
    assert (article.source, article.wire) == ("MSN", "Reuters")


def test_a_byline_outlet_after_the_name():
    article = page(TITLE + "Oda Lind By Oda Lind Fox News\n" + STORY)
    assert (article.source, article.authors) == ("Fox News", ("Oda Lind",))


def test_a_copyright_line_names_the_site():
    article = page(TITLE + STORY + "Copyright © The Vesterby Courier. All rights reserved.\n")
    assert article.source == "The Vesterby Courier" and article.wire is None


def test_compiled_with_agencies_is_the_outlet_and_no_wire():
    article = page(TITLE + STORY + "Source: Al Jazeera and news agencies\n")
    assert (article.source, article.wire) == ("Al Jazeera", None)


def test_a_wire_alone_gives_its_own_name_as_the_outlet():
    article = page(TITLE + "VESTERBY, Feb. 3 (Reuters) - " + STORY)
    assert article.source == "Reuters" and article.inferred["source"] == "dateline"


def test_url_keys_by_domain_in_their_order():
    own = "---\nurl: https://www.theguardian.com/x\n---\n\n" + TITLE + "\n" + STORY
    assert page(own, path="p.md").source == "The Guardian"
    original = ("---\nsource_url: https://www.reuters.com/x\n---\n\nHead Topics\n\nWorld\n\n"
                + TITLE + "\n" + STORY)
    assert page(original, path="p.md").source == "Head Topics"      # the copy's masthead first
    unknown = "---\nurl: https://harbour-letters.example/x\n---\n\n" + TITLE + "\n" + STORY
    assert page(unknown, path="p.md").source == "harbour-letters.example"


def test_front_matter_source_is_used_as_given():
    article = page("---\ntitle: T\nsource: Vesterby Courier\n---\n" + STORY, path="p.md")
    assert article.source == "Vesterby Courier"


def test_configured_sources_win_over_the_table():
    config = replace(CONFIG, sources=(SourceConfig("BBC", aliases=("BBC News",)),))
    article = page("Pilots walk out over night-shift pay - BBC News\n" + STORY, config=config)
    assert article.source == "BBC"


# --- the readers on their own -----------------------------------------------------------

def test_credit_readers():
    assert credit_line("Source: https://www.bbc.com/news/x", BOOK).outlet == "BBC News"
    assert credit_line("Getty Images", BOOK) is None
    assert copyright_credit("© MarketScreener with Reuters 2026", BOOK).wire == "Reuters"
    assert copyright_credit("™ & © 2026 Cable News Network, Inc.", BOOK).outlet == "CNN"
    cut = trailing_credit("It ended. (Yonhap)", BOOK, chrome_table())
    assert cut is not None and cut[1] == "It ended."
    assert trailing_credit("It ended in the US.", BOOK, chrome_table()) is None


def test_a_newspapers_name_on_top_is_the_masthead_not_the_headline():
    article = page(f"The Harbour Times\n{TITLE}By Oda Lind\n{STORY}")
    assert article.title == TITLE.strip() and article.source == "The Harbour Times"
    alone = page(f"The Harbour Times\nBy Oda Lind\n{STORY}")     # nothing else to be the title
    assert alone.source is None


def test_a_headline_whose_words_the_story_repeats_is_not_a_masthead():
    article = page(f"Harbour Pilots Strike\nBy Oda Lind\n{STORY}The harbour pilots strike "
                   "goes on, the association said on Friday.\n")
    assert article.title == "Harbour Pilots Strike" and article.source is None


def test_a_masthead_with_a_home_link_glued_to_it():
    article = page("The Guardian - Back to home\nNews\nWorld\n" + TITLE + STORY)
    assert article.source == "The Guardian"
