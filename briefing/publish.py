"""Publish stage: rendered pages -> `site/`, via MkDocs + Material.

The only writer, and the only module that imports MkDocs, so the engine can be
swapped (Zensical reads the same generated `mkdocs.yml`). The MkDocs config is
generated from `SiteConfig`; users never maintain one. The site is built into a
temporary folder beside the output and swapped in only when the build succeeded,
so a failed build leaves the previous `site/` as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import html
import json
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from .config import SiteConfig
from .diagnostics import Diagnostic, Severity, error, warning

OWNED_SITE = ".briefing-site"      # marks an output folder briefing may replace
OWNED_BUILD = ".briefing-build"    # marks a scratch folder briefing may empty
NAV_TITLES = (("Home", "index.md"), ("Articles", "articles/index.md"),
              ("Stories", "stories/index.md"), ("Actors", "actors/index.md"),
              ("Issues", "issues/index.md"), ("Sources", "sources/index.md"),
              ("Timeline", "timeline.md"), ("Quotes", "quotes.md"), ("Figures", "figures.md"))


@dataclass(frozen=True)
class PublishResult:
    """Where the site went (None if it was not written) and what MkDocs complained about."""

    site_dir: Path | None
    diagnostics: tuple[Diagnostic, ...]


def mkdocs_config(config: SiteConfig, docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    """The MkDocs configuration, derived from `site_config.yml`.

    Only the five section index pages are in the navigation: Material repeats the
    whole nav on every page, so listing every article would make output grow with
    the square of the page count. Lists link to the pages instead.
    """
    settings: dict[str, Any] = {
        # MkDocs themes print these unescaped (in <title>, a meta attribute, the
        # header): escaped here they display the same but cannot open a tag.
        "site_name": html.escape(config.title),
        "site_description": html.escape(config.description),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "language": config.language,
            # System fonts: no requests to Google Fonts from readers' browsers.
            "font": False,
            "features": ["navigation.tabs", "navigation.top", "search.suggest",
                         "search.highlight", "toc.follow"],
            # Light or dark as the reader's system is set; the toggle overrides it.
            "palette": [
                {"media": "(prefers-color-scheme: light)", "scheme": "default",
                 "primary": "indigo", "accent": "indigo",
                 "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"}},
                {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
                 "primary": "indigo", "accent": "indigo",
                 "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"}},
            ],
        },
        "plugins": ["search"],
        "markdown_extensions": [
            "attr_list", "md_in_html", "tables", "admonition", "pymdownx.details",
            {"toc": {"permalink": True}},
        ],
        "extra_css": ["assets/briefing.css"],
        "extra_javascript": ["assets/briefing.js"],
        "nav": [{title: page} for title, page in NAV_TITLES],
        "not_in_nav": "\n".join([*(f"/{kind}/*" for kind in
                                   ("articles", "stories", "actors", "issues", "sources",
                                    "tags", "assets", "quotes", "timeline", "figures")),
                                  "/build-report.md"]),
        "validation": {
            "nav": {"omitted_files": "info", "not_found": "warn", "absolute_links": "info"},
            "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "info",
                      "unrecognized_links": "warn"},
        },
    }
    if config.base_url:
        settings["site_url"] = config.base_url if config.base_url.endswith("/") \
            else config.base_url + "/"
    if config.repo_url:
        settings["repo_url"] = config.repo_url
        settings["edit_uri"] = ""      # the generated pages are not files of the repository
    overrides = config.path(config.templates_dir) / "overrides"
    if overrides.is_dir():
        settings["theme"]["custom_dir"] = str(overrides)
    return settings


def publish_site(pages: dict[str, str], config: SiteConfig, build_date: datetime,
                 report: dict[str, Any], data: dict[str, str] | None = None,
                 strict: bool = False, prior: tuple[Diagnostic, ...] = ()) -> PublishResult:
    """Write pages, build HTML with MkDocs, add Pages extras, and swap into place.

    Nothing replaces `site/` unless the build succeeded: no MkDocs error and, when
    `strict`, no warning or error at all, counting the `prior` problems of earlier
    stages. The staging folder never outlives the call.
    """
    build_dir = config.path(config.build_dir)
    output = config.path(config.output_dir)
    staging, retired = _beside(output, "staging"), _beside(output, "old")
    _recover(output, retired)
    refused = [p for p in (_not_ours(build_dir, "build_dir", OWNED_BUILD),
                           _not_ours(output, "output_dir", OWNED_SITE),
                           _not_ours(staging, "output_dir", OWNED_SITE),
                           _not_ours(retired, "output_dir", OWNED_SITE)) if p]
    if refused:
        return PublishResult(None, tuple(refused))
    try:
        problems = _build_into(staging, pages, config, build_date)
        failed = any(p.severity is Severity.ERROR for p in problems) or (strict and any(
            p.severity is not Severity.INFO for p in (*prior, *problems)))
        if failed:
            return PublishResult(None, tuple(problems))
        _add_pages_extras(staging, report, problems, data or {})
        _swap(staging, output)
        return PublishResult(output, tuple(problems))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _build_into(staging: Path, pages: dict[str, str], config: SiteConfig,
                build_date: datetime) -> list[Diagnostic]:
    """Write the generated docs and MkDocs config, then build HTML into `staging`."""
    build_dir = config.path(config.build_dir)
    docs_dir = build_dir / "docs"
    _reset(build_dir, OWNED_BUILD)
    _reset(staging, OWNED_SITE)
    for rel, text in sorted(pages.items()):
        target = docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    settings, problems = mkdocs_config(config, docs_dir, staging), []
    if settings["theme"]["language"] not in _material_languages():
        problems.append(warning(
            "config-language", None, f"Material has no translation for language "
            f"'{config.language}'; English is used.", "use a code such as en, fr, de, zh.",
        ))
        settings["theme"]["language"] = "en"
    config_file = build_dir / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True),
                           encoding="utf-8")
    return problems + _run_mkdocs(config_file, build_date)


def _add_pages_extras(staging: Path, report: dict[str, Any], problems: list[Diagnostic],
                      data: dict[str, str]) -> None:
    """`.nojekyll` (serve files as they are), data files and the build report."""
    (staging / ".nojekyll").write_text("", encoding="utf-8")
    for rel, text in sorted(data.items()):
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        (staging / rel).write_text(text, encoding="utf-8")
    report = {**report, "mkdocs_warnings": [p.as_dict() for p in problems]}
    (staging / "build-report.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8"
    )


def _beside(output: Path, purpose: str) -> Path:
    """The hidden folder next to the output used while swapping (`.site.staging`)."""
    return output.parent / f".{output.name}.{purpose}"


def _not_ours(folder: Path, key: str, marker: str) -> Diagnostic | None:
    """Refuse to replace a folder unless the marker file a build wrote proves it is ours.

    Only an empty folder or the marker counts: files that merely look like a
    site (`build-report.json`, `mkdocs.yml`) could belong to anything.
    """
    if not folder.exists() and not folder.is_symlink():
        return None
    if folder.is_dir() and not folder.is_symlink() and (
            (folder / marker).is_file() or not any(folder.iterdir())):
        return None
    return error(
        "output-not-ours", None, f"{folder} exists and was not made by briefing (it has no "
        f"{marker} marker); it was left alone and nothing was published.",
        f"move it away, or point {key} in site_config.yml at another folder.",
    )


def _material_languages() -> set[str]:
    """The interface languages Material ships translations for."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return {p.stem for p in folder.glob("*.html")}


def _reset(folder: Path, marker: str) -> None:
    """Empty `folder` (only ever one briefing made) and mark it as briefing's."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / marker).write_text("made by briefing; replaced on every build\n", encoding="utf-8")


def _swap(staging: Path, output: Path) -> None:
    """Replace `output` with the finished `staging` folder; the site is never missing.

    Where the system can exchange two folders in one step (Linux), it does; else
    the old site is renamed aside first, and a build killed between the two
    renames is mended by the next one (see `_recover`).
    """
    if output.exists() and _exchange(staging, output):
        shutil.rmtree(staging, ignore_errors=True)        # now holds the old site
        return
    retired = _beside(output, "old")
    shutil.rmtree(retired, ignore_errors=True)
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically with renameat2(RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):                    # no such call in this C library
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    at_cwd, exchange = -100, 2
    return renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), exchange) == 0


def _recover(output: Path, retired: Path) -> None:
    """Put back a site a killed build had renamed aside and not yet replaced."""
    if not output.exists() and (retired / OWNED_SITE).is_file():
        retired.rename(output)


class _Collector(logging.Handler):
    """Keeps MkDocs' warnings and errors as diagnostics."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.found: list[Diagnostic] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        make = error if record.levelno >= logging.ERROR else warning
        self.found.append(make("mkdocs", None, message,
                               "a template or generated link is wrong; please report it."))


@contextlib.contextmanager
def _source_date_epoch(build_date: datetime) -> Iterator[None]:
    """Pin MkDocs' build date (sitemap, footer) so output is reproducible."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(build_date.timestamp()))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _run_mkdocs(config_file: Path, build_date: datetime) -> list[Diagnostic]:
    """Build with MkDocs, returning its warnings and errors as diagnostics."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(collector)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        with _source_date_epoch(build_date):
            build(load_config(config_file=str(config_file)))
    except MkDocsException as exc:
        collector.found.append(error("mkdocs", None, f"MkDocs failed: {exc}",
                                     "see the messages above."))
    except Exception as exc:  # the engine's own failures, reported as errors
        collector.found.append(error("mkdocs", None, f"MkDocs failed: {exc!r}",
                                     "run with --debug and report it."))
    finally:
        logger.removeHandler(collector)
        logger.setLevel(level)
        logger.propagate = propagate
    return collector.found
