"""Figures: money amounts, percentages and counts, with what they measure and when.

Part of the extract stage. Each figure keeps its sentence, the phrase it is about
("two-way merchandise trade"), the measure that phrase names ("trade"), and the
year it refers to (stated in its own sentence, never carried from another).
Figures of the same measure and unit from several articles form a
group, so a page can show where sources disagree.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict

from ..lexicon import MONTHS, word_alternation
from ..model import Citation, Figure, FigureGroup
from ..slugs import slugify_title
from .sentences import Paragraph, without_quotes

CURRENCY = r"(?:US\$|USD\s?\$?|C\$|CA\$|CAD\s?\$?|A\$|AU\$|NZ\$|HK\$|€|£|¥|\$)"
SCALES = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6,
          "m": 1e6, "thousand": 1e3, "k": 1e3}
SCALE = r"(?:\s?(?:trillion|tn|billion|bn|million|mn|thousand)\b|(?<=\d)[mk]\b)?"
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
UNITS_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
               "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen")
TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# "fifteen", "twenty-five", "two" (in "two million", "fifteen percent")
WORD_NUMBER = rf"(?i:(?:{TENS_WORDS})(?:-(?:{UNITS_WORDS}))?|{UNITS_WORDS}|a hundred|hundred)"
WORD_VALUES = {w: i for i, w in enumerate(UNITS_WORDS.split("|"), 1)} | \
    {w: 10 * i for i, w in enumerate(TENS_WORDS.split("|"), 2)} | {"hundred": 100}
IRREGULAR_PLURALS = "people|children|men|women|police|staff|personnel"
_WORDS = frozenset((*UNITS_WORDS.split("|"), *TENS_WORDS.split("|"), "hundred", "a hundred"))
# Most positions hold no value: a cheap look at the first characters (a digit, a
# currency, a number word) spares trying every alternative below at each of them.
VALUE_START = (r"(?=[\d$€£¥]|[ACHNU][A-Z]?\$|USD|CAD"
               rf"|(?i:{word_alternation(_WORDS)})\b)")
VALUE = re.compile(
    rf"(?<![\w$.-]){VALUE_START}(?:(?P<money>{CURRENCY}\s?{NUMBER}{SCALE}"
    rf"|{NUMBER}{SCALE}\s(?:euros?|dollars?|pounds?|yen|yuan|francs?)\b"
    rf"|{NUMBER}\s(?:trillion|billion|million|thousand)\swon\b)"
    rf"|(?P<percent>(?:{NUMBER}|{WORD_NUMBER})\s?(?:%|per\s?cent\b|percent\b)"
    rf"|(?:{NUMBER}|{WORD_NUMBER})\s(?:percentage\s)?points?\b)"
    r"|(?P<vote>(?<=voted\s|votes\s)\d{1,3}[-–]\d{1,3}(?![\w-]|\.\d)"
    r"|\d{1,3}[-–]\d{1,3}(?=\s+(?:[a-z]+\s+)?(?:vote|votes|ruling|decision|verdict|majority)\b))"
    r"|(?P<age>\d{1,3}-year-old\b|(?<=turns\s)\d{1,3}\b|(?<=[A-Za-z],\s)\d{1,3}(?=,))"
    # "within 60 days", "118 days after": a span; "in 30 years", "the past 30 years" frame
    # something else and are not figures.
    rf"|(?P<duration>(?<!\bin\s)(?<!past\s)(?<!last\s){NUMBER}\s"
    r"(?:days|weeks|months|years|hours|minutes)\b)"
    rf"|(?P<count>{NUMBER}(?:\s(?:million|billion|thousand))?"
    rf"(?=\s+(?:[A-Za-z][\w-]*\s+){{0,2}}?(?:[A-Za-z-]+s|{IRREGULAR_PLURALS})\b)"
    rf"|(?:{NUMBER}|{WORD_NUMBER})\s(?:million|billion|thousand)\b))"
)
TIME_UNITS = frozenset("years months weeks days hours minutes seconds decades centuries times "
                       "per cent percent".split())
LEAD_INS = frozenset("""
reach reaches total totals worth of at around about approximately nearly almost more less
over under some just to hit hits stood was were is are rose fell grew has have had will would
could be been with by an a the and than totaling totalling reaching amounting standing
hitting topping nearing exceeding surpassing approaching rising falling climbing from up down
above below
""".split())
LEADING = re.compile(r"^(?:\s*\b(?:with|while|and|but|as|the|a|an|its|their)\b\s*)+",
                     re.IGNORECASE)
# Patterns matched at an offset (`pattern.match(text, pos)`) have no `^`: it would
# only match at the real start of the text.
AFTER_SUBJECT = re.compile(
    r"(?<!\s)\s+(?:in|of|for|on)\s+(?P<subject>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})")
FOLLOWING_NOUNS = re.compile(r"(?<!\s)\s+(?P<subject>(?:[A-Za-z][\w-]*\s+){0,2}?"
                             r"(?:[A-Za-z-]+s|people|children|men|women|police|staff|personnel))\b")
OF_OBJECT = re.compile(r"(?<!\s)\s+of\s+(?:the\s+)?(?P<subject>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})")
PERCENT_OBJECT = re.compile(
    r"(?<!\s)\s+(?P<subject>[a-z][\w-]*(?:\s+(?:on|of|for|in|against)\s+[\w-]+(?:\s+(?!and\b)[\w-]+){0,3}"
    r"(?:\s+and\s+(?!(?:a|an|the)\b)[\w-]+)?)?)")
CLAUSE_BREAK = re.compile(r"[,;:()]|\s[–—]\s")
CHAIN_WORDS = re.compile(rf"\b(?:in|from|to|and|than|of|on|by|or|compared|with|\d{{4}}|"
                         rf"{'|'.join(m.capitalize() for m in MONTHS)})\b")
TRAILING_TIME = re.compile(r"(?<!\s)\s+(?:in|by|from|since|until|during|before|after)\s+.*$")
NOT_A_SUBJECT = frozenset("""
from of in on and or was were is are we i they he she it its to for by at than a an the this
that as but since over after before with which who while when where so if up down more less
full put lost not just only about also even still above below already between far pass
beyond near within could would might
""".split())
MONTH = "|".join(m.capitalize() for m in MONTHS)
YEAR = re.compile(rf"\b(?:in|for|during|of|by|since|as of)\s+(?:(?:late|early|mid)[- ])?"
                  rf"(?:(?:{MONTH})\s+)?(?P<year>(?:18|19|20)\d{{2}})\b"
                  # "its 2026 growth forecast", "the 2022 election": a year before a noun
                  rf"|\b(?:its|the|their|his|her|this|a)\s+(?P<attributive>(?:19|20)\d{{2}})"
                  r"(?=\s+[a-z])")
MEASURES = (
    ({"trade", "commerce"}, "trade"), ({"imports", "import"}, "imports"),
    ({"exports", "export"}, "exports"),
    ({"tariff", "tariffs", "duty", "duties", "levy", "levies"}, "tariff"),
    ({"investment", "investments"}, "investment"), ({"deficit"}, "deficit"),
    ({"surplus"}, "surplus"), ({"gdp", "economy", "output"}, "GDP"),
    ({"budget", "spending"}, "spending"),
    ({"vehicles", "vehicle", "evs", "ev", "cars", "car"}, "vehicles"),
)


def figures_in(paragraphs: tuple[Paragraph, ...]) -> list[Figure]:
    """Every figure in an article's paragraphs.

    Numbers inside quoted speech are left out: the quote itself is kept, with its
    speaker, on the quotes page, and a figure's subject cannot be read from it.
    """
    found: list[Figure] = []
    for paragraph in paragraphs:
        carried: dict[str, int] = {}      # kind of unit -> year dating such a figure
        for sentence in paragraph.sentences:
            values = list(VALUE.finditer(without_quotes(paragraph, sentence)))
            dated: dict[str, int] = {}
            if not values:               # most sentences: nothing to read them for
                carried = dated
                continue
            reading = _Sentence(sentence.text)
            citation = Citation(sentence.article_id, sentence.anchor)
            for match in values:
                # The year nearest the value: "fell to 6% in 2025 from 11% in 2021". A
                # sentence without a year takes one only from the sentence before it,
                # and only where that year dated a figure of the same kind ("In 2024,
                # trade reached $118bn. Imports totaled $88bn"): a background year
                # ("took office in 2022") never dates a figure in another sentence.
                kind = _kind(match)
                year = reading.nearest_year(match.end(), carried.get(kind) if kind else None)
                figure = _figure(match, reading, year, citation)
                if figure is not None:
                    found.append(figure)
                    if figure.year is not None and reading.years:
                        dated[kind] = figure.year
            carried = dated
    return found


class _Sentence:
    """One sentence read once: its clause breaks, values and years, for lookups by offset.

    Every figure's subject and year is then found by bisecting these lists, so
    a sentence of many figures costs no more than reading it once.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.end() for m in CLAUSE_BREAK.finditer(text)]
        self.values = [(m.start(), m.end()) for m in VALUE.finditer(text)]
        self.value_ends = [end for _, end in self.values]
        self.years = [(m.start(), int(m.group("year") or m.group("attributive")))
                      for m in YEAR.finditer(text)]
        self.last_subject = ""     # the subject of the last figure read (values come in order)
        self.year_starts = [start for start, _ in self.years]
        self._subjects: dict[int, str] = {}

    def nearest_year(self, position: int, default: int | None) -> int | None:
        if not self.years:
            return default
        index = bisect_right(self.year_starts, position)
        near = self.years[max(0, index - 1):index + 1]
        return min(near, key=lambda year: abs(year[0] - position))[1]

    def subject_before(self, position: int) -> str:
        """The phrase leading up to the value at `position`, within its clause, minus
        verbs like "totaling".

        Another value earlier in the clause ends it: in "imports reaching $88bn
        compared to $30bn in exports", the second figure is not about imports; but
        in "$50bn in 2023 and $60bn in 2024" the second shares the first's subject.
        """
        if position in self._subjects:
            return self._subjects[position]
        clause_start = self.breaks[bisect_right(self.breaks, position) - 1] \
            if self.breaks and self.breaks[0] <= position else 0
        earlier = bisect_right(self.value_ends, position) - 1
        start = clause_start
        subject = None
        if earlier >= 0 and self.values[earlier][0] >= clause_start:
            before_start, before_end = self.values[earlier]
            between = self.text[before_end:position]
            if not re.search(r"[A-Za-z]{3,}", CHAIN_WORDS.sub("", between)):
                subject = self.subject_before(before_start)   # computed already: memoised
            start = before_end
        if subject is None:
            subject = _trim_lead_ins(self.text[start:position])
        self._subjects[position] = subject
        return subject


def _trim_lead_ins(clause: str) -> str:
    """Drop the verb and particles before a value ("totaled", "valued at around");
    "-ing" words are only dropped when listed, since many are nouns ("spending")."""
    tokens = clause.split()
    while tokens and (tokens[-1].lower() in LEAD_INS
                      or re.fullmatch(r"(?<!\w)\w{3,}ed", tokens[-1].lower())):
        tokens.pop()
    return LEADING.sub("", " ".join(tokens)).strip()


def _figure(match: re.Match[str], reading: _Sentence, year: int | None,
            citation: Citation) -> Figure | None:
    value = match.group(0).strip()
    text = reading.text
    subject = _subject(match, reading, value)
    unit = _unit(match, value)
    if subject is None:
        return None
    subject = " ".join(subject.split()).strip(" ,;:")
    if not _readable_subject(subject):
        # "fell from 41% in November to 24%", "up from 31%", "C$5bn (US$3.6bn)": the
        # second value of a change, range or pair measures what the first one does.
        subject = reading.last_subject
    if not _readable_subject(subject):
        return None      # better no figure than one about "roughly" or "has put"
    reading.last_subject = subject
    kind = match.lastgroup or ""
    measure = kind if kind in ("vote", "age", "duration") else measure_of(subject)
    return Figure(value, parse_number(value), unit, subject, measure, year, text, citation)


def _kind(match: re.Match[str]) -> str:
    """money, percent or count carry a year to the next sentence; the others never."""
    return match.lastgroup if match.lastgroup in ("money", "percent", "count") else ""


def _unit(match: re.Match[str], value: str) -> str:
    if match.group("money"):
        return _currency(value)
    if match.group("percent"):
        return "points" if "point" in value else "%"
    for kind in ("vote", "age", "duration"):
        if match.group(kind):
            return kind
    return "count"


def _subject(match: re.Match[str], reading: _Sentence, value: str) -> str | None:
    """What the value measures; None when the value is not a figure (a date's day)."""
    text = reading.text
    if match.group("money"):
        return reading.subject_before(match.start()) or _subject_after(text, match.end())
    if match.group("percent"):
        found = PERCENT_OBJECT.match(text, match.end())
        if found and found.group("subject").split()[0].lower() in NOT_A_SUBJECT:
            found = None                     # "30% of exports", "7.5% we asked for"
        subject = found.group("subject") if found else reading.subject_before(match.start())
        if not _readable_subject(subject):
            of = OF_OBJECT.match(text, match.end())      # "62% of respondents"
            subject = of.group("subject") if of else subject
        subject = TRAILING_TIME.sub("", subject)
        return re.sub(r"^(?:(?:in|from|to|by|since)\s+(?:\d{4}\s*)?)+", "", subject)
    if match.group("vote"):
        after = re.match(
            r"(?<!\s)\s+(?:[a-z]+\s+)?(?P<noun>vote|votes|ruling|decision|verdict|majority)",
            text[match.end():match.end() + 40])
        return after.group("noun") if after else "vote"
    if match.group("age"):
        return "age"
    if match.group("duration"):
        return value.split()[-1]
    if _is_date_or_year(value, text[max(0, match.start() - 20):match.start()]):
        return None
    found = FOLLOWING_NOUNS.match(text, match.end())
    subject = found.group("subject") if found else ""
    if subject and subject.split()[-1].lower() in TIME_UNITS:
        return None
    if not subject and re.search(r"(?:million|billion|thousand)$", value):
        subject = reading.subject_before(match.start())   # "organisers claimed two million"
    return subject


def _singular(word: str) -> str:
    """ "vehicles" -> "vehicle", "EVs" -> "ev": one measure, however it is written."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") \
        else word


CURRENCY_AT = re.compile(CURRENCY)
CURRENCY_WORDS = {"euro": "€", "dollar": "$", "pound": "£", "yen": "¥", "yuan": "¥",
                  "franc": "CHF", "won": "₩"}


def _currency(value: str) -> str:
    """The currency of a money value: its symbol or code, or the symbol for its word."""
    symbol = CURRENCY_AT.match(value)
    if symbol:
        return symbol.group(0).replace(" ", "")
    word = re.search(r"(euro|dollar|pound|yen|yuan|franc|won)", value)
    return CURRENCY_WORDS[word.group(1)] if word else ""


def _readable_subject(subject: str) -> bool:
    """A short phrase ending in a noun-like word: not a verb, adverb, number or stop word."""
    words = subject.split()
    if not words or len(words) > 8 or re.search(r"[\"“”]", subject):
        return False
    last = words[-1].lower().strip(".,'’")
    return not (last in NOT_A_SUBJECT or last in LEAD_INS or last.endswith("ly")
                or re.fullmatch(r"(?<!\w)\w{3,}ed|\d[\d,.]*", last))


def _subject_after(text: str, end: int) -> str:
    found = AFTER_SUBJECT.match(text, end)
    return found.group("subject") if found else ""


def _is_date_or_year(value: str, head: str) -> bool:
    """A bare year, or the day of a date ("January 16")."""
    if re.fullmatch(r"(?:18|19|20)\d{2}", value):
        return True
    return re.search(rf"(?:{MONTH})\.?\s*$", head) is not None


def parse_number(value: str) -> float:
    """`US$118.7 billion` -> 118.7e9; `25%` -> 25.0; `two million` -> 2e6; `8-0` -> 8."""
    digits = re.search(NUMBER, value)
    if digits:
        number = float(digits.group(0).replace(",", ""))
    else:
        parts = re.findall(r"[a-z]+", value.lower())
        number = float(sum(WORD_VALUES.get(p, 0) for p in parts[:2] if p in WORD_VALUES))
    scale = re.search(r"(trillion|tn|billion|bn|million|mn|thousand|(?<=\d)[mk])\b", value)
    return number * SCALES.get(scale.group(1).lower(), 1.0) if scale else number


def measure_of(subject: str) -> str:
    """What a subject phrase counts: "bilateral commerce" -> "trade"."""
    words = {w.lower().strip(".,") for w in subject.split()}
    for keys, measure in MEASURES:
        if words & keys:
            return measure
    return _singular(subject.split()[-1].lower()) if subject.split() else ""


def _agree(figures: list[Figure]) -> bool:
    """False when two articles state different values for the same measure, year and
    currency.

    Values within one article are different facts, not a disagreement; so are
    values without a year (a queue of 31 ships on Monday and 58 on Wednesday), and
    values in different currencies (C$5bn and US$3.6bn are one amount). A bare `$`
    may be any dollar, so it is compared with each of them.
    """
    stated: dict[tuple[int, str], dict[str, set[float]]] = defaultdict(lambda: defaultdict(set))
    for figure in figures:
        if figure.year is not None:
            stated[(figure.year, figure.unit)][figure.citation.article_id].add(
                float(f"{figure.number:.3g}"))
    for (year, unit), by_article in stated.items():
        merged = {article: set(values) for article, values in by_article.items()}
        if unit.endswith("$") and unit != "$":
            for article, values in stated.get((year, "$"), {}).items():
                merged.setdefault(article, set()).update(values)
        if len(merged) >= 2 and len(set().union(*merged.values())) > 1:
            return False
    return True


def group_figures(figures: list[Figure]) -> tuple[FigureGroup, ...]:
    """Figures of one measure and kind of unit (money, percent, count) grouped together.

    Tariffs are further split by what they apply to, since a 100% tariff on cars
    and a 25% tariff on steel do not disagree.
    """
    groups: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        kind = "%" if figure.unit == "%" else "count" if figure.unit == "count" else "money"
        target = ""
        if figure.measure == "tariff":
            target = figure.subject.split(" on ", 1)[1].lower() if " on " in figure.subject else ""
        groups[(figure.measure, kind, target)].append(figure)
    result = []
    taken: set[str] = set()
    for (measure, kind, target), members in sorted(groups.items()):
        label = f"{measure} on {target}" if target else measure
        slug = slugify_title(f"{label} {kind}")
        while slug in taken:
            slug += "-x"
        taken.add(slug)
        result.append(FigureGroup(slug, label, kind, tuple(members), agree=_agree(members)))
    return tuple(result)
