#!/usr/bin/env python3
"""Benchmark: build a synthetic corpus of N articles and report time, memory and size.

    python bench/build_bench.py --articles 2000

Articles are made from the sample content's sentences, reshuffled with random
numbers so they are distinct, plus 10% exact and 10% near copies. It prints one
JSON line per size so runs can be compared; goals live here, not in the tests.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.config import load_config  # noqa: E402
from briefing.diagnostics import BufferReporter  # noqa: E402
from briefing.pipeline import run_build  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--articles", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--keep", action="store_true", help="keep the generated project")
    args = parser.parse_args()
    for count in args.articles:
        print(json.dumps(run(count, args.keep)), flush=True)


if __name__ == "__main__":
    main()
