"""The build's memory: what a stage freed goes back to the system before the next stage,
and the cyclic collector runs less often while a build makes its objects."""

from __future__ import annotations

import gc
import sys

import numpy as np
import pytest

from briefing import pipeline
from briefing.diagnostics import BufferReporter
from briefing.heap import (
    YOUNG_COLLECTION_EVERY,
    fewer_collections,
    give_back_free_memory,
    one_malloc_arena,
)


def resident_mb() -> int:
    status = open("/proc/self/status", encoding="ascii").read()
    return int(status.split("VmRSS:")[1].split()[0]) // 1024


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's malloc_trim and /proc")
def test_freed_heap_memory_is_given_back_to_the_system():
    """Arrays below glibc's mmap threshold live in the heap; freed, they stay in the
    process's resident memory (one array allocated after them pins the heap's top)
    until it is trimmed."""
    one_malloc_arena()
    held = [np.ones(12_000) for _ in range(3_000)]       # about 280 MB, 96 KB each
    pin = np.ones(12_000)
    before = resident_mb()
    del held
    freed = resident_mb()
    give_back_free_memory()
    assert freed > before - 100                          # freed, but still resident
    assert resident_mb() < freed - 200
    assert pin.sum() == 12_000


def test_the_collector_runs_less_often_inside_the_block_and_as_before_after_it():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_threshold() == (YOUNG_COLLECTION_EVERY, *before[1:])
        with fewer_collections():                  # nested: the outer setting comes back
            pass
        assert gc.get_threshold()[0] == YOUNG_COLLECTION_EVERY
        raise RuntimeError("a failed stage")
    assert gc.get_threshold() == before


def test_a_build_runs_its_stages_with_fewer_collections(make_project, monkeypatch):
    """Both entry points: `run_build`, and `read_content` on its own (`check`)."""
    seen: list[int] = []
    real = pipeline.build_index
    later = pipeline.dedupe_articles

    def index_noting(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        return real(*args, **kwargs)

    def dedupe_noting(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        return later(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build_index", index_noting)
    monkeypatch.setattr(pipeline, "dedupe_articles", dedupe_noting)
    project = make_project({"a.md": "---\ntitle: A\ndate: 2026-01-02\n---\nSome words here.\n"})
    result, _ = project.build()
    assert result.site_dir is not None
    pipeline.read_content(project.config(), BufferReporter())
    assert seen == [YOUNG_COLLECTION_EVERY] * 3
    assert gc.get_threshold()[0] != YOUNG_COLLECTION_EVERY
