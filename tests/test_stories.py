"""Stories: rewrites and same-event coverage cluster; unrelated coverage does not."""

from __future__ import annotations

import heapq
from datetime import date
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.extract.linkage import Pairs, average_linkage, linkage_in_shards
from briefing.extract.stories import cluster_stories, similar_pairs
from briefing.extract.story_titles import clean_headline, headline_like, headlines
from briefing.extract.tfidf import term_counts

from .extract_helpers import article, extract

VISIT_A = ("Ann Lee arrived in the capital for talks on fish quotas with Bo Chen. "
           "\"We need a deal that works for the boats,\" said Ann Lee. "
           "Harbour Trust officials joined the delegation.\n")
VISIT_B = ("Premier Ann Lee met Bo Chen to discuss quotas for fishing fleets. "
           "She told reporters: \"We need a deal that works for the boats.\"\n")
OTHER = ("A new railway bridge opened in the north after years of delays. Engineers praised "
         "the design and commuters welcomed shorter journeys across the valley.\n")


def story_sets(*texts: str, dated: str | None = None):
    extraction, made = extract(*texts, dated=dated)
    by_id = {a.id: i for i, a in enumerate(made)}
    return sorted(sorted(by_id[a] for a in s.article_ids) for s in extraction.stories)


def test_shared_quote_links_rewrites_and_unrelated_story_stays_apart():
    assert story_sets(VISIT_A, VISIT_B, OTHER) == [[0, 1], [2]]


def test_shared_specifics_on_the_same_days_link():
    first = "Ann Lee toured the harbour and met fishing crews about quotas on Monday.\n"
    second = "Crews told Ann Lee that quotas threaten the season; Ann Lee promised help.\n"
    assert story_sets(first, second, dated="2026-01-14") == [[0, 1]]


# ------------------------------------------------------------ events, not chains

HARBOUR = [
    "The harbour board approved a plan to deepen the Lossa shipping channel at a cost of "
    "140 million crowns, with dredging to start in the autumn.",
    "Lossa's harbour board voted to deepen the channel; board chair Mette Lund said the "
    "140 million crown project would let larger ships dock without waiting for the tide.",
    "Fishermen objected to the Lossa dredging plan approved by the harbour board, saying "
    "the 140 million crown project threatens spawning grounds in the channel.",
]
SCHOOLS = [
    "Vennby's school board voted to close two primary schools in the old town and merge "
    "their pupils into a new building on the east side of the ring road.",
    "Parents protested after the Vennby school board decided to merge two old-town primary "
    "schools, warning that children would have to cross the ring road.",
    "Board member Aksel Rye defended the Vennby school merger, saying the two old-town "
    "primary schools were half empty and the ring road crossing would get lights.",
]


def dated(path: str, day: str, body: str, title: str = ""):
    title = title or f"Report {path.split('.')[0]}"
    return article(path, f"---\ntitle: {title}\nslug: {path.split('.')[0]}\ndate: {day}\n"
                   f"---\n{body}\n")


def stories_of(*articles, cutoff: float = 0.1, days: int = 7):
    found = cluster_stories(tuple(articles), {a.id: a.date.date() if a.date else None
                                              for a in articles}, (), cutoff, days)
    by_id = {a.id: a.path for a in articles}
    return sorted(sorted(by_id[i] for i in s.article_ids) for s in found)


def test_weeks_of_rolling_coverage_do_not_chain_into_one_story():
    words = ["dredging", "channel", "spawning", "permit", "tender", "contractor", "barges",
             "silt", "inspection", "budget", "overrun", "inquiry", "resignation"]
    pieces = [dated(f"{n}.md", f"2026-03-{1 + 4 * n:02d}",
                    f"Lossa {' '.join(words[n:n + 4])} and {' '.join(words[n + 1:n + 5])}.")
              for n in range(7)]
    for story in stories_of(*pieces):
        days = sorted(int(p.split(".")[0]) * 4 for p in story)
        assert days[-1] - days[0] <= 7, story


def test_articles_a_month_apart_are_never_one_story():
    march = dated("march.md", "2026-03-12", HARBOUR[0])
    april = dated("april.md", "2026-04-12", HARBOUR[0])
    assert stories_of(march, april) == [["april.md"], ["march.md"]]


def test_same_event_articles_within_days_form_one_story_and_another_event_stays_apart():
    pieces = [dated(f"h{n}.md", f"2026-03-{10 + n}", text) for n, text in enumerate(HARBOUR)]
    pieces += [dated(f"s{n}.md", f"2026-03-{10 + n}", text) for n, text in enumerate(SCHOOLS)]
    assert stories_of(*pieces) == [["h0.md", "h1.md", "h2.md"], ["s0.md", "s1.md", "s2.md"]]


def test_one_article_covering_two_events_does_not_bridge_them():
    pieces = [dated(f"h{n}.md", "2026-03-10", text) for n, text in enumerate(HARBOUR)]
    pieces += [dated(f"s{n}.md", "2026-03-10", text) for n, text in enumerate(SCHOOLS)]
    pieces.append(dated("digest.md", "2026-03-10", HARBOUR[1] + " " + SCHOOLS[1]))
    found = stories_of(*pieces)
    assert not any({"h0.md", "s0.md"} <= set(story) for story in found), found


def test_an_undated_article_is_placed_by_the_latest_date_it_mentions():
    near = article("near.txt", "Channel plan near\n" + HARBOUR[2] + " The vote was held on "
                   "March 11, 2026.\n")
    far = article("far.txt", "Channel plan far\n" + HARBOUR[2] + " The vote was held on "
                  "January 11, 2026.\n")
    pieces = [dated(f"h{n}.md", "2026-03-11", text) for n, text in enumerate(HARBOUR[:2])]
    dates = {a.id: a.date.date() for a in pieces}
    dates.update({near.id: date(2026, 3, 11), far.id: date(2026, 1, 11)})
    found = cluster_stories((*pieces, near, far), dates, (), 0.1, 7)
    sizes = {len(s.article_ids) for s in found}
    assert sizes == {3, 1}
    assert any(set(s.article_ids) == {pieces[0].id, pieces[1].id, near.id} for s in found)


def test_average_linkage_does_not_chain_and_keeps_the_span():
    chain = Pairs.of([(0, 1, 0.5), (1, 2, 0.5), (2, 3, 0.5)])
    assert average_linkage(4, chain, [None] * 4, 0.3, 7, 1.0) == [[0, 1], [2, 3]]
    days = [date(2026, 3, d) for d in (1, 3, 12, 14)]
    close = Pairs.of([(0, 1, 0.9), (1, 2, 0.9), (2, 3, 0.9), (0, 2, 0.9), (1, 3, 0.9),
                      (0, 3, 0.9)])
    assert average_linkage(4, close, days, 0.3, 7, 1.0) == [[0, 1], [2, 3]]
    one = Pairs.of([(0, 1, 0.2)])
    assert average_linkage(2, one, [None, None], 0.15, 7, 1.5) == [[0], [1]]
    assert average_linkage(2, one, [None, days[0]], 0.15, 7, 1.0) == [[0, 1]]


def test_pairs_are_sorted_once_each_with_the_highest_similarity():
    pairs = Pairs.of([(3, 1, 0.25), (0, 2, 0.5), (1, 3, 0.75)]).merged(Pairs.of([(0, 2, 0.125)]))
    assert list(zip(pairs.first.tolist(), pairs.second.tolist(), pairs.values.tolist(),
                    strict=True)) == [(0, 2, 0.5), (1, 3, 0.75)]


def plain_linkage(size, triples, dates, cutoff, days, undated_factor):
    """Average linkage the plain way, as it was written before the arrays: a dict of
    neighbour sums per cluster, every pair in the heap, a dict copy for cohesion."""
    near = [dict[int, float]() for _ in range(size)]
    for i, j, v in triples:
        near[i][j] = near[j][i] = v
    adjacent = [dict(n) for n in near]
    clusters = {i: ([i], dates[i], dates[i], near[i]) for i in range(size)}
    heap = [(-v, min(i, j), max(i, j)) for i, j, v in triples]
    heapq.heapify(heap)
    next_id = size
    while heap:
        negative, i, j = heapq.heappop(heap)
        if i not in clusters or j not in clusters:
            continue
        (one, first_one, last_one, n_one), (two, first_two, last_two, n_two) = \
            clusters[i], clusters[j]
        mean = -negative
        undated = first_one is None or first_two is None
        if mean < cutoff * (undated_factor if undated else 1.0):
            continue
        if not undated and (max(last_one, last_two) - min(first_one, first_two)).days > days:
            continue
        total = mean * len(one) * len(two)
        if any(len(side) > 1 and (total - max(sum(v for k, v in adjacent[m].items()
                                                  if k in set(other)) for m in side))
               / ((len(side) - 1) * len(other)) < cutoff
               for side, other in ((one, two), (two, one))):
            continue
        merged = {k: n_one.get(k, 0.0) + n_two.get(k, 0.0) for k in {*n_one, *n_two}}
        merged.pop(i, None)
        merged.pop(j, None)
        firsts = [d for d in (first_one, first_two) if d is not None]
        lasts = [d for d in (last_one, last_two) if d is not None]
        del clusters[i], clusters[j]
        for other, summed in merged.items():
            clusters[other][3].pop(i, None)
            clusters[other][3].pop(j, None)
            clusters[other][3][next_id] = summed
            heapq.heappush(heap, (-summed / len(clusters[other][0]) / len(one + two),
                                  other, next_id))
        clusters[next_id] = (one + two, min(firsts, default=None), max(lasts, default=None),
                             merged)
        next_id += 1
    return sorted(sorted(c[0]) for c in clusters.values())


@st.composite
def similarity_graphs(draw):
    size = draw(st.integers(2, 12))
    pair = st.tuples(st.integers(0, size - 1), st.integers(0, size - 1)).filter(
        lambda p: p[0] != p[1]).map(lambda p: (min(p), max(p)))
    chosen = draw(st.lists(pair, max_size=30, unique=True))
    # Sixty-fourths add up exactly in any order, so both ways see the same sums.
    triples = [(i, j, draw(st.integers(1, 64)) / 64) for i, j in chosen]
    dates = [draw(st.none() | st.dates(date(2026, 3, 1), date(2026, 3, 20)))
             for _ in range(size)]
    return size, triples, dates


@settings(max_examples=300, deadline=None)
@given(similarity_graphs(), st.sampled_from([0.125, 0.25, 0.5]), st.sampled_from([1.0, 1.5]))
def test_average_linkage_matches_the_plain_algorithm(graph, cutoff, undated_factor):
    """Pairs in arrays, weak pairs kept out of the heap and the cohesion check read from
    the arrays change how much memory the clustering takes, never its result."""
    size, triples, dates = graph
    assert average_linkage(size, Pairs.of(triples), dates, cutoff, 7, undated_factor) == \
        plain_linkage(size, triples, dates, cutoff, 7, undated_factor)


@settings(max_examples=200, deadline=None)
@given(similarity_graphs(), st.sampled_from([0.125, 0.25, 0.5]), st.integers(1, 4),
       st.randoms(use_true_random=False))
def test_clustering_by_component_in_shards_matches_one_clustering(graph, cutoff, shards, rng):
    """No merge crosses a component of the pairs as alike as the cutoff, so clustering
    each shard's components apart gives the same clusters, with any similarities
    (not only ones that add up exactly in any order)."""
    size, triples, dates = graph
    pairs = Pairs.of((i, j, v * rng.uniform(0.9, 1.1)) for i, j, v in triples)
    assert linkage_in_shards(size, pairs, dates, cutoff, 7, 1.5, shards=shards) == \
        average_linkage(size, pairs, dates, cutoff, 7, 1.5)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 40), st.integers(1, 5), st.integers(0, 10_000))
def test_the_similarity_search_in_time_shards_finds_the_same_pairs(size, shards, seed):
    """Cutting the date-ordered blocks into shards, each with the rows its window reads,
    finds the same pairs as one pass: every pair at least the floor alike, within the
    window or undated (fewer partners than `MAX_PARTNERS`, so none is thinned)."""
    from scipy.sparse import random as sparse_random

    rng = np.random.default_rng(seed)
    vectors = sparse_random(size, 12, density=0.4, format="csr", random_state=rng)
    dates = [None if rng.random() < 0.2 else date(2026, 3, 1 + int(rng.integers(0, 25)))
             for _ in range(size)]
    with patch("briefing.extract.stories.PRODUCT_CELLS", size * 3):     # blocks of 3 rows
        one = similar_pairs(vectors, 0.05, dates, 3, shards=1)
        many = similar_pairs(vectors, 0.05, dates, 3, shards=shards)
    assert [a.tolist() for a in many] == [a.tolist() for a in one]
    alike = (vectors @ vectors.T).toarray()
    expected = {(i, j) for i in range(size) for j in range(i + 1, size)
                if alike[i, j] >= 0.05 and (dates[i] is None or dates[j] is None
                                            or abs((dates[i] - dates[j]).days) <= 3)}
    assert set(zip(one[0].tolist(), one[1].tolist(), strict=True)) == expected


# ------------------------------------------------------------ titles

@pytest.mark.parametrize(("raw", "clean"), [
    ("Dockers end strike | Business and Economy News", "Dockers end strike"),
    ("Dockers strike at the port, stranding ships - Tavoria Head Topics",
     "Dockers strike at the port, stranding ships"),
    ("(LEAD) Shipper diverts vessels as strike drags on", "Shipper diverts vessels as strike "
                                                          "drags on"),
    ("[News Today] Shipper reroutes vessels", "Shipper reroutes vessels"),
    ("BREAKING: President signs deals on state visit", "President signs deals on state visit"),
    ("UPDATE 2-Rates held as strike bites", "Rates held as strike bites"),
    ("Guidance on port access [March 2026]", "Guidance on port access"),
    ("Carney's visit - what it means for canola", "Carney's visit - what it means for canola"),
])
def test_headlines_are_cleaned_of_site_names_and_desk_labels(raw, clean):
    assert clean_headline(raw) == clean


@pytest.mark.parametrize("line", ["News, Sport", "By Ana Lucero and Tom Hadley",
                                  "SectionsWorldAsiaAmericasEuropeMiddle East report on visit",
                                  "Union members picket outside the terminal. PHOTO: REUTERS",
                                  "TAVORIA PORT STRIKE ENTERS THIRD DAY"])
def test_furniture_is_not_a_headline(line):
    assert not headline_like(line)


def test_a_story_is_titled_by_its_most_representative_headline_not_page_furniture():
    furniture = article("a.txt", "News, data and analysis for professionals\nMy News\n\n"
                        "# Lossa harbour board approves channel dredging plan\n\n"
                        + HARBOUR[0] + "\n")
    others = [dated(f"h{n}.md", "2026-03-10", text, title=f"{title} | Lossa Daily News")
              for n, (text, title) in enumerate(zip(HARBOUR[1:], (
                  "Harbour board backs deeper channel for larger ships",
                  "Fishermen object to channel plan"), strict=True))]
    (story,) = cluster_stories((furniture, *others), {a.id: date(2026, 3, 10) for a in
                                                       (furniture, *others)}, (), 0.05, 7)
    assert story.title in {"Lossa harbour board approves channel dredging plan",
                           "Harbour board backs deeper channel for larger ships"}


def test_each_article_offers_its_headlines_counted_once_for_the_cache():
    page = dated("h.md", "2026-03-10", HARBOUR[1],
                 title="Harbour board backs deeper channel for larger ships | Lossa Daily News")
    offered = headlines(page)
    assert offered[0][0] == \
        "Harbour board backs deeper channel for larger ships"
    for text, counts in offered:
        expected = term_counts(text)
        assert counts.terms == expected.terms and np.array_equal(counts.counts, expected.counts)
    assert headlines(dated("h.md", "2026-03-10", HARBOUR[1], title="Home")) == ()


def test_without_a_usable_headline_the_title_is_built_from_key_terms_and_dates():
    pieces = [dated(f"h{n}.md", f"2026-03-1{n}", text, title="Home")
              for n, text in enumerate(HARBOUR)]
    (story,) = cluster_stories(tuple(pieces), {a.id: a.date.date() for a in pieces}, (),
                               0.05, 7)
    assert story.title.endswith(": 10 March 2026 to 12 March 2026")
    assert "channel" in story.title.lower() or "lossa" in story.title.lower()


def _texts(seed: int, count: int) -> list[str]:
    """Texts of words from a small vocabulary (some stop words, some digits, capitals,
    accents), so that terms repeat within and across texts."""
    rng = np.random.default_rng(seed)
    words = ["Harbour", "strike", "the", "of", "dockers", "2026", "Zürich", "talks", "a",
             "pay", "x", "café", "Union's", "and", "ministers", "ports", "É", "42", "re-open"]
    return [" ".join(rng.choice(words, size=int(rng.integers(0, 40)))) + ". End."
            for _ in range(count)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_tf_idf_is_scikit_learns_sublinear_english_tf_idf(seed):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from briefing.extract.tfidf import Tfidf, term_counts

    texts, others = _texts(seed, 60), _texts(seed + 100, 15)
    reference = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    expected = reference.fit_transform(texts).toarray()
    fitted = Tfidf.fit([term_counts(t) for t in texts])
    assert fitted is not None
    matrix, model = fitted
    assert list(model.terms) == list(reference.get_feature_names_out())
    assert np.allclose(matrix.toarray(), expected, rtol=1e-12, atol=1e-15)
    assert np.allclose(model.transform(others).toarray(),
                       reference.transform(others).toarray(), rtol=1e-12, atol=1e-15)
    assert Tfidf.fit([term_counts("the of and a")]) is None     # nothing but stop words


def test_every_texts_counts_go_in_its_own_row_and_unknown_terms_are_dropped():
    from briefing.extract.tfidf import _count_matrix, term_counts

    counted = [term_counts("harbour ferry harbour"), term_counts("the and"),
               term_counts("ferry toll"), term_counts("toll")]
    matrix = _count_matrix(counted, {"ferry": 0, "harbour": 1})
    assert matrix.toarray().tolist() == [[1, 2], [0, 0], [1, 0], [0, 0]]
    assert _count_matrix([], {"ferry": 0}).shape == (0, 1)
