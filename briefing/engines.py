"""The HTML engines that turn the generated Markdown into a site, for `publish.py`.

Part of the publish stage: `publish.py` writes the docs and the engine's config,
and calls `run_engine()`, which builds HTML into the folder the settings name.
Three engines read the same generated `mkdocs.yml` with the Material theme:

- `mkdocs` (default): MkDocs 1.x (pinned below 2, a different program) and
  Material's own search plugin.
- `properdocs`: the maintained continuation of MkDocs 1.x under a new name
  (`pip install properdocs`). Material's plugins subclass MkDocs' plugin class,
  which ProperDocs refuses, so it uses its own search plugin (`/search`, the
  lunr index MkDocs itself always wrote).
- `zensical`: the Material team's successor, which reads `mkdocs.yml` (`pip
  install zensical`). It only builds inside its config's folder and prints
  instead of logging, so it runs as `python -m zensical build` in the build
  folder, writes `html/` there, and `publish.py` moves the pages into staging.

An engine that is not installed is an error naming the package to install.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, error, warning

ZENSICAL_HTML = "html"       # zensical's site folder, inside the build folder
# What MkDocs warns on every dirty build, which here is not the reader's concern.
DIRTY_WARNING = "A 'dirty' build is being performed"


@dataclass(frozen=True)
class Engine:
    """An HTML engine: what it is called, the module it needs, how to install it."""

    name: str
    module: str
    install: str
    # Zensical rewrites relative links in raw HTML as it does Markdown links, from
    # the source file's folder; MkDocs and ProperDocs leave raw HTML alone, so those
    # links must already be relative to the page's published (directory) URL.
    raw_links_from_source: bool = False

    def installed(self) -> bool:
        """Whether its module can be imported here."""
        return importlib.util.find_spec(self.module) is not None


ENGINES = {engine.name: engine for engine in (
    Engine("mkdocs", "mkdocs", "pip install 'mkdocs>=1.6,<2' mkdocs-material"),
    Engine("properdocs", "properdocs", "pip install properdocs"),
    Engine("zensical", "zensical", "pip install zensical", raw_links_from_source=True),
)}
DEFAULT_ENGINE = "mkdocs"


def engine_settings(name: str, settings: dict[str, Any], staging: Path) -> dict[str, Any]:
    """The generated MkDocs settings as engine `name` needs them."""
    if name == "properdocs":
        return {**settings, "plugins": [f"/{p}" if isinstance(p, str) else p
                                        for p in settings["plugins"]]}
    if name == "zensical":
        # Paths inside the config's folder, relative: zensical refuses others.
        return {**settings, "docs_dir": Path(settings["docs_dir"]).name,
                "site_dir": ZENSICAL_HTML}
    return {**settings, "site_dir": str(staging)}


def engine_output(name: str, config_file: Path, staging: Path) -> Path:
    """Where engine `name` leaves the HTML: staging, or a folder beside its config."""
    return config_file.parent / ZENSICAL_HTML if name == "zensical" else staging


def run_engine(name: str, config_file: Path, build_date: datetime, plugin: Any = None,
               dirty: bool = False, site_dir: str | None = None) -> list[Diagnostic]:
    """Build HTML with engine `name` from `config_file`; its problems as diagnostics.

    MkDocs and ProperDocs take a `plugin` of their own (see `engine_pages`), build
    only the pages it leaves modified when `dirty`, and into `site_dir` if given."""
    engine = ENGINES[name]
    if not engine.installed():
        return [error("engine-missing", None, f"the HTML engine '{name}' (engine: in "
                      "site_config.yml) is not installed.", f"{engine.install}, or remove "
                      "engine: to build with MkDocs.")]
    if name == "zensical":
        return _run_zensical(config_file, build_date)
    return _run_mkdocs_like(name, config_file, build_date, plugin, dirty, site_dir)


def plugin_api(name: str) -> tuple[type, Any]:
    """Engine `name`'s plugin base class and `event_priority` decorator, for plugins
    briefing hands it (each engine only takes subclasses of its own class)."""
    plugins = importlib.import_module(f"{name}.plugins")
    return plugins.BasePlugin, plugins.event_priority


def toc_builder(name: str) -> Any:
    """Engine `name`'s `get_toc`, which makes a page's table of contents from
    Python-Markdown's toc tokens (for pages its plugin passes through)."""
    return importlib.import_module(f"{name}.structure.toc").get_toc


class _Collector(logging.Handler):
    """Keeps an engine's warnings and errors as diagnostics."""

    def __init__(self, engine: str, dirty: bool = False) -> None:
        super().__init__(logging.WARNING)
        self.engine = engine
        self.dirty = dirty
        self.found: list[Diagnostic] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        if self.dirty and message.startswith(DIRTY_WARNING):
            return                      # briefing chose which pages to rebuild
        make = error if record.levelno >= logging.ERROR else warning
        self.found.append(make("mkdocs", None, message,
                               "a template or generated link is wrong; please report it."))


@contextlib.contextmanager
def _source_date_epoch(build_date: datetime) -> Iterator[None]:
    """Pin the engine's build date (sitemap, footer) so output is reproducible."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(build_date.timestamp()))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _run_mkdocs_like(name: str, config_file: Path, build_date: datetime, plugin: Any,
                     dirty: bool, site_dir: str | None) -> list[Diagnostic]:
    """MkDocs or ProperDocs, in this process, with their log collected."""
    # The same API under two names: mkdocs.commands.build.build, properdocs.commands…
    build = importlib.import_module(f"{name}.commands.build").build
    load_config = importlib.import_module(f"{name}.config").load_config
    label = "MkDocs" if name == "mkdocs" else "ProperDocs"
    engine_exception = getattr(importlib.import_module(f"{name}.exceptions"),
                               f"{label}Exception")
    logger = logging.getLogger(name)
    collector = _Collector(name, dirty)
    level, propagate = logger.level, logger.propagate
    logger.addHandler(collector)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        with _source_date_epoch(build_date):
            overrides = {"site_dir": site_dir} if site_dir else {}
            settings = load_config(config_file=str(config_file), **overrides)
            if plugin is not None:
                settings.plugins["briefing/pages"] = plugin
            build(settings, dirty=dirty)
    except engine_exception as exc:
        collector.found.append(error("mkdocs", None, f"{label} failed: {exc}",
                                     "see the messages above."))
    except Exception as exc:  # the engine's own failures, reported as errors
        collector.found.append(error("mkdocs", None, f"{label} failed: {exc!r}",
                                     "run with --debug and report it."))
    finally:
        logger.removeHandler(collector)
        logger.setLevel(level)
        logger.propagate = propagate
    return collector.found


def _run_zensical(config_file: Path, build_date: datetime) -> list[Diagnostic]:
    """Zensical in a child process in the build folder; a failure's output is the error."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(build_date.timestamp()))}
    done = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", config_file.name],
                          cwd=config_file.parent, env=env, capture_output=True, text=True)
    if done.returncode == 0:
        return []
    said = " ".join((done.stderr or done.stdout).split())[-600:]
    return [error("mkdocs", None, f"Zensical failed: {said}", "run with --debug and report it.")]
