"""Invalid inputs: one folder per problem, each with the exact messages editors see.

Each folder under tests/invalid/ holds content/ (and optionally site_config.yml)
and expected.txt: the diagnostics `build.py check` reports, one per line, in
order. `pytest --update-golden` rewrites expected.txt; review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.diagnostics import BufferReporter
from briefing.pipeline import read_content

INVALID = Path(__file__).parent / "invalid"
CASES = sorted(p for p in INVALID.iterdir() if p.is_dir())
DEFAULT_CONFIG = "title: Invalid input\nbase_url: https://example.org/\n"


def check_messages(case: Path, project: Path) -> list[str]:
    shutil.copytree(case / "content", project / "content")
    config_text = (case / "site_config.yml").read_text() if (case / "site_config.yml").exists() \
        else DEFAULT_CONFIG
    (project / "site_config.yml").write_text(config_text, encoding="utf-8")
    loaded = load_config(project / "site_config.yml")
    messages = [d.format() for d in loaded.diagnostics]
    if loaded.config is not None and not any(d.severity.value == "error"
                                             for d in loaded.diagnostics):
        content = read_content(loaded.config, BufferReporter())
        messages += [d.format() for d in content.diagnostics]
        for record in content.records:
            messages.append(f"report: {record.path}: {record.outcome.value}"
                            + (f" ({record.reason})" if record.reason else ""))
    return messages


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_invalid_input_messages(case: Path, tmp_path: Path, request: pytest.FixtureRequest):
    messages = check_messages(case, tmp_path / "project")
    expected_file = case / "expected.txt"
    if request.config.getoption("--update-golden"):
        expected_file.write_text("\n".join(messages) + "\n", encoding="utf-8")
        return
    assert messages == expected_file.read_text(encoding="utf-8").splitlines()
    assert any(":" in m and ("error[" in m or "warning[" in m) for m in messages)
