"""Throughput and memory of a full scoring run on the Reuters-21578 bench corpus.

Prints articles/s and MB/s for the whole ruleset (single process and with a process pool),
and the peak resident memory. Figures, not assertions: speed targets are measured here, not in
timed tests.

Usage: python scripts/bench_throughput.py [--limit N] [--repeat K] [--jobs J]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from engine.model import Article
from engine.pipeline import score_article
from engine.ruleset import Ruleset, load_ruleset

BENCH = (Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bench"
         / "reuters21578.jsonl.gz")
_ruleset: Ruleset | None = None


def _init(ruleset: Ruleset) -> None:
    global _ruleset
    _ruleset = ruleset


def _score(article: Article) -> float:
    assert _ruleset is not None
    return score_article(article, _ruleset, dt.date(2026, 11, 21)).score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=1, help="repeat the corpus K times")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not BENCH.exists():
        print(f"no bench corpus at {BENCH}", file=sys.stderr)
        return 2
    articles = []
    with gzip.open(BENCH, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= args.limit:
                break
            rec = json.loads(line)
            if rec.get("text"):
                articles.append(Article(str(rec["id"]), "bench", rec["text"], rec.get("title"),
                                        {"date": rec.get("date")}))
    articles *= args.repeat
    size_mb = sum(len(a.text.encode()) for a in articles) / 1e6
    start = time.perf_counter()
    ruleset = load_ruleset()
    load_s = time.perf_counter() - start
    print(f"ruleset: {len(ruleset.rules)} rules, "
          f"{sum(len(v) for v in ruleset.knowledge.sections.values())} knowledge entries, "
          f"loaded in {load_s * 1000:.0f} ms")
    _init(ruleset)
    start = time.perf_counter()
    for article in articles:
        _score(article)
    one = time.perf_counter() - start
    print(f"1 process: {len(articles)} articles, {size_mb:.1f} MB in {one:.2f} s = "
          f"{len(articles) / one:.0f} articles/s, {size_mb / one:.2f} MB/s, "
          f"{one / len(articles) * 1e3:.2f} ms/article")
    if args.jobs > 1:
        start = time.perf_counter()
        with ProcessPoolExecutor(args.jobs, initializer=_init, initargs=(ruleset,)) as pool:
            list(pool.map(_score, articles, chunksize=64))
        many = time.perf_counter() - start
        print(f"{args.jobs} processes: {len(articles) / many:.0f} articles/s "
              f"({one / many:.2f}x)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the main process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
