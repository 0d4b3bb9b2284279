#!/usr/bin/env python3
"""Per-stage speed and memory of a build, against bare MkDocs + Material, at several sizes.

    python bench/perf.py --sizes 1000 10000 100000 --rebuilds   # docs/performance.md
    python bench/perf.py --sizes 2000 4000 --repeat 3   # interleaved runs, medians
    python bench/perf.py --sizes 5000 --jobs 1 2        # one process against two
    python bench/perf.py --sizes 20000 --through index --no-mkdocs
    python bench/perf.py --sizes 5000 --rebuilds --no-mkdocs   # rebuilds after edits

Each size is a seeded synthetic corpus (`bench/corpus.py`), written once under
`--corpus-root` and reused. Every measurement runs in a fresh process, so a
stage's peak memory is its own: for each stage the runner reports wall time,
CPU time (this process and its workers), articles per second and the peak
resident memory while the stage ran (the main process, and the workers' peaks
added on top). Sizes above `--full-max` stop after the index stage (rendering
and publishing 100,000 pages is issue 12's later part). The same files are built
by bare MkDocs + Material (`.txt` renamed `.md`, nothing else) up to
`--mkdocs-max`, and the ratio of the two builds' wall times is printed.

With `--rebuilds`, each size that is built through the site is also rebuilt the
way `python build.py` rebuilds (the results cache and the published pages kept),
in a copy of the project, each build in a fresh process: a clean build that
fills the cache, a rebuild with nothing changed, one after a sentence is added
to one article's body, one after a sentence naming a new person is added to
another, one after a sentence is added to a third (the first rebuild that
finds the site before last beside the output, as an editor's edits after the
first do), and one after a new article is added: about one of the stories,
quoting someone new (`corpus.added_article`), as editors add them. The table
gives each build's time, the time of its whole process (from starting the
interpreter to its end: what a user waits for, imports and exit included; the
process ends as `python build.py` ends, `heap.exit_now`) and how many pages the
engine built.
Then one more process runs a `serve` session in the same copy (`SESSION_STEPS`):
its first build, and four more edits, each rebuilt the way `serve` rebuilds
(one pool for the session, the results the last build used kept in memory,
and the garbage each build leaves collected after it, untimed, as `serve`
collects it once no change has come for a few seconds).

The machine's load changes timings: `--repeat` interleaves the runs (size by
size, briefing then MkDocs, round after round) and reports medians, so a
comparison is never one configuration measured while the machine was busy and
the other while it was quiet. Results also go to `--json` for later comparison.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

STAGES = {"Loading": "load", "Normalizing": "normalize", "Deduplicating": "dedupe",
          "Extracting": "extract", "Indexing": "index", "Rendering": "render",
          "Publishing": "publish"}
TICKS = os.sysconf("SC_CLK_TCK")


# --- measuring --------------------------------------------------------------------------

def _descendants(pid: int) -> list[int]:
    """Every live process below `pid` (pool workers, a local cluster's nannies and workers)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            children = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found.append(child)
            found.extend(_descendants(child))
    return found


def _cpu_of(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS      # utime + stime


def cpu_seconds() -> float:
    """CPU used so far by this process, its finished children and its live ones."""
    finished = os.times()
    return (time.process_time() + finished.children_user + finished.children_system
            + sum(_cpu_of(p) for p in _descendants(os.getpid())))


def _peak_kb(pid: int | str = "self") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _reset_peak(pid: int | str = "self") -> None:
    """Start a new peak (Linux: writing 5 to clear_refs resets VmHWM)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        pass


class Meter:
    """A reporter that measures each stage: wall, CPU, peak memory, items counted."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.diagnostics = 0
        self._open: tuple[str, float, float, int] | None = None

    def begin(self, name: str) -> None:
        for pid in ("self", *_descendants(os.getpid())):
            _reset_peak(pid)
        self._open = (name, time.perf_counter(), cpu_seconds(), 0)

    def end(self) -> None:
        if self._open is None:
            return
        name, wall, cpu, count = self._open
        workers = sum(_peak_kb(p) for p in _descendants(os.getpid()))
        self.rows.append({"stage": STAGES.get(name, name),
                          "wall_s": time.perf_counter() - wall,
                          "cpu_s": cpu_seconds() - cpu, "items": count,
                          "peak_mb": _peak_kb() / 1024, "workers_peak_mb": workers / 1024})
        self._open = None

    # the Reporter protocol
    def stage(self, name: str, total: int | None = None) -> None:
        self.end()
        self.begin(name)

    def advance(self, amount: int = 1) -> None:
        if self._open is not None:
            name, wall, cpu, count = self._open
            self._open = (name, wall, cpu, count + amount)

    def report(self, diagnostic: object) -> None:
        self.diagnostics += 1

    def info(self, message: str) -> None:
        pass

    def close(self) -> None:
        self.end()


# --- one measurement, in its own process -----------------------------------------------------

def project_for(root: Path, size: int, seed: int) -> Path:
    """The generated project for a size and seed, made on first use."""
    from corpus import make_project

    folder = root / f"n{size}-s{seed}"
    if not (folder / "copies.json").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        make_project(folder, size, seed)
    # The templates are this checkout's, every time: a kept corpus must not build
    # with the templates of the code that generated it.
    shutil.rmtree(folder / "templates", ignore_errors=True)
    shutil.copytree(ROOT / "templates", folder / "templates")
    return folder


def measure_briefing(project: Path, through: str, jobs: int | None,
                     executor: str | None, engine: str | None = None) -> dict[str, Any]:
    """Build `project` (or stop after the index) and return the stage rows."""
    from briefing.config import load_config
    from briefing.pipeline import index_content, read_content, run_build

    options = _executor_options(jobs, executor)
    config = load_config(project / "site_config.yml").config
    assert config is not None
    if engine is not None:
        config = dataclasses.replace(config, engine=engine)
    # A clean build: no generated docs or results kept from an earlier run.
    shutil.rmtree(config.path(config.build_dir), ignore_errors=True)
    meter = Meter()
    started, cpu = time.perf_counter(), cpu_seconds()
    if through == "site":
        result = run_build(config, meter, **options)
        if result.site_dir is None:         # a failed build's timings would mislead
            raise SystemExit("the build failed:\n" + "\n".join(
                d.format() for d in result.diagnostics if d.severity.value == "error"))
        counts, records = result.counts, result.records
    else:
        content = read_content(config, meter, **options)
        index, _ = index_content(config, meter, content.articles, **options)
        counts, records = index.counts(), content.records
    meter.close()
    total = {"stage": "total", "wall_s": time.perf_counter() - started,
             "cpu_s": cpu_seconds() - cpu, "items": 0,
             "peak_mb": _peak_kb() / 1024, "workers_peak_mb": 0.0}
    return {"rows": [*meter.rows, total], "counts": counts,
            "quality": _copy_quality(project, records)}


REBUILD_STEPS = ("clean", "nothing changed", "body edited", "new person", "another body edited",
                 "article added")
EDITS = {
    "body edited": (100, "\n\nOfficials added that the review would continue into next month.\n"),
    "new person": (1200, "\n\nJane Roe, a harbour analyst at the Trust, said the talks had "
                         "stalled. Jane Roe added that a deal was unlikely this year.\n"),
    # An editor's next edit: unlike the first, it finds the site before last beside
    # the output, left by the rebuild before it (publish.OldSite).
    "another body edited": (2300, "\n\nA spokesman said the figures would be published "
                                  "on Friday.\n"),
}


def rebuild_copy(project: Path, fresh: bool) -> Path:
    """The copy of `project` that rebuilds are measured in (made anew when `fresh`)."""
    copy = project.with_name(project.name + "-rebuilds")
    if fresh:
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns(
            "site", ".briefing-build", ".site.*"))
    return copy


def measure_rebuild(project: Path, step: str, jobs: int | None) -> dict[str, Any]:
    """One build of the rebuild sequence (`REBUILD_STEPS`), as `python build.py` runs it."""
    from briefing.executors import open_workers
    from briefing.pipeline import results_cache, run_build

    copy = rebuild_copy(project, fresh=step == "clean")
    _edit(copy, step)

    def build(config: Any, meter: Meter) -> Any:
        with open_workers(jobs, None, results_cache(config)) as workers:
            return run_build(config, meter, workers=workers, incremental=True,
                             **_ending_process(run_build))

    return _timed_build(copy, build)


def _ending_process(run_build: Any) -> dict[str, Any]:
    """`ends_process=True` where `run_build` takes it: this process ends after the
    build, as `python build.py`'s does (`end_process`)."""
    import inspect

    return {"ends_process": True} \
        if "ends_process" in inspect.signature(run_build).parameters else {}


def end_process(code: int) -> None:
    """End this process as `python build.py` ends its own (`heap.exit_now`, where the
    code has it), so that a rebuild's "process s" is what a user waits for."""
    try:
        from briefing.heap import exit_now
    except ImportError:
        sys.exit(code)
    exit_now(code)


def _timed_build(copy: Path, build: Any) -> dict[str, Any]:
    """The stage rows and a total row of `build(config, meter)` on the project `copy`."""
    from briefing.config import load_config

    config = load_config(copy / "site_config.yml").config
    assert config is not None
    meter = Meter()
    started, cpu = time.perf_counter(), cpu_seconds()
    result = build(config, meter)
    meter.close()
    if result.site_dir is None:
        raise SystemExit("the build failed")
    total = {"stage": "total", "wall_s": time.perf_counter() - started,
             "cpu_s": cpu_seconds() - cpu, "items": 0,
             "peak_mb": _peak_kb() / 1024, "workers_peak_mb": 0.0}
    return {"rows": [*meter.rows, total]}


SESSION_STEPS = ("serve: start", "serve: body edited", "serve: new person",
                 "serve: another body edited", "serve: article added")
SESSION_EDITS = {"serve: body edited": (3400, EDITS["body edited"][1]),
                 "serve: new person": (4509, EDITS["new person"][1].replace("Jane Roe",
                                                                           "Mira Castell")),
                 "serve: another body edited": (600, EDITS["another body edited"][1])}


def measure_session(project: Path, jobs: int | None) -> list[dict[str, Any]]:
    """The builds of one `serve` session (`SESSION_STEPS`) in the rebuild sequence's copy:
    its first build, then four edits, each rebuilt as `serve` rebuilds it (one pool,
    and the results the last build used kept in memory)."""
    from briefing.executors import open_workers
    from briefing.pipeline import BuildSession

    copy = rebuild_copy(project, fresh=False)
    session = BuildSession(open_workers(jobs))
    measured = []
    for step in SESSION_STEPS:
        _edit(copy, step)
        measured.append(_timed_build(copy, session.build))
        # What `serve` does once no change has come for a few seconds: collect the
        # build's garbage, outside the time an editor waits for the page.
        getattr(session, "tidy", lambda: None)()
    session.close()
    return measured


# An editor's most usual change: one more article, about one of the stories, naming
# someone new (`corpus.added_article`; the number picks which).
ADDED = {"article added": 0, "serve: article added": 1}


def _edit(copy: Path, step: str) -> None:
    """Make the change the rebuild `step` measures in the project `copy`, if any."""
    if step in EDITS:
        _append(copy, *EDITS[step])
    elif step in SESSION_EDITS:
        _append(copy, *SESSION_EDITS[step])
    elif step in ADDED:
        from corpus import added_article

        manifest = json.loads((copy / "copies.json").read_text(encoding="utf-8"))
        rel, text = added_article(int(manifest["articles"]), int(manifest["seed"]), ADDED[step])
        target = copy / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _append(copy: Path, number: int, sentence: str) -> None:
    """Add `sentence` to the end of the `number`th content file (by path, wrapping)."""
    files = sorted(p for p in (copy / "content").rglob("*") if p.is_file())
    target = files[number % len(files)]
    target.write_text(target.read_text(encoding="utf-8").rstrip("\n") + sentence,
                      encoding="utf-8")


def rebuild_table(results: list[dict[str, Any]]) -> list[str]:
    """One line per rebuild: its time, its slowest stages and the pages built."""
    lines = ["| articles | build | wall s | process s | CPU s | publish wall s | "
             "pages built | slowest stages |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for result in results:
        rows = {row["stage"]: row for row in result["rows"]}
        stages = sorted((r for r in result["rows"] if r["stage"] != "total"),
                        key=lambda r: -r["wall_s"])[:3]
        publish = rows.get("publish", {"wall_s": 0.0, "items": 0})
        process = f"{result['process_s']:.2f}" if "process_s" in result else ""
        lines.append(f"| {result['size']:,} | {result['kind'].removeprefix('rebuild: ')} | "
                     f"{rows['total']['wall_s']:.2f} | {process} | "
                     f"{rows['total']['cpu_s']:.2f} | "
                     f"{publish['wall_s']:.2f} | {publish['items']:,} | " + ", ".join(
                         f"{r['stage']} {r['wall_s']:.1f}" for r in stages) + " |")
    return lines


def _executor_options(jobs: int | None, executor: str | None) -> dict[str, Any]:
    """Keyword arguments for the pipeline, when it takes an executor (`--jobs`)."""
    import inspect

    from briefing import pipeline

    if "workers" not in inspect.signature(pipeline.read_content).parameters:
        return {}                                # a build from before the workers
    from briefing.executors import dask_workers, open_workers

    if executor and executor.startswith("dask-local:"):
        # A local dask.distributed cluster of N single-threaded worker processes.
        from distributed import Client, LocalCluster

        count = int(executor.split(":", 1)[1])
        cluster = LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return {"workers": dask_workers(Client(cluster), count)}
    return {"workers": open_workers(jobs, executor)}


def _copy_quality(project: Path, records: tuple[Any, ...]) -> dict[str, Any]:
    """The known wire-copy pairs against the build's groups: a pair is found when both
    files ended up as one article (either may be the canonical one)."""
    known = json.loads((project / "copies.json").read_text())["copies"]
    group = {r.path: r.article_id for r in records if r.outcome.value in ("article", "copy")}
    found = sum(1 for copy_path, original in known
                if group.get(copy_path) is not None and group.get(copy_path) == group.get(original))
    return {"known_pairs": len(known), "pairs_found": found,
            "copies": sum(r.outcome.value == "copy" for r in records)}


def measure_mkdocs(project: Path) -> dict[str, Any]:
    """Bare MkDocs + Material on the same files: Markdown pages, nothing derived."""
    import yaml

    bare = project.parent / f"{project.name}-bare"
    docs = bare / "docs"
    if not docs.is_dir():
        for source in sorted((project / "content").rglob("*")):
            if source.is_file():
                target = docs / source.relative_to(project / "content").with_suffix(".md")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        (docs / "index.md").write_text("# Bench\n", encoding="utf-8")
    settings = {"site_name": "Bench", "docs_dir": str(docs), "site_dir": str(bare / "site"),
                "theme": {"name": "material", "font": False}, "plugins": ["search"],
                "nav": [{"Home": "index.md"}]}
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    meter = Meter()
    meter.begin("mkdocs")
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    build(load_config(config_file=str(bare / "mkdocs.yml")))
    meter.end()
    shutil.rmtree(bare / "site", ignore_errors=True)
    return {"rows": meter.rows}


def run_one(args: argparse.Namespace) -> None:
    project = project_for(args.corpus_root, args.one, args.seed)
    if args.rebuild_one:
        print(json.dumps(measure_rebuild(project, args.rebuild_one, args.jobs_one)))
    elif args.session_one:
        print(json.dumps(measure_session(project, args.jobs_one)))
    elif args.bare:
        print(json.dumps(measure_mkdocs(project)))
    else:
        print(json.dumps(measure_briefing(project, args.through_one, args.jobs_one,
                                          args.executor, args.engine_one)))


def spawn(args: argparse.Namespace, size: int, *extra: str) -> dict[str, Any]:
    """One measurement in a fresh interpreter (its own peak memory, no warm caches)."""
    found = spawn_many(args, size, *extra)
    assert isinstance(found, dict)
    return found


def spawn_many(args: argparse.Namespace, size: int, *extra: str) -> Any:
    """What one fresh interpreter measured: one measurement, or a session's list."""
    command = [sys.executable, __file__, "--one", str(size), "--seed", str(args.seed),
               "--corpus-root", str(args.corpus_root), *extra]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"measurement failed: {' '.join(command)}\n{done.stderr[-3000:]}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    if isinstance(found, dict):
        found["process_s"] = seconds    # from starting the interpreter to its end
    return found


# --- the table --------------------------------------------------------------------------------

def median_rows(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stage rows with each number the median over the runs."""
    merged = []
    for position, row in enumerate(runs[0]["rows"]):
        same = [run["rows"][position] for run in runs]
        merged.append({**row, **{key: statistics.median(r[key] for r in same)
                                 for key in ("wall_s", "cpu_s", "peak_mb", "workers_peak_mb")}})
    return merged


def table(results: list[dict[str, Any]]) -> str:
    lines = ["| articles | jobs | stage | wall s | CPU s | articles/s | peak MB | + workers MB |",
             "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for result in results:
        for row in result["rows"]:
            rate = result["size"] / row["wall_s"] if row["wall_s"] > 0 else 0
            lines.append(f"| {result['size']:,} | {result['jobs']} | {row['stage']} | "
                         f"{row['wall_s']:.2f} | {row['cpu_s']:.2f} | {rate:,.0f} | "
                         f"{row['peak_mb']:,.0f} | {row['workers_peak_mb']:,.0f} |")
    return "\n".join(lines)


def growth(results: list[dict[str, Any]]) -> list[str]:
    """Per stage, time and memory growth against size growth between consecutive sizes."""
    lines = []
    by_jobs: dict[str, list[dict[str, Any]]] = {}
    for result in results:
        if result["kind"] == "briefing":
            by_jobs.setdefault(str(result["jobs"]), []).append(result)
    for jobs, runs in by_jobs.items():
        runs.sort(key=lambda r: r["size"])
        for small, large in itertools.pairwise(runs):
            factor = large["size"] / small["size"]
            cells = []
            for row in small["rows"]:
                other = next((r for r in large["rows"] if r["stage"] == row["stage"]), None)
                if other is None or row["wall_s"] < 0.01:
                    continue
                cells.append(f"{row['stage']} ×{other['wall_s'] / row['wall_s']:.1f} time "
                             f"×{other['peak_mb'] / max(row['peak_mb'], 1):.1f} peak")
            lines.append(f"jobs {jobs}, {small['size']:,} → {large['size']:,} (×{factor:.0f}): "
                         + "; ".join(cells))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--jobs", nargs="+", default=["default"],
                        help="worker counts to compare (default: the build's default)")
    parser.add_argument("--executor", help="e.g. dask://HOST:PORT, or dask-local:N (a local "
                        "cluster of N worker processes, started for the measurement)")
    parser.add_argument("--engines", nargs="+", choices=["mkdocs", "properdocs", "zensical"],
                        help="build the site with each of these engines (default: the "
                        "config's, MkDocs)")
    parser.add_argument("--through", choices=("site", "index"), default="site",
                        help="stop every size after this stage (default: site, up to "
                        "--full-max)")
    parser.add_argument("--full-max", type=int, default=10_000,
                        help="larger sizes stop after the index stage (10000)")
    parser.add_argument("--mkdocs-max", type=int, default=10_000,
                        help="build bare MkDocs up to this size (10000)")
    parser.add_argument("--no-mkdocs", action="store_true", help="skip bare MkDocs")
    parser.add_argument("--repeat", type=int, default=1, help="rounds, interleaved (medians)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus-root", type=Path,
                        default=Path(os.environ.get("TMPDIR", "/tmp")) / "briefing-bench",
                        help="where generated corpora are kept and reused")
    parser.add_argument("--rebuilds", action="store_true",
                        help="also measure rebuilds after edits (see above)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--rebuild-one", choices=REBUILD_STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--session-one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--through-one", default="site", help=argparse.SUPPRESS)
    parser.add_argument("--jobs-one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--engine-one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        run_one(args)
        return 0
    runs: dict[tuple[str, int, str], list[dict[str, Any]]] = {}
    for round_number in range(args.repeat):
        for size in args.sizes:
            project_for(args.corpus_root, size, args.seed)
            through = "index" if args.through == "index" or size > args.full_max else "site"
            for jobs, engine in itertools.product(args.jobs, args.engines or [None]):
                extra = ["--through-one", through]
                if jobs != "default":
                    extra += ["--jobs-one", jobs]
                if args.executor:
                    extra += ["--executor", args.executor]
                if engine:
                    extra += ["--engine-one", engine]
                result = spawn(args, size, *extra)
                label = f"{jobs}, {engine}" if engine else jobs
                runs.setdefault(("briefing", size, label), []).append(result)
                print(f"round {round_number + 1}: {size:,} articles, jobs {jobs}, through "
                      f"{through}: " + ", ".join(f"{r['stage']} {r['wall_s']:.1f} s "
                                                 f"{r['peak_mb']:.0f} MB"
                                                 for r in result["rows"]), file=sys.stderr)
            if args.rebuilds and through == "site":
                for step in REBUILD_STEPS:
                    extra = ["--rebuild-one", step]
                    if args.jobs[0] != "default":
                        extra += ["--jobs-one", args.jobs[0]]
                    result = spawn(args, size, *extra)
                    runs.setdefault((f"rebuild: {step}", size, args.jobs[0]), []).append(result)
                    print(f"round {round_number + 1}: {size:,} articles, rebuild ({step}): "
                          f"{result['rows'][-1]['wall_s']:.1f} s", file=sys.stderr)
                extra = ["--session-one"]
                if args.jobs[0] != "default":
                    extra += ["--jobs-one", args.jobs[0]]
                for step, result in zip(SESSION_STEPS, spawn_many(args, size, *extra),
                                        strict=True):
                    runs.setdefault((f"rebuild: {step}", size, args.jobs[0]), []).append(result)
                    print(f"round {round_number + 1}: {size:,} articles, {step}: "
                          f"{result['rows'][-1]['wall_s']:.1f} s", file=sys.stderr)
            if not args.no_mkdocs and through == "site" and size <= args.mkdocs_max:
                result = spawn(args, size, "--bare")
                runs.setdefault(("mkdocs", size, "1"), []).append(result)
                print(f"round {round_number + 1}: {size:,} articles, bare MkDocs: "
                      f"{result['rows'][-1]['wall_s']:.1f} s", file=sys.stderr)
    results = []
    for (kind, size, jobs), measured in runs.items():
        results.append({"kind": kind, "size": size, "jobs": jobs, "runs": len(measured),
                        "rows": median_rows(measured),
                        **{k: measured[-1][k] for k in ("counts", "quality") if k in measured[-1]},
                        **({"process_s": statistics.median(m["process_s"] for m in measured)}
                           if all("process_s" in m for m in measured) else {})})
    ours = [r for r in results if r["kind"] == "briefing"]
    print(table(ours))
    bare = [r for r in results if r["kind"] == "mkdocs"]
    if bare:
        print()
        print("| articles | bare MkDocs + Material s | briefing s | ratio |")
        print("| ---: | ---: | ---: | ---: |")
        for result in bare:
            mine = next((r for r in ours if r["size"] == result["size"]), None)
            if mine is not None:
                theirs, total = result["rows"][0]["wall_s"], mine["rows"][-1]["wall_s"]
                print(f"| {result['size']:,} | {theirs:.1f} | {total:.1f} | "
                      f"{total / theirs:.2f} |")
    rebuilt = [r for r in results if r["kind"].startswith("rebuild: ")]
    if rebuilt:
        print()
        print("\n".join(rebuild_table(rebuilt)))
    print()
    for line in growth(results):
        print(line)
    for result in ours:
        print(f"{result['size']:,} articles (jobs {result['jobs']}): {result.get('counts')}, "
              f"wire copies {result.get('quality')}")
    if args.json:
        args.json.write_text(json.dumps({"args": sys.argv[1:], "results": results}, indent=1)
                             + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    end_process(main())
