"""Normalize stage: front matter wins; inferred fields say how they were found."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from briefing.config import SiteConfig
from briefing.load import parse_document
from briefing.model import BlockKind
from briefing.normalize import is_slug_of, normalize_document

CONFIG = SiteConfig(timezone="America/Toronto", title_prefixes=("Big News: ",), root=Path("."))


def normalize(text: str, path: str = "a.txt", config: SiteConfig = CONFIG):
    doc, problems = parse_document(text, path)
    assert doc is not None, problems
    return normalize_document(doc, config)


def test_front_matter_fields_are_used_as_given():
    result = normalize(
        "---\ntitle: Given\ndate: 2026-01-14\nauthor: Ann Lee\nsource: BBC\n"
        "tags: [a, b]\ncategories: [News]\nexcerpt: Short summary.\nmood: calm\n---\nBody.\n",
        "post.md",
    )
    article = result.article
    assert article.title == "Given"
    assert article.summary == "Short summary."
    assert article.authors == ("Ann Lee",)
    assert article.source == "BBC"
    assert article.tags == ("a", "b") and article.categories == ("News",)
    assert article.extra == {"mood": "calm"}
    assert article.inferred["title"] == "front matter"
    assert article.inferred["summary"] == "front matter"
    assert article.date.isoformat() == "2026-01-14T00:00:00-05:00"


def test_naive_front_matter_time_gets_the_site_time_zone():
    article = normalize("---\ntitle: T\ndate: 2026-01-14T00:00:15\n---\nBody\n", "p.md").article
    assert article.date.replace(tzinfo=None) == datetime(2026, 1, 14, 0, 0, 15)
    assert article.date.utcoffset() == timedelta(hours=-5)


def test_quoted_date_string_with_zone_keeps_its_zone():
    text = '---\ntitle: T\ndate: "2026-01-14 10:00:00 +0800"\n---\nB\n'
    article = normalize(text, "p.md").article
    assert article.date.utcoffset() == timedelta(hours=8)


def test_unparseable_date_is_a_warning_and_the_article_is_undated():
    result = normalize("---\ntitle: T\ndate: 31/05/24\n---\nBody\n", "p.md")
    assert result.article.date is None
    assert [d.code for d in result.diagnostics] == ["bad-date"]
    assert "31/05/24" in result.diagnostics[0].message


def test_date_from_jekyll_file_name_prefix():
    article = normalize("Title\n\nBody.\n", "2026-01-15-visit.txt").article
    assert article.date.date().isoformat() == "2026-01-15"
    assert article.inferred["date"] == "file name"


def test_plain_text_is_never_dated_from_its_body():
    article = normalize("Title\nOn Friday, January 16, 2026, they met.\n").article
    assert article.date is None
    assert article.inferred["date"] == "none (undated)"


@pytest.mark.parametrize("flag", ["draft: true", "published: false"])
def test_drafts_are_excluded_with_a_reason(flag):
    result = normalize(f"---\ntitle: T\n{flag}\n---\nBody\n", "p.md")
    assert result.article is None
    assert result.excluded_reason == flag


def test_first_line_is_the_title_and_not_body_text():
    article = normalize("A Headline Here\n\nFirst paragraph.\nSecond paragraph.\n").article
    assert article.title == "A Headline Here"
    assert article.inferred["title"] == "first line"
    assert [b.text for b in article.blocks] == ["First paragraph.", "Second paragraph."]


def test_configured_prefix_is_stripped_for_display_and_raw_title_kept():
    article = normalize("---\ntitle: 'Big News: Real headline'\n---\nBody\n", "p.md").article
    assert article.title == "Real headline"
    assert article.raw_title == "Big News: Real headline"
    assert article.inferred["title"] == "front matter, prefix stripped"


def test_file_name_slug_line_is_dropped_for_the_real_title():
    text = "Canada_s_Big_Move__What_It_Means\n\nCanada\u2019s Big Move: What It Means\n\nBody.\n"
    article = normalize(text).article
    assert article.title == "Canada\u2019s Big Move: What It Means"
    assert all("Canada_s" not in b.text for b in article.blocks)


@pytest.mark.parametrize("line,title,expected", [
    ("Canada_s_Big_Move__What_It", "Canada's Big Move: What It Means", True),
    ("canada-s-big-move", "Canada's Big Move", True),
    ("Canada's Big Move", "Canada's Big Move", False),   # has spaces: a real line
    ("Other_Story_Entirely", "Canada's Big Move", False),
    ("a_b", "a b", False),                                # too short to be sure
])
def test_slug_line_recognition(line, title, expected):
    assert is_slug_of(line, title) is expected


def test_untitled_text_gets_a_derived_title_marked_as_derived():
    first = ("Prime Minister Ann Lee arrived in the capital on Wednesday night for a landmark "
             "four-day visit intended to repair strained relations with a major partner. "
             "The trip is the first in a decade.")
    article = normalize(first + "\nSecond paragraph.\n").article
    assert article.inferred["title"] == "first sentence (derived)"
    assert article.title.startswith("Prime Minister Ann Lee arrived in the capital")
    assert len(article.title) <= 111 and article.title.endswith("…")
    assert article.blocks[0].text == first   # the paragraph stays in the body


def test_byline_gives_author_and_outlet_and_leaves_the_body():
    article = normalize("Headline\nBy Torontoer Staff\nText of the story.\n").article
    assert article.authors == ("Torontoer Staff",)
    assert article.source == "Torontoer"
    assert article.inferred["source"] == "byline"
    assert [b.text for b in article.blocks] == ["Text of the story."]


def test_byline_of_a_person_gives_no_outlet():
    article = normalize("Headline\nBy Jane Doe and John Roe\nText.\n").article
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.source is None


def test_source_from_url_domain_when_front_matter_names_none():
    article = normalize("---\ntitle: T\nurl: https://www.bbc.com/news/x\n---\nB\n", "p.md").article
    assert article.source == "BBC News"                 # the outlet table knows the domain
    assert article.inferred["source"] == "url domain (url)"


def test_an_unknown_domain_is_a_last_resort_shown_as_the_domain():
    text = "---\ntitle: T\nurl: https://www.example-news.com/2026/x\n---\nB\n"
    article = normalize(text, "p.md").article
    assert article.source == "example-news.com"
    assert article.inferred["source"] == "url domain (url, not in the outlet table)"


def test_tags_given_as_a_string_become_a_list_with_a_warning():
    result = normalize("---\ntitle: T\ntags: 'a, b'\n---\nBody\n", "p.md")
    assert result.article.tags == ("a", "b")
    assert [d.code for d in result.diagnostics] == ["list-as-string"]


def test_plain_text_lines_become_paragraphs_and_dash_lines_a_list():
    article = normalize("T\nOne.\n- first\n- second\nTwo.\n").article
    kinds = [b.kind for b in article.blocks]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.LIST, BlockKind.PARAGRAPH]
    assert article.blocks[1].html.count("<li>") == 2


def test_raw_html_in_the_body_is_escaped():
    article = normalize("T\n<script>alert(1)</script> and <b>bold</b>\n").article
    html = article.blocks[0].html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_explicit_slug_wins():
    article = normalize("---\ntitle: T\nslug: my-page\n---\nB\n", "p.md").article
    assert article.id == "my-page"


def test_config_default_timezone_utc():
    article = normalize("---\ntitle: T\ndate: 2026-01-14\n---\nB\n", "p.md",
                        replace(CONFIG, timezone="UTC")).article
    assert article.date.utcoffset() == timedelta(0)


def test_relative_links_and_images_in_the_body_are_flagged():
    text = ("---\ntitle: T\n---\nSee [the map](maps/a.md), ![chart](/img/c.png), "
            "[ok](https://example.org) and [top](#p1).\n")
    result = normalize(text, "p.md")
    messages = [d.message for d in result.diagnostics if d.code == "body-link"]
    assert len(messages) == 2
    assert "'maps/a.md'" in messages[0] and "'/img/c.png'" in messages[1]


def test_string_draft_is_still_a_draft():
    assert normalize('---\ntitle: T\ndraft: "true"\n---\nB\n', "p.md").article is None
    assert normalize("+++\ntitle = 'T'\npublished = 'no'\n+++\nB\n", "p.md").article is None


def test_a_sentence_starting_with_by_is_not_a_byline():
    lede = "By Wednesday night, Mark Carney had met the premier."
    article = normalize(f"Headline\n{lede}\nMore text follows here.\n").article
    assert article.authors == () and article.blocks[0].text == lede


def test_malformed_url_names_no_outlet_and_does_not_crash():
    article = normalize('---\ntitle: T\nurl: "http://[oops"\n---\nB\n', "p.md").article
    assert article.source is None


def test_far_future_or_ancient_dates_are_refused():
    for value in ("9999-12-31T23:00:00-05:00", "0001-01-01"):
        result = normalize(f"---\ntitle: T\ndate: {value}\n---\nB\n", "p.md")
        assert result.article.date is None
        assert [d.code for d in result.diagnostics] == ["bad-date"]


def test_wrong_types_of_known_fields_warn_and_are_ignored():
    result = normalize("---\ntitle: [a, b]\nsummary: {x: 1}\n---\nFirst line title\n\nB.\n",
                       "p.md")
    assert result.article.title == "First line title"
    assert result.article.summary is None
    assert [d.code for d in result.diagnostics] == ["bad-type", "bad-type"]
    assert result.diagnostics[0].line == 2


def test_authors_given_as_mappings():
    article = normalize("---\ntitle: T\nauthors: [{name: Jane Roe}, Bo Chen]\n---\nB\n",
                        "p.md").article
    assert article.authors == ("Jane Roe", "Bo Chen")


# Dates as the peer generators find them, each recorded in `inferred`.

@pytest.mark.parametrize("front,how", [
    ("PublishDate: 2026-01-14", "front matter (PublishDate)"),
    ("publishdate: 2026-01-14", "front matter (publishdate)"),
    ("pubdate: 2026-01-14", "front matter (pubdate)"),
    ("published: 2026-01-14", "front matter (published)"),
    ("lastmod: 2026-01-14", "front matter (lastmod)"),
    ("Modified: 2026-01-14", "front matter (Modified)"),
    ("updated: 2026-01-14", "front matter (updated)"),
    ("permalink: /news/2026/01/14/harbour-talks/", "url path (permalink)"),
    ("url: https://example.org/2026/1/14/harbour.html", "url path (url)"),
    ("path: /2026/01/14", "url path (path)"),
])
def test_hugo_date_keys_and_dated_permalinks(front, how):
    article = normalize(f"---\ntitle: T\n{front}\n---\nBody\n", "p.md").article
    assert article.date.date().isoformat() == "2026-01-14"
    assert article.inferred["date"] == how


def test_date_keys_are_tried_in_order_and_modification_dates_come_last():
    text = "---\ntitle: T\nlastmod: 2026-02-01\nDate: 2026-01-14\n---\nB\n"
    assert normalize(text, "p.md").article.inferred["date"] == "front matter (Date)"
    text = "---\ntitle: T\nlastmod: 2026-02-01\n---\nB\n"
    article = normalize(text, "2026-01-14-p.md").article
    assert (article.date.day, article.inferred["date"]) == (14, "file name")
    text = "---\ntitle: T\nlastmod: 2026-02-01\nurl: /2026/01/20/p/\n---\nB\n"
    assert normalize(text, "p.md").article.inferred["date"] == "url path (url)"


@pytest.mark.parametrize("name,expected", [
    ("2017-2-5-short-numbers.md", "2017-02-05T00:00:00-05:00"),
    ("2016-10-08_underscore.md", "2016-10-08T00:00:00-04:00"),
    ("2018-10-08 - spaced dash.md", "2018-10-08T00:00:00-04:00"),
    ("2018-10-02T15:00:00Z-with-time.md", "2018-10-02T15:00:00+00:00"),
    ("2026-01-14.md", "2026-01-14T00:00:00-05:00"),
    ("posts/2026-01-14-bundle/index.md", "2026-01-14T00:00:00-05:00"),
])
def test_dates_in_file_names(name, expected):
    article = normalize("---\ntitle: T\n---\nBody\n", name).article
    assert article.date.isoformat() == expected


@pytest.mark.parametrize("name", ["2026-13-01-x.md", "2026-01-14x.md", "20260114-x.md",
                                  "2026-01-" + "1" * 5000 + ".md", "2026-01-01" + "x" * 5000])
def test_names_that_are_not_dates(name):
    assert normalize("---\ntitle: T\n---\nBody\n", name).article.date is None


def test_a_bad_modification_date_is_reported_like_any_date_key():
    result = normalize("---\ntitle: T\nlastmod: soon\n---\nB\n", "p.md")
    assert result.article.date is None
    assert [d.code for d in result.diagnostics] == ["bad-date"]
    assert "'lastmod'" in result.diagnostics[0].message


# Titles never eat the body, and carry no markup.

def test_a_posts_first_paragraph_is_not_taken_as_its_title():
    article = normalize("---\ndate: 2026-01-14\n---\nCrews met on the pier\n\nMore.\n",
                        "notes.md").article
    assert article.title == "Crews met on the pier"
    assert article.inferred["title"] == "first sentence (derived)"
    assert [b.text for b in article.blocks] == ["Crews met on the pier", "More."]


def test_a_dated_posts_file_name_is_its_title_as_jekyll_titleizes_it():
    article = normalize("---\nlayout: post\n---\nCrews met on the pier.\n",
                        "_posts/2026-01-14-harbour-talks_resume.md").article
    assert article.title == "Harbour Talks Resume"
    assert article.inferred["title"] == "file name (dated post)"
    bundle = normalize("---\nx: 1\n---\nText.\n", "posts/2026-01-14-pier-day/index.md").article
    assert bundle.title == "Pier Day" and bundle.inferred["title"] == "folder name (dated post)"


def test_a_heading_at_the_top_is_the_title_unless_it_is_all_there_is():
    article = normalize("---\nx: 1\n---\n# Pier *news*\n\nCrews met.\n", "2026-01-14-a.md").article
    assert (article.title, article.inferred["title"]) == ("Pier news", "first heading")
    assert [b.text for b in article.blocks] == ["Crews met."]
    alone = normalize("---\nx: 1\n---\n# Pier news\n", "2026-01-14-pier-day.md").article
    assert alone.title == "Pier Day" and [b.text for b in alone.blocks] == ["Pier news"]
    alone = normalize("---\nx: 1\n---\n# Pier news\n", "p.md").article
    assert alone.title == "Pier news" and [b.text for b in alone.blocks] == ["Pier news"]


@pytest.mark.parametrize("path", ["p.md", "p.txt"])
def test_a_setext_heading_as_the_title_leaves_no_underline(path):
    text = "Pier news\n=========\n\nCrews met.\n\nNext\n----\n\nMore.\n"
    article = normalize(text, path).article
    assert article.title == "Pier news"
    assert "===" not in article.body and "Pier news" not in article.body
    assert article.blocks[0].text == "Crews met."


def test_a_repeated_setext_title_is_dropped_with_its_underline():
    article = normalize("---\ntitle: Pier news\n---\nPier news\n=====\n\nCrews.\n", "p.md").article
    assert article.body.strip() == "Crews."


@pytest.mark.parametrize("line,title", [
    ("**Pier** news from [the port](https://example.org)[^1]", "Pier news from the port"),
    ("<b>Pier</b> news {% if x %}today{% endif %}", "Pier news today"),
    ("`code` and _emphasis_ in a headline", "code and emphasis in a headline"),
])
def test_derived_titles_carry_no_markup(line, title):
    article = normalize(f"{line}\n\nCrews met on the pier.\n", "p.txt").article
    assert article.title == title


def test_a_single_line_is_not_eaten_by_the_title():
    article = normalize("Best **pier** ever\n", "p.txt").article
    assert article.title == "Best pier ever"
    assert [b.text for b in article.blocks] == ["Best pier ever"]
    jekyll = normalize("Best **pier** ever\n", "_posts/2026-01-14-pier-report.text").article
    assert jekyll.title == "Pier Report" and jekyll.blocks[0].text == "Best pier ever"
