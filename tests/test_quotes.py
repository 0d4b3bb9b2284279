"""Quotes: speakers from cues on either side, continuations, pronouns, merging."""

from __future__ import annotations

from briefing.extract.quotes import FoundQuote, merge_quotes
from briefing.model import Citation

from .extract_helpers import extract, names


def speakers(text: str, *more: str) -> list[tuple[str | None, str]]:
    extraction, _ = extract(text, *more)
    who = names(extraction)
    return [(who.get(q.speaker_id), q.text) for q in extraction.quotes]


def test_speaker_after_the_quote():
    assert speakers("\"We will not give up on the harbour,\" said Ann Lee, the premier.\n") == [
        ("Ann Lee", "We will not give up on the harbour")]
    assert speakers("“We will not give up on the harbour,” Bo Chen told reporters.\n") == [
        ("Bo Chen", "We will not give up on the harbour")]


def test_speaker_before_the_quote():
    assert speakers("Ann Lee said on Monday that \"the talks are going very well indeed\".\n") == [
        ("Ann Lee", "the talks are going very well indeed")]
    assert speakers("According to Bo Chen, \"nothing has been agreed so far at all.\"\n") == [
        ("Bo Chen", "nothing has been agreed so far at all.")]
    text = "Bo Chen described the deal as an opening: \"This is only the start of it.\"\n"
    assert speakers(text) == [("Bo Chen", "This is only the start of it.")]


def test_continuation_keeps_the_speaker():
    text = ("\"The deal is not about choosing sides,\" said Bo Chen. "
            "\"It is about finding a way to keep trading.\"\n")
    assert [s for s, _ in speakers(text)] == ["Bo Chen", "Bo Chen"]


def test_pronoun_resolves_to_the_one_person_in_the_paragraph():
    assert speakers("Ann Lee toured the port. \"We will rebuild the old harbour,\" she said.\n") \
        == [("Ann Lee", "We will rebuild the old harbour")]


def test_pronoun_looks_back_one_paragraph_when_this_one_names_nobody():
    text = ("Bo Chen, the trade minister, said a deal was near.\n"
            "But he added: \"At the end of the day, we need votes.\"\n")
    assert speakers(text)[-1] == ("Bo Chen", "At the end of the day, we need votes.")


def test_pronoun_with_two_candidates_stays_unattributed():
    text = ("Ann Lee met Bo Chen at the port. "
            "\"We will rebuild the old harbour together,\" she said.\n")
    assert speakers(text) == [(None, "We will rebuild the old harbour together")]


def test_a_name_inside_the_quote_is_not_its_speaker():
    text = ("Minister Bo Chen spoke after the talks. "
            "\"Ann Lee is here to recalibrate the whole relationship,\" he said.\n")
    assert speakers(text) == [("Bo Chen", "Ann Lee is here to recalibrate the whole relationship")]


def test_scare_quotes_and_short_phrases_are_not_quotes():
    assert speakers("Officials called it a \"51st state\" moment and \"very close\" talks.\n") == []


def test_same_quote_in_two_articles_merges_with_both_sources():
    extraction, made = extract(
        "\"China is our second-largest trading partner,\" said Ann Lee.\n",
        "Lee wrote that “China is our second-largest trading partner.”\n")
    (quote,) = extraction.quotes
    assert {c.article_id for c in quote.citations} == {made[0].id, made[1].id}


def test_different_speakers_never_merge():
    found = [FoundQuote("We will act on this now", "a", Citation("x", "p1"), "direct"),
             FoundQuote("We will act on this now", "b", Citation("y", "p1"), "direct")]
    assert len(merge_quotes(found, 90)) == 2


def test_near_identical_quotes_merge_by_similarity():
    found = [FoundQuote("We have to be very cautious about how we engage", "a",
                        Citation("x", "p1"), "pull-quote"),
             FoundQuote("We have to be very cautious about how we engage with them", None,
                        Citation("y", "p2"), "direct")]
    (merged,) = merge_quotes(found, 90)
    assert merged.speaker_id == "a" and merged.kind == "direct"
    assert merged.text.endswith("with them")


def test_the_next_sentence_after_a_closed_quote_is_not_its_attribution():
    text = ("Bo Chen spoke first: \"We need the votes of every member.\" "
            "Later Ann Lee said nothing.\n")
    assert speakers(text) == [("Bo Chen", "We need the votes of every member.")]


def test_the_listener_is_not_the_speaker():
    text = "\"We will not move an inch on this point,\" the minister told Ann Lee.\n"
    assert speakers(text) == [(None, "We will not move an inch on this point")]


def test_same_words_from_two_speakers_get_two_ids():
    found = [FoundQuote("We will act on this now", "a", Citation("x", "p1"), "direct"),
             FoundQuote("We will act on this now", "b", Citation("y", "p1"), "direct")]
    first, second = merge_quotes(found, 90)
    assert first.id != second.id


def quote_texts(extraction) -> dict[str, str | None]:
    people = {a.id: a.name for a in extraction.actors}
    return {q.text: people.get(q.speaker_id or "") for q in extraction.quotes}


def test_single_marks_with_apostrophes_inside():
    extraction, _ = extract(
        "'It's a day the country's children won't forget,' said Ann Lee.\n"
        "‘The people’s representatives were blocked,’ Bo Chen said. ‘That is abuse.’\n")
    quotes = quote_texts(extraction)
    assert quotes["It's a day the country's children won't forget"] == "Ann Lee"
    assert quotes["The people’s representatives were blocked"] == "Bo Chen"
    assert quotes["That is abuse."] == "Bo Chen"


def test_nested_quotes_do_not_stop_at_the_inner_mark():
    extraction, _ = extract(
        "“He said ‘no’ to the people twice, and then again,” said Ann Lee.\n")
    assert quote_texts(extraction) == {"He said ‘no’ to the people twice, and then again":
                                       "Ann Lee"}


def test_guillemets():
    extraction, _ = extract("«This is a moment of great seriousness», Ann Lee told Eurowire.\n")
    assert quote_texts(extraction) == {"This is a moment of great seriousness": "Ann Lee"}


def test_short_fragments_need_a_speaker():
    extraction, _ = extract(
        "His lawyer, Bo Chen, called the ruling \"completely incomprehensible\" and "
        "\"a political decision.\"\nCrowds called the verdict a \"fraud\" on Friday.\n")
    quotes = quote_texts(extraction)
    assert quotes == {"completely incomprehensible": "Bo Chen",
                      "a political decision.": "Bo Chen"}


def test_speakers_after_a_title_run_and_a_comma():
    extraction, _ = extract(
        "\"The risk is gone,\" said Harbour Trust economist Bo Chen.\n"
        "\"Never again on a whim,\" said its leader, Ann Lee.\n"
        "\"We have confidence in the institutions,\" U.S. State Department spokesperson "
        "Ann Lee told reporters.\n")
    quotes = quote_texts(extraction)
    assert quotes["The risk is gone"] == "Bo Chen"
    assert quotes["Never again on a whim"] == "Ann Lee"
    assert quotes["We have confidence in the institutions"] == "Ann Lee"


def test_a_possessive_is_neither_subject_nor_pronoun_candidate():
    extraction, _ = extract(
        "Bo Chen's lawyer Ann Lee told reporters the ruling was \"purely political\".\n"
        "Ann Lee said Bo Chen's decree \"damaged democracy\".\n\n"
        "\"Defending the law is our duty,\" she said.\n")
    quotes = quote_texts(extraction)
    assert quotes["purely political"] == "Ann Lee"
    assert quotes["Defending the law is our duty"] == "Ann Lee"


def test_a_second_quote_in_one_sentence_keeps_the_subject():
    extraction, _ = extract(
        "Bo Chen said in a statement that the ruling \"closes a painful chapter\" and "
        "urged all parties to \"compete fairly and accept the result.\"\n")
    quotes = quote_texts(extraction)
    assert quotes["compete fairly and accept the result."] == "Bo Chen"


def test_a_merged_quote_keeps_each_outlets_wording():
    extraction, made = extract(
        "\"The respondent betrayed the trust of the people, who are the sovereign,\" "
        "said Ann Lee.\n",
        "'The respondent betrayed the trust of the people,' said Ann Lee.\n")
    (quote,) = extraction.quotes
    assert quote.text == "The respondent betrayed the trust of the people, who are the sovereign"
    assert {(c.article_id, c.text) for c in quote.citations} == {
        (made[0].id, quote.text), (made[1].id, "The respondent betrayed the trust of the people")}
