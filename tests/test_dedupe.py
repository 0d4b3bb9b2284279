"""Dedupe stage: exact and near copies fold into one canonical article with provenance."""

from __future__ import annotations

from pathlib import Path

from briefing.config import SiteConfig
from briefing.dedupe import dedupe_articles, jaccard, shingle_set
from briefing.load import parse_document
from briefing.normalize import normalize_document

CONFIG = SiteConfig(root=Path("."))
STORY = [
    "Prime Minister Ann Lee arrived in the capital on Wednesday for a four-day visit.",
    "The trip is the first by a leader of the country in nearly a decade, officials said.",
    "Trade will top the agenda, with talks on farm tariffs and on electric vehicles.",
    "Analysts expect modest steps rather than a sweeping deal during the short visit.",
    "The opposition criticised the timing, saying the government had not consulted allies.",
    "Business groups welcomed the visit and urged quick progress on market access.",
    "Officials said a joint statement was expected at the end of the talks on Friday.",
    "The last such visit ended in acrimony after a dispute over detained citizens.",
    "Since then relations have thawed slowly, helped by new trade in energy products.",
    "Both sides said they hoped the visit would open a new chapter in relations.",
]


def article(path: str, text: str):
    doc, _ = parse_document(text, path)
    return normalize_document(doc, CONFIG).article


def run(*articles):
    return dedupe_articles(tuple(articles), threshold=0.7, shingle_size=5)


def test_exact_copy_with_typographic_differences_is_one_article():
    original = article("a.txt", "Visit\n" + "\n".join(STORY))
    typographic = "\n".join(STORY).replace("'", "\u2019").replace(" - ", " \u2014 ").upper()
    copy = article("b.txt", "Visit (copy)\n" + typographic)
    result = run(original, copy)
    assert [a.path for a in result.articles] == ["a.txt"]
    (found,) = result.copies
    assert (found.path, found.canonical_path, found.kind) == ("b.txt", "a.txt", "exact")
    assert result.articles[0].copies == (found,)


def test_near_copy_with_changed_sentence_and_other_boilerplate_is_folded():
    original = article("a.txt", "Visit\n" + "\n".join(STORY) + "\nCopy link\nShare this")
    changed = STORY.copy()
    changed[4] = "Opposition parties attacked the plan, arguing allies were left in the dark."
    near = article("b.txt", "Visit\nLeave a Reply\n" + "\n".join(changed) + "\nBack To Top")
    result = run(original, near)
    assert len(result.articles) == 1
    (found,) = result.copies
    assert found.kind == "near" and 0.7 <= found.similarity < 1.0


def test_richer_copy_becomes_canonical_and_keeps_the_others_paths():
    plain = article("a.txt", "Visit\n" + "\n".join(STORY))
    with_front_matter = article(
        "z.md", "---\ntitle: Visit\ndate: 2026-01-14\nsource: BBC\n---\n" + "\n\n".join(STORY))
    result = run(plain, with_front_matter)
    (kept,) = result.articles
    assert kept.path == "z.md"
    assert [c.path for c in kept.copies] == ["a.txt"]


def test_different_articles_on_the_same_event_stay_apart():
    other = article("b.txt", "Other\n" + "\n".join(
        s.replace("visit", "summit").replace("trade", "security")[::-1] for s in STORY))
    result = run(article("a.txt", "Visit\n" + "\n".join(STORY)), other)
    assert len(result.articles) == 2 and result.copies == ()


def test_three_way_copies_form_one_group():
    texts = ["Visit\n" + "\n".join(STORY) + f"\nFooter {n}" for n in range(3)]
    result = run(*(article(f"{n}.txt", text) for n, text in enumerate(texts)))
    assert [a.path for a in result.articles] == ["0.txt"]
    assert sorted(c.path for c in result.copies) == ["1.txt", "2.txt"]


def test_shingles_and_jaccard():
    a = shingle_set("one two three four", 2)
    assert a == {"one two", "two three", "three four"}
    assert jaccard(a, shingle_set("one two three five", 2)) == 2 / 4
    assert shingle_set("short", 5) == {"short"}
    assert jaccard(frozenset(), frozenset()) == 0.0


def test_articles_with_empty_bodies_are_not_copies_of_each_other():
    one = article("a.md", "---\ntitle: One\n---\n")
    two = article("b.md", "---\ntitle: Two\n---\n")
    assert len(run(one, two).articles) == 2


def test_a_chain_of_updates_does_not_collapse_into_its_first_version():
    versions = []
    story = STORY.copy()
    for n in range(6):
        story = story.copy()
        story[n] = f"Update {n}: " + "new details emerged about the talks late on day " + str(n)
        versions.append(article(f"{n}.txt", "Visit\n" + "\n".join(story)))
    result = run(*versions)
    for copy in result.copies:
        assert copy.similarity >= 0.7, copy
    assert len(result.articles) >= 2


def test_short_bodies_with_different_titles_are_not_copies():
    one = article("a.txt", "Gallery one\nPhoto gallery below.\n")
    two = article("b.txt", "Gallery two\nPhoto gallery below.\n")
    same = article("c.txt", "Gallery one\nPhoto gallery below.\n")
    result = run(one, two, same)
    assert sorted(a.path for a in result.articles) == ["a.txt", "b.txt"]
    assert [c.path for c in result.copies] == ["c.txt"]
