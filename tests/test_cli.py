"""build.py: exit codes, the check command, and messages for editors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import build

from .conftest import buffered_env

BAD_FILES = {
    "good.txt": "Headline\nMark Carney spoke.\n",
    "bad.md": "---\ntitle: a: b\n---\nBody\n",
}


def test_build_succeeds_and_summarises(make_project, capsys):
    project = make_project({"good.txt": BAD_FILES["good.txt"]})
    code = build.main(["--config", str(project.root / "site_config.yml")])
    err = capsys.readouterr().err
    assert code == 0
    assert f"Built {os.path.relpath(project.site)}/ in " in err
    assert "1 article, 1 actor, 0 issues, 0 sources from 1 input file." in err
    assert (project.site / "index.html").is_file()


def test_check_reports_file_and_line_and_exits_1(make_project, capsys):
    project = make_project(BAD_FILES)
    code = build.main(["check", "--config", str(project.root / "site_config.yml")])
    err = capsys.readouterr().err
    assert code == 1
    assert "content/bad.md:2:" in err and "error[bad-yaml]" in err and "Hint:" in err
    assert not project.site.exists()


def test_check_prints_github_annotations_in_actions(make_project, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    project = make_project(BAD_FILES)
    build.main(["check", "--config", str(project.root / "site_config.yml")])
    assert "::error file=content/bad.md,line=2," in capsys.readouterr().err


def test_build_with_a_bad_file_still_publishes_the_rest_and_exits_1(make_project, capsys):
    project = make_project(BAD_FILES)
    code = build.main(["--config", str(project.root / "site_config.yml")])
    assert code == 1
    assert (project.site / "articles" / "headline" / "index.html").is_file()
    report = (project.site / "build-report.json").read_text()
    assert '"path": "bad.md"' in report and '"outcome": "skipped"' in report


def test_strict_fails_on_warnings(make_project):
    project = make_project({"a.md": "---\ntitle: T\ntags: 'x, y'\n---\nBody\n"})
    config = str(project.root / "site_config.yml")
    assert build.main(["--config", config]) == 0
    assert build.main(["--config", config, "--strict"]) == 1


def test_missing_config_is_a_clear_error(tmp_path, capsys):
    assert build.main(["--config", str(tmp_path / "nope.yml")]) == 1
    assert "error[config-missing]" in capsys.readouterr().err


def test_base_url_option_overrides_the_config(make_project):
    project = make_project({"good.txt": BAD_FILES["good.txt"]})
    build.main(["--config", str(project.root / "site_config.yml"),
                "--base-url", "https://someone.github.io/fork/"])
    assert "https://someone.github.io/fork/articles/" in (project.site / "sitemap.xml").read_text()


def test_invalid_base_url_option_is_rejected(make_project, capsys):
    project = make_project({"good.txt": BAD_FILES["good.txt"]})
    code = build.main(["--config", str(project.root / "site_config.yml"), "--base-url", "owner.io"])
    assert code == 1 and "error[config-base-url]" in capsys.readouterr().err
    assert not project.site.exists()


def test_config_warnings_count_under_strict_and_reach_the_report(make_project):
    project = make_project({"good.txt": BAD_FILES["good.txt"]})
    config = project.root / "site_config.yml"
    config.write_text(config.read_text() + "colour: blue\n")
    assert build.main(["--config", str(config)]) == 0
    assert "config-unknown-key" in (project.site / "build-report.json").read_text()
    assert build.main(["--config", str(config), "--strict"]) == 1


def test_build_py_run_as_a_program_delivers_its_output_and_exit_code(make_project):
    """`python build.py` ends without freeing its heap (`heap.exit_now`): what it
    printed to a pipe still arrives whole, and its exit code is the command's."""
    project = make_project(BAD_FILES)
    config = str(project.root / "site_config.yml")
    program = str(Path(build.__file__).resolve())
    for edit in ("", "\nMark Carney spoke again.\n"):   # a first build, then a rebuild
        with open(project.root / "content" / "good.txt", "a", encoding="utf-8") as file:
            file.write(edit)
        done = subprocess.run([sys.executable, program, "--config", config], text=True,
                              capture_output=True, cwd=project.root, env=buffered_env())
        assert done.returncode == 1, done.stderr    # the bad file
        assert done.stderr.splitlines()[-1].startswith("Built site/ in ")
    done = subprocess.run([sys.executable, program, "suggest", "--config", config],
                          text=True, capture_output=True, cwd=project.root, env=buffered_env())
    assert done.returncode == 0
    assert done.stdout.startswith("#") and done.stdout.endswith("\n")
