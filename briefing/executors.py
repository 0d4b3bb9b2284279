"""Where per-article work runs: in this process, in a pool of processes, or on a cluster.

Not a stage. The pipeline opens one `Workers` per build and hands it to the
stages that have per-article work (load, normalize, extract); a stage calls
`workers.map(work, items, setup, *args)` with module-level pure functions and
never sees a pool. `setup(*args)` prepares what every item needs (a `Normalizer`,
an actor matcher), once per process and map; `work(prepared, item)` does one
item. Results come back in the order of `items`, so a build is byte-identical
whatever the number of workers, and an exception in a worker is raised here.

Small inputs never start a pool (`MIN_POOL_ITEMS`, or the environment's
`BRIEFING_MIN_POOL_ITEMS`, which the tests set to 1): a handful of files is
quicker in-process than the workers are to start. The pool starts on the first
large map and is reused by later stages; `close()` ends it.

A corpus-wide step whose input an edit seldom changes (merging quotes, merging
events) runs here through `once`, which takes the result from the cache when the
input is the same as an earlier build's.

Corpus-wide steps (dedupe's candidate pairs, story similarity and clustering)
are written as map, shuffle by key, reduce: the build's process cuts their data
into `shards(n)` parts by key (four per worker, or one when the per-article maps
run in-process) and `map_shards` reduces each part on a worker. The shuffle goes
through the build's process, which holds the articles anyway.

Executors: `jobs=1` is in-process; more is a `concurrent.futures`
ProcessPoolExecutor (forkserver, so no thread of the parent is copied mid-lock);
`dask://HOST:PORT` is a dask.distributed scheduler through its
concurrent.futures-compatible executor (`pip install -e ".[cluster]"`).
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, wait
from typing import Any, TypeVar

from .cache import ResultCache
from .heap import collect_less, one_malloc_arena

Item = TypeVar("Item")
Result = TypeVar("Result")
Prepared = TypeVar("Prepared")

MIN_POOL_ITEMS = 400      # fewer items than this are done in-process
CHUNK_ITEMS = 64          # at most this many items per task
CHUNKS_PER_WORKER = 4     # smaller chunks than that when there are few items
IN_FLIGHT_PER_WORKER = 3  # tasks submitted ahead, bounding what waits in memory
SHARDS_PER_WORKER = 4     # shards of a corpus-wide step: a few per worker, sent one at a time
_PREPARED: dict[str, Any] = {}    # per worker process: the last setups, by token
_PREPARED_KEEP = 4
_LOCK = threading.Lock()          # a Dask worker runs tasks in threads
_TOKENS = itertools.count()


class ExecutorError(ValueError):
    """An `--executor` or `--jobs` value that cannot be used."""


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:             # not on Linux
        return max(1, os.cpu_count() or 1)


class Workers:
    """Maps per-item functions over items, in-process or on an executor, in order."""

    def __init__(self, jobs: int = 1, start: Callable[[], Executor] | None = None,
                 min_items: int = MIN_POOL_ITEMS, description: str = "in-process",
                 on_close: Callable[[], object] | None = None,
                 cache: ResultCache | None = None, local: bool = True) -> None:
        self.jobs = max(1, jobs)
        # Whether the workers run on this machine and see its files (a cluster's may not).
        self.local = local
        # Results kept between builds (see `cache`); None: every item is worked out.
        self.cache = cache
        self.description = description
        self._start = start
        self._min_items = min_items
        self._on_close = on_close
        self._executor: Executor | None = None

    def map(self, work: Callable[[Prepared, Item], Result], items: Sequence[Item],
            setup: Callable[..., Prepared], *args: Any,
            on_done: Callable[[int], object] | None = None) -> list[Result]:
        """`[work(setup(*args), item) for item in items]`, spread over the workers.

        `on_done(n)` is called as items finish (for progress), in any order. With a
        cache, only the items whose result it does not hold are worked out; items
        must say all a result depends on (a file's bytes, not its path) and hold no
        sets (they pickle in an order that follows the hash seed: use sorted tuples).
        """
        if self.cache is None or not items:
            return self._map(work, items, setup, *args, on_done=on_done)
        scope = self.cache.scope(work, setup, args)
        keys = [self.cache.key(scope, item) for item in items]
        found = self.cache.get_many(keys)
        missing = [n for n, key in enumerate(keys) if key not in found]
        if on_done is not None and len(missing) < len(items):
            on_done(len(items) - len(missing))
        if not missing:
            results = [found[key] for key in keys]
            self.cache.vouch(keys, results)
            return results
        done = self._map(work, [items[n] for n in missing], setup, *args, on_done=on_done)
        self.cache.put_many((keys[n], result) for n, result in zip(missing, done, strict=True))
        results = [found[key] if key in found else None  # type: ignore[misc]
                   for key in keys]
        for n, result in zip(missing, done, strict=True):
            results[n] = result
        self.cache.vouch(keys, results)
        return results

    def once(self, work: Callable[[Prepared, Item], Result], whole: Item,
             setup: Callable[..., Prepared], *args: Any) -> Result:
        """`work(setup(*args), whole)` in this process, or its result from the cache
        when an earlier build gave it the same `whole` (digested as one value).

        For a corpus-wide step whose input most edits leave as it was: merging the
        quotes of 5,000 articles took 0.14 s and merging their events 0.23 s in a
        one-article rebuild whose edit changed neither, where digesting each input
        takes 0.03 s.
        """
        if self.cache is None:
            return work(setup(*args), whole)
        key = self.cache.key(self.cache.scope(work, setup, args), (whole,))
        found = self.cache.get_many([key])
        if key in found:
            return found[key]
        result = work(setup(*args), whole)
        self.cache.put_many([(key, result)])
        return result

    def shards(self, items: int) -> int:
        """Into how many parts to cut a corpus-wide step over `items` articles: a few
        per worker when a per-article map of that many would use the workers, else one."""
        if self._in_process() or items < self._min_items:
            return 1
        return self.jobs * SHARDS_PER_WORKER

    def map_shards(self, work: Callable[[Prepared, Item], Result], shards: Sequence[Item],
                   setup: Callable[..., Prepared], *args: Any) -> list[Result]:
        """`[work(setup(*args), shard) for shard in shards]`, one task per shard, never
        cached: the reduce side of a corpus-wide step, cut in `shards(n)` parts. The
        parts are few and heavy, so two are enough to use the workers, and one per
        worker is sent at a time: only that many wait in memory, pickled."""
        return self._map(work, shards, setup, *args, min_items=2, per_task=1,
                         in_flight=self.jobs)

    def _map(self, work: Callable[[Prepared, Item], Result], items: Sequence[Item],
             setup: Callable[..., Prepared], *args: Any,
             on_done: Callable[[int], object] | None = None, min_items: int | None = None,
             per_task: int | None = None, in_flight: int | None = None) -> list[Result]:
        """`map` without the cache; `per_task` items per task (default: by the number
        of items) and `in_flight` tasks at a time (default: a few per worker)."""
        smallest = self._min_items if min_items is None else min_items
        if self._in_process() or len(items) < smallest:
            prepared = setup(*args)
            done = []
            for item in items:
                done.append(work(prepared, item))
                if on_done is not None:
                    on_done(1)
            return done
        executor = self._pool()
        token = f"{os.getpid()}-{next(_TOKENS)}"
        packed = pickle.dumps((setup, args), protocol=pickle.HIGHEST_PROTOCOL)
        size = per_task or max(1, min(CHUNK_ITEMS,
                                      -(-len(items) // (self.jobs * CHUNKS_PER_WORKER))))
        chunks = [list(items[i:i + size]) for i in range(0, len(items), size)]
        results: list[list[Result] | None] = [None] * len(chunks)
        pending: dict[Future[list[Result]], int] = {}
        waiting = iter(enumerate(chunks))
        limit = in_flight or self.jobs * IN_FLIGHT_PER_WORKER
        for number, chunk in itertools.islice(waiting, limit):
            pending[executor.submit(run_chunk, token, packed, work, chunk)] = number
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                number = pending.pop(future)
                results[number] = future.result()
                if on_done is not None:
                    on_done(len(chunks[number]))
                chunks[number] = []                # let the items go
                for later, chunk in itertools.islice(waiting, 1):
                    pending[executor.submit(run_chunk, token, packed, work, chunk)] = later
        return [result for chunk_results in results if chunk_results for result in chunk_results]

    def _pool(self) -> Executor:
        """The executor, started on first use."""
        if self._executor is None:
            assert self._start is not None, "only workers with an executor have a pool"
            self._executor = self._start()
        return self._executor

    def _in_process(self) -> bool:
        """No executor, or one worker process on this machine, which is no quicker than
        this one (a cluster's one worker is still used: it may be another machine)."""
        return self._start is None or (self.jobs < 2 and self.local)

    def warm(self, items: int) -> None:
        """Start the worker processes in the background when maps of `items` would use
        them. A rebuild that takes every article's results from the cache first needs
        them in a corpus-wide step (the stories' shards), and waited there about 0.8 s
        for them to start; started while the content is read, they are ready by then."""
        if self._in_process() or not self.local or items < self._min_items or \
                self._executor is not None:
            return
        executor = self._pool()

        def start() -> None:             # a task for each worker: one would start one
            try:
                for started in [executor.submit(no_setup) for _ in range(self.jobs)]:
                    started.result()
            except (RuntimeError, BrokenExecutor):
                return                   # the build ended first: nothing to start for

        threading.Thread(target=start, daemon=True, name="briefing-warm-workers").start()

    def spawn(self, work: Callable[..., Result], *args: Any,
              items: int) -> Future[Result] | None:
        """Start `work(*args)` in a worker process of this machine, for the caller to
        do its own share meanwhile, when a map of `items` would use the pool; None
        otherwise (one process, few items, or a cluster, whose workers may not see
        this machine's files)."""
        if not self.local or self._start is None or self.jobs < 2 or items < self._min_items:
            return None
        executor = self._pool()
        return executor.submit(work, *args)

    def close(self) -> None:
        """End the pool, if one was started (and let go of a cluster's client): the
        tasks running finish, those waiting are dropped."""
        if self._executor is not None:
            try:
                self._executor.shutdown(wait=True, cancel_futures=True)
            except TypeError:              # an executor without it (dask's)
                self._executor.shutdown(wait=True)
            self._executor = None
        if self._on_close is not None:
            self._on_close()
            self._on_close = None
        if self.cache is not None:
            self.cache.close()
            self.cache = None

    @contextlib.contextmanager
    def caching(self, cache: ResultCache | None) -> Iterator[Workers]:
        """These workers for one build, remembering results in `cache`, which is closed
        at the end; the pool stays for the next build (`pipeline.BuildSession`)."""
        self.cache = cache
        try:
            yield self
        finally:
            if self.cache is not None:
                self.cache.close()
            self.cache = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start_worker() -> None:
    """A pool worker's initializer: collect as seldom as the build's process does, and
    leave Ctrl-C to that process. A terminal sends it to the whole process group, and
    an idle worker of `serve`'s pool, which lives between builds, would otherwise
    print a traceback of its own; the build's process ends the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    collect_less()


def no_setup() -> None:
    """The setup of work that needs nothing prepared."""


def given(*args: Any) -> tuple[Any, ...]:
    """The setup of work that needs only the map's arguments, as they were given."""
    return args


def run_chunk(token: str, packed: bytes, work: Callable[[Any, Any], Any],
              chunk: list[Any]) -> list[Any]:
    """In a worker: prepare once per map (by token), then do each item of the chunk."""
    with _LOCK:
        prepared = _PREPARED.get(token)
    if prepared is None:
        setup, args = pickle.loads(packed)
        prepared = setup(*args)
        with _LOCK:
            while len(_PREPARED) >= _PREPARED_KEEP:
                _PREPARED.pop(next(iter(_PREPARED)))
            _PREPARED[token] = prepared
    return [work(prepared, item) for item in chunk]


IN_PROCESS = Workers()


def open_workers(jobs: int | None = None, executor: str | None = None,
                 cache: ResultCache | None = None) -> Workers:
    """The workers for `--jobs N` (default: every core; 1: in-process) or
    `--executor dask://HOST:PORT`, remembering results in `cache` if given."""
    if executor:
        workers = _dask_workers(executor)
        workers.cache = cache
        return workers
    count = available_cores() if jobs is None else jobs
    if count < 1:
        raise ExecutorError(f"--jobs must be 1 or more, got {count}")
    if count == 1:
        return Workers(cache=cache)
    smallest = os.environ.get("BRIEFING_MIN_POOL_ITEMS", "")
    min_items = int(smallest) if smallest.isdigit() else MIN_POOL_ITEMS

    def start() -> Executor:
        from concurrent.futures import ProcessPoolExecutor

        one_malloc_arena()
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["briefing.pipeline"])
        return ProcessPoolExecutor(max_workers=count, mp_context=context,
                                   initializer=start_worker)

    return Workers(count, start, min_items, description=f"{count} processes", cache=cache)


def _dask_workers(address: str) -> Workers:
    """A dask.distributed scheduler at `dask://HOST:PORT` (or `tcp://…`)."""
    if not address.startswith(("dask://", "tcp://", "tls://", "inproc://")):
        raise ExecutorError(f"--executor must look like dask://HOST:PORT, got {address!r}")
    try:
        from distributed import Client
    except ImportError as exc:
        raise ExecutorError("--executor dask://… needs dask.distributed: "
                            "pip install -e '.[cluster]'") from exc
    target = "tcp://" + address.removeprefix("dask://") if address.startswith("dask://") \
        else address
    client = Client(target, timeout="20s")
    cores = sum(client.ncores().values()) or 1
    return dask_workers(client, cores)


def dask_workers(client: Any, cores: int) -> Workers:
    """Workers on a connected dask.distributed `Client`, which `close()` closes."""
    def start() -> Executor:
        executor: Executor = client.get_executor(pure=False)
        return executor

    return Workers(cores, start, min_items=1, description=f"dask ({cores} threads)",
                   on_close=client.close, local=False)
