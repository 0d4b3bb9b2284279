"""Property tests: no input file crashes the pipeline, and none is ever lost.

Hypothesis writes random bytes and random front matter into content/; every file
must come out as an article, a copy, an exclusion or a skip with a reason, and the
rendering stage must accept whatever normalize produced.

The hostile-shape tests (issue 7) generate small examples of the inputs that have
crashed or stalled the pipeline: impossible dates, lone surrogates, control
characters, YAML alias chains, long capitalised words, repeated figures and names,
unclosed quotes. Each example must build within a time budget, and what publish
would write must be writable. bench/fuzz.py hunts for the same shapes at scale.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from briefing.config import SiteConfig, load_config
from briefing.diagnostics import BufferReporter
from briefing.extract import extract_entities
from briefing.index import build_index
from briefing.pipeline import build_report, read_content
from briefing.render import SiteInfo, render_pages

from .conftest import ROOT, SAMPLE_CONFIG

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


# --- hostile shapes (issue 7) --------------------------------------------------------------
# Each test pins the known bad shape as an explicit example.

# A hang guard, not a speed test (bench/hostile_inputs.py measures speed): shapes that
# once took minutes must not stall the suite. Each example takes well under a second.
HOSTILE_SECONDS = 30.0
# A third of the examples: each builds a site, and the shapes are few and small.
HOSTILE = settings(SETTINGS, max_examples=max(10, SETTINGS.max_examples // 3))
# Shapes that used to stall are not shrunk: every step of a shrink could cost the budget.
NO_SHRINK = settings(HOSTILE, phases=[Phase.explicit, Phase.reuse, Phase.generate])
# An alarm that lands in Hypothesis's gc callback is dropped there (and raised again).
ALARM_IN_FINALIZER = pytest.mark.filterwarnings(
    "ignore::pytest.PytestUnraisableExceptionWarning")
LEAD = ("Prime Minister Mark Carney met Xi Jinping in Beijing on January 14, 2026, "
        "and said trade would grow by $1.2 billion.\n\n")
PAGE_META = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs reads it
RAW_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufffe\uffff]")
TEXT_FIELDS = st.sampled_from(["title", "author", "authors", "tags", "summary", "source"])
WORDS = st.text(alphabet="abc XYZ", max_size=8)


class TooSlow(Exception):
    """An example ran past its time budget: in the fuzzer's terms, a hang."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise TooSlow in the block after `seconds` (the regex engine checks for signals).

    The alarm repeats until TooSlow leaves the block: one raised in a finalizer is
    printed and dropped, and the block would otherwise run on to the end.
    """
    inside = [True]

    def expire(signum: int, frame: object) -> None:
        if inside:
            raise TooSlow(f"took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.2)
    try:
        yield
    finally:
        inside.clear()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@functools.cache
def sample_config() -> SiteConfig:
    """The sample site's config (curated actors and issues), read once."""
    loaded = load_config(SAMPLE_CONFIG).config
    assert loaded is not None
    return loaded


def assert_builds(content: Path) -> None:
    """Build `content` in memory within the budget, and check what publish would write.

    Every file has a build-report record; pages and report encode as UTF-8 (publish
    writes them so); each page's YAML meta parses (MkDocs drops one that does not,
    silently); no diagnostic carries a raw control character.
    """
    files = {p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file()}
    config = replace(sample_config(), root=content.parent, content_dir=content.name,
                     templates_dir=str(ROOT / "templates"))
    with time_budget(HOSTILE_SECONDS):
        result = read_content(config, BufferReporter())
        extracted = extract_entities(result.articles, config)
        index = build_index(result.articles, extracted.extraction)
        pages = render_pages(index, SiteInfo("T", "", datetime(2026, 1, 1, tzinfo=UTC)),
                             ROOT / "templates")
    diagnostics = [*result.diagnostics, *extracted.diagnostics]
    report = build_report(result.records, diagnostics, index.counts(), result.articles,
                          index.suggestions)
    assert files <= {entry["path"] for entry in report["inputs"]}
    for path, text in {**pages, "build-report.json": json.dumps(report, ensure_ascii=False)
                       }.items():
        text.encode("utf-8")
        meta = PAGE_META.match(text)
        if meta:
            assert isinstance(yaml.safe_load(meta.group(1)), dict), path
    for diagnostic in diagnostics:
        assert not RAW_CONTROL.search(diagnostic.format()), diagnostic.format()


def write_one(tmp_path: Path, text: str, name: str = "post.md") -> Path:
    """A fresh content/ folder holding one file (lone surrogates written as such)."""
    content = fresh(tmp_path, "hostile")
    (content / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    return content


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


IMPOSSIBLE_DAYS = st.tuples(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)) \
    .filter(lambda ymd: not _real_date(*ymd)).map(lambda ymd: "{:04d}-{:02d}-{:02d}".format(*ymd))
IMPOSSIBLE_TIMES = st.builds("2026-01-14T{:02d}:{:02d}:00".format,
                             st.integers(0, 99), st.integers(0, 99)) \
    .filter(lambda text: not re.search(r"T(?:[01]\d|2[0-3]):[0-5]\d", text))


@HOSTILE
@given(value=IMPOSSIBLE_DAYS | IMPOSSIBLE_TIMES,
       key=st.sampled_from(["date", "published", "publishDate"]),
       fences=st.sampled_from(["yaml", "toml"]))
@example(value="2026-02-30", key="date", fences="yaml")
def test_impossible_dates_never_crash(tmp_path, value, key, fences):
    if fences == "yaml":
        text = f"---\ntitle: Visit\n{key}: {value}\n---\n{LEAD}"
    else:
        text = f'+++\ntitle = "Visit"\n{key} = {value}\n+++\n{LEAD}'
    assert_builds(write_one(tmp_path, text))


ODD_DATE_STRINGS = st.one_of(
    st.builds("!!timestamp {}".format, WORDS),                       # a tag on a non-date
    st.builds("2026-01-14 12:00:00 {}{:02d}00".format,               # an offset of a day or more
              st.sampled_from("+-"), st.integers(24, 99)),
    st.builds('"1:{}.9"'.format, st.integers(10**28, 10**40)),      # dateutil's decimals
)


@HOSTILE
@given(value=ODD_DATE_STRINGS, key=st.sampled_from(["date", "published", "publishDate"]))
@example(value="!!timestamp x", key="date")
@example(value="2026-01-14 12:00:00 +2500", key="date")
@example(value='"1:99999999999999999999999999999.9"', key="date")
def test_odd_date_strings_never_crash(tmp_path, value, key):
    assert_builds(write_one(tmp_path, f"---\ntitle: Visit\n{key}: {value}\n---\n{LEAD}"))


SURROGATES = st.integers(0xD800, 0xDFFF).map("\\u{:04x}".format)


@HOSTILE
@given(escape=SURROGATES, key=TEXT_FIELDS, before=WORDS, after=WORDS,
       form=st.sampled_from(["json", "yaml", "yaml-list"]))
@example(escape="\\ud800", key="title", before="", after="", form="json")
def test_lone_surrogates_in_fields_never_crash(tmp_path, escape, key, before, after, form):
    value = json.dumps(before)[:-1] + escape + json.dumps(after)[1:]
    if form == "json":
        text = f'{{\n"{key}": {value}\n}}\n{LEAD}'
    else:
        text = f"---\n{key}: {f'[{value}]' if form == 'yaml-list' else value}\n---\n{LEAD}"
    assert_builds(write_one(tmp_path, text))


CONTROLS = st.one_of(
    st.sampled_from(["\x7f", "\x85", "\x9b", "\x80", "\ufffe", "\uffff", "\x0b", "\x0c",
                     "\x1b", "\x08", "\u2028", "\u2029"]),
    st.characters(min_codepoint=0x01, max_codepoint=0x1F).filter(lambda c: c not in "\n\r"),
    st.characters(min_codepoint=0x7F, max_codepoint=0x9F),
)


@HOSTILE
@given(char=CONTROLS, before=WORDS, after=WORDS,
       form=st.sampled_from(["plain", "yaml-escape", "json-escape", "yaml-raw"]))
@example(char="\x7f", before="", after="", form="yaml-escape")
def test_control_characters_in_titles_never_break_pages(tmp_path, char, before, after, form):
    title = f"Carney {before}{char}{after} visit"
    escaped = json.dumps(title)
    if form == "plain":
        text = f"{title}\n\n{LEAD}"
    elif form == "yaml-escape":
        text = f"---\ntitle: {escaped}\n---\n{LEAD}"
    elif form == "json-escape":
        text = f'{{\n"title": {escaped}\n}}\n{LEAD}'
    else:
        text = f"---\ntitle: {title}\n---\n{LEAD}"
    assert_builds(write_one(tmp_path, text))


@HOSTILE
@given(char=CONTROLS | st.just("\n"), stem=WORDS)
@example(char="\t", stem="post")
def test_control_characters_in_file_names_stay_out_of_diagnostics(tmp_path, char, stem):
    name = f"{stem}{char}.md".replace("/", "")
    assert_builds(write_one(tmp_path, f"---\ndate: not a date\n---\n{LEAD}", name))


@HOSTILE
@given(depth=st.integers(1, 15), key=TEXT_FIELDS | st.sampled_from(["date", "extra", "slug"]),
       leaf=st.sampled_from(["ha", "Mark Carney", "2026-01-14", "x" * 64]),
       shape=st.sampled_from(["[*a{p}, *a{p}]", "{{x: *a{p}, y: *a{p}}}"]))
@example(depth=15, key="authors", leaf="x" * 64, shape="[*a{p}, *a{p}]")
def test_yaml_alias_chains_never_crash(tmp_path, depth, key, leaf, shape):
    lines = [f"a0: &a0 {leaf}"] + [f"a{n}: &a{n} " + shape.format(p=n - 1)
                                   for n in range(1, depth + 1)]
    text = "---\n" + "\n".join([*lines, f"{key}: *a{depth}"]) + f"\n---\n{LEAD}"
    assert_builds(write_one(tmp_path, text))


CAPITALISED_RUNS = st.builds(
    lambda length, count, end: " ".join(["A" + "b" * length] * count) + end,
    st.integers(1, 70), st.integers(1, 6), st.sampled_from(["!", "?", ".", "", ","]),
)


@ALARM_IN_FINALIZER
@NO_SHRINK
@given(run=CAPITALISED_RUNS, as_line=st.booleans())
@example(run=" ".join(["A" + "b" * 60] * 4) + "!", as_line=True)
def test_long_capitalised_words_never_stall(tmp_path, run, as_line):
    text = f"{LEAD}{run}\n\nMore text follows here." if as_line else f"{LEAD}He said {run}"
    assert_builds(write_one(tmp_path, text, "post.txt"))


@ALARM_IN_FINALIZER
@NO_SHRINK
@given(figure=st.sampled_from(["$1.2 ", "€3,5 ", "12% ", "1.2 billion ", "C$4 "]),
       times=st.integers(1, 300))
@example(figure="$1.2 ", times=1000)
def test_repeated_figures_never_stall(tmp_path, figure, times):
    assert_builds(write_one(tmp_path, LEAD + figure * times, "post.txt"))


@ALARM_IN_FINALIZER
@NO_SHRINK
@given(phrase=st.sampled_from(["the Carney ", "Mark Carney, ", "Carney said it. ",
                               "Xi Jinping and ", "Prime Minister Carney "]),
       times=st.integers(1, 200))
@example(phrase="the Carney ", times=1000)
def test_repeated_names_never_stall(tmp_path, phrase, times):
    assert_builds(write_one(tmp_path, LEAD + phrase * times, "post.txt"))


@ALARM_IN_FINALIZER
@NO_SHRINK
@given(opening=st.sampled_from(["“abc ", '"abc ', "‘abc ", "«abc ", "„abc ",
                                "Carney said, “abc. "]),
       times=st.integers(1, 300), closed=st.booleans())
@example(opening="Carney said, “abc. ", times=1000, closed=False)
def test_unclosed_quotes_never_stall(tmp_path, opening, times, closed):
    text = LEAD + "Carney said " + opening * times + ("”" if closed else "")
    assert_builds(write_one(tmp_path, text, "post.txt"))
