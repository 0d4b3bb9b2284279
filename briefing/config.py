"""Configuration: `site_config.yml` -> `SiteConfig`.

The only reader of `site_config.yml`. Every key is a typed dataclass field with a
`doc` string (the user guide is checked against those strings by a test), unknown
keys get a warning with a did-you-mean hint, and every problem is collected before
the caller decides whether to go on.
"""

from __future__ import annotations

import difflib
import math
import re
import types
import typing
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .diagnostics import Diagnostic, error, shown_value, warning
from .engines import ENGINES
from .user_patterns import pattern_problem


def _doc(text: str, default: Any = MISSING, factory: Any = MISSING) -> Any:
    """A dataclass field carrying its user-facing documentation."""
    if factory is not MISSING:
        return field(default_factory=factory, metadata={"doc": text})
    return field(default=default, metadata={"doc": text})


FOLDER_DEFAULTS = {"output_dir": "site", "build_dir": ".briefing-build"}
UNSAFE_URL_CHARACTER = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f-\x9f]")
HOST_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
HOST_NAME = re.compile(rf"{HOST_LABEL}(?:\.{HOST_LABEL})*", re.IGNORECASE)
MAX_SHINGLE_SIZE = 50
MAX_STORY_DAYS = 366
ACTOR_TYPES = ("person", "organisation", "government", "place")
DATE_ORDERS = ("DMY", "MDY", "YMD")


@dataclass(frozen=True)
class ActorConfig:
    """A curated actor: a person, organisation, government or place the briefing follows."""

    name: str = _doc("Display name, e.g. `Mark Carney`.")
    type: str = _doc("One of person, organisation, government, place.", "person")
    aliases: tuple[str, ...] = _doc("Other names matched in articles, e.g. `Carney`.", ())
    description: str = _doc("One line shown on the actor's page.", "")


@dataclass(frozen=True)
class IssueConfig:
    """A curated issue (topic) and the words that signal it."""

    name: str = _doc("Display name, e.g. `Canola tariffs`.")
    keywords: tuple[str, ...] = _doc(
        "Words or phrases (case-insensitive) that put an article under this issue.", ()
    )
    description: str = _doc("One line shown on the issue's page.", "")


@dataclass(frozen=True)
class SourceConfig:
    """An outlet, with the spellings and web domains that identify it."""

    name: str = _doc("Display name, e.g. `BBC`.")
    aliases: tuple[str, ...] = _doc("Other spellings, e.g. `BBC News`, `Torontoer Staff`.", ())
    domains: tuple[str, ...] = _doc("Web domains whose article URLs belong to this outlet.", ())
    url: str = _doc("The outlet's home page.", "")
    description: str = _doc("One line shown on the source's page.", "")
    credit: str = _doc(
        "For a news agency: the name its copy is credited with, e.g. `AP` for "
        "`(AP)` datelines and `By Ann Lee, Associated Press`. Setting it makes the source "
        "a wire.", "")


@dataclass(frozen=True)
class Thresholds:
    """Numbers that tune the pipeline."""

    near_duplicate: float = _doc(
        "Resemblance (Jaccard similarity of the compared word shingles) at or above which "
        "two articles are copies.", 0.7
    )
    containment: float = _doc(
        "Share of the shorter article's compared word shingles found in the longer one at "
        "or above which the shorter is a copy (an excerpt, an edit, a copy with a lead-in).",
        0.8
    )
    shingle_size: int = _doc("Words per shingle for near-duplicate detection.", 5)
    max_file_bytes: int = _doc("Files larger than this are skipped with an error.", 250_000)
    quote_similarity: float = _doc(
        "Fuzzy similarity (0-100) at or above which two quotes are the same quote.", 90.0
    )
    repeated_lines: int = _doc(
        "In pasted text, a short line (at most five words, not a sentence) found in at "
        "least this many files is page furniture (menus, section names, share buttons). "
        "0 turns this off.", 3
    )
    story_similarity: float = _doc(
        "Average TF-IDF similarity between two groups of articles at or above which they "
        "are one story.", 0.1
    )
    story_days: int = _doc("The most days a story's dated articles may span.", 7)


@dataclass(frozen=True)
class SiteConfig:
    """Everything a site owner sets, in one file."""

    title: str = _doc("Site title, shown in the header and the browser tab.", "Briefing")
    description: str = _doc("One paragraph shown on the home page and in search engines.", "")
    base_url: str = _doc(
        "Where the site is published, e.g. `https://OWNER.github.io/REPO/`.", ""
    )
    repo_url: str = _doc(
        "Link to the source repository, shown in the header (a plain link: readers' "
        "browsers make no call to the host's API). Article pages link each article's "
        "file there to edit it.", "")
    repo_branch: str = _doc(
        "The repository branch the edit links of article pages open (with `repo_url`).",
        "main")
    language: str = _doc("Language code of the site.", "en")
    timezone: str = _doc("IANA time zone for front-matter times given without one.", "UTC")
    date_order: str = _doc(
        "How a numeric date whose numbers do not settle it (`05/04/2026`) is read in "
        "pasted text: `DMY`, `MDY` or `YMD`. Default: from `language` (`MDY` for `en-US` "
        "and other month-first locales, `YMD` for Chinese, Japanese, Korean, Hungarian and "
        "Lithuanian, `DMY` otherwise).", ""
    )
    build_date: str = _doc(
        "Date stamped as the build date (YYYY-MM-DD). Default: `SOURCE_DATE_EPOCH`, "
        "else the newest article's date, so builds are reproducible.", ""
    )
    publish_future: bool = _doc(
        "Publish articles dated after the build date (their `publishDate`, else their date), "
        "as Hugo's `buildFuture` and Jekyll's `future` do. Default false: held back, when "
        "the build date is pinned (`SOURCE_DATE_EPOCH` or `build_date`).", False
    )
    publish_expired: bool = _doc(
        "Publish articles whose `expiryDate` has passed by the build date, as Hugo's "
        "`buildExpired`. Default false: held back, when the build date is pinned.", False
    )
    content_dir: str = _doc("Folder of input articles, relative to the config file.", "content")
    templates_dir: str = _doc(
        "Folder of Jinja templates, relative to the config file.", "templates"
    )
    output_dir: str = _doc("Folder the site is written to, relative to the config file.", "site")
    build_dir: str = _doc(
        "Scratch folder for the generated pages, the MkDocs config and the results "
        "cache that rebuilds reuse.", ".briefing-build"
    )
    title_prefixes: tuple[str, ...] = _doc(
        "Prefixes stripped from titles for display, e.g. `Big News: `.", ()
    )
    boilerplate: tuple[str, ...] = _doc(
        "Extra boilerplate patterns: regular expressions matched against whole lines "
        "(case-insensitive), added to the built-in list.", ()
    )
    thresholds: Thresholds = _doc("Tuning numbers (see below).", factory=Thresholds)  # noqa: RUF009
    actors: tuple[ActorConfig, ...] = _doc("Curated actors (see below).", ())
    issues: tuple[IssueConfig, ...] = _doc("Curated issues (see below).", ())
    sources: tuple[SourceConfig, ...] = _doc("Known outlets (see below).", ())
    exclude_actors: tuple[str, ...] = _doc(
        "Names never to make into actors, when discovery picks up something wrong.", ()
    )
    engine: str = _doc(
        "The program that turns the generated pages into the site: `mkdocs` (MkDocs "
        "1.x with Material, the default), `properdocs` (the maintained continuation of "
        "MkDocs 1.x; `pip install properdocs`) or `zensical` (the Material team's "
        "successor; `pip install zensical`). See docs/performance.md.", "mkdocs"
    )
    allow_content_outside_project: bool = _doc(
        "Read a `content_dir` that resolves outside the project folder (a symlink or `../`).",
        False,
    )
    # Not part of the results cache's keys: no stage after load reads the file system,
    # so a project moved to another folder keeps its cache.
    root: Path = field(default=Path("."), metadata={"internal": True, "cache_key": False})

    def path(self, relative: str) -> Path:
        """Resolve a configured folder against the config file's folder."""
        return (self.root / relative).resolve()


@dataclass(frozen=True)
class ConfigResult:
    """A config (None when it could not be read) and the problems found reading it."""

    config: SiteConfig | None
    diagnostics: tuple[Diagnostic, ...]


def load_config(path: Path, overrides: dict[str, Any] | None = None) -> ConfigResult:
    """Read and validate `site_config.yml`; collect every problem, never raise for bad input.

    `overrides` (from the command line) replace top-level keys before validation,
    so they are checked exactly like values written in the file.
    """
    shown = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ConfigResult(None, (error(
            "config-missing", shown, f"no config file at {path}.",
            "run from the project folder or pass --config PATH.",
        ),))
    except (OSError, UnicodeDecodeError) as exc:
        return ConfigResult(None, (error("config-unreadable", shown, str(exc)),))
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        return ConfigResult(None, (error(
            "config-yaml", shown, f"invalid YAML: {exc.problem}.",
            "check indentation and quoting around this line.",
            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
        ),))
    if not isinstance(raw, dict):
        return ConfigResult(None, (error(
            "config-shape", shown, "the config must be a mapping of keys to values.",
        ),))
    raw = {**raw, **(overrides or {})}
    problems: list[Diagnostic] = []
    values = _build(SiteConfig, raw, shown, "", problems)
    config = SiteConfig(**values, root=path.parent.resolve())
    problems.extend(_check_semantics(config, shown))
    # An invalid pattern is reported above and left out, so no later stage trips on it.
    config = replace(config, boilerplate=tuple(p for p in config.boilerplate
                                               if pattern_problem(p) is None))
    return ConfigResult(config, tuple(problems))


def _build(cls: type, raw: dict[str, Any], shown: str, where: str,
           problems: list[Diagnostic]) -> dict[str, Any]:
    """Turn a raw mapping into keyword arguments for `cls`, recording type problems."""
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in fields(cls) if not f.metadata.get("internal")}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        key = str(key)
        if key not in known:
            close = difflib.get_close_matches(key, list(known), n=1)
            problems.append(warning(
                "config-unknown-key", shown, f"unknown key '{where}{key}' is ignored.",
                f"did you mean '{where}{close[0]}'?" if close else "see docs/configuration.md.",
            ))
            continue
        converted = _convert(hints[key], value, shown, f"{where}{key}", problems)
        if converted is not MISSING:
            values[key] = converted
    for name, spec in known.items():
        required = spec.default is MISSING and spec.default_factory is MISSING
        if required and not str(values.get(name, "")).strip():
            problems.append(error(
                "config-missing-key", shown, f"'{where}{name}' is required.",
            ))
            values[name] = ""
    return values


def _convert(hint: Any, value: Any, shown: str, key: str, problems: list[Diagnostic]) -> Any:
    """Coerce one value to its declared type, or record why it cannot be."""
    origin = typing.get_origin(hint)
    if origin is tuple:
        item_type = typing.get_args(hint)[0]
        if value is None:
            return ()
        if isinstance(value, (str, dict)) or not isinstance(value, list):
            value = [value]
        items = [_convert(item_type, item, shown, f"{key}[{i}]", problems)
                 for i, item in enumerate(value)]
        return tuple(item for item in items if item is not MISSING)
    if isinstance(hint, type) and hasattr(hint, "__dataclass_fields__"):
        if not isinstance(value, dict):
            if hint in (ActorConfig, IssueConfig, SourceConfig) and isinstance(value, str):
                return hint(name=value)
            problems.append(error("config-type", shown, f"'{key}' must be a mapping."))
            return MISSING
        return hint(**_build(hint, value, shown, f"{key}.", problems))
    return _convert_scalar(hint, value, shown, key, problems)


def _convert_scalar(hint: Any, value: Any, shown: str, key: str,
                    problems: list[Diagnostic]) -> Any:
    """Coerce a scalar; numbers and booleans are strict, strings accept dates and numbers."""
    if isinstance(hint, types.UnionType):
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    if hint is str:
        if isinstance(value, (dict, list)):
            problems.append(error("config-type", shown, f"'{key}' must be text."))
            return MISSING
        return "" if value is None else str(value)
    if hint is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if hint is float and isinstance(value, str) and _number(value) is not None:
        return _number(value)     # YAML reads `1e-3` (no dot) as text, not as a number
    if hint is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if hint is bool and isinstance(value, bool):
        return value
    expected = {int: "a whole number", float: "a number", bool: "true or false"}.get(
        hint, hint.__name__)
    problems.append(error("config-type", shown,
                          f"'{key}' must be {expected}, got {shown_value(value)}."))
    return MISSING


def _number(text: str) -> float | None:
    """A finite number written as text, or None."""
    try:
        number = float(text.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def url_problem(value: str) -> str | None:
    """Why `value` is not a plain http(s) address to put in a page, or None.

    These values are written into HTML attributes (the canonical link, the
    repository link), so anything that could end an attribute or a tag is refused.
    """
    if UNSAFE_URL_CHARACTER.search(value):
        return "it contains a space, a quote, '<', '>', a backslash or a control character"
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 — raises on a malformed port
    except ValueError:
        return "it is not a valid address"
    if parts.scheme not in ("http", "https"):
        return "it must start with https:// (or http://)"
    if not HOST_NAME.fullmatch(host):
        return f"'{host}' is not a host name"
    return None


def _check_folders(config: SiteConfig, shown: str) -> list[Diagnostic]:
    """The output and scratch folders are replaced wholesale: they must hold nothing else.

    `output_dir: .` would otherwise replace the whole project with the site.
    """
    problems: list[Diagnostic] = []
    project = config.root.resolve()
    if config.path(config.output_dir) == config.path(config.build_dir):
        problems.append(error(
            "config-folder", shown, "'output_dir' and 'build_dir' are the same folder.",
            "give each its own folder, e.g. output_dir: site and build_dir: .briefing-build.",
        ))
    inputs = {"content_dir": config.path(config.content_dir),
              "templates_dir": config.path(config.templates_dir)}
    if not inputs["content_dir"].is_relative_to(project) and \
            not config.allow_content_outside_project:
        problems.append(error(
            "config-folder", shown, f"'content_dir' ({config.content_dir}) is outside the "
            "project folder (through '..' or a symlink); it was not read.",
            "keep the articles inside the project, or set allow_content_outside_project: true "
            "if that folder is meant to be read.",
        ))
    for key in ("output_dir", "build_dir"):
        folder = config.path(getattr(config, key))
        clash = folder == project or project.is_relative_to(folder) or any(
            folder == other or folder.is_relative_to(other) or other.is_relative_to(folder)
            for other in inputs.values()
        ) or folder == config.path("docs")
        if clash:
            problems.append(error(
                "config-folder", shown,
                f"'{key}' ({getattr(config, key)}) would overwrite the project, its content, "
                "templates or docs.",
                f"use a folder of its own, e.g. {key}: {FOLDER_DEFAULTS[key]}.",
            ))
    return problems


def _check_semantics(config: SiteConfig, shown: str) -> list[Diagnostic]:
    """Checks that need more than one value's type: ranges, time zones, names."""
    problems: list[Diagnostic] = _check_folders(config, shown)
    try:
        ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(error(
            "config-timezone", shown, f"unknown time zone '{config.timezone}'.",
            "use an IANA name such as 'America/Toronto' or 'UTC'.",
        ))
    for key in ("near_duplicate", "containment"):
        if not 0.0 < getattr(config.thresholds, key) <= 1.0:
            problems.append(error(
                "config-range", shown, f"'thresholds.{key}' must be in (0, 1].",
            ))
    for pattern in config.boilerplate:
        why = pattern_problem(pattern)
        if why is not None:
            problems.append(error(
                "config-pattern", shown, f"boilerplate pattern {shown_value(pattern)} is "
                f"invalid: {why}.", "write a regular expression without lookaround (?= (?! "
                "(?<= or backreferences \\1; escape ( ) [ ] . * + ? with a backslash.",
            ))
    if config.date_order and config.date_order.upper() not in DATE_ORDERS:
        problems.append(error(
            "config-date-order", shown,
            f"'date_order' must be DMY, MDY or YMD, got {shown_value(config.date_order)}.",
            "write date_order: DMY (day first), MDY (month first) or YMD, or remove it to "
            "use the default for the site's language.",
        ))
    if config.engine not in ENGINES:
        problems.append(error(
            "config-engine", shown, f"'engine' must be one of {', '.join(ENGINES)}, "
            f"got {shown_value(config.engine)}.",
            "write engine: mkdocs (the default), properdocs or zensical.",
        ))
    if config.thresholds.repeated_lines < 0:
        problems.append(error("config-range", shown,
                              "'thresholds.repeated_lines' must be 0 or more."))
    if not 0 <= config.thresholds.quote_similarity <= 100:
        problems.append(error(
            "config-range", shown, "'thresholds.quote_similarity' must be in [0, 100].",
        ))
    if not 0.0 < config.thresholds.story_similarity <= 1.0:
        problems.append(error(
            "config-range", shown, "'thresholds.story_similarity' must be in (0, 1].",
        ))
    if not 0 <= config.thresholds.story_days <= MAX_STORY_DAYS:
        problems.append(error("config-range", shown, "'thresholds.story_days' must be "
                              f"between 0 and {MAX_STORY_DAYS}."))
    if not 1 <= config.thresholds.shingle_size <= MAX_SHINGLE_SIZE:
        problems.append(error("config-range", shown, "'thresholds.shingle_size' must be "
                              f"between 1 and {MAX_SHINGLE_SIZE}."))
    if config.thresholds.max_file_bytes < 1:
        problems.append(error("config-range", shown,
                              "'thresholds.max_file_bytes' must be a positive number of bytes."))
    if not config.base_url:
        problems.append(warning(
            "config-no-base-url", shown, "'base_url' is not set: the sitemap will be empty and "
            "the 404 page's links assume the site is served from the domain root.",
            "set base_url to the published address, e.g. https://OWNER.github.io/REPO/.",
        ))
    if config.build_date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", config.build_date):
        problems.append(error(
            "config-build-date", shown,
            f"'build_date' must be YYYY-MM-DD, got '{config.build_date}'.",
            "write e.g. build_date: 2026-01-20, or remove it.",
        ))
    for key, code in (("base_url", "config-base-url"), ("repo_url", "config-url")):
        value = getattr(config, key)
        why = url_problem(value) if value else None
        if why:
            problems.append(error(
                code, shown, f"'{key}' is not a web address: {why}; got {shown_value(value)}.",
                "write the full address, e.g. https://OWNER.github.io/REPO/.",
            ))
    for source in config.sources:
        why = url_problem(source.url) if source.url else None
        if why:
            problems.append(error(
                "config-url", shown, f"source '{source.name}' has a url that is not a web "
                f"address: {why}; got {shown_value(source.url)}.",
                "write the outlet's home page in full, e.g. https://www.example.com/.",
            ))
    for actor in config.actors:
        if actor.type not in ACTOR_TYPES:
            problems.append(error(
                "config-actor-type", shown,
                f"actor '{actor.name}' has type '{actor.type}'.",
                f"use one of: {', '.join(ACTOR_TYPES)}.",
            ))
    for kind, entries in (("actor", config.actors), ("issue", config.issues),
                          ("source", config.sources)):
        seen: set[str] = set()
        for entry in entries:
            if entry.name and entry.name.casefold() in seen:
                problems.append(warning(
                    "config-duplicate", shown, f"{kind} '{entry.name}' is listed twice.",
                    "merge the two entries; the first one wins.",
                ))
            seen.add(entry.name.casefold())
    return problems


def documented_keys() -> list[str]:
    """Every user-facing key as a dotted path, for the docs-coverage test."""
    keys: list[str] = []
    sections = {"thresholds": Thresholds, "actors": ActorConfig,
                "issues": IssueConfig, "sources": SourceConfig}
    for spec in fields(SiteConfig):
        if spec.metadata.get("internal"):
            continue
        keys.append(spec.name)
        if spec.name in sections:
            keys.extend(f"{spec.name}.{sub.name}" for sub in fields(sections[spec.name]))
    return keys
