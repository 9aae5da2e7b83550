"""Cost of the knowledge lookup: mention scanning per article, and building its index.

Loads the shipped knowledge (as a run does: every file of the shipped rules' knowledge folder)
plus the US executive and Congress tenure table (imported into a temporary directory), and
optionally ``--synthetic-people N`` made-up officeholders (fixed seed) to show how the lookup
scales to tens of thousands of names. Builds the mention index (``engine.mentions``: the
Aho-Corasick name automaton, title and event matchers) once, timing it, then scans the first N
articles of ``../shared/corpora/bench/reuters21578.jsonl.gz`` and prints the median, mean and
percentiles of the time per article, in microseconds. Also times date inference, which scans
mentions again without a reference date. Targets (issue 8): index build < 2 s, median scan
<= 1 ms per article. Usage::

    .venv/bin/python scripts/bench_knowledge.py [--articles 5000] [--repeat 3]
                                                [--synthetic-people 50000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from engine.knowledge import KnowledgeBase
from engine.knowledge.entries import FuzzyDate, Tenure
from engine.knowledge.importer import import_tenures
from engine.knowledge.loader import load_knowledge
from engine.mentions import build_mention_index, mention_index, scan_mentions
from engine.ruleset import load_ruleset
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


def synthetic_people(count: int) -> list[Tenure]:
    """``count`` made-up heads of government with distinct two- or three-word names."""
    rng = random.Random(8)
    syllables = ["ka", "lo", "mi", "ra", "to", "ve", "su", "ni", "da", "ber", "ion", "ach",
                 "el", "or", "us", "an", "ti", "go", "ze", "pha"]
    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()
    out: list[Tenure] = []
    for i in range(count):
        name = " ".join(word() for _ in range(rng.choice((2, 2, 3))))
        year = 1950 + i % 75
        out.append(Tenure(name, (), "prime-minister", "Prime Minister", f"Land {i % 200}",
                          FuzzyDate.parse(str(year)), FuzzyDate.parse(str(year + 4)), None,
                          ("https://example.org/synthetic",), "true", "", "synthetic:1"))
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the knowledge mention lookup.")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3, help="passes; the best is reported")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--synthetic-people", type=int, default=0,
                        help="add this many made-up officeholders (scaling check)")
    args = parser.parse_args(argv)
    if not (args.shared / BENCH_NAME).is_file() or not (args.shared / CSV_NAME).is_file():
        print(f"shared data not found under {args.shared}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        imported = import_tenures(args.shared / CSV_NAME, "US")
        (Path(tmp) / "us_officeholders.yaml").write_text(imported.officeholders_yaml, "utf-8")
        (Path(tmp) / "us_roles.yaml").write_text(imported.roles_yaml, "utf-8")
        shipped = load_ruleset().knowledge
        extra, problems = load_knowledge(sorted(Path(tmp).glob("*.yaml")))
    if problems:
        print(f"{len(problems)} knowledge problems, e.g. {problems[0]}", file=sys.stderr)
    sections = {name: tuple(entries) for name, entries in shipped.sections.items()}
    for name, entries in extra.sections.items():
        sections[name] = (*sections.get(name, ()), *entries)
    if args.synthetic_people:
        sections["officeholders"] = (*sections.get("officeholders", ()),
                                     *synthetic_people(args.synthetic_people))
    kb = KnowledgeBase(sections, shipped.indexes)
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
    print(f"mention scan: median {statistics.median(best):.0f} µs/article, mean "
          f"{statistics.fmean(best):.0f}, p95 {percentile(best, 0.95):.0f}, max "
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
