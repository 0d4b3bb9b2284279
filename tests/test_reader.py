"""Checked as a reader would: every kind of page of the sample site and of a generated
1,000-article site, in headless Chromium at desktop and phone widths.

Each page loads with no script error, no failed request and no request to another
host; axe-core (the npm package, injected by Playwright) finds no serious or
critical problem; a screenshot of each is kept under `test-artifacts/screenshots/`
(or `$BRIEFING_ARTIFACTS`), with the axe results beside them. The 1,000-article
site is built once per session; no page of it may exceed `MAX_PAGE_BYTES`.

axe-core is looked for at `$BRIEFING_AXE`, then `node_modules/axe-core/axe.min.js`
(`npm install --no-save axe-core@4.14.1`, as `.ci/run` does). Without it the axe checks
are skipped, except in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.diagnostics import BufferReporter
from briefing.pipeline import run_build

from .conftest import ROOT, SUBPATH_BASE_URL
from .corpus import write_corpus
from .html_check import html_problems
from .site_links import broken_links
from .test_browser import chromium, search, serve

pytestmark = pytest.mark.browser
MAX_PAGE_BYTES = 200_000
WIDTHS = (1280, 390)
ARTIFACTS = Path(os.environ.get("BRIEFING_ARTIFACTS") or ROOT / "test-artifacts")
AXE = Path(os.environ.get("BRIEFING_AXE") or ROOT / "node_modules" / "axe-core" / "axe.min.js")


@pytest.fixture(scope="session")
def big_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated 1,000-article corpus, built once."""
    project = tmp_path_factory.mktemp("big") / "project"
    write_corpus(project / "content", 1000)
    import shutil

    shutil.copytree(ROOT / "templates", project / "templates")
    config = load_config(project / "site_config.yml").config
    assert config is not None
    result = run_build(config, BufferReporter())
    assert result.site_dir is not None, [d.format() for d in result.diagnostics][:5]
    assert not [d.format() for d in result.diagnostics if d.code == "mkdocs"]
    return result.site_dir


@pytest.fixture(scope="module")
def axe_script() -> str:
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"axe-core is missing at {AXE}: CI must install it "
                        "(npm install --no-save axe-core@4.14.1)")
        pytest.skip("axe-core is not installed (npm install --no-save axe-core@4.14.1)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reader_browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def sites(sample_build, big_build, tmp_path_factory) -> Iterator[dict[str, tuple[str, Path]]]:
    """Both sites served under a project-page sub-path."""
    sample = serve(sample_build.site, tmp_path_factory.mktemp("served-sample"))
    big = serve(big_build, tmp_path_factory.mktemp("served-big"))
    yield {"sample": (next(sample), sample_build.site), "big": (next(big), big_build)}
    for server in (sample, big):
        next(server, None)


def pages_of(site: Path) -> dict[str, str]:
    """One page of each kind: home, an article, actor, issue, source, story, and the
    quotes, figures and timeline pages (site-relative URLs)."""
    data = json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))
    base = data["site"]["base_url"]

    def first(kind: str) -> str:
        items = sorted(data[kind], key=lambda item: -len(item.get("article_ids", ())))
        return items[0]["url"].removeprefix(base)

    return {"home": "", "article": first("articles"), "actor": first("actors"),
            "issue": first("issues"), "source": first("sources"), "story": first("stories"),
            "quotes": "quotes/", "figures": "figures/", "timeline": "timeline/"}


def open_page(browser, url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    page.on("console", lambda m: problems.append(f"console: {m.text}")
            if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}")
            if r.status >= 400 else None)
    page.on("request", lambda r: None if r.url.startswith(
        ("http://127.0.0.1", "data:", "blob:")) else problems.append(f"off-site: {r.url}"))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return context, page, problems


SERIOUS = ("serious", "critical")
# Nothing a reader must scroll sideways to see: the page fits the window, and every
# table fits its column (on a phone too, where Material would let a table scroll).
OVERFLOW = """() => {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1)
    found.push(`page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
  for (const table of document.querySelectorAll('.md-typeset table')) {
    const box = table.closest('.md-typeset__scrollwrap') || table;
    const wide = Math.max(table.scrollWidth, box.scrollWidth);
    if (wide > box.clientWidth + 1) {
      const head = table.querySelector('th');
      found.push(`table '${head ? head.innerText : ''}...' is ${wide}px in ${box.clientWidth}px`);
    }
  }
  return found;
}"""


@pytest.mark.parametrize("which", ["sample", "big"])
def test_every_kind_of_page_reads_cleanly_and_passes_axe(which, sites, reader_browser,
                                                        axe_script):
    base, site = sites[which]
    found: dict[str, list[dict[str, object]]] = {}
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    for name, path in pages_of(site).items():
        for width in WIDTHS:
            context, page, problems = open_page(reader_browser, base + path, width)
            try:
                page.screenshot(path=str(shots / f"{which}-{name}-{width}.png"))
                problems += page.evaluate(OVERFLOW)
                page.add_script_tag(content=axe_script)
                result = page.evaluate(
                    "() => axe.run(document, {resultTypes: ['violations']})")
            finally:
                context.close()
            violations = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                           "nodes": [n["target"] for n in v["nodes"]][:5]}
                          for v in result["violations"]]
            found[f"{name}-{width}"] = violations
            failures += [f"{name} at {width}px: {p}" for p in problems]
            failures += [f"{name} at {width}px: axe {v['id']} ({v['impact']}): {v['nodes']}"
                         for v in violations if v["impact"] in SERIOUS]
    (ARTIFACTS / f"axe-{which}.json").write_text(json.dumps(found, indent=2) + "\n",
                                                 encoding="utf-8")
    assert not failures, "\n".join(failures)


def test_search_finds_canola_and_nagy(sites, reader_browser):
    base, _ = sites["sample"]
    for term, expected in (("canola", "canola"), ("Nagy", "Nagy")):
        context = reader_browser.new_context()
        page = context.new_page()
        try:
            search(page, base, term)
            assert expected.lower() in page.locator(".md-search-result").inner_text().lower()
        finally:
            context.close()


def test_following_a_citation_highlights_its_paragraph(sites, reader_browser, sample_build):
    base, _ = sites["sample"]
    actor = next(a for a in sample_build.result.index.actors if a.name == "Stephen Nagy")
    context, page, problems = open_page(reader_browser, base + f"actors/{actor.id}/", 1280)
    try:
        page.locator(".md-typeset blockquote a", has_text="¶").first.click()
        page.wait_for_load_state()
        anchor = page.url.rsplit("#", 1)[1]
        target = page.locator(f"[id='{anchor}']")
        assert "Nagy" in target.inner_text()
        colour = target.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), colour
        page.screenshot(path=str(ARTIFACTS / "screenshots" / "sample-citation-1280.png"))
    finally:
        context.close()
    assert problems == []


def test_quotes_filter_by_speaker_runs_our_own_script(sites, reader_browser):
    base, _ = sites["sample"]
    context, page, problems = open_page(reader_browser, base + "quotes/", 1280)
    try:
        cards = page.locator(".briefing-quote")
        total = cards.count()
        page.locator("form.briefing-filter select[name=actor]").select_option(index=1)
        shown = page.locator(".briefing-quote:not([hidden])").count()
        assert 0 < shown < total
    finally:
        context.close()
    assert problems == []


def test_the_html_check_finds_what_a_browser_would_repair():
    sound = ("<!DOCTYPE html><html><head><title>x</title></head><body><nav></nav><main>"
             "<article><p>One<p>Two<ul><li>a<li>b</ul><svg><path d='M0'/></svg></article>"
             "</main></body></html>")
    assert html_problems(sound) == []
    assert html_problems(sound.replace("<p>Two", "<div><p>Two")) == [
        "line 1: <div> left open by </article>"]
    assert html_problems(sound.replace("</nav>", "</nav></span>")) == [
        "line 1: </span> closes nothing"]
    assert html_problems(sound.replace("<nav></nav>", "")) == ["no <nav>"]


def check_site(site: Path, base_url: str) -> dict[str, object]:
    """Every page's structure, its links and anchors, and the largest page's size."""
    pages = sorted(site.rglob("*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    problems = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        problems += [f"{path.relative_to(site)}: {p}"
                     for p in html_problems(text, redirect='http-equiv="refresh"' in text)]
    assert problems == []
    assert broken_links(site, base_url) == []
    return {"pages": len(pages), "largest": largest.relative_to(site).as_posix(),
            "largest_bytes": largest.stat().st_size}


def test_sample_site_html_and_links(sample_build):
    check_site(sample_build.site, SUBPATH_BASE_URL)


def test_big_site_links_sizes_and_html(big_build):
    sizes = check_site(big_build, SUBPATH_BASE_URL)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "page-sizes.json").write_text(json.dumps(
        {**sizes, "limit_bytes": MAX_PAGE_BYTES}, indent=2) + "\n")
    assert sizes["largest_bytes"] <= MAX_PAGE_BYTES, sizes
