"""Findings -> Scorecard: transparent arithmetic a reviewer can redo by hand.

score = base + sum over categories of clamp(sum over rules of capped(rule points)), then the
total is clamped to 0..100 and mapped to a named band (rules/scoring.yaml). Each rule's total
is capped at its ``max_points`` magnitude; each category's total at its [min, max].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from engine.model import Article, Contribution, DateInfo, Finding, Scorecard
from engine.rule import RuleSpec


@dataclass(frozen=True)
class CategoryCap:
    """The points a category's findings may add up to (``[min, max]``, the clamp applied to
    their total) and its title, as the generated rule docs print it."""

    min: float
    max: float
    title: str = ""


@dataclass(frozen=True)
class ScoreBand:
    """A named band of the 0..100 score: a card is in the first band, highest first, whose
    ``at_least`` its score reaches; ``meaning`` says what that tells a reader."""

    name: str
    at_least: float
    meaning: str


@dataclass(frozen=True)
class ScoringConfig:
    """``rules/scoring.yaml``: the score before any finding, each category's cap, the bands."""

    base: float
    categories: Mapping[str, CategoryCap]
    bands: tuple[ScoreBand, ...]  # highest threshold first

    def band_for(self, score: float) -> str:
        for band in self.bands:
            if score >= band.at_least:
                return band.name
        return self.bands[-1].name


def _clamp(value: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, value))


def build_scorecard(article: Article, date: DateInfo, findings: Sequence[Finding],
                    specs: Mapping[str, RuleSpec], scoring: ScoringConfig) -> Scorecard:
    by_rule: dict[str, float] = {}
    dismissed: dict[str, list[float]] = {}
    for finding in findings:
        if finding.review is not None and finding.review.dismissed:
            # A reviewer's false positive: shown on the card, counts nothing.
            dismissed.setdefault(finding.rule_id, []).append(finding.points)
            by_rule.setdefault(finding.rule_id, 0.0)
            continue
        by_rule[finding.rule_id] = by_rule.get(finding.rule_id, 0.0) + finding.points
    contributions: list[Contribution] = []
    raw_by_category: dict[str, float] = {}
    for rule_id in sorted(by_rule):
        spec = specs[rule_id]
        raw = by_rule[rule_id]
        applied = raw
        rule_notes: list[str] = []
        if spec.max_points is not None and abs(raw) > spec.max_points:
            applied = spec.max_points if raw > 0 else -spec.max_points
            rule_notes.append(f"capped at {applied:+g} (rule max_points {spec.max_points:g})")
        if rule_id in dismissed:
            points = dismissed[rule_id]
            rule_notes.append(f"{len(points)} dismissed finding(s) worth {sum(points):+g} "
                              "not counted")
        note = "; ".join(rule_notes)
        contributions.append(Contribution(rule_id, spec.category, round(raw, 2),
                                          round(applied, 2), note))
        raw_by_category[spec.category] = raw_by_category.get(spec.category, 0.0) + applied
    subscores: dict[str, float] = {}
    notes: dict[str, str] = {}
    for name, cap in scoring.categories.items():
        total = raw_by_category.get(name, 0.0)
        clamped = _clamp(total, cap.min, cap.max)
        subscores[name] = round(clamped, 2)
        if clamped != total:
            notes[name] = f"{total:+g} clamped to the category's range [{cap.min:g}, {cap.max:+g}]"
    total = scoring.base + sum(subscores.values())
    score = round(_clamp(total, 0.0, 100.0), 1)
    ordered = tuple(sorted(findings, key=lambda f: (f.category, f.rule_id,
                                                    f.spans[0].start if f.spans else -1)))
    return Scorecard(article, date, ordered, tuple(contributions), subscores, scoring.base,
                     score, scoring.band_for(score), notes)


def rank(cards: Sequence[Scorecard]) -> list[Scorecard]:
    """Most reliable first; ties broken by article id so output is deterministic."""
    return sorted(cards, key=lambda c: (-c.score, c.article.id))
