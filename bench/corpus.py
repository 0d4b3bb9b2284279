"""A seeded synthetic newsroom: N articles in the shapes editors add, for benchmarks.

    python bench/corpus.py --articles 1000 --out /tmp/corpus     # write a project to look at

The world is made of stories (a port strike in one city, a court ruling in
another, ...), one per about 25 articles, so the corpus does not collapse into
one story as N grows. Each story has its place, dates, people with roles and
organisations, quotes that several outlets carry, figures and topic words.
Articles come in the forms editors add them:

- YAML front matter (Jekyll/Hugo posts), TOML (`+++`), JSON, and none: Markdown
  with a `#` headline, or text pasted from a web page with its chrome (menus,
  sign-in links, share buttons, a date line, a byline, trailers);
- about 5 % wire copies: an agency's story republished by another outlet in
  another form, whose pairs are listed in `copies.json` (known answers);
- dates in front matter, in file names and in the text; quotes with attributions
  ("…," said Name, a role at Org); figures (money, percent, counts) with years.

Everything is drawn from `random.Random(seed)`, so a size and a seed always give
the same bytes: a benchmark run on a quiet machine measures the same corpus.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

ARTICLES_PER_STORY = 25
WIRE_COPY_SHARE = 0.05
FIRST = ("Ana Tom Clara Henrik Dalisay Aurelio Mira Rafael Kees Eva Maria Thomas Sanne Bart "
         "Jane Dominic Stephen Colin Reza Andrew Jessica Lena Oskar Priya Tariq Nadia Hugo "
         "Ingrid Mateo Yuki Chen Amara Felix Greta Ibrahim Julia Kofi Leila Marco Nora Omar "
         "Paula Quentin Rosa Samuel Tessa Ulrich Vera Wen Ximena Yusuf Zofia Aiden Beatriz "
         "Carlos Daria Emil Farah Goran Hana").split()
LAST = ("Lucero Hadley Whitfield Solberg Corvin Vance Santoso Odrano Vries Smit Jansen Bakker "
        "Mulder Meijer Chiu Nagy Robertson Hasmath Hale Murphy Okafor Lindqvist Moreau Tanaka "
        "Kowalski Haddad Petrov Alvarez Nakamura Brennan Castillo Dubois Eriksen Fischer Gallo "
        "Horvat Ivanova Jovanovic Kaplan Larsen Marino Novak Oyelaran Pereira Quinn Rossi "
        "Schmidt Torres Usman Varga Weber Xavier Yilmaz Zhou Abbott Barros Costa Delgado Esposito "
        "Ferreira Grant Holm Iqbal Jensen Keller Lund Mendes Nilsson Ortiz Park Reyes Silva "
        "Thorsen").split()
PLACE_HEADS = ("Port Meri Sanlo Vale Kest Orin Tavor Lumen Brask Corda Elsin Farrow Gallin "
               "Harth Istra Jorvik Kalda Lorne Mirel Norvik Ostra Pella Quarr Rask Selm Tarn "
               "Ulma Varno Wexl Yarrow Zeda").split()
PLACE_TAILS = ("an ford haven bury mouth dale ton grad ville sund").split()
ROLES = ("union president", "chief economist", "transport minister", "senior fellow",
         "company spokesperson", "mayor", "port authority chief executive", "senior analyst",
         "finance minister", "health minister", "chairman", "lead negotiator",
         "court spokesperson", "fire chief", "environment minister", "professor")
ORG_FORMS = ("{place} Port Workers' Union", "Ministry of {word} of {place}",
             "{place} Institute", "University of {place}", "{place} Chamber of Commerce",
             "{place} Terminal Operators Association", "Bank of {place}",
             "{place} Development Authority")
# topic -> (headline nouns, vocabulary, figure measures, tags)
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "strike": (("dockworkers strike", "walkout", "wage talks"),
               tuple("dockworkers picket terminal cranes wage shifts container vessels anchor "
                     "stoppage union employers overtime pension retirement berth".split()),
               ("pay rise", "ships waiting", "labour costs"), ("labour", "ports")),
    "court": (("court ruling", "appeal", "constitutional challenge"),
              tuple("judges ruling decree constitution appeal verdict petition lawyers "
                    "hearing justices bench precedent statute injunction plaintiffs".split()),
              ("damages", "fines", "cases pending"), ("law", "courts")),
    "mine": (("mine collapse", "rescue", "mine safety"),
             tuple("miners shaft rescuers tunnel collapse ventilation drilling trapped oxygen "
                   "inspectors seam excavators rubble survivors geologists".split()),
             ("miners trapped", "output", "compensation"), ("mining", "disasters")),
    "trade": (("trade talks", "tariff deal", "export ban"),
              tuple("tariffs exports imports canola steel quotas negotiators customs levies "
                    "shipments retaliation surplus deficit commodities".split()),
              ("tariff", "exports", "trade surplus"), ("trade", "economy")),
    "election": (("election", "coalition talks", "vote count"),
                 tuple("ballots turnout coalition candidates polling campaign parliament "
                       "constituencies recount voters manifesto incumbents debate".split()),
                 ("turnout", "seats", "campaign spending"), ("politics", "elections")),
    "wildfire": (("wildfire", "evacuations", "fire season"),
                 tuple("blaze evacuation firefighters hectares smoke embers containment "
                       "drought winds aircraft retardant hillside ranchers".split()),
                 ("hectares burned", "homes destroyed", "firefighting budget"),
                 ("climate", "disasters")),
    "rates": (("rate decision", "inflation report", "bond sell-off"),
              tuple("inflation rates policymakers bonds yields currency mortgage lending "
                    "forecasts liquidity banks deposits growth recession".split()),
              ("policy rate", "inflation", "bond yields"), ("economy", "markets")),
    "flood": (("floods", "river levels", "dam release"),
              tuple("flooding rainfall levees river dam sandbags residents evacuees "
                    "monsoon embankment reservoir pumps landslides".split()),
              ("rainfall", "people displaced", "relief funds"), ("climate", "disasters")),
    "health": (("vaccine rollout", "outbreak", "hospital strike"),
               tuple("vaccine clinics outbreak doses hospitals nurses patients infections "
                     "quarantine epidemiologists wards pharmacies".split()),
               ("doses given", "cases", "health budget"), ("health",)),
    "energy": (("power prices", "grid failure", "pipeline deal"),
               tuple("electricity grid turbines pipeline gas reactors outages tariffs "
                     "megawatts refinery storage batteries".split()),
               ("power prices", "capacity", "investment"), ("energy", "economy")),
}
OUTLETS = (  # name, domain, credit when it is a wire
    ("Reuters", "reuters.com", "Reuters"), ("Associated Press", "apnews.com", "AP"),
    ("AFP", "afp.com", "AFP"), ("The Harbour Times", "harbourtimes.example", None),
    ("Daily Ledger", "dailyledger.example", None), ("Meridan Chronicle", "chronicle.example",
                                                    None),
    ("Northern Wire Review", "nwreview.example", None), ("Coastline Post", "coastpost.example",
                                                         None),
    ("Metro Herald", "metroherald.example", None), ("Evening Standard-Gazette",
                                                    "esg.example", None),
)
CHROME_TOP = ("Skip to main content", "Sign In", "Register", "Subscribe", "Menu", "World",
              "Business", "Markets", "Opinion", "Search", "Latest News")
CHROME_TAIL = ("Share this article", "Copy link", "Related Stories", "Most Read",
               "Sign up for our newsletter", "Our Standards: The Trust Principles.",
               "Advertisement", "Read more", "Comments")
MONTHS = ("January February March April May June July August September October November "
          "December").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
GENERAL = tuple(word for line in (Path(__file__).parent / "words.txt").read_text(
    encoding="utf-8").splitlines() if not line.startswith("#") for word in line.split())
# Sentence shapes; {s} is a word of the story's own, {g} a general news word.
FILLERS = (
    "The {s} over {s} has drawn attention across {place}, where {g} and {g} remain a concern.",
    "Officials said the {s} would be reviewed with the {g} {g}, and that {s} was monitored.",
    "Reports described {g} {s} near the {s}, with more {g} expected in the coming days.",
    "Critics argue the {s} was handled poorly and that {g} {g} should have come sooner.",
    "Analysts expect the {s} to weigh on {g} {s} for the rest of the {g}.",
    "The {org} has not commented on the {s}, the {g} or the {g} {s}.",
    "Residents of {place} said {s} had changed {g} life, from {g} to {s}.",
    "A {g} review of the {s} and the {g} is due later, people familiar with it said.",
    "Earlier {g} about {s} in {place} had focused on {g}, {g} and the {s}.",
    "Few expected the {g} {s} to last, but {s} and {g} have kept it going.",
    "Data on {s} published by the {org} showed {g} {g} falling behind {s}.",
    "In {place}, the {s} has become shorthand for {g} {g} and {s}.",
)


def _quote_text(rng: random.Random, words: tuple[str, ...], place: str) -> str:
    """A sentence someone said: mostly the story's words, in an order of its own."""
    picked = [rng.choice(words) if rng.random() < 0.5 else rng.choice(GENERAL)
              for _ in range(rng.randint(9, 15))]
    picked.insert(rng.randrange(len(picked)), place)
    return " ".join(picked).capitalize()


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    org: str


@dataclass(frozen=True)
class Story:
    number: int
    topic: str
    place: str
    start: date
    people: tuple[Person, ...]
    orgs: tuple[str, ...]
    quotes: tuple[tuple[str, Person], ...]
    figures: tuple[str, ...]
    words: tuple[str, ...]          # the story's own words: topic words and coined names


@dataclass(frozen=True)
class Written:
    """One article as written: its outlet, headline, date and paragraphs."""

    story: Story
    outlet: tuple[str, str, str | None]
    headline: str
    day: date
    authors: tuple[str, ...]
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]


def make_world(count: int, rng: random.Random) -> list[Story]:
    """One story per about `ARTICLES_PER_STORY` articles, each with its own cast."""
    stories = []
    for number in range(max(3, count // ARTICLES_PER_STORY)):
        topic = rng.choice(sorted(TOPICS))
        place = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
        coined = tuple(_coin(rng) for _ in range(6))
        words = (*rng.sample(TOPICS[topic][1], 6), *coined)
        orgs = tuple(rng.choice(ORG_FORMS).format(place=place, word=rng.choice(words).title())
                     for _ in range(2))
        people = tuple(Person(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES),
                              rng.choice(orgs)) for _ in range(rng.randint(2, 4)))
        quotes = tuple((_quote_text(rng, words, place), rng.choice(people))
                       for _ in range(rng.randint(3, 6)))
        figures = tuple(_figure(rng, topic, place, rng.choice(orgs)) for _ in range(3))
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 900))
        stories.append(Story(number, topic, place, start, people, orgs, quotes, figures, words))
    return stories


SYLLABLES = "ka lo ven dri sa mor tu bel quin ra zo fen gal pri ost ul dar nim".split()


def _coin(rng: random.Random) -> str:
    """An invented word for a story's own things: a ship, a site, a scheme ("Venquin")."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def _figure(rng: random.Random, topic: str, place: str, org: str) -> str:
    measure = rng.choice(TOPICS[topic][2])
    year = rng.randint(2019, 2026)
    form = rng.randrange(3)
    if form == 0:
        return (f"The {org} said the {measure} would reach ${rng.randint(2, 900)} million "
                f"in {year}.")
    if form == 1:
        return f"The {measure} in {place} rose {rng.randint(1, 40)}.{rng.randint(0, 9)}% in {year}."
    return f"About {rng.randint(2, 90) * 100:,} {measure.split()[-1]} were counted in {year}."


def write_article(story: Story, rng: random.Random) -> Written:
    """A fresh article about `story`: its own sentences around the story's facts."""
    outlet = rng.choice(OUTLETS)
    topic = TOPICS[story.topic]
    words = story.words
    day = story.start + timedelta(days=rng.randint(0, 12))
    headline = (f"{story.place} {rng.choice(topic[0])}: {rng.choice(story.people).name.split()[1]} "
                f"{rng.choice(('warns of', 'says talks on', 'defends', 'rejects'))} "
                f"{rng.choice(words)} {rng.choice(('plan', 'deal', 'demands', 'review'))}")
    paragraphs: list[str] = []
    first, second = rng.sample(story.orgs, 2)
    lead = (f"The {first} clashed with the {second} over {rng.choice(words)} in "
            f"{story.place} on {WEEKDAYS[day.weekday()]}, as {rng.choice(words)} and "
            f"{rng.choice(words)} dominated the {topic[0][0]}.")
    if outlet[2]:                                   # a wire's dateline
        lead = f"{story.place.upper()}, {MONTHS[day.month - 1]} {day.day} ({outlet[2]}) - " + lead
    paragraphs.append(lead)
    for quote, person in rng.sample(story.quotes, k=min(len(story.quotes), rng.randint(1, 3))):
        form = rng.randrange(3)
        if form == 0:
            paragraphs.append(f"\u201c{quote},\u201d said {person.name}, {person.role} at "
                              f"{person.org}.")
        elif form == 1:
            paragraphs.append(f"{person.name}, the {person.role}, told reporters: "
                              f"\u201c{quote}.\u201d")
        else:
            paragraphs.append(f"\u201c{quote},\u201d {person.name.split()[1]} said.")
    for _ in range(rng.randint(4, 9)):
        paragraphs.append(" ".join(_filler(rng, story) for _ in range(rng.randint(1, 3))))
    paragraphs.insert(rng.randrange(1, len(paragraphs)), rng.choice(story.figures))
    later = day + timedelta(days=rng.randint(1, 10))
    paragraphs.append(f"Talks are due to resume on {WEEKDAYS[later.weekday()]}, "
                      f"{MONTHS[later.month - 1]} {later.day}, {later.year}, officials said.")
    authors = tuple(f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 2)))
    tags = (*topic[3], story.place.lower())
    return Written(story, outlet, headline, day, authors, tuple(paragraphs), tags)


def _filler(rng: random.Random, story: Story) -> str:
    """One background sentence: a shape filled with story and general words."""
    shape = rng.choice(FILLERS).replace("{place}", story.place).replace(
        "{org}", rng.choice(story.orgs))
    while "{s}" in shape or "{g}" in shape:
        slot = "{s}" if shape.find("{s}") >= 0 and (
            shape.find("{g}") < 0 or shape.find("{s}") < shape.find("{g}")) else "{g}"
        word = rng.choice(story.words) if slot == "{s}" else rng.choice(GENERAL)
        shape = shape.replace(slot, word, 1)
    return shape


def republish(original: Written, rng: random.Random) -> Written:
    """An agency's story as another outlet runs it: same text, its own headline."""
    outlet = rng.choice([o for o in OUTLETS if o[2] is None])
    headline = original.headline.split(":", 1)[-1].strip().capitalize()
    return Written(original.story, outlet, headline, original.day, original.authors,
                   original.paragraphs, original.tags)


def render(article: Written, form: str, slug: str) -> str:
    """The file's text in one of the forms editors add."""
    name, domain, _ = article.outlet
    url = f"https://{domain}/{article.day.isoformat().replace('-', '/')}/{slug}"
    body = "\n\n".join(article.paragraphs)
    if form == "yaml":
        tags = ", ".join(article.tags)
        return (f"---\ntitle: {json.dumps(article.headline)}\ndate: {article.day.isoformat()}\n"
                f"source: {json.dumps(name)}\nurl: {url}\ntags: [{tags}]\n"
                f"authors: [{', '.join(article.authors)}]\n---\n\n{body}\n")
    if form == "toml":
        tags = ", ".join(json.dumps(t) for t in article.tags)
        return (f"+++\ntitle = {json.dumps(article.headline)}\ndate = {article.day.isoformat()}\n"
                f"source = {json.dumps(name)}\ntags = [{tags}]\n+++\n\n{body}\n")
    if form == "json":
        meta = {"title": article.headline, "date": article.day.isoformat(), "source": name,
                "url": url, "tags": list(article.tags)}
        return json.dumps(meta, indent=2) + f"\n\n{body}\n"
    if form == "markdown":
        return f"# {article.headline}\n\n{body}\n"
    # pasted from a web page: chrome, headline, byline, date line, one line per paragraph
    day = article.day
    top = [*CHROME_TOP[: 3 + len(slug) % 6], name, article.headline,
           f"By {' and '.join(article.authors)}",
           f"{MONTHS[day.month - 1]} {day.day}, {day.year} {1 + len(slug) % 11}:{len(slug) % 6}"
           f"2 PM GMT Updated {1 + len(slug) % 5} hours ago"]
    tail = [*CHROME_TAIL[len(slug) % 3: len(slug) % 3 + 4], f"\u00a9 {day.year} {name}"]
    return "\n".join([*top, *article.paragraphs, *tail]) + "\n"


FORMS = (("yaml", 0.35), ("pasted", 0.30), ("toml", 0.10), ("json", 0.10), ("markdown", 0.15))


def _form(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for form, share in FORMS:
        total += share
        if roll < total:
            return form
    return FORMS[-1][0]


def _path(form: str, article: Written, number: int) -> str:
    slug = "-".join(article.headline.lower().replace(":", "").split()[:6])
    month = article.day.strftime("%Y-%m")
    if form == "pasted":
        return f"{month}/pastes/{number:06d}-{slug}.txt"
    if form == "markdown":
        return f"{month}/{number:06d}-{slug}.md"
    return f"{month}/posts/{article.day.isoformat()}-{number:06d}-{slug}.md"


def make_corpus(content: Path, count: int, seed: int = 1) -> dict[str, object]:
    """Write `count` articles under `content`; return the manifest (forms, copy pairs)."""
    rng = random.Random(seed)
    stories = make_world(count, rng)
    wires: list[tuple[str, Written]] = []
    pairs: list[list[str]] = []
    forms: dict[str, int] = {}
    for number in range(count):
        if wires and rng.random() < WIRE_COPY_SHARE:
            original_path, original = rng.choice(wires)
            article = republish(original, rng)
            form = rng.choice(("pasted", "yaml", "markdown"))
        else:
            article = write_article(stories[rng.randrange(len(stories))], rng)
            form, original_path = _form(rng), None
        rel = _path(form, article, number)
        target = content / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(article, form, rel.rsplit("/", 1)[-1]), encoding="utf-8")
        forms[form] = forms.get(form, 0) + 1
        if original_path is not None:
            pairs.append([rel, original_path])
        elif article.outlet[2]:
            wires.append((rel, article))
    return {"articles": count, "seed": seed, "stories": len(stories), "forms": forms,
            "copies": pairs}


def added_article(count: int, seed: int, number: int) -> tuple[str, str]:
    """The path and text of one more article for the corpus of `count` articles and
    `seed`, as an editor adds one: about one of its stories, a few days after the
    story's start, quoting someone the corpus never named (the story's cast with a
    newcomer). `number` picks the story and the newcomer; the same arguments give the
    same bytes."""
    stories = make_world(count, random.Random(seed))
    rng = random.Random(f"added {seed} {number}")
    story = stories[rng.randrange(len(stories))]
    named = {person.name for s in stories for person in s.people}
    newcomer = next(name for name in (f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                                      for _ in range(1000)) if name not in named)
    person = Person(newcomer, rng.choice(ROLES), story.orgs[0])
    quote = _quote_text(rng, story.words, story.place)
    cast = Story(story.number, story.topic, story.place, story.start, (person,), story.orgs,
                 ((quote, person),), story.figures, story.words)
    article = write_article(cast, rng)
    if not any(newcomer in paragraph for paragraph in article.paragraphs):
        named_in_full = (f"{newcomer}, the {person.role} at the {person.org}, told reporters "
                         f"the talks would go on.")
        article = replace(article, paragraphs=(article.paragraphs[0], named_in_full,
                                               *article.paragraphs[1:]))
    return _path("yaml", article, count + number), render(article, "yaml", f"added-{number}")


def site_config(stories_seen: int) -> str:
    """A site_config.yml for the synthetic world: outlets and a few curated issues."""
    sources = "\n".join(f"  - name: {json.dumps(name)}\n    domains: [{domain}]"
                        + (f"\n    credit: {credit}" if credit else "")
                        for name, domain, credit in OUTLETS)
    issues = "\n".join(f"  - name: {topic.title()}\n    keywords: [{', '.join(words[1][:3])}]"
                       for topic, words in sorted(TOPICS.items()))
    return (f"title: Synthetic briefing ({stories_seen} stories)\n"
            "base_url: https://example.org/bench/\ntimezone: UTC\nbuild_date: 2026-12-31\n"
            f"sources:\n{sources}\nissues:\n{issues}\n")


def make_project(folder: Path, count: int, seed: int = 1) -> dict[str, object]:
    """A whole project: `content/`, `site_config.yml` and `copies.json` beside them."""
    (folder / "content").mkdir(parents=True, exist_ok=True)
    manifest = make_corpus(folder / "content", count, seed)
    (folder / "site_config.yml").write_text(site_config(int(str(manifest["stories"]))),
                                            encoding="utf-8")
    (folder / "copies.json").write_text(json.dumps(manifest, indent=1) + "\n",
                                        encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="project folder to create")
    args = parser.parse_args()
    manifest = make_project(args.out, args.articles, args.seed)
    print(json.dumps({k: v for k, v in manifest.items() if k != "copies"}))


if __name__ == "__main__":
    main()
