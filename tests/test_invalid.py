"""Invalid inputs: one folder per problem, each with the exact messages editors see.

Each folder under tests/invalid/ holds content/ (and optionally site_config.yml)
and expected.txt: the diagnostics `build.py check` reports, one per line, in
order, then the fate of every input file. Some cases are hostile but valid
(`hostile-shapes`, `config-pattern-redos`): their point is that they are read at
all, quickly, and accounted for; `bench/hostile_inputs.py` times such shapes.
`pytest --update-golden` rewrites expected.txt; review the diff.

Files that git cannot carry well (names with newlines or control characters,
symlink loops) are described in `content.json` instead: a mapping of file name to
text, where a text starting with `symlink:` makes a symlink to the rest.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from briefing.characters import printable
from briefing.config import load_config
from briefing.diagnostics import BufferReporter
from briefing.pipeline import read_content

INVALID = Path(__file__).parent / "invalid"
CASES = sorted(p for p in INVALID.iterdir() if p.is_dir())
DEFAULT_CONFIG = "title: Invalid input\nbase_url: https://example.org/\n"


def make_content(case: Path, content: Path) -> None:
    """content/ as the case describes it: copied, plus the files of content.json."""
    if (case / "content").is_dir():
        shutil.copytree(case / "content", content)
    content.mkdir(parents=True, exist_ok=True)
    described = case / "content.json"
    if described.exists():
        for name, text in json.loads(described.read_text(encoding="utf-8")).items():
            if text.startswith("symlink:"):
                os.symlink(text.removeprefix("symlink:"), content / name)
            else:
                (content / name).write_text(text, encoding="utf-8", errors="surrogatepass")


def check_messages(case: Path, project: Path) -> list[str]:
    make_content(case, project / "content")
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
            messages.append(f"report: {printable(record.path)}: {record.outcome.value}"
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
    config_failed = any(m.startswith("site_config.yml:") and "error[" in m for m in messages)
    if not config_failed:          # every input file is accounted for, whatever it holds
        content = tmp_path / "project" / "content"
        files = sorted(printable(p.relative_to(content).as_posix())
                       for p in content.rglob("*") if p.is_file() or p.is_symlink())
        reported = sorted(m.split(": ", 2)[1] for m in messages if m.startswith("report: "))
        assert reported == files
