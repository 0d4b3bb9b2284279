#!/usr/bin/env python3
"""Fuzzer: mutate the sample articles and count crashes, hangs and lost inputs.

    python bench/fuzz.py --inputs 10000 --seed 1 --jobs 2
    python bench/fuzz.py --replay .fuzz-failures/crash-ValueError-...   # one case, traceback

Seeds are the five samples (tests/fixtures/samples) and the port-strike corpus
(tests/fixtures/port-strike/content); bench/fuzz_inputs.py mutates them, and input
`i` of a run depends only on --seed and `i`.

Each input runs in a worker process through read_content -> extract_entities ->
build_index -> render_pages (every --full-every'th through the whole run_build,
MkDocs included), then is checked. A finding is one of:

    crash       an exception escaped the pipeline (bad input must become a diagnostic);
                pages, report and export that cannot be written as UTF-8 count here,
                since publish would raise
    hang        no result within --timeout seconds (the worker is killed and restarted)
    lost        an input file is in no build-report record (article, copy, excluded, skipped)
    slow        load + normalize + extract took over 1 s
    diagnostic  a diagnostic carries a raw control character
    page        a page's YAML meta block does not parse (MkDocs drops it silently)

Findings are deduplicated by kind, exception type and location (the innermost
frame in briefing/; for hangs and slow inputs, where a stack dump found the
worker). The smallest input of each goes to --out (default .fuzz-failures/) with
a one-line reason.txt. Exit status 1 when there was a crash, a hang or a lost input.
"""

from __future__ import annotations

import argparse
import functools
import json
import multiprocessing
import os
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

import yaml
from fuzz_inputs import CORPORA, ROOT, Case, load_seeds, make_case

PACKAGE = ROOT / "briefing"
TEMPLATES = ROOT / "templates"
SLOW_SECONDS = 1.0
MEMORY_LIMIT = 3 * 2**30          # a worker's address space: alias bombs raise MemoryError
STARTUP_SECONDS = 120
TASKS_PER_WORKER = 1000           # restart workers now and then, like maxtasksperchild
MARKER = "FUZZ-RESULTS"           # marks an --out folder this script may empty
BUILD_EPOCH = "1767225600"        # 2026-01-01, so full builds do not read the clock


# --- running one input (in a worker) ------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """One problem one input showed."""

    kind: str      # crash, hang, lost, slow, diagnostic, page (or unrunnable)
    what: str      # exception type or check
    where: str     # briefing/x.py:function, or the page or diagnostic concerned
    detail: str

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.what}-{self.where}"


def shown_path(filename: str) -> str | None:
    """A frame's file relative to the repository, or None outside it."""
    path = Path(filename)
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else None


def crash_finding(exc: BaseException) -> Finding:
    """Where an exception came from: the innermost frame in briefing/, and where it was raised."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if Path(f.filename).is_relative_to(PACKAGE)]
    frame = ours[-1] if ours else frames[-1]
    raised = frames[-1]
    where = f"{shown_path(frame.filename) or frame.filename}:{frame.name}"
    message = " ".join(str(exc).split())[:160]
    detail = (f"{type(exc).__name__} at {where} line {frame.lineno} (raised in "
              f"{Path(raised.filename).name}:{raised.name}): {message}")
    return Finding("crash", type(exc).__name__, where, detail)


def stack_location(dump: str) -> str:
    """The innermost briefing/ frame of the last stack dump faulthandler wrote."""
    blocks = re.split(r"^(?:Current thread|Thread|Stack).*\(most recent call first\):$",
                      dump, flags=re.MULTILINE)
    for block in reversed(blocks):
        for found in re.finditer(r'File "([^"]+)", line (\d+) in (\S+)', block):
            if Path(found.group(1)).is_relative_to(PACKAGE):
                return f"{shown_path(found.group(1))}:{found.group(3)}"
        if block.strip():
            return "outside briefing/"
    return "unknown"


BAD_CATEGORIES = {"Cc", "Cs", "Zl", "Zp"}


def bad_char(text: str) -> str | None:
    """The first control, surrogate, line-separator or non-character in `text`."""
    for char in text:
        code = ord(char)
        if (unicodedata.category(char) in BAD_CATEGORIES or 0xFDD0 <= code <= 0xFDEF
                or code & 0xFFFE == 0xFFFE):
            return f"U+{code:04X}"
    return None


def check_diagnostics(diagnostics: Any) -> list[Finding]:
    """What reaches a terminal or a CI log is single printable lines: no raw control
    characters in a diagnostic's printed line or its GitHub annotation. (The path the
    object keeps is the real file name, control characters and all; the JSON report
    escapes it.)"""
    found = {}
    for diagnostic in diagnostics:
        for part, text in (("line", diagnostic.format()),
                           ("annotation", diagnostic.github_annotation())):
            char = bad_char(text)
            if char and (diagnostic.code, char) not in found:
                found[diagnostic.code, char] = Finding(
                    "diagnostic", diagnostic.code, char,
                    f"diagnostic [{diagnostic.code}] prints {char} in its {part}")
    return list(found.values())


META = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)   # as MkDocs reads it


def check_pages(pages: dict[str, str]) -> list[Finding]:
    """Every page's YAML meta block parses, as MkDocs (which ignores failures) needs it to."""
    found = {}
    for path, text in pages.items():
        match = META.match(text)
        kind = path.split("/")[0] if "/" in path else path
        if match is None or kind in found:
            continue
        try:
            data = yaml.load(match.group(1), Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            problem = (str(exc).splitlines() or [type(exc).__name__])[0]
            found[kind] = Finding("page", "meta-yaml", kind,
                                  f"{path}: meta does not parse: {problem}")
            continue
        if not isinstance(data, dict):
            found[kind] = Finding("page", "meta-shape", kind, f"{path}: meta is not a mapping")
    return list(found.values())


def check_writable(outputs: dict[str, str]) -> list[Finding]:
    """Pages, report and export encode as UTF-8, as publish writes them."""
    for name, text in outputs.items():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            char = f"U+{ord(text[exc.start]):04X}"
            return [Finding("crash", "UnicodeEncodeError", "briefing/publish.py:write",
                            f"UnicodeEncodeError writing {name} (emulated publish): {char}")]
    return []


def expected_files(content: Path) -> set[str]:
    """Every file and symlink under content/, as the build report should name it."""
    found = set()
    for folder, dirs, files in os.walk(content, followlinks=False):
        here = Path(folder)
        links = [d for d in dirs if (here / d).is_symlink()]
        for name in [*files, *links]:
            rel = (here / name).relative_to(content).as_posix()
            found.add(rel.encode("utf-8", "backslashreplace").decode("utf-8"))
    return found


def check_accounted(expected: set[str], report: dict[str, Any]) -> list[Finding]:
    """Every input file has exactly one build-report record."""
    named = Counter(entry["path"] for entry in report["inputs"])
    findings = [Finding("lost", "missing", "build-report", f"{path!r} is in no record")
                for path in sorted(expected - set(named))]
    findings += [Finding("lost", "duplicated", "build-report", f"{path!r} has {n} records")
                 for path, n in sorted(named.items()) if n > 1]
    return findings[:1]


def check_content(config: Any, dump_fd: int | None = None) -> tuple[list[Finding], float]:
    """Run the in-memory stages on config's content folder; return findings and extract time.

    Exceptions propagate: the caller turns them into crash findings.
    """
    from datetime import UTC, datetime

    from briefing.diagnostics import BufferReporter
    from briefing.export import export_json
    from briefing.extract import extract_entities
    from briefing.index import build_index
    from briefing.pipeline import build_report, read_content
    from briefing.render import SiteInfo, render_pages

    expected = expected_files(config.path(config.content_dir))
    started = time.perf_counter()
    content = read_content(config, BufferReporter())
    extracted = extract_entities(content.articles, config)
    seconds = time.perf_counter() - started
    findings = []
    if seconds > SLOW_SECONDS:
        where = stack_location(read_dump(dump_fd)) if dump_fd is not None else "unknown"
        findings.append(Finding("slow", "Slow", where, f"extraction took {seconds:.1f} s"))
    index = build_index(content.articles, extracted.extraction)
    when = datetime(2026, 1, 1, tzinfo=UTC)
    pages = render_pages(index, SiteInfo(config.title, config.description, when), TEMPLATES)
    diagnostics = [*content.diagnostics, *extracted.diagnostics]
    report = build_report(content.records, diagnostics, index.counts(), content.articles,
                          index.suggestions)
    outputs = {**pages, "build-report.json": json.dumps(report, ensure_ascii=False),
               "data/briefing.json": export_json(index, config.title, config.base_url, when)}
    findings += check_writable(outputs)
    findings += check_pages(pages)
    findings += check_diagnostics(diagnostics)
    findings += check_accounted(expected, report)
    return findings, seconds


def check_full_build(config: Any, work: Path) -> list[Finding]:
    """The whole run_build, MkDocs included, into a scratch output folder."""
    from briefing.diagnostics import BufferReporter
    from briefing.pipeline import run_build

    config = replace(config, output_dir=str(work / "site"), build_dir=str(work / "build"))
    expected = expected_files(config.path(config.content_dir))
    result = run_build(config, BufferReporter(), source_date_epoch=BUILD_EPOCH)
    if result.site_dir is None:
        failure = next((d for d in result.diagnostics if d.code in ("mkdocs", "template")), None)
        if failure is not None:
            return [Finding("crash", "BuildFailed", f"publish:{failure.code}",
                            failure.format()[:200])]
        return []
    report = json.loads((result.site_dir / "build-report.json").read_text(encoding="utf-8"))
    return check_accounted(expected, report)


def read_dump(fd: int) -> str:
    """What faulthandler has written to the worker's dump file so far."""
    size = os.lseek(fd, 0, os.SEEK_CUR)
    return os.pread(fd, size, 0).decode("utf-8", "replace")


def write_case(case: Case, content: Path) -> None:
    """Lay the case's files and symlinks out in a fresh `content` folder."""
    shutil.rmtree(content, ignore_errors=True)
    content.mkdir(parents=True)
    for name, data in case.files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for name, target in case.links.items():
        (content / name).unlink(missing_ok=True)
        os.symlink(target, content / name)


class Runner:
    """A worker's state: the site configs, a scratch folder and a stack-dump file.

    Every second an input runs, SIGALRM makes faulthandler write the current stack
    to the dump file, from inside the signal handler, so even a regex stuck in C
    shows where it is; the parent reads the last dump of an input that hangs.
    """

    def __init__(self, dump_path: Path) -> None:
        import faulthandler

        from briefing import render
        from briefing.config import load_config

        # One Jinja environment per templates folder instead of one per input:
        # the fuzzer's only change to the pipeline, purely for speed.
        render.make_environment = functools.cache(render.make_environment)  # type: ignore
        self.configs = {}
        for corpus, (_folder, config_path) in CORPORA.items():
            loaded = load_config(config_path).config
            assert loaded is not None, config_path
            self.configs[corpus] = loaded
        self.work = Path(tempfile.mkdtemp(prefix="briefing-fuzz-"))
        self.dump_fd = os.open(dump_path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        faulthandler.register(signal.SIGALRM, file=self.dump_fd, all_threads=False)
        # Warm up (imports, caches) so the first input is not timed with them.
        samples = replace(self.configs["samples"], content_dir=str(CORPORA["samples"][0]),
                          templates_dir=str(TEMPLATES))
        check_content(samples)

    def run(self, case: Case) -> tuple[list[Finding], float]:
        """Run one case; every exception out of the pipeline becomes a crash finding."""
        os.ftruncate(self.dump_fd, 0)
        os.lseek(self.dump_fd, 0, os.SEEK_SET)
        content = self.work / "content"
        try:
            write_case(case, content)
        except OSError as exc:
            return [Finding("unrunnable", "OSError", "bench/fuzz.py:write_case", str(exc))], 0.0
        config = replace(self.configs[case.corpus], root=self.work,
                         templates_dir=str(TEMPLATES))
        signal.setitimer(signal.ITIMER_REAL, SLOW_SECONDS, SLOW_SECONDS)
        try:
            findings, seconds = check_content(config, self.dump_fd)
            if case.full:
                findings += check_full_build(config, self.work)
        except Exception as exc:
            return [crash_finding(exc)], 0.0
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return findings, seconds


def worker_main(conn: Connection, dump_path: Path) -> None:
    """Run cases sent over `conn` until told to stop; reply with findings for each."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C is the parent's to handle
    os.environ.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    runner = Runner(dump_path)
    conn.send("ready")
    while (case := conn.recv()) is not None:
        findings, seconds = runner.run(case)
        conn.send((case.index, findings, seconds))
        if any(f.what == "MemoryError" for f in findings):
            break                  # a worker that ran out of memory is not trusted again
    shutil.rmtree(runner.work, ignore_errors=True)


# --- the parent: workers, timeouts, results -----------------------------------------------

class Worker:
    """A worker process, the case it is running and when it started."""

    def __init__(self, number: int, scratch: Path, timeout: float) -> None:
        self.dump_path = scratch / f"worker-{number}.dump"
        self.timeout = timeout
        self.case: Case | None = None
        self.started = 0.0
        self.done = 0
        self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, daemon=True,
                                       args=(child, self.dump_path))
        self.process.start()
        child.close()
        self.done = 0
        # Wait out the worker's imports and warm-up, so they never count towards a timeout.
        if not self.conn.poll(STARTUP_SECONDS) or self.conn.recv() != "ready":
            raise RuntimeError(f"a fuzz worker did not start within {STARTUP_SECONDS} s")

    def send(self, case: Case) -> None:
        self.case, self.started = case, time.monotonic()
        self.conn.send(case)

    def overdue(self, now: float) -> bool:
        return self.case is not None and now - self.started > self.timeout

    def restart(self) -> None:
        """Kill the process (hung, dead or worn out) and start a fresh one."""
        self.process.kill()
        self.process.join()
        self.conn.close()
        self._start()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()

    def last_stack(self) -> str:
        try:
            return stack_location(self.dump_path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return "unknown"


@dataclass
class Tally:
    """Counts per kind of finding, and the smallest example of each distinct finding."""

    inputs: int = 0
    inputs_by_kind: Counter[str] = field(default_factory=Counter)
    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, tuple[Case, Finding]] = field(default_factory=dict)
    slowest: dict[str, float] = field(default_factory=dict)

    def add(self, case: Case, findings: list[Finding], seconds: float) -> None:
        self.inputs += 1
        for kind in {f.kind for f in findings}:
            self.inputs_by_kind[kind] += 1
        for finding in findings:
            self.counts[finding.key] += 1
            best = self.examples.get(finding.key)
            if best is None or case.size() < best[0].size():
                self.examples[finding.key] = (case, finding)
            if finding.kind == "slow":
                self.slowest[finding.key] = max(self.slowest.get(finding.key, 0.0), seconds)


def run_all(cases: Iterator[Case], total: int, jobs: int, timeout: float) -> Tally:
    """Feed cases to `jobs` workers, restarting any that hang or die."""
    tally = Tally()
    scratch = Path(tempfile.mkdtemp(prefix="briefing-fuzz-dumps-"))
    workers = [Worker(n, scratch, timeout) for n in range(jobs)]
    started = time.monotonic()
    try:
        pending = iter(cases)
        for worker in workers:
            if (case := next(pending, None)) is not None:
                worker.send(case)
        while any(w.case is not None for w in workers):
            busy = [w for w in workers if w.case is not None]
            soonest = min(w.started + timeout for w in busy) - time.monotonic()
            ready = wait([w.conn for w in busy], timeout=max(soonest, 0.05))
            for worker in busy:
                if worker.conn in ready or worker.overdue(time.monotonic()):
                    collect(worker, tally, timeout)
                    if (case := next(pending, None)) is not None:
                        worker.send(case)
                    if tally.inputs % 500 == 0:
                        progress(tally, total, time.monotonic() - started)
    except KeyboardInterrupt:
        print(f"interrupted after {tally.inputs} inputs", file=sys.stderr)
    finally:
        for worker in workers:
            worker.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    return tally


def collect(worker: Worker, tally: Tally, timeout: float) -> None:
    """Record the result of the worker's case (or its hang or death) and free the worker."""
    case = worker.case
    assert case is not None
    try:
        if not worker.conn.poll():
            raise TimeoutError
        _index, findings, seconds = worker.conn.recv()
        worker.done += 1
        if worker.done >= TASKS_PER_WORKER or any(f.what == "MemoryError" for f in findings):
            worker.restart()
    except TimeoutError:
        findings, seconds = [Finding("hang", "Timeout", worker.last_stack(),
                                     f"no result after {timeout:g} s")], timeout
        worker.restart()
    except (EOFError, OSError):
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        findings, seconds = [Finding("crash", f"WorkerDied({code})", worker.last_stack(),
                                     f"the worker process died with exit code {code}")], 0.0
        worker.restart()
    worker.case = None
    tally.add(case, findings, seconds)


def progress(tally: Tally, total: int, elapsed: float) -> None:
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(tally.inputs_by_kind.items()))
    print(f"[{tally.inputs}/{total}] {tally.inputs / elapsed:.1f} inputs/s  {kinds or 'clean'}",
          file=sys.stderr, flush=True)


# --- output -------------------------------------------------------------------------------

def folder_name(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.()-]+", "-", key).strip("-")[:120]


def reason_line(case: Case, finding: Finding, seed_value: int, count: int) -> str:
    return (f"{finding.kind}: {finding.detail} [{count} inputs; smallest is input {case.index} "
            f"of --seed {seed_value}, {case.size()} bytes, corpus {case.corpus}, "
            f"mutations {', '.join(case.mutations)}]")


def save_failures(tally: Tally, out: Path, seed_value: int) -> None:
    """Write the smallest input of each distinct finding, with a one-line reason."""
    if out.exists():
        if not (out / MARKER).exists() and any(out.iterdir()):
            sys.exit(f"{out} exists and was not made by this script; pass another --out.")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("written by bench/fuzz.py; replaced on every run\n")
    lines = []
    for key, (case, finding) in sorted(tally.examples.items()):
        folder = out / folder_name(key)
        write_case(case, folder / "content")
        (folder / "corpus").write_text(case.corpus + "\n", encoding="utf-8")
        reason = reason_line(case, finding, seed_value, tally.counts[key])
        (folder / "reason.txt").write_text(reason + "\n", encoding="utf-8")
        lines.append(f"{folder.name}: {reason}")
    (out / "index.txt").write_text("".join(line + "\n" for line in lines), encoding="utf-8")


KIND_LABELS = {"crash": "crashes", "hang": "hangs", "lost": "lost", "slow": "slow",
               "diagnostic": "bad diags", "page": "bad pages", "unrunnable": "unrunnable"}


def summary(tally: Tally, elapsed: float) -> str:
    head = [f"inputs      {tally.inputs}"]
    head += [f"{label:<11} {tally.inputs_by_kind[kind]}" for kind, label in KIND_LABELS.items()]
    head += [f"inputs/s    {tally.inputs / max(elapsed, 1e-9):.1f}  ({elapsed:.0f} s)",
             f"distinct    {len(tally.examples)}", ""]
    for key, (case, finding) in sorted(tally.examples.items()):
        slowest = f", slowest {tally.slowest[key]:.1f} s" if key in tally.slowest else ""
        head.append(f"{tally.counts[key]:>6}  {key}{slowest}")
        head.append(f"        {finding.detail[:200]}  [smallest: {case.size()} bytes, "
                    f"{', '.join(case.mutations)}]")
    return "\n".join(head)


def replay(folder: Path) -> int:
    """Run one saved case in this process, with tracebacks: for debugging a finding."""
    from briefing.config import load_config

    corpus = (folder / "corpus").read_text(encoding="utf-8").strip() \
        if (folder / "corpus").exists() else "samples"
    loaded = load_config(CORPORA[corpus][1]).config
    assert loaded is not None
    config = replace(loaded, root=folder.resolve(), templates_dir=str(TEMPLATES))
    findings, seconds = check_content(config)
    for finding in findings:
        print(f"{finding.kind}: {finding.detail}")
    print(f"extraction took {seconds:.2f} s; {len(findings)} findings")
    return 1 if findings else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="how many inputs to run")
    parser.add_argument("--seed", type=int, default=1, help="seed of the run")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per input")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--out", type=Path, default=ROOT / ".fuzz-failures",
                        help="folder for the failing inputs")
    parser.add_argument("--full-every", type=int, default=250, metavar="K",
                        help="run every K-th input through the whole run_build (0: never)")
    parser.add_argument("--replay", type=Path, metavar="FOLDER",
                        help="run one saved failure in-process and show its traceback")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.replay:
        return replay(args.replay)
    seeds = load_seeds()
    cases = (make_case(args.seed, i, seeds, args.full_every) for i in range(args.inputs))
    started = time.monotonic()
    tally = run_all(cases, args.inputs, args.jobs, args.timeout)
    elapsed = time.monotonic() - started
    save_failures(tally, args.out, args.seed)
    print(summary(tally, elapsed))
    print(f"failing inputs: {args.out}")
    bad = sum(tally.inputs_by_kind[k] for k in ("crash", "hang", "lost"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
