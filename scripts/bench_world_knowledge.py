"""Size and load time of the shipped world knowledge, and its coverage breadth.

Loads every shipped knowledge file (YAML and the CSV tenure tables) the way a run does,
three times, and prints the median load time, the tenures per source, and how many countries
have heads of state or government covered (complete) over the Factbook window. With
``--peppercat DIR`` (a folder written by ``kb import --format peppercat-*``), also counts the
countries whose defence and foreign ministers are covered from 2000-01-01 to 2025-01-31.

Speed of the mention reader over that knowledge (the "full world knowledge": shipped, plus
Peppercat when given): the cold build of the mention index (``build_mention_index`` on a
freshly loaded knowledge base, three times; the first run is the coldest, with empty name-key
caches), and the mention lookup (``scan_mentions``) per article over the first ``--bench N``
articles of ``../shared/corpora/bench/reuters21578.jsonl.gz``, as median and 90th percentile
in microseconds. Usage::

    .venv/bin/python scripts/bench_world_knowledge.py [--peppercat my-rules/knowledge]
                                                       [--bench 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from engine.knowledge import KnowledgeBase
from engine.knowledge.loader import load_knowledge
from engine.knowledge.stats import by_source, countries_covered
from engine.mentions import build_mention_index, mention_index, scan_mentions
from engine.paths import shipped_rules_dir

SHARED = Path(__file__).resolve().parents[2] / "shared"
BENCH = "corpora/bench/reuters21578.jsonl.gz"

HEADS = ["president", "prime-minister", "chancellor", "monarch", "head-of-state",
         "head-of-government", "supreme-leader"]
DEFENCE = ["defence-minister", "secretary-of-defense"]
FOREIGN = ["foreign-minister", "secretary-of-state"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peppercat", type=Path, default=None)
    parser.add_argument("--bench", type=int, default=2000,
                        help="articles of the bench corpus to time the lookup on (0: none)")
    args = parser.parse_args()
    folder = shipped_rules_dir() / "knowledge"
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.csv")])
    times, cpu = [], []
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        kb, problems = load_knowledge(files)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(f"{len(files)} files, {len(kb.entries('officeholders'))} tenures, "
          f"{len(problems)} problem(s); load + index median {statistics.median(times):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)}), CPU median "
          f"{statistics.median(cpu):.2f} s")
    for source, count in sorted(by_source(kb).items()):
        print(f"  {source}: {count} tenures")
    heads = countries_covered(kb, HEADS, dt.date(2020, 11, 26), dt.date(2026, 1, 22),
                              need="any")
    print(f"countries with heads covered 2020-11-26..2026-01-22: {len(heads)}")
    heads_2000 = countries_covered(kb, HEADS, dt.date(2000, 1, 1), dt.date(2026, 1, 22),
                                   need="any")
    print(f"countries with heads covered 2000-01-01..2026-01-22: {len(heads_2000)}")
    if args.peppercat:
        extra = sorted([*args.peppercat.glob("*.yaml"), *args.peppercat.glob("*.csv")])
        files = [*files, *extra]
        kb, _ = load_knowledge(files)
        # The US posts have their own roles (secretary-of-defense, secretary-of-state).
        window = dt.date(2000, 1, 1), dt.date(2025, 1, 31)
        both = (countries_covered(kb, DEFENCE, *window, need="any")
                & countries_covered(kb, FOREIGN, *window, need="any"))
        known = {t.country for t in kb.entries("officeholders")
                 if t.role_id in (*DEFENCE, *FOREIGN)}
        print(f"with Peppercat: defence+foreign covered 2000-01-01..2025-01-31: {len(both)}; "
              f"countries with some defence or foreign minister known: {len(known)}")


    speed(files, args.bench)


def speed(files: list[Path], limit: int) -> None:
    """Cold index build and per-article mention lookup over the knowledge in ``files``."""
    builds, cpu = [], []
    index_kb: KnowledgeBase | None = None
    for _ in range(3):
        index_kb, _problems = load_knowledge(files)
        start, start_cpu = time.perf_counter(), time.process_time()
        build_mention_index(index_kb)
        builds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    assert index_kb is not None
    # Wall time depends on the machine's other load; CPU time is this process's own work.
    print(f"mention index cold build: first {builds[0]:.2f} s wall / {cpu[0]:.2f} s CPU, "
          f"median {statistics.median(builds):.2f} s wall / {statistics.median(cpu):.2f} s "
          f"CPU (runs: {', '.join(f'{t:.2f}' for t in builds)})")
    corpus = SHARED / BENCH
    if not corpus.is_file() or limit <= 0:
        print(f"no lookup timing: {corpus} is absent")
        return
    mention_index(index_kb)  # built once, as a run does at load
    times, found = [], 0
    for row in read_rows(corpus, limit):
        text, day = str(row.get("text") or ""), _day(row.get("date"))
        start = time.perf_counter()
        found += len(scan_mentions(text, index_kb, day))
        times.append((time.perf_counter() - start) * 1e6)
    times.sort()
    print(f"mention lookup over {len(times)} bench articles: median "
          f"{statistics.median(times):.0f} us, p90 {times[int(len(times) * 0.9)]:.0f} us, "
          f"{found} mentions")


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def read_rows(path: Path, limit: int) -> Iterator[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= limit:
                return
            if line.strip():
                yield json.loads(line)


if __name__ == "__main__":
    main()
