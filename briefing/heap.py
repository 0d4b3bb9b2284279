"""The C heap under the build's process (glibc): what makes its peak memory lower.

Not a stage. Python frees most objects into malloc's heap, which keeps the memory
for later use instead of giving it back to the system, so every stage started
from the high-water mark of the ones before. Elsewhere than glibc these do
nothing.
"""

from __future__ import annotations

import ctypes

M_ARENA_MAX = -8          # glibc's mallopt parameter for the number of malloc arenas


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
