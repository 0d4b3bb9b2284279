"""The build process's memory: the C heap under it (glibc) and Python's collector.

Not a stage. Python frees most objects into malloc's heap, which keeps the memory
for later use instead of giving it back to the system, so every stage started
from the high-water mark of the ones before. Elsewhere than glibc the heap
functions do nothing. Python's cyclic garbage collector, tuned for programs
that make few objects, is asked to run less often (`fewer_collections`), and
not at all during a rebuild (`collections_paused`), nor during a `serve`
session's builds (`pause_collections`), which collect between builds instead
(`resume_collections`). A `python build.py` process leaves its heap to the
system as it ends (`exit_now`), and a rebuild in it is never collected.
"""

from __future__ import annotations

import ctypes
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

M_ARENA_MAX = -8          # glibc's mallopt parameter for the number of malloc arenas
YOUNG_COLLECTION_EVERY = 50_000   # allocations between young collections (Python's: 700)


def _glibc() -> ctypes.CDLL | None:
    """The C library of this process, if it is glibc."""
    try:
        library = ctypes.CDLL(None)
    except OSError:
        return None
    return library if hasattr(library, "gnu_get_libc_version") else None


def one_malloc_arena() -> None:
    """Have every thread of this process allocate from one malloc arena.

    A process pool's results are unpickled by its manager thread, to which glibc
    gives an arena of its own; what is freed there is not reused by the main
    thread, so every article that passed through it stayed in the peak. With one
    arena the index stage's peak at 20,000 articles was 11 % lower (841 MB instead
    of 941 MB; `bench/perf.py --sizes 20000 --through index --no-mkdocs`).
    """
    library = _glibc()
    if library is not None:
        library.mallopt(M_ARENA_MAX, 1)


def give_back_free_memory() -> None:
    """Return the heap's free pages to the system (glibc's `malloc_trim`), between
    stages: what a stage freed then no longer counts in the next one's peak."""
    library = _glibc()
    if library is not None:
        library.malloc_trim(0)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect the young generation every `YOUNG_COLLECTION_EVERY` allocations, not
    every 700, while the block runs (the older generations follow in proportion).

    A build makes millions of objects that live on (articles read back from the
    results cache, views, pages), and almost none of them is in a cycle; each
    collection traced the survivors of the last ones again. A one-article rebuild
    at 5,000 articles took 11.9 s before and 10.9 s after (`bench/perf.py
    --rebuilds`), with the same peak memory. Garbage in cycles is still collected,
    a little later.
    """
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def pause_collections() -> bool:
    """Stop cyclic garbage collection (a `serve` session's builds, `BuildSession`);
    whether it was running, for `resume_collections`."""
    running = gc.isenabled()
    gc.disable()
    return running


def resume_collections(running: bool, collect: bool = True) -> None:
    """Collect every generation (unless not `collect`), then let collections run again
    if they were `running` before `pause_collections`."""
    if collect:
        gc.collect()
    if running:
        gc.enable()


@contextmanager
def collections_paused(pause: bool = True, ends_process: bool = False) -> Iterator[None]:
    """No cyclic garbage collection while the block runs, then one of every generation,
    when `pause` and the collector was running (a rebuild, `pipeline.run_build`).

    With `ends_process` (the process ends after the block, through `exit_now`), the
    collector stays off: the collection (0.4 to 0.5 s at 5,000 articles), or the
    first young one after it was turned back on, would only trace what the build
    made and the exit throws away."""
    running = pause_collections() if pause else False
    try:
        yield
    finally:
        if running and not ends_process:
            resume_collections(True)


def exit_now(code: int) -> None:
    """End the process with `code`, leaving its heap to the system.

    An interpreter's normal exit frees every object one by one: 0.3 to 0.5 s after
    a rebuild at 5,000 articles, 1 s after a clean build (timed from the end of
    `build.main` to the end of the process), which `os._exit` skips. It also skips
    `atexit` handlers and the flushing of files: the caller has closed its files.
    The standard streams are flushed here. While work that a normal exit waits for
    is still running (a child process, such as a pool's worker, or a thread that is
    not a daemon), the exit is the normal one."""
    if _still_running():
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            code = code or 1             # the output was lost: not a success
    os._exit(code)


def _still_running() -> bool:
    """Whether a child process or a thread that an interpreter's exit waits for runs."""
    import multiprocessing
    import threading

    main = threading.main_thread()
    return bool(multiprocessing.active_children()) or any(
        thread is not main and not thread.daemon and thread.is_alive()
        for thread in threading.enumerate())


def collect_less() -> None:
    """`fewer_collections` for the rest of the process's life: a worker process's
    initializer (it does nothing but the build's work)."""
    gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])
