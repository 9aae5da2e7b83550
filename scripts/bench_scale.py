"""Scale figures in one run: seconds per MB, articles/s and peak RSS by input size and --jobs,
and the speed-up of an unchanged re-run from the scorecard cache.

Builds JSONL inputs of 1, 10 and 100 MB (``--sizes``; ``--gb`` adds 1 GB) from the Reuters
bench corpus (../shared/corpora/bench), repeating its records with fresh ids, then runs
``python -m engine score INPUT --format json -o OUT`` as a subprocess for each size at each
``--jobs`` value (cache off), and once more with an empty cache followed by a re-run (cache on).
Peak RSS is the engine process's own (``wait4``), the largest of the parent and its workers.
Figures, not assertions. Inputs and reports go to a temporary folder (``--keep`` keeps it).

Usage: python scripts/bench_scale.py [--sizes 1 10 100] [--gb] [--jobs 1 2] [--no-cache-run]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "corpora" / "bench" / "reuters21578.jsonl.gz"
AS_OF = "2026-11-21"


def build_input(path: Path, megabytes: float, corpus: Path = BENCH) -> tuple[int, int]:
    """Write about ``megabytes`` MB of article text as JSONL; return (articles, text bytes)."""
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    records = [r for r in records if r.get("text")]
    target = int(megabytes * 1e6)
    count = size = 0
    with path.open("w", encoding="utf-8") as out:
        while size < target:
            for record in records:
                if size >= target:
                    break
                copy = dict(record, id=f"{record['id']}-{count}")
                out.write(json.dumps(copy, ensure_ascii=False) + "\n")
                size += len(record["text"].encode())
                count += 1
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 100],
                        help="input sizes in MB of article text")
    parser.add_argument("--gb", action="store_true", help="add a 1 GB input (takes a while)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-cache-run", action="store_true",
                        help="skip the cache first-run/re-run measurement")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--corpus", type=Path, default=BENCH, help="the bench corpus (.jsonl.gz)")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: no bench corpus at {args.corpus}", file=sys.stderr)
        return 0
    sizes = [*args.sizes, *([1000.0] if args.gb else [])]
    tmp = Path(tempfile.mkdtemp(prefix="reliability-bench-scale-"))
    env = dict(os.environ, RELIABILITY_CACHE_DIR=str(tmp / "cache"))
    print(f"cores: {os.cpu_count()}; load average before: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("wall: elapsed seconds; cpu: user+system seconds of the engine and its workers (on a "
          "busy machine wall time is inflated, CPU time much less so)")
    print(f"{'MB':>6} {'articles':>9} {'jobs':>4} {'wall s':>8} {'s/MB':>6} {'art/s':>7} "
          f"{'cpu s':>8} {'cpu s/MB':>8} {'RSS MiB':>8}")
    try:
        for megabytes in sizes:
            source = tmp / f"input-{megabytes:g}MB.jsonl"
            count, size = build_input(source, megabytes, args.corpus)
            mb = size / 1e6
            base = ["score", str(source), "--as-of", AS_OF, "--format", "json", "-q",
                    "-o", str(tmp / "report.json")]
            single = None
            for jobs in args.jobs:
                seconds, cpu, rss = run_engine([*base, "--no-cache", "--jobs", str(jobs)], env)
                single = single or seconds
                print(f"{mb:6.1f} {count:9d} {jobs:4d} {seconds:8.2f} {seconds / mb:6.3f} "
                      f"{count / seconds:7.0f} {cpu:8.2f} {cpu / mb:8.3f} {rss:8.0f}"
                      + (f"  speed-up vs jobs {args.jobs[0]}: {single / seconds:.2f}x"
                         if jobs != args.jobs[0] else ""), flush=True)
            if not args.no_cache_run:
                shutil.rmtree(tmp / "cache", ignore_errors=True)
                first, first_cpu, _ = run_engine([*base, "--jobs", str(args.jobs[0])], env)
                again, again_cpu, rss = run_engine([*base, "--jobs", str(args.jobs[0])], env)
                print(f"{mb:6.1f} cache: first run {first:.2f} s (cpu {first_cpu:.2f}), unchanged "
                      f"re-run {again:.2f} s (cpu {again_cpu:.2f}, RSS {rss:.0f} MiB): "
                      f"{first / again:.1f}x wall, {first_cpu / again_cpu:.1f}x cpu", flush=True)
            source.unlink()
    finally:
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
