"""Render stage: templates get values, never template source; user text is escaped."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from briefing.render import file_url, inline, page_url, relative_url


def test_inline_escapes_markdown_and_html_but_not_quotes():
    assert inline("Carney's *big* [deal](x) <b>") == \
        "Carney's \\*big\\* \\[deal\\]\\(x\\) &lt;b&gt;"


def test_inline_folds_newlines_so_a_value_cannot_start_a_block():
    assert "\n" not in inline("line one\n# not a heading\n---")


def test_front_matter_jinja_syntax_is_shown_not_executed(make_project):
    text = "---\ntitle: \"{{ 7 * 7 }} {% raw %}\"\n---\nBody {{ 6 * 7 }}\n"
    pasted = "Pasted page\n\nBody {{ 6 * 7 }} as pasted\n"
    project = make_project({"a.md": text, "b.txt": pasted})
    project.build()
    page = (project.site / "articles" / "7-7-raw" / "index.html").read_text()
    assert '<h1 id="7-7-raw">{{ 7 * 7 }} {% raw %}' in page
    # A generator's post: its template code is dropped (with a note), never run.
    assert "Body" in page and "{{ 6 * 7 }}" not in page and "Body 42" not in page
    # Pasted text is the author's: shown as written, never run.
    page = (project.site / "articles" / "pasted-page" / "index.html").read_text()
    assert "Body {{ 6 * 7 }} as pasted" in page and "Body 42" not in page


def test_script_in_title_and_body_never_reaches_the_page_as_markup(make_project):
    project = make_project({"x.md": (
        "---\ntitle: '<script>alert(1)</script> Title'\nauthor: '<img src=x onerror=alert(2)>'\n"
        "tags: ['<script>t</script>']\n---\n"
        "<script>alert(3)</script>\n\n[click](javascript:alert(4))\n")})
    result, _ = project.build()
    assert result.site_dir is not None
    for html in project.site.rglob("*.html"):
        text = html.read_text()
        assert "<script>alert" not in text, html
        assert "<img src=x" not in text, html
        assert 'href="javascript:' not in text, html


def test_raw_html_links_start_from_the_published_url_or_from_the_source_file():
    # MkDocs leaves raw HTML alone: articles/x.md is published at articles/x/.
    assert relative_url("actors/a.md", "articles/x.md") == "../../actors/a/"
    assert relative_url("index.md", "articles/x.md") == "../../"
    assert file_url("feed.xml", "articles/x.md") == "../../feed.xml"
    # Zensical rewrites raw HTML links from the source file's folder, as Markdown links.
    assert relative_url("actors/a.md", "articles/x.md", from_source=True) == "../actors/a/"
    assert relative_url("index.md", "articles/x.md", from_source=True) == "../"
    assert relative_url("actors/a.md", "index.md", from_source=True) == "actors/a/"
    assert file_url("feed.xml", "articles/x.md", from_source=True) == "../feed.xml"
    assert relative_url("quotes/page-2.md#xi", "quotes.md") == "page-2/#xi"
    assert relative_url("articles/x.md#p3", "articles/x.md") == "./#p3"


_DOCS_PATHS = st.lists(st.sampled_from(["a", "ab", "b", "index", "page-2"]), min_size=1,
                       max_size=4).map(lambda parts: "/".join(parts) + ".md")


@given(_DOCS_PATHS, _DOCS_PATHS, st.booleans())
def test_relative_urls_are_what_relpath_gives(target, current, from_source):
    here = posixpath.dirname(current) if from_source else page_url(current)
    rel = posixpath.relpath(page_url(target) or ".", here or ".")
    assert relative_url(target, current, from_source) == ("./" if rel == "." else rel + "/")
