"""Incremental rebuilds: a build that reuses the results cache and the last site gives
the bytes a clean build of the same project gives, whatever was edited.

Each case builds the sample (plus an article with front matter) once to fill the
cache, makes one edit, rebuilds incrementally, and compares the site with a clean
build (`--no-cache`, a fresh folder) of the edited project.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.diagnostics import BufferReporter
from briefing.executors import Workers, open_workers
from briefing.pipeline import BuildResult, BuildSession, results_cache, run_build

from .conftest import ROOT, copy_sample, count_compiles
from .corpus import write_corpus
from .test_determinism import tree_digest

EXTRA = """---
title: Harbour talks resume in Halifax
date: 2026-01-18
source: Example Gazette
---

Officials from both countries met in Halifax on Sunday to talk about the harbour.

"The talks were useful and we will meet again," said Mark Carney, the prime minister.

Trade between the two countries rose 4 per cent last year, the ministry said.
"""


def incremental(project: Path) -> tuple[BuildResult, int, int]:
    """An incremental build, as `python build.py` runs it; with the cache's hits and
    misses."""
    config = load_config(project / "site_config.yml").config
    assert config is not None
    cache = results_cache(config)
    assert cache is not None
    with Workers(cache=cache) as workers:
        result = run_build(config, BufferReporter(), "1768780800", workers=workers,
                           incremental=True)
        hits, misses = cache.hits, cache.misses
    assert result.site_dir is not None, [d.format() for d in result.diagnostics]
    return result, hits, misses


def clean(project: Path, target: Path) -> Path:
    """A clean build of a copy of `project` (no cache, no earlier site)."""
    shutil.copytree(project, target, ignore=shutil.ignore_patterns(
        "site", ".briefing-build", ".site.*"))
    config = load_config(target / "site_config.yml").config
    assert config is not None
    result = run_build(config, BufferReporter(), "1768780800")
    assert result.site_dir is not None
    return result.site_dir


def _edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        target = project / path
        text = target.read_text(encoding="utf-8")
        assert old in text, (path, old)
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _delete(path: str) -> Callable[[Path], None]:
    return lambda project: (project / path).unlink()


ADDED = """---
title: Port officials weigh a second round of harbour talks
date: 2026-01-19
source: Example Gazette
---

Port officials in Halifax said on Monday that a second round of harbour talks
could open next week.

"We have a list of questions for Beijing and we expect answers," said Odile
Marchetti, a harbour analyst at the Atlantic Ports Council.

Marchetti added that canola shipments would be the first test.
"""


def _add(path: str, text: str) -> Callable[[Path], None]:
    return lambda project: (project / path).write_text(text, encoding="utf-8")


EDITS = {
    "body": _edit("content/extra.md", "to talk about the harbour.",
                  "to talk about the harbour and the ferry."),
    "title": _edit("content/extra.md", "title: Harbour talks resume in Halifax",
                   "title: Harbour talks resume in Nova Scotia"),
    "date": _edit("content/extra.md", "date: 2026-01-18", "date: 2026-01-12"),
    "new quote": _edit("content/extra.md", "the ministry said.",
                       'the ministry said.\n\n"We expect more ships next year," said '
                       "Xi Jinping."),
    "new person": _edit("content/extra.md", "the ministry said.",
                        "the ministry said.\n\nJane Roe, a trade analyst at the Harbour "
                        "Trust, said the numbers were small. Jane Roe added that the ferry "
                        "mattered more."),
    "deletion": _delete("content/004_9e4b88d17844e084.txt"),
    "article added": _add("content/added.md", ADDED),
    "template": _edit("templates/article.html.j2", "<h1>", "<!-- edited -->\n<h1>"),
    "page frame": _edit("templates/overrides/main.html", "{%", "<!-- edited -->\n{%"),
    "config": _edit("site_config.yml", 'title: "Carney', 'title: "Edited: Carney'),
}


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("first") / "p"
    copy_sample(project)
    (project / "content" / "extra.md").write_text(EXTRA, encoding="utf-8")
    incremental(project)
    return project


def test_a_rebuild_with_nothing_changed_returns_the_last_build(built_once, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    site_before = tree_digest(project / "site")
    docs_index = project / ".briefing-build" / "docs" / "index.md"
    stamp = docs_index.stat().st_mtime_ns
    result, hits, misses = incremental(project)
    assert (hits, misses) == (0, 0)                 # not even the cache was asked
    assert tree_digest(project / "site") == site_before
    assert docs_index.stat().st_mtime_ns == stamp
    assert result.counts["articles"] == 6


def test_unchanged_inputs_with_the_site_gone_build_it_again(built_once, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    site_before = tree_digest(project / "site")
    shutil.rmtree(project / "site")
    _, hits, misses = incremental(project)
    assert misses == 0 and hits > 0
    assert tree_digest(project / "site") == site_before


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_an_edit_rebuilds_to_the_bytes_of_a_clean_build(kind, built_once, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    EDITS[kind](project)
    _, hits, _ = incremental(project)
    if kind in {"body", "title", "date", "deletion", "article added", "template", "page frame"}:
        assert hits > 0, "the unchanged articles came from the cache"
    assert tree_digest(project / "site") == tree_digest(clean(project, tmp_path / "clean"))


def test_unchanged_pages_keep_their_files_and_changed_ones_are_rewritten(built_once, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    docs = project / ".briefing-build" / "docs"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    for path in before:
        path.touch()
    touched = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    EDITS["body"](project)
    incremental(project)
    after = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    assert set(after) == set(before)
    kept = [p for p in after if after[p] == touched[p]]
    assert 0 < len(kept) < len(after)


def _inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*.html")}


def _html_of(markdown: str) -> str:
    """The HTML file MkDocs writes for a Markdown page (directory URLs)."""
    if markdown == "index.md" or markdown.endswith("/index.md"):
        return markdown.removesuffix(".md") + ".html"
    return markdown.removesuffix(".md") + "/index.html"


def test_an_edit_reuses_the_html_of_the_pages_it_does_not_change(built_once, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    docs = project / ".briefing-build" / "docs"
    markdown_before = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    inodes_before = _inodes(project / "site")
    EDITS["body"](project)
    incremental(project)
    inodes_after = _inodes(project / "site")
    changed = {rel for rel, data in markdown_before.items() if (docs / rel).read_bytes() != data}
    assert "articles/harbour-talks-resume-in-halifax.md" in changed
    assert len(changed) < len(markdown_before) / 2
    for rel in markdown_before:
        page = _html_of(rel)
        assert (inodes_after[page] == inodes_before[page]) == (rel not in changed), page


def test_a_change_to_the_page_frame_builds_every_page_again(built_once, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    inodes_before = _inodes(project / "site")
    EDITS["page frame"](project)
    incremental(project)
    inodes_after = _inodes(project / "site")
    assert not set(inodes_after.items()) & set(inodes_before.items())


def test_a_rebuild_takes_the_compiled_templates_from_the_last_build(
        built_once, tmp_path, monkeypatch):
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    EDITS["body"](project)
    incremental(project)        # templates are kept by their path: the copy's are new
    kept = project / ".briefing-build" / "cache" / "templates"
    assert list((kept / "engine").rglob("*.cache")) and list((kept / "pages").rglob("*.cache"))
    compiled = count_compiles(monkeypatch)
    EDITS["title"](project)
    incremental(project)
    # Only the translations Material's search plugin reads with an environment of its
    # own, before the engine hands its environment to plugins, are compiled again.
    assert compiled and {name for name in compiled if not name.startswith(
        ("partials/language.html", "partials/languages/"))} == set(), compiled


SESSION_EDITS = ("body", "new person", "new quote", "deletion", "template", "config", "title")


def test_a_sessions_rebuilds_give_the_bytes_of_clean_builds_and_change_no_kept_value(
        built_once, tmp_path):
    """`serve` builds one edit after another in one process, taking what the last build
    used from memory: each build's site is a clean build's, and no build changes a
    value the next one is handed (each kept value pickles as it did when kept)."""
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    session = BuildSession(Workers())
    site_before = tree_digest(project / "site")
    config = load_config(project / "site_config.yml").config
    session.build(config, BufferReporter(), source_date_epoch="1768780800")
    assert session.memory.values, "a session's first build fills memory, changed or not"
    assert tree_digest(project / "site") == site_before
    held = dict(session.memory.values)
    reporter = BufferReporter()
    session.build(config, reporter, source_date_epoch="1768780800")   # a save, no change
    assert reporter.stages == ["Unchanged"] and session.memory.values == held
    compared = 0
    for number, kind in enumerate(SESSION_EDITS):
        kept = {key: (value, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
                for key, (value, _) in session.memory.values.items()}
        EDITS[kind](project)
        config = load_config(project / "site_config.yml").config
        result = session.build(config, BufferReporter(), source_date_epoch="1768780800")
        assert result.site_dir is not None, kind
        # The same objects handed on (a table kept again under its key is a new one).
        again = [(key, value) for key, (value, _) in session.memory.values.items()
                 if key in kept and kept[key][0] is value]
        compared += len(again)
        assert [key for key, value in again
                if pickle.dumps(value, pickle.HIGHEST_PROTOCOL) != kept[key][1]] == [], kind
        assert tree_digest(project / "site") == tree_digest(
            clean(project, tmp_path / f"clean-{number}")), kind
    session.close()
    assert compared > 100


def test_a_sessions_garbage_is_collected_between_its_builds_not_during_them(
        built_once, tmp_path, monkeypatch):
    import gc
    import weakref

    from briefing import pipeline

    class Cycle:
        me: Cycle

    made: list[tuple[bool, weakref.ref[Cycle], bool]] = []
    real = pipeline.build_index

    def indexing(*args, **kwargs):
        cycle = Cycle()
        cycle.me = cycle                   # garbage only the collector can free
        made.append((gc.isenabled(), weakref.ref(cycle),
                     all(ref() is None for _, ref, _ in made)))
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build_index", indexing)
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    session = BuildSession(Workers())
    config = load_config(project / "site_config.yml").config
    enabled = gc.isenabled()
    gc.enable()
    try:
        session.build(config, BufferReporter(), source_date_epoch="1768780800")
        assert not gc.isenabled() and session.untidy   # paused until tidied
        assert made[0][1]() is not None
        EDITS["body"](project)
        session.build(config, BufferReporter(), source_date_epoch="1768780800")
        assert made[1][2], "a build after an untidy one collects first"
        assert made[1][1]() is not None
        session.tidy()
        assert made[1][1]() is None and gc.isenabled() and not session.untidy
        EDITS["title"](project)
        session.build(load_config(project / "site_config.yml").config, BufferReporter(),
                      source_date_epoch="1768780800")
        session.close()
        assert gc.isenabled() and not session.untidy
        assert [during for during, _, _ in made] == [False, False, False]
    finally:
        if not enabled:
            gc.disable()


def test_a_rebuild_collects_garbage_once_at_its_end_and_a_first_build_as_usual(
        built_once, tmp_path):
    import gc

    def collections(project: Path) -> list[int]:
        """The generations collected while `project` was built incrementally."""
        config = load_config(project / "site_config.yml").config
        assert config is not None
        collected: list[int] = []

        def note(phase: str, info: dict) -> None:
            if phase == "start":
                collected.append(info["generation"])

        with Workers(cache=results_cache(config)) as workers:
            gc.callbacks.append(note)
            try:
                run_build(config, BufferReporter(), "1768780800", workers=workers,
                          incremental=True)
            finally:
                gc.callbacks.remove(note)
        return collected

    first = tmp_path / "first"
    shutil.copytree(built_once, first, ignore=shutil.ignore_patterns(
        "site", ".briefing-build", ".site.*"))
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    EDITS["body"](project)
    enabled = gc.isenabled()
    gc.enable()
    try:
        assert 0 in collections(first), "a first build collects as it goes"
        assert collections(project) == [2], "a rebuild: once, all generations, at its end"
        assert gc.isenabled()
    finally:
        if not enabled:
            gc.disable()


def test_a_session_starts_its_pool_once_for_all_its_builds(built_once, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_MIN_POOL_ITEMS", "1")     # the sample is small
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    session = BuildSession(open_workers(2))
    pools = []
    for kind in ("body", "title"):
        EDITS[kind](project)
        config = load_config(project / "site_config.yml").config
        assert session.build(config, BufferReporter(),
                             source_date_epoch="1768780800").site_dir is not None
        assert session.workers.cache is None                # each build's cache is closed
        pools.append(session.workers._executor)
    session.close()
    assert pools[0] is not None and pools[1] is pools[0]
    assert session.workers._executor is None


def test_a_rebuild_leaves_the_old_site_for_the_next_build_to_remove(built_once, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    old = project / ".site.old"
    assert not old.exists()
    first = tree_digest(project / "site")
    EDITS["body"](project)
    incremental(project)
    assert tree_digest(old) == first                # the site it replaced, beside it
    second = tree_digest(project / "site")
    EDITS["new quote"](project)
    incremental(project)
    assert tree_digest(old) == second               # the older one removed first
    assert tree_digest(project / "site") == tree_digest(clean(project, tmp_path / "clean"))


def test_a_rebuild_makes_the_site_before_last_the_new_sites_folder(built_once, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    old, site = project / ".site.old", project / "site"
    EDITS["body"](project)
    incremental(project)
    last = tree_digest(site)
    before_last = os.open(old, os.O_RDONLY)         # held: its inode is not given again
    try:
        EDITS["new quote"](project)
        incremental(project)
        assert os.path.samestat(os.fstat(before_last), site.stat())   # the same folder
    finally:
        os.close(before_last)
    assert tree_digest(old) == last                 # the site it replaced is untouched
    assert not (project / ".site.staging").exists()
    assert tree_digest(site) == tree_digest(clean(project, tmp_path / "clean"))


def test_a_kept_old_site_no_page_can_be_reused_from_is_removed(built_once, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(built_once, project)
    EDITS["body"](project)
    incremental(project)
    assert (project / ".site.old").is_dir()
    EDITS["page frame"](project)                    # every page is built again
    incremental(project)
    assert not (project / ".site.old").exists()
    assert tree_digest(project / "site") == tree_digest(clean(project, tmp_path / "clean"))


@pytest.mark.skipif(importlib.util.find_spec("properdocs") is None,
                    reason="ProperDocs is not installed")
def test_properdocs_reuses_pages_to_the_bytes_of_a_clean_build(tmp_path):
    project = tmp_path / "p"
    copy_sample(project)
    (project / "content" / "extra.md").write_text(EXTRA, encoding="utf-8")
    with (project / "site_config.yml").open("a", encoding="utf-8") as config:
        config.write("engine: properdocs\n")
    incremental(project)
    inodes_before = _inodes(project / "site")
    EDITS["new quote"](project)
    incremental(project)
    assert set(_inodes(project / "site").items()) & set(inodes_before.items())
    assert tree_digest(project / "site") == tree_digest(clean(project, tmp_path / "clean"))


BUILD_AND_COUNT = """
import sys
from pathlib import Path
from briefing.config import load_config
from briefing.diagnostics import BufferReporter
from briefing.executors import Workers, open_workers
from briefing.pipeline import results_cache, run_build
config = load_config(Path(sys.argv[1]) / "site_config.yml").config
cache = results_cache(config)
with Workers(cache=cache) as workers:
    run_build(config, BufferReporter(), "1768780800", workers=workers, incremental=True)
print(cache.hits, cache.misses)
"""


def _build_and_count(project: Path, seed: str) -> tuple[int, int]:
    """The cache's hits and misses of an incremental build in a process of its own."""
    done = subprocess.run([sys.executable, "-c", BUILD_AND_COUNT, str(project)],
                          env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True,
                          text=True, check=True)
    hits, misses = map(int, done.stdout.split()[-2:])
    return hits, misses


def test_a_body_edit_in_another_process_works_out_only_that_article_again(tmp_path):
    # Another process has another hash seed: no key may depend on set order. The
    # synthetic corpus names several people in full in many articles.
    project = tmp_path / "p"
    write_corpus(project / "content", 60)
    shutil.copytree(ROOT / "templates", project / "templates")
    _build_and_count(project, "1")
    edited = sorted((project / "content").glob("*.md"))[10]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOfficials met again.\n",
                      encoding="utf-8")
    hits, misses = _build_and_count(project, "2")
    # parse, the lines counted for repetition, normalize, comparison text, discovery
    # cues, names in full, own pass, the terms for the stories, the phrases; then the
    # edited article's page (page_memo), whose key reads views in no set order either
    per_article_maps, its_page = 9, 1
    assert 0 < misses <= per_article_maps + its_page < hits, \
        "each map worked out the edited file only, and only its page was rendered again"
