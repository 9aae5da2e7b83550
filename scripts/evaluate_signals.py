"""Figures for the text-signal and machine-provenance rules on the dev corpora, rerunnable.

Prints, from one scoring pass over ``../shared/corpora/dev``:

- ROC AUC real > fake of the score from the text alone (the ``outlet`` category, where it
  exists, disabled) on FakeNewsNet and Horne 2017;
- on LLMFake, separately for the even rows (the tuning half) and the odd rows (held out):
  recall of the disclosure/refusal rules on ``ai_with_disclaimer`` + ``ai_refusal``, the share of
  ``ai_no_disclaimer`` texts with any ``provenance.*`` finding, and the share of human texts
  with a provenance finding worth more than 5 points;
- the same human false-positive share on FakeNewsNet real and the Reuters 1987 sample;
- with ``--rules-detail``, per-rule firing rates by label;
- with ``--show-misses``, the row, id and start of every ``ai_with_disclaimer`` or
  ``ai_refusal`` text no disclosure/refusal rule fired on, so that a reader can judge whether
  the miss is the rules' fault or the silver label's.

Usage: python scripts/evaluate_signals.py [--corpora DIR] [--disable ID]... [--rules-detail]
       [--show-misses]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

# Measure the checkout this script sits in: `python scripts/...` puts scripts/ first on sys.path,
# so without this line an editable install elsewhere (another worktree) would be measured.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.evaluate.metrics import roc_auc
from engine.model import Article, Scorecard
from engine.pipeline import score_article
from engine.ruleset import RulesetConfig, load_ruleset
from engine.sources import iter_inputs

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "dev"
DISCLOSURE_RULES = ("provenance.ai-disclosure", "provenance.ai-fiction-disclaimer",
                    "provenance.ai-refusal", "provenance.ai-placeholder")
AI_POSITIVE = ("ai_with_disclaimer", "ai_refusal")
COSTLY = -5.0  # a provenance finding "worth more than 5 points"

Scored = list[tuple[Scorecard, dict[str, object]]]


def score_file(path: Path, config: RulesetConfig, as_of: dt.date) -> Scored:
    """Each record read as ``reliability evaluate`` reads it; ``row`` is its 0-based line, kept
    so that LLMFake can be split into even and odd halves."""
    ruleset = load_ruleset(config)
    scored: Scored = []
    for row, item in enumerate(iter_inputs([str(path)])):
        if isinstance(item, Article):
            card = score_article(item, ruleset, as_of)
            scored.append((card, {"label": item.meta.get("label"), "row": row, "id": item.id,
                                  "text": item.text}))
    return scored


def rule_rates(scored: Scored, labels: Sequence[str]) -> None:
    """Per rule and sign, the share of each label's articles it fired on."""
    fired: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, int] = defaultdict(int)
    for card, rec in scored:
        label = str(rec["label"])
        totals[label] += 1
        for rule_id in {f"{f.rule_id}{'+' if f.points > 0 else '-'}" for f in card.findings}:
            fired[rule_id][label] += 1
    print(f"    {'rule (sign)':45}" + "".join(f"{lab:>20}" for lab in labels))
    for rule_id in sorted(fired):
        cells = "".join(f"{fired[rule_id][lab] / max(totals[lab], 1):>20.1%}" for lab in labels)
        print(f"    {rule_id:45}{cells}")


def provenance_points(card: Scorecard) -> float:
    return sum(f.points for f in card.findings if f.rule_id.startswith("provenance."))


def share(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / max(total, 1):.1%}"


def disclosed(card: Scorecard) -> bool:
    return any(f.rule_id in DISCLOSURE_RULES for f in card.findings)


def show_misses(scored: Scored) -> None:
    """Print each labelled disclosure or refusal that no disclosure rule found. The labels are
    silver (made by a regular expression), so a miss may be a human text mislabelled: the
    start and end of the text are shown for a reader to judge."""
    for card, rec in scored:
        if rec["label"] in AI_POSITIVE and not disclosed(card):
            flat = " ".join(str(rec["text"]).split())
            print(f"  miss row {rec['row']} {rec['id']} ({rec['label']}): "
                  f"{flat[:160]!r} ... {flat[-160:]!r}")


def llmfake_figures(scored: Scored, half: str) -> tuple[int, int]:
    """Print the LLMFake figures of one half; return (costly human findings, humans)."""
    positives = [c for c, r in scored if r["label"] in AI_POSITIVE]
    undisclosed = [c for c, r in scored if r["label"] == "ai_no_disclaimer"]
    humans = [c for c, r in scored if r["label"] == "human"]
    recall = sum(disclosed(c) for c in positives)
    flagged = sum(any(f.rule_id.startswith("provenance.") for f in c.findings)
                  for c in undisclosed)
    costly = sum(provenance_points(c) < COSTLY for c in humans)
    human_any = sum(any(f.rule_id.startswith("provenance.") for f in c.findings) for c in humans)
    print(f"  LLMFake {half}: disclosure/refusal recall {share(recall, len(positives))}; "
          f"ai_no_disclaimer with a provenance finding {share(flagged, len(undisclosed))}; "
          f"humans with provenance < {COSTLY:g} pts {share(costly, len(humans))} "
          f"(any provenance finding {share(human_any, len(humans))})")
    return costly, len(humans)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 21))
    parser.add_argument("--disable", action="append", default=[])
    parser.add_argument("--rules-detail", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"no corpora at {args.corpora}", file=sys.stderr)
        return 2
    categories = set(load_ruleset().scoring.categories)
    disabled = frozenset(args.disable) | ({"outlet"} & categories)
    config = RulesetConfig(disabled=disabled)
    print(f"disabled: {sorted(disabled) or 'nothing'}")

    costly_humans = total_humans = 0
    for name in ("fakenewsnet_politifact_buzzfeed.jsonl", "horne2017.jsonl"):
        scored = score_file(args.corpora / name, config, args.as_of)
        real = [c.score for c, r in scored if r["label"] == "real"]
        fake = [c.score for c, r in scored if r["label"] == "fake"]
        print(f"{name}: AUC real>fake {roc_auc(real, fake):.4f} "
              f"(real {len(real)} mean {sum(real) / len(real):.1f}, "
              f"fake {len(fake)} mean {sum(fake) / len(fake):.1f})")
        if name.startswith("fakenewsnet"):
            humans = [c for c, r in scored if r["label"] == "real"]
            costly = sum(provenance_points(c) < COSTLY for c in humans)
            print(f"  real with provenance < {COSTLY:g} pts: {share(costly, len(humans))}")
            costly_humans += costly
            total_humans += len(humans)
        if args.rules_detail:
            rule_rates(scored, sorted({str(r["label"]) for _, r in scored}))

    reuters = score_file(args.corpora / "reuters1987_sample.jsonl", config, args.as_of)
    costly = sum(provenance_points(c) < COSTLY for c, _ in reuters)
    print(f"reuters1987_sample.jsonl: provenance < {COSTLY:g} pts: {share(costly, len(reuters))}")
    costly_humans += costly
    total_humans += len(reuters)

    scored = score_file(args.corpora / "llm_generated_news.jsonl", config, args.as_of)
    print("llm_generated_news.jsonl (even rows tune, odd rows held out):")
    for half, parity in (("even", 0), ("odd", 1)):
        rows = [(c, r) for c, r in scored if int(str(r["row"])) % 2 == parity]
        costly, n_humans = llmfake_figures(rows, half)
        costly_humans += costly
        total_humans += n_humans
    print(f"all human texts with provenance < {COSTLY:g} pts: "
          f"{share(costly_humans, total_humans)}")
    if args.show_misses:
        print("disclosure/refusal misses (silver labels: judge each text):")
        show_misses(scored)
    if args.rules_detail:
        rule_rates(scored, sorted({str(r["label"]) for _, r in scored}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
