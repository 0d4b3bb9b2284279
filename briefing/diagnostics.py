"""Diagnostics: the one shape every problem with user input takes, and the reporters.

Stages never print or raise for bad input: they return `Diagnostic` objects. The
pipeline hands them to a `Reporter` — the console one for people (`console.py`),
the buffer one here for tests — so the same build can be watched or asserted on.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from .characters import printable
from .pickling import pickled_by_fields

_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxdict = _SHORT.maxtuple = 3
_SHORT.maxlevel = 2


class Severity(StrEnum):
    """How bad a problem is: errors fail the build, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in one input, with where it is and what to do about it."""

    severity: Severity
    code: str
    path: str | None
    message: str
    hint: str | None = None
    line: int | None = None
    column: int | None = None

    def format(self) -> str:
        """Render as `path:line: severity[code]: message Hint: ...`, on one printable line.

        File names and quoted values come from content, so control characters are
        shown as escapes: nothing can start a new line (a forged CI command) or
        send a terminal escape sequence.
        """
        where = self.path or "<build>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.severity.value}[{self.code}]: {self.message}"
        if self.hint:
            text += f" Hint: {self.hint}"
        return printable(text)

    def github_annotation(self) -> str:
        """Render as a GitHub Actions workflow command so the problem shows on the PR.

        Escaped by the workflow-command rules: `%`, CR and LF in the message, and
        also `:` and `,` in properties, so a file name cannot add properties or
        end the command early.
        """
        kind = "error" if self.severity is Severity.ERROR else "warning"
        if self.severity is Severity.INFO:
            kind = "notice"
        props = []
        if self.path:
            props.append(f"file={_escape_property(self.path)}")
        if self.line is not None:
            props.append(f"line={self.line}")
        if self.column is not None:
            props.append(f"col={self.column}")
        props.append(f"title={_escape_property(self.code)}")
        body = self.message + (f" Hint: {self.hint}" if self.hint else "")
        return f"::{kind} {','.join(props)}::{printable(_escape_data(body))}"

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping for the build report."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }


def _escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property value: also `:` and `,` escaped."""
    return printable(_escape_data(text).replace(":", "%3A").replace(",", "%2C"))


def shown_value(value: object) -> str:
    """A value from content as messages quote it: repr'd, shortened, one printable line.

    reprlib stops early, so a huge value (an alias-expanded string) costs nothing.
    """
    return printable(_SHORT.repr(value))


def error(code: str, path: str | None, message: str, hint: str | None = None,
          line: int | None = None, column: int | None = None) -> Diagnostic:
    """Shorthand for an error diagnostic."""
    return Diagnostic(Severity.ERROR, code, path, message, hint, line, column)


def warning(code: str, path: str | None, message: str, hint: str | None = None,
            line: int | None = None, column: int | None = None) -> Diagnostic:
    """Shorthand for a warning diagnostic."""
    return Diagnostic(Severity.WARNING, code, path, message, hint, line, column)


class Reporter(Protocol):
    """Where the pipeline sends problems and progress."""

    def report(self, diagnostic: Diagnostic) -> None: ...

    def stage(self, name: str, total: int | None = None) -> None: ...

    def advance(self, amount: int = 1) -> None: ...

    def info(self, message: str) -> None: ...

    def close(self) -> None: ...


@dataclass
class BufferReporter:
    """Collects everything in memory; used by tests and by `check`."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def report(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def stage(self, name: str, total: int | None = None) -> None:
        self.stages.append(name)

    def advance(self, amount: int = 1) -> None:
        pass

    def info(self, message: str) -> None:
        self.messages.append(message)

    def close(self) -> None:
        pass
