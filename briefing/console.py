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
        self.problems: Counter[tuple[str, Severity]] = Counter()
        self._progress.start()

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

    def advance(self, amount: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, amount)  # type: ignore[arg-type]
        if self._stage is not None:
            name, started, done = self._stage
            self._stage = (name, started, done + amount)

    def info(self, message: str) -> None:
        if not self.quiet:
            self._console.print(printable(message), markup=False)

    def close(self) -> None:
        """Stop the progress display (once; later calls do nothing)."""
        if self._closed:
            return
        self._closed = True
        self._end_stage()
        self._progress.stop()

    def _end_stage(self) -> None:
        """In a log (not a terminal), one line per finished stage."""
        if self._stage is not None and not self._terminal and not self.quiet:
            name, started, done = self._stage
            counted = f": {done:,}" if done else ""
            self._console.print(f"{name}{counted} ({time.perf_counter() - started:.1f}s)",
                                style="dim", markup=False)
        self._stage = None

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
