"""Shared fixtures: throwaway projects built from small inputs, and the sample build."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing.config import SiteConfig, load_config
from briefing.diagnostics import BufferReporter
from briefing.pipeline import BuildResult, run_build

ROOT = Path(__file__).resolve().parents[1]
SUBPATH_BASE_URL = "https://owner.github.io/briefing-repo/"
MINIMAL_CONFIG = """\
title: Test briefing
base_url: https://example.org/test/
timezone: UTC
actors:
  - name: Mark Carney
    aliases: [Carney]
  - name: Xi Jinping
    aliases: [Xi]
issues:
  - name: Canola
    keywords: [canola]
sources:
  - name: Torontoer
    aliases: [Torontoer Staff]
"""


@dataclass
class Project:
    """A project folder on disk: config, content/ and a copy of the real templates/."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, rel: str, text: str | bytes) -> Path:
        """Add a content file."""
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def config(self) -> SiteConfig:
        loaded = load_config(self.root / "site_config.yml")
        assert loaded.config is not None, [d.format() for d in loaded.diagnostics]
        return loaded.config

    def build(self) -> tuple[BuildResult, BufferReporter]:
        reporter = BufferReporter()
        return run_build(self.config(), reporter), reporter


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Project]:
    """Create a project with the given config text and content files."""

    def make(files: dict[str, str | bytes] | None = None, config: str = MINIMAL_CONFIG,
             name: str = "project") -> Project:
        project = Project(tmp_path / name)
        project.content.mkdir(parents=True)
        shutil.copytree(ROOT / "templates", project.root / "templates")
        (project.root / "site_config.yml").write_text(config, encoding="utf-8")
        for rel, text in (files or {}).items():
            project.write(rel, text)
        return project

    return make


SAMPLES = ROOT / "tests" / "fixtures" / "samples"
SAMPLE_CONFIG = ROOT / "tests" / "fixtures" / "sample_site_config.yml"


def copy_sample(target: Path, base_url: str | None = None) -> Path:
    """Copy the sample project (the tests' own copy of the five sample articles and
    their config, never the site owner's content/ or site_config.yml, plus the
    templates) to `target`."""
    target.mkdir(parents=True)
    shutil.copytree(SAMPLES, target / "content")
    shutil.copytree(ROOT / "templates", target / "templates")
    config = SAMPLE_CONFIG.read_text(encoding="utf-8")
    if base_url:
        config = "\n".join(
            f'base_url: "{base_url}"' if line.startswith("base_url:") else line
            for line in config.splitlines()
        ) + "\n"
    (target / "site_config.yml").write_text(config, encoding="utf-8")
    return target / "site_config.yml"


@dataclass
class SampleBuild:
    result: BuildResult
    reporter: BufferReporter
    config: SiteConfig
    site: Path


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> SampleBuild:
    """The sample content built once, published under a project-page sub-path."""
    config_path = copy_sample(tmp_path_factory.mktemp("sample") / "project", SUBPATH_BASE_URL)
    loaded = load_config(config_path)
    assert loaded.config is not None
    reporter = BufferReporter()
    result = run_build(loaded.config, reporter)
    assert result.site_dir is not None, [d.format() for d in result.diagnostics]
    return SampleBuild(result, reporter, loaded.config, result.site_dir)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*/expected and tests/invalid/*/expected.txt "
                          "from the current output (review the diff before committing)")


def count_compiles(monkeypatch) -> list[str]:
    """From now on, the name of every template Jinja compiles, in order."""
    from jinja2 import Environment

    compiled: list[str] = []
    compile_ = Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", counting)
    return compiled


def buffered_env() -> dict[str, str]:
    """This process's environment, with a child's output to a pipe buffered."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
