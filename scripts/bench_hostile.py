"""Time to score one hostile ~5 MB article with the whole shipped ruleset.

Every per-article check must be linear or n log n in the article's length, so a 5 MB article
takes seconds, not minutes (number-conflict alone took 627 s on a 4.9 MB one-line article of
numbers before it was made linear). Three shapes, each about ``--mb`` megabytes:

* ``numbers``: one line, full of money amounts, percentages and counts with head nouns;
* ``prose``: newswire-like sentences and paragraphs, names and dates;
* ``one-sentence``: one sentence without a full stop, every number in it.

Prints one line per shape: its size, wall and CPU time, and its number of findings. Figures, not
assertions. Usage: python scripts/bench_hostile.py [--mb 5] [--shape numbers] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import time

from engine.layers import SHIPPED_RULES
from engine.model import Article
from engine.pipeline import score_article
from engine.ruleset import RulesetConfig, load_ruleset

_NUMBERS = ("The ministry paid $2.1bn for 45 armoured vehicles and 12 percent more fuel, "
            "while 3,500 troops left 7 border posts with 1.5 million rounds; ")
_PROSE = ("WASHINGTON, March 3, 1987 - Treasury Secretary James Baker said on Tuesday that the "
          "dollar fell 2.5 pct against the yen, sources said. Analysts believe the Federal "
          "Reserve will act! The bank lent $36 million to Brazil in 1986.\n\n")
_ONE_SENTENCE = ("and then 41 tank crews and $9.5 billion arms package and 12% of the oil "
                 "exports and 300 border guards moved ")
SHAPES = {"numbers": _NUMBERS, "prose": _PROSE, "one-sentence": _ONE_SENTENCE}


def hostile_text(shape: str, megabytes: float) -> str:
    unit = SHAPES[shape]
    return unit * max(1, int(megabytes * 1_000_000 / len(unit.encode("utf-8"))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="article size in MB")
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append",
                        help="shape(s) to time (default: all)")
    parser.add_argument("--profile", action="store_true", help="print the top functions")
    args = parser.parse_args()
    ruleset = load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES,)))
    for shape in args.shape or sorted(SHAPES):
        text = hostile_text(shape, args.mb)
        article = Article(id=shape, path=f"<{shape}>", text=text)
        profiler = cProfile.Profile() if args.profile else None
        began, began_cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        card = score_article(article, ruleset, dt.date(2026, 11, 21))
        if profiler:
            profiler.disable()
        took, cpu = time.perf_counter() - began, time.process_time() - began_cpu
        # CPU time too: on a shared machine the wall clock also counts other people's work.
        print(f"{shape:13} {len(text.encode('utf-8')) / 1e6:5.2f} MB  {took:7.2f} s wall  "
              f"{cpu:7.2f} s cpu  {len(card.findings)} findings  score {card.score}")
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)


if __name__ == "__main__":
    main()
