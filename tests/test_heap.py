"""The build's memory: what a stage freed goes back to the system before the next stage,
and the cyclic collector runs less often while a build makes its objects."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from briefing import pipeline
from briefing.diagnostics import BufferReporter
from briefing.heap import (
    YOUNG_COLLECTION_EVERY,
    collections_paused,
    fewer_collections,
    give_back_free_memory,
    one_malloc_arena,
)

from .conftest import buffered_env


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


def test_a_block_that_ends_the_process_leaves_the_collector_off_and_collects_nothing():
    """`python build.py`'s rebuild (`ends_process`): no collection at the block's end,
    and none after it, since the process exits without freeing its heap."""
    collected: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            collected.append(info["generation"])

    enabled = gc.isenabled()
    gc.enable()
    gc.callbacks.append(note)
    try:
        with collections_paused(True, ends_process=True):
            assert not gc.isenabled()
        assert not gc.isenabled() and collected == []
        gc.enable()
        with collections_paused(True):
            pass
        assert gc.isenabled() and collected == [2]
    finally:
        gc.callbacks.remove(note)
        if not enabled:
            gc.disable()


def test_exit_now_ends_with_the_code_and_all_that_was_written_to_a_pipe():
    """Output to a pipe is buffered (unless PYTHONUNBUFFERED, left out here); `os._exit`
    alone would drop what is still in the buffer."""
    program = ("import sys\nfrom briefing.heap import exit_now\n"
               "for n in range(100):\n    print('line', n)\n"
               "sys.stderr.write('err')\nexit_now(3)\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], env=buffered_env())
    assert done.returncode == 3
    assert done.stdout == "".join(f"line {n}\n" for n in range(100)) and done.stderr == "err"


def test_exit_now_exits_normally_while_a_thread_it_would_kill_still_runs(tmp_path):
    """A thread that is not a daemon finishes first, as a normal exit waits for it."""
    done_file = tmp_path / "done"
    program = ("import sys, threading, time\nfrom briefing.heap import exit_now\n"
               "def work():\n    time.sleep(0.3)\n"
               f"    open({str(done_file)!r}, 'w').write('done')\n"
               "threading.Thread(target=work).start()\nexit_now(4)\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], env=buffered_env())
    assert done.returncode == 4
    assert done_file.read_text() == "done"


def test_exit_now_exits_normally_while_a_child_process_still_runs(tmp_path):
    """A child process (a pool's worker left running) is waited for, as a normal exit
    waits, not left behind."""
    done_file = tmp_path / "done"
    program = ("import multiprocessing, time\nfrom briefing.heap import exit_now\n"
               "def work():\n    time.sleep(0.3)\n"
               f"    open({str(done_file)!r}, 'w').write('done')\n"
               "if __name__ == '__main__':\n"
               "    multiprocessing.get_context('fork').Process(target=work).start()\n"
               "    exit_now(5)\n")
    done = subprocess.run([sys.executable, "-c", program], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 5
    assert done_file.read_text() == "done"
