"""Pasted text gets its structure back: headline block, furniture, headings, quotes, posts."""

from __future__ import annotations

from pathlib import Path

from briefing.config import ActorConfig, SiteConfig, SourceConfig
from briefing.load import parse_document
from briefing.model import BlockKind
from briefing.normalize import normalize_document
from briefing.normalize.structure import build_elements, read_tag_line

CONFIG = SiteConfig(root=Path("."), actors=(ActorConfig("Ann Lee", aliases=("Lee",)),),
                    sources=(SourceConfig("Daily Planet", aliases=("The Planet",)),),
                    boilerplate=(r"promoted by .+",))
LEDE = "Officials from both countries met in the capital on Tuesday to discuss trade and tariffs."
MORE = "The talks lasted four hours and ended without a joint statement, officials said."


def normalize(text: str, path: str = "a.txt"):
    doc, problems = parse_document(text, path)
    assert doc is not None, problems
    return normalize_document(doc, CONFIG)


def kinds(article) -> list[str]:
    return [b.kind.value for b in article.blocks]


# --- the headline block -------------------------------------------------------------

def test_second_headline_is_an_alternative_title_not_body():
    article = normalize(f"Main Headline Here\nShorter second headline here\n\n{LEDE}\n").article
    assert article.title == "Main Headline Here"
    assert article.alt_titles == ("Shorter second headline here",)
    assert [b.text for b in article.blocks] == [LEDE]


def test_one_sentence_dek_under_the_title_becomes_the_summary():
    text = f"Headline\n{LEDE}\n\n{MORE}\n"
    article = normalize(text).article
    assert article.summary == LEDE and article.inferred["summary"] == "standfirst"
    assert [b.text for b in article.blocks] == [MORE]


def test_front_matter_summary_beats_the_dek():
    text = f"---\ntitle: Headline\nexcerpt: Given.\n---\n{LEDE}\n\n{MORE}\n"
    article = normalize(text).article
    assert article.summary == "Given."
    assert article.blocks[0].text == LEDE


def test_a_one_sentence_lede_running_into_the_story_stays_body():
    article = normalize(f"Headline\n{LEDE}\n{MORE}\n").article
    assert article.summary is None
    assert [b.text for b in article.blocks] == [LEDE, MORE]


def test_title_repeated_under_front_matter_is_dropped():
    article = normalize(f"---\ntitle: The Headline\n---\nThe Headline\n\n{LEDE}\n").article
    assert [b.text for b in article.blocks] == [LEDE]


def test_byline_with_outlet_after_a_comma():
    article = normalize(f"Headline\nBy Ann Lee, The Planet\n{LEDE}\n").article
    assert article.authors == ("Ann Lee",) and article.source == "Daily Planet"
    article = normalize(f"Headline\nBy Ann Lee, senior writer\n{LEDE}\n").article
    assert article.source is None


# --- boilerplate ----------------------------------------------------------------------

def test_furniture_lines_are_removed_and_listed():
    text = (f"Headline\n\nCopy link\nShare this article\n{LEDE}\nADVERTISEMENT\n"
            f"Promoted by Acme Corp\nWe use cookies to improve your experience. Accept\n{MORE}\n"
            "Back To Top\n")
    article = normalize(text).article
    assert [b.text for b in article.blocks] == [LEDE, MORE]
    assert article.removed == ("Copy link", "Share this article", "ADVERTISEMENT",
                               "Promoted by Acme Corp",
                               "We use cookies to improve your experience. Accept", "Back To Top")


def test_furniture_words_inside_sentences_stay():
    line = "Leaders agreed to share intelligence and read more reports on cookies policy."
    article = normalize(f"Headline\n{line}\n{MORE}\n").article
    assert article.blocks[0].text == line and article.removed == ()


def test_comment_section_at_the_end_is_cut_whole():
    story = "\n".join(f"Paragraph {n} of the story, with enough words to count." for n in range(8))
    text = (f"Headline\n{story}\nLeave a Reply\nGreat article!\nJoe Bloggs\n"
            "Your email address will not be published. Required fields are marked *\n")
    article = normalize(text).article
    assert len(article.blocks) == 8
    assert article.removed[:2] == ("Leave a Reply", "Great article!")


# --- headings and lists ---------------------------------------------------------------

def test_short_unpunctuated_lines_between_paragraphs_become_headings():
    text = (f"Headline\n{LEDE}\nWhy the talks stalled\n{MORE}\nA New Chapter Begins\n{LEDE}\n"
            "This line ends like a sentence.\n" f"{MORE}\nLast line without a full stop\n")
    article = normalize(text).article
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["Why the talks stalled", "A New Chapter Begins"]
    assert article.blocks[-1].kind is BlockKind.PARAGRAPH     # nothing follows it


def test_long_unpunctuated_line_is_not_a_heading():
    long_line = " ".join(["word"] * 20).capitalize()
    article = normalize(f"Headline\n{LEDE}\n{long_line}\n{MORE}\n").article
    assert BlockKind.HEADING not in [b.kind for b in article.blocks]


def test_bullets_and_numbers_become_lists():
    text = f"Headline\n{LEDE}\n• first point\n• second point\n1) one\n2) two\n{MORE}\n"
    article = normalize(text).article
    assert kinds(article) == ["paragraph", "list", "list", "paragraph"]
    assert article.blocks[1].html.startswith("<ul") and article.blocks[1].html.count("<li>") == 2
    assert article.blocks[2].html.startswith("<ol") and article.blocks[2].html.count("<li>") == 2


# --- pull quotes ------------------------------------------------------------------------

def test_bare_quote_over_a_name_line_is_an_attributed_pull_quote():
    text = (f"Headline\nAnn Lee, a senior fellow, said the talks mattered.\n"
            "We must move carefully and keep our allies close.\nAnn Lee\n{MORE}\n"
            "It is only a start for (Ottawa), and trust takes years to rebuild.\n"
            f"Bo Chen, University of Somewhere\n{LEDE}\n")
    article = normalize(text).article
    quotes = [(q.text, q.attribution.speaker, q.attribution.affiliation)
              for q in article.attributed]
    assert quotes == [
        ("We must move carefully and keep our allies close.", "Ann Lee", None),
        ("It is only a start for (Ottawa), and trust takes years to rebuild.", "Bo Chen",
         "University of Somewhere"),
    ]
    assert kinds(article) == ["paragraph", "quote", "paragraph", "quote", "paragraph"]
    assert all(b.text != "Ann Lee" for b in article.blocks)
    assert "— Bo Chen, University of Somewhere" in article.blocks[3].text


def test_a_photo_credit_under_a_caption_is_not_a_pull_quote():
    text = (f"Headline\n{LEDE}\nFishing boats sit idle in the old harbour on Tuesday.\n"
            f"Jane Doe, Reuters\n{MORE}\n")
    article = normalize(text).article
    assert article.attributed == ()


def test_headings_that_look_like_names_are_not_credits():
    text = (f"Headline\nWe said we would act, the minister told reporters.\n"
            f"Beijing's Strategic Calculations\n{LEDE}\nWe will act.\n"
            f"Navigating the Washington Factor\n{MORE}\n")
    article = normalize(text).article
    assert article.attributed == ()
    assert [b.text for b in article.blocks if b.kind is BlockKind.HEADING] == [
        "Beijing's Strategic Calculations", "Navigating the Washington Factor"]


def test_pull_quote_repeating_the_body_is_shown_once():
    quote = "We have to be very cautious about how we engage."
    text = f"Headline\nAnn Lee said: \"{quote}\" Others agreed.\n{quote}\nAnn Lee\n{MORE}\n"
    article = normalize(text).article
    assert kinds(article) == ["paragraph", "paragraph"]
    assert sum(quote in b.text for b in article.blocks) == 1


# --- embedded posts ---------------------------------------------------------------------

POST = ("Just landed in the capital.\nReady to build a new partnership. pic.twitter.com/AbC123\n"
        "— Ann Lee (@AnnLee) March 3, 2026\n")


def test_embedded_post_is_one_dated_attributed_quote():
    article = normalize(f"Headline\n{MORE}\n{POST}{LEDE}\n").article
    assert kinds(article) == ["paragraph", "quote", "paragraph"]
    (post,) = article.attributed
    assert post.attribution.kind == "post"
    assert (post.attribution.speaker, post.attribution.handle, post.attribution.date) == (
        "Ann Lee", "@AnnLee", "2026-03-03")
    assert post.text.startswith("Just landed in the capital.")
    assert "pic.twitter.com" not in article.blocks[1].text
    assert "3 March 2026" in article.blocks[1].text
    assert post.anchor == article.blocks[1].anchor


def test_post_does_not_swallow_the_paragraph_before_it():
    long_paragraph = " ".join([LEDE] * 3)
    article = normalize(f"Headline\n{long_paragraph}\n{POST}").article
    assert article.blocks[0].text == long_paragraph
    assert article.blocks[1].kind is BlockKind.QUOTE


# --- tag lines -----------------------------------------------------------------------------

def test_run_together_tag_line_becomes_tags():
    tags, rest = read_tag_line(["Body.", "Canada-China relationsAnn LeeTradeMcDonald's Menu"])
    assert tags == ("Canada-China relations", "Ann Lee", "Trade", "McDonald's Menu")
    assert rest == ["Body."]


def test_prefixed_tag_line_and_ordinary_last_lines():
    assert read_tag_line(["Body.", "Tags: trade, tariffs | canola"])[0] == (
        "trade", "tariffs", "canola")
    for last in ("The talks ended.", "A New Chapter", "iPhone sales rose in March"):
        assert read_tag_line(["Body.", last]) == ((), ["Body.", last])


def test_tag_line_tags_merge_with_front_matter_tags():
    text = f"---\ntitle: T\ntags: [Trade]\n---\n{LEDE}\nTradeCanola talksTariffs\n"
    article = normalize(text).article
    assert article.tags == ("Trade", "Canola talks", "Tariffs")
    assert article.inferred["tags"] == "front matter, tag line"


# --- modes ---------------------------------------------------------------------------------

def test_markdown_posts_keep_their_own_structure():
    text = ("---\ntitle: T\n---\nA Short Line\n\nParagraph one\ncontinues here.\n\n"
            "## Real heading\n\n- item\n")
    article = normalize(text, "post.md").article
    assert kinds(article) == ["paragraph", "paragraph", "heading", "list"]
    assert article.blocks[1].text == "Paragraph one continues here."


def test_elements_of_empty_text():
    assert build_elements([], frozenset()) == []


def test_wire_dateline_gives_the_outlet_and_leaves_the_paragraph():
    text = (f"Headline\nAMSTERDAM, March 2 (Reuters) - Dockers walked out on Monday.\n{MORE}\n"
            "(Reporting by Bart Meijer; Editing by Mark Potter)\n")
    article = normalize(text).article
    assert article.source == "Reuters" and article.inferred["source"] == "dateline"
    assert article.blocks[0].text == "Dockers walked out on Monday."
    assert article.removed == ("(Reporting by Bart Meijer; Editing by Mark Potter)",)


def test_date_line_is_not_a_heading_and_staff_is_not_an_author():
    text = f"Headline\nBy Staff\nMarch 5, 2026\n{LEDE}\n{MORE}\n"
    article = normalize(text).article
    assert article.authors == ()
    assert BlockKind.HEADING not in [b.kind for b in article.blocks]


def test_slug_line_under_the_title_is_dropped():
    article = normalize(f"What the strike costs\nwhat-the-strike-costs\n\n{LEDE}\n").article
    assert [b.text for b in article.blocks] == [LEDE]
