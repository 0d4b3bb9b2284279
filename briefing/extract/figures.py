"""Figures: money amounts, percentages and counts, with what they measure and when.

Part of the extract stage. Each figure keeps its sentence, the phrase it is about
("two-way merchandise trade"), the measure that phrase names ("trade"), and the
year it refers to (in the sentence, else carried from the paragraph's previous
sentence). Figures of the same measure and unit from several articles form a
group, so a page can show where sources disagree.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict

from ..lexicon import MONTHS
from ..model import Citation, Figure, FigureGroup
from ..slugs import slugify_title
from .sentences import Paragraph, without_quotes

CURRENCY = r"(?:US\$|USD\s?\$?|C\$|CA\$|CAD\s?\$?|A\$|AU\$|NZ\$|HK\$|€|£|¥|\$)"
SCALES = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6,
          "m": 1e6, "thousand": 1e3, "k": 1e3}
SCALE = r"(?:\s?(?:trillion|tn|billion|bn|million|mn|thousand)\b|(?<=\d)[mk]\b)?"
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
VALUE = re.compile(
    rf"(?<![\w$.])(?:(?P<money>{CURRENCY}\s?{NUMBER}{SCALE}"
    rf"|{NUMBER}{SCALE}\s(?:euros?|dollars?|pounds?|yen|yuan|francs?)\b)"
    rf"|(?P<percent>{NUMBER}\s?(?:%|per\s?cent\b|percent\b))"
    rf"|(?P<count>{NUMBER}(?:\s(?:million|billion|thousand))?)"
    r"(?=\s+(?:[A-Za-z][\w-]*\s+){0,2}[A-Za-z-]+s\b))"
)
TIME_UNITS = frozenset("years months weeks days hours minutes seconds decades centuries times "
                       "per cent percent".split())
LEAD_INS = frozenset("""
reach reaches total totals worth of at around about approximately nearly almost more less
over under some just to hit hits stood was were is are rose fell grew has have had will would
could be been with by an a the and than totaling totalling reaching amounting standing
hitting topping nearing exceeding surpassing approaching rising falling climbing
""".split())
LEADING = re.compile(r"^(?:\s*\b(?:with|while|and|but|as|the|a|an|its|their)\b\s*)+",
                     re.IGNORECASE)
# Patterns matched at an offset (`pattern.match(text, pos)`) have no `^`: it would
# only match at the real start of the text.
AFTER_SUBJECT = re.compile(
    r"(?<!\s)\s+(?:in|of|for|on)\s+(?P<subject>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})")
FOLLOWING_NOUNS = re.compile(r"(?<!\s)\s+(?P<subject>(?:[A-Za-z][\w-]*\s+){0,2}[A-Za-z-]+s)\b")
PERCENT_OBJECT = re.compile(
    r"(?<!\s)\s+(?P<subject>[a-z][\w-]*(?:\s+(?:on|of|for|in|against)\s+[\w-]+(?:\s+(?!and\b)[\w-]+){0,3}"
    r"(?:\s+and\s+(?!(?:a|an|the)\b)[\w-]+)?)?)")
CLAUSE_BREAK = re.compile(r"[,;:()]|\s[–—]\s")
CHAIN_WORDS = re.compile(r"\b(?:in|from|to|and|than|of|on|by|or|compared|with|\d{4})\b")
TRAILING_TIME = re.compile(r"(?<!\s)\s+(?:in|by|from|since|until|during|before|after)\s+.*$")
NOT_A_SUBJECT = frozenset("""
from of in on and or was were is are we i they he she it its to for by at than a an the this
that as but since over after before with which who while when where so if up down more less
full put lost not just only about also even still above below already between far pass
beyond near within could would might
""".split())
MONTH = "|".join(m.capitalize() for m in MONTHS)
YEAR = re.compile(rf"\b(?:in|for|during|of|by|since|as of)\s+(?:(?:late|early|mid)[- ])?"
                  rf"(?:(?:{MONTH})\s+)?(?P<year>(?:18|19|20)\d{{2}})\b")
MEASURES = (
    ({"trade", "commerce"}, "trade"), ({"imports", "import"}, "imports"),
    ({"exports", "export"}, "exports"),
    ({"tariff", "tariffs", "duty", "duties", "levy", "levies"}, "tariff"),
    ({"investment", "investments"}, "investment"), ({"deficit"}, "deficit"),
    ({"surplus"}, "surplus"), ({"gdp", "economy", "output"}, "GDP"),
    ({"budget", "spending"}, "spending"),
)


def figures_in(paragraphs: tuple[Paragraph, ...]) -> list[Figure]:
    """Every figure in an article's paragraphs.

    Numbers inside quoted speech are left out: the quote itself is kept, with its
    speaker, on the quotes page, and a figure's subject cannot be read from it.
    """
    found: list[Figure] = []
    for paragraph in paragraphs:
        carried: int | None = None
        for sentence in paragraph.sentences:
            reading = _Sentence(sentence.text)
            citation = Citation(sentence.article_id, sentence.anchor)
            for match in VALUE.finditer(without_quotes(paragraph, sentence)):
                # The year nearest the value: "fell to 6% in 2025 from 11% in 2021".
                year = reading.nearest_year(match.end(), carried)
                figure = _figure(match, reading, year, citation)
                if figure is not None:
                    found.append(figure)
            carried = reading.years[0][1] if reading.years else carried
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
        self.years = [(m.start(), int(m.group("year"))) for m in YEAR.finditer(text)]
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
    if match.group("money"):
        unit = _currency(value)
        subject = reading.subject_before(match.start()) or _subject_after(text, match.end())
    elif match.group("percent"):
        unit = "%"
        found = PERCENT_OBJECT.match(text, match.end())
        if found and found.group("subject").split()[0].lower() in NOT_A_SUBJECT:
            found = None                     # "30% of exports", "7.5% we asked for"
        subject = found.group("subject") if found else reading.subject_before(match.start())
        subject = TRAILING_TIME.sub("", subject)
        subject = re.sub(r"^(?:(?:in|from|to|by|since)\s+(?:\d{4}\s*)?)+", "", subject)
    else:
        unit = "count"
        if _is_date_or_year(value, text[max(0, match.start() - 20):match.start()]):
            return None
        found = FOLLOWING_NOUNS.match(text, match.end())
        subject = found.group("subject") if found else ""
        if subject.split()[-1].lower() in TIME_UNITS if subject else True:
            return None
    subject = " ".join(subject.split()).strip(" ,;:")
    if not _readable_subject(subject):
        return None      # better no figure than one about "roughly" or "has put"
    measure = subject.split()[-1].lower() if unit == "count" else measure_of(subject)
    return Figure(value, parse_number(value), unit, subject, measure, year, text, citation)


CURRENCY_WORDS = {"euro": "€", "dollar": "$", "pound": "£", "yen": "¥", "yuan": "¥",
                  "franc": "CHF"}


def _currency(value: str) -> str:
    """The currency of a money value: its symbol or code, or the symbol for its word."""
    symbol = re.match(CURRENCY, value)
    if symbol:
        return symbol.group(0).replace(" ", "")
    word = re.search(r"(euro|dollar|pound|yen|yuan|franc)", value)
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
    """`US$118.7 billion` -> 118.7e9; `25%` -> 25.0."""
    digits = re.search(NUMBER, value)
    number = float(digits.group(0).replace(",", "")) if digits else 0.0
    scale = re.search(r"(trillion|tn|billion|bn|million|mn|thousand|(?<=\d)[mk])\b", value)
    return number * SCALES.get(scale.group(1).lower(), 1.0) if scale else number


def measure_of(subject: str) -> str:
    """What a subject phrase counts: "bilateral commerce" -> "trade"."""
    words = {w.lower().strip(".,") for w in subject.split()}
    for keys, measure in MEASURES:
        if words & keys:
            return measure
    return subject.split()[-1].lower() if subject.split() else ""


def _agree(figures: list[Figure]) -> bool:
    """False when two articles state different values for the same measure and year.

    Values within one article are different facts, not a disagreement; so are
    values without a year (a queue of 31 ships on Monday and 58 on Wednesday).
    """
    stated: dict[int, dict[str, set[float]]] = defaultdict(lambda: defaultdict(set))
    for figure in figures:
        if figure.year is not None:
            stated[figure.year][figure.citation.article_id].add(float(f"{figure.number:.3g}"))
    return all(len(set().union(*by_article.values())) == 1 or len(by_article) < 2
               for by_article in stated.values())


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
