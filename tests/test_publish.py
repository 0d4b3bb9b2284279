"""Publish stage: generated MkDocs config, Pages extras, atomic replacement of site/."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from briefing.config import SiteConfig
from briefing.publish import (
    OWNED_BUILD,
    OWNED_SITE,
    last_build,
    mkdocs_config,
    remember_build,
)

ARTICLE = "Headline\nMark Carney spoke about canola.\n"


def test_generated_mkdocs_config_lists_only_sections(tmp_path):
    settings = mkdocs_config(SiteConfig(base_url="https://o.github.io/r", root=tmp_path),
                             tmp_path / "docs", tmp_path / "site")
    assert settings["site_url"] == "https://o.github.io/r/"
    assert [next(iter(entry.values())) for entry in settings["nav"]] == [
        "index.md", "articles/index.md", "stories/index.md", "actors/index.md", "issues/index.md",
        "sources/index.md", "timeline.md", "quotes.md", "figures.md"]
    assert settings["theme"]["name"] == "material"
    assert "search" in settings["plugins"]


def test_failed_build_leaves_the_previous_site_untouched(make_project):
    project = make_project({"a.txt": ARTICLE})
    result, _ = project.build()
    assert result.site_dir == project.site
    marker = project.site / "index.html"
    before = marker.read_bytes()
    (project.root / "templates" / "article.html.j2").write_text("{{ no_such_variable }}")
    project.write("b.txt", "Another\nText.\n")
    failed, _ = project.build()
    assert failed.site_dir is None and failed.failed()
    assert [d.code for d in failed.diagnostics if d.severity.value == "error"] == ["template"]
    assert marker.read_bytes() == before
    assert not (project.site / "articles" / "another").exists()
    assert not any(p.name.startswith(".site.") for p in project.root.iterdir())


def test_rebuild_replaces_the_site_and_removes_stale_pages(make_project):
    project = make_project({"a.txt": ARTICLE, "b.txt": "Second\nMark Carney again.\n"})
    project.build()
    assert (project.site / "articles" / "second" / "index.html").is_file()
    (project.content / "b.txt").unlink()
    project.build()
    assert not (project.site / "articles" / "second").exists()
    assert (project.site / "articles" / "headline" / "index.html").is_file()


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_content_in_a_different_file_order_builds_identical_sites(make_project):
    files = {"b.txt": ARTICLE, "a/c.md": "---\ntitle: C\ndate: 2026-01-02\n---\nXi spoke.\n",
             "d.txt": "Dee\nCanola news.\n"}
    first = make_project(files, name="one")
    second = make_project(dict(reversed(list(files.items()))), name="two")
    first.build()
    second.build()
    assert tree_digest(first.site) == tree_digest(second.site)


def test_a_folder_briefing_did_not_make_is_never_replaced(make_project):
    project = make_project({"a.txt": ARTICLE})
    project.site.mkdir()
    (project.site / "precious.txt").write_text("keep me")
    result, _ = project.build()
    assert result.site_dir is None
    assert [d.code for d in result.diagnostics if d.severity.value == "error"] == [
        "output-not-ours"]
    assert (project.site / "precious.txt").read_text() == "keep me"


def test_config_may_not_point_output_at_the_project(make_project):
    project = make_project({"a.txt": ARTICLE})
    config = project.root / "site_config.yml"
    config.write_text(config.read_text() + "output_dir: .\n")
    from briefing.config import load_config
    codes = [d.code for d in load_config(config).diagnostics]
    assert "config-folder" in codes


def test_strict_build_with_warnings_keeps_the_previous_site(make_project):
    from briefing.config import load_config
    from briefing.diagnostics import BufferReporter
    from briefing.pipeline import run_build

    project = make_project({"a.txt": ARTICLE})
    project.build()
    before = (project.site / "index.html").read_bytes()
    project.write("b.md", "---\ntitle: B\ntags: 'x, y'\n---\nBody\n")
    result = run_build(load_config(project.root / "site_config.yml").config, BufferReporter(),
                       strict=True)
    assert result.site_dir is None
    assert (project.site / "index.html").read_bytes() == before
    assert not (project.site / "articles" / "b").exists()


def test_engine_crash_is_an_error_and_leaves_no_staging(make_project, monkeypatch):
    import mkdocs.commands.build

    project = make_project({"a.txt": ARTICLE})
    project.build()
    before = (project.site / "index.html").read_bytes()

    def explode(config, dirty=False):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(mkdocs.commands.build, "build", explode)
    result, _ = project.build()
    assert result.site_dir is None
    assert any("engine exploded" in d.message for d in result.diagnostics)
    assert (project.site / "index.html").read_bytes() == before
    assert sorted(p.name for p in project.root.iterdir() if p.name.startswith(".site")) == []


def test_unknown_language_falls_back_to_english_with_a_warning(make_project):
    project = make_project({"a.txt": ARTICLE})
    config = project.root / "site_config.yml"
    config.write_text(config.read_text() + "language: zz\n")
    result, _ = project.build()
    assert result.site_dir is not None
    assert "config-language" in [d.code for d in result.diagnostics]
    assert '<html lang="en"' in (project.site / "index.html").read_text()


def test_files_that_merely_look_like_a_site_do_not_make_a_folder_ours(make_project):
    project = make_project({"a.txt": ARTICLE})
    for name, files in (("site", ("build-report.json", ".nojekyll")),
                        (".briefing-build", ("mkdocs.yml", "docs/index.md"))):
        for rel in files:
            (project.root / name / rel).parent.mkdir(parents=True, exist_ok=True)
            (project.root / name / rel).write_text("someone else's")
    result, _ = project.build()
    assert result.site_dir is None
    assert [d.code for d in result.diagnostics if d.severity.value == "error"] == [
        "output-not-ours", "output-not-ours"]
    assert (project.root / "site" / "build-report.json").read_text() == "someone else's"
    assert (project.root / ".briefing-build" / "mkdocs.yml").read_text() == "someone else's"


def test_a_staging_folder_briefing_did_not_make_is_left_alone(make_project):
    project = make_project({"a.txt": ARTICLE})
    stranger = project.root / ".site.staging"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine")
    result, _ = project.build()
    assert result.site_dir is None
    assert (stranger / "notes.txt").read_text() == "mine"


def test_the_site_is_swapped_in_one_step(make_project, monkeypatch):
    from briefing import publish

    project = make_project({"a.txt": ARTICLE})
    project.build()
    swaps: list[bool] = []
    exchange = publish._exchange
    monkeypatch.setattr(publish, "_exchange",
                        lambda a, b: swaps.append(exchange(a, b)) or swaps[-1])
    project.write("b.txt", "Second\nMore text.\n")
    project.build()
    assert swaps == [True]          # Linux: renameat2(RENAME_EXCHANGE), never a gap
    assert (project.site / "articles" / "second" / "index.html").is_file()
    assert not any(p.name.startswith(".site.") for p in project.root.iterdir())


def test_a_build_killed_between_the_two_renames_is_mended_by_the_next(make_project,
                                                                       monkeypatch):
    from briefing import publish

    project = make_project({"a.txt": ARTICLE})
    project.build()
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)   # where there is no exchange
    real_rename = Path.rename

    def killed(self, target):
        if self.name == ".site.staging":
            raise KeyboardInterrupt("killed")          # after site/ went to .site.old
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", killed)
    try:
        project.build()
    except KeyboardInterrupt:
        pass
    monkeypatch.setattr(Path, "rename", real_rename)
    assert not project.site.exists() and (project.root / ".site.old" / "index.html").is_file()
    result, _ = project.build()            # the next build puts the old site back first
    assert result.site_dir == project.site
    assert (project.site / "index.html").is_file()
    assert not (project.root / ".site.old").exists()


def test_control_characters_in_a_title_are_removed_and_warned_about(make_project):
    project = make_project({"a.md": "---\ntitle: \"Talks \\x7f\\u0085resume\\uFFFE today\"\n"
                                    "---\nBody text.\n"})
    result, _ = project.build()
    assert "invisible-characters" in [d.code for d in result.diagnostics]
    assert result.failed(strict=True)
    page = (project.site / "articles" / "talks-resume-today" / "index.html").read_text()
    assert "<title>Talks resume today" in page
    assert ">Talks resume today<" in page                    # the heading, whole
    assert 'title: "' not in page                             # no metadata shown as text


def test_site_title_and_description_are_escaped_for_the_theme(tmp_path):
    settings = mkdocs_config(SiteConfig(title='<script>x()</script> & "Co"',
                                        description='"><img src=x onerror=y()>', root=tmp_path),
                             tmp_path / "docs", tmp_path / "site")
    assert settings["site_name"] == "&lt;script&gt;x()&lt;/script&gt; &amp; &quot;Co&quot;"
    assert "<" not in settings["site_description"] and '"' not in settings["site_description"]


def _sample_build(project: Path, workers) -> Path:
    from briefing.config import load_config
    from briefing.diagnostics import BufferReporter
    from briefing.pipeline import run_build

    config = load_config(project / "site_config.yml").config
    result = run_build(config, BufferReporter(), "1768780800", workers=workers)
    assert result.site_dir is not None, [d.format() for d in result.diagnostics]
    assert not [d for d in result.diagnostics if d.code == "mkdocs"]
    return result.site_dir


def test_a_pool_builds_half_the_pages_in_a_worker_to_the_bytes_of_one_process(
        tmp_path, monkeypatch):
    from briefing import publish
    from briefing.executors import IN_PROCESS, open_workers

    from .conftest import copy_sample
    from .test_determinism import tree_digest

    monkeypatch.setenv("BRIEFING_MIN_POOL_ITEMS", "1")     # the sample is small
    processes: list[int] = []
    real = publish.build_pages

    def counted(*args):
        built = real(*args)
        processes.append(built[2])
        return built

    monkeypatch.setattr(publish, "build_pages", counted)
    copy_sample(tmp_path / "one")
    copy_sample(tmp_path / "two")
    alone = tree_digest(_sample_build(tmp_path / "one", IN_PROCESS))
    with open_workers(2) as workers:
        pooled = tree_digest(_sample_build(tmp_path / "two", workers))
    assert processes == [1, 2]
    assert pooled == alone
    assert not (tmp_path / "two" / ".briefing-build" / "part").exists()


def test_the_fingerprint_changes_with_every_input_of_the_published_site():
    from briefing.page_reuse import page_digests
    from briefing.publish import _fingerprint

    def of(frame="f", pages=None, report=None, data=None):
        pages = {"a.md": "# A\n", "assets/x.css": "body {}\n"} if pages is None else pages
        return _fingerprint(frame, pages, page_digests(pages), report or {"n": 1},
                            data or {"data/b.json": "{}\n"})

    same = of()
    assert of() == same
    assert len({same, of(frame="g"), of(pages={"a.md": "# B\n", "assets/x.css": "body {}\n"}),
                of(pages={"a.md": "# A\n", "assets/x.css": "p {}\n"}),
                of(pages={"b.md": "# A\n", "assets/x.css": "body {}\n"}),
                of(report={"n": 2}), of(report={"n": {1, 2}}),
                of(data={"data/b.json": "[]\n"})}) == 8


def test_the_docs_folder_is_synced_by_digest_and_by_reading_without_a_record(tmp_path):
    from briefing.publish import _sync_docs

    docs, record = tmp_path / "docs", tmp_path / "docs.pickle"
    first = {"a.md": "# A\n", "x/b.md": "# B\n", "x/y/c.md": "# C\n"}
    _sync_docs(docs, first, record)
    assert record.is_file()
    os.utime(docs / "a.md", ns=(10**18, 10**18))   # a time no write would give it
    second = {"a.md": "# A\n", "x/b.md": "# B, edited\n", "z.md": "# Z\n"}
    _sync_docs(docs, second, record)
    assert {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()} == \
        {"a.md", "x/b.md", "z.md"}
    assert not (docs / "x/y").exists()          # emptied folders go
    assert (docs / "x/b.md").read_text() == "# B, edited\n"
    assert (docs / "a.md").stat().st_mtime_ns == 10**18   # the same bytes: not written
    (docs / "z.md").unlink()                    # a file gone behind the record's back
    _sync_docs(docs, second, record)
    assert (docs / "z.md").read_text() == "# Z\n"
    record.unlink()                             # no record: every file is read
    (docs / "a.md").write_text("# stale\n")
    (docs / "stray.md").write_text("# stray\n")
    _sync_docs(docs, second, record)
    assert (docs / "a.md").read_text() == "# A\n" and not (docs / "stray.md").exists()


def test_an_old_site_is_kept_for_publishing_or_removed_unless_it_is_the_only_one(make_project):
    from briefing.publish import OldSite

    project = make_project({"a.txt": ARTICLE})
    project.build()
    old = project.root / ".site.old"
    shutil.copytree(project.site, old)
    kept = OldSite.start_removing(project.config(), keep=True)   # for publishing to reuse
    kept.wait()
    assert kept.kept and (old / "index.html").is_file()
    OldSite.start_removing(project.config()).wait()
    assert not old.exists()
    # A site a killed build put aside, with none in its place, is the one to put back.
    project.site.rename(old)
    OldSite.start_removing(project.config()).wait()
    assert (old / "index.html").is_file()
    result, _ = project.build()
    assert result.site_dir == project.site and not old.exists()


_LOADS: list[int] = []


class _Counted:
    """A value that counts how often it is unpickled (in `_LOADS`)."""

    def __reduce__(self):
        return (_counted, ())


def _counted() -> _Counted:
    _LOADS.append(1)
    return _Counted()


def test_the_last_build_is_read_only_when_its_inputs_are_the_same(tmp_path):
    config = SiteConfig(root=tmp_path)
    build_dir, output = config.path(config.build_dir), config.path(config.output_dir)
    build_dir.mkdir(parents=True)
    (build_dir / OWNED_BUILD).write_text("", encoding="utf-8")
    output.mkdir(parents=True)
    (output / OWNED_SITE).write_text("", encoding="utf-8")
    (output / "build-report.json").write_text("{}", encoding="utf-8")
    remember_build(config, "key-1", _Counted())
    _LOADS.clear()
    assert last_build(config, "key-2") is None
    assert _LOADS == []                         # another key: the result is not read
    assert isinstance(last_build(config, "key-1"), _Counted)
    assert _LOADS == [1]
    (output / OWNED_SITE).unlink()              # the site it published is gone
    assert last_build(config, "key-1") is None
