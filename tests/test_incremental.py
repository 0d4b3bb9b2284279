"""Incremental rebuilds: a build that reuses the results cache and the last site gives
the bytes a clean build of the same project gives, whatever was edited.

Each case builds the sample (plus an article with front matter) once to fill the
cache, makes one edit, rebuilds incrementally, and compares the site with a clean
build (`--no-cache`, a fresh folder) of the edited project.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.diagnostics import BufferReporter
from briefing.executors import Workers
from briefing.pipeline import BuildResult, results_cache, run_build

from .conftest import copy_sample
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
    "template": _edit("templates/article.md.j2", "{{", "<!-- edited -->\n{{"),
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
    if kind in {"body", "title", "date", "deletion", "template"}:
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
