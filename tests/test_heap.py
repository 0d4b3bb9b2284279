"""The C heap: memory a stage freed goes back to the system before the next stage."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from briefing.heap import give_back_free_memory, one_malloc_arena


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
