"""Property tests: no input file crashes the pipeline, and none is ever lost.

Hypothesis writes random bytes and random front matter into content/; every file
must come out as an article, a copy, an exclusion or a skip with a reason, and the
rendering stage must accept whatever normalize produced.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.config import SiteConfig
from briefing.diagnostics import BufferReporter
from briefing.extract import extract_entities
from briefing.index import build_index
from briefing.pipeline import read_content
from briefing.render import SiteInfo, render_pages

from .conftest import ROOT

NAMES = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)
SUFFIXES = st.sampled_from([".md", ".txt", ".markdown", ".MD", ".json", ""])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=40), st.dates(), st.datetimes())
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
KEYS = st.one_of(st.sampled_from(["title", "date", "author", "authors", "tags", "categories",
                                  "summary", "excerpt", "url", "slug", "draft", "published",
                                  "source", "image"]), st.text(min_size=1, max_size=10))
FRONT_MATTER = st.dictionaries(KEYS, VALUES, max_size=8)
LINES = st.lists(st.one_of(
    st.text(max_size=120),
    st.sampled_from(["", "Copy link", "By Someone Staff", "— Ann Lee (@ann) March 3, 2026",
                     "- item", "1. item", "Ann Lee", "Short Heading Here", "Leave a Reply",
                     "TagOneTagTwoTagThree", "pic.twitter.com/x", "<script>x</script>",
                     "# Heading", "> quoted", "---", "+++", "{", "}"])), max_size=25)


def run_stages(content: Path) -> tuple[int, object]:
    """Load -> normalize -> dedupe -> extract -> index -> render; return the record count."""
    config = SiteConfig(root=content.parent, content_dir=content.name,
                        templates_dir=str(ROOT / "templates"))
    result = read_content(config, BufferReporter())
    extraction = extract_entities(result.articles, config).extraction
    index = build_index(result.articles, extraction)
    render_pages(index, SiteInfo("T", "", datetime(2026, 1, 1, tzinfo=UTC)),
                 ROOT / "templates")
    return len(result.records), result


def fresh(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name / "content"
    shutil.rmtree(folder.parent, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


# HYPOTHESIS_EXAMPLES=600 for a longer hunt; the default keeps the suite quick.
SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(files=st.dictionaries(st.tuples(NAMES, SUFFIXES), st.binary(max_size=600), max_size=6))
def test_random_bytes_never_crash_and_every_file_is_accounted_for(tmp_path, files):
    content = fresh(tmp_path, "bytes")
    for (name, suffix), data in files.items():
        (content / f"{name}{suffix}").write_bytes(data)
    count, _ = run_stages(content)
    assert count == len({f"{n}{s}" for n, s in files})


@SETTINGS
@given(posts=st.lists(st.tuples(FRONT_MATTER, LINES), max_size=5))
def test_random_front_matter_and_text_never_crash(tmp_path, posts):
    content = fresh(tmp_path, "fm")
    for number, (fm, lines) in enumerate(posts):
        body = "\n".join(lines)
        try:
            head = yaml.safe_dump(fm, allow_unicode=True)
        except yaml.YAMLError:
            head = json.dumps({k: str(v) for k, v in fm.items()})
        text = f"---\n{head}---\n{body}\n" if number % 2 else body
        (content / f"post{number}.{'md' if number % 3 else 'txt'}").write_text(
            text, encoding="utf-8", errors="surrogatepass")
    count, _ = run_stages(content)
    assert count == len(posts)
