"""The sample site built by each installed HTML engine (`engine:` in site_config.yml).

MkDocs is always installed; ProperDocs and Zensical are tested where they are
(`pip install properdocs zensical`) and skipped otherwise. Each must give a page
per entity, the titles, working links under the sub-path, and no engine error.
"""

from __future__ import annotations

import pytest

from briefing.config import load_config
from briefing.diagnostics import BufferReporter, Severity
from briefing.engines import ENGINES
from briefing.pipeline import BuildResult, run_build

from .conftest import SUBPATH_BASE_URL, copy_sample
from .site_links import broken_links
from .test_end_to_end import page_title_of


@pytest.fixture(scope="module", params=sorted(ENGINES))
def engine_build(request, tmp_path_factory) -> tuple[str, BuildResult]:
    engine = ENGINES[request.param]
    if not engine.installed():
        pytest.skip(f"{engine.name} is not installed ({engine.install})")
    config_path = copy_sample(tmp_path_factory.mktemp(engine.name) / "p", SUBPATH_BASE_URL)
    config_path.write_text(config_path.read_text() + f"\nengine: {engine.name}\n")
    config = load_config(config_path).config
    assert config is not None and config.engine == engine.name
    return engine.name, run_build(config, BufferReporter())


def test_the_engine_builds_without_errors(engine_build):
    _, result = engine_build
    assert result.site_dir is not None, [d.format() for d in result.diagnostics]
    assert not [d.format() for d in result.diagnostics if d.severity is Severity.ERROR]


def test_one_page_per_entity_with_its_title(engine_build):
    _, result = engine_build
    assert result.site_dir is not None and result.index is not None
    for kind in ("articles", "actors", "issues", "sources", "stories"):
        ids = sorted(view.id for view in getattr(result.index, kind))
        assert sorted(p.parent.name for p in (result.site_dir / kind).glob("*/index.html")) == ids
    for view in result.index.articles:
        html = (result.site_dir / "articles" / view.id / "index.html").read_text()
        assert page_title_of(html) == view.title


def test_links_resolve_and_the_extras_are_there(engine_build):
    _, result = engine_build
    assert result.site_dir is not None
    assert broken_links(result.site_dir, SUBPATH_BASE_URL) == []
    for extra in (".nojekyll", "build-report.json", "data/briefing.json",
                  "assets/briefing.css"):
        assert (result.site_dir / extra).is_file(), extra
    assert not (result.site_dir.parent / ".briefing-build" / "html").exists()


def test_an_engine_that_is_not_installed_is_an_error(make_project, monkeypatch):
    project = make_project({"a.txt": "Title\n\nSome text here.\n"},
                           config="title: T\nbase_url: https://e.org/\nengine: zensical\n")
    monkeypatch.setattr(type(ENGINES["zensical"]), "installed", lambda self: False)
    result, _ = project.build()
    assert result.site_dir is None
    assert [d.code for d in result.diagnostics if d.severity is Severity.ERROR] == \
        ["engine-missing"]


def test_an_unknown_engine_is_a_config_error(tmp_path):
    path = tmp_path / "site_config.yml"
    path.write_text("title: T\nengine: hugo\n")
    assert "config-engine" in [d.code for d in load_config(path).diagnostics]
