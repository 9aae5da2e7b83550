"""False-positive check of the temporal rules on correctly dated 1987 newswire.

Imports the US executive and current Congress tenure table
(``../shared/knowledge/us_executive_and_current_congress.csv``) next to the shipped knowledge,
then scores Reuters articles twice with the anachronism rules (checks role, institution,
death):

- at their real 1987 dates: nothing true in 1987 may fire (expect 0 findings);
- as if published on 2026-06-01: officials sitting in 1987 ("President Reagan") now fire.

Corpora: the 200 articles of ``../shared/corpora/dev/reuters1987_sample.jsonl`` (the counts
``tests/test_temporal.py`` asserts), and with ``--bench N`` also the first N articles of
``../shared/corpora/bench/reuters21578.jsonl.gz``, for a larger sample. ``--shipped-only``
scores with the shipped knowledge alone (the world tables it ships include the US and UK
ones) instead of importing the US table. Prints the counts, every real-date finding (each a
false positive) and ``--samples`` findings of the 2026 run with their context, for a hand
check. Usage::

    .venv/bin/python scripts/check_reuters_anachronisms.py [--shipped-only] [--bench 5000]
                                                           [--samples 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from engine.knowledge.importer import import_tenures
from engine.layers import SHIPPED_RULES
from engine.model import Article, Finding
from engine.pipeline import context_for, evaluate
from engine.ruleset import CompiledRule, Ruleset, RulesetConfig, load_ruleset

SHARED = Path(__file__).resolve().parents[2] / "shared"
CSV_NAME = "knowledge/us_executive_and_current_congress.csv"
DEV_NAME = "corpora/dev/reuters1987_sample.jsonl"
BENCH_NAME = "corpora/bench/reuters21578.jsonl.gz"
LATE_DATE = dt.date(2026, 6, 1)
AS_OF = dt.date(2026, 11, 21)
CHECKS = ("role", "institution", "death")
CONTEXT = 110


@dataclass
class Run:
    """Findings of one corpus at real dates and as if published on LATE_DATE."""

    articles: int = 0
    real: list[tuple[str, str, Finding]] = field(default_factory=list)  # (id, text, finding)
    late: list[tuple[str, str, Finding]] = field(default_factory=list)


def ruleset_with_us_knowledge(shared: Path, workdir: Path) -> Ruleset:
    """The shipped rules plus the US tenure table imported into ``workdir/knowledge``."""
    result = import_tenures(shared / CSV_NAME, "US", roles_file="us_roles.yaml")
    knowledge = workdir / "knowledge"
    knowledge.mkdir(parents=True, exist_ok=True)
    (knowledge / "us_officeholders.yaml").write_text(result.officeholders_yaml, "utf-8")
    (knowledge / "us_roles.yaml").write_text(result.roles_yaml, "utf-8")
    return load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, workdir)))


def temporal_rules(ruleset: Ruleset) -> list[CompiledRule]:
    return [r for r in ruleset.rules
            if r.spec.kind == "anachronism" and r.spec.options.get("check") in CHECKS]


def read_rows(path: Path, limit: int | None = None) -> Iterator[dict[str, object]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            if line.strip():
                yield json.loads(line)


def score(rows: Iterable[dict[str, object]], ruleset: Ruleset) -> Run:
    rules = temporal_rules(ruleset)
    run = Run()
    for row in rows:
        if not row.get("date"):
            continue
        run.articles += 1
        text = str(row["text"])
        for date, sink in ((str(row["date"]), run.real), (LATE_DATE.isoformat(), run.late)):
            article = Article(str(row["id"]), "reuters", text, str(row.get("title")),
                              {"date": date})
            ctx = context_for(article, ruleset, AS_OF)
            sink.extend((str(row["id"]), text, f) for f in evaluate(ctx, rules))
    return run


def dev_run(shared: Path) -> Run:
    """The dev-sample run, as the test uses it."""
    with tempfile.TemporaryDirectory() as tmp:
        ruleset = ruleset_with_us_knowledge(shared, Path(tmp))
        return score(read_rows(shared / DEV_NAME), ruleset)


def _context(text: str, finding: Finding) -> str:
    span = finding.spans[0]
    before = " ".join(text[max(0, span.start - CONTEXT):span.start].split())
    after = " ".join(text[span.end:span.end + CONTEXT].split())
    return f"…{before} [[{' '.join(span.text.split())}]] {after}…"


def _report(label: str, run: Run, samples: int) -> None:
    for name, found in (("real 1987 dates", run.real), (f"as if published {LATE_DATE}", run.late)):
        per_rule = Counter(f.rule_id for _, _, f in found)
        articles = len({aid for aid, _, _ in found})
        print(f"{label}, {name}: {len(found)} findings in {articles} of {run.articles} "
              f"articles {dict(per_rule)}")
    for aid, text, finding in run.real:
        print(f"  FALSE POSITIVE at the real date, {aid}: {_context(text, finding)}")
    if samples:
        print(f"  {min(samples, len(run.late))} findings as if published {LATE_DATE}:")
        # Spread the sample: every k-th finding rather than the first few.
        step = max(1, len(run.late) // samples)
        for number, (aid, text, finding) in enumerate(run.late[::step][:samples], start=1):
            print(f"  {number:2}. {aid}: {_context(text, finding)}")
            print(f"      {finding.message}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Anachronism false-positive check on 1987 "
                                     "Reuters newswire with US officeholder knowledge.")
    parser.add_argument("--samples", type=int, default=20, help="2026 findings to print")
    parser.add_argument("--bench", type=int, default=0,
                        help="also score the first N articles of the bench corpus")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--shipped-only", action="store_true",
                        help="score with the shipped knowledge alone (its world tables), "
                             "without importing the US table")
    args = parser.parse_args(argv)
    if not (args.shared / DEV_NAME).is_file() or not (args.shared / CSV_NAME).is_file():
        print(f"shared data not found under {args.shared}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        ruleset = (load_ruleset() if args.shipped_only
                   else ruleset_with_us_knowledge(args.shared, Path(tmp)))
        dev = score(read_rows(args.shared / DEV_NAME), ruleset)
        _report("dev sample", dev, 0 if args.bench else args.samples)
        if args.bench:
            bench = score(read_rows(args.shared / BENCH_NAME, args.bench), ruleset)
            _report(f"bench, first {args.bench}", bench, args.samples)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
