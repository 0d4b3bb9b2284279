"""Stories: rewrites and same-event coverage cluster; unrelated coverage does not."""

from __future__ import annotations

from .extract_helpers import extract

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


def test_same_main_actor_on_the_same_days_links():
    first = "Ann Lee toured the harbour and met fishing crews about quotas on Monday.\n"
    second = "Crews told Ann Lee that quotas threaten the season; Ann Lee promised help.\n"
    assert story_sets(first, second, dated="2026-01-14") == [[0, 1]]
