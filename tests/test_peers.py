"""The peer generators' publishing rules: drafts, section pages, scheduled and expired
articles, and where tags and categories come from."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing.config import SiteConfig, load_config
from briefing.diagnostics import BufferReporter
from briefing.load import parse_document
from briefing.normalize import Normalizer, normalize_document
from briefing.pipeline import publish_cutoff, publishing_note, read_content

CONFIG = SiteConfig(timezone="UTC", root=Path("."))
NOW = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)


def docs_of(files: dict[str, str]):
    found = []
    for path, text in files.items():
        doc, problems = parse_document(text, path)
        assert doc is not None, problems
        found.append(doc)
    return found


def outcomes(files: dict[str, str], config: SiteConfig = CONFIG, now: datetime | None = None):
    """path -> the article's title, or the reason it is left out."""
    docs = docs_of(files)
    normalizer = Normalizer.from_config(config, docs, now)
    found = {}
    for doc in docs:
        result = normalize_document(doc, config, normalizer)
        found[doc.path] = result.article.title if result.article else result.excluded_reason
    return found


POST = "---\ntitle: A post\n---\nText.\n"


def test_jekyll_drafts_folder_and_hugo_section_pages_are_not_articles():
    assert outcomes({"_drafts/idea.md": POST, "posts/_index.md": POST, "_index.md": POST,
                     "posts/real.md": POST}) == {
        "_drafts/idea.md": "draft (in _drafts/)",
        "posts/_index.md": "section page (Hugo _index.md), not an article",
        "_index.md": "section page (Hugo _index.md), not an article",
        "posts/real.md": "A post"}


def test_a_draft_sections_pages_are_drafts_down_to_its_subfolders():
    found = outcomes({
        "posts/_index.md": "+++\ntitle = 'Posts'\ndraft = true\n+++\n",
        "posts/a.md": POST, "posts/deep/b.md": POST, "postscript.md": POST,
        "news/_index.md": "---\ntitle: News\ncascade:\n  draft: true\n---\n",
        "news/c.md": POST, "other/d.md": POST})
    assert found["posts/a.md"] == found["posts/deep/b.md"] == (
        "draft section (posts/_index.md has draft: true)")
    assert found["news/c.md"] == "draft section (news/_index.md has draft: true)"
    assert found["postscript.md"] == found["other/d.md"] == "A post"


def test_pelican_status_draft():
    found = outcomes({"a.md": "Title: Soon\nStatus: draft\n\nText.\n",
                      "b.md": "Title: Now\nStatus: published\n\nText.\n"})
    assert found == {"a.md": "status: draft", "b.md": "Now"}


@pytest.mark.parametrize("front,reason", [
    ("publishDate: 2026-03-01",
     "scheduled: publishDate 2026-03-01 is after the build date 2026-02-01 "
     "(publish_future: false)"),
    ("date: 2026-02-02", "scheduled: date 2026-02-02 is after the build date 2026-02-01 "
                         "(publish_future: false)"),
    ("date: 2026-01-01\nexpiryDate: 2026-01-31",
     "expired: expiryDate 2026-01-31 is not after the build date 2026-02-01 "
     "(publish_expired: false)"),
])
def test_scheduled_and_expired_articles_wait(front, reason):
    files = {"a.md": f"---\ntitle: T\n{front}\n---\nText.\n"}
    assert outcomes(files, now=NOW) == {"a.md": reason}
    assert outcomes(files, now=None) == {"a.md": "T"}          # no pinned build date
    switched = SiteConfig(timezone="UTC", publish_future=True, publish_expired=True)
    assert outcomes(files, switched, now=NOW) == {"a.md": "T"}


def test_a_jekyll_post_named_for_a_later_day_waits_too():
    assert outcomes({"_posts/2026-03-01-later.md": POST}, now=NOW) == {
        "_posts/2026-03-01-later.md":
            "scheduled: date 2026-03-01 is after the build date 2026-02-01 "
            "(publish_future: false)"}


def test_a_later_modification_date_does_not_hold_an_article_back():
    files = {"a.md": "---\ntitle: T\nlastmod: 2026-05-01\n---\nText.\n"}
    assert outcomes(files, now=NOW) == {"a.md": "T"}


def test_the_cutoff_is_source_date_epoch_else_the_end_of_build_date():
    config = SiteConfig(build_date="2026-02-01")
    assert publish_cutoff(SiteConfig(), None) is None
    assert publish_cutoff(config, None).isoformat() == "2026-02-01T23:59:59.999999+00:00"
    assert publish_cutoff(config, "1769947200").isoformat() == "2026-02-01T12:00:00+00:00"
    assert "no build date is pinned" in publishing_note(SiteConfig(), None)["note"]
    assert "held back" in publishing_note(config, None)["note"]


def test_check_and_build_hold_back_by_source_date_epoch(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "later.md").write_text("---\ntitle: Later\ndate: 2030-01-01\n---\nT\n")
    (tmp_path / "site_config.yml").write_text("title: T\n")
    config = load_config(tmp_path / "site_config.yml").config
    pinned = read_content(config, BufferReporter(), "1769947200")
    assert [r.outcome.value for r in pinned.records] == ["excluded"]
    assert read_content(config, BufferReporter()).records[0].outcome.value == "article"


def test_publish_switches_must_be_true_or_false(tmp_path):
    path = tmp_path / "site_config.yml"
    path.write_text("publish_future: 'yes'\npublish_expired: true\n")
    result = load_config(path)
    assert [d.code for d in result.diagnostics if d.severity.value == "error"] == ["config-type"]
    assert "true or false" in result.diagnostics[0].message


def article(text: str, path: str = "p.md"):
    doc, _ = parse_document(text, path)
    return normalize_document(doc, CONFIG)


def test_jekyll_categories_from_the_folders_above_posts():
    result = article("---\ntitle: T\ncategories: [extra, news]\n---\nB\n",
                     "news/world/_posts/2026-01-14-x.md")
    assert result.article.categories == ("news", "world", "extra")
    assert result.article.inferred["categories"] == "folders above _posts, front matter"
    assert article(POST, "2026/_posts/x.md").article.categories == ("2026",)
    assert article(POST, "_posts/x.md").article.categories == ()
    assert article(POST, "news/x.md").article.categories == ()


def test_space_separated_strings_are_lists_as_jekyll_reads_them():
    result = article("---\ntitle: T\ncategories: foo bar  baz\ntags: A string\n---\nB\n")
    assert result.article.categories == ("foo", "bar", "baz")
    assert result.article.tags == ("A", "string")
    assert result.diagnostics == ()


def test_singular_tag_and_category_keep_their_spaces():
    result = article("---\ntitle: T\ntag: open data\ncategory: big news\n---\nB\n")
    assert result.article.tags == ("open data",)
    assert result.article.categories == ("big news",)
    assert "tag" not in result.article.extra


def test_commas_still_split_first_with_a_warning():
    result = article("---\ntitle: T\ntags: 'trade talks, canola'\n---\nB\n")
    assert result.article.tags == ("trade talks", "canola")
    assert [d.code for d in result.diagnostics] == ["list-as-string"]


def test_zola_taxonomies():
    text = ('+++\ntitle = "Z"\n[taxonomies]\ntags = ["rust", "web"]\ncategories = ["dev"]\n'
            'authors = ["Ann"]\n+++\nBody\n')
    result = article(text)
    assert result.article.tags == ("rust", "web")
    assert result.article.categories == ("dev",)
    assert result.article.extra["taxonomies"]["authors"] == ["Ann"]    # kept, not dropped
