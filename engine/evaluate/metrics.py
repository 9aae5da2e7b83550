"""Statistics of a two-class evaluation: ROC AUC, its bootstrap interval, precision and recall.

The positive class is "reliable", so an AUC of 1 means every reliable article outscored every
unreliable one, and 0.5 means the score orders them no better than chance.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass


def roc_auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """P(a random positive scores above a random negative), ties counting half.

    Computed from mid-ranks (the Mann-Whitney U statistic) in O(n log n), so the bootstrap can
    afford a thousand rounds on a corpus of thousands.
    """
    if not positives or not negatives:
        raise ValueError("ROC AUC needs at least one article of each class")
    pooled = sorted([(v, True) for v in positives] + [(v, False) for v in negatives],
                    key=lambda item: item[0])
    rank_sum = 0.0
    i = 0
    while i < len(pooled):
        j = i
        while j + 1 < len(pooled) and pooled[j + 1][0] == pooled[i][0]:
            j += 1
        mid_rank = (i + j) / 2 + 1  # ties share the mean of the ranks they span
        rank_sum += mid_rank * sum(1 for k in range(i, j + 1) if pooled[k][1])
        i = j + 1
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


@dataclass(frozen=True)
class Interval:
    """A point estimate and its percentile bootstrap interval."""

    value: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.value:.3f} [{self.low:.3f}, {self.high:.3f}]"


def bootstrap_auc(positives: Sequence[float], negatives: Sequence[float], rounds: int,
                  seed: int, level: float = 0.95) -> Interval:
    """ROC AUC with a percentile bootstrap interval.

    Each class is resampled on its own (stratified), so every round has both classes and the
    class balance of the data; a fixed ``seed`` makes the interval reproducible run to run.
    """
    value = roc_auc(positives, negatives)
    if rounds <= 0:
        return Interval(value, value, value)
    rng = random.Random(seed)
    estimates = sorted(
        roc_auc(rng.choices(positives, k=len(positives)), rng.choices(negatives, k=len(negatives)))
        for _ in range(rounds))
    tail = (1 - level) / 2
    low = estimates[round(tail * (rounds - 1))]
    high = estimates[round((1 - tail) * (rounds - 1))]
    return Interval(value, low, high)


@dataclass(frozen=True)
class Detection:
    """Counts and rates of flagging articles as unreliable with one threshold."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def detect_below(threshold: float, reliable: Sequence[float],
                 unreliable: Sequence[float]) -> Detection:
    """Flag every article scoring below ``threshold`` as unreliable, and count the outcome."""
    caught = sum(1 for s in unreliable if s < threshold)
    return Detection(caught, sum(1 for s in reliable if s < threshold), len(unreliable) - caught)
