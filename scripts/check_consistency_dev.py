"""False-positive check of the consistency rules on real articles.

Runs every ``consistency.*`` rule over the labelled development corpora in
``../shared/corpora/dev/*.jsonl`` (the ``text`` field; the record's ``date`` as metadata, so
date checks see the real publication date), then prints:

* findings per rule and per file, and per label (real/human articles are where a finding is a
  false positive unless the article really contradicts itself);
* ``--sample`` findings drawn with a fixed seed, each with all its quotes, for a hand check.

``--set RULE.OPTION=JSON`` runs a variant of the shipped rules (a temporary copy; the shipped
files are not touched), e.g. ``--set number-conflict.min_head_words=1`` or
``--set role-conflict.succession=null`` (null removes the option), to see what a precision
guard keeps out. ``--corpora`` may point at another folder of ``*.jsonl``/``*.jsonl.gz``.

Usage: ``.venv/bin/python scripts/check_consistency_dev.py [--corpora DIR] [--sample 20]
[--set RULE.OPTION=JSON ...]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.layers import SHIPPED_RULES  # noqa: E402
from engine.model import Article, Finding  # noqa: E402
from engine.pipeline import context_for, evaluate  # noqa: E402
from engine.ruleset import CompiledRule, RulesetConfig, load_ruleset  # noqa: E402

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


def variant_rules(settings: list[str], into: Path) -> Path:
    """A copy of the shipped rules with ``RULE.OPTION=JSON`` settings applied to the
    consistency pack; returns the copy's folder."""
    import yaml

    target = into / "rules"
    shutil.copytree(SHIPPED_RULES, target)
    pack = target / "consistency.yaml"
    data = yaml.safe_load(pack.read_text(encoding="utf-8"))
    by_id = {rule["id"].removeprefix("consistency."): rule for rule in data["rules"]}
    for setting in settings:
        key, _, value = setting.partition("=")
        rule_id, _, option = key.partition(".")
        if rule_id not in by_id or not option:
            raise SystemExit(f"--set {setting}: use RULE.OPTION=JSON with RULE one of "
                             f"{', '.join(sorted(by_id))}")
        parsed = json.loads(value)
        if parsed is None:
            by_id[rule_id].pop(option, None)
        else:
            by_id[rule_id][option] = parsed
    pack.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, action="append",
                        help=f"folder of *.jsonl[.gz] (repeatable; default {DEFAULT_CORPORA})")
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--set", action="append", default=[], metavar="RULE.OPTION=JSON")
    args = parser.parse_args(argv)
    folders = args.corpora or [DEFAULT_CORPORA]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        print(f"no corpora at {', '.join(missing)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        config = (RulesetConfig(rule_dirs=(variant_rules(args.set, Path(tmp)),))
                  if args.set else None)
        ruleset = load_ruleset(config)
    if args.set:
        print(f"variant: {' '.join(args.set)}")
    rules = [r for r in ruleset.rules if r.spec.category == "consistency"]
    found: list[tuple[str, str, Article, Finding]] = []
    articles: Counter[str] = Counter()
    for folder in folders:
        more, counts = run(folder, rules, ruleset)
        found.extend(more)
        articles.update(counts)

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
    print(f"{len(sample)} sampled findings of {len(found)} (seed {SEED})")
    for n, (name, label, article, finding) in enumerate(sample, 1):
        print(f"[{n}] {finding.rule_id} | {name} | {article.id} | label={label}")
        print(f"    {finding.message[:300]}")
        for span in finding.spans:
            text = " ".join(span.text.split())
            print(f"    - {span.line}:{span.col} \"{text[:200]}\"")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
