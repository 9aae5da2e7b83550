"""Calibration figures on the labelled dev corpora (../shared/corpora/dev), rerunnable by anyone.

Prints: ROC AUC of the reliability score for real vs fake (FakeNewsNet PolitiFact+BuzzFeed,
Horne 2017); precision and recall of the ``provenance.ai-*`` rules on LLMFake (AI text with a
disclaimer or a refusal vs the human originals) and their false-positive rate on every
human-written article; per-rule firing rates by label, to see which rules carry the signal.

Usage: python scripts/evaluate_dev.py [--corpora DIR] [--as-of YYYY-MM-DD] [--rules-detail]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from engine.model import Article, Scorecard
from engine.pipeline import score_article
from engine.ruleset import load_ruleset

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "dev"
AI_POSITIVE = {"ai_with_disclaimer", "ai_refusal"}


def read_corpus(path: Path) -> list[tuple[Article, dict[str, object]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        meta = {k: rec[k] for k in ("date", "source", "url") if rec.get(k)}
        if rec.get("authors"):
            meta["author"] = rec["authors"]
        rows.append((Article(str(rec["id"]), path.name, rec.get("text") or "", rec.get("title"),
                             meta), rec))
    return rows


def roc_auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    wins = 0.0
    for p in positives:
        for n in negatives:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return wins / (len(positives) * len(negatives))


def score_corpus(path: Path, as_of: dt.date) -> list[tuple[Scorecard, dict[str, object]]]:
    ruleset = load_ruleset()
    out = []
    for article, rec in read_corpus(path):
        if article.text.strip():
            out.append((score_article(article, ruleset, as_of), rec))
    return out


def rule_rates(scored: list[tuple[Scorecard, dict[str, object]]], labels: Sequence[str]) -> None:
    fired: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, int] = defaultdict(int)
    for card, rec in scored:
        label = str(rec["label"])
        totals[label] += 1
        for rule_id in {f"{f.rule_id}{'+' if f.points > 0 else '-'}" for f in card.findings}:
            fired[rule_id][label] += 1
    print(f"    {'rule (sign)':45}" + "".join(f"{lab:>12}" for lab in labels))
    for rule_id in sorted(fired):
        cells = "".join(f"{fired[rule_id][lab] / max(totals[lab], 1):>12.1%}" for lab in labels)
        print(f"    {rule_id:45}{cells}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 21))
    parser.add_argument("--rules-detail", action="store_true")
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"no corpora at {args.corpora}", file=sys.stderr)
        return 2

    for name in ("fakenewsnet_politifact_buzzfeed.jsonl", "horne2017.jsonl"):
        scored = score_corpus(args.corpora / name, args.as_of)
        real = [c.score for c, r in scored if r["label"] == "real"]
        fake = [c.score for c, r in scored if r["label"] == "fake"]
        print(f"{name}: ROC AUC real>fake = {roc_auc(real, fake):.3f} "
              f"(real n={len(real)} mean {sum(real) / len(real):.1f}; "
              f"fake n={len(fake)} mean {sum(fake) / len(fake):.1f})")
        if name.startswith("horne"):
            satire = [c.score for c, r in scored if r["label"] == "satire"]
            print(f"    real>satire AUC = {roc_auc(real, satire):.3f} (n={len(satire)})")
        if args.rules_detail:
            rule_rates(scored, sorted({str(r["label"]) for _, r in scored}))

    scored = score_corpus(args.corpora / "llm_generated_news.jsonl", args.as_of)
    tp = fp = fn = tn = 0
    undisclosed_flagged = 0
    undisclosed = 0
    for card, rec in scored:
        flagged = any(f.rule_id.startswith("provenance.ai-") for f in card.findings)
        label = rec["label"]
        if label in AI_POSITIVE:
            tp += flagged
            fn += not flagged
        elif label == "human":
            fp += flagged
            tn += not flagged
        else:
            undisclosed += 1
            undisclosed_flagged += flagged
    precision = tp / max(tp + fp, 1)
    recall = tp / max(tp + fn, 1)
    print(f"llm_generated_news.jsonl: provenance.ai-* on disclaimer+refusal vs human: "
          f"precision {precision:.3f}, recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn}, tn {tn}); "
          f"flagged {undisclosed_flagged}/{undisclosed} AI texts without disclaimer")
    if args.rules_detail:
        rule_rates(scored, sorted({str(r["label"]) for _, r in scored}))

    human_fp = 0
    human_total = 0
    for name in ("fakenewsnet_politifact_buzzfeed.jsonl", "horne2017.jsonl",
                 "reuters1987_sample.jsonl"):
        for card, rec in score_corpus(args.corpora / name, args.as_of):
            if rec.get("label") in ("real", None):
                human_total += 1
                human_fp += any(f.rule_id.startswith("provenance.ai-") for f in card.findings)
    print(f"provenance.ai-* on real human-written news (FakeNewsNet, Horne, Reuters): "
          f"{human_fp}/{human_total} flagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
