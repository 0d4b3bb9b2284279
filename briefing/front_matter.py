"""Front matter -> a mapping and the body: the forms Jekyll, Hugo, Zola and Pelican write.

Part of the load stage (`load.py` reads the files, this module splits their text).
In order of detection:

- YAML between `---` lines; the closing line may also be `...` (YAML's own end
  marker, as Jekyll and Pandoc accept). An empty block is an empty mapping.
- TOML between `+++` lines (Hugo, Zola); fence lines may be indented.
- JSON: an object at the very start, over several lines or on one line (Hugo).
- Pelican headers in a Markdown file: `Key: value` lines at the top, ended by a
  blank line, only when they name a `Title:` or several known keys (so a pasted
  article's `Updated: …` line stays text).

YAML is read with a safe loader that refuses alias bombs; TOML with `tomllib`;
JSON with the standard library. Splitting follows python-frontmatter's handler
protocol (`detect`, `split`, `load`).
"""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

import yaml
from frontmatter.default_handlers import BaseHandler

from .characters import clean_text
from .diagnostics import Diagnostic, error, shown_value, warning
from .model import SourceDoc

MAX_YAML_ALIASES = 32
# Front matter as it would be once every alias is expanded: a chain of 31 aliases
# can double a value 15 times, so the file's own size says nothing.
MAX_EXPANDED_FRONT_MATTER = 200_000
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".text")
PELICAN_KEYS = frozenset({
    "title", "date", "modified", "tags", "keywords", "category", "slug", "author", "authors",
    "summary", "status", "lang", "translation", "save_as", "url", "template",
})
PELICAN_LISTS = frozenset({"tags", "keywords", "authors"})
PELICAN_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]{0,30}):[ \t]*(.*)")
PELICAN_MAX_LINES = 30


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
    except (ValueError, OverflowError, AttributeError):   # `!!timestamp x` has no match
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


def load_yaml(text: str) -> Any:
    """YAML read with the alias-limited safe loader, refused when its aliases would
    expand it past `MAX_EXPANDED_FRONT_MATTER` characters."""
    loader = _AliasLimitedLoader(text)
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


class FencedHandler(BaseHandler):
    """Front matter between an opening and a closing fence line."""

    CLOSE: re.Pattern[str]

    def split(self, text: str) -> tuple[str, str]:
        """(front matter, body); ValueError when no closing fence follows."""
        first_end = text.find("\n")
        if first_end < 0:
            raise ValueError("no closing fence")
        closing = self.CLOSE.search(text, first_end + 1)
        if closing is None:
            raise ValueError("no closing fence")
        return text[first_end + 1:closing.start()], text[closing.end():]


class SafeYAMLHandler(FencedHandler):
    """YAML between `---` fences (closed by `---` or `...`), read with the alias-limited loader."""

    FM_BOUNDARY = re.compile(r"(?<![ \t])[ \t]*-{3,}[ \t]*$", re.MULTILINE)
    CLOSE = re.compile(r"^[ \t]*(?:-{3,}|\.{3})[ \t]*$", re.MULTILINE)

    def load(self, fm: str, **kwargs: object) -> Any:
        data = load_yaml(fm)
        return {} if data is None else data      # an empty block: no keys, still front matter


class TomlHandler(FencedHandler):
    """TOML between `+++` fences (Hugo, Zola), read with the standard library."""

    FM_BOUNDARY = re.compile(r"(?<![ \t])[ \t]*\+{3,}[ \t]*$", re.MULTILINE)
    CLOSE = re.compile(r"^[ \t]*\+{3,}[ \t]*$", re.MULTILINE)

    def load(self, fm: str, **kwargs: object) -> Any:
        return tomllib.loads(fm)


class JsonHandler(BaseHandler):
    """A JSON object at the start of the file, on its own lines or on one line (Hugo)."""

    FM_BOUNDARY = re.compile(r"\{")

    def detect(self, text: str) -> bool:
        """A first line of only `{` is JSON front matter (its errors are reported); an
        object opening the first line counts only when it parses and ends its line, so
        prose that starts with `{` stays prose."""
        if text.split("\n", 1)[0].strip() == "{":
            return True
        if not text.startswith("{"):
            return False
        try:
            value, end = json.JSONDecoder().raw_decode(text)
        except (json.JSONDecodeError, RecursionError):
            return False
        return isinstance(value, dict) and not text[end:].split("\n", 1)[0].strip()

    def split(self, text: str) -> tuple[str, str]:
        """(the object's text, body); the object ends where the JSON value ends."""
        try:
            _, end = json.JSONDecoder().raw_decode(text)
        except (json.JSONDecodeError, RecursionError):
            return text, ""                  # load() reports where it breaks
        if text[end:].split("\n", 1)[0].strip():
            raise ValueError("text after the JSON object on its closing line")
        return text[:end], text[end:]

    def load(self, fm: str, **kwargs: object) -> Any:
        return json.JSONDecoder().raw_decode(fm)[0]


HANDLERS: tuple[tuple[str, BaseHandler], ...] = (
    ("yaml", SafeYAMLHandler()),
    ("toml", TomlHandler()),
    ("json", JsonHandler()),
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
        first_line = fence_line if name == "json" else fence_line + 1   # of fm_text
        try:
            data = handler.load(fm_text)
        except (yaml.YAMLError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
            return None, [_front_matter_error(name, exc, rel, fence_line, first_line)]
        # PyYAML's constructors fail on explicit tags with odd values in plain Python
        # ways (`!!bool x` a KeyError, `!!int x` a ValueError); so do 5,000-digit numbers.
        except (ValueError, OverflowError, KeyError, AttributeError, TypeError) as exc:
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
        lines = _key_lines(fm_text, first_line, fm)
        problems = [invisible_warning(rel, changed, "front matter")] if changed else []
        return SourceDoc(rel, body.strip("\n"), fm, name, body_line, size, lines), problems
    if rel.lower().endswith(MARKDOWN_SUFFIXES):
        found = pelican_headers(stripped)
        if found is not None:
            fm, count, lines = found
            body = "\n".join(stripped.split("\n")[count:])
            blank = len(body) - len(body.lstrip("\n"))
            return SourceDoc(rel, body.strip("\n"), fm, "pelican", offset + count + blank + 1,
                             size, {key: offset + line for key, line in lines.items()}), []
    return _plain(text, rel, size), []


def pelican_headers(text: str) -> tuple[dict[str, Any], int, dict[str, int]] | None:
    """Pelican's `Key: value` header lines at the top of a Markdown file.

    Returns the mapping, the number of header lines and each key's 1-based line, or
    None when the top of the file is not such a block: every line up to the first
    blank one must be a header (or an indented continuation), a blank line and more
    text must follow, and the keys must include `Title` or two other Pelican keys.
    """
    lines = text.split("\n")
    fm: dict[str, Any] = {}
    where: dict[str, int] = {}
    count = 0
    last: str | None = None
    for line in lines[:PELICAN_MAX_LINES + 1]:
        if not line.strip():
            break
        found = PELICAN_LINE.fullmatch(line.rstrip())
        if found:
            last = found.group(1).lower()
            fm[last] = found.group(2).strip()
            where.setdefault(last, count + 1)
        elif last is not None and line[:1] in (" ", "\t"):
            fm[last] = f"{fm[last]} {line.strip()}".strip()
        else:
            return None
        count += 1
    else:
        return None
    rest = "\n".join(lines[count:]).strip()
    known = sum(key in PELICAN_KEYS for key in fm)
    if not rest or not fm or ("title" not in fm and known < 2):
        return None
    for key in PELICAN_LISTS & fm.keys():
        fm[key] = [part.strip() for part in fm[key].split(",") if part.strip()]
    return fm, count, where


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


def invisible_warning(rel: str, count: int, where: str) -> Diagnostic:
    """The warning for invisible characters removed from a file's text or front matter."""
    return warning(
        "invisible-characters", rel, f"its {where} had {count} invisible control or invalid "
        "character(s); they were removed.",
        "re-save the file as plain UTF-8 text; copy from the page again if letters are missing.",
    )


def _key_lines(fm_text: str, first_line: int, fm: dict[str, Any]) -> dict[str, int]:
    """The file line of each top-level front-matter key, for messages that point at it."""
    found: dict[str, int] = {}
    for number, line in enumerate(fm_text.split("\n")):
        match = re.match(r'^\s{0,2}[{,]?\s*"?([^\s"=:{]+)"?\s*[:=]', line)
        if match and match.group(1) in fm and match.group(1) not in found:
            found[match.group(1)] = first_line + number
    return found


def _plain(text: str, rel: str, size: int) -> SourceDoc:
    """A document with no front matter."""
    stripped = text.lstrip("\n")
    return SourceDoc(rel, stripped.rstrip(), {}, "plain", len(text) - len(stripped) + 1, size)


def _front_matter_error(name: str, exc: Exception, rel: str, fence_line: int,
                        first_line: int) -> Diagnostic:
    """Point at the line and column of a front-matter syntax error.

    The parsed text's line k (1-based) is file line `first_line + k - 1`: it starts
    after the opening fence for YAML and TOML, on the fence's own line for JSON.
    """
    line = column = None
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, AliasBombError):
        return error("bad-yaml", rel, f"refused YAML front matter: {detail}.",
                     "remove the anchors (&name) and aliases (*name); the article was skipped.",
                     line=fence_line)
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        line, column = first_line + exc.problem_mark.line, exc.problem_mark.column + 1
        detail = f"{exc.problem}" + (f" ({exc.context})" if exc.context else "")
    elif isinstance(exc, json.JSONDecodeError):
        line, column, detail = first_line - 1 + exc.lineno, exc.colno, exc.msg
    elif isinstance(exc, tomllib.TOMLDecodeError):
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        if found:
            line, column = first_line - 1 + int(found.group(1)), int(found.group(2))
            detail = str(exc)[: found.start()].strip()
    return error(
        f"bad-{name}", rel, f"invalid {name.upper()} front matter: {detail}.",
        "fix the front matter (quote values that contain ':' or '#'); the article was skipped.",
        line=line, column=column,
    )
