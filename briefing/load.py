"""Load stage: the files under `content/` -> `SourceDoc`s.

The only reader of `content/`. Every file found ends up either as a `SourceDoc` or
as an `InputRecord` saying why it was skipped, so nothing is silently dropped.
Front matter (YAML, TOML, JSON, Pelican headers) is split off by `front_matter`; a
file without front matter is plain text. Symlinks never lead outside `content/`.
"""

from __future__ import annotations

import codecs
import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from blake3 import blake3

from .characters import clean_text
from .diagnostics import Diagnostic, error, warning
from .executors import IN_PROCESS, Workers, no_setup
from .front_matter import MARKDOWN_SUFFIXES, invisible_warning, parse_document
from .model import InputRecord, Outcome, SourceDoc
from .pickling import pickled_by_fields

__all__ = ["ARTICLE_SUFFIXES", "LoadResult", "load_sources", "parse_document"]
ARTICLE_SUFFIXES = (*MARKDOWN_SUFFIXES, ".txt")
BINARY_SNIFF_BYTES = 8192
UNICODE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class LoadResult:
    """Documents read, files skipped, and problems found."""

    docs: tuple[SourceDoc, ...]
    skipped: tuple[InputRecord, ...]
    diagnostics: tuple[Diagnostic, ...]


def load_sources(content_dir: Path, max_file_bytes: int,
                 on_file: Callable[[int], object] | None = None,
                 workers: Workers = IN_PROCESS) -> LoadResult:
    """Read every file under `content_dir`, in path order; `on_file(n)` is called as
    files are read (for progress). `workers` reads them, in order."""
    docs: list[SourceDoc] = []
    skipped: list[InputRecord] = []
    problems: list[Diagnostic] = []
    root = content_dir.resolve()
    if not root.is_dir():
        return LoadResult((), (), (error(
            "content-missing", None, f"the content folder {content_dir} does not exist.",
            "create it, or fix content_dir in site_config.yml.",
        ),))
    # Files are read here (a cluster's workers may not see them); parsing what they
    # hold is per-file work for the workers, cached by the file's name and bytes.
    read = [_read_one(root, Path(path), rel, max_file_bytes) for path, rel in _walk(root)]
    parsed = iter(workers.map(_parse_read, [r for r in read if isinstance(r, _Read)],
                              no_setup, on_done=on_file))
    for outcome in read:
        if not isinstance(outcome, _Read) and on_file is not None:
            on_file(1)
        doc, record, found = next(parsed) if isinstance(outcome, _Read) else outcome
        problems.extend(found)
        if doc is not None:
            docs.append(doc)
        if record is not None:
            skipped.append(record)
    return LoadResult(tuple(docs), tuple(skipped), tuple(problems))


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class _Read:
    """A file's name below the content root, its size and its bytes."""

    rel: str
    size: int
    raw: bytes


def _parse_read(_: None, read: _Read
                ) -> tuple[SourceDoc | None, InputRecord | None, list[Diagnostic]]:
    """The bytes of one file -> a document (the per-file part, run by the workers)."""
    return _parse_one(read.rel, read.size, read.raw)


def inputs_digest(*folders: Path) -> bytes:
    """A digest of every file below `folders` (names, links and bytes): what a build
    reads besides the config, to tell that nothing changed since the last one."""
    digest = blake3()
    for folder in folders:
        root = folder.resolve()
        digest.update(f"folder:{root.is_dir()}".encode())
        if not root.is_dir():
            continue
        for path, rel in _walk(root):
            digest.update(b"\0" + rel.encode("utf-8", "surrogateescape") + b"\0")
            try:
                if os.path.islink(path):
                    digest.update(b"link:" + os.fsencode(os.readlink(path)))
                with open(path, "rb") as file:
                    digest.update(b"%d:" % os.fstat(file.fileno()).st_size + file.read())
            except (OSError, RuntimeError) as exc:
                digest.update(f"unreadable:{exc}".encode())
    return digest.digest(20)


def _walk(root: Path) -> list[tuple[str, str]]:
    """Every file below `root` (not following symlinked folders) and its path below
    `root` with `/` between folders, sorted by that. Strings, not `Path`s: making a
    `Path` of each, and of its path below `root`, took most of the walk's time."""
    base = str(root)
    found: list[tuple[str, str]] = []
    for folder, dirs, files in os.walk(base, followlinks=False):
        dirs.sort()
        below = folder[len(base):].strip(os.sep).replace(os.sep, "/")
        prefix = below + "/" if below else ""
        found.extend((os.path.join(folder, name), prefix + name) for name in files)
        found.extend((os.path.join(folder, name), prefix + name) for name in dirs
                     if os.path.islink(os.path.join(folder, name)))
    found.sort(key=lambda item: item[1])
    return found


def _skip(rel: str, reason: str, problem: Diagnostic | None = None
          ) -> tuple[None, InputRecord, list[Diagnostic]]:
    return None, InputRecord(rel, Outcome.SKIPPED, reason=reason), [problem] if problem else []


def _read_one(root: Path, path: Path, rel: str, max_bytes: int
              ) -> _Read | tuple[None, InputRecord, list[Diagnostic]]:
    """Read one file's bytes, or the record of why it was skipped before its text."""
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
            "not-an-article", rel,
            "is not a Markdown (.md, .markdown, …) or .txt file; it was skipped.",
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
    return _Read(rel, size, raw)


def _parse_one(rel: str, size: int, raw: bytes
               ) -> tuple[SourceDoc | None, InputRecord | None, list[Diagnostic]]:
    """One file's bytes -> a document, or the record of why it was skipped."""
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
        problems.append(invisible_warning(rel, changed, "text"))
    return unicodedata.normalize("NFC", text), problems
