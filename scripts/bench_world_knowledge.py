"""Size and load time of the shipped world knowledge, and its coverage breadth.

Loads every shipped knowledge file (YAML and the CSV tenure tables) the way a run does,
three times, and prints the median load time, the tenures per source, and how many countries
have heads of state or government covered (complete) over the Factbook window. With
``--peppercat DIR`` (a folder written by ``kb import --format peppercat-*``), also counts the
countries whose defence and foreign ministers are covered from 2000-01-01 to 2025-01-31.
Usage::

    .venv/bin/python scripts/bench_world_knowledge.py [--peppercat my-rules/knowledge]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from pathlib import Path

from engine.knowledge.loader import load_knowledge
from engine.knowledge.stats import by_source, countries_covered
from engine.paths import shipped_rules_dir

HEADS = ["president", "prime-minister", "chancellor", "monarch", "head-of-state",
         "head-of-government", "supreme-leader"]
DEFENCE = ["defence-minister", "secretary-of-defense"]
FOREIGN = ["foreign-minister", "secretary-of-state"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peppercat", type=Path, default=None)
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
        kb, _ = load_knowledge([*files, *extra])
        # The US posts have their own roles (secretary-of-defense, secretary-of-state).
        window = dt.date(2000, 1, 1), dt.date(2025, 1, 31)
        both = (countries_covered(kb, DEFENCE, *window, need="any")
                & countries_covered(kb, FOREIGN, *window, need="any"))
        known = {t.country for t in kb.entries("officeholders")
                 if t.role_id in (*DEFENCE, *FOREIGN)}
        print(f"with Peppercat: defence+foreign covered 2000-01-01..2025-01-31: {len(both)}; "
              f"countries with some defence or foreign minister known: {len(known)}")


if __name__ == "__main__":
    main()
