"""bench/conformance.py: scores a suite folder against a peer's expectations.

The real suites live in ../shared/conformance and are never copied here; this
test runs the scorer on a tiny suite written for the purpose.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("conformance", ROOT / "bench" / "conformance.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def make_suite(root: Path) -> Path:
    suite = root / "peer"
    (suite / "posts").mkdir(parents=True)
    (suite / "posts" / "2020-05-01-harbour-notes.md").write_text(
        "---\ntitle: Harbour notes\ntags: [fish]\n---\n\nThe quay was quiet on Friday.\n")
    (suite / "posts" / "draft.md").write_text("---\ntitle: Later\ndraft: true\n---\nSoon.\n")
    (root / "peer.expected.yml").write_text(
        "posts/2020-05-01-harbour-notes.md:\n  published: true\n  title: Harbour Notes\n"
        "  date: '2020-05-01'\n  tags: [fish]\n"
        "  body_starts: The quay was quiet (rendered) ...\n"
        "posts/draft.md:\n  published: false\n")
    return suite


def test_a_suite_is_scored_per_field(bench, tmp_path):
    make_suite(tmp_path)
    (name, folder, expected), = bench.suites(tmp_path)
    tallies = bench.score_suite(folder, yaml.safe_load(expected.read_text()))
    assert name == "peer"
    assert {f: (t.n, t.agree) for f, t in tallies.items()} == {
        "published": (2, 2), "title": (1, 1), "date": (1, 1), "tags": (1, 1),
        "categories": (1, 1), "summary": (0, 0), "body": (1, 1)}


def test_a_missing_suites_folder_is_skipped_with_a_message(bench, tmp_path, capsys):
    assert bench.main(["--suites", str(tmp_path / "absent")]) == 0
    assert "no conformance suites" in capsys.readouterr().out


@pytest.mark.parametrize("description,pieces", [
    ("Foo Bar (h1 from {{ page.title }}) / Best post ever", ["Foo Bar", "Best post ever"]),
    ("(for loop over site.posts rendered)", []),
    ("(Liquid rendered: Buckaroo Banzai ...)", ["Buckaroo Banzai"]),
    ("url: /2008/11/21/x.html ... (Liquid rendered)", ["url: /2008/11/21/x.html"]),
])
def test_body_descriptions_are_read_for_their_literal_text(bench, description, pieces):
    assert [p.strip() for p in bench.literal_pieces(description)] == pieces
