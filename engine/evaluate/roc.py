"""ROC curve points of a score that should rank positives (reliable) above negatives.

Thresholds run from the highest score down; at each distinct score the curve moves to the
share of negatives and of positives scoring at least that much. Tied scores move both at
once (a diagonal step), so the trapezoid area under the points equals the rank AUC with
ties counted as one half.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

Point = tuple[float, float]  # (false positive rate, true positive rate)


def roc_points(positives: Sequence[float], negatives: Sequence[float]) -> tuple[Point, ...]:
    """The curve from (0, 0) to (1, 1); empty when either class is empty."""
    if not positives or not negatives:
        return ()
    pos, neg = Counter(positives), Counter(negatives)
    tp = fp = 0
    points: list[Point] = [(0.0, 0.0)]
    for threshold in sorted(pos.keys() | neg.keys(), reverse=True):
        tp += pos.get(threshold, 0)
        fp += neg.get(threshold, 0)
        points.append((fp / len(negatives), tp / len(positives)))
    return tuple(points)


def area(points: Sequence[Point]) -> float:
    """Trapezoid area under the points (the AUC of a curve from :func:`roc_points`)."""
    return sum((x2 - x1) * (y1 + y2) / 2 for (x1, y1), (x2, y2) in pairwise(points))
