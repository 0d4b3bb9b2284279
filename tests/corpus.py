"""A seeded synthetic news corpus for size and browser tests: `write_corpus(folder, n)`.

Realistic enough to exercise every page: about one story per 25 articles over
several months, a dozen outlets (two of them wires whose copies other outlets
reprint), curated and uncurated speakers with roles, quotes carried by several
outlets, figures some outlets round and some state differently, dated events,
tags, a few undated articles and a few renamed ones (`aliases:`). The same seed
always writes the same files.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

OUTLETS = ("Harbour Times", "Northern Ledger", "Valley Courier", "Capital Dispatch",
           "Coastal Herald", "Prairie Post", "Metro Chronicle", "Island Gazette",
           "Lakeside Review", "Summit Journal")
WIRES = ("Reuters", "AP")
PEOPLE = (("Ana Ruiz", "Trade Minister"), ("Tomas Nagy", "Prime Minister"),
          ("Lena Okafor", "Foreign Minister"), ("Piotr Wren", "senior analyst at Delta Group"),
          ("Mei Tanaka", "Finance Minister"), ("Oskar Lind", "Harbour Authority chair"),
          ("Rosa Diallo", "union leader"), ("Ivan Petrov", "Ambassador"),
          ("Clara Brandt", "economist at the Northgate Institute"),
          ("Samir Haddad", "Energy Minister"), ("Nora Quist", "opposition leader"),
          ("Hugo Marsh", "Fisheries Minister"), ("Elif Kaya", "trade negotiator"),
          ("Jonas Berg", "professor at Vesterby University"))
ISSUES = (("Canola tariffs", ("canola", "oilseed")), ("Fishing quotas", ("quota", "fishing")),
          ("Port strike", ("strike", "dockworkers")), ("Energy prices", ("energy", "pipeline")),
          ("Steel tariffs", ("steel", "aluminium")), ("Ferry service", ("ferry", "ferries")))
TOPICS = ("canola exports", "fishing quotas", "the port strike", "energy prices",
          "steel tariffs", "the ferry service", "a new trade pact", "border checks")
PLACES = ("Vesterby", "Nordhavn", "Eastport", "Kingsbridge", "Maplewood", "Redcliff")
VERBS = ("met", "held talks with", "spoke with", "called", "visited")
STATEMENTS = (
    "We will not accept a deal that leaves our farmers behind",
    "This is a first step, not the end of the road",
    "The talks were frank and the door remains open",
    "Nobody wins when the ships stay in port",
    "We have to be careful about what we give away",
    "The numbers speak for themselves",
    "There is real progress on the main questions",
    "Our priority is to keep prices down for families",
    "We expect an answer before the end of the month",
    "It is time for both sides to come back to the table",
    "a fair and lasting settlement",
    "unacceptable pressure on our exporters",
)
MEASURES = (("two-way trade", "US$", 1e9, "billion"), ("canola exports", "US$", 1e9, "billion"),
            ("the tariff on canola oil", "%", 1, ""), ("dockworkers on strike", "count", 1, ""))


def _figure(rng: random.Random, measure: tuple[str, str, float, str], year: int,
            base: float) -> str:
    subject, unit = measure[0], measure[1]
    if unit == "US$":
        value = rng.choice((f"US${base:.1f} billion", f"${round(base)}bn"))
        return f"{subject.capitalize()} reached {value} in {year}, officials said."
    if unit == "%":
        return f"Beijing put a {round(base)}% tariff on canola oil in {year}."
    return f"About {round(base):,} dockworkers joined the strike in {year}."


BACKGROUND = (
    "Shipping volumes through {place} fell by {n} containers last week, port data showed.",
    "Local councillors in {place} asked for a public hearing on {topic} before any vote.",
    "Farm groups have warned for months that {topic} could cost them their biggest market.",
    "The two sides last met {n} days ago, when talks broke up without a statement.",
    "A poll for the {outlet} found {n} readers out of a thousand following {topic} closely.",
    "Opposition members called for {person} to appear before a committee on {topic}.",
    "Markets in {place} were calm, with traders waiting for details on {topic}.",
    "Diplomats said the wording of any statement on {topic} was still being negotiated.",
    "Exporters in {place} said they had already lost orders worth {n} thousand dollars.",
    "The ministry declined to comment on reports that {person} would travel to {place}.",
    "Union officials said {n} members would attend a rally in {place} at the weekend.",
    "Analysts said an agreement on {topic} could take until the spring.",
)


def _background(rng: random.Random, story: dict) -> str:
    return rng.choice(BACKGROUND).format(
        place=rng.choice(PLACES), topic=story["topic"], n=rng.randint(2, 900),
        outlet=rng.choice(OUTLETS), person=rng.choice(story["people"])[0])


def _article(rng: random.Random, story: dict, outlet: str, day: date | None, number: int,
             wire: str | None) -> str:
    people = story["people"]
    lead, other = people[0], people[1]
    place = story["place"]
    when = day or story["day"]
    later = when + timedelta(days=rng.choice((7, 10, 14, 21)))
    # Each outlet words the shared facts its own way (as real coverage does), so only
    # the reprints below are copies; the quotes themselves are shared word for word.
    paragraphs = [
        f"{lead[1]} {lead[0]} {rng.choice(VERBS)} {other[0]} in {place} on "
        f"{when.strftime('%A')}, {when.day} {when.strftime('%B %Y')}, "
        f"{rng.choice(('as pressure grew over', 'amid a dispute over', 'to talk about'))} "
        f"{story['topic']}.",
        rng.choice((
            f"The meeting follows weeks of tension over {story['topic']}, and officials in "
            f"{place} said a further round of talks is planned for {later.day} "
            f"{later.strftime('%B %Y')}.",
            f"Another round is pencilled in for {later.day} {later.strftime('%B %Y')}, "
            f"according to a spokesperson in {place}.",
            f"Both delegations expect to meet again on {later.day} "
            f"{later.strftime('%B %Y')}, {rng.choice(PLACES)} officials said.")),
    ]
    for quote in story["quotes"]:
        if rng.random() < 0.7:
            speaker = quote[1]
            paragraphs.append(rng.choice((
                f"\"{quote[0]},\" {speaker[0]}, the {speaker[1]}, said.",
                f"\"{quote[0]},\" said {speaker[0]}.",
                f"{speaker[0]}, the {speaker[1]}, told {outlet}: \"{quote[0]}.\"")))
    for measure, base in story["figures"]:
        value = base * (1.04 if outlet in story["dissent"] else 1.0)
        paragraphs.append(_figure(rng, measure, story["day"].year - 1, value))
    paragraphs.append(rng.choice((
        f"{other[0]} told reporters that {story['topic']} would be \"high on the agenda\" "
        f"and that no decision had been taken yet.",
        f"No decision has been taken, {other[0]} said, adding that {story['topic']} would be "
        f"\"high on the agenda\".",
        f"Asked about {story['topic']}, {other[0]} declined to give a timetable.")))
    paragraphs.append(
        f"{rng.choice(('Critics said', 'Opponents argued', 'Some economists said'))} the "
        f"government had moved too slowly on {story['topic']}, while business groups in "
        f"{rng.choice(PLACES)} {rng.choice(('welcomed the talks', 'called for patience'))}. "
        f"Filed by {outlet} staff (reference {outlet[:2].upper()}{number:04d}).")
    paragraphs[3:3] = [_background(rng, story) for _ in range(rng.randint(4, 7))]
    middle = paragraphs[2:-2]
    rng.shuffle(middle)
    paragraphs[2:-2] = middle
    title = f"{lead[0]} and {other[0]} {rng.choice(('discuss', 'clash over', 'seek deal on'))}" \
            f" {story['topic']} in {place}"
    front = [f"title: \"{title} ({outlet}, {number})\"", f"source: {outlet}",
             f"author: {rng.choice(('Ada Holm', 'Ben Ortiz', 'Cai Wen', 'Dara Moss'))}",
             f"tags: [{story['topic'].removeprefix('the ')}, {place}]",
             f"summary: \"{lead[0]} and {other[0]} met in {place} over {story['topic']}.\""]
    if day is not None:
        front.append(f"date: {day.isoformat()}")
    if wire:
        front.append(f"wire: {wire}")
    if number % 97 == 0:
        front.append(f"aliases: [old-story-{number}]")
    return "---\n" + "\n".join(front) + "\n---\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, count: int = 1000, seed: int = 11) -> None:
    """Write `count` article files (a few of them wire copies) and a site_config.yml beside
    `folder` (the content folder)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    start = date(2025, 9, 1)
    stories = []
    for n in range(max(1, count // 25)):
        people = rng.sample(PEOPLE, 3)
        quotes = [(rng.choice(STATEMENTS), rng.choice(people)) for _ in range(3)]
        stories.append({
            "people": people, "place": rng.choice(PLACES), "topic": rng.choice(TOPICS),
            "day": start + timedelta(days=rng.randrange(0, 180)), "quotes": quotes,
            "figures": [(m, rng.uniform(5, 120) if m[1] == "US$" else rng.uniform(10, 5000))
                        for m in rng.sample(MEASURES, 2)],
            "dissent": set(rng.sample(OUTLETS, 2)) if n % 3 == 0 else set(),
        })
    written: list[str] = []
    for number in range(count):
        if written and number % 20 == 7:
            text = rng.choice(written)            # a wire copy another outlet reprinted
            (folder / f"{number:05d}-copy.md").write_text(text, encoding="utf-8")
            continue
        story = rng.choice(stories)
        outlet = rng.choice(OUTLETS)
        wire = rng.choice(WIRES) if number % 10 == 3 else None
        day = None if number % 37 == 0 else story["day"] + timedelta(days=rng.randrange(0, 4))
        text = _article(rng, story, outlet, day, number, wire)
        written.append(text)
        (folder / f"{number:05d}.md").write_text(text, encoding="utf-8")
    config = ["title: Synthetic briefing", "description: A generated corpus of "
              f"{count} articles for tests.", "base_url: https://owner.github.io/briefing-repo/",
              "repo_url: https://github.com/owner/briefing-repo", "timezone: UTC", "actors:"]
    for name, role in PEOPLE[:10]:
        config += [f"  - name: {name}", "    type: person",
                   f"    aliases: [{name.split()[-1]}]", f"    description: {role}."]
    config.append("issues:")
    for name, keywords in ISSUES:
        config += [f"  - name: {name}", f"    keywords: [{', '.join(keywords)}]"]
    config.append("sources:")
    for outlet in OUTLETS:
        config.append(f"  - name: {outlet}")
    (folder.parent / "site_config.yml").write_text("\n".join(config) + "\n", encoding="utf-8")
