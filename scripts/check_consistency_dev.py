"""False-positive check of the consistency rules on real articles.

Runs every ``consistency.*`` rule over the labelled development corpora in
``../shared/corpora/dev/*.jsonl`` (the ``text`` field; the record's ``date`` as metadata, so
date checks see the real publication date), then prints:

* findings per rule and per file, and per label (real/human articles are where a finding is a
  false positive unless the article really contradicts itself);
* ``--sample`` findings drawn with a fixed seed, each with all its quotes, for a hand check.

Usage: ``.venv/bin/python scripts/check_consistency_dev.py [--corpora DIR] [--sample 20]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.model import Article, Finding  # noqa: E402
from engine.pipeline import context_for, evaluate  # noqa: E402
from engine.ruleset import CompiledRule, load_ruleset  # noqa: E402

DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora" / "dev"
AS_OF = dt.date(2026, 11, 21)
SEED = 20261121
# Labels of articles written by people for real outlets: a finding there is a false positive
# unless the article really contradicts itself.
REAL_LABELS = frozenset({"real", "human"})


def records(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def article_of(record: dict[str, Any], path: Path) -> Article:
    meta = {"date": record["date"]} if record.get("date") else {}
    return Article(str(record["id"]), str(path), str(record.get("text") or ""),
                   record.get("title"), meta)


def run(corpora: Path, rules: list[CompiledRule],
        ruleset: Any) -> tuple[list[tuple[str, str, Article, Finding]], Counter[str]]:
    """Every finding as (file, label, article, finding), and article counts per file/label."""
    found: list[tuple[str, str, Article, Finding]] = []
    articles: Counter[str] = Counter()
    for path in sorted([*corpora.glob("*.jsonl"), *corpora.glob("*.jsonl.gz")]):
        for record in records(path):
            label = str(record.get("label"))
            articles[path.name] += 1
            articles[f"label:{label}"] += 1
            article = article_of(record, path)
            if not article.text.strip():
                continue
            ctx = context_for(article, ruleset, AS_OF)
            for finding in evaluate(ctx, rules):
                found.append((path.name, label, article, finding))
    return found, articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--sample", type=int, default=20)
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"no corpora at {args.corpora}", file=sys.stderr)
        return 2
    ruleset = load_ruleset()
    rules = [r for r in ruleset.rules if r.spec.category == "consistency"]
    found, articles = run(args.corpora, rules, ruleset)

    files = sorted(k for k in articles if not k.startswith("label:"))
    print("Findings per rule and file (articles per file in the header)")
    header = ["rule"] + [f"{f.split('.')[0][:14]}({articles[f]})" for f in files] + ["total"]
    print("  ".join(f"{h:>22}" for h in header))
    for rule in sorted(r.spec.id for r in rules):
        row = [sum(1 for f, _, _, x in found if f == name and x.rule_id == rule) for name in files]
        print("  ".join(f"{c:>22}" for c in [rule.removeprefix("consistency."), *row, sum(row)]))
    print()
    print("Findings per label (articles, findings, articles with a finding)")
    for key in sorted(k for k in articles if k.startswith("label:")):
        label = key.removeprefix("label:")
        hits = [a.id for _, lab, a, _ in found if lab == label]
        print(f"  {label:>20}: {articles[key]:>4} articles, {len(hits):>3} findings, "
              f"{len(set(hits)):>3} articles")
    real = sum(articles[f"label:{lab}"] for lab in REAL_LABELS)
    real_hits = sum(1 for _, lab, _, _ in found if lab in REAL_LABELS)
    print(f"  real/human: {real_hits} findings in {real} articles "
          f"= {100 * real_hits / max(real, 1):.2f} per 100")
    print()
    sample = random.Random(SEED).sample(found, min(args.sample, len(found)))
    print(f"{len(sample)} sampled findings (seed {SEED})")
    for n, (name, label, article, finding) in enumerate(sample, 1):
        print(f"[{n}] {finding.rule_id} | {name} | {article.id} | label={label}")
        print(f"    {finding.message[:300]}")
        for span in finding.spans:
            text = " ".join(span.text.split())
            print(f"    - {span.line}:{span.col} \"{text[:200]}\"")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
