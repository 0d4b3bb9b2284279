"""Material's search index written from each page's kept entries (briefing/engine_pages.py):
the bytes Material's own `generate_search_index` writes from the entries themselves."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from material.plugins.search.plugin import SearchIndex

from briefing.engine_pages import _entries, _spliced, search_json

CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stemmer"],
          "fields": {"title": {"boost": 1e3}, "text": {"boost": 1.0}}}
ENTRY = st.fixed_dictionaries({
    "location": st.text(max_size=20), "title": st.text(max_size=20),
    "text": st.text(max_size=60)}, optional={"tags": st.lists(st.text(max_size=5), max_size=2),
                                             "boost": st.floats(allow_nan=False, width=32)})
PAGES = st.lists(st.lists(ENTRY, max_size=3).map(tuple), max_size=6)


def materials(pages: list[tuple[dict, ...]], prev: object = None) -> str:
    index = SearchIndex(**CONFIG)
    index.entries = [entry for page in pages for entry in page]
    return index.generate_search_index(prev)


@given(PAGES)
def test_the_index_from_kept_json_is_the_one_material_writes(pages):
    index = SearchIndex(**CONFIG)
    spliced = _spliced(index.generate_search_index, index, [search_json(p) for p in pages], None)
    assert spliced == materials(pages)


@given(PAGES)
def test_a_reloads_merged_index_is_left_to_material(pages):
    prev = SearchIndex(**CONFIG)
    index = SearchIndex(**CONFIG)
    written = _spliced(index.generate_search_index, index, [search_json(p) for p in pages], prev)
    assert written == materials(pages, prev)
    assert index.entries == [entry for page in pages for entry in page]


@given(st.lists(ENTRY, max_size=4).map(tuple))
def test_kept_json_reads_back_as_the_entries(entries):
    assert _entries(search_json(entries)) == entries
