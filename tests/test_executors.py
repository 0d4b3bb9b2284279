"""Workers: per-item work in order, whatever runs it (in-process, a pool, a Dask cluster)."""

from __future__ import annotations

import gc
import os
import signal
import threading
import time

import pytest

from briefing.config import SiteConfig
from briefing.diagnostics import BufferReporter
from briefing.executors import (
    MIN_POOL_ITEMS,
    SHARDS_PER_WORKER,
    ExecutorError,
    Workers,
    available_cores,
    dask_workers,
    open_workers,
)
from briefing.heap import YOUNG_COLLECTION_EVERY
from briefing.pipeline import read_content, run_build

from .conftest import copy_sample
from .test_determinism import tree_digest


def scaled(factor: int, item: int) -> int:
    if item == 13:
        raise ValueError("thirteen")
    return item * factor + os.getpid() * 0


def factor_of(value: int) -> int:
    return value


def test_in_process_map_keeps_order_and_counts_progress():
    done: list[int] = []
    assert Workers().map(scaled, [3, 1, 2], factor_of, 10, on_done=done.append) == [30, 10, 20]
    assert sum(done) == 3


def test_a_pool_keeps_the_order_of_many_small_chunks():
    done: list[int] = []
    with open_workers(2) as workers:
        workers._min_items = 1
        items = [i for i in range(500) if i != 13]
        assert workers.map(scaled, items, factor_of, 3, on_done=done.append) == \
            [i * 3 for i in items]
    assert sum(done) == len(items)


def test_a_worker_exception_is_raised_in_the_caller():
    with open_workers(2) as workers:
        workers._min_items = 1
        with pytest.raises(ValueError, match="thirteen"):
            workers.map(scaled, list(range(20)), factor_of, 1)


def test_small_inputs_never_start_a_pool():
    with open_workers(2) as workers:
        assert workers.map(scaled, [1, 2], factor_of, 2) == [2, 4]
        assert workers._executor is None


def with_pid(_: None, item: int) -> tuple[int, int]:
    return item, os.getpid()


def nothing() -> None:
    return None


def test_warming_starts_the_worker_processes_before_any_map():
    with open_workers(2) as workers:
        workers.warm(MIN_POOL_ITEMS - 1)
        assert workers._executor is None             # too few items to use them
        workers.warm(MIN_POOL_ITEMS)
        executor = workers._executor
        assert executor is not None
        for _ in range(200):                          # started in the background
            if len(executor._processes) == 2:
                break
            time.sleep(0.05)
        assert len(executor._processes) == 2
        assert workers.map_shards(with_pid, [5, 6], nothing)[0][0] == 5
    with Workers() as in_process:
        in_process.warm(10 ** 6)
        assert in_process._executor is None


def test_a_build_that_ends_while_its_workers_start_leaves_no_error(monkeypatch):
    """The pool refuses new tasks once the build has closed it."""
    from concurrent.futures import ProcessPoolExecutor

    def closed(*args: object) -> None:
        raise RuntimeError("cannot schedule new futures after shutdown")

    failures: list[object] = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    monkeypatch.setattr(ProcessPoolExecutor, "submit", closed)
    with open_workers(2) as workers:
        workers.warm(MIN_POOL_ITEMS)
        for thread in threading.enumerate():
            if thread.name == "briefing-warm-workers":
                thread.join(timeout=30)
    assert failures == []


def young_threshold(_: None, item: int) -> int:
    return gc.get_threshold()[0]


def test_pool_workers_collect_as_seldom_as_the_build_process():
    """Workers only do the build's work, so they keep the build's collector setting
    (`heap.fewer_collections`) for their whole life."""
    with open_workers(2) as workers:
        assert set(workers.map_shards(young_threshold, [1, 2], nothing)) == \
            {YOUNG_COLLECTION_EVERY}


def interrupted(_: None, item: int) -> int:
    """Send this process the Ctrl-C a terminal sends the whole process group."""
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.05)
    return item


def test_pool_workers_leave_ctrl_c_to_the_build_process():
    """A Ctrl-C reaches every process of the group: the workers ignore it (an idle
    worker of `serve`'s pool would print a traceback) and the build ends the pool."""
    with open_workers(2) as workers:
        assert workers.map_shards(interrupted, [1, 2, 3, 4], nothing) == [1, 2, 3, 4]
        assert workers.map_shards(young_threshold, [1, 2], nothing) == \
            [YOUNG_COLLECTION_EVERY] * 2                # the same workers, still there


def test_the_shards_of_a_corpus_wide_step_go_to_the_workers_in_order():
    """A corpus-wide step is cut in a few shards per worker once its per-article maps
    would use the pool, and even two shards then run in the worker processes."""
    assert Workers().shards(1_000_000) == 1
    with open_workers(2) as workers:
        workers._min_items = MIN_POOL_ITEMS
        assert workers.shards(MIN_POOL_ITEMS - 1) == 1
        assert workers.shards(MIN_POOL_ITEMS) == 2 * SHARDS_PER_WORKER
        done = workers.map_shards(with_pid, [5, 6], nothing)
    assert [item for item, _ in done] == [5, 6]
    assert all(pid != os.getpid() for _, pid in done)


def test_jobs_default_to_every_core_and_bad_values_are_refused():
    assert open_workers().jobs == available_cores()
    assert open_workers(1).jobs == 1
    with pytest.raises(ExecutorError):
        open_workers(0)
    with pytest.raises(ExecutorError, match="dask://HOST:PORT"):
        open_workers(executor="http://example.org")


def test_a_pooled_read_matches_the_in_process_one(tmp_path, monkeypatch):
    copy_sample(tmp_path / "p")
    from briefing.config import load_config

    config = load_config(tmp_path / "p" / "site_config.yml").config
    assert isinstance(config, SiteConfig)
    alone = read_content(config, BufferReporter())
    with open_workers(2) as workers:
        workers._min_items = 1
        pooled = read_content(config, BufferReporter(), workers=workers)
    assert pooled == alone


def test_a_dask_cluster_builds_the_same_site(tmp_path):
    """A local cluster started here (threads in this process): the same bytes as in-process."""
    distributed = pytest.importorskip("distributed") if os.environ.get("CI") != "true" \
        else __import__("distributed")
    from briefing.config import load_config

    one, two = tmp_path / "one", tmp_path / "two"
    copy_sample(one)
    copy_sample(two)
    config_one = load_config(one / "site_config.yml").config
    config_two = load_config(two / "site_config.yml").config
    assert config_one is not None and config_two is not None
    run_build(config_one, BufferReporter())
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        client = distributed.Client(cluster)
        with dask_workers(client, 2) as workers:
            result = run_build(config_two, BufferReporter(), workers=workers)
    assert result.site_dir is not None
    assert tree_digest(one / "site") == tree_digest(two / "site")


def thread_name(_: None, item: int) -> tuple[int, str]:
    import threading

    return item, threading.current_thread().name


def test_a_cluster_with_one_worker_is_still_used():
    """Unlike one local process, a cluster's single worker may be another machine: the
    maps and the shards of corpus-wide steps go to it."""
    from concurrent.futures import ThreadPoolExecutor

    cluster = Workers(1, lambda: ThreadPoolExecutor(1, thread_name_prefix="worker"),
                      min_items=1, local=False)
    with cluster:
        mapped = cluster.map(thread_name, [1, 2, 3], nothing)
        assert cluster.shards(10) == SHARDS_PER_WORKER
        sharded = cluster.map_shards(thread_name, [4, 5], nothing)
    assert [item for item, _ in mapped + sharded] == [1, 2, 3, 4, 5]
    assert all(name.startswith("worker") for _, name in mapped + sharded)
