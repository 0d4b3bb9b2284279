"""Config: typed, validated, every problem collected, every key documented."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.config import documented_keys, load_config

from .conftest import SAMPLE_CONFIG

ROOT = Path(__file__).resolve().parents[1]


def load(tmp_path: Path, text: str):
    path = tmp_path / "site_config.yml"
    path.write_text(text)
    return load_config(path)


def test_the_sample_config_is_valid():
    result = load_config(SAMPLE_CONFIG)
    assert result.config is not None
    assert result.diagnostics == ()
    assert len(result.config.actors) >= 20


def test_defaults_for_an_empty_config(tmp_path):
    result = load(tmp_path, "")
    assert result.config.title == "Briefing" and result.config.timezone == "UTC"
    assert result.config.thresholds.near_duplicate == 0.7


def test_unknown_key_warns_with_a_suggestion(tmp_path):
    result = load(tmp_path, "titel: X\nthresholds:\n  near_duplicat: 0.5\n")
    messages = [d.format() for d in result.diagnostics]
    assert any("'titel'" in m and "did you mean 'title'" in m for m in messages)
    assert any("'thresholds.near_duplicat'" in m and "thresholds.near_duplicate" in m
               for m in messages)


def test_every_problem_is_collected_not_just_the_first(tmp_path):
    result = load(tmp_path, (
        "timezone: Mars/Olympus\nthresholds:\n  near_duplicate: 7\n  shingle_size: many\n"
        "base_url: example.org\nactors:\n  - name: A\n    type: alien\n  - aliases: [x]\n"))
    codes = sorted(d.code for d in result.diagnostics)
    assert codes == ["config-actor-type", "config-base-url", "config-missing-key",
                     "config-range", "config-timezone", "config-type"]


def test_invalid_yaml_names_the_line(tmp_path):
    result = load(tmp_path, "title: ok\nactors: [a, b\n")
    assert result.config is None
    (problem,) = result.diagnostics
    assert problem.code == "config-yaml" and problem.line is not None


def test_entries_may_be_bare_names(tmp_path):
    result = load(tmp_path, "actors: [Mark Carney]\nissues: [Taiwan]\n")
    assert result.config.actors[0].name == "Mark Carney"
    assert result.config.actors[0].type == "person"
    assert result.config.issues[0].name == "Taiwan"


def test_every_config_key_is_documented():
    docs = (ROOT / "docs" / "configuration.md").read_text()
    missing = [key for key in documented_keys() if f"`{key}`" not in docs]
    assert missing == []


def test_every_diagnostic_code_is_documented():
    source = "\n".join(p.read_text() for p in (ROOT / "briefing").rglob("*.py"))
    codes = set(re.findall(r'(?:error|warning)\(\s*"([a-z0-9-]+)"', source))
    codes |= set(re.findall(r'Diagnostic\(\s*Severity\.\w+,\s*"([a-z0-9-]+)"', source))
    codes |= {f"bad-{fmt}" for fmt in ("yaml", "toml", "json")}
    assert len(codes) > 15
    docs = (ROOT / "docs" / "diagnostics.md").read_text()
    assert sorted(code for code in codes if f"`{code}`" not in docs) == []
