"""Scan speed: the engine against the regex-scan limit, side by side on the same text.

Over the bench corpus (Reuters-21578, ../shared/corpora/bench) this measures, in one run:

- the engine scoring every article in one process (ruleset built beforehand, not timed);
- the floor: a plain loop of google-re2 ``finditer`` of every rule pattern over every article;
- ripgrep over the same text with the same patterns (skipped, with the reason, when ``rg`` is
  absent). Each pattern is wrapped in its own group so one pattern's flags do not leak into the
  others, and ``\\w \\d \\s \\b`` are made ASCII, as RE2 means them. ripgrep reads line by line,
  so a pattern spanning a line break is not found there: a floor, not the same findings.

Prints seconds per MB, articles/s, the engine/ripgrep and engine/floor ratios (medians of
``--repeat`` runs) and, with ``--profile N``, the top entries of a profile of N articles.
Figures, not assertions: speed targets are checked here, not in timed tests.

Usage: python scripts/bench_scan.py [--limit N] [--repeat K] [--profile N]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gzip
import io
import json
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import re2

from engine.model import Article
from engine.pipeline import score_article
from engine.ruleset import Ruleset, load_ruleset

BENCH = (Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bench"
         / "reuters21578.jsonl.gz")
AS_OF = dt.date(2026, 11, 21)
# Outside a character class these become their ASCII (RE2) meaning in Rust's regex syntax;
# inside one, the ASCII ranges they stand for.
_ASCII_CLASS = {"w": "0-9A-Za-z_", "d": "0-9", "s": "\\t\\n\\f\\r "}


def rule_patterns(ruleset: Ruleset) -> list[tuple[str, bool]]:
    """(pattern, ignore_case) of every ``pattern`` option of every rule (lists flattened)."""
    found: list[tuple[str, bool]] = []

    def walk(options: Mapping[str, Any], ignore_case: bool) -> None:
        ignore_case = bool(options.get("ignore_case", ignore_case))
        for key, value in options.items():
            if isinstance(value, Mapping):
                walk(value, ignore_case)
            elif key == "pattern":
                items = [value] if isinstance(value, str) else list(value)
                found.extend((p, ignore_case) for p in items if isinstance(p, str))
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, Mapping):
                        walk(item, ignore_case)

    for rule in ruleset.rules:
        walk(rule.spec.options, False)
    return found


def to_rust(pattern: str, ignore_case: bool) -> str:
    """``pattern`` in ripgrep's syntax with RE2's ASCII classes, flags kept to itself and
    its groups unnamed (one name may appear in several patterns)."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if not in_class and pattern.startswith("(?P<", i):  # names repeat across patterns
            i = pattern.index(">", i) + 1
            out.append("(")
            continue
        if ch == "\\" and i + 1 < len(pattern):
            esc = pattern[i + 1]
            if in_class and esc in _ASCII_CLASS:
                out.append(_ASCII_CLASS[esc])
            elif not in_class and esc.lower() in "wdsb":
                out.append(f"(?-u:\\{esc})")
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(ch)
            if pattern[i + 1:i + 2] == "^":  # a leading ] is literal after [ or [^
                out.append("^")
                i += 1
            if pattern[i + 1:i + 2] == "]":
                out.append("]")
                i += 1
        elif ch == "]" and in_class:
            in_class = False
            out.append(ch)
        else:
            out.append(ch)
        i += 1
    body = "".join(out)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def load_articles(corpus: Path, limit: int | None) -> list[Article]:
    articles: list[Article] = []
    opener: Any = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(articles) >= limit:
                break
            rec = json.loads(line)
            if rec.get("text"):
                articles.append(Article(str(rec["id"]), "bench", rec["text"], rec.get("title"),
                                        {"date": rec.get("date")}))
    return articles


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_seconds(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median (CPU seconds, wall seconds) of ``repeat`` runs. CPU time (this process and its
    children) is the figure to compare on a shared machine: other jobs stretch the wall
    clock, not it."""
    cpu, wall = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time() + _children_cpu()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() + _children_cpu() - start_cpu)
    return statistics.median(cpu), statistics.median(wall)


def engine_run(articles: list[Article], ruleset: Ruleset) -> Callable[[], object]:
    return lambda: [score_article(a, ruleset, AS_OF) for a in articles]


def floor_run(articles: list[Article], patterns: list[tuple[str, bool]]) -> Callable[[], int]:
    options = re2.Options()
    compiled = [re2.compile(f"(?i){p}" if ic else p, options) for p, ic in patterns]

    def run() -> int:
        return sum(1 for a in articles for regex in compiled for _ in regex.finditer(a.text))
    return run


def ripgrep_run(corpus: Path, pattern_files: list[Path],
                multiline: bool = True) -> Callable[[], object] | str:
    """A runner, or why ripgrep cannot run.

    ``--multiline`` so that patterns see the text as the engine does (a ``\\n`` in a pattern,
    a ``\\s`` across a line break). ripgrep is given the patterns with a literal line break
    and the others in two runs: all in one multiline regex is several times slower than the
    two halves, and the faster ripgrep is the fairer limit.
    """
    rg = shutil.which("rg")
    if rg is None:
        return "ripgrep (rg) not on PATH; install it with `apt-get install ripgrep`"
    mode = ["--multiline"] if multiline else []
    commands = [[rg, "--no-config", *mode, "--count-matches", "--no-filename",
                 "-f", str(patterns), str(corpus)] for patterns in pattern_files]
    for command in commands:
        probe = subprocess.run(command, capture_output=True, text=True, check=False)
        if probe.returncode not in (0, 1):
            return f"ripgrep refused the patterns: {probe.stderr.strip()[:300]}"

    def run() -> None:
        for command in commands:
            subprocess.run(command, capture_output=True, check=False)
    return run


def profile_top(articles: list[Article], ruleset: Ruleset, top: int) -> Iterator[str]:
    profiler = cProfile.Profile()
    profiler.runcall(engine_run(articles, ruleset))
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.sort_stats("tottime").print_stats(top)
    total = stats.total_tt  # type: ignore[attr-defined]
    yield f"profile of {len(articles)} articles ({total:.2f} s under the profiler), by own time:"
    for line in buffer.getvalue().splitlines():
        if line.strip()[:1].isdigit():
            yield "  " + line.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BENCH, help="a JSONL(.gz) corpus")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also profile the first N articles")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: no bench corpus at {args.corpus}", file=sys.stderr)
        return 2
    articles = load_articles(args.corpus, args.limit)
    size_mb = sum(len(a.text.encode()) for a in articles) / 1e6
    print(f"load average at start: {_load()}  (CPU seconds are the figures to compare when "
          "the machine is shared; wall time stretches with the load)")
    start = time.perf_counter()
    ruleset = load_ruleset()
    print(f"ruleset built in {time.perf_counter() - start:.2f} s; "
          f"{len(articles)} articles, {size_mb:.1f} MB")
    patterns = rule_patterns(ruleset)

    def line(name: str, seconds: tuple[float, float]) -> str:
        cpu, wall = seconds
        return (f"{name:<30} {cpu:7.2f} s CPU  {cpu / size_mb:6.3f} s/MB  "
                f"{len(articles) / cpu:7.0f} articles/s  (wall {wall:.2f} s)")

    engine_s = median_seconds(engine_run(articles, ruleset), args.repeat)
    print(line("engine, 1 process", engine_s))
    floor_s = median_seconds(floor_run(articles, patterns), args.repeat)
    print(line(f"google-re2 loop, {len(patterns)} patterns", floor_s))
    print(f"engine / google-re2 loop: {engine_s[0] / floor_s[0]:.2f}x CPU")
    with tempfile.TemporaryDirectory(prefix="bench-scan-") as tmp:
        corpus = Path(tmp) / "corpus.txt"
        corpus.write_text("\n".join(a.text for a in articles), encoding="utf-8")
        rust = [to_rust(p, ic) for p, ic in patterns]
        files = []
        for name, part in (("newline", [p for p in rust if "\\n" in p]),
                           ("other", [p for p in rust if "\\n" not in p])):
            if part:
                files.append(Path(tmp) / f"{name}.txt")
                files[-1].write_text("\n".join(part) + "\n", encoding="utf-8")
        rg = ripgrep_run(corpus, files)
        if isinstance(rg, str):
            print(f"ripgrep skipped: {rg}")
        else:
            rg_s = median_seconds(rg, args.repeat)
            print(line(f"ripgrep -U, {len(patterns)} patterns", rg_s))
            print(f"engine / ripgrep: {engine_s[0] / rg_s[0]:.2f}x CPU, "
                  f"{engine_s[1] / rg_s[1]:.2f}x wall")
            # For reference, ripgrep's fastest mode: line by line (no match spans a line
            # break), so only the patterns without a literal line break.
            line_mode = ripgrep_run(corpus, files[-1:], multiline=False)
            if not isinstance(line_mode, str):
                line_s = median_seconds(line_mode, args.repeat)
                print(line("ripgrep line mode, other only", line_s))
                print(f"engine / ripgrep line mode: {engine_s[0] / line_s[0]:.2f}x CPU")
    print(f"load average at end: {_load()}")
    if args.profile:
        for text in profile_top(articles[:args.profile], ruleset, 25):
            print(text)
    return 0


def _load() -> str:
    """The 1, 5 and 15 minute load averages and the core count, for the record."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


if __name__ == "__main__":
    sys.exit(main())
