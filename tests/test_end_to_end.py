"""The sample content built end to end, under a GitHub project-page sub-path."""

from __future__ import annotations

import json
import re
from html import unescape

from briefing.diagnostics import Severity

from .conftest import SUBPATH_BASE_URL
from .seed_facts import ACTORS, SEED_FILES, TITLES
from .site_links import broken_links


def page_title_of(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
    assert found, "page has no h1"
    return unescape(re.sub(r"<[^>]+>", "", found.group(1))).replace("¶", "").strip()


def test_every_seed_is_an_article_and_none_is_a_copy(sample_build):
    outcomes = {r.path: r.outcome.value for r in sample_build.result.records}
    assert outcomes == {name: "article" for name in SEED_FILES}


def test_one_html_page_per_article_actor_issue_and_source(sample_build):
    index = sample_build.result.index
    site = sample_build.site
    for kind in ("articles", "actors", "issues", "sources", "stories"):
        ids = [view.id for view in getattr(index, kind)]
        assert ids, kind
        pages = sorted(p.parent.name for p in (site / kind).glob("*/index.html"))
        assert pages == sorted(ids), kind
        assert (site / kind / "index.html").is_file()
    assert sample_build.result.counts["articles"] == 5


def test_every_seed_title_is_on_its_page(sample_build):
    by_file = {view.files[0]: view for view in sample_build.result.index.articles}
    for name, title in TITLES.items():
        view = by_file[name]
        html = (sample_build.site / "articles" / view.id / "index.html").read_text()
        assert page_title_of(html) == title


def test_the_untitled_seed_shows_its_derived_title(sample_build):
    (view,) = [v for v in sample_build.result.index.articles
               if v.files[0] == "003_49feeb1da4e40101.txt"]
    assert ("title", "first sentence (derived)") in view.inferred
    html = (sample_build.site / "articles" / view.id / "index.html").read_text()
    assert page_title_of(html) == view.title
    assert view.title.startswith("Canadian Prime Minister Mark Carney arrived in Beijing")


def test_curated_actors_of_each_seed_link_from_its_page(sample_build):
    by_file = {view.files[0]: view for view in sample_build.result.index.articles}
    for name, actors in ACTORS.items():
        assert set(actors) <= {ref.name for ref in by_file[name].actors}, name


def test_every_internal_link_and_anchor_resolves_under_the_sub_path(sample_build):
    assert broken_links(sample_build.site, SUBPATH_BASE_URL) == []


def test_sub_path_is_used_for_absolute_urls(sample_build):
    not_found = (sample_build.site / "404.html").read_text()
    assert 'href="/briefing-repo/assets/stylesheets/' in not_found
    sitemap = (sample_build.site / "sitemap.xml").read_text()
    assert f"<loc>{SUBPATH_BASE_URL}articles/" in sitemap
    home = (sample_build.site / "index.html").read_text()
    assert f'<link rel="canonical" href="{SUBPATH_BASE_URL}">' in home


def test_mkdocs_reported_no_warnings(sample_build):
    assert [d.format() for d in sample_build.result.diagnostics
            if d.code == "mkdocs"] == []
    assert not any(d.severity is Severity.ERROR for d in sample_build.result.diagnostics)


def test_pages_extras_and_build_report(sample_build):
    site = sample_build.site
    assert (site / ".nojekyll").is_file()
    assert (site / "search" / "search_index.json").is_file()
    report = json.loads((site / "build-report.json").read_text())
    assert sorted(entry["path"] for entry in report["inputs"]) == list(SEED_FILES)
    assert report["counts"] == sample_build.result.counts
    assert report["mkdocs_warnings"] == []


def test_navigation_lists_sections_not_every_page(sample_build):
    """Material repeats the nav on every page: it must not grow with the article count."""
    html = (sample_build.site / "articles" / "index.html").read_text()
    for nav_class in ("md-nav md-nav--primary", "md-tabs"):
        start = re.search(f'<nav class="{nav_class}[^"]*"', html)
        assert start, nav_class
        nav = html[start.start():html.index("</nav>", start.start())]
        hrefs = re.findall(r'href="([^"]+)"', nav)
        sections = {h.rstrip("/") or "." for h in hrefs if not h.startswith(("#", "http"))}
        assert sections == {"..", ".", "../stories", "../actors", "../issues", "../sources",
                            "../timeline", "../quotes", "../figures"}, nav_class
