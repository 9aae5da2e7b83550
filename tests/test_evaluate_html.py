"""``reliability evaluate --format html``: ROC curves and per-rule lift as inline SVG."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

from click.testing import CliRunner

from engine.cli import main
from engine.evaluate.metrics import roc_auc
from engine.evaluate.roc import area, roc_points
from tests.conftest import AS_OF
from tests.test_evaluate import _fixture
from tests.test_html import parse


def test_the_area_under_the_points_is_the_rank_auc() -> None:
    rng = random.Random(3)
    for _ in range(50):
        pos = [float(rng.randint(0, 6)) for _ in range(rng.randint(1, 12))]
        neg = [float(rng.randint(0, 6)) for _ in range(rng.randint(1, 12))]
        points = roc_points(pos, neg)
        assert points[0] == (0.0, 0.0) and points[-1] == (1.0, 1.0)
        assert all(a[0] <= b[0] and a[1] <= b[1] for a, b in itertools.pairwise(points))
        assert abs(area(points) - roc_auc(pos, neg)) < 1e-9
    assert roc_points([], [1.0]) == ()


def _evaluate(path: Path, fmt: str) -> str:
    result = CliRunner().invoke(main, ["evaluate", str(path), "--label", "verdict",
                                       "--reliable", "real", "--unreliable", "fake",
                                       "--as-of", AS_OF, "--bootstrap", "50", "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_evaluate_html_draws_both_curves_and_every_rule(tmp_path: Path) -> None:
    labelled = _fixture(tmp_path)
    figures = json.loads(_evaluate(labelled, "json"))
    page_text = _evaluate(labelled, "html")
    page = parse(page_text)
    assert page_text.startswith("<!DOCTYPE html>")
    assert not page.raw["script"]  # a static page: no script at all
    curves = [a for tag, a in page.tags if tag == "polyline"]
    assert len(curves) == 2
    engine_auc = figures["engine_auc"]["value"]
    assert f"engine score (AUC {engine_auc:.3f})" in page_text
    assert f"AUC {figures['baseline']['auc']['value']:.3f})" in page_text
    # Every ablated rule gets one bar in each lift chart, labelled with its id.
    rules = [r["rule_id"] for r in figures["rules"]]
    labels = [a for tag, a in page.tags if tag == "text" and a.get("text-anchor") == "end"]
    assert rules and len(labels) >= 2 * len(rules)
    for rule_id in rules:
        assert page_text.count(f">{rule_id}</text>") == 2
