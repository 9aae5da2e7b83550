"""``reliability evaluate``: its figures agree with independent computations on a small fixture."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.evaluate.baseline import attribution_count
from engine.evaluate.metrics import bootstrap_auc, detect_below, roc_auc
from tests.conftest import AS_OF, shared_path

# Sentences with known effects on the score (quotes, named sources, bylines, shouting...), mixed
# so that the fixture's articles get different scores and both classes overlap.
SOBER = ['"We will publish the audit on Monday," Finance Minister Jane Holt said on Tuesday.',
         "According to the central bank, inflation fell to 2.1 percent in March.",
         "By Maria Lopez, Reuters"]
LOUD = ["This is SHOCKING and the TRUTH they HIDE from you!!!",
        "Observers believe the radical elites are destroying everything!",
        "Sources say 90 percent of people already know it."]


def _fixture(tmp_path: Path) -> Path:
    rng = random.Random(7)
    rows = []
    for i in range(24):
        fake = i % 2 == 1
        # Mostly the class's own sentences, sometimes the other's: an imperfect, tie-prone score.
        pool = [*(LOUD if fake else SOBER), *rng.sample(SOBER if fake else LOUD, 1)]
        text = " ".join(rng.sample(pool, k=rng.randint(1, len(pool))))
        rows.append({"id": f"a{i:02d}", "text": f"Washington, March 3, 2024 - {text}",
                     "verdict": "fake" if fake else "real"})
    rows.append({"id": "odd", "text": "Something else entirely.", "verdict": "satire"})
    path = tmp_path / "labelled.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _pairwise_auc(positives: list[float], negatives: list[float]) -> float:
    """The definition, pair by pair: the independent check of the rank-based computation."""
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0
               for p, n in itertools.product(positives, negatives))
    return wins / (len(positives) * len(negatives))


def _evaluate(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["evaluate", *args, "--as-of", AS_OF, "--format", "json",
                                       "--bootstrap", "200"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _scores(path: Path) -> dict[str, dict[str, Any]]:
    result = CliRunner().invoke(main, ["score", str(path), "--as-of", AS_OF, "--format", "json"])
    assert result.exit_code == 0, result.output
    return {a["id"]: a for a in json.loads(result.stdout)["articles"]}


@pytest.mark.parametrize("seed", range(5))
def test_rank_auc_equals_pairwise_count(seed: int) -> None:
    rng = random.Random(seed)
    pos = [float(rng.randint(0, 6)) for _ in range(rng.randint(1, 30))]
    neg = [float(rng.randint(0, 6)) for _ in range(rng.randint(1, 30))]
    assert roc_auc(pos, neg) == pytest.approx(_pairwise_auc(pos, neg))


def test_bootstrap_interval_is_reproducible_and_brackets_the_estimate() -> None:
    pos, neg = [3.0, 5.0, 6.0, 7.0, 9.0], [1.0, 2.0, 5.0, 6.0]
    first = bootstrap_auc(pos, neg, rounds=300, seed=1)
    assert first == bootstrap_auc(pos, neg, rounds=300, seed=1)
    assert first.low <= first.value <= first.high
    assert first.low < first.high
    assert bootstrap_auc(pos, neg, rounds=300, seed=2) != first


def test_detection_counts() -> None:
    found = detect_below(50, reliable=[80, 45, 60], unreliable=[20, 49, 55, 10])
    assert (found.true_positives, found.false_positives, found.false_negatives) == (3, 1, 1)
    assert found.precision == pytest.approx(0.75)
    assert found.recall == pytest.approx(0.75)
    assert found.f1 == pytest.approx(0.75)


def test_evaluate_matches_independent_computation(tmp_path: Path) -> None:
    path = _fixture(tmp_path)
    report = _evaluate(str(path), "--label", "verdict", "--reliable", "real",
                       "--unreliable", "fake")
    cards = _scores(path)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    real = [r for r in rows if r["verdict"] == "real"]
    fake = [r for r in rows if r["verdict"] == "fake"]
    assert report["articles"] == {"reliable": len(real), "unreliable": len(fake)}

    engine = report["engine_auc"]
    expected = _pairwise_auc([cards[r["id"]]["score"] for r in real],
                             [cards[r["id"]]["score"] for r in fake])
    assert 0.5 < expected < 1.0  # the fixture separates the classes, imperfectly
    assert engine["value"] == pytest.approx(expected, abs=1e-4)
    assert engine["low"] <= engine["value"] <= engine["high"]

    baseline = report["baseline"]["auc"]["value"]
    assert baseline == pytest.approx(_pairwise_auc(
        [attribution_count(r["text"]) for r in real],
        [attribution_count(r["text"]) for r in fake]), abs=1e-4)

    for category in report["categories"]:
        name = category["category"]
        assert category["subscore_auc"]["value"] == pytest.approx(_pairwise_auc(
            [cards[r["id"]]["subscores"][name] for r in real],
            [cards[r["id"]]["subscores"][name] for r in fake]), abs=1e-4)

    thresholds = {t["below"]: t for t in report["thresholds"]}
    for below, figures in thresholds.items():
        flagged = [r for r in rows if r["id"] in cards and cards[r["id"]]["score"] < below
                   and r["verdict"] != "satire"]
        assert figures["flagged"] == len(flagged)
    bands = {b["band"]: b for b in report["bands"]}
    assert sum(b["articles"] for b in bands.values()) == len(real) + len(fake)


def test_rule_ablation_equals_a_run_without_the_rule(tmp_path: Path) -> None:
    """Removing a rule's findings (caps re-applied) scores like disabling the rule."""
    path = _fixture(tmp_path)
    args = (str(path), "--label", "verdict", "--reliable", "real", "--unreliable", "fake")
    report = _evaluate(*args)
    assert report["rules"], "the fixture should make some rules fire"
    for rule in report["rules"][:3]:
        disabled = _evaluate(*args, "--disable", rule["rule_id"])
        assert disabled["engine_auc"]["value"] == pytest.approx(
            report["engine_auc"]["value"] + rule["auc_change_when_removed"], abs=2e-4)
    for category in report["categories"][:2]:
        disabled = _evaluate(*args, "--disable", category["category"])
        assert disabled["engine_auc"]["value"] == pytest.approx(
            category["auc_without"]["value"], abs=1e-4)


def test_evaluate_needs_both_classes(tmp_path: Path) -> None:
    path = _fixture(tmp_path)
    result = CliRunner().invoke(main, ["evaluate", str(path), "--label", "verdict",
                                       "--reliable", "real", "--unreliable", "nonexistent"])
    assert result.exit_code == 2
    assert "both classes" in result.output


def test_evaluate_table_and_markdown(tmp_path: Path) -> None:
    path = _fixture(tmp_path)
    for fmt, marker in (("table", "engine score"), ("markdown", "## Rules")):
        result = CliRunner().invoke(main, ["evaluate", str(path), "--label", "verdict",
                                           "--reliable", "real", "--unreliable", "fake,x",
                                           "--format", fmt, "--bootstrap", "50",
                                           "--as-of", AS_OF])
        assert result.exit_code == 0, result.output
        assert marker in result.stdout
        assert "said" in result.stdout  # the baseline is printed beside the engine


def test_evaluate_on_fakenewsnet(tmp_path: Path) -> None:
    corpus = shared_path("corpora", "dev", "fakenewsnet_politifact_buzzfeed.jsonl")
    report = _evaluate(str(corpus), "--label", "label", "--reliable", "real",
                       "--unreliable", "fake")
    assert report["articles"]["reliable"] > 200
    assert report["engine_auc"]["value"] > report["baseline"]["auc"]["value"]
    assert {t["band"] for t in report["thresholds"]} >= {"reliable", "mixed"}
