"""Labelled scorecards (the reliable ones, the unreliable ones) -> every figure of an
evaluation, as one frozen, serialisable value.

Pure: takes scorecards already scored and the ruleset that scored them; reads no files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.evaluate.ablation import score_without
from engine.evaluate.baseline import NAME as BASELINE_NAME
from engine.evaluate.baseline import attribution_count
from engine.evaluate.figures import DIGITS, as_json, figure
from engine.evaluate.metrics import Interval, bootstrap_auc, detect_below, roc_auc
from engine.evaluate.roc import Point, roc_points
from engine.model import Finding, Scorecard
from engine.ruleset import Ruleset


@dataclass(frozen=True)
class CategoryFigures:
    """How well one category's subscore alone, and the score without it, rank the articles."""

    category: str
    subscore: Interval = field(metadata=figure(key="subscore_auc"))
    # AUC of the score with this category's findings removed
    without: Interval = field(metadata=figure(key="auc_without"))


@dataclass(frozen=True)
class RuleFigures:
    """How often one rule fired in each class, and what removing it does to the AUC."""

    rule_id: str
    category: str
    fires_reliable: float  # share of reliable articles it fired on
    fires_unreliable: float
    # mean points of its findings per article it fired on
    mean_points: float = field(metadata=figure(digits=2))
    # AUC without the rule minus AUC with it: < 0 means the rule helps
    auc_change: float = field(metadata=figure(key="auc_change_when_removed"))


@dataclass(frozen=True)
class ThresholdFigures:
    """Flagging every article below a band's lower bound as unreliable."""

    band: str
    below: float
    precision: float
    recall: float
    f1: float
    flagged: int


@dataclass(frozen=True)
class BandFigures:
    """Which articles one score band holds, by label."""

    band: str
    at_least: float
    articles: int
    unreliable: int
    share_unreliable: float  # of the articles in this band, how many were labelled unreliable
    share_of_unreliable: float  # of all unreliable articles, how many fell in this band


@dataclass(frozen=True)
class Evaluation:
    """Every figure of one evaluation, as ``as_dict`` writes it for the renderers."""

    reliable: int  # articles labelled reliable
    unreliable: int  # articles labelled unreliable
    engine: Interval  # ROC AUC of the engine's score, with its bootstrap interval
    baseline: Interval  # the same for the baseline (``engine.evaluate.baseline``)
    categories: tuple[CategoryFigures, ...]
    rules: tuple[RuleFigures, ...]  # rules that fired at all, most helpful first
    thresholds: tuple[ThresholdFigures, ...]
    bands: tuple[BandFigures, ...]
    rounds: int  # bootstrap resamples behind each interval
    seed: int  # of the bootstrap's random numbers: the same seed gives the same intervals
    # ROC curves (label, points) of the engine and the baseline, for the HTML charts.
    roc: tuple[tuple[str, tuple[Point, ...]], ...] = ()
    # Share of each class whose publisher was identified (metadata or self-identification).
    outlet_resolved: tuple[float, float] = (0.0, 0.0)  # (reliable, unreliable)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": {"reliable": self.reliable, "unreliable": self.unreliable},
            "bootstrap": {"rounds": self.rounds, "seed": self.seed, "level": 0.95},
            "engine_auc": as_json(self.engine),
            "baseline": {"name": BASELINE_NAME, "auc": as_json(self.baseline)},
            "categories": [as_json(c) for c in self.categories],
            "rules": [as_json(r) for r in self.rules],
            "thresholds": [as_json(t) for t in self.thresholds],
            "bands": [as_json(b) for b in self.bands],
            "outlet_resolved": {"reliable": round(self.outlet_resolved[0], DIGITS),
                                "unreliable": round(self.outlet_resolved[1], DIGITS)},
        }


def evaluate(reliable: Sequence[Scorecard], unreliable: Sequence[Scorecard], ruleset: Ruleset,
             rounds: int = 1000, seed: int = 0) -> Evaluation:
    """Every figure for the scorecards of the articles labelled reliable and unreliable;
    ValueError unless both classes are present."""
    if not reliable or not unreliable:
        raise ValueError(f"need articles of both classes; got {len(reliable)} reliable and "
                         f"{len(unreliable)} unreliable")
    specs = {rule.spec.id: rule.spec for rule in ruleset.rules}

    def auc_of(value: Callable[[Scorecard], float]) -> float:
        return roc_auc([value(c) for c in reliable], [value(c) for c in unreliable])

    def interval(value: Callable[[Scorecard], float]) -> Interval:
        return bootstrap_auc([value(c) for c in reliable], [value(c) for c in unreliable],
                             rounds, seed)

    def without(drop: Callable[[Finding], bool]) -> Callable[[Scorecard], float]:
        return lambda card: score_without(card, drop, specs, ruleset.scoring)

    engine_auc = interval(lambda card: card.score)
    categories = tuple(
        CategoryFigures(name,
                        interval(_subscore(name)), interval(without(_in_category(name))))
        for name in ruleset.scoring.categories)
    rules = []
    for rule in ruleset.rules:
        rule_id = rule.spec.id
        fired_reliable = _fired(reliable, rule_id)
        fired_unreliable = _fired(unreliable, rule_id)
        if not fired_reliable and not fired_unreliable:
            continue
        points = [sum(f.points for f in c.findings if f.rule_id == rule_id)
                  for c in (*fired_reliable, *fired_unreliable)]
        rules.append(RuleFigures(
            rule_id, rule.spec.category,
            len(fired_reliable) / len(reliable), len(fired_unreliable) / len(unreliable),
            sum(points) / len(points),
            auc_of(without(_of_rule(rule_id))) - engine_auc.value))
    rules.sort(key=lambda r: (r.auc_change, r.rule_id))
    baseline_reliable = [float(attribution_count(c.article.text)) for c in reliable]
    baseline_unreliable = [float(attribution_count(c.article.text)) for c in unreliable]
    baseline = bootstrap_auc(baseline_reliable, baseline_unreliable, rounds, seed)
    roc = (("engine score", roc_points([c.score for c in reliable],
                                       [c.score for c in unreliable])),
           (f"baseline: {BASELINE_NAME}", roc_points(baseline_reliable, baseline_unreliable)))
    return Evaluation(len(reliable), len(unreliable), engine_auc, baseline, categories,
                      tuple(rules), _thresholds(reliable, unreliable, ruleset),
                      _bands(reliable, unreliable, ruleset), rounds, seed, roc,
                      (_resolved_share(reliable), _resolved_share(unreliable)))


def _fired(cards: Sequence[Scorecard], rule_id: str) -> list[Scorecard]:
    return [c for c in cards if any(f.rule_id == rule_id for f in c.findings)]


def _resolved_share(cards: Sequence[Scorecard]) -> float:
    found = sum(1 for c in cards if c.outlet is not None and c.outlet.primary)
    return found / len(cards)


def _subscore(category: str) -> Callable[[Scorecard], float]:
    return lambda card: card.subscores.get(category, 0.0)


def _in_category(category: str) -> Callable[[Finding], bool]:
    return lambda finding: finding.category == category


def _of_rule(rule_id: str) -> Callable[[Finding], bool]:
    return lambda finding: finding.rule_id == rule_id


def _thresholds(reliable: Sequence[Scorecard], unreliable: Sequence[Scorecard],
                ruleset: Ruleset) -> tuple[ThresholdFigures, ...]:
    good = [c.score for c in reliable]
    bad = [c.score for c in unreliable]
    out = []
    # Every band but the lowest has a lower bound: "below it" is a way to flag articles.
    for band in ruleset.scoring.bands[:-1]:
        found = detect_below(band.at_least, good, bad)
        out.append(ThresholdFigures(band.name, band.at_least, found.precision, found.recall,
                                    found.f1, found.true_positives + found.false_positives))
    return tuple(out)


def _bands(reliable: Sequence[Scorecard], unreliable: Sequence[Scorecard],
           ruleset: Ruleset) -> tuple[BandFigures, ...]:
    out = []
    for band in ruleset.scoring.bands:
        good = sum(1 for c in reliable if c.band == band.name)
        bad = sum(1 for c in unreliable if c.band == band.name)
        inside = good + bad
        out.append(BandFigures(band.name, band.at_least, inside, bad,
                               bad / inside if inside else 0.0, bad / len(unreliable)))
    return tuple(out)
