"""Dedupe stage: copies fold into one canonical article, with the evidence; look-alikes
stay apart."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.config import SiteConfig
from briefing.dedupe import dedupe_articles
from briefing.dedupe.candidates import (
    MARGIN,
    Postings,
    QueryShares,
    candidate_pairs,
    pairs_with,
    surely_paired,
)
from briefing.dedupe.comparison import (
    ComparisonText,
    Vocabulary,
    comparison_text,
    normalized_words,
    sentence_like,
    split_sentences,
)
from briefing.dedupe.evidence import LEAD_IN_SHARE, compare
from briefing.executors import Workers
from briefing.load import parse_document
from briefing.normalize import normalize_document

from .dedupe_texts import (
    COMPANY_FOOTER,
    FOLLOW_UP,
    HARBOUR_ITEM,
    MEETING_APRIL,
    MEETING_MARCH,
    MINE_FIRST,
    MINE_UPDATE,
    OTHER_OUTLET,
    RELEASES,
    SCHOOL_ITEM,
    SITE_FOOTER,
    SITE_NAV,
    WIRE,
    WIRE_TEXT,
)

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
    return dedupe_articles(tuple(articles), resemblance=0.7, containment=0.8, shingle_size=5)


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
    assert found.kind == "edit" and 0.7 <= found.jaccard < 1.0 <= found.containment + 0.2


def test_richer_copy_becomes_canonical_and_keeps_the_others_paths():
    plain = article("a.txt", "Visit\n" + "\n".join(STORY))
    with_front_matter = article(
        "z.md", "---\ntitle: Visit\ndate: 2026-01-14\nsource: BBC\n---\n" + "\n\n".join(STORY))
    result = run(plain, with_front_matter)
    (kept,) = result.articles
    assert kept.path == "z.md"
    assert [c.path for c in kept.copies] == ["a.txt"]
    assert kept.copies[0].canonical_because == "front matter"


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


def test_articles_with_empty_bodies_are_not_copies_of_each_other():
    one = article("a.md", "---\ntitle: One\n---\n")
    two = article("b.md", "---\ntitle: Two\n---\n")
    assert len(run(one, two).articles) == 2


def test_a_chain_of_updates_does_not_collapse_into_its_first_version():
    versions = []
    story = STORY.copy()
    updates = ["Negotiators worked through the night on a draft text covering farm tariffs.",
               "A second round began after lunch, with electric vehicles at the centre.",
               "Aides briefed reporters that energy exports had been added to the agenda.",
               "By evening the two delegations were said to be close on market access.",
               "Late drafts circulated among diplomats included a clause on detained citizens.",
               "The leaders met alone for forty minutes before the closing ceremony began."]
    for n in range(6):
        story = story.copy()
        story[n] = updates[n]
        versions.append(article(f"{n}.txt", "Visit\n" + "\n".join(story)))
    result = run(*versions)
    for copy in result.copies:
        assert copy.containment >= 0.8 or copy.jaccard >= 0.7, copy
    assert len(result.articles) >= 2


def test_short_bodies_with_different_titles_are_not_copies():
    one = article("a.txt", "Gallery one\nPhoto gallery below.\n")
    two = article("b.txt", "Gallery two\nPhoto gallery below.\n")
    same = article("c.txt", "Gallery one\nPhoto gallery below.\n")
    result = run(one, two, same)
    assert sorted(a.path for a in result.articles) == ["a.txt", "b.txt"]
    assert [c.path for c in result.copies] == ["c.txt"]


# ------------------------------------------------------------ comparison text

def test_house_style_differences_are_normalised_away():
    wire = normalized_words("About 6,500 staff walked out on Monday, union president "
                            "Ann Lee said, seeking a 12% rise worth US$86 million.")
    house = normalized_words("About 6500 staff walked out on March 9, union president "
                             "Ms Ann Lee said, seeking a 12 per cent rise worth $86 million.")
    assert wire == house
    assert normalized_words("on 9 March 2026 at 6pm") == ["on", "2026", "at", "6pm"]


def test_sentences_end_at_full_stops_but_not_at_abbreviations():
    assert split_sentences("Mr. Lee met U.S. officials on Feb. 26. He left.") == [
        ["Mr.", "Lee", "met", "U.S.", "officials", "on", "Feb.", "26."], ["He", "left."]]


@pytest.mark.parametrize("line", ["Home News Business Sport Travel Opinion Video",
                                  "Copyright 2026 Vennby Evening Post.", "Related stories",
                                  "Ana Lucero Tom Hadley Clara Whitfield Reuters Staff"])
def test_page_furniture_is_not_compared(line):
    assert not sentence_like(line.split())


def test_only_sentence_like_text_is_shingled():
    text = "Menu\n\n" + "\n\n".join(SITE_NAV) + "\n\n" + "\n\n".join(HARBOUR_ITEM)
    bare = comparison_text(article("a.md", "Harbour\n\n" + "\n\n".join(HARBOUR_ITEM)), 5,
                           vocabulary := Vocabulary())
    chrome = comparison_text(article("b.md", "Harbour\n\n" + text), 5, vocabulary)
    assert set(bare.unique) == set(chrome.unique)


# ------------------------------------------------------------ real copies

def wire_article(path: str = "wire.txt", **front: str):
    if front:
        head = "---\n" + "".join(f"{k}: {v}\n" for k, v in front.items()) + "---\n"
        return article(path.replace(".txt", ".md"), head + "\n\n".join(WIRE))
    return article(path, WIRE_TEXT)


def test_a_truncated_excerpt_is_a_copy_though_its_jaccard_is_low():
    cut = WIRE_TEXT[:1400].rsplit(" ", 1)[0] + "…\n\nRead more »\n"
    result = run(wire_article(), article("excerpt.txt", cut))
    (copy,) = result.copies
    assert (copy.path, copy.kind) == ("excerpt.txt", "excerpt")
    assert copy.containment >= 0.9 and copy.jaccard < 0.7
    assert copy.canonical_because == "fuller text"


def test_the_fuller_text_is_canonical_even_when_the_excerpt_has_front_matter():
    cut = "\n\n".join(WIRE[:7])
    excerpt = article("a.md", "---\ntitle: Strike\ndate: 2026-06-03\n---\n" + cut)
    (kept,) = run(excerpt, wire_article("z.txt")).articles
    assert kept.path == "z.txt"


def test_a_copy_from_the_third_paragraph_with_a_lead_in_is_a_copy():
    lead_in = ("Readers stuck at Vennby have been sending us photos of empty departure "
               "boards since dawn, so here is what we know so far about the walkout. "
               "Check with your airline before you travel, not at the airport.\n\n"
               "Below we carry the wire report from its third paragraph on.\n\n")
    blog = article("blog.txt", "What travellers need to know\n\n" + lead_in
                   + "\n\n".join(WIRE[2:]) + "\n\nShare this:\nFacebook\nLike this:\n")
    (copy,) = run(wire_article(), blog).copies
    assert copy.path == "blog.txt" and copy.kind == "lead-in"


def test_a_house_style_edit_is_a_copy():
    edited = [p.replace("on Tuesday", "on June 3").replace(" percent", " per cent")
              .replace("he said in a statement", "Mr Oren said in a statement")
              .replace("Kessel told", "Ms Kessel told") for p in WIRE]
    del edited[10:12]                                     # two paragraphs cut for space
    house = article("house.txt", "Controllers' strike grounds 400 flights\n\n"
                    + "\n\n".join(edited))
    (copy,) = run(wire_article(), house).copies
    assert copy.path == "house.txt" and copy.kind == "edit" and copy.jaccard < 0.9
    assert copy.containment >= 0.9


def test_a_revision_with_a_new_lede_and_added_paragraphs_is_a_copy():
    lede = ["FERNHOLM, June 3 (Wire) - Fernholm's air traffic controllers agreed late on "
            "Tuesday to talks under a court-appointed mediator, but kept up a strike that "
            "has grounded more than 400 flights.",
            "The mediator, former labour court president Sigrid Falk, will meet both sides "
            "separately on Wednesday morning and jointly in the afternoon."]
    added = ["The guild said on Tuesday evening that it would accept mediation but would "
             "not call off the strike while talks continued.",
             "\"We are ready to talk tonight if the company is,\" Thorsby said, adding that "
             "members had voted by a large majority to stay out until a deal was signed.",
             "The company said it welcomed the mediator's appointment and hoped flights "
             "could resume by the weekend."]
    first = article("first.txt", "Controllers strike\n\n" + "\n\n".join(WIRE[:13]))
    later = article("later.txt", "(LEAD) Controllers strike\n\n" + "\n\n".join(
        [*lede, *WIRE[1:7], *added, *WIRE[7:]]))
    (copy,) = run(first, later).copies
    assert copy.path == "first.txt" and copy.kind == "revision"


# ------------------------------------------------------------ look-alikes stay apart

def test_another_outlets_report_on_the_same_event_is_not_a_copy():
    other = article("other.txt", "Flights grounded\n\n" + "\n\n".join(OTHER_OUTLET))
    assert run(wire_article(), other).copies == ()


def test_two_articles_in_one_site_template_are_not_copies():
    def page(body: list[str]) -> str:
        return "\n".join(["Vennby Evening Post", *SITE_NAV, "Local news", *body,
                          *SITE_FOOTER]) + "\n"
    result = run(article("a.txt", page(HARBOUR_ITEM)), article("b.txt", page(SCHOOL_ITEM)))
    assert result.copies == ()


def test_two_meetings_a_month_apart_in_similar_words_are_not_copies():
    march = article("march.txt", "Rates held\n\n" + "\n\n".join(MEETING_MARCH))
    april = article("april.txt", "Rates cut\n\n" + "\n\n".join(MEETING_APRIL))
    assert run(march, april).copies == ()


def test_a_listing_quoting_openings_word_for_word_folds_nothing():
    stories = {"wire.txt": WIRE, "harbour.txt": HARBOUR_ITEM, "school.txt": SCHOOL_ITEM,
               "mine.txt": MINE_FIRST}
    listing = ["Latest news with #Fernholm"]
    for n, body in enumerate(stories.values()):
        listing += ["Vennby Evening Post", f"{n + 1} hours ago", "- News",
                    f"Headline number {n + 1}", " ".join(body[:2])]
    pages = [article(path, "Story\n\n" + "\n\n".join(body)) for path, body in stories.items()]
    result = run(*pages, article("listing.txt", "\n".join(listing) + "\nLoad more\n"))
    assert result.copies == ()


def test_agency_updates_reusing_background_paragraphs_are_not_copies():
    first = article("first.txt", "Miners trapped\n\n" + "\n\n".join(MINE_FIRST))
    update = article("update.txt", "Six rescued\n\n" + "\n\n".join(MINE_UPDATE))
    assert run(first, update).copies == ()


def test_a_follow_up_quoting_the_first_report_is_not_a_copy():
    follow = article("follow.txt", "Controllers end strike\n\n" + "\n\n".join(FOLLOW_UP))
    assert run(wire_article(), follow).copies == ()


def test_a_digest_of_two_whole_reports_is_a_copy_of_neither():
    harbour = article("harbour.txt", "Channel\n\n" + "\n\n".join(HARBOUR_ITEM))
    school = article("school.txt", "Schools\n\n" + "\n\n".join(SCHOOL_ITEM))
    digest = article("digest.txt", "Morning digest\n\n" + "\n\n".join(
        [*HARBOUR_ITEM, *SCHOOL_ITEM]))
    result = run(harbour, school, digest)
    assert sorted(a.path for a in result.articles) == ["digest.txt", "harbour.txt",
                                                       "school.txt"]


def test_look_alike_scores_stay_far_below_the_thresholds():
    vocabulary = Vocabulary()

    def text(body):
        return comparison_text(article("x.txt", "T\n\n" + "\n\n".join(body)), 5, vocabulary)

    for one, two in ((MINE_FIRST, MINE_UPDATE), (MEETING_MARCH, MEETING_APRIL),
                     (WIRE, FOLLOW_UP), (WIRE, OTHER_OUTLET)):
        found = compare(text(one), text(two))
        assert found.containment < 0.6 and found.jaccard < 0.4, found
        assert found.trimmed_containment < 0.8 or found.lead_share > 0.45, found
        assert not found.is_copy(0.7, 0.8)


def test_press_releases_sharing_a_long_company_boilerplate_are_not_copies():
    releases = [article(f"release-{n}.txt", f"Release {n}\n\n" + "\n\n".join(
        [*body, *COMPANY_FOOTER])) for n, body in enumerate(RELEASES)]
    result = run(*releases)
    assert result.copies == ()
    assert len(result.articles) == 3


def test_a_wire_report_carried_after_lead_ins_by_several_blogs_is_still_a_copy():
    # A reprint that keeps the opening the blogs dropped shows the shared text is the
    # report's, not a template (without one, see the boilerplate test above).
    lead_ins = [["Readers stuck at Vennby have been sending us photos of empty departure "
                 "boards since dawn, so here is what we know about the walkout so far."],
                ["Our members with flights this week should check with their airline "
                 "before travelling; the association's helpline is open until midnight."]]
    blogs = [article(f"blog-{n}.txt", f"Blog {n}\n\n" + "\n\n".join([*lead, *WIRE[2:]]))
             for n, lead in enumerate(lead_ins)]
    reprint = article("reprint.txt", "Strike\n\n" + "\n\n".join(WIRE) + "\n\nShare this\n")
    result = run(wire_article(), reprint, *blogs)
    assert len(result.articles) == 1
    assert {c.kind for c in result.copies} == {"lead-in", "exact"}


@given(st.lists(st.integers(0, 50)), st.lists(st.integers(0, 50)))
def test_found_in_is_isin_on_a_sorted_unique_array(values, others):
    from briefing.dedupe.evidence import found_in

    values_array = np.array(values, dtype=np.uint64)
    unique = np.unique(np.array(others, dtype=np.uint64))
    assert found_in(values_array, unique).tolist() == np.isin(values_array, unique).tolist()


@given(st.lists(st.lists(st.integers(0, 20), unique=True), max_size=12), st.integers(1, 6))
def test_postings_list_the_holders_of_each_key_like_a_dict_of_lists(items, most):
    """The array postings answer as a dict of lists would, leaving out keys held by more
    than `most` items, with each key's holders in ascending order."""
    postings = Postings.of([np.array(sorted(keys), dtype=np.uint64) for keys in items])
    holders: dict[int, list[int]] = {}
    for item, keys in enumerate(items):
        for key in keys:
            holders.setdefault(key, []).append(item)
    asked = list(range(22))
    expected = [item for key in asked for item in holders.get(key, [])
                if len(holders[key]) <= most]
    assert postings.owners_of(np.array(asked, dtype=np.uint64), most).tolist() == expected
    assert postings.values.tolist() == sorted(holders)
    assert postings.counts.tolist() == [len(holders[k]) for k in sorted(holders)]


def shingled(shingles: list[int]) -> ComparisonText:
    hashes = np.array(shingles, dtype=np.uint64)
    return ComparisonText(hashes, np.zeros(len(hashes), dtype=np.int32), np.unique(hashes),
                          len(hashes))


@given(st.lists(st.lists(st.integers(0, 30), max_size=14), max_size=10), st.integers(2, 5))
def test_candidate_pairs_miss_no_pair_above_the_query_thresholds_in_any_number_of_shards(
        texts, shards):
    """Prefix filtering finds every text holding a query's share of another's shingles
    (the whole text, and the text past its lead-in), pairs only texts that share a
    shingle, and cutting the shingles into shards changes nothing."""
    compared = [shingled(t) for t in texts]
    found = candidate_pairs(compared, 0.7, 0.8, LEAD_IN_SHARE)
    pairs = set(zip(found[0].tolist(), found[1].tolist(), strict=True))
    sharded = candidate_pairs(compared, 0.7, 0.8, LEAD_IN_SHARE, shards=shards)
    assert [a.tolist() for a in sharded] == [a.tolist() for a in found]
    for i, text in enumerate(compared):
        body = np.unique(text.hashes[int(np.ceil(len(text.hashes) * LEAD_IN_SHARE)):])
        for j, other in enumerate(compared):
            shared = set(text.unique.tolist()) & set(other.unique.tolist())
            if i == j:
                continue
            if (min(i, j), max(i, j)) in pairs:
                assert shared
            whole = len(shared) >= (0.7 - MARGIN) * len(text.unique) > 0
            past_lead_in = len(set(body.tolist()) & set(other.unique.tolist())) >= \
                (0.8 - MARGIN) * len(body) > 0
            if whole or past_lead_in:
                assert (min(i, j), max(i, j)) in pairs


@given(st.lists(st.lists(st.integers(0, 30), max_size=14), min_size=1, max_size=10),
       st.integers(2, 5), st.data())
def test_pairs_found_for_sure_are_found_by_both_searches(texts, shards, data):
    """`surely_paired` is the query thresholds of the test above; prefix filtering (in
    any shards) finds every such pair, and so does comparing a changed text with all."""
    compared = [shingled(t) for t in texts]
    shares = QueryShares.of(0.7, 0.8, LEAD_IN_SHARE)
    found = candidate_pairs(compared, 0.7, 0.8, LEAD_IN_SHARE, shards=shards)
    searched = set(zip(found[0].tolist(), found[1].tolist(), strict=True))
    changed = data.draw(st.lists(st.integers(0, len(texts) - 1), max_size=3, unique=True))
    near = pairs_with(compared, changed, shares)
    compared_with_all = set(zip(near[0].tolist(), near[1].tolist(), strict=True))
    for i, text in enumerate(compared):
        for j in range(i + 1, len(compared)):
            sure = surely_paired(text, compared[j], shares)
            assert sure == surely_paired(compared[j], text, shares)
            assert sure == any(_holds_query_share(a, b) for a, b in (
                (text, compared[j]), (compared[j], text)))
            if sure:
                assert (i, j) in searched
                if i in changed or j in changed:
                    assert (i, j) in compared_with_all
    assert all(i in changed or j in changed for i, j in compared_with_all)


def _holds_query_share(text: ComparisonText, other: ComparisonText) -> bool:
    shared = set(text.unique.tolist()) & set(other.unique.tolist())
    body = set(np.unique(text.hashes[int(np.ceil(len(text.hashes) * LEAD_IN_SHARE)):]).tolist())
    past_lead_in = 0 < len(body) < len(text.unique) and \
        len(body & set(other.unique.tolist())) >= (0.8 - MARGIN) * len(body)
    return len(shared) >= (0.7 - MARGIN) * len(text.unique) > 0 or past_lead_in


class ThreeShards(Workers):
    """In-process workers that cut every corpus-wide step in three shards."""

    def __init__(self) -> None:
        super().__init__()
        self.shard_maps: list[int] = []

    def shards(self, items: int) -> int:
        return 3

    def map_shards(self, work, shards, setup, *args):
        self.shard_maps.append(len(shards))
        return super().map_shards(work, shards, setup, *args)


def test_copies_found_in_shards_are_the_copies_found_in_one_pass():
    """Candidates found by shard of shingles fold the same copies, with the same
    evidence, as one pass: excerpts, lead-ins, edits and look-alikes together."""
    cut = WIRE_TEXT[:1400].rsplit(" ", 1)[0] + "…\n\nRead more »\n"
    edited = [p.replace(" percent", " per cent") for p in WIRE[:-2]]
    corpus = [wire_article(), article("excerpt.txt", cut),
              article("blog.txt", "Blog\n\nOur own opening paragraph, before the report.\n\n"
                      + "\n\n".join(WIRE[2:])),
              article("house.txt", "Strike\n\n" + "\n\n".join(edited)),
              article("outlet.txt", "Other\n\n" + "\n\n".join(OTHER_OUTLET)),
              article("follow.txt", "Follow-up\n\n" + "\n\n".join(FOLLOW_UP)),
              *(article(f"release-{n}.txt", f"Release {n}\n\n" + "\n\n".join(
                  [*body, *COMPANY_FOOTER])) for n, body in enumerate(RELEASES))]
    sharded = ThreeShards()
    one = dedupe_articles(tuple(corpus), 0.7, 0.8, 5)
    three = dedupe_articles(tuple(corpus), 0.7, 0.8, 5, workers=sharded)
    assert three == one
    assert {c.path for c in one.copies} == {"excerpt.txt", "blog.txt", "house.txt"}
    assert sharded.shard_maps == [3, 3]      # shingle counts, then pairs


def test_the_evidence_of_pairs_compared_before_is_taken_from_the_cache(tmp_path, monkeypatch):
    """A rebuild compares only the pairs of texts no earlier build compared, and
    folds the same copies as a build without a cache; other thresholds miss."""
    import briefing.dedupe as dedupe
    from briefing.cache import ResultCache

    cut = WIRE_TEXT[:1400].rsplit(" ", 1)[0] + "…\n\nRead more »\n"
    corpus = [wire_article(), article("excerpt.txt", cut),
              article("outlet.txt", "Other\n\n" + "\n\n".join(OTHER_OUTLET)),
              article("follow.txt", "Follow-up\n\n" + "\n\n".join(FOLLOW_UP))]
    counted: list[int] = []
    for name in ("compare", "could_be_copy"):
        real = getattr(dedupe, name)
        monkeypatch.setattr(dedupe, name, lambda *a, _real=real: counted.append(1) or _real(*a))
    workers = Workers(cache=ResultCache(tmp_path / "c.sqlite"))

    first = dedupe_articles(tuple(corpus), 0.7, 0.8, 5, workers=workers)
    assert counted and {c.path for c in first.copies} == {"excerpt.txt"}
    counted.clear()
    assert dedupe_articles(tuple(corpus), 0.7, 0.8, 5, workers=workers) == first
    assert not counted

    edited = [*corpus[:3], article("follow.txt", "Follow-up\n\n" + "\n\n".join(
        [*FOLLOW_UP[:1], *WIRE[2:]]))]
    expected = dedupe_articles(tuple(edited), 0.7, 0.8, 5)
    counted.clear()
    stricter = dedupe_articles(tuple(edited), 0.95, 0.95, 5)
    calls_without_cache = len(counted)
    counted.clear()
    assert dedupe_articles(tuple(edited), 0.7, 0.8, 5, workers=workers) == expected
    assert 0 < len(counted) <= 2 * 3       # only pairs with the edited text
    counted.clear()
    assert dedupe_articles(tuple(edited), 0.95, 0.95, 5, workers=workers) == stricter
    assert len(counted) == calls_without_cache


def test_after_a_few_edits_only_the_changed_texts_are_searched_and_the_copies_are_the_same(
        tmp_path, monkeypatch):
    """The texts each text was similar to are kept; a rebuild after a few changed
    articles compares only those with the others, and folds what a build without a
    cache folds: an excerpt added, a text edited into a copy, a copy deleted, a
    second identical copy added, the template pair's third press release removed."""
    import briefing.dedupe as dedupe
    from briefing.cache import ResultCache

    cut = WIRE_TEXT[:1400].rsplit(" ", 1)[0] + "…\n\nRead more »\n"
    releases = [article(f"release-{n}.txt", f"Release {n}\n\n" + "\n\n".join(
        [*body, *COMPANY_FOOTER])) for n, body in enumerate(RELEASES)]
    blog = article("blog.txt", "Blog\n\nOur own opening paragraph, before the report.\n\n"
                   + "\n\n".join(WIRE[2:]))
    outlet = article("outlet.txt", "Other\n\n" + "\n\n".join(OTHER_OUTLET))
    start = [wire_article(), blog, outlet, *releases,
             article("follow.txt", "Follow-up\n\n" + "\n\n".join(FOLLOW_UP))]
    edits = [
        [*start, article("excerpt.txt", cut)],                    # a new excerpt
        [*start[:-1], article("follow.txt", "Follow-up\n\n" + "\n\n".join(
            [*FOLLOW_UP[:1], *WIRE[2:]]))],                        # a text becomes a copy
        [a for a in start if a.path != "blog.txt"],                 # a copy deleted
        [*start, article("blog-2.txt", "Blog again\n\nOur own opening paragraph, before "
                         "the report.\n\n" + "\n\n".join(WIRE[2:]))],   # the same text again
        [a for a in start if a.path != releases[-1].path],          # a template's third gone
    ]
    workers = Workers(cache=ResultCache(tmp_path / "c.sqlite"))
    searched: list[int] = []
    real = dedupe.candidate_pairs
    monkeypatch.setattr(dedupe, "candidate_pairs",
                        lambda texts, *a, **k: searched.append(len(texts)) or real(texts, *a, **k))
    for corpus in edits:
        dedupe_articles(tuple(start), 0.7, 0.8, 5, workers=workers)
        searched.clear()
        clean = dedupe_articles(tuple(corpus), 0.7, 0.8, 5)
        assert searched == [len(corpus)]
        searched.clear()
        assert dedupe_articles(tuple(corpus), 0.7, 0.8, 5, workers=workers) == clean
        assert not searched
    # Two press releases left with their company's boilerplate read as copies: that
    # test reads the corpus, and is asked again of the unchanged pair.
    assert {c.path for c in clean.copies} == {"blog.txt", "release-0.txt"}
    many = [article(f"new-{n}.txt", f"New {n}\n\n" + "\n\n".join(STORY[n % 3:]) + f" Item {n}.")
            for n in range(dedupe.FEW_CHANGED + 1)]
    assert dedupe_articles(tuple([*start, *many]), 0.7, 0.8, 5, workers=workers) == \
        dedupe_articles(tuple([*start, *many]), 0.7, 0.8, 5)
    assert len(searched) == 2                  # too many changed: searched again


def test_each_texts_least_share_is_kept_and_worked_out_only_for_changed_texts(
        tmp_path, monkeypatch):
    import briefing.dedupe as dedupe
    from briefing.cache import ResultCache
    from briefing.dedupe.candidates import query_least

    start = [wire_article(), article("outlet.txt", "Other\n\n" + "\n\n".join(OTHER_OUTLET)),
             article("follow.txt", "Follow-up\n\n" + "\n\n".join(FOLLOW_UP))]
    edited = [*start[:2], article("follow.txt", "Follow-up\n\n" + "\n\n".join(
        [*FOLLOW_UP[:1], *WIRE[2:]]))]
    worked_out: list[int] = []
    given: list[list[int]] = []
    real_pairs_with = dedupe.pairs_with
    monkeypatch.setattr(dedupe, "query_least",
                        lambda text, shares: worked_out.append(1) or query_least(text, shares))

    def pairs_with(texts, changed, shares, least=None):
        assert least == [query_least(t, shares) for t in texts]
        given.append(least)
        return real_pairs_with(texts, changed, shares, least)

    monkeypatch.setattr(dedupe, "pairs_with", pairs_with)
    workers = Workers(cache=ResultCache(tmp_path / "c.sqlite"))
    dedupe_articles(tuple(start), 0.7, 0.8, 5, workers=workers)
    assert len(worked_out) == len(start)         # a clean build keeps every text's
    worked_out.clear()
    assert dedupe_articles(tuple(edited), 0.7, 0.8, 5, workers=workers) == \
        dedupe_articles(tuple(edited), 0.7, 0.8, 5)
    assert len(given) == 1 and len(worked_out) == 1   # the edited text's, then none more


def _rebuilt_like_clean(tmp_path, before: list, after: list) -> None:
    """Dedupe `before` with a cache, then `after`: the same as `after` without one."""
    from briefing.cache import ResultCache

    workers = Workers(cache=ResultCache(tmp_path / "c.sqlite"))
    dedupe_articles(tuple(before), 0.7, 0.8, 5, workers=workers)
    clean = dedupe_articles(tuple(after), 0.7, 0.8, 5)
    assert dedupe_articles(tuple(after), 0.7, 0.8, 5, workers=workers) == clean
    assert clean.copies


def test_a_new_article_with_a_known_text_is_paired_with_its_twin(tmp_path):
    """Its compared text is not new (weekdays are not compared, and another weekday is
    all it changes, so it is not an exact copy), but that text had no twin to be
    compared with."""
    lone = article("visit.txt", "Visit\n" + "\n".join(STORY))
    twin = article("visit-copy.txt", "Visit\n" + "\n".join(STORY).replace("Wednesday",
                                                                             "Thursday"))
    _rebuilt_like_clean(tmp_path, [lone], [lone, twin])


def test_exact_copies_are_also_compared_so_that_a_later_edit_finds_them(tmp_path):
    """Two texts with the same words, one of them in a heading (not compared): exact
    copies. Rewording the heading leaves both compared texts as they were, and the
    pair is then an excerpt, which only a comparison made in the first build finds."""
    whole = article("a.md", "---\ntitle: Visit\n---\n" + "\n\n".join(STORY))
    headed = "---\ntitle: Visit\n---\n" + "\n\n".join(STORY[:-1]) + "\n\n## "
    _rebuilt_like_clean(tmp_path, [whole, article("b.md", headed + STORY[-1])],
                        [whole, article("b.md", headed + "Further reading")])


def test_a_copy_the_search_cannot_be_sure_to_find_is_not_a_copy():
    """Repeats count in a text's containment but once in the search's shares: a lead-in
    then one shingle over and over (in the other text) passes the lead-in test, yet
    the search finds the pair only if that shingle happens to be rare. Counting it
    would make whether two texts are copies depend on the rest of the corpus."""
    from briefing.dedupe import _Grouping

    lead = list(range(100, 111))
    hashes = np.array([*lead, *([7] * 20), 1, 2, 3], dtype=np.uint64)
    repeated = ComparisonText(hashes, np.array([0] * 11 + [1] * 23, dtype=np.int32),
                              np.unique(hashes), len(hashes))
    other = shingled([7, *range(200, 220)])
    assert compare(repeated, other).is_copy(0.7, 0.8)
    assert not surely_paired(repeated, other, QueryShares.of(0.7, 0.8, LEAD_IN_SHARE))
    grouping = _Grouping([None, None], [None, None], [repeated, other], 0.7, 0.8)
    assert not grouping.similar((0, 1)) and not grouping.copies(0, 1)


@given(st.lists(st.integers(0, 2 ** 64 - 1), max_size=300),
       st.lists(st.integers(0, 2 ** 64 - 1), min_size=1, max_size=3000))
def test_the_sorted_lookup_is_searchsorted(values, keys):
    from briefing.dedupe.candidates import _sorted_search

    sorted_values = np.unique(np.array(values, dtype=np.uint64))
    wanted = np.array(keys * (1 + 1024 // len(keys)), dtype=np.uint64)   # the sorted path
    assert np.array_equal(_sorted_search(sorted_values, wanted),
                          np.searchsorted(sorted_values, wanted))


def test_an_article_nothing_was_folded_into_comes_out_as_the_same_object():
    # The results cache remembers a live article's digest: extraction then keys the
    # article without pickling it again.
    cut = WIRE_TEXT[:1400].rsplit(" ", 1)[0] + "…\n\nRead more »\n"
    wire, excerpt = wire_article(), article("excerpt.txt", cut)
    other = article("outlet.txt", "Other\n\n" + "\n\n".join(OTHER_OUTLET))
    result = dedupe_articles((wire, excerpt, other), 0.7, 0.8, 5)
    kept = {a.path: a for a in result.articles}
    assert kept[other.path] is other
    assert kept[wire.path] is not wire and kept[wire.path].copies
