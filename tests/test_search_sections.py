"""Material's search sections found quickly: the same sections its own parser finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from briefing import search_sections
from briefing.config import load_config
from briefing.diagnostics import BufferReporter
from briefing.pipeline import run_build
from briefing.search_sections import sections

from .conftest import copy_sample

CONTENT = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def materials(content: str) -> object:
    """What Material's parser makes of `content`, comparable; or the error it raises."""
    parser = Parser()
    try:
        parser.feed(content)
        parser.close()
    except Exception as exc:  # its own failure is part of what must be the same
        return type(exc)
    return comparable(parser.data)


def quick(content: str) -> object:
    try:
        found = sections(content)
    except Exception as exc:
        return type(exc)
    return None if found is None else comparable(found)


def comparable(found: list) -> list[tuple]:
    return [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text, s.is_excluded())
            for s in found]


def test_every_page_of_the_sample_site_gives_materials_sections(sample_build):
    pages = [m.group(1) for path in sorted(sample_build.site.rglob("*.html"))
             if (m := CONTENT.search(path.read_text(encoding="utf-8")))]
    read = [(page, quick(page)) for page in pages]
    assert len(pages) > 40
    assert all(found is None or found == materials(page) for page, found in read)
    assert sum(found is not None for _, found in read) >= 0.9 * len(pages)


TEXT = st.lists(st.sampled_from(["word", "two words", " ", "  ", "\n", "\t", "&amp;", "&lt;b&gt;",
                                 "&#39;", "&nbsp;", "caf\u00e9", "a\nb", "\u00b6"]),
                max_size=4).map("".join)
TAGS = ["p", "div", "span", "a", "li", "ul", "ol", "code", "pre", "sub", "sup", "em", "h1", "h2",
        "h3", "h6", "table", "td", "object", "section", "BR", "hr", "img", "P", "H2"]
ATTRIBUTES = st.lists(st.sampled_from([
    ' id="a"', ' id="b-2"', " ID='c'", ' class="headerlink"', ' class="linenodiv"',
    " data-search-exclude", ' data-search-exclude=""', ' href="x?a=1&amp;b=2"', ' title="\u00b6"',
    ' class="x"\n  id="d"']), max_size=3).map("".join)


@st.composite
def fragments(draw: st.DrawFn, depth: int = 3) -> str:
    """HTML of the shapes pages hold: nested elements, some left open or closed out of
    turn, self-closing ones, headings with and without ids, text with entities."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "element", "element", "stray end", "self-closing"]))
        if kind == "text" or depth == 0:
            parts.append(draw(TEXT))
            continue
        tag = draw(st.sampled_from(TAGS))
        if kind == "stray end":
            parts.append(f"</{tag}>")
        elif kind == "self-closing":
            parts.append(f"<{tag}{draw(ATTRIBUTES)}{draw(st.sampled_from(['/', ' /']))}>")
        else:
            inner = draw(fragments(depth - 1))
            end = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", f"</{tag.lower()} >", ""]))
            parts.append(f"<{tag}{draw(ATTRIBUTES)}>{inner}{end}")
    return "".join(parts)


@settings(max_examples=400)
@given(fragments())
@example("<pre>a <b></b> <i></i>\n</pre><p> <b></b> </p>")     # whitespace runs kept in <pre>
@example('<h2 id="x">T <a class="headerlink" href="#x">\u00b6</a></h2><div data-search-exclude>'
         '<div>in</div> out</div> after')
def test_generated_html_gives_materials_sections(content):
    assert quick(content) == materials(content)


@pytest.mark.parametrize("content", [
    "<p>a <!-- note --> b</p>", "<p>a < b</p>", "<script>var a = '<p>';</script>", "<p>x</ p>",
    '<a href=plain>x</a>', "<!DOCTYPE html><p>x</p>", "<style>p {}</style>", "<p>a</p class=x>",
])
def test_html_it_cannot_be_sure_of_is_left_to_materials_parser(content):
    assert sections(content) is None


def test_a_build_writes_the_same_search_index_either_way(tmp_path, monkeypatch):
    """The sample built with the quick reading and with Material's parser alone."""
    indexes = []
    for name, reading in (("quick", sections), ("material", lambda content: None)):
        calls: list[bool] = []
        monkeypatch.setattr(search_sections, "sections",
                            lambda content, _read=reading, _calls=calls: _calls.append(True)
                            or _read(content))
        config = load_config(copy_sample(tmp_path / name)).config
        result = run_build(config, BufferReporter())
        assert result.site_dir is not None and len(calls) > 40
        indexes.append((result.site_dir / "search" / "search_index.json").read_bytes())
    assert indexes[0] == indexes[1]
