"""A real browser (Debian's chromium via Playwright) on the built sample site.

Served over HTTP under a project-page sub-path, as GitHub Pages would. The browser
is Debian's chromium (or BRIEFING_CHROMIUM, or Chrome where that is what the
machine has). Without one the test is skipped, except in CI (CI=true), where that
is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import SUBPATH_BASE_URL

pytestmark = pytest.mark.browser
CHROMIUM = (os.environ.get("BRIEFING_CHROMIUM") or shutil.which("chromium")
            or shutil.which("chromium-browser") or shutil.which("google-chrome")
            or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SUB_PATH = "briefing-repo"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path, root: Path) -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:PORT/briefing-repo/ until the generator closes."""
    (root / SUB_PATH).symlink_to(site, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def site_url(sample_build, tmp_path_factory) -> Iterator[str]:
    """The sample site, served under a project-page sub-path."""
    yield from serve(sample_build.site, tmp_path_factory.mktemp("served"))


HOSTILE = {
    "hostile.md": (
        "---\ntitle: '<img src=x onerror=\"window.__pwned=1\"> Zebra title'\n"
        "author: '<script>window.__pwned=2</script>'\n---\n"
        "Zebra <img src=x onerror=\"window.__pwned=3\"> and <script>window.__pwned=4</script>\n\n"
        "[zebra link](javascript:window.__pwned=5)\n"),
    "pasted.txt": "Zebra crossing <svg onload=window.__pwned=6>\nZebra text <b onmouseover=x>.\n",
}


# What a site owner (or a pull request that edits site_config.yml) could write.
HOSTILE_CONFIG = {
    "title": "Zebra <script>window.__pwned=7</script>\" onmouseover=\"window.__pwned=8",
    "description": "\"><img src=x onerror=\"window.__pwned=9\"> Zebra briefing",
    "repo_url": "https://example.org/zebra",
    "actors": [{"name": "Zebra <b onmouseover=\"window.__pwned=10\">Person</b>",
                "description": "<script>window.__pwned=11</script>"}],
    "sources": [{"name": "Zebra <i onclick=\"window.__pwned=12\">Outlet</i>",
                 "url": "https://example.org/", "description": "<svg onload=window.__pwned=13>"}],
}


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory) -> Iterator[str]:
    """A site built from content that tries to run script, served like the sample."""
    from briefing.config import load_config
    from briefing.diagnostics import BufferReporter
    from briefing.pipeline import run_build

    from .conftest import copy_sample

    project = tmp_path_factory.mktemp("hostile") / "project"
    config_path = copy_sample(project, SUBPATH_BASE_URL)
    settings = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    settings.update(HOSTILE_CONFIG)
    config_path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    shutil.rmtree(project / "content")
    (project / "content").mkdir()
    for name, text in HOSTILE.items():
        (project / "content" / name).write_text(text, encoding="utf-8")
    result = run_build(load_config(config_path).config, BufferReporter())
    assert result.site_dir is not None
    yield from serve(result.site_dir, tmp_path_factory.mktemp("served-hostile"))


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's chromium through Playwright; skipped where it is missing, except in CI."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing: CI must install it (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser):
    context = browser.new_context()
    external: list[str] = []
    # Readers' browsers should fetch nothing from third parties (fonts, trackers).
    context.on("request", lambda request: None if request.url.startswith(
        ("http://127.0.0.1", "data:", "blob:")) else external.append(request.url))
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.errors = errors
    yield opened
    context.close()
    assert external == []


def test_home_page_renders_with_material_and_section_tabs(page, site_url, sample_build):
    page.goto(site_url)
    assert page.title() == sample_build.config.title
    tabs = page.locator(".md-tabs__link").all_inner_texts()
    assert [t.strip() for t in tabs] == ["Home", "Articles", "Stories", "Actors", "Issues",
                                         "Sources", "Timeline", "Quotes", "Figures"]
    assert page.errors == []


def search(page, url: str, term: str) -> None:
    """Type `term` into Material's search box and wait for results."""
    page.goto(url)
    page.locator(".md-search__input").click()
    # Material's search worker loads the index first; typing earlier is lost.
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta')"
        ".innerText.toLowerCase().includes('initializing')", timeout=15_000)
    page.locator(".md-search__input").press_sequentially(term, delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)


def test_search_finds_an_actor_and_opens_the_result(page, site_url):
    search(page, site_url, "Nagy")
    assert "Nagy" in page.locator(".md-search-result").inner_text()
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state()
    assert "Nagy" in page.locator("article").inner_text()
    assert page.errors == []


def test_article_list_links_to_article_pages(page, site_url, sample_build):
    page.goto(site_url + "articles/")
    first = sample_build.result.index.articles[0]
    page.get_by_role("link", name=first.title, exact=True).first.click()
    page.wait_for_load_state()
    assert page.url == site_url + f"articles/{first.id}/"
    assert page.locator("h1").inner_text().rstrip("¶").strip() == first.title


def test_citation_links_land_on_the_cited_paragraph(page, site_url, sample_build):
    actor = next(a for a in sample_build.result.index.actors if a.name == "Stephen Nagy")
    page.goto(site_url + f"actors/{actor.id}/")
    page.locator("blockquote a", has_text="¶").first.click()
    page.wait_for_load_state()
    anchor = page.url.rsplit("#", 1)[1]
    assert "Nagy" in page.locator(f"[id='{anchor}']").inner_text()
    assert SUBPATH_BASE_URL.rstrip("/").endswith(SUB_PATH)


def test_hostile_content_runs_no_script_on_pages_or_in_search(page, hostile_url):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url + "articles/")
    links = page.eval_on_selector_all("article a", "els => els.map(e => e.href)")
    pages = sorted({u for u in links if u.startswith(hostile_url + "articles/")
                    and "#" not in u and u.rstrip("/") != hostile_url + "articles"})
    assert len(pages) == len(HOSTILE)
    for url in [hostile_url, *pages]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.mouse.move(200, 300)
        assert page.evaluate("window.__pwned") is None, url
        assert page.locator("article img[src='x'], article svg[onload]").count() == 0, url
    search(page, hostile_url, "Zebra")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []


def test_serve_reloads_the_open_page_after_an_edit(page, make_project):
    from .test_serve import ARTICLE, serving

    project = make_project({"a.txt": ARTICLE})
    with serving(project) as (base, _):
        page.goto(base + "/articles/harbour-talks-resume/")
        assert "Ana Ruiz" in page.inner_text("article")
        with page.expect_event("load", timeout=90_000):
            (project.content / "a.txt").write_text(ARTICLE.replace("Ana Ruiz", "Ines Vidal"))
        assert "Ines Vidal" in page.inner_text("article")
