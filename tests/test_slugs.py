"""Slugs: readable, unique, and stable when other files are added."""

from __future__ import annotations

from pathlib import Path

from briefing.config import SiteConfig
from briefing.load import parse_document
from briefing.normalize import normalize_document
from briefing.slugs import slugify_title, unique_article_ids

CONFIG = SiteConfig(root=Path("."))


def article(path: str, text: str):
    doc, _ = parse_document(text, path)
    return normalize_document(doc, CONFIG).article


def ids(*articles) -> dict[str, str]:
    return {a.path: a.id for a in unique_article_ids(articles)}


def test_slugs_are_readable_ascii_and_join_apostrophes():
    assert slugify_title("Canada’s Strategic Shift: Carney's Visit") == \
        "canadas-strategic-shift-carneys-visit"
    assert slugify_title("Ça va? Über — 北京") .startswith("ca-va-uber")
    assert slugify_title("", "2026/x.txt") == "2026-x-txt"
    assert len(slugify_title("word " * 50)) <= 80


def test_clash_gives_the_newer_article_a_suffix_and_keeps_the_older_url():
    old = article("z-old.md", "---\ntitle: Same\ndate: 2026-01-01\n---\nA\n")
    new = article("a-new.md", "---\ntitle: Same\ndate: 2026-02-01\n---\nB\n")
    assert ids(old)["z-old.md"] == "same"
    both = ids(old, new)
    assert both["z-old.md"] == "same"
    assert both["a-new.md"].startswith("same-") and len(both["a-new.md"]) == len("same-") + 6


def test_unrelated_files_never_change_a_slug():
    first = article("b.txt", "A title\nText.\n")
    before = ids(first)
    after = ids(first, article("a.txt", "Other title\nText.\n"),
                article("c.txt", "Third\nText.\n"))
    assert after["b.txt"] == before["b.txt"] == "a-title"


def test_suffix_is_deterministic():
    a = article("x/one.txt", "Same\nText.\n")
    b = article("y/two.txt", "Same\nText two.\n")
    assert ids(a, b) == ids(b, a)


def test_explicit_slug_wins_but_not_with_path_tricks():
    good = normalize_document(parse_document("---\ntitle: T\nslug: pinned\n---\nB\n", "a.md")[0],
                              CONFIG)
    assert good.article.id == "pinned"
    for bad in ("../../etc/passwd", "a/b", "..", "a\\\\b"):
        result = normalize_document(
            parse_document(f"---\ntitle: Safe title\nslug: '{bad}'\n---\nB\n", "a.md")[0], CONFIG)
        assert result.article.id == "safe-title"
        assert [d.code for d in result.diagnostics] == ["bad-slug"]


def test_index_is_reserved_for_section_pages():
    assert slugify_title("Index") == "index-page"
    doc = parse_document("---\ntitle: T\nslug: index\n---\nB\n", "a.md")[0]
    assert unique_article_ids([normalize_document(doc, CONFIG).article])[0].id == "index-page"
