#!/usr/bin/env python3
"""Benchmark: build a synthetic corpus of N articles and report time, memory and size.

    python bench/build_bench.py --articles 2000
    python bench/build_bench.py --stages 5000 20000

Articles are made from the sample content's sentences, reshuffled with random
numbers so they are distinct, plus 10% exact and 10% near copies. It prints one
JSON line per size so runs can be compared; goals live here, not in the tests.

`--stages` times the dedupe and story stages alone on a corpus with the shapes
they work on: articles about synthetic events (each with its own names and
figures, dated over a year, one in ten undated), with exact copies, edited
copies and excerpts. Each stage is timed on its own, then run again under
tracemalloc for its peak memory (numpy's arrays included). Goal: time and
memory per article about the same at 5,000 and 20,000 articles (linear growth).
Articles are dated over one year; `--per-day K` dates them over N/K days
instead, so that the number of articles within a story's time window stays the
same as the corpus grows (story clustering compares only within the window, so
its cost per article follows how crowded the window is).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import string
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.config import load_config  # noqa: E402
from briefing.dedupe import dedupe_articles  # noqa: E402
from briefing.diagnostics import BufferReporter  # noqa: E402
from briefing.extract.stories import cluster_stories  # noqa: E402
from briefing.load import load_sources  # noqa: E402
from briefing.normalize import Normalizer, normalize_document  # noqa: E402
from briefing.pipeline import run_build  # noqa: E402
from briefing.slugs import unique_article_ids  # noqa: E402


def sample_sentences() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").iterdir()))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 40 < len(s.strip()) < 400]


def make_corpus(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    sentences = sample_sentences()
    made: list[str] = []
    for number in range(count):
        roll = rng.random()
        if made and roll < 0.1:
            text = rng.choice(made)                                  # exact copy
        elif made and roll < 0.2:
            lines = rng.choice(made).split("\n")
            lines[rng.randrange(1, len(lines))] = rng.choice(sentences)  # near copy
            text = "\n".join(lines)
        else:
            body = rng.sample(sentences, k=min(len(sentences), rng.randint(12, 30)))
            body = [f"{s} ({rng.randint(1, 10**6)})" for s in body]
            text = f"Synthetic report {number}: {rng.choice(sentences)[:60]}\n" + "\n".join(body)
        made.append(text)
        (folder / f"{number:05d}.txt").write_text(text + "\n", encoding="utf-8")


def run(count: int, keep: bool) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    shutil.copytree(ROOT / "templates", work / "templates")
    shutil.copy(ROOT / "site_config.yml", work / "site_config.yml")
    (work / "content").mkdir()
    make_corpus(work / "content", count)
    config = load_config(work / "site_config.yml").config
    assert config is not None
    started = time.perf_counter()
    result = run_build(config, BufferReporter())
    seconds = time.perf_counter() - started
    site = work / "site"
    html = list(site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    row = {
        "articles_in": count,
        "pages_html": len(html),
        "counts": result.counts,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "site_mb": round(size / 2**20, 2),
        "kb_per_html_page": round(size / 1024 / max(1, len(html)), 1),
        "errors": sum(d.severity.value == "error" for d in result.diagnostics),
    }
    if keep:
        row["folder"] = str(work)
    else:
        shutil.rmtree(work)
    return row


def make_event_corpus(folder: Path, count: int, span: int = 365, seed: int = 11) -> None:
    """Articles about synthetic events, with copies of the shapes dedupe meets.

    Sentences mix the sample content's words (at their own frequencies) with a
    Zipf-distributed pool of 30,000 made-up words and the words of the article's
    event (its own 40 terms, names and figures), so unrelated articles share
    about as few word sequences and terms as real ones do.
    """
    rng = random.Random(seed)
    common = re.findall(r"[A-Za-z']+", " ".join(sample_sentences()))
    pool = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 10)))
            for _ in range(30_000)]
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(pool))]
    start = date(2025, 1, 1)
    events = []
    for _ in range(max(1, count // 8)):
        names = ["".join(rng.choices(string.ascii_lowercase, k=7)).capitalize()
                 for _ in range(4)]
        events.append((start + timedelta(days=rng.randrange(span)), names,
                       rng.randint(10, 10**5), rng.sample(pool[5000:], 40)))
    topic: list[str] = []

    def sentence() -> str:
        length = rng.randint(12, 28)
        words = rng.choices(common, k=length // 2) + rng.choices(pool, weights, k=length // 4)
        words += rng.choices(topic, k=length - len(words))
        rng.shuffle(words)
        return " ".join(words).capitalize() + "."

    made: list[str] = []
    for number in range(count):
        roll = rng.random()
        if made and roll < 0.08:
            body = rng.choice(made)                                       # exact copy
        elif made and roll < 0.14:
            body = rng.choice(made).replace(" the ", " a ", 3)            # edited copy
        elif made and roll < 0.2:
            body = rng.choice(made)[:2000]                                # excerpt
        else:
            day, names, figure, terms = rng.choice(events)
            topic[:] = terms
            paragraphs = [" ".join(sentence() for _ in range(rng.randint(1, 3)))
                          for _ in range(rng.randint(6, 16))]
            paragraphs[1:1] = [f"{names[0]} {names[1]} said {figure} people were affected "
                               f"in {names[2]} on {day:%B %d, %Y}.",
                               f"Officials in {names[3]} confirmed that {names[0]} would "
                               f"meet {names[2]} delegates again within days."]
            body = "\n\n".join(paragraphs)
            day += timedelta(days=rng.randrange(3))
            if rng.random() < 0.9:
                body = f"---\ntitle: Report {number}\ndate: {day.isoformat()}\n---\n" + body
        made.append(body)
        name = f"{number:05d}.md" if body.startswith("---") else f"{number:05d}.txt"
        text = body if body.startswith("---") else f"Report {number}\n\n{body}"
        (folder / name).write_text(text + "\n", encoding="utf-8")


def measure(step: Callable[[], Any]) -> tuple[float, float]:
    """Seconds for one run of `step`, and its peak traced memory in MB from a second run."""
    started = time.perf_counter()
    step()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 2**20


def run_stages(count: int, per_day: float | None) -> dict[str, object]:
    """Time and peak memory of dedupe and story clustering on `count` articles, dated
    over a year or, with `per_day`, over as many days as keep that many a day."""
    span = max(1, round(count / per_day)) if per_day else 365
    work = Path(tempfile.mkdtemp(prefix="briefing-stages-"))
    try:
        (work / "content").mkdir()
        make_event_corpus(work / "content", count, span)
        (work / "site_config.yml").write_text("title: bench\n", encoding="utf-8")
        config = load_config(work / "site_config.yml").config
        assert config is not None
        loaded = load_sources(work / "content", config.thresholds.max_file_bytes)
        normalizer = Normalizer.from_config(config, loaded.docs)
        articles = tuple(a for a in (normalize_document(d, config, normalizer).article
                                     for d in loaded.docs) if a is not None)
        thresholds = config.thresholds
        result: list[Any] = []

        def dedupe() -> None:
            result[:] = [dedupe_articles(articles, thresholds.near_duplicate,
                                         thresholds.containment, thresholds.shingle_size)]

        dedupe_seconds, dedupe_mb = measure(dedupe)
        canonical = unique_article_ids(result[0].articles)
        dates = {a.id: a.date.date() if a.date else None for a in canonical}
        stories: list[Any] = []

        def cluster() -> None:
            stories[:] = [cluster_stories(canonical, dates, (), thresholds.story_similarity,
                                          thresholds.story_days)]

        story_seconds, story_mb = measure(cluster)
        return {
            "articles_in": count, "days": span, "canonical": len(canonical),
            "copies": len(result[0].copies), "stories": len(stories[0]),
            "dedupe_seconds": round(dedupe_seconds, 2), "dedupe_peak_mb": round(dedupe_mb, 1),
            "stories_seconds": round(story_seconds, 2), "stories_peak_mb": round(story_mb, 1),
            "dedupe_ms_per_article": round(1000 * dedupe_seconds / count, 2),
            "stories_ms_per_article": round(1000 * story_seconds / count, 2),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--articles", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--stages", type=int, nargs="+", metavar="N",
                        help="time dedupe and stories alone on N articles (instead of a build)")
    parser.add_argument("--per-day", type=float, metavar="K",
                        help="with --stages: date the articles over N/K days (K a day) "
                             "instead of one year")
    parser.add_argument("--keep", action="store_true", help="keep the generated project")
    args = parser.parse_args()
    if args.stages:
        for count in args.stages:
            print(json.dumps(run_stages(count, args.per_day)), flush=True)
        return
    for count in args.articles:
        print(json.dumps(run(count, args.keep)), flush=True)


if __name__ == "__main__":
    main()
