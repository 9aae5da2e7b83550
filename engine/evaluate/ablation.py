"""Re-score a scorecard without some of its findings, exactly as the engine would have.

Removing a rule is not subtracting its points: its cap, its category's clamp and the 0..100
clamp may each have absorbed part of them. Rebuilding the scorecard from the remaining findings
re-applies every cap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from engine.model import Finding, Scorecard
from engine.rule import RuleSpec
from engine.scoring import ScoringConfig, build_scorecard


def score_without(card: Scorecard, drop: Callable[[Finding], bool],
                  specs: Mapping[str, RuleSpec], scoring: ScoringConfig) -> float:
    """The score ``card`` would have without the findings for which ``drop`` is true."""
    kept = [f for f in card.findings if not drop(f)]
    if len(kept) == len(card.findings):
        return card.score
    return build_scorecard(card.article, card.date, kept, dict(specs), scoring).score
