"""Which published pages a build may reuse (briefing/page_reuse.py), on records
written for the purpose; tests/test_incremental.py checks whole builds."""

from __future__ import annotations

import os
from pathlib import Path
from unittest.mock import patch

from hypothesis import given
from hypothesis import strategies as st

from briefing import page_reuse
from briefing.engine_pages import search_json
from briefing.page_reuse import (
    GoneLinks,
    PageRecord,
    PublishedPages,
    link_reused,
    page_digests,
    recycle_site,
    reusable,
)

PAGES = {"index.md": "# Home\n\n[B](articles/b.md)\n", "articles/a.md": "# A\n",
         "articles/b.md": "# B\n", "articles/c.md": '# C\n\n<a href="../b/">B</a>\n',
         "assets/briefing.css": "body {}\n"}


def published(output: Path, pages: dict[str, str], frame: str = "frame") -> PublishedPages:
    """A record of `pages` published under `frame`, with their HTML files in `output`."""
    records = {}
    for rel, digest in page_digests(pages).items():
        html = rel.removesuffix(".md") + "/index.html"
        (output / html).parent.mkdir(parents=True, exist_ok=True)
        (output / html).write_text(pages[rel], encoding="utf-8")
        entries = ({"location": rel, "text": pages[rel]},)
        records[rel] = PageRecord(digest, html, search_json(entries))
    return PublishedPages(frame, records)


def test_only_markdown_pages_are_digested_and_a_byte_changes_the_digest():
    digests = page_digests(PAGES)
    assert set(digests) == {"index.md", "articles/a.md", "articles/b.md", "articles/c.md"}
    assert page_digests({**PAGES, "articles/a.md": "# A \n"})["articles/a.md"] != \
        digests["articles/a.md"]


def test_a_page_handed_again_as_the_same_text_is_not_read_again(monkeypatch):
    from briefing import page_reuse
    from briefing.cache import LastDigests

    read: list[str] = []
    real = page_reuse.text_digest
    monkeypatch.setattr(page_reuse, "text_digest", lambda text: read.append(text) or real(text))
    known = LastDigests()
    first = page_digests(PAGES, known)
    assert len(read) == 4 and first == page_digests(PAGES)
    read.clear()
    edited = "".join(["# A", " edited\n"])
    again = page_digests({**PAGES, "articles/a.md": edited}, known)
    assert read == [edited]
    assert again == {**first, "articles/a.md": real(edited)}
    read.clear()
    # Only the last call's pages are kept: the page the edit replaced is read again.
    assert page_digests(PAGES, known) == first and read == [PAGES["articles/a.md"]]


def test_pages_with_the_same_markdown_in_the_same_frame_are_reused(tmp_path):
    previous = published(tmp_path, PAGES)
    edited = {**PAGES, "articles/a.md": "# A, edited\n", "articles/d.md": "# D\n"}
    reused = reusable(previous, "frame", edited, page_digests(edited), tmp_path)
    assert set(reused) == {"index.md", "articles/b.md", "articles/c.md"}
    assert reused["articles/b.md"].search == \
        search_json(({"location": "articles/b.md", "text": "# B\n"},))


def test_nothing_is_reused_in_another_frame_or_without_a_record(tmp_path):
    previous = published(tmp_path, PAGES)
    assert reusable(previous, "another frame", PAGES, page_digests(PAGES), tmp_path) == {}
    assert reusable(None, "frame", PAGES, page_digests(PAGES), tmp_path) == {}


def test_pages_naming_a_page_that_went_away_are_built_again(tmp_path):
    # Their links to it, Markdown or raw HTML, must be checked by the engine.
    previous = published(tmp_path, PAGES)
    fewer = {rel: text for rel, text in PAGES.items() if rel != "articles/b.md"}
    assert set(reusable(previous, "frame", fewer, page_digests(fewer), tmp_path)) == \
        {"articles/a.md"}


def test_a_page_whose_html_is_gone_from_the_site_is_built_again(tmp_path):
    previous = published(tmp_path, PAGES)
    (tmp_path / "articles/a/index.html").unlink()
    assert set(reusable(previous, "frame", PAGES, page_digests(PAGES), tmp_path)) == \
        {"index.md", "articles/b.md", "articles/c.md"}


def test_only_pages_that_can_reach_a_gone_page_by_its_name_are_built_again(tmp_path):
    # A link to stories/a/articles-2.md holds "a/articles-2" unless it starts inside
    # stories/a (from the source folder, or from the published URL stories/a/).
    pages = {
        "stories/a.md": '# A\n\n<a href="articles-2/">more</a>\n',
        "stories/a/articles-2.md": "# A, page 2\n",
        "stories/a/articles-3.md": "# A, page 3\n\n[back](articles-2.md)\n",
        "stories/b.md": '# B\n\n<a href="articles-2/">more</a>\n',
        "stories/b/articles-2.md": "# B, page 2\n",
        "articles/x.md": "# X\n\n[story](../stories/a/articles-2.md)\n",
        "articles/y.md": "# Y\n\n[story](../stories/b/articles-2.md)\n",
        "articles/z.md": '# Z\n\n<a href="../../stories/a/articles-2/">story</a>\n',
    }
    previous = published(tmp_path, pages)
    fewer = {rel: text for rel, text in pages.items() if rel != "stories/a/articles-2.md"}
    assert set(reusable(previous, "frame", fewer, page_digests(fewer), tmp_path)) == \
        {"stories/b.md", "stories/b/articles-2.md", "articles/y.md"}


def test_a_gone_page_at_the_root_or_a_folder_index_is_looked_for_by_its_bare_name(tmp_path):
    pages = {"index.md": "# Home\n", "timeline.md": "# Timeline\n",
             "notes/index.md": "# Notes\n",
             "articles/a.md": '# A\n\n<a href="../../notes/">n</a>\n',
             "articles/b.md": "# B\n\n[t](../timeline.md)\n", "articles/c.md": "# C\n"}
    previous = published(tmp_path, pages)
    fewer = {rel: text for rel, text in pages.items()
             if rel not in {"timeline.md", "notes/index.md"}}
    assert set(reusable(previous, "frame", fewer, page_digests(fewer), tmp_path)) == \
        {"index.md", "articles/c.md"}


NAMES = st.sampled_from(["a", "b", "articles-2", "articles-3", "x-y", "index"])
GONE = st.sets(st.builds(lambda kind, name, more: f"{kind}/{name}{more}.md",
                         st.sampled_from(["stories", "actors", "stories/a", "tags"]), NAMES,
                         st.sampled_from(["", "/articles-2", "/index"])), max_size=30)


@given(GONE, st.lists(st.sampled_from(["[x](../", "a/articles-2", "articles-2/", "b/", "index",
                                       "stories/", ".md)", "x-y/articles-3", " text "]),
                      max_size=12).map("".join),
       st.sampled_from(["index.md", "stories/a.md", "stories/a/articles-3.md", "tags/b.md"]))
def test_gone_names_are_found_alike_one_by_one_and_by_the_automaton(gone, text, rel):
    with patch.object(page_reuse, "FEW_NEEDLES", 0):
        by_automaton = GoneLinks.of(gone)
    with patch.object(page_reuse, "FEW_NEEDLES", 10_000):
        one_by_one = GoneLinks.of(gone)
    assert by_automaton.named_in(rel, text) == one_by_one.named_in(rel, text)


def _files(folder: Path) -> dict[str, tuple[int, str]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.read_text())
            for p in folder.rglob("*") if p.is_file()}


def test_the_site_before_last_keeps_only_the_reused_pages_it_shares_with_the_site(tmp_path):
    site, old, staging = tmp_path / "site", tmp_path / ".site.old", tmp_path / ".site.staging"
    for rel in ("a/index.html", "b/index.html", "c/index.html", "x/y/index.html",
                "d/index.html", "search/index.json", "marker"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(f"published {rel}")
    for rel in ("a/index.html", "c/index.html", "x/y/index.html", "search/index.json",
                "marker"):                       # the files the two sites share
        (old / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(site / rel, old / rel)
    (old / "b").mkdir()
    (old / "b/index.html").write_text("older b")  # built again last time: its own file
    (old / "gone").mkdir()
    (old / "gone/index.html").write_text("a page that went away")
    (old / "x/z.html").write_text("not a page")
    published_before = _files(site)
    reused = {f"{name}.md": PageRecord("digest", f"{name}/index.html", ())
              for name in ("a", "b", "x/y", "d")}
    assert recycle_site(old, staging, reused, site) == {"a.md", "x/y.md"}
    assert not old.exists()
    assert set(_files(staging)) == {"a/index.html", "x/y/index.html"}
    assert sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*")
                  if p.is_dir()) == ["a", "x", "x/y"]       # emptied folders went
    link_reused({rel: reused[rel] for rel in ("b.md", "d.md")}, site, staging)
    assert _files(staging) == {rel: published_before[rel] for rel in
                               ("a/index.html", "b/index.html", "x/y/index.html",
                                "d/index.html")}
    assert _files(site) == published_before
