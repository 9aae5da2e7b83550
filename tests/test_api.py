"""The documented Python API: ``from engine import score_text, score_paths``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from engine import load_rules, score_paths, score_text
from engine.model import RunReport, Scorecard
from tests.conftest import AS_OF, ROOT, SEEDS

WHEN = dt.date.fromisoformat(AS_OF)


def test_score_text_gives_a_scorecard_with_findings() -> None:
    text = "This content is AI-generated. As an AI language model, I cannot verify this."
    card = score_text(text, title="T", as_of=WHEN)
    assert isinstance(card, Scorecard)
    assert any(f.rule_id.startswith("provenance.") for f in card.findings)
    assert card.score < 60 and card.article.title == "T"


def test_score_text_survives_lone_surrogates() -> None:
    card = score_text("Officials said \ud800 on Monday.", as_of=WHEN)
    assert "\ufffd" in card.article.text


def test_score_paths_matches_the_committed_seed_report() -> None:
    report = score_paths([SEEDS], as_of=WHEN)
    assert isinstance(report, RunReport)
    committed = json.loads((ROOT / "reports" / "seeds.json").read_text(encoding="utf-8"))
    assert [(c.article.id, c.score) for c in report.cards] == \
        [(a["id"], a["score"]) for a in committed["articles"]]


def test_score_paths_lists_what_it_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    report = score_paths([tmp_path], as_of=WHEN)
    assert report.cards == () and len(report.skipped) == 1


def test_load_rules_disables_a_category() -> None:
    rules = load_rules(disable=["provenance"])
    card = score_text("This content is AI-generated.", as_of=WHEN, ruleset=rules)
    assert not any(f.category == "provenance" for f in card.findings)
