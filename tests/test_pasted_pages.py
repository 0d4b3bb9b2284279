"""Titles and bodies of pasted pages: one test per shape, on pages written for it."""

from __future__ import annotations

from dataclasses import replace

from briefing.model import BlockKind
from briefing.normalize.chrome import split_glued, unglue
from briefing.normalize.repeated import repeated_lines
from briefing.normalize.wrapping import rejoin_wrapped
from briefing.rule_tables import chrome_table

from .pasted_helpers import CONFIG, LAST, LEDE, MORE, STORY, page, paste

TITLE = "Pilots walk out over night-shift pay"


def texts(article) -> list[str]:
    return [b.text for b in article.blocks]


# --- the headline -----------------------------------------------------------------------

def test_the_headline_after_masthead_menu_and_section_label():
    article = page("Skip to main content\nThe Vesterby Courier\nNews\nSport\nOpinion\nHarbour\n"
                   f"{TITLE}\nBy Oda Lind\n{STORY}")
    assert article.title == TITLE
    assert texts(article) == [LEDE, MORE, LAST]
    assert article.removed[:6] == ("Skip to main content", "The Vesterby Courier", "News",
                                   "Sport", "Opinion", "Harbour")


def test_a_slogan_above_the_headline_is_not_the_headline():
    article = page(f"Harbour Watch\nA weekly letter on ports, pilots and the ferries\nAbout\n"
                   f"Archive\n{TITLE}\nPosted on February 3, 2026 by Oda Lind\n{STORY}")
    assert article.title == TITLE


def test_a_headline_printed_twice_is_kept_once():
    article = page(f"{TITLE} | Harbour News\nNews|Ports\n{TITLE}\nPublished On 3 Feb 2026\n"
                   f"{STORY}")
    assert article.title == TITLE
    assert f"{TITLE} | Harbour News" in article.removed


def test_labels_before_the_headline_go_and_the_raw_title_stays():
    for label in ("BREAKING: ", "(LEAD) ", "[Harbour Today] ", "World News | "):
        article = page(f"{label}{TITLE}\nBy Oda Lind\n{STORY}")
        assert article.title == TITLE, label
        assert article.raw_title == f"{label}{TITLE}"


def test_a_name_list_under_the_headline_is_a_byline_not_the_headline():
    article = page(f"The Vesterby Courier\nNews\n{TITLE}\nReuters\nOda Lind and Per Holm\n"
                   f"Tue, February 3, 2026 at 4:12 AM CET\n{STORY}")
    assert article.title == TITLE
    assert article.authors == ("Oda Lind", "Per Holm") and article.wire == "Reuters"


def test_a_caption_above_the_headline_is_not_the_headline():
    caption = "Ferries wait at the quay in Vesterby, Tuesday, Feb. 3, 2026. (AP Photo/Rune Berg)"
    article = page(f"{caption}\n{TITLE}\nBy Oda Lind\n{STORY}")
    assert article.title == TITLE and caption in article.removed


def test_a_page_without_a_headline_gets_a_derived_title():
    article = page(f"By Oda Lind, Associated Press\n{STORY}")
    assert article.inferred["title"] == "first sentence (derived)"
    assert article.wire == "AP" and texts(article)[0] == LEDE


def test_a_standfirst_over_the_byline_block_is_the_summary():
    dek = "Crossings to the islands are cancelled until the dispute is settled."
    article = page(f"{TITLE}\n{dek}\nBy Oda Lind\nPublished Feb 03, 2026\n{STORY}")
    assert article.summary == dek and texts(article) == [LEDE, MORE, LAST]


# --- glued text -------------------------------------------------------------------------

def test_a_menu_glued_to_the_headline_is_split_and_the_paragraph_kept():
    glued = (f"HomeNewsSportBusinessHarbourWeatherLive{TITLE}3 hours agoShareSave"
             f"Oda LindVesterby CourierShareSave{LEDE}")
    article = page(f"Harbour Watch\nTuesday, February 3, 2026\n{TITLE}\n{glued}\n{MORE}\n{LAST}\n")
    assert article.title == TITLE
    assert texts(article) == [LEDE, MORE, LAST]


def test_a_listen_prompt_glued_to_the_first_sentence_is_cut_off():
    article = page(f"{TITLE}\nBy Oda Lind\nNEWYou can now listen to Courier articles!{LEDE}\n"
                   f"{MORE}\n{LAST}\n")
    assert texts(article)[0] == LEDE
    assert "NEWYou can now listen to Courier articles!" in article.removed


def test_a_capitals_subhead_glued_to_its_paragraph_is_split():
    article = page(f"{TITLE}\n{LEDE}\n{MORE}\nTHE OFFERThe company said it would pay more for "
                   f"shifts after midnight, but not for weekends.\n{LAST}\n")
    assert ("THE OFFER", BlockKind.HEADING) in [(b.text, b.kind) for b in article.blocks]


def test_glue_splitting_leaves_ordinary_text_alone():
    line = "LinkedIn and YouTube said on Monday that iPhone users of McDonald's app complained."
    assert split_glued(line) == [line]
    pieces = [p for p, _, _ in unglue(["Shares in Harbour Lines (HL.VB), opens new tab, fell."],
                                      chrome_table())]
    assert pieces == ["Shares in Harbour Lines (HL.VB), fell."]


def test_hard_wrapped_lines_are_joined_into_paragraphs():
    wrapped = [
        "Harbour pilots in Vesterby stopped work on Tuesday after talks over",
        "night-shift pay broke down, leaving a dozen ferries tied up at the",
        "quay.", "",
        "The pilots' association said it had offered to keep one crossing",
        "running for medical cases, an offer the ferry company had not yet",
        "answered by the evening.", "",
        "Talks are due to resume on Thursday at the offices of the regional",
        "mediator, a spokeswoman for the association said on the phone, and",
        "that both sides had agreed to send their negotiators back.", "",
    ]
    joined = [line for line in rejoin_wrapped(wrapped) if line]
    assert len(joined) == 3 and joined[0].startswith("Harbour pilots") \
        and joined[0].endswith("at the quay.")
    assert rejoin_wrapped([LEDE, MORE]) == [LEDE, MORE]          # not wrapped: unchanged


# --- chrome inside the story ----------------------------------------------------------------

def test_listen_chrome_and_read_time_go():
    article = page(f"{TITLE}\nListen to this article\nEstimated 4 minutes\n3 min read\n{STORY}")
    assert {"Listen to this article", "Estimated 4 minutes", "3 min read"} <= set(article.removed)


def test_a_recommended_block_goes_and_the_story_resumes():
    article = page(f"{TITLE}\n{LEDE}\n{MORE}\nRecommended Stories\nlist of 3 items\n"
                   "Ferry fares to rise in spring\nWho runs the harbour?\n"
                   "Pilots' pay: a timeline\nend of list\n" + LAST + "\n" + MORE + "\n")
    assert texts(article) == [LEDE, MORE, LAST, MORE]
    assert "Who runs the harbour?" in article.removed


def test_photo_credits_and_captions_go():
    article = page(f"{TITLE}\n{LEDE}\nA pilot boat at dawn in Vesterby harbour. PHOTO: REUTERS\n"
                   f"{MORE}\nGetty Images\nThe ferry terminal stood empty on Tuesday\n{LAST}\n")
    assert texts(article) == [LEDE, MORE, LAST]
    assert article.wire is None


def test_a_caption_printed_twice_goes_twice():
    caption = "Pilots gather outside the harbour office, Tuesday. (AP Photo/Rune Berg)"
    article = page(f"{TITLE}\n{LEDE}\n{caption}\n{caption}\n{MORE}\n{LAST}\n")
    assert texts(article) == [LEDE, MORE, LAST]
    assert article.removed.count(caption) == 2


def test_a_watch_promo_block_goes():
    article = page(f"{TITLE}\n{LEDE}\nWATCH | Pilots explain the dispute:\nPilots explain the "
                   "dispute\n2 hours ago\nDuration 1:45\nTwo pilots say why they walked out "
                   f"and what they want from the ferry company.\n{MORE}\n{LAST}\n")
    assert texts(article) == [LEDE, MORE, LAST]


def test_app_and_subscription_prompts_go_but_sentences_about_subscribers_stay():
    news = "The ferry company has 40,000 subscribers to its season-ticket scheme, it said."
    article = page(f"{TITLE}\n{LEDE}\nDownload the Courier app for the latest news on your "
                   f"phone.\n{MORE}\nSign up now: our free newsletters, straight to your inbox\n"
                   f"{news}\n{LAST}\n")
    assert texts(article) == [LEDE, MORE, news, LAST]


def test_the_trailer_and_the_authors_box_go():
    article = page(f"{TITLE}\nBy Oda Lind\n{STORY}(Additional reporting by Per Holm)\n"
                   "___\nThis is a developing story and will be updated.\nABOUT THE AUTHOR\n"
                   "Oda Lind\nHarbour reporter\nOda Lind covers ports and shipping for the "
                   "Courier.\nTags:\nPorts\nFerries\nMost Read\nFerry fares to rise in spring\n")
    assert texts(article) == [LEDE, MORE, LAST]
    assert "Oda Lind covers ports and shipping for the Courier." in article.removed


def test_a_syndication_note_goes():
    article = page(f"{TITLE}\n{STORY}(This item comes unedited from a syndicated feed.)\n")
    assert texts(article) == [LEDE, MORE, LAST]


def test_a_short_last_line_without_page_chrome_stays():
    article = page(f"{TITLE}\n{STORY}Last line without a full stop\n")
    assert texts(article)[-1] == "Last line without a full stop"


def test_every_removed_line_is_listed():
    text = (f"Skip to main content\nThe Vesterby Courier\nNews\n{TITLE}\nBy Oda Lind\n"
            f"Published Feb 03, 2026\nShare\n{STORY}Most Read\nFerry fares to rise in spring\n")
    article = page(text)
    kept = {line for b in article.blocks for line in [b.text]} | {article.title}
    for line in text.splitlines():
        assert line in kept or line in article.removed or line in STORY, line


# --- across the corpus --------------------------------------------------------------------

def test_lines_many_files_share_are_page_furniture():
    menu = "Harbour\nFerries\nPilots' notes\n"
    others = {f"o{n}.txt": f"{menu}Other story {n} on ferries\n{STORY}" for n in range(3)}
    article = page(f"Pilots' notes\n{TITLE}\n{LEDE}\n{MORE}\nFerries\n{LAST}\n", others=others)
    assert texts(article) == [LEDE, MORE, LAST]
    assert "Ferries" in article.removed
    alone = page(f"Pilots' notes\n{TITLE}\n{LEDE}\n{MORE}\nFerries\n{LAST}\n",
                 config=replace(CONFIG))
    assert "Ferries" in texts(alone)                  # one file: nothing is repeated


def test_repeated_lines_counts_short_lines_only():
    found = repeated_lines([f"Menu\n{LEDE}\n", f"Menu\n{LEDE}\n", f"Menu\n{LEDE}\n"], 3)
    assert found == frozenset({"menu"})
    assert repeated_lines([f"Menu\n{LEDE}"] * 5, 0) == frozenset()


def test_the_repeated_lines_of_a_build_are_counted_from_each_files_cached_keys(tmp_path):
    from briefing.cache import ResultCache
    from briefing.executors import Workers
    from briefing.load import parse_document
    from briefing.normalize import Normalizer

    texts = {f"p{n}.txt": f"Menu\nSign in\n{TITLE} {n}\n{STORY}" for n in range(3)}
    texts["post.md"] = f"---\ntitle: A post\n---\nMenu\n\n{LEDE}\n"   # not pasted: not counted
    docs = [parse_document(text, path)[0] for path, text in texts.items()]
    pasted = [text for path, text in texts.items() if path.endswith(".txt")]
    workers = Workers(cache=ResultCache(tmp_path / "c.sqlite"))
    for _ in range(2):
        normalizer = Normalizer.from_config(CONFIG, docs, workers=workers)
        assert normalizer.pasted.repeated == repeated_lines(pasted, 3) == \
            frozenset({"menu", "sign in"})
    assert (workers.cache.hits, workers.cache.misses) == (len(docs), len(docs))
    assert Normalizer.from_config(CONFIG, docs[:2] + docs[3:]).pasted.repeated == frozenset()


def test_a_listing_page_is_flagged_and_undated():
    items = "".join(f"Harbour Daily\n0{n}-02-2026\n- Ports\nStory {n} about the harbour\n"
                    f"{LEDE}\n\n" for n in range(1, 5))
    result = paste("Latest news with #harbour\n" + items + "Load more\n")
    assert [d.code for d in result.diagnostics] == ["listing-page"]
    assert result.article is not None and result.article.date is None


def test_a_topic_list_at_the_foot_goes_with_its_header():
    article = page(f"{TITLE}\nBy Oda Lind\n{STORY}Explore more on these topics\nNorland\n"
                   "Strikes\nShipping\nReuse this content\n")
    assert texts(article) == [LEDE, MORE, LAST]
    assert {"Norland", "Strikes", "Shipping", "Reuse this content"} <= set(article.removed)


def test_print_edition_notes_and_share_buttons_with_words_go():
    article = page(f"{TITLE}\nListen to this article · 5:12 min Learn more\nShare full article\n"
                   f"By Oda Lind\n{STORY}A version of this article appears in print on Feb. 4, "
                   "2026, Section A, Page 8 with the headline: Pilots Strike.\n")
    assert article.title == TITLE and texts(article) == [LEDE, MORE, LAST]


def test_a_section_label_named_again_is_not_the_masthead():
    article = page(f"Harbour Watch\nNews\nFerries\n{TITLE}\nBy Oda Lind\n{STORY}Topics:\n"
                   "Ferries\nPorts\n")
    assert article.source == "Harbour Watch"
