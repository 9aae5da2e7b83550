"""Cost of the knowledge lookup: mention scanning per article, and building its index.

Loads the shipped knowledge plus the US executive and Congress tenure table (imported into a
temporary directory), builds the mention index (``engine.mentions``) once, then scans
the first N articles of ``../shared/corpora/bench/reuters21578.jsonl.gz`` and prints the mean
and percentiles of the time per article, in microseconds. Also times date inference, which
scans mentions again without a reference date. Usage::

    .venv/bin/python scripts/bench_knowledge.py [--articles 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from engine.knowledge.importer import import_tenures
from engine.knowledge.loader import load_knowledge
from engine.layers import SHIPPED_RULES
from engine.mentions import build_mention_index, mention_index, scan_mentions
from engine.temporal.inference import infer

SHARED = Path(__file__).resolve().parents[2] / "shared"
CSV_NAME = "knowledge/us_executive_and_current_congress.csv"
BENCH_NAME = "corpora/bench/reuters21578.jsonl.gz"
AS_OF = dt.date(2026, 11, 21)


def read_texts(path: Path, limit: int) -> list[tuple[str, dt.date | None]]:
    out: list[tuple[str, dt.date | None]] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if len(out) >= limit:
                break
            row = json.loads(line)
            date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
            out.append((str(row["text"]), date))
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the knowledge mention lookup.")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3, help="passes; the best is reported")
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args(argv)
    if not (args.shared / BENCH_NAME).is_file() or not (args.shared / CSV_NAME).is_file():
        print(f"shared data not found under {args.shared}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        imported = import_tenures(args.shared / CSV_NAME, "US")
        (Path(tmp) / "us_officeholders.yaml").write_text(imported.officeholders_yaml, "utf-8")
        (Path(tmp) / "us_roles.yaml").write_text(imported.roles_yaml, "utf-8")
        paths = [*sorted((SHIPPED_RULES / "knowledge").glob("*.yaml")),
                 *sorted(Path(tmp).glob("*.yaml"))]
        kb, problems = load_knowledge(paths)
    if problems:
        print(f"{len(problems)} knowledge problems, e.g. {problems[0]}", file=sys.stderr)
    started = time.perf_counter()
    index = build_mention_index(kb)
    build_ms = (time.perf_counter() - started) * 1000
    mention_index(kb)  # warm the cache the scans use
    texts = read_texts(args.shared / BENCH_NAME, args.articles)
    chars = sum(len(t) for t, _ in texts)
    aliases = len(index.targets)
    print(f"knowledge: {len(kb.entries('officeholders'))} tenures, "
          f"{len(kb.entries('institutions'))} institutions, {len(kb.entries('deaths'))} "
          f"deaths, {aliases} distinct name keys, {len(index.title_roles)} title keys")
    print(f"index build: {build_ms:.0f} ms (once per run)")
    print(f"articles: {len(texts)}, mean {chars / max(1, len(texts)):.0f} characters")

    best: list[float] = []
    mentions = 0
    for _ in range(max(1, args.repeat)):
        times: list[float] = []
        mentions = 0
        for text, date in texts:
            t0 = time.perf_counter()
            found = scan_mentions(text, kb, date or AS_OF)
            times.append((time.perf_counter() - t0) * 1e6)
            mentions += len(found)
        if not best or statistics.fmean(times) < statistics.fmean(best):
            best = times
    print(f"mention scan: mean {statistics.fmean(best):.0f} µs/article, median "
          f"{percentile(best, 0.5):.0f}, p95 {percentile(best, 0.95):.0f}, max "
          f"{max(best):.0f} ({mentions} mentions)")

    times = []
    for text, _ in texts:
        t0 = time.perf_counter()
        infer(text, kb, AS_OF)
        times.append((time.perf_counter() - t0) * 1e6)
    print(f"date inference (undated articles only pay this): mean "
          f"{statistics.fmean(times):.0f} µs/article, p95 {percentile(times, 0.95):.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
