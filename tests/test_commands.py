"""The editor's commands: import, new, diff, suggest, and what build and check print."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
import yaml

import build
from briefing.config import load_config
from briefing.diagnostics import BufferReporter
from briefing.pipeline import read_content

from .conftest import ROOT, SAMPLES

PASTED = """\
Skip to main content
World
Harbour strike ends after ten days of talks
Listen to this article
By Ana Ruiz, Reuters
PORT VELM, March 2 (Reuters) - Dock workers in Port Velm voted on Monday to end a
ten-day strike after the harbour authority agreed to a new shift pattern.
"We got what we came for," union leader Tomas Berg told reporters outside the hall.
The strike had held up more than 40 ships, the authority said.
Share this article
"""


def run(args: list[str], project, stdin: str | None = None, monkeypatch=None) -> int:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return build.main([*args, "--config", str(project.root / "site_config.yml")])


def articles_of(project) -> dict[str, object]:
    content = read_content(load_config(project.root / "site_config.yml").config,
                           BufferReporter())
    return {a.path: a for a in content.articles}


@pytest.mark.parametrize("command", ["build", "check", "serve", "import", "new", "diff",
                                     "suggest"])
def test_every_command_has_help_with_examples(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        build.main([command, "--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert f"usage: build.py {command}" in out and "examples:" in out


def test_top_level_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        build.main(["--help"])
    out = capsys.readouterr().out
    for command in ("build", "check", "serve", "import", "new", "diff", "suggest"):
        assert f"    {command} " in out


def test_an_empty_content_folder_is_an_error_unless_allowed(make_project, capsys):
    project = make_project({})
    assert run(["build"], project) == 1
    err = capsys.readouterr().err
    assert "error[no-articles]: no articles found in content/" in err
    assert err.strip().splitlines()[-1].startswith("Build failed with 1 error")
    assert not project.site.exists()
    assert run(["check"], project) == 1
    assert run(["build", "--allow-empty"], project) == 0
    assert (project.site / "index.html").is_file()


def test_the_last_lines_name_the_problem_files_and_where_the_site_is(make_project, capsys):
    project = make_project({"good.txt": "Headline\nMark Carney spoke.\n",
                            "bad.md": "---\ntitle: a: b\n---\nBody\n"})
    assert run([], project) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[-3:-1] == ["Problems in 1 file:", "  content/bad.md: 1 error"]
    assert lines[-1].startswith("Built site/ in ") or "/site/ in " in lines[-1]
    assert "with 1 error and 0 warnings (listed above)" in lines[-1]
    assert "View it: python build.py serve" in lines[-1]


def test_stages_log_their_counts_when_not_on_a_terminal(make_project, capsys):
    project = make_project({"a.txt": "One\nText.\n", "b.txt": "Two\nMore text.\n"})
    run([], project)
    err = capsys.readouterr().err
    for line in ("Loading: 2 (", "Normalizing: 2 (", "Extracting: 2 ("):
        assert line in err


def test_import_writes_a_clean_article_with_inferred_fields_marked(make_project, capsys,
                                                                    monkeypatch):
    project = make_project({})
    code = run(["import", "-", "--url", "https://www.reuters.com/world/strike-ends"], project,
               PASTED, monkeypatch)
    out = capsys.readouterr().err
    assert code == 0, out
    (written,) = project.content.iterdir()
    text = written.read_text()
    assert written.name.endswith("harbour-strike-ends-after-ten-days-of-talks.md")
    assert text.startswith('---\ntitle: "Harbour strike ends after ten days of talks"')
    assert '"https://www.reuters.com/world/strike-ends"' in text
    assert "# inferred from" in text
    assert "Listen to this article" not in text and "Skip to main content" not in text
    assert "Removed" in out and "- Listen to this article" in out
    (article,) = articles_of(project).values()
    assert article.title == "Harbour strike ends after ten days of talks"
    assert "We got what we came for" in article.body


def test_import_refuses_to_overwrite_and_names_the_copy(make_project, capsys, monkeypatch):
    project = make_project({})
    assert run(["import", "-"], project, PASTED, monkeypatch) == 0
    (first,) = project.content.iterdir()
    before = first.read_text()
    assert run(["import", "-"], project, PASTED, monkeypatch) == 1
    assert "already exists" in capsys.readouterr().err
    assert first.read_text() == before
    retitled = PASTED.replace("Harbour strike ends after ten days of talks",
                              "Port Velm dockers vote to end strike")
    assert run(["import", "-"], project, retitled, monkeypatch) == 0
    err = capsys.readouterr().err
    assert f"of content/{first.name}: containment" in err and "similarity" in err


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir()))
def test_import_keeps_what_the_build_reads_from_every_sample(sample, make_project, tmp_path):
    original = make_project({sample: (SAMPLES / sample).read_text()}, name="original")
    (before,) = articles_of(original).values()
    imported = make_project({}, name="imported")
    assert run(["import", str(SAMPLES / sample)], imported) == 0
    (after,) = articles_of(imported).values()
    assert after.title == before.title
    assert after.date == before.date
    assert after.source == before.source
    assert after.authors == before.authors
    assert after.tags == before.tags
    assert [b.text for b in after.blocks] == [b.text for b in before.blocks]


def test_new_writes_an_empty_valid_article(make_project, capsys):
    project = make_project({})
    code = run(["new", "Talks resume in Geneva", "--source", "Reuters", "--url",
                "https://example.org/a", "--date", "2026-03-04"], project)
    assert code == 0
    written = project.content / "2026-03-04-talks-resume-in-geneva.md"
    fm = yaml.safe_load(written.read_text().split("---")[1])
    assert fm["title"] == "Talks resume in Geneva" and fm["source"] == "Reuters"
    assert fm["date"] == "2026-03-04" and fm["url"] == "https://example.org/a"
    assert run(["check"], project) == 0


def test_diff_reports_what_a_change_adds(make_project, capsys):
    base = make_project({"a.txt": "Harbour talks resume\nUnion leader Ana Ruiz met "
                                  "the harbour authority on Monday.\n"}, name="base")
    run([], base)
    changed = make_project({"a.txt": (base.content / "a.txt").read_text(),
                            "b.md": "---\ntitle: Strike ends\ndate: 2026-03-02\nsource: "
                                    "Reuters\n---\nDock workers voted to end the strike, "
                                    "union leader Ana Ruiz said on Monday.\n"}, name="new")
    run([], changed)
    capsys.readouterr()
    code = build.main(["diff", str(base.site), str(changed.site / "data" / "briefing.json")])
    out = capsys.readouterr().out
    assert code == 0
    assert "| articles | 1 | 2 | +1 |" in out
    assert "### Articles added (1)" in out and "[Strike ends](" in out and "Reuters" in out
    assert "### Sources new to the briefing (1)" in out
    assert "### Problems" in out


def test_suggest_prints_yaml_that_site_config_accepts(make_project, capsys):
    project = make_project({"a.txt": "Talks\nThe talks were led by Ana Ruiz, a union "
                                     "leader, who said the deal was close.\n",
                            "b.txt": "More talks\nAna Ruiz, the union leader, said talks "
                                     "on shift patterns would go on.\n"})
    assert run(["suggest"], project) == 0
    suggested = yaml.safe_load(capsys.readouterr().out)
    names = [a["name"] for a in suggested["actors"]]
    assert "Ana Ruiz" in names
    config = project.root / "site_config.yml"
    config.write_text(config.read_text() + yaml.safe_dump({"exclude_actors": names}))
    assert load_config(config).diagnostics == ()


def test_workflows_are_valid_github_workflows():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-workflows", *map(str, workflows)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_publishing_is_not_gated_on_the_generators_own_tests():
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = [step.get("run", "") for job in pages["jobs"].values()
             for step in job.get("steps", [])]
    assert not any("pytest" in step for step in steps)
    assert any("build.py check" in step for step in steps)


def test_publishing_keeps_the_last_build_for_the_next_run():
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = pages["jobs"]["build"]["steps"]
    (cache,) = [step for step in steps if step.get("uses", "").startswith("actions/cache")]
    (build,) = [step for step in steps if "build.py --base-url" in step.get("run", "")]
    assert set(cache["with"]["path"].split()) == {".briefing-build", "site"}
    assert steps.index(cache) < steps.index(build)


def test_pull_requests_get_a_summary_and_the_built_site():
    check = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text())
    (job,) = check["jobs"].values()
    runs = " ".join(step.get("run", "") for step in job["steps"])
    uses = [step.get("uses", "") for step in job["steps"]]
    assert "build.py diff" in runs and "GITHUB_STEP_SUMMARY" in runs
    assert any(u.startswith("actions/upload-artifact") for u in uses)
    assert json.dumps(check).count("pull_request") >= 1


def test_import_keeps_a_dateline_paragraph_broken_over_two_lines(make_project, monkeypatch):
    project = make_project({})
    assert run(["import", "-"], project, PASTED, monkeypatch) == 0
    (article,) = articles_of(project).values()
    assert article.blocks[0].text.startswith(
        "Dock workers in Port Velm voted on Monday to end a ten-day strike after")
    assert article.alt_titles == ()
