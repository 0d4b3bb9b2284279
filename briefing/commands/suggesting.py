"""`suggest`: what the coverage names that site_config.yml does not list yet, as YAML.

Runs the build up to extraction (nothing is written) and prints discovered
actors, frequent phrases no issue covers, and outlets with no `sources:` entry,
each with how many articles name it and an example sentence, in the shape
`site_config.yml` takes, so a site owner can paste the entries that fit.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter

from ..console import ConsoleReporter, plural
from ..extract import extract_entities
from ..folding import words
from ..model import Article, Extraction, Mention
from ..pipeline import read_content
from .site import load

SHOWN = 30            # entries per kind
EXAMPLE_CHARS = 110


def suggest(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    """Print the suggestions; exit 1 only if the config cannot be read."""
    config = load(args, reporter)
    if config is None:
        return 1
    content = read_content(config, reporter, os.environ.get("SOURCE_DATE_EPOCH"))
    reporter.stage("Extracting", total=len(content.articles))
    extraction = extract_entities(content.articles, config, on_article=reporter.advance)
    reporter.close()
    sys.stdout.write(suggestions_yaml(extraction.extraction, content.articles))
    return 0


def suggestions_yaml(extraction: Extraction, articles: tuple[Article, ...]) -> str:
    """The YAML text: three lists, each entry with a comment saying where it was seen."""
    examples = _examples(extraction.mentions)
    lines = [f"# Suggestions from {plural(len(articles), 'article')} "
             "(python build.py suggest).",
             "# Paste the entries that fit into site_config.yml; give people and",
             "# organisations their other names under aliases. List wrong names under",
             "# exclude_actors: instead. See docs/new-briefing.md#curating.", "", "actors:"]
    discovered = [a for a in extraction.actors if not a.curated]
    counts = Counter(m.entity_id for m in extraction.mentions)
    spread = _spread(extraction.mentions)
    ranked = sorted(discovered, key=lambda a: (-spread[a.id], a.name.casefold()))
    for actor in ranked[:SHOWN]:
        seen = spread[actor.id]
        lines += [f"  - name: {_yaml(actor.name)}",
                  f"    type: {actor.type}",
                  f"    # {plural(seen, 'article')}, {plural(counts[actor.id], 'mention')}"
                  + (f"; e.g. {_example(examples.get(actor.id, ''))}" if actor.id in examples
                     else "")]
        if actor.roles:
            lines.append(f"    description: {_yaml(actor.roles[0].text)}")
    if not ranked:
        lines.append("  []   # nothing new: every person and organisation found is listed")
    lines += ["", "issues:"]
    phrases = extraction.suggestions.get("issues", ())
    for phrase, (count, example) in _phrase_uses(phrases[:SHOWN], articles).items():
        lines += [f"  - name: {_yaml(phrase[:1].upper() + phrase[1:])}",
                  f"    keywords: [{_yaml(phrase)}]",
                  f"    # {plural(count, 'article')}; e.g. {_example(example)}"]
    if not phrases:
        lines.append("  []   # no frequent phrase outside the listed issues")
    lines += ["", "sources:"]
    outlets = [s for s in extraction.sources if not s.curated]
    used = Counter(extraction.article_sources.values())
    for source in sorted(outlets, key=lambda s: (-used[s.id], s.name.casefold()))[:SHOWN]:
        lines += [f"  - name: {_yaml(source.name)}   # {plural(used[source.id], 'article')}",
                  "    aliases: []", "    domains: []"]
    if not outlets:
        lines.append("  []   # every outlet is listed")
    return "\n".join(lines) + "\n"


def _phrase_uses(phrases: tuple[str, ...], articles: tuple[Article, ...]
                 ) -> dict[str, tuple[int, str]]:
    """For each phrase: how many articles use it, and a paragraph that does.

    Phrases are pairs of words (see `extract.issues.suggest_phrases`), so they are
    looked for among each paragraph's words, as they were counted.
    """
    found: dict[str, tuple[int, str]] = {phrase: (0, "") for phrase in phrases}
    for article in articles:
        used: set[str] = set()
        for block in article.blocks:
            tokens = f" {' '.join(words(block.text))} "
            for phrase in phrases:
                if f" {phrase} " in tokens and phrase not in used:
                    used.add(phrase)
                    count, example = found[phrase]
                    found[phrase] = (count + 1, example or _around(block.text, phrase))
    return found


def _around(text: str, phrase: str) -> str:
    """The part of `text` where the phrase's first word appears."""
    at = max(0, text.casefold().find(phrase.split()[0]))
    start = text.rfind(" ", 0, max(0, at - EXAMPLE_CHARS // 3)) + 1
    return ("…" if start else "") + text[start:]


def _spread(mentions: tuple[Mention, ...]) -> Counter[str]:
    """How many articles name each entity."""
    return Counter(entity for entity, _ in {(m.entity_id, m.article_id) for m in mentions})


def _examples(mentions: tuple[Mention, ...]) -> dict[str, str]:
    """The first snippet each entity was seen in."""
    found: dict[str, str] = {}
    for mention in mentions:
        if mention.anchor and mention.entity_id not in found:
            found[mention.entity_id] = mention.snippet
    return found


def _example(snippet: str) -> str:
    text = " ".join(snippet.split())
    return json.dumps(text if len(text) <= EXAMPLE_CHARS else text[:EXAMPLE_CHARS] + "…",
                      ensure_ascii=False)


def _yaml(text: str) -> str:
    """A YAML scalar that survives any characters (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)
