"""Kind ``ratio``: one signal's share against another's, scored by bands.

Options: ``pattern`` (the numerator) and ``against`` (the denominator's pattern), each with the
matching options of ``engine.matching`` (``against_`` prefix for the second, e.g.
``against_unless_preceded_by``). The value banded is ``share = n / (n + m)`` in 0..1, judged
only when ``n + m >= min_total`` (default 3).

Template fields: ``count`` (n), ``against_count`` (m), ``share``, ``percent``, ``match``,
``first.GROUP``, ``points``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from engine.matching import MATCH_OPTIONS, Matcher
from engine.model import Finding
from engine.options import read_options
from engine.rule import ArticleContext, CompileEnv, RuleSpec, make_finding
from engine.template import Groups, render

NAME = "ratio"
OPTIONS: dict[str, Any] = {
    **MATCH_OPTIONS,
    **{f"against_{k}" if k != "pattern" else "against": v for k, v in MATCH_OPTIONS.items()},
    "bands": {"type": "array",
              "description": "over the share 0..1, e.g. [{at_least: 0.6, points: 5}]"},
    "min_total": {"type": "integer", "minimum": 1, "default": 3,
                  "description": "fire only when both patterns match at least this often"},
}
REQUIRED = ("pattern", "against", "bands")
FIELDS = ("count", "against_count", "share", "percent", "match", "points")
MAX_SPANS = 4


@dataclass(frozen=True)
class Options:
    min_total: int


class RatioRule:
    def __init__(self, rule: RuleSpec, numerator: Matcher, denominator: Matcher) -> None:
        self.rule = rule
        self.numerator = numerator
        self.denominator = denominator
        self.min_total = read_options(Options, OPTIONS, rule.options).min_total

    def evaluate(self, ctx: ArticleContext) -> Sequence[Finding]:
        num = list(self.numerator.finditer(ctx.text))
        den = list(self.denominator.finditer(ctx.text))
        total = len(num) + len(den)
        if total < self.min_total:
            return []
        share = len(num) / total
        band = self.rule.band_for(share)
        if band is None:
            return []
        points = band.points
        first = num[0] if num else None
        message = render(self.rule.band_explain(band), {
            "count": len(num), "against_count": len(den), "share": share,
            "percent": share * 100, "match": first.text if first else "",
            "first": Groups(first.groups if first else {}), "points": points})
        quoted = num[: MAX_SPANS // 2] + den[: MAX_SPANS // 2]
        spans = sorted((ctx.span(m.start, m.end) for m in quoted), key=lambda s: s.start)
        return [make_finding(self.rule, points, message, spans)]


def compile(rule: RuleSpec, env: CompileEnv) -> RatioRule | None:
    numerator = Matcher(rule.options, env)
    denominator = Matcher(rule.options, env, key="against", prefix="against_")
    if not (numerator.ok and denominator.ok):
        return None
    return RatioRule(rule, numerator, denominator)
