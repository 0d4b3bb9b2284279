"""Pages written in HTML: the headings, table of contents and anchors the engine's toc
extension would have given them, and their way through render and the engine."""

from __future__ import annotations

import re

import markdown
import pytest

from briefing.html_pages import HTML_PAGE, anchor_ids, html_page, number_headings, toc_tokens

from .conftest import MINIMAL_CONFIG
from .site_links import broken_links

# Headings as a Markdown page writes them, and the same headings written in HTML.
HEADINGS = [
    ("# Canada's *new* deal", "<h1>Canada's <em>new</em> deal</h1>"),
    ("## Trade & tariffs", "<h2>Trade &amp; tariffs</h2>"),
    ("## Trade & tariffs", "<h2>Trade &amp; tariffs</h2>"),
    ("### Žluté &lt;stocks&gt;", "<h3>Žluté &lt;stocks&gt;</h3>"),
    ("## P1", "<h2>P1</h2>"),
    ("## Chosen {#chosen}", '<h2 id="chosen">Chosen</h2>'),
    ("#### [Linked](https://example.org/)", '<h4><a href="https://example.org/">Linked</a></h4>'),
    ("## Trade & tariffs_1", "<h2>Trade &amp; tariffs_1</h2>"),
]
# A paragraph with an id, which a heading's id must not repeat.
PARAGRAPH = ("A paragraph with an id.\n{: #p1 }", '<p id="p1">A paragraph with an id.</p>')


def _python_markdown(source: str) -> markdown.Markdown:
    md = markdown.Markdown(extensions=["attr_list", "toc"],
                           extension_configs={"toc": {"permalink": True}})
    md.converted = md.convert(source)  # type: ignore[attr-defined]
    return md


def _both() -> tuple[markdown.Markdown, str]:
    md = _python_markdown("\n\n".join([PARAGRAPH[0], *(m for m, _ in HEADINGS)]))
    ours = number_headings("\n".join([PARAGRAPH[1], *(h for _, h in HEADINGS)]))
    return md, ours


def _headings(page: str) -> list[str]:
    return re.findall(r"<h[1-6].*?</h[1-6]>", page)


def test_headings_get_the_ids_and_permalinks_python_markdown_gives_them():
    md, ours = _both()
    assert _headings(ours) == _headings(md.converted)  # type: ignore[attr-defined]
    assert 'id="p1_1"' in ours and 'id="trade-tariffs_1"' in ours
    assert 'id="trade-tariffs_2"' in ours


def test_the_table_of_contents_is_python_markdowns():
    md, ours = _both()
    assert toc_tokens(ours) == md.toc_tokens  # type: ignore[attr-defined]
    assert [t["level"] for t in toc_tokens(ours)] == [1]


def test_anchor_ids_are_every_id_on_the_page():
    _, ours = _both()
    assert anchor_ids(ours) == {"p1", "canadas-new-deal", "trade-tariffs", "trade-tariffs_1",
                                "zlute-stocks", "p1_1", "chosen", "linked",
                                "trade-tariffs_2"}


@pytest.mark.parametrize("text,front", [
    ("---\ntitle: T\n---\n<h1>T</h1>\n", "title: T\n"),
    ("---\n---\n<h1>T</h1>\n", ""),
    ("<h1>T</h1>\n", ""),
])
def test_an_html_page_is_marked_in_its_front_matter(text, front):
    page = html_page(text)
    assert page == (f"---\n{HTML_PAGE}: true\n{front}---\n"
                    '<h1 id="t">T<a class="headerlink" href="#t" title="Permanent link">'
                    "&para;</a></h1>\n")


def test_the_front_matter_is_not_searched_for_headings():
    page = html_page("---\ntitle: <h2>x</h2>\n---\n<p>body</p>\n")
    assert "title: <h2>x</h2>\n" in page and "headerlink" not in page


def test_article_pages_pass_through_the_engine_with_their_toc(make_project):
    text = ("---\ntitle: Harbour talks\ndate: 2026-01-14\n---\n"
            "Ann Lee said talks resume.\n\n## Background\n\nThe ferry stopped.\n\n"
            "## Background\n\nAgain.\n")
    project = make_project({"a.md": text})
    built, _ = project.build()
    docs = project.root / ".briefing-build" / "docs"
    assert built.site_dir is not None
    page = (docs / "articles" / "harbour-talks.md").read_text(encoding="utf-8")
    assert page.startswith(f"---\n{HTML_PAGE}: true\n") and "# Harbour" not in page
    html = (built.site_dir / "articles" / "harbour-talks" / "index.html").read_text()
    toc = html[html.index('md-nav--secondary'):]
    toc = toc[:toc.index("</nav>")]
    # The engine's table of contents lists the body's headings, ids as the page has them.
    for anchor in re.findall(r'<h2 id="([^"]+)">Background', html):
        assert f'href="#{anchor}"' in toc
    assert len(re.findall(r'<h2 id="[^"]+">Background', html)) == 2
    assert not [d.format() for d in built.diagnostics if d.code == "mkdocs"]
    assert broken_links(built.site_dir, "https://example.org/test/") == []


def test_a_markdown_template_is_used_when_there_is_no_html_one(make_project):
    project = make_project({"a.md": "---\ntitle: Harbour talks\n---\nAnn Lee spoke.\n"})
    (project.root / "templates" / "article.html.j2").unlink()
    (project.root / "templates" / "article.md.j2").write_text(
        "---\ntitle: {{ article.title|page_title }}\n---\n# {{ article.title|inline }}\n\n"
        "*Converted by the engine.*\n", encoding="utf-8")
    built, _ = project.build()
    assert built.site_dir is not None
    page = (project.root / ".briefing-build" / "docs" / "articles" / "harbour-talks.md")
    assert HTML_PAGE not in page.read_text(encoding="utf-8")
    html = (built.site_dir / "articles" / "harbour-talks" / "index.html").read_text()
    assert "<em>Converted by the engine.</em>" in html
    assert '<h1 id="harbour-talks">Harbour talks<a class="headerlink"' in html


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_the_engine_converts_only_the_markdown_pages(make_project, monkeypatch, engine):
    """HTML pages get no converter: the engine's `Page.render` runs for the home page
    and the build report only, and the site comes out as with it (the other tests)."""
    pages = pytest.importorskip(f"{engine}.structure.pages")
    rendered: list[str] = []
    real = pages.Page.render
    monkeypatch.setattr(pages.Page, "render", lambda self, config, files: rendered.append(
        self.file.src_uri) or real(self, config, files))
    config = MINIMAL_CONFIG + f"engine: {engine}\n"
    project = make_project({"a.md": "---\ntitle: Harbour talks\n---\nAnn Lee spoke.\n"},
                           config=config)
    built, _ = project.build()
    assert built.site_dir is not None
    assert sorted(rendered) == ["build-report.md", "index.md"]
    assert "Ann Lee spoke." in (built.site_dir / "articles" / "harbour-talks" /
                                "index.html").read_text(encoding="utf-8")
