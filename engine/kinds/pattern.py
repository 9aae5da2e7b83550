"""Kind ``pattern``: the text says something that matters; points per match, capped.

Options: ``pattern`` (one RE2 pattern or a list of alternatives), the context conditions of
``engine.matching`` and ``min_count`` (fire only from that many matches, default 1). The rule's
``points`` are awarded per match; ``max_points`` caps the total (the scorer enforces it).

Template fields: ``count``, ``match`` (first match), ``first.GROUP``, ``points``.

Example::

    - id: provenance.ai-disclosure
      kind: pattern
      pattern: '(?i)this (?:content|article) (?:is|was) (?:ai|machine)[- ]generated'
      points: -30
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

NAME = "pattern"
OPTIONS: dict[str, Any] = {
    **MATCH_OPTIONS,
    "points": {"type": "number", "description": "awarded per match (capped by max_points)"},
    "min_count": {"type": "integer", "minimum": 1, "default": 1,
                  "description": "fire only with at least this many matches"},
}
REQUIRED = ("pattern", "points")
FIELDS = ("count", "match", "points")
MAX_SPANS = 5  # quoting every match of a frequent pattern helps no reviewer


@dataclass(frozen=True)
class Options:
    min_count: int


class PatternRule:
    def __init__(self, rule: RuleSpec, matcher: Matcher) -> None:
        self.rule = rule
        self.matcher = matcher
        self.min_count = read_options(Options, OPTIONS, rule.options).min_count

    def evaluate(self, ctx: ArticleContext) -> Sequence[Finding]:
        matches = list(self.matcher.finditer(ctx.text))
        if len(matches) < self.min_count:
            return []
        points = (self.rule.points or 0.0) * len(matches)
        message = render(self.rule.explain, {
            "count": len(matches), "match": matches[0].text,
            "first": Groups(matches[0].groups), "points": points})
        spans = [ctx.span(m.start, m.end) for m in matches[:MAX_SPANS]]
        return [make_finding(self.rule, points, message, spans)]


def compile(rule: RuleSpec, env: CompileEnv) -> PatternRule | None:
    matcher = Matcher(rule.options, env)
    return PatternRule(rule, matcher) if matcher.ok else None
