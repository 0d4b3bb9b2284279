"""Golden sites: small projects whose generated pages and build report are committed.

Each folder under tests/golden/ holds a site_config.yml, a content/ folder and the
expected output in expected/. Run `pytest --update-golden` after an intended
change and review the diff of expected/ before committing it.
"""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.diagnostics import BufferReporter
from briefing.pipeline import run_build

from .conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.iterdir() if p.is_dir())


def generated(project: Path) -> dict[str, str]:
    """The generated pages (HTML and Markdown) and the build report, as text."""
    docs = project / ".briefing-build" / "docs"
    files = {f"docs/{p.relative_to(docs).as_posix()}": p.read_text(encoding="utf-8")
             for p in sorted(docs.rglob("*.md"))}
    report = json.loads((project / "site" / "build-report.json").read_text(encoding="utf-8"))
    files["build-report.json"] = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    return files


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden_site(case: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    project = tmp_path / case.name
    shutil.copytree(case / "content", project / "content")
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy(case / "site_config.yml", project / "site_config.yml")
    config = load_config(project / "site_config.yml").config
    assert config is not None
    result = run_build(config, BufferReporter())
    assert result.site_dir is not None
    actual = generated(project)
    expected_dir = case / "expected"
    if request.config.getoption("--update-golden"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, text in actual.items():
            (expected_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / rel).write_text(text, encoding="utf-8")
        return
    expected = {p.relative_to(expected_dir).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(expected_dir.rglob("*")) if p.is_file()}
    assert sorted(actual) == sorted(expected), "pages added or removed"
    for rel in expected:
        diff = "".join(difflib.unified_diff(
            expected[rel].splitlines(keepends=True), actual[rel].splitlines(keepends=True),
            f"expected/{rel}", f"actual/{rel}"))
        assert not diff, diff
