"""The reader-facing helpers: roles merged, aliases, disagreement beyond rounding, charts,
feeds, redirects, coverage axis, and the built pages' own features."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from briefing.actor_names import merge_roles, plain_aliases
from briefing.charts import coverage_chart, share_chart
from briefing.coverage import Point, make_axis
from briefing.disagreement import (
    _units_compatible,
    conflicts,
    precision,
    same_within_rounding,
)
from briefing.engines import ENGINES
from briefing.entity_views import lead_article
from briefing.index import dispute_note, first_sentence, quote_display
from briefing.redirects import alias_file
from briefing.render import page_url, relative_url, with_links

from .conftest import MINIMAL_CONFIG


def test_role_wordings_join_under_one_role():
    merged = merge_roles([("Canada's Prime Minister", ["a"]), ("Canadian Prime Minister", ["b"]),
                          ("Prime Minister", ["a", "c"]), ("Senior analyst", ["d"])])
    assert [(r.text, r.variants, r.article_ids) for r in merged] == [
        ("Prime Minister", ("Canada's Prime Minister", "Canadian Prime Minister"),
         ("a", "b", "c")),
        ("Senior analyst", (), ("d",))]


def test_aliases_drop_titles_and_roles():
    assert plain_aliases("Mark Carney", ["Carney", "Prime Minister Carney",
                                         "Canadian Prime Minister Mark Carney",
                                         "Mr Carney", "Mark Carney"]) == ("Carney",)


@dataclass(frozen=True)
class Row:
    value: str
    number: float
    unit: str
    period: str
    article_id: str


def test_a_rounded_value_is_no_disagreement():
    assert precision("US$118.7 billion") == 1e8 and precision("$118bn") == 1e9
    assert precision("100,000") == 1e5 and precision("1.8 million") == 1e5
    rounded = [Row("$118bn", 118e9, "$", "2024", "a"), Row("US$118.7 billion", 118.7e9, "US$",
                                                           "2024", "b")]
    assert conflicts(rounded) == ()


def test_a_different_period_or_article_is_no_disagreement_but_a_different_value_is():
    rows = [Row("$118bn", 118e9, "$", "2024", "a"), Row("$142 billion", 142e9, "$", "2025", "b"),
            Row("$120bn", 120e9, "$", "2024", "c"), Row("$150bn", 150e9, "$", "2025", "b")]
    (found,) = conflicts(rows)
    assert found.period == "2024" and found.rows == (0, 2)
    assert conflicts([Row("C$5bn", 5e9, "C$", "2024", "a"),
                      Row("US$3.6bn", 3.6e9, "US$", "2024", "b")]) == ()


def _conflicts_pair_by_pair(rows: list[Row]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The rule as written: every pair of rows of one period from different articles."""
    found = []
    for period in dict.fromkeys(r.period for r in rows):
        members = [i for i, r in enumerate(rows) if r.period == period]
        involved = {i for i in members for j in members
                    if rows[i].article_id != rows[j].article_id
                    and _units_compatible(rows[i].unit, rows[j].unit)
                    and not same_within_rounding(rows[i], rows[j])}
        if involved:
            found.append((period, tuple(sorted(involved))))
    return tuple(found)


@given(st.lists(st.tuples(st.sampled_from([("$118bn", 118e9), ("US$118.7 billion", 118.7e9),
                                           ("$120bn", 120e9), ("100,000", 1e5),
                                           ("120,500", 120_500.0)]),
                          st.sampled_from(["$", "US$", "C$"]), st.sampled_from(["2024", "2025"]),
                          st.sampled_from("abcd")), max_size=12))
def test_conflicts_by_statement_are_the_conflicts_pair_by_pair(drawn):
    rows = [Row(value, number, unit, period, article)
            for (value, number), unit, period, article in drawn]
    assert tuple((c.period, c.rows) for c in conflicts(rows)) == _conflicts_pair_by_pair(rows)


def test_a_dispute_note_stays_one_line_however_many_outlets_disagree():
    def row(value: str, source: str) -> SimpleNamespace:
        return SimpleNamespace(value=value, source=source, passage=None)

    assert dispute_note([row("$118bn", "BBC"), row("US$142 billion", "Reuters"),
                         row("$118bn", "BBC"), row("$118bn", "CBC")]) == \
        "BBC, CBC: $118bn; Reuters: US$142 billion"
    many = [row(f"${n}bn", f"Outlet {n}.{k}") for n in range(10) for k in range(5)]
    assert dispute_note(many) == ("Outlet 0.0, Outlet 0.1: $0bn; Outlet 1.0, Outlet 1.1: $1bn; "
                                  "Outlet 2.0, Outlet 2.1: $2bn; Outlet 3.0, Outlet 3.1: $3bn; "
                                  "and 6 other values")


def test_a_story_is_summed_up_by_an_article_its_title_comes_from():
    titles = {"a": "Lee and Chen agree quota talks (Daily Planet)", "b": "Ferry fares rise",
              "c": "Lee and Chen agree quota talks", "d": "Harbour reopens"}
    refs = SimpleNamespace(articles={k: SimpleNamespace(name=v) for k, v in titles.items()})
    groups = SimpleNamespace(by_article={"a": Counter(x=3), "b": Counter(x=9), "c": Counter(x=1),
                                         "d": Counter(x=1)})
    copies = {"b": ("copy",), "c": ("copy",)}
    ids = ("a", "b", "c", "d")
    # b is the most covered, but the story is titled after a's and c's headline: of those,
    # c is carried more often.
    assert lead_article("Lee and Chen agree quota talks", ids, refs, groups, copies) == "c"
    assert lead_article("Lee and Chen agree quota talks", ("a", "b"), refs, groups, {}) == "a"
    assert lead_article("Talks on quotas in January", ids, refs, groups, copies) == "b"


def _first_sentence_by_characters(text: str) -> str:
    """The definition `first_sentence` follows, read character by character."""
    flat = " ".join(text.split())
    for position, char in enumerate(flat):
        if char in ".!?" and position >= 40 and (position + 1 == len(flat) or (
                flat[position + 1] == " " and flat[position + 2:position + 3].isupper())):
            return flat[:position + 1]
    return flat


@given(st.lists(st.sampled_from(["Talks resumed", " ", "  ", ".", "!", "?", "?!", " The",
                                 " the", " É", "\n", "U.S.", "4.5", "end. ", "a"]),
                max_size=40))
@example(["x" * 39, ". The", " rest."])           # too early to end
@example(["x" * 40, ". The", " rest."])           # the earliest end
@example(["x" * 45, "?! É", " rest."])
@example(["x" * 45, "U.S. and", " 4.5. the", " rest. The end."])   # no capital: no end
def test_the_first_sentence_ends_where_the_character_by_character_reading_ends_it(parts):
    text = "".join(parts)
    assert first_sentence(text) == _first_sentence_by_characters(text)


def test_fragments_get_an_ellipsis():
    assert quote_display("greater stability on both sides") == ("…greater stability on both "
                                                                "sides…", True)
    assert quote_display("We have to be very cautious.") == ("We have to be very cautious.",
                                                             False)


def test_axis_is_bounded_whatever_the_span():
    days = [datetime(2026, 1, d, tzinfo=UTC) for d in (3, 9, 14)]
    assert make_axis(days).unit == "day" and len(make_axis(days).keys) == 12
    months = [datetime(2024, m, 1, tzinfo=UTC) for m in range(1, 13)]
    assert make_axis(months).unit == "month" and len(make_axis(months).keys) == 12
    years = [datetime(y, 1, 1, tzinfo=UTC) for y in (1990, 2026)]
    assert make_axis(years).unit == "year" and len(make_axis(years).keys) == 37
    assert make_axis(days).series([days[0], None]) [0].count == 1


def test_a_series_counts_each_bucket_and_leaves_the_others_empty():
    days = [datetime(2026, 1, d, tzinfo=UTC) for d in (3, 9, 14)]
    axis = make_axis(days)
    series = axis.series([days[1], days[0], days[1], None])
    assert [p.key for p in series] == list(axis.keys)
    assert [p.label for p in series] == list(axis.labels)
    assert {p.key: p.count for p in series if p.count} == {"2026-01-03": 1, "2026-01-09": 2}
    assert sum(p.count for p in series) == 3
    assert sum(p.count for p in axis.series([days[2]])) == 1     # another series, same axis
    assert axis.series([None]) == ()


class _Strict(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def test_charts_are_svg_with_a_text_alternative_and_a_table_and_escape_labels():
    chart = coverage_chart([Point("2026-01", "Jan 2026", 3), Point("2026-02", "Feb 2026", 1)],
                           "Coverage of <b>X</b>", "c1")
    assert 'role="img"' in chart and "<title id=\"c1-t\">Coverage of &lt;b&gt;X" in chart
    assert "<table>" in chart and "<desc" in chart and "<b>" not in chart
    mix = share_chart([("<i>Outlet</i>", 4)], "Mix", "m")
    assert "&lt;i&gt;Outlet" in mix and "<i>" not in mix
    parser = _Strict()
    parser.feed(str(chart))
    assert "svg" in parser.tags and "script" not in parser.tags


def test_urls_between_pages_follow_directory_urls():
    assert page_url("index.md") == "" and page_url("articles/index.md") == "articles/"
    assert page_url("actors/x.md") == "actors/x/"
    assert relative_url("actors/x.md", "articles/a.md") == "../../actors/x/"
    assert relative_url("actors/x.md", "index.md") == "actors/x/"


def test_first_mentions_link_only_text_outside_tags_and_links():
    from briefing.index import FirstMention, Ref

    ref = Ref("mark-carney", "Mark Carney", "actors/mark-carney.md")
    html = '<p id="p1"><a href="x">Carney</a> met Carneyville and Carney.</p>'
    linked = with_links(html, "p1", (FirstMention("p1", "Carney", ref),), "articles/a.md")
    assert linked == ('<p id="p1"><a href="x">Carney</a> met Carneyville and <a class="briefing-'
                      'mention" href="../../actors/mark-carney/">Carney</a>.</p>')


def test_aliases_become_safe_site_paths_only():
    assert alias_file("old-name") == "articles/old-name/index.html"
    assert alias_file("/posts/old/") == "posts/old/index.html"
    for bad in ("https://x.org/a", "../../etc", "a b", "/x/../y", "//evil.org/x", ""):
        assert alias_file(bad) is None, bad


def test_sample_site_has_feeds_robots_meta_and_a_report_page(sample_build):
    site = sample_build.site
    feed = ET.parse(site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 5
    assert entries[0].find("a:link", ns).get("href").startswith(
        "https://owner.github.io/briefing-repo/articles/")
    assert (site / "issues" / "taiwan" / "feed.xml").is_file()
    assert "Sitemap: https://owner.github.io/briefing-repo/sitemap.xml" in \
        (site / "robots.txt").read_text()
    home = (site / "index.html").read_text()
    article = next((site / "articles").glob("*/index.html")).read_text()
    for page in (home, article):
        assert '<meta property="og:title"' in page and 'name="twitter:card"' in page
        assert 'type="application/atom+xml"' in page
    descriptions = {p.read_text().split('<meta name="description" content="')[1].split('"')[0]
                    for p in (site / "articles").glob("*/index.html")}
    assert len(descriptions) == 5
    report = (site / "build-report" / "index.html").read_text()
    assert "How this briefing was built" in report and "Warnings and errors" in report


def test_figures_page_flags_no_rounding_and_labels_plainly(sample_build):
    page = (sample_build.site / "figures" / "index.html").read_text()
    assert "Outlets disagree about" not in page
    assert "Trade between the two countries" in page and "Citizen (counts)" not in page
    data = json.loads((sample_build.site / "data" / "briefing.json").read_text())
    assert all(g["disputes"] == [] for g in data["figure_groups"])


def test_actor_page_merges_roles_and_lists_plain_aliases(sample_build):
    page = (sample_build.site / "actors" / "mark-carney" / "index.html").read_text()
    assert "Also called:</strong> Carney</p>" in page
    assert page.count("Prime Minister</") <= 1 and "Canadian Prime Minister" in page
    assert 'class="briefing-chart"' not in page or "data table" in page


def test_aliases_make_redirect_pages(make_project):
    project = make_project({
        "a.md": "---\ntitle: Harbour talks resume\naliases: [old-harbour, /posts/harbour/, "
                "'https://evil.example/x']\n---\nTalks resumed on Monday in the harbour town.\n",
        "b.md": "---\ntitle: Ferry fares\naliases: [harbour-talks-resume]\n---\nFares rise.\n"})
    result, _ = project.build()
    assert result.site_dir is not None
    redirect = (project.site / "articles" / "old-harbour" / "index.html").read_text()
    assert 'url=../harbour-talks-resume/"' in redirect
    assert (project.site / "posts" / "harbour" / "index.html").is_file()
    codes = sorted(d.code for d in result.diagnostics if d.code in ("bad-alias", "alias-clash"))
    assert codes == ["alias-clash", "bad-alias"]
    assert all(d.path.startswith("content/") for d in result.diagnostics
               if d.code in ("bad-alias", "alias-clash"))


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_continuation_pages_are_left_out_of_search(make_project, engine):
    if not ENGINES[engine].installed():
        pytest.skip(f"{engine} is not installed")
    files = {f"{n:02d}.md": f"---\ntitle: Carney meets crews, day {n}\ndate: 2026-01-{n:02d}\n---\n"
                            f"Mark Carney met harbour crews on day {n} of the talks.\n"
             for n in range(1, 18)}
    project = make_project(files, config=MINIMAL_CONFIG + f"engine: {engine}\n")
    result, _ = project.build()
    assert result.site_dir is not None
    assert (project.site / "actors" / "mark-carney" / "articles-2" / "index.html").is_file()
    docs = json.loads((project.site / "search" / "search_index.json").read_text())["docs"]
    locations = [d["location"] for d in docs]
    assert any(loc.startswith("actors/mark-carney/") for loc in locations)
    assert not [loc for loc in locations if "/articles-2/" in loc]
