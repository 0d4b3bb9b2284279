"""Article and entity pages taken from the results cache when their views are the same
(briefing/page_memo.py, used by render_pages), on the sample's index; and the
compiled templates kept beside the cache (cache.KeptTemplates)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, datetime

from jinja2 import DictLoader, Environment

from briefing.cache import TEMPLATES_DIR, KeptTemplates, ResultCache, templates_folder
from briefing.page_memo import PageMemo
from briefing.render import SiteInfo, render_pages

from .conftest import ROOT, count_compiles

SITE = SiteInfo("T", "", datetime(2026, 1, 1, tzinfo=UTC))


def own_pages(index) -> int:
    """How many pages belong to one article or entity (continuation pages included)."""
    pages = render_pages(index, SITE, ROOT / "templates")
    return sum(1 for path in pages if path.startswith((
        "articles/", "actors/", "issues/", "sources/", "stories/", "tags/"))
        and not path.endswith(("/index.md",)) and "/page-" not in path)


def test_pages_rendered_from_the_same_views_are_taken_from_the_cache(sample_build, tmp_path):
    index = sample_build.result.index
    cache = ResultCache(tmp_path / "c.sqlite")
    first = render_pages(index, SITE, ROOT / "templates", cache=cache)
    assert first == render_pages(index, SITE, ROOT / "templates")
    assert cache.hits == 0
    second = render_pages(index, SITE, ROOT / "templates", cache=cache)
    assert second == first and list(second) == list(first)      # the same order too
    assert cache.hits == own_pages(index) > 10


def test_a_changed_view_renders_its_page_again(sample_build, tmp_path):
    index = sample_build.result.index
    cache = ResultCache(tmp_path / "c.sqlite")
    render_pages(index, SITE, ROOT / "templates", cache=cache)
    edited = replace(index.articles[0], title="A title no build had before")
    changed = replace(index, articles=(edited, *index.articles[1:]))
    hits = cache.hits
    pages = render_pages(changed, SITE, ROOT / "templates", cache=cache)
    assert pages == render_pages(changed, SITE, ROOT / "templates")
    assert "A title no build had before" in pages[edited.page]
    assert cache.hits - hits == own_pages(index) - 1


def test_another_template_or_site_renders_every_page_again(sample_build, tmp_path):
    index = sample_build.result.index
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    cache = ResultCache(tmp_path / "c.sqlite")
    render_pages(index, SITE, templates, cache=cache)
    partial = next(templates.rglob("partials/*.j2"))
    partial.write_text(partial.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    render_pages(index, SITE, templates, cache=cache)
    render_pages(index, replace(SITE, title="Another"), templates, cache=cache)
    assert cache.hits == 0


def test_a_value_json_cannot_write_gets_no_key(tmp_path):
    memo = PageMemo(ResultCache(tmp_path / "c.sqlite"), b"scope")
    assert memo.key("t", "p.md", ({"a", "b"},)) is None
    assert memo.key("t", "p.md", ("a", 1)) == memo.key("t", "p.md", ("a", 1))
    assert memo.key("t", "p.md", ("a", 1)) != memo.key("t", "q.md", ("a", 1))
    assert memo.key("t", "p.md", ("a", 1)) != memo.key("t", "p.md", ("a", 1.0))


def test_a_quote_is_digested_once_and_a_change_to_it_reaches_every_page_holding_it(
        sample_build, tmp_path):
    index = sample_build.result.index
    memo = PageMemo(ResultCache(tmp_path / "c.sqlite"), b"scope")
    holder = next(a for a in index.articles if a.quotes)
    quote = holder.quotes[0]
    key = memo.key("article", holder.page, (holder,))
    # The same words in another object give the same key: keys follow values.
    copied = replace(holder, quotes=(replace(quote), *holder.quotes[1:]))
    assert memo.key("article", holder.page, (copied,)) == key
    # A quote whose passages changed (another article now carries it) gives another.
    moved = replace(quote, passages=quote.passages[:-1] or (*quote.passages, *quote.passages))
    changed = replace(holder, quotes=(moved, *holder.quotes[1:]))
    assert memo.key("article", holder.page, (changed,)) != key


def test_compiled_templates_are_kept_and_a_changed_template_is_compiled_again(
        sample_build, tmp_path, monkeypatch):
    index = sample_build.result.index
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    cache = ResultCache(tmp_path / "c.sqlite")
    first = render_pages(index, SITE, templates, cache=cache)
    assert list((tmp_path / TEMPLATES_DIR / "pages").rglob("*.cache"))
    compiled = count_compiles(monkeypatch)
    fresh = ResultCache(tmp_path / "other.sqlite")      # no page kept: every page renders
    assert render_pages(index, SITE, templates, cache=fresh) == first
    assert compiled == []
    home = templates / "home.md.j2"
    home.write_text(home.read_text(encoding="utf-8") + "\nA line no build had before.\n",
                    encoding="utf-8")
    assert "A line no build had before." in render_pages(index, SITE, templates,
                                                         cache=fresh)["index.md"]
    assert compiled == ["home.md.j2"]


def test_compiled_templates_of_other_code_are_removed(tmp_path):
    older = tmp_path / "0123456789abcdef"
    older.mkdir()
    (older / "__jinja2_x.cache").write_bytes(b"older")
    kept = templates_folder(tmp_path)
    assert not older.exists()
    assert [p.name for p in tmp_path.iterdir()] == [kept.name]
    (kept / "__jinja2_y.cache").write_bytes(b"ours")
    assert templates_folder(tmp_path) == kept
    assert (kept / "__jinja2_y.cache").exists()


def test_a_template_that_cannot_be_kept_is_only_compiled_again(tmp_path):
    folder = templates_folder(tmp_path / "kept")
    env = Environment(loader=DictLoader({"t.j2": "{{ 1 + 1 }}"}),
                      bytecode_cache=KeptTemplates(folder))
    shutil.rmtree(tmp_path / "kept")           # another process removed it
    assert env.get_template("t.j2").render() == "2"


def test_a_session_digests_an_articles_body_once_and_an_edited_body_again(
        sample_build, tmp_path, monkeypatch):
    import orjson

    from briefing import page_memo
    from briefing.cache import ResultMemory
    from briefing.model import Block

    class Counting:
        """orjson, counting the articles' bodies it writes."""

        JSONEncodeError = orjson.JSONEncodeError
        bodies = 0

        def dumps(self, value, *args, **kwargs):
            if isinstance(value, tuple) and value and isinstance(value[0], Block):
                Counting.bodies += 1
            return orjson.dumps(value, *args, **kwargs)

    monkeypatch.setattr(page_memo, "orjson", Counting())
    index = sample_build.result.index
    memory = ResultMemory()

    def session_build(built_index):
        cache = ResultCache(tmp_path / "c.sqlite", memory)
        pages = render_pages(built_index, SITE, ROOT / "templates", cache=cache)
        cache.close()
        return pages, cache.hits

    first, _ = session_build(index)
    assert Counting.bodies == len(index.articles) > 1
    again, hits = session_build(index)
    assert (again, hits, Counting.bodies) == (first, own_pages(index), len(index.articles))
    article = index.articles[0]
    block = replace(article.blocks[0], text="A sentence no build had.",
                    html="<p>A sentence no build had.</p>")
    edited = replace(index, articles=(replace(article, blocks=(block, *article.blocks[1:])),
                                      *index.articles[1:]))
    pages, hits = session_build(edited)
    assert Counting.bodies == len(index.articles) + 1
    assert "A sentence no build had." in pages[article.page]
    assert hits == own_pages(index) - 1 and pages == render_pages(edited, SITE,
                                                                  ROOT / "templates")
