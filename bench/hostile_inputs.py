#!/usr/bin/env python3
"""Time each hostile input shape through normalize and extract, one file at a time.

    python bench/hostile_inputs.py          # every shape at 25 KB and 250 KB (the default limit)
    python bench/hostile_inputs.py --sizes 20000 --only figures
    python bench/hostile_inputs.py --corpus 4000 20000   # many files: all-pairs steps show

The budget (issue 7): no file of up to the byte limit takes more than 1 s of
extraction on the CI machine (2 cores). Each shape is a small pattern repeated to
the size asked for, so a rule that rescans text per match, backtracks, or
compares all pairs shows up as time growing faster than the size. Prints one
line per shape and size: normalize and extract seconds, and the growth factor
between the smallest and the largest size (linear is about the size ratio).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.config import ActorConfig, SiteConfig  # noqa: E402
from briefing.dedupe import dedupe_articles  # noqa: E402
from briefing.extract import extract_entities  # noqa: E402
from briefing.load import parse_document  # noqa: E402
from briefing.normalize import Normalizer, normalize_document  # noqa: E402
from briefing.slugs import unique_article_ids  # noqa: E402

# name -> (front matter or "", the unit repeated in the body)
SHAPES: dict[str, tuple[str, str]] = {
    "figures": ("", "$1.2 "),
    "long-capitalised-words": ("", ("A" + "a" * 60 + " ") * 4 + "!\n"),
    "name-after-the": ("", "the Carney "),
    "blank-lines": ("", " \n"),
    "said-sentences": ("", "Carney said it. "),
    "name-words": ("", "Carney word "),
    "unclosed-quotes": ("", "“abc "),
    "quote-pairs": ("", "“Trade will double by 2030, we think,” Carney said. "),
    "percent-runs": ("", "up 5% in 2024 and 6% in 2025, "),
    "dates": ("", "On Friday, January 16, 2026 the minister met. "),
    "titles-before-names": ("", "Canadian Prime Minister Mark Carney, "),
    "organisations": ("", "the Bank of Canada and the Ministry of Trade of Japan "),
    "headings": ("", "A Short Heading Line\n\nBody text here.\n\n"),
    "list-items": ("", "- item one\n"),
    "post-signatures": ("", "Hello.\n— Mark Carney (@MarkJCarney) January 14, 2026\n"),
    "markdown-mix": ("---\ntitle: Hostile\n---\n", "**bold** [link](https://x.org) `c` "),
    "initials": ("", "A."),
    "percents": ("", "12% "),
    "titled-names": ("", "Prime Minister Mark Carney, "),
    "unclosed-after-said": ("", "Carney said, “abc. "),
    "straight-quotes": ("", '"abc '),
    "dates-in-a-row": ("", "January 14, 2026 "),
    "post-signatures-only": ("", "— Mark Carney (@MarkJCarney) January 14, 2026\n"),
    "template-tags": ("---\ntitle: Hostile\n---\n", "{% if x %}a{% endif %} {{ page.title }} "),
    "unclosed-template": ("---\ntitle: Hostile\n---\n", "{{ {% {{< "),
    "apostrophes": ("", "O'Brien-Smith's l'État d'Ivoire "),
    "one-long-line": ("", "word "),
}
CONFIG = SiteConfig(root=Path("."), actors=(ActorConfig("Mark Carney", aliases=("Carney",)),))


def make_text(shape: str, size: int) -> str:
    front, unit = SHAPES[shape]
    body = "Title line\n\n" + unit * max(1, (size - len(front)) // len(unit.encode("utf-8")))
    return front + body


def time_one(text: str, normalizer: Normalizer) -> tuple[float, float]:
    """Seconds to normalize and to extract one document."""
    doc, _ = parse_document(text, "hostile.txt", len(text))
    assert doc is not None
    started = time.perf_counter()
    result = normalize_document(doc, CONFIG, normalizer)
    normalized = time.perf_counter() - started
    assert result.article is not None
    articles = unique_article_ids((result.article,))
    started = time.perf_counter()
    extract_entities(articles, CONFIG)
    return normalized, time.perf_counter() - started


def corpus_texts(shape: str, count: int) -> list[str]:
    """Many small files: distinct quotes (quote merging), or one-word files (stories)."""
    if shape == "tiny-files":
        return [f"x{i}\n" for i in range(count)]
    rng = random.Random(count)
    words = "trade talks minister harbour union strike vote court ruling budget tariff".split()
    return [f"Title {i}\n\n“{' '.join(rng.choice(words) for _ in range(12))} number {i},” "
            "Ann Lee said.\n" for i in range(count)]


def time_corpus(texts: list[str], normalizer: Normalizer) -> tuple[float, float]:
    """Seconds to dedupe and to extract a corpus (normalizing is per file, not timed)."""
    articles = []
    for number, text in enumerate(texts):
        doc, _ = parse_document(text, f"f{number:06d}.txt", len(text))
        assert doc is not None
        result = normalize_document(doc, CONFIG, normalizer)
        assert result.article is not None
        articles.append(result.article)
    started = time.perf_counter()
    deduped = dedupe_articles(tuple(articles), 0.7, 5)
    deduping = time.perf_counter() - started
    started = time.perf_counter()
    extract_entities(unique_article_ids(deduped.articles), CONFIG)
    return deduping, time.perf_counter() - started


def run_corpora(counts: list[int], normalizer: Normalizer) -> None:
    for shape in ("distinct-quotes", "tiny-files"):
        for count in counts:
            deduping, extracting = time_corpus(corpus_texts(shape, count), normalizer)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{shape:24} {count:>9,} files  dedupe {deduping:6.2f} s  "
                  f"extract {extracting:6.2f} s  peak RSS so far {peak:,.0f} MB", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 250_000],
                        help="file sizes in bytes (default: 25000 250000)")
    parser.add_argument("--only", nargs="*", help="shapes to run (default: all)")
    parser.add_argument("--budget", type=float, default=1.0, help="seconds per file (1.0)")
    parser.add_argument("--corpus", type=int, nargs="*",
                        help="instead, time corpora of this many small files")
    args = parser.parse_args()
    normalizer = Normalizer.from_config(CONFIG)
    if args.corpus:
        run_corpora(args.corpus, normalizer)
        return 0
    over = 0
    for shape in args.only or SHAPES:
        timings = []
        for size in args.sizes:
            normalized, extracted = time_one(make_text(shape, size), normalizer)
            timings.append(normalized + extracted)
            flag = "  OVER BUDGET" if extracted > args.budget else ""
            over += bool(flag)
            print(f"{shape:24} {size:>9,} B  normalize {normalized:6.2f} s  "
                  f"extract {extracted:6.2f} s{flag}", flush=True)
        if len(timings) > 1 and timings[0] > 0.001:
            ratio = args.sizes[-1] / args.sizes[0]
            print(f"{'':24} growth {timings[-1] / timings[0]:.1f}x for {ratio:.0f}x the size")
    print(f"{over} shape(s) over the {args.budget:.1f} s extraction budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
