"""The editor's expectations for the five samples (issue 3 fields), end to end.

Facts come from tests/seed_facts.py, copied from the gold file.
"""

from __future__ import annotations

import re

import pytest

from briefing.config import load_config
from briefing.diagnostics import BufferReporter
from briefing.model import BlockKind
from briefing.pipeline import read_content

from .conftest import copy_sample
from .seed_facts import (
    ALT_TITLES_000,
    AUTHOR_001,
    BOILERPLATE_REMOVED,
    BYLINE_004_AUTHOR,
    CATEGORIES_001,
    DATE_001,
    EMBEDDED_POST_003,
    EXCERPT_001_START,
    LIST_004,
    PULL_QUOTES_004,
    RAW_TITLE_001,
    SECTION_HEADINGS,
    SEED_FILES,
    SLUG_LINE_002,
    SOURCE_004,
    SUMMARY_004,
    TAG_LINE_004,
    TAGS_004,
    TITLES,
    UNDATED,
    WRONG_SOURCES_001,
)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    config = load_config(copy_sample(tmp_path_factory.mktemp("seeds") / "project")).config
    content = read_content(config, BufferReporter())
    return {a.path: a for a in content.articles}


def texts(article) -> list[str]:
    return [b.text for b in article.blocks]


def test_all_five_are_articles(seeds):
    assert sorted(seeds) == list(SEED_FILES)


@pytest.mark.parametrize("name", sorted(TITLES))
def test_titles(seeds, name):
    assert seeds[name].title == TITLES[name]


def test_000_alternative_headline_is_kept_not_body(seeds):
    article = seeds["000_baef8c4e6599dd4c.txt"]
    assert article.alt_titles == ALT_TITLES_000
    assert all(ALT_TITLES_000[0] not in t for t in texts(article))


def test_001_front_matter_fields(seeds):
    article = seeds["001_9b05bc245a5cd358.txt"]
    assert article.raw_title == RAW_TITLE_001
    assert article.date.replace(tzinfo=None).isoformat() == DATE_001
    assert article.authors == (AUTHOR_001,)
    assert article.categories == CATEGORIES_001
    assert article.summary.startswith(EXCERPT_001_START)
    assert article.inferred["summary"] == "front matter"
    assert article.source not in WRONG_SOURCES_001


def test_002_slug_line_is_neither_title_nor_body(seeds):
    article = seeds["002_70cf5a9392c8ef84.txt"]
    assert article.inferred["title"] == "line after a file-name slug"
    assert all(SLUG_LINE_002 not in t for t in texts(article))


def test_003_has_a_derived_title_marked_as_derived(seeds):
    article = seeds["003_49feeb1da4e40101.txt"]
    assert article.inferred["title"] == "first sentence (derived)"
    assert article.title.startswith("Canadian Prime Minister Mark Carney arrived in Beijing")
    assert len(article.title) <= 111


def test_undated_seeds_stay_undated(seeds):
    for name in UNDATED:
        assert seeds[name].date is None, name
        assert seeds[name].inferred["date"] == "none (undated)"


def test_no_seed_has_an_invented_source_except_the_byline(seeds):
    sources = {name: a.source for name, a in seeds.items()}
    assert sources["004_9e4b88d17844e084.txt"] == SOURCE_004
    for name in ("000_baef8c4e6599dd4c.txt", "002_70cf5a9392c8ef84.txt",
                 "003_49feeb1da4e40101.txt"):
        assert sources[name] is None, name


@pytest.mark.parametrize("name", sorted(SECTION_HEADINGS))
def test_section_headings(seeds, name):
    headings = [b.text for b in seeds[name].blocks if b.kind is BlockKind.HEADING]
    assert headings == SECTION_HEADINGS[name]


@pytest.mark.parametrize("name", sorted(BOILERPLATE_REMOVED))
def test_boilerplate_removed_and_listed(seeds, name):
    article = seeds[name]
    for line in BOILERPLATE_REMOVED[name]:
        assert line in article.removed
        assert all(line not in t for t in texts(article))


def test_003_embedded_post_is_one_dated_quote_of_carney(seeds):
    article = seeds["003_49feeb1da4e40101.txt"]
    posts = [q for q in article.attributed if q.attribution.kind == "post"]
    assert len(posts) == 1
    post = posts[0]
    assert post.attribution.speaker == EMBEDDED_POST_003["speaker"]
    assert post.attribution.handle == EMBEDDED_POST_003["handle"]
    assert post.attribution.date == EMBEDDED_POST_003["date"]
    assert post.text.startswith(EMBEDDED_POST_003["text_starts"])
    block = next(b for b in article.blocks if b.anchor == post.anchor)
    assert block.kind is BlockKind.QUOTE
    loose = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH
             and EMBEDDED_POST_003["text_starts"] in b.text]
    assert loose == []   # not left as loose paragraphs


def test_004_headline_block_byline_and_tags(seeds):
    article = seeds["004_9e4b88d17844e084.txt"]
    assert article.summary == SUMMARY_004
    assert article.authors == (BYLINE_004_AUTHOR,)
    assert article.tags == TAGS_004
    body = " ".join(texts(article))
    for not_body in ("By Torontoer Staff", TAG_LINE_004, SUMMARY_004):
        assert not_body not in body


def test_004_list(seeds):
    lists = [b for b in seeds["004_9e4b88d17844e084.txt"].blocks if b.kind is BlockKind.LIST]
    assert len(lists) == 1
    items = tuple(re.findall(r"<li>(.*?)</li>", lists[0].html))
    assert items == LIST_004


def test_004_pull_quotes_rendered_once_with_their_speakers(seeds):
    article = seeds["004_9e4b88d17844e084.txt"]
    pulls = [(q.attribution.speaker, q.text) for q in article.attributed
             if q.attribution.kind == "pull-quote"]
    assert len(pulls) == len(PULL_QUOTES_004)
    for (speaker, text), (want_speaker, want_start) in zip(pulls, PULL_QUOTES_004, strict=True):
        assert speaker == want_speaker and text.startswith(want_start)
    for speaker, start in PULL_QUOTES_004:
        assert sum(t.startswith(start) or f"{start}" in t for t in texts(article)) == 1
        assert speaker not in [t.strip() for t in texts(article)]   # no bare name paragraph


def test_rendered_pages_show_the_post_and_pull_quotes_as_blockquotes(sample_build):
    by_file = {v.files[0]: v for v in sample_build.result.index.articles}
    page = (sample_build.site / "articles" / by_file["003_49feeb1da4e40101.txt"].id /
            "index.html").read_text()
    quote = re.search(r"<blockquote[^>]*>(.*?)</blockquote>", page, re.S).group(1)
    assert "Just landed in Beijing." in quote and "@MarkJCarney" in quote
    assert "14 January 2026" in quote
    page = (sample_build.site / "articles" / by_file["004_9e4b88d17844e084.txt"].id /
            "index.html").read_text()
    quotes = re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", page, re.S)
    assert any("Stephen Nagy" in q and "very cautious" in q for q in quotes)
    assert any("Reza Hasmath" in q for q in quotes)
