"""Extract stage (first cut): curated actors and issues matched, outlets resolved."""

from __future__ import annotations

from pathlib import Path

from briefing.config import ActorConfig, IssueConfig, SiteConfig, SourceConfig
from briefing.extract import extract_entities
from briefing.load import parse_document
from briefing.matching import AliasMatcher
from briefing.normalize import normalize_document

CONFIG = SiteConfig(
    root=Path("."),
    actors=(ActorConfig("Mark Carney", aliases=("Carney",)),
            ActorConfig("Xi Jinping", aliases=("Xi",)),
            ActorConfig("Nobody Here")),
    issues=(IssueConfig("Canola tariffs", keywords=("canola",)),),
    sources=(SourceConfig("Torontoer", aliases=("Torontoer Staff",)),
             SourceConfig("BBC", domains=("bbc.com",))),
)


def article(path: str, text: str):
    doc, _ = parse_document(text, path)
    return normalize_document(doc, CONFIG).article


def test_matcher_is_whole_word_leftmost_longest():
    matcher = AliasMatcher([("Xi", "xi"), ("Xi Jinping", "xi"), ("Carney", "carney")])
    found = matcher.find("Chinese President Xi Jinping met Carney's team; Xiamen and Xin did not.")
    assert [(m.surface, m.entity_id) for m in found] == [("Xi Jinping", "xi"), ("Carney", "carney")]


def test_case_insensitive_matching_keeps_offsets():
    matcher = AliasMatcher([("canola", "canola")], case_sensitive=False)
    text = "İstanbul traders watch CANOLA prices"
    (match,) = matcher.find(text)
    assert text[match.start:match.end] == "CANOLA"


def test_actors_and_issues_are_found_with_paragraph_anchors():
    a = article("a.txt", "Carney in Beijing\nMark Carney met Xi.\nCanola was discussed.\n")
    result = extract_entities((a,), CONFIG).extraction
    found = {(m.entity_id, m.anchor) for m in result.mentions}
    assert ("mark-carney", "") in found          # the title
    assert ("mark-carney", "p1") in found and ("xi-jinping", "p1") in found
    assert ("canola-tariffs", "p2") in found
    assert [x.name for x in result.actors] == ["Mark Carney", "Xi Jinping"]


def test_unmentioned_curated_entities_get_no_page_but_a_note():
    a = article("a.txt", "T\nMark Carney spoke.\n")
    result = extract_entities((a,), CONFIG)
    assert "nobody-here" not in {x.id for x in result.extraction.actors}
    assert any("Nobody Here" in d.message for d in result.diagnostics)


def test_sources_resolve_through_aliases_and_domains():
    staff = article("a.txt", "T\nBy Torontoer Staff\nText.\n")
    by_url = article("b.md", "---\ntitle: U\nurl: https://www.bbc.com/news/1\n---\nText.\n")
    unknown = article("c.md", "---\ntitle: V\nsource: Daily Planet\n---\nText.\n")
    nothing = article("d.txt", "W\nText.\n")
    result = extract_entities((staff, by_url, unknown, nothing), CONFIG).extraction
    names = {s.id: (s.name, s.curated) for s in result.sources}
    assert names == {"torontoer": ("Torontoer", True), "bbc": ("BBC", True),
                     "daily-planet": ("Daily Planet", False)}
    assert result.article_sources == {staff.id: "torontoer", by_url.id: "bbc",
                                      unknown.id: "daily-planet"}


def test_a_repeated_config_name_is_one_actor():
    config = SiteConfig(root=Path("."), actors=(ActorConfig("Mark Carney"),
                                                ActorConfig("mark carney", aliases=("MC",))))
    a = article("a.txt", "T\nMark Carney spoke.\n")
    result = extract_entities((a,), config)
    assert [x.id for x in result.extraction.actors] == ["mark-carney"]
    assert result.diagnostics == ()


def test_suggested_phrases_are_the_most_shared_ones_no_issue_covers():
    from briefing.extract.issues import SUGGESTIONS, suggest_phrases
    from briefing.model import Issue

    from .extract_helpers import article

    # Eleven uncovered phrases in all three articles, one in two, one in one only;
    # the covered phrases are the most shared of all.
    shared = [f"harbour{chr(97 + n)} dredging{chr(97 + n)}" for n in range(SUGGESTIONS + 1)]
    texts = ["\n\n".join([*shared, "canola growers", "ferry fares", "rail freight"]),
             "\n\n".join([*shared, "canola growers", "ferry fares"]),
             "\n\n".join([*shared, "canola growers"])]
    articles = tuple(article(f"{n}.txt", f"Story {n}\n\n{text}\n") for n, text in
                     enumerate(texts))
    issue = Issue("canola", "Canola", ("canola",), "")
    found = suggest_phrases(articles, (issue,))
    assert found == tuple(sorted(shared)[:SUGGESTIONS])
    assert "canola growers" not in found
    fewer = suggest_phrases(articles, (issue,), names=frozenset(w.split()[0] for w in shared))
    assert fewer == ("ferry fares",)


def test_phrases_used_as_often_are_suggested_in_alphabetical_order():
    from briefing.extract.issues import suggest_phrases

    from .extract_helpers import article

    # Each met first in a later article than the one after it in the alphabet.
    texts = ["zebra crossings", "marsh reeds\n\nzebra crossings",
             "apple orchards\n\nmarsh reeds", "apple orchards"]
    articles = tuple(article(f"{n}.txt", f"Story {n}\n\n{text}\n") for n, text in
                     enumerate(texts))
    assert suggest_phrases(articles, ()) == ("apple orchards", "marsh reeds",
                                             "zebra crossings")


def test_phrases_counted_a_block_at_a_time_from_the_cache_are_the_same(monkeypatch, tmp_path):
    from briefing.cache import ResultCache
    from briefing.executors import Workers
    from briefing.extract import issues as issues_module
    from briefing.model import Issue

    from .extract_helpers import article

    texts = ["ferry fares rose and rail freight fell", "ferry fares rose again",
             "rail freight fell, ferry fares rose", "canola growers met"]
    articles = tuple(article(f"{n}.txt", f"Story {n}\n\n{text}\n") for n, text in
                     enumerate(texts))
    issue = Issue("canola", "Canola", ("canola",), "")
    whole = issues_module.suggest_phrases(articles, (issue,))
    assert whole[:3] == ("fares rose", "ferry fares", "freight fell")
    monkeypatch.setattr(issues_module, "PHRASE_BLOCK", 1)
    workers = Workers(cache=ResultCache(tmp_path / "c.sqlite"))
    assert issues_module.suggest_phrases(articles, (issue,), workers=workers) == whole
    assert issues_module.suggest_phrases(articles, (issue,), workers=workers) == whole
    assert workers.cache is not None and workers.cache.hits == len(articles)
    # Other names (a new actor) leave each article's phrases as they were found.
    named = frozenset({"ferry"})
    assert issues_module.suggest_phrases(articles, (issue,), named, workers) == \
        issues_module.suggest_phrases(articles, (issue,), named) == \
        tuple(p for p in whole if "ferry" not in p.split())
    assert workers.cache.hits == 2 * len(articles)


def test_quotes_and_events_are_merged_again_only_when_an_edit_changes_them(monkeypatch,
                                                                           tmp_path):
    from briefing import extract as extract_module
    from briefing.cache import ResultCache
    from briefing.executors import Workers

    from .extract_helpers import CONFIG
    from .extract_helpers import article as made

    merged: list[str] = []
    for name in ("merge_quotes", "merge_events"):
        real = getattr(extract_module, name)
        monkeypatch.setattr(extract_module, name,
                            lambda *a, real=real, name=name: merged.append(name) or real(*a))
    texts = ['Ann Lee said on 3 March 2025 that "the harbour deal is done."\n',
             "Bo Chen met Ann Lee on 4 March 2025 to sign the harbour deal.\n"]

    def run(*extra: str):
        articles = tuple(made(f"{n}.txt", f"Story {n}\n\n{text}{extra[n] if extra else ''}")
                         for n, text in enumerate(texts))
        workers = Workers(cache=ResultCache(tmp_path / "c.sqlite"))
        with workers.caching(workers.cache):
            extraction = extract_entities(articles, CONFIG, workers=workers).extraction
        clean = extract_entities(articles, CONFIG).extraction
        assert (extraction.quotes, extraction.events) == (clean.quotes, clean.events)
        return extraction

    first = run()
    assert first.quotes and first.events
    assert merged.count("merge_quotes") == merged.count("merge_events") == 2
    run("\nThe harbour was quiet.\n", "\nThe ferries ran late.\n")
    assert merged.count("merge_quotes") == merged.count("merge_events") == 3
    third = run('\nBo Chen said "the tolls stay."\n', "\nThe ferries ran late.\n")
    assert merged.count("merge_quotes") == 5 and merged.count("merge_events") == 4
    assert len(third.quotes) == len(first.quotes) + 1
