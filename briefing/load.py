"""Load stage: the files under `content/` -> `SourceDoc`s.

The only reader of `content/`. Every file found ends up either as a `SourceDoc` or
as an `InputRecord` saying why it was skipped, so nothing is silently dropped.
Front matter is parsed with python-frontmatter's handlers (YAML, TOML, JSON); a
file without front matter is plain text. Symlinks never lead outside `content/`.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

from .characters import clean_text
from .diagnostics import Diagnostic, error, shown_value, warning
from .model import InputRecord, Outcome, SourceDoc

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
MAX_YAML_ALIASES = 32
# Front matter as it would be once every alias is expanded: a chain of 31 aliases
# can double a value 15 times, so the file's own size says nothing.
MAX_EXPANDED_FRONT_MATTER = 200_000
BINARY_SNIFF_BYTES = 8192
UNICODE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class AliasBombError(yaml.YAMLError):
    """Front matter uses so many aliases that expanding it could exhaust memory."""


class _AliasLimitedLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses alias bombs ("billion laughs")."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases = getattr(self, "_aliases", 0) + 1
            if self._aliases > MAX_YAML_ALIASES:
                raise AliasBombError(
                    f"more than {MAX_YAML_ALIASES} YAML aliases (*name), a possible alias bomb"
                )
        return super().compose_node(parent, index)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A YAML date, or its text when it is no real date (`2026-02-30`), so that
    normalize reports it like any other bad date instead of the read failing."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_AliasLimitedLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def expanded_size(node: yaml.Node, memo: dict[int, int] | None = None) -> int:
    """How many characters a YAML node stands for with every alias expanded.

    An aliased node is one object in the composed graph, so its size is computed
    once and counted at every reference: linear in the graph, whatever it expands
    to. A node that contains itself counts once.
    """
    memo = {} if memo is None else memo
    if id(node) in memo:
        return memo[id(node)]
    memo[id(node)] = 1
    if isinstance(node, yaml.ScalarNode):
        size = len(node.value) + 1
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(expanded_size(child, memo) for child in node.value)
    else:
        size = 1 + sum(expanded_size(k, memo) + expanded_size(v, memo) for k, v in node.value)
    memo[id(node)] = size
    return size


class SafeYAMLHandler(YAMLHandler):
    """YAML front matter read with the alias-limited safe loader, size-checked expanded."""

    def load(self, fm: str, **kwargs: object) -> Any:
        loader = _AliasLimitedLoader(fm)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            size = expanded_size(node)
            if size > MAX_EXPANDED_FRONT_MATTER:
                raise AliasBombError(
                    f"its aliases expand to about {size:,} characters, over the limit of "
                    f"{MAX_EXPANDED_FRONT_MATTER:,}")
            return loader.construct_document(node)
        finally:
            loader.dispose()


class TomlHandler(BaseHandler):
    """TOML front matter (`+++` fences, as Hugo writes it) read with the standard library."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> Any:
        return tomllib.loads(fm)


HANDLERS: tuple[tuple[str, BaseHandler], ...] = (
    ("yaml", SafeYAMLHandler()),
    ("toml", TomlHandler()),
    ("json", JSONHandler()),
)


@dataclass(frozen=True)
class LoadResult:
    """Documents read, files skipped, and problems found."""

    docs: tuple[SourceDoc, ...]
    skipped: tuple[InputRecord, ...]
    diagnostics: tuple[Diagnostic, ...]


def load_sources(content_dir: Path, max_file_bytes: int) -> LoadResult:
    """Read every file under `content_dir`, in path order."""
    docs: list[SourceDoc] = []
    skipped: list[InputRecord] = []
    problems: list[Diagnostic] = []
    root = content_dir.resolve()
    if not root.is_dir():
        return LoadResult((), (), (error(
            "content-missing", None, f"the content folder {content_dir} does not exist.",
            "create it, or fix content_dir in site_config.yml.",
        ),))
    for path in _walk(root):
        rel = path.relative_to(root).as_posix()
        doc, record, found = _load_one(root, path, rel, max_file_bytes)
        problems.extend(found)
        if doc is not None:
            docs.append(doc)
        if record is not None:
            skipped.append(record)
    return LoadResult(tuple(docs), tuple(skipped), tuple(problems))


def _walk(root: Path) -> list[Path]:
    """Every file below `root` (not following symlinked folders), sorted by path."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in files:
            found.append(Path(folder) / name)
        for name in dirs:
            if (Path(folder) / name).is_symlink():
                found.append(Path(folder) / name)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _skip(rel: str, reason: str, problem: Diagnostic | None = None
          ) -> tuple[None, InputRecord, list[Diagnostic]]:
    return None, InputRecord(rel, Outcome.SKIPPED, reason=reason), [problem] if problem else []


def _load_one(root: Path, path: Path, rel: str, max_bytes: int
              ) -> tuple[SourceDoc | None, InputRecord | None, list[Diagnostic]]:
    """Read one file; return a document or the record of why it was skipped."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        shown = rel.encode("utf-8", "backslashreplace").decode("utf-8")
        return _skip(shown, "file name is not valid UTF-8", error(
            "bad-file-name", shown, "has a file name that is not valid UTF-8; it was skipped.",
            "rename the file using UTF-8 characters (or plain letters, digits and hyphens).",
        ))
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):          # a loop, or a link to nothing
            return _skip(rel, "broken symlink or symlink loop", error(
                "symlink-broken", rel, "is a symlink that leads nowhere (or to itself); "
                "it was not read.", "delete the link, or replace it with the file itself.",
            ))
        if not target.is_relative_to(root) or not target.is_file():
            reason = "symlink pointing outside content/ (or not to a file)"
            return _skip(rel, reason, error(
                "symlink-outside", rel, f"is a {reason}; it was not read.",
                "copy the file into content/ instead of linking to it.",
            ))
    if any(part.startswith(".") for part in rel.split("/")):
        return _skip(rel, "hidden file or folder")
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return _skip(rel, f"not an article file ({path.suffix or 'no extension'})", warning(
            "not-an-article", rel, "is not a .md, .markdown or .txt file; it was skipped.",
            "move non-article files out of content/ or rename the file.",
        ))
    try:
        size = path.stat().st_size
        raw = path.read_bytes() if size <= max_bytes else b""
    except OSError as exc:
        return _skip(rel, f"unreadable ({exc.strerror or exc})", error(
            "unreadable", rel, f"could not be read: {exc.strerror or exc}.",
            "check the file's permissions, or remove it.",
        ))
    if size > max_bytes:
        return _skip(rel, f"larger than {max_bytes} bytes", error(
            "file-too-large", rel, f"is {size} bytes, over the limit of {max_bytes}.",
            "split the file, or raise thresholds.max_file_bytes in site_config.yml.",
        ))
    wide = _wide_encoding(raw)
    if wide is None and b"\x00" in raw[:BINARY_SNIFF_BYTES]:
        return _skip(rel, "binary file", error(
            "binary-file", rel, "looks like a binary file (it contains NUL bytes).",
            "save the article as UTF-8 text.",
        ))
    text, problems = _decode(raw, rel, wide)
    if not text.strip():
        return _skip(rel, "empty file", warning(
            "empty-file", rel, "is empty.", "add the article text or delete the file.",
        ))
    doc, more = parse_document(text, rel, size)
    problems.extend(more)
    if doc is None:
        return None, InputRecord(rel, Outcome.SKIPPED, reason="invalid front matter"), problems
    return doc, None, problems


def _wide_encoding(raw: bytes) -> str | None:
    """`utf-16` or `utf-32` for a file that starts with that encoding's byte-order mark."""
    return next((name for bom, name in UNICODE_BOMS if raw.startswith(bom)), None)


def _decode(raw: bytes, rel: str, wide: str | None = None) -> tuple[str, list[Diagnostic]]:
    """Decode UTF-8 (dropping a BOM), or UTF-16/32 by their BOM; else Windows-1252, warned.

    Invisible control characters and lone surrogates are removed here, once, so
    no later stage or page ever sees them.
    """
    problems: list[Diagnostic] = []
    try:
        # A UTF-16/32 file cut short loses only its last character, not its encoding.
        text = raw.decode(wide, errors="replace") if wide else raw.decode("utf-8-sig")
        if wide:
            problems.append(warning(
                "not-utf8", rel, f"is {wide.upper()} text; it was read as such.",
                "re-save the file as UTF-8, the encoding every other tool expects.",
            ))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(warning(
            "not-utf8", rel, "is not valid UTF-8; it was read as Windows-1252.",
            "re-save the file as UTF-8 and check its accented letters.", line=line,
        ))
        text = raw.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, changed = clean_text(text)
    if changed:
        problems.append(_invisible_warning(rel, changed, "text"))
    return unicodedata.normalize("NFC", text), problems


def _invisible_warning(rel: str, count: int, where: str) -> Diagnostic:
    return warning(
        "invisible-characters", rel, f"its {where} had {count} invisible control or invalid "
        "character(s); they were removed.",
        "re-save the file as plain UTF-8 text; copy from the page again if letters are missing.",
    )


def parse_document(text: str, rel: str, size: int = 0
                   ) -> tuple[SourceDoc | None, list[Diagnostic]]:
    """Split front matter from the body; None when the front matter is broken."""
    stripped = text.lstrip("\n")
    offset = len(text) - len(stripped)  # leading blank lines, to keep line numbers true
    for name, handler in HANDLERS:
        if not handler.detect(stripped):
            continue
        try:
            fm_text, body = handler.split(stripped)
        except ValueError:
            return _plain(text, rel, size), [warning(
                "front-matter-unclosed", rel,
                f"starts like {name.upper()} front matter but has no closing fence; "
                "read as plain text.", "close the front matter with a fence line.", line=offset + 1,
            )]
        fence_line = offset + 1
        try:
            data = handler.load(fm_text)
        except (yaml.YAMLError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
            return None, [_front_matter_error(name, exc, rel, fence_line)]
        except (ValueError, OverflowError) as exc:  # e.g. an integer of 5,000 digits
            return None, [error(
                f"bad-{name}", rel, f"{name.upper()} front matter holds a value that cannot "
                f"be read: {shown_value(str(exc))}.", "fix or remove that value; the article "
                "was skipped.", line=fence_line,
            )]
        except RecursionError:
            return None, [error(
                f"bad-{name}", rel, f"{name.upper()} front matter is nested too deeply to read.",
                "flatten the front matter to simple key: value pairs.", line=fence_line,
            )]
        if not isinstance(data, dict):
            return _plain(text, rel, size), [warning(
                "front-matter-not-mapping", rel,
                f"has {name.upper()} fences but no key: value pairs between them; "
                "read as plain text.",
                "write front matter as 'key: value' lines, or remove the fence lines.",
                line=fence_line,
            )]
        consumed = stripped[: len(stripped) - len(body.lstrip("\n"))]
        body_line = offset + consumed.count("\n") + 1
        fm, changed = _clean_values(data)
        lines = _key_lines(fm_text, fence_line, fm)
        problems = [_invisible_warning(rel, changed, "front matter")] if changed else []
        return SourceDoc(rel, body.strip("\n"), fm, name, body_line, size, lines), problems
    return _plain(text, rel, size), []


def _clean_values(data: dict[Any, Any]) -> tuple[dict[str, Any], int]:
    """Front matter with string keys and every string cleaned of invisible characters.

    JSON and YAML escapes (`"\\ud800"`, `"\\x1b"`) can put into a value what the
    file's bytes could not; the count says how many characters were removed.
    """
    total = 0

    def clean(value: Any, depth: int) -> Any:
        nonlocal total
        if isinstance(value, str):
            text, changed = clean_text(value)
            total += changed
            return text
        if depth > 50:                     # deeper than any real front matter: leave it
            return value
        if isinstance(value, dict):
            return {clean(str(k), depth + 1): clean(v, depth + 1) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(item, depth + 1) for item in value]
        return value

    cleaned = {clean(str(key), 0): clean(value, 0) for key, value in data.items()}
    return cleaned, total


def _key_lines(fm_text: str, fence_line: int, fm: dict[str, Any]) -> dict[str, int]:
    """The file line of each top-level front-matter key, for messages that point at it."""
    found: dict[str, int] = {}
    for number, line in enumerate(fm_text.split("\n")):
        match = re.match(r'^\s{0,2}"?([^\s"=:]+)"?\s*[:=]', line)
        if match and match.group(1) in fm and match.group(1) not in found:
            found[match.group(1)] = fence_line + number
    return found


def _plain(text: str, rel: str, size: int) -> SourceDoc:
    """A document with no front matter."""
    stripped = text.lstrip("\n")
    return SourceDoc(rel, stripped.rstrip(), {}, "plain", len(text) - len(stripped) + 1, size)


def _front_matter_error(name: str, exc: Exception, rel: str, fence_line: int) -> Diagnostic:
    """Point at the line and column of a front-matter syntax error.

    The parsed text starts on the opening fence's line, so its line k (1-based) is
    file line `fence_line + k - 1`.
    """
    line = column = None
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, AliasBombError):
        return error("bad-yaml", rel, f"refused YAML front matter: {detail}.",
                     "remove the anchors (&name) and aliases (*name); the article was skipped.",
                     line=fence_line)
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        line, column = fence_line + exc.problem_mark.line, exc.problem_mark.column + 1
        detail = f"{exc.problem}" + (f" ({exc.context})" if exc.context else "")
    elif isinstance(exc, json.JSONDecodeError):
        line, column, detail = fence_line - 1 + exc.lineno, exc.colno, exc.msg
    elif isinstance(exc, tomllib.TOMLDecodeError):
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        if found:
            line, column = fence_line - 1 + int(found.group(1)), int(found.group(2))
            detail = str(exc)[: found.start()].strip()
    return error(
        f"bad-{name}", rel, f"invalid {name.upper()} front matter: {detail}.",
        "fix the front matter (quote values that contain ':' or '#'); the article was skipped.",
        line=line, column=column,
    )
