"""Scale figures in one run: seconds per MB and how flat they stay across sizes, articles/s,
peak RSS, the engine against ripgrep over the same text, and the cache speed-up.

Builds JSONL inputs of 1, 10 and 100 MB (``--sizes``; ``--gb`` adds 1 GB) from the Reuters
bench corpus (../shared/corpora/bench), repeating its records with fresh ids, then for each size:

- runs ``python -m engine score INPUT --format json -o OUT`` as a subprocess at each ``--jobs``
  value, start-up included (that is what a user waits for), as a new input meets unchanged
  rules: no scorecard cached, the compiled ruleset cached (warmed once before the table;
  ``--cold`` runs with ``--no-cache`` instead, which also builds the rules from their files);
- runs ripgrep over the same text with the same patterns (the helpers of
  ``scripts/bench_scan.py``: each pattern wrapped so its flags stay its own, ASCII classes as
  RE2 means them), skipped with the reason when ``rg`` is absent;
- unless ``--no-cache-run``: a first run with an empty cache, then an unchanged re-run.

Before the sizes, the start-up: ``score seeds`` with the rules built from their files and
read back from the compiled-ruleset cache, and the rules' load alone.

Then a summary: each size's s/MB as a ratio to the largest size's (the "flat within +-15 %"
line), and the engine/ripgrep ratio by CPU. Peak RSS is the engine process's own (``wait4``),
the largest of the parent and its workers. Figures, not assertions. Inputs and reports go to a
temporary folder (``--keep`` keeps it).

Usage: python -m scripts.bench_scale [--sizes 1 10 100] [--gb] [--jobs 1 2] [--no-cache-run]
       [--no-ripgrep] [--cold] [--no-bytecode]

The engine runs with its Python bytecode cached in the temporary folder, as an installed
package has it (``--no-bytecode``: as the environment says).
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_scan, however this is run
from bench_scan import median_seconds, ripgrep_run, rule_patterns, to_rust

from engine.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "corpora" / "bench" / "reuters21578.jsonl.gz"
AS_OF = "2026-11-21"


def build_input(path: Path, megabytes: float, corpus: Path = BENCH,
                text_path: Path | None = None) -> tuple[int, int]:
    """Write about ``megabytes`` MB of article text as JSONL (and, with ``text_path``, the
    same texts one after another for ripgrep); return (articles, text bytes)."""
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    records = [r for r in records if r.get("text")]
    target = int(megabytes * 1e6)
    count = size = 0
    texts = text_path.open("w", encoding="utf-8") if text_path is not None else None
    with path.open("w", encoding="utf-8") as out:
        while size < target:
            for record in records:
                if size >= target:
                    break
                copy = dict(record, id=f"{record['id']}-{count}")
                out.write(json.dumps(copy, ensure_ascii=False) + "\n")
                if texts is not None:
                    texts.write(record["text"] + "\n")
                size += len(record["text"].encode())
                count += 1
    if texts is not None:
        texts.close()
    return count, size


def run_engine(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MiB) of one ``python -m engine`` run (CPU: user
    and system, workers included); exits on failure."""
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child becomes the engine
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "engine", *args], env)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"engine failed ({os.waitstatus_to_exitcode(status)}): {' '.join(args)}")
    # ru_maxrss is in KiB on Linux; CPU time counts the workers the engine waited for.
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def empty_card_store(cache: Path) -> None:
    """Remove the cached scorecards, keep the compiled rulesets (engine.compiled)."""
    for path in cache.glob("scorecards-*"):
        path.unlink()


def start_up(cache: Path, out: Path, env: dict[str, str], repeat: int = 3) -> list[str]:
    """Median CPU seconds of ``score seeds`` (5 short articles: mostly start-up) with the rules
    built from their files (``--no-cache``) and read back from the compiled-ruleset cache (no
    card cached), and of loading the rules alone, warm."""
    seeds = ["score", str(ROOT / "seeds"), "-q", "-o", str(out)]
    cold = [run_engine([*seeds, "--no-cache"], env)[1] for _ in range(repeat)]
    run_engine(seeds, env)  # builds and stores the compiled ruleset
    warm = []
    for _ in range(repeat):
        empty_card_store(cache)
        warm.append(run_engine(seeds, env)[1])
    load = [run_python(["-c", "import engine.cli; from engine.compiled import load_cached; "
                              "from engine.ruleset import RulesetConfig; "
                              "load_cached(RulesetConfig())"], env)
            for _ in range(repeat)]
    return [f"start-up (median of {repeat}, CPU s): score seeds --no-cache "
            f"{statistics.median(cold):.2f}; score seeds, rules cached, no card cached "
            f"{statistics.median(warm):.2f}; imports + rules from the cache "
            f"{statistics.median(load):.2f}"]


def run_python(args: list[str], env: dict[str, str]) -> float:
    """CPU seconds of ``python ARGS`` run in the checkout."""
    started = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, *args], env=env, cwd=ROOT, check=True)
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (ended.ru_utime + ended.ru_stime) - (started.ru_utime + started.ru_stime)


def ripgrep_patterns(folder: Path) -> list[Path]:
    """The rule patterns in ripgrep's syntax, in two files: with and without a literal line
    break, as bench_scan runs them."""
    rust = [to_rust(p, ic) for p, ic in rule_patterns(load_ruleset())]
    files = []
    for name, part in (("newline", [p for p in rust if "\\n" in p]),
                       ("other", [p for p in rust if "\\n" not in p])):
        if part:
            files.append(folder / f"{name}.txt")
            files[-1].write_text("\n".join(part) + "\n", encoding="utf-8")
    return files


@dataclasses.dataclass
class Row:
    megabytes: float
    articles: int
    jobs: int
    wall: float
    cpu: float
    rss: float

    def line(self, note: str = "") -> str:
        mb = self.megabytes
        return (f"{mb:7.1f} {self.articles:9d} {self.jobs:4d} {self.wall:8.2f} "
                f"{self.wall / mb:6.3f} {self.articles / self.wall:7.0f} {self.cpu:8.2f} "
                f"{self.cpu / mb:8.3f} {self.rss:8.0f}{note}")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def summary(rows: list[Row], ripgrep: dict[float, float]) -> list[str]:
    """s/MB of each size against the largest size's, per --jobs; engine/ripgrep by CPU."""
    out = ["summary: s/MB relative to the largest size (flat within +-15 %: 0.85-1.15)"]
    for jobs in sorted({r.jobs for r in rows}):
        mine = sorted((r for r in rows if r.jobs == jobs), key=lambda r: r.megabytes)
        top = mine[-1]
        for row in mine:
            wall = (row.wall / row.megabytes) / (top.wall / top.megabytes)
            cpu = (row.cpu / row.megabytes) / (top.cpu / top.megabytes)
            out.append(f"  jobs {jobs} {row.megabytes:7.1f} MB: wall s/MB "
                       f"{row.wall / row.megabytes:.3f} ({wall:.2f}x of {top.megabytes:.3g} MB), "
                       f"CPU s/MB {row.cpu / row.megabytes:.3f} ({cpu:.2f}x)")
    for row in rows:
        if row.jobs == min(r.jobs for r in rows) and row.megabytes in ripgrep:
            rg = ripgrep[row.megabytes]
            out.append(f"  engine/ripgrep {row.megabytes:7.1f} MB: {row.cpu / rg:.2f}x CPU "
                       f"(engine {row.cpu:.2f} s with start-up, ripgrep {rg:.2f} s)")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 100],
                        help="input sizes in MB of article text")
    parser.add_argument("--gb", action="store_true", help="add a 1 GB input (takes a while)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-cache-run", action="store_true",
                        help="skip the cache first-run/re-run measurement")
    parser.add_argument("--no-ripgrep", action="store_true", help="skip the ripgrep runs")
    parser.add_argument("--cold", action="store_true",
                        help="size runs with --no-cache: the rules built from their files")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="run the engine as the environment says (PYTHONDONTWRITEBYTECODE: "
                             "every module compiled from source at each start)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--corpus", type=Path, default=BENCH, help="the bench corpus (.jsonl.gz)")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: no bench corpus at {args.corpus}", file=sys.stderr)
        return 0
    sizes = [*args.sizes, *([1000.0] if args.gb else [])]
    tmp = Path(tempfile.mkdtemp(prefix="reliability-bench-scale-"))
    env = dict(os.environ, RELIABILITY_CACHE_DIR=str(tmp / "cache"))
    if not args.no_bytecode:
        # As installed (pip compiles every module when it installs the wheel): a development
        # checkout run with PYTHONDONTWRITEBYTECODE compiles ~140 modules from source at every
        # start, about 0.5 s of CPU that no user pays. The bytecode goes to the temp folder.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    print(f"cores: {os.cpu_count()}; load average before: {load()}")
    patterns = "--no-ripgrep" if args.no_ripgrep else ripgrep_patterns(tmp)
    if isinstance(patterns, str):
        print(f"ripgrep skipped: {patterns}")
    print("wall: elapsed seconds; cpu: user+system seconds of the engine and its workers (on a "
          "busy machine wall time is inflated, CPU time much less so); "
          + ("--no-cache runs" if args.cold else "no card cached, compiled rules cached")
          + ("" if args.no_bytecode else "; Python bytecode cached, as installed"))
    print(f"{'MB':>7} {'articles':>9} {'jobs':>4} {'wall s':>8} {'s/MB':>6} {'art/s':>7} "
          f"{'cpu s':>8} {'cpu s/MB':>8} {'RSS MiB':>8}")
    rows: list[Row] = []
    ripgrep: dict[float, float] = {}
    cache = tmp / "cache"
    mode = ["--no-cache"] if args.cold else []
    try:
        for line in start_up(cache, tmp / "seeds.json", env):
            print(line, flush=True)  # and leaves the compiled ruleset warm for the sizes
        for megabytes in sizes:
            source = tmp / f"input-{megabytes:g}MB.jsonl"
            text = tmp / f"input-{megabytes:g}MB.txt"
            count, size = build_input(source, megabytes, args.corpus,
                                      None if isinstance(patterns, str) else text)
            mb = size / 1e6
            base = ["score", str(source), "--as-of", AS_OF, "--format", "json", "-q",
                    "-o", str(tmp / "report.json")]
            for jobs in args.jobs:
                empty_card_store(cache)
                row = Row(mb, count, jobs, *run_engine([*base, *mode, "--jobs", str(jobs)], env))
                rows.append(row)
                single = next(r for r in rows if r.megabytes == mb)
                print(row.line(f"  speed-up vs jobs {single.jobs}: {single.wall / row.wall:.2f}x"
                               if row is not single else ""), flush=True)
            if not isinstance(patterns, str):
                runner = ripgrep_run(text, patterns)
                if isinstance(runner, str):
                    print(f"ripgrep skipped: {runner}")
                    patterns = runner
                else:
                    rg_cpu, rg_wall = median_seconds(runner, 1)
                    ripgrep[mb] = rg_cpu
                    print(f"{mb:7.1f} ripgrep -U, same text and patterns: {rg_cpu:.2f} s CPU "
                          f"({rg_cpu / mb:.3f} s/MB), wall {rg_wall:.2f} s", flush=True)
                text.unlink()
            if not args.no_cache_run:
                shutil.rmtree(cache, ignore_errors=True)  # a first run ever: nothing cached
                first_run, first_cpu, _ = run_engine([*base, "--jobs", str(args.jobs[0])], env)
                again, again_cpu, rss = run_engine([*base, "--jobs", str(args.jobs[0])], env)
                print(f"{mb:7.1f} cache: first run {first_run:.2f} s (cpu {first_cpu:.2f}), "
                      f"unchanged re-run {again:.2f} s (cpu {again_cpu:.2f}, RSS {rss:.0f} MiB): "
                      f"{first_run / again:.1f}x wall, {first_cpu / again_cpu:.1f}x cpu",
                      flush=True)
            source.unlink()
        for line in summary(rows, ripgrep):
            print(line)
    finally:
        print(f"load average after: {load()}")
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
