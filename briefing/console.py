"""The console reporter: what a person (or a CI log) sees while a build runs.

On a terminal each stage shows a progress bar that counts; elsewhere (CI) each
stage ends with one plain line saying how much it did and how long it took.
Diagnostics are printed as they come, once more as GitHub annotations under
GitHub Actions, and tallied per file for the summary at the end.
"""

from __future__ import annotations

import os
import time
from collections import Counter

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .characters import printable
from .diagnostics import Diagnostic, Severity

SUMMARY_FILES = 10     # files named in the closing summary; the rest are counted
PROGRESS_AFTER = 2.0   # seconds: a quicker build never shows progress bars


class ConsoleReporter:
    """Prints diagnostics and progress to standard error."""

    def __init__(self, github: bool | None = None, quiet: bool = False,
                 console: Console | None = None) -> None:
        self._console = console or Console(stderr=True, highlight=False, soft_wrap=True)
        self._github = os.environ.get("GITHUB_ACTIONS") == "true" if github is None else github
        self.quiet = quiet
        self._closed = False
        self._terminal = self._console.is_terminal
        self._progress = Progress(
            TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=self._console, transient=True,
            disable=quiet or not self._terminal,
        )
        self._task: object | None = None
        self._stage: tuple[str, float, int] | None = None     # name, started, done
        self._opened = time.perf_counter()
        self._showing = False
        self.problems: Counter[tuple[str, Severity]] = Counter()
        # (stage, wall seconds, CPU seconds of this process, items counted)
        self.timings: list[tuple[str, float, float, int]] = []
        self._cpu = time.process_time()

    def report(self, diagnostic: Diagnostic) -> None:
        if diagnostic.severity is not Severity.INFO:
            self.problems[(diagnostic.path or "<build>", diagnostic.severity)] += 1
        if diagnostic.severity is Severity.INFO and self.quiet:
            return
        style = {"error": "bold red", "warning": "yellow", "info": "dim"}[diagnostic.severity.value]
        line = diagnostic.format()
        # Under GitHub Actions a line that starts with "::" is a command: never forge one.
        self._console.print(f" {line}" if line.startswith("::") else line, style=style,
                            markup=False)
        if self._github:
            self._console.print(diagnostic.github_annotation(), markup=False)

    def stage(self, name: str, total: int | None = None) -> None:
        self._end_stage()
        if self._task is not None:
            self._progress.remove_task(self._task)  # type: ignore[arg-type]
        self._task = self._progress.add_task(name, total=total)
        self._stage = (name, time.perf_counter(), 0)
        self._cpu = time.process_time()
        self._show_when_slow()

    def advance(self, amount: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, amount)  # type: ignore[arg-type]
        if self._stage is not None:
            name, started, done = self._stage
            self._stage = (name, started, done + amount)
        self._show_when_slow()

    def _show_when_slow(self) -> None:
        """Start the bars once the build has run for `PROGRESS_AFTER` seconds."""
        if not self._showing and not self._closed and \
                time.perf_counter() - self._opened >= PROGRESS_AFTER:
            self._showing = True
            self._progress.start()

    def info(self, message: str) -> None:
        if not self.quiet:
            self._console.print(printable(message), markup=False)

    def close(self) -> None:
        """Stop the progress display (once; later calls do nothing)."""
        if self._closed:
            return
        self._closed = True
        self._end_stage()
        if self._showing:
            self._progress.stop()

    def _end_stage(self) -> None:
        """Record the finished stage; in a log (not a terminal), print one line for it."""
        if self._stage is not None:
            name, started, done = self._stage
            seconds = time.perf_counter() - started
            self.timings.append((name, seconds, time.process_time() - self._cpu, done))
            if not self._terminal and not self.quiet:
                counted = f": {done:,}" if done else ""
                self._console.print(f"{name}{counted} ({seconds:.1f}s)", style="dim",
                                    markup=False)
        self._stage = None

    def timings_table(self) -> list[str]:
        """Lines giving each stage's wall and CPU time, items and items per second
        (`build --timings`). CPU is this process's: workers' time is not in it."""
        if not self.timings:
            return []
        lines = ["Stage timings:", f"  {'stage':<14} {'wall s':>8} {'CPU s':>8} "
                                   f"{'items':>9} {'items/s':>9}"]
        for name, seconds, cpu, done in self.timings:
            rate = f"{done / seconds:,.0f}" if done and seconds > 0 else ""
            counted = f"{done:,}" if done else ""
            lines.append(f"  {name:<14} {seconds:8.2f} {cpu:8.2f} {counted:>9} {rate:>9}")
        total = sum(t[1] for t in self.timings)
        lines.append(f"  {'total':<14} {total:8.2f} {sum(t[2] for t in self.timings):8.2f}")
        return lines

    def summary(self) -> list[str]:
        """Lines naming the files with errors or warnings, worst first."""
        files: dict[str, Counter[Severity]] = {}
        for (path, severity), count in self.problems.items():
            files.setdefault(path, Counter())[severity] += count
        if not files:
            return []
        ranked = sorted(files.items(), key=lambda item: (-item[1][Severity.ERROR],
                                                         -item[1][Severity.WARNING], item[0]))
        lines = [f"Problems in {plural(len(files), 'file')}:"]
        for path, counts in ranked[:SUMMARY_FILES]:
            found = [plural(counts[s], s.value) for s in (Severity.ERROR, Severity.WARNING)
                     if counts[s]]
            lines.append(f"  {printable(path)}: {', '.join(found)}")
        if len(ranked) > SUMMARY_FILES:
            lines.append(f"  … and {plural(len(ranked) - SUMMARY_FILES, 'more file')}")
        return lines

    def count(self, severity: Severity) -> int:
        """How many diagnostics of `severity` were reported."""
        return sum(n for (_, found), n in self.problems.items() if found is severity)


def plural(count: int, noun: str) -> str:
    """`1 article`, `2 articles`."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
