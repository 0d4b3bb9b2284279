"""Facts about the five sample articles, copied from the editor's gold file.

Copied (not read from ../shared) so the tests pass on a fresh clone without it.
"""

SEED_FILES = (
    "000_baef8c4e6599dd4c.txt",
    "001_9b05bc245a5cd358.txt",
    "002_70cf5a9392c8ef84.txt",
    "003_49feeb1da4e40101.txt",
    "004_9e4b88d17844e084.txt",
)

# must: the title the generator shows for each seed (003 has none: derived, checked apart).
TITLES = {
    "000_baef8c4e6599dd4c.txt":
        "Carney's Beijing Visit Aims to Reset Canada-China Ties, Risks U.S. Ire",
    "001_9b05bc245a5cd358.txt":
        "Canada's Mark Carney faces delicate balancing act in China visit",
    "002_70cf5a9392c8ef84.txt":
        "Canada\u2019s Strategic Shift: Carney\u2019s Beijing Visit Signals New Era in China Ties",
    "004_9e4b88d17844e084.txt":
        "Carney in Beijing aims to reset trade ties while risking U.S. ire",
}
RAW_TITLE_001 = "Big News: Canada's Mark Carney faces delicate balancing act in China visit"
SLUG_LINE_002 = "Canada_s_Strategic_Shift__Carney_s_Beijing_Visit_Signals_New_Era_in_China_Ties"

# must: actors each seed names (a subset of the gold lists, all curated in site_config.yml).
ACTORS = {
    "000_baef8c4e6599dd4c.txt": ["Mark Carney", "Xi Jinping", "Donald Trump", "Dominic Chiu",
                                 "Stephen Nagy", "Eurasia Group", "Macdonald-Laurier Institute"],
    "001_9b05bc245a5cd358.txt": ["Mark Carney", "Donald Trump", "Li Qiang", "Zhao Leji",
                                 "Xi Jinping", "Meng Wanzhou", "Colin Robertson", "Global Times"],
    "002_70cf5a9392c8ef84.txt": ["Mark Carney", "Li Qiang", "Xu Ying"],
    "003_49feeb1da4e40101.txt": ["Mark Carney", "Xi Jinping", "Li Qiang", "Donald Trump",
                                 "Anita Anand", "Justin Trudeau"],
    "004_9e4b88d17844e084.txt": ["Mark Carney", "Xi Jinping", "Dominic Chiu", "Stephen Nagy",
                                 "Donald Trump", "Andrew Hale", "Reza Hasmath", "Eurasia Group",
                                 "Macdonald-Laurier Institute"],
}

# must: 001's date from front matter (no zone given) and author; 004's byline and source.
DATE_001 = "2026-01-14T00:00:15"
AUTHOR_001 = "badely"
BYLINE_004_AUTHOR = "Torontoer Staff"
SOURCE_004 = "Torontoer"
UNDATED = ("000_baef8c4e6599dd4c.txt", "002_70cf5a9392c8ef84.txt",
           "003_49feeb1da4e40101.txt", "004_9e4b88d17844e084.txt")

# Issue 3 (normalize) facts, from the gold file's must/should entries.
ALT_TITLES_000 = ("Carney in Beijing to reset China ties, risks Trump's ire",)
SECTION_HEADINGS = {
    "000_baef8c4e6599dd4c.txt": ["A Delicate Diplomatic Balancing Act",
                                 "Beijing's Strategic Calculations",
                                 "Navigating the Washington Factor"],
    "002_70cf5a9392c8ef84.txt": ["Reassessing Alliance Priorities", "From Alignment to Autonomy",
                                 "Economic Imperatives Drive Change",
                                 "Navigating New Global Realities"],
    "003_49feeb1da4e40101.txt": [
        "Canadian PM\u2019s visit to China coincides with increased American pressure",
        "China urges Canada to pursue strategic autonomy"],
}
CATEGORIES_001 = ("News",)
EXCERPT_001_START = "The PM is seeking to deepen trade and repair ties with China"
BOILERPLATE_REMOVED = {
    "002_70cf5a9392c8ef84.txt": ["Leave a Reply",
                                 "Your email address will not be published. "
                                 "Required fields are marked *",
                                 "Back To Top"],
    "004_9e4b88d17844e084.txt": ["Copy link"],
}
EMBEDDED_POST_003 = {"speaker": "Mark Carney", "handle": "@MarkJCarney", "date": "2026-01-14",
                     "text_starts": "Just landed in Beijing."}
SUMMARY_004 = ("Prime Minister Mark Carney meets Xi Jinping in Beijing to seek relief on canola "
               "and diversify trade, but any pivot to China risks provoking Washington.")
TAGS_004 = ("Canada-China relations", "Mark Carney", "Xi Jinping", "Trade", "US-Canada relations",
            "Tariffs")
TAG_LINE_004 = "Canada-China relationsMark CarneyXi JinpingTradeUS-Canada relationsTariffs"
LIST_004 = ("Reopening technical consultations on canola duties",
            "Framework discussions on agriculture and energy cooperation",
            "Commitments to future talks on EV tariffs and market access",
            "No commitments on security, critical minerals, or sensitive technologies")
PULL_QUOTES_004 = (
    ("Stephen Nagy", "We have to be very cautious about how we engage."),
    ("Reza Hasmath", "This is just a starting point for (Canada)"),   # text_starts
)
WRONG_SOURCES_001 = ("Globe and Mail", "The Globe and Mail", "Global Times")
