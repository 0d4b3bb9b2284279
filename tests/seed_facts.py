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
