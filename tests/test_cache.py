"""The results cache: keys that say what a result depends on, and nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from briefing.cache import ResultCache, ResultMemory, stable_digest
from briefing.executors import Workers


@dataclass(frozen=True)
class Thing:
    name: str
    tags: frozenset[str]
    where: Path = field(default=Path("."), metadata={"cache_key": False})


def test_the_digest_reads_values_not_identities_or_set_order():
    words = [f"word{n}" for n in range(50)]
    assert stable_digest(set(words)) == stable_digest(set(reversed(words)))
    assert stable_digest({"a": 1, "b": 2}) != stable_digest({"b": 2, "a": 1})   # order kept
    assert stable_digest((1, "1")) != stable_digest(("1", 1))
    assert stable_digest(Thing("x", frozenset("ab"), Path("/one"))) == \
        stable_digest(Thing("x", frozenset("ba"), Path("/two")))
    assert stable_digest(Thing("x", frozenset("ab"))) != stable_digest(Thing("y", frozenset("ab")))
    when = datetime(2026, 1, 2, tzinfo=UTC)
    assert stable_digest(when) != stable_digest(when.replace(day=3))


def test_the_digest_is_the_same_under_every_hash_seed():
    code = ("from briefing.cache import stable_digest; "
            "print(stable_digest({'k': frozenset(str(n) for n in range(99))}).hex())")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
            for seed in ("1", "2", "3")}
    assert len(seen) == 1


def test_an_item_key_ignores_which_equal_strings_are_one_object():
    shared = "a paragraph " * 10
    one = (shared, shared)
    two = ("a paragraph " * 10, "".join(["a paragraph "] * 10))
    cache = ResultCache(Path(":memory:"))
    assert cache.key(b"s", one) == cache.key(b"s", two)


def _double(_: None, n: int) -> int:
    return n * 2


def _none() -> None:
    return None


def test_a_map_works_out_only_what_the_cache_lacks(tmp_path):
    cache = ResultCache(tmp_path / "c.sqlite")
    assert Workers(cache=cache).map(_double, [1, 2, 3], _none) == [2, 4, 6]
    assert (cache.hits, cache.misses) == (0, 3)
    assert Workers(cache=cache).map(_double, [3, 4, 1], _none) == [6, 8, 2]
    assert (cache.hits, cache.misses) == (2, 4)
    cache.close()
    again = ResultCache(tmp_path / "c.sqlite")
    assert Workers(cache=again).map(_double, [4], _none) == [8]
    assert again.hits == 1
    again.close()


def _total(offset: int, numbers: tuple[int, ...]) -> int:
    _total.calls += 1   # type: ignore[attr-defined]
    return offset + sum(numbers)


def _given(*args: int) -> int:
    return args[0]


def test_a_step_run_once_is_worked_out_only_for_an_input_the_cache_lacks(tmp_path):
    _total.calls = 0    # type: ignore[attr-defined]
    assert Workers().once(_total, (1, 2), _given, 10) == 13
    cache = ResultCache(tmp_path / "c.sqlite")
    assert Workers(cache=cache).once(_total, (1, 2), _given, 10) == 13
    assert Workers(cache=cache).once(_total, (1, 2), _given, 10) == 13
    assert _total.calls == 2                       # type: ignore[attr-defined]
    assert Workers(cache=cache).once(_total, (1, 3), _given, 10) == 14
    assert Workers(cache=cache).once(_total, (1, 2), _given, 20) == 23
    assert _total.calls == 4                       # type: ignore[attr-defined]
    cache.close()
    again = ResultCache(tmp_path / "c.sqlite")
    assert Workers(cache=again).once(_total, (1, 3), _given, 10) == 14
    assert (_total.calls, again.hits) == (4, 1)    # type: ignore[attr-defined]
    again.close()


def test_installed_versions_do_not_depend_on_where_python_starts(tmp_path):
    # An editable install's metadata beside build.py is on the path only when Python
    # starts there; found twice, it must not change the digest of what is installed.
    from importlib.metadata import version

    twin = tmp_path / f"briefing-{version('briefing')}.dist-info"
    twin.mkdir()
    (twin / "METADATA").write_text(f"Metadata-Version: 2.1\nName: briefing\n"
                                   f"Version: {version('briefing')}\n", encoding="utf-8")
    code = "from briefing.cache import installed_versions; print(installed_versions())"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    seen = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, cwd=elsewhere,
                           env={**os.environ, "PYTHONPATH": path}).stdout
            for path in (str(tmp_path), os.environ.get("PYTHONPATH", ""))]
    assert "briefing" in seen[0] and seen[0] == seen[1]


def test_a_table_is_kept_whole_under_its_name_and_arguments(tmp_path):
    cache = ResultCache(tmp_path / "c.sqlite")
    assert cache.table("pairs", 0.7) == {}
    cache.keep_table("pairs", 0.7, table={(b"a", b"b"): 1})
    cache.keep_table("pairs", 0.7, table={(b"a", b"c"): 2})      # replaces the last one
    assert cache.table("pairs", 0.7) == {(b"a", b"c"): 2}
    assert cache.table("pairs", 0.8) == {} and cache.table("other", 0.7) == {}


def test_entries_no_recent_build_used_are_dropped(tmp_path):
    from briefing.cache import KEEP_BUILDS

    first = ResultCache(tmp_path / "c.sqlite")
    first.put_many([(b"kept", 1), (b"dropped", 2)])
    first.close()
    for _ in range(KEEP_BUILDS):
        later = ResultCache(tmp_path / "c.sqlite")
        assert later.get_many([b"kept"]) == {b"kept": 1}
        later.close()
    last = ResultCache(tmp_path / "c.sqlite")
    assert last.get_many([b"kept", b"dropped"]) == {b"kept": 1}
    last.close()


def test_a_cache_in_the_older_layout_starts_empty(tmp_path):
    import sqlite3

    old = sqlite3.connect(tmp_path / "c.sqlite")
    old.execute("CREATE TABLE results (key BLOB PRIMARY KEY, value BLOB NOT NULL, "
                "used INTEGER NOT NULL)")
    old.execute("INSERT INTO results VALUES (?, ?, 1)", (b"k", b"not a pickle"))
    old.commit()
    old.close()
    cache = ResultCache(tmp_path / "c.sqlite")
    assert cache.get_many([b"k"]) == {}
    cache.put_many([(b"k", 1)])
    assert cache.get_many([b"k"]) == {b"k": 1}


def test_a_value_keyed_by_several_maps_is_pickled_once_while_it_lives(tmp_path, monkeypatch):
    import gc

    import briefing.cache as cache_module
    from briefing.model import Article

    assert hasattr(Article, "__weakref__")       # articles are the values keyed again
    pickled: list[int] = []
    real = cache_module._pickle_digest
    monkeypatch.setattr(cache_module, "_pickle_digest",
                        lambda value: pickled.append(id(value)) or real(value))
    cache = ResultCache(tmp_path / "c.sqlite")
    one, two = Thing("x", frozenset("ab")), Thing("x", frozenset("ab"))
    first = cache.key(b"scope", one)
    assert cache.key(b"other", (one, 1)) != cache.key(b"other", (1, one))
    assert cache.key(b"scope", one) == first and pickled.count(id(one)) == 1
    assert cache.key(b"scope", two) == first                            # by value
    assert len(cache._digests) == 2
    del one
    gc.collect()
    assert list(cache._digests) == [id(two)]       # the dead value's entry went with it


@dataclass(frozen=True)
class Made:
    """A result whose first field is a value a later map is handed (like an article)."""

    thing: Thing
    note: str


def make(prefix: str, item: Thing) -> Made:
    return Made(Thing(prefix + item.name, item.tags), "made")


def named(prefix: str, item: Thing) -> str:
    return prefix + item.name


def test_a_value_a_map_made_is_keyed_by_that_maps_key_not_its_pickle(tmp_path, monkeypatch):
    """The next map keys the made values without pickling them, the same in every
    build (read back from the cache, or worked out again), and a changed input gives
    its made value another key."""
    import briefing.cache as cache_module

    pickled: list[str] = []
    real = cache_module._pickle_digest
    monkeypatch.setattr(cache_module, "_pickle_digest", lambda value: pickled.append(
        type(value).__name__) or real(value))
    inputs = [Thing(f"t{n}", frozenset("ab")) for n in range(4)]

    def build(cache_file: str, items: list[Thing]) -> tuple[list[str], list[bytes]]:
        workers = Workers(cache=ResultCache(tmp_path / cache_file))
        made = [m.thing for m in workers.map(make, items, str, "m-")]
        scope = workers.cache.scope(named, str, ("n-",))
        keys = [workers.cache.key(scope, thing) for thing in made]
        return workers.map(named, made, str, "n-"), keys

    pickled.clear()
    names, keys = build("c.sqlite", inputs)
    assert names == ["n-m-t0", "n-m-t1", "n-m-t2", "n-m-t3"]
    assert pickled.count("Made") == 0 and pickled.count("Thing") == len(inputs)  # inputs only
    again, same_keys = build("c.sqlite", inputs)
    assert (again, same_keys) == (names, keys)
    edited, new_keys = build("c.sqlite", [*inputs[:3], Thing("t3", frozenset("abc"))])
    assert edited == names and new_keys[:3] == keys[:3] and new_keys[3] != keys[3]
    assert build("other.sqlite", inputs)[1] == keys       # worked out again: the same keys


def test_values_from_memory_are_keyed_as_the_build_that_kept_them_keyed_them(tmp_path,
                                                                             monkeypatch):
    """A session's next build takes the made values from memory without vouching for
    them again (their parts' digests live as long as they do): the next map's keys
    are the same, and nothing is pickled."""
    import briefing.cache as cache_module

    pickled: list[str] = []
    vouched: list[object] = []
    real_digest, real_parts = cache_module._pickle_digest, cache_module._parts
    monkeypatch.setattr(cache_module, "_pickle_digest", lambda value: pickled.append(
        type(value).__name__) or real_digest(value))
    monkeypatch.setattr(cache_module, "_parts",
                        lambda result: vouched.append(result) or real_parts(result))
    memory = ResultMemory()
    inputs = [Thing(f"t{n}", frozenset("ab")) for n in range(3)]

    def build() -> tuple[list[str], list[bytes], int]:
        cache = ResultCache(tmp_path / "c.sqlite", memory)
        workers = Workers(cache=cache)
        made = [m.thing for m in workers.map(make, inputs, str, "m-")]
        names = workers.map(named, made, str, "n-")
        keys = [cache.key(cache.scope(named, str, ("n-",)), thing) for thing in made]
        cache.close()
        return names, keys, cache.hits

    names, keys, _ = build()
    pickled.clear()
    vouched.clear()
    assert build() == (names, keys, 2 * len(inputs))
    assert pickled == [] and vouched == []


def test_builds_in_one_process_take_the_values_the_last_one_used_from_memory(tmp_path):
    memory = ResultMemory()
    first = ResultCache(tmp_path / "c.sqlite", memory)
    made, table = Thing("x", frozenset("ab")), {b"pair": 1}
    first.put_many([(b"made", made), (b"unused", Thing("y", frozenset()))])
    first.keep_table("pairs", table={b"pair": 1})
    first.close()
    assert set(memory.values) == {b"made", b"unused", first._table_key("pairs", ())}
    second = ResultCache(tmp_path / "c.sqlite", memory)
    got = second.get_many([b"made", b"absent"])
    assert got == {b"made": made} and got[b"made"] is made         # not read back: the object
    assert second.table("pairs") == table
    second.table("pairs")[b"pair"] = 2          # a table handed out is the caller's copy
    assert second.table("pairs") == table
    second.close()
    # What the second build did not use is let go; the file still has it.
    assert set(memory.values) == {b"made", second._table_key("pairs", ())}
    third = ResultCache(tmp_path / "c.sqlite")
    assert third.get_many([b"unused"]) == {b"unused": Thing("y", frozenset())}
    third.close()


def test_a_build_that_asks_nothing_changes_neither_memory_nor_the_file(tmp_path):
    from briefing.cache import KEEP_BUILDS

    memory = ResultMemory()
    first = ResultCache(tmp_path / "c.sqlite", memory)
    first.put_many([(b"k", 1)])
    first.close()
    for _ in range(KEEP_BUILDS + 1):           # builds that found nothing changed
        ResultCache(tmp_path / "c.sqlite", memory).close()
    assert set(memory.values) == {b"k"}
    assert ResultCache(tmp_path / "c.sqlite").get_many([b"k"]) == {b"k": 1}


def test_memory_keeps_values_while_their_pickles_fit_its_budget(tmp_path):
    import pickle

    small, large = "s" * 10, "l" * 1000
    memory = ResultMemory(budget=len(pickle.dumps(small, pickle.HIGHEST_PROTOCOL)) + 50)
    cache = ResultCache(tmp_path / "c.sqlite", memory)
    cache.put_many([(b"small", small), (b"large", large)])
    cache.close()
    assert set(memory.values) == {b"small"}
    again = ResultCache(tmp_path / "c.sqlite", memory)
    assert again.get_many([b"small", b"large"]) == {b"small": small, b"large": large}
    again.put_many([(b"small", small * 10)])    # kept again, larger: it no longer fits
    again.close()
    assert set(memory.values) == set()
