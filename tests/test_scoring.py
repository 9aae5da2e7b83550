"""``scoring.build_scorecard``: the arithmetic a reviewer redoes by hand, case by case."""

from __future__ import annotations

from dataclasses import replace

import pytest

from engine.model import Article, DateInfo, Finding
from engine.rule import RuleSpec
from engine.scoring import CategoryCap, ScoreBand, ScoringConfig, build_scorecard, rank

ARTICLE = Article("a1", "<test>", "text")
UNDATED = DateInfo(None, "none")
SCORING = ScoringConfig(
    base=50.0,
    categories={"sourcing": CategoryCap(-20.0, 15.0), "style": CategoryCap(-10.0, 5.0)},
    bands=(ScoreBand("high", 70.0, ""), ScoreBand("mixed", 40.0, ""), ScoreBand("low", 0.0, "")))


def _spec(rule_id: str, category: str, max_points: float | None = None) -> RuleSpec:
    return RuleSpec(id=rule_id, kind="pattern", category=category, title=rule_id,
                    rationale="a rule under test", explain="x", points=None,
                    max_points=max_points, bands=(), options={}, examples_fire=(),
                    examples_pass=(), path="<test>", line=1)


SPECS = {"sourcing.named": _spec("sourcing.named", "sourcing", max_points=12),
         "sourcing.vague": _spec("sourcing.vague", "sourcing"),
         "style.caps": _spec("style.caps", "style", max_points=4)}


def _finding(rule_id: str, points: float) -> Finding:
    return Finding(rule_id, SPECS[rule_id].category, rule_id, points, "m")


def test_no_findings_is_the_base_score_and_its_band() -> None:
    card = build_scorecard(ARTICLE, UNDATED, [], SPECS, SCORING)
    assert (card.score, card.band, card.contributions) == (50.0, "mixed", ())
    assert card.subscores == {"sourcing": 0.0, "style": 0.0}


def test_a_rule_total_is_capped_at_its_max_points_with_a_note() -> None:
    findings = [_finding("sourcing.named", 5), _finding("sourcing.named", 5),
                _finding("sourcing.named", 5)]
    card = build_scorecard(ARTICLE, UNDATED, findings, SPECS, SCORING)
    (line,) = card.contributions
    assert (line.raw, line.applied) == (15.0, 12.0)
    assert "capped at +12" in line.note
    assert card.score == 62.0


def test_a_negative_total_is_capped_by_magnitude() -> None:
    card = build_scorecard(ARTICLE, UNDATED, [_finding("style.caps", -3)] * 3, SPECS, SCORING)
    assert card.contributions[0].applied == -4.0
    assert card.subscores["style"] == -4.0 and card.score == 46.0


def test_a_category_total_is_clamped_to_its_range_with_a_note() -> None:
    findings = [_finding("sourcing.vague", -15), _finding("sourcing.vague", -15)]
    card = build_scorecard(ARTICLE, UNDATED, findings, SPECS, SCORING)
    assert card.contributions[0].applied == -30.0  # no rule cap
    assert card.subscores["sourcing"] == -20.0
    assert "-30 clamped" in card.category_notes["sourcing"]
    assert (card.score, card.band) == (30.0, "low")


def test_the_total_is_clamped_to_0_100() -> None:
    generous = replace(SCORING, base=95.0)
    card = build_scorecard(ARTICLE, UNDATED, [_finding("sourcing.named", 12)], SPECS, generous)
    assert (card.score, card.band) == (100.0, "high")
    harsh = replace(SCORING, base=5.0)
    card = build_scorecard(ARTICLE, UNDATED, [_finding("sourcing.vague", -19)], SPECS, harsh)
    assert card.score == 0.0


def test_contributions_and_findings_come_in_a_fixed_order() -> None:
    findings = [_finding("style.caps", -1), _finding("sourcing.vague", -2),
                _finding("sourcing.named", 3)]
    forward = build_scorecard(ARTICLE, UNDATED, findings, SPECS, SCORING)
    backward = build_scorecard(ARTICLE, UNDATED, findings[::-1], SPECS, SCORING)
    assert forward == backward
    assert [c.rule_id for c in forward.contributions] == sorted(SPECS)


def test_rank_puts_the_most_reliable_first_and_breaks_ties_by_id() -> None:
    cards = [build_scorecard(Article(i, "<t>", "x"), UNDATED, f, SPECS, SCORING)
             for i, f in (("b", []), ("a", []), ("c", [_finding("sourcing.named", 4)]))]
    assert [c.article.id for c in rank(cards)] == ["c", "a", "b"]


@pytest.mark.parametrize(("score", "band"), [(70.0, "high"), (69.9, "mixed"), (0.0, "low")])
def test_band_thresholds_are_inclusive(score: float, band: str) -> None:
    assert SCORING.band_for(score) == band
