"""Kind ``density``: how often something occurs per ``per_words`` words, scored by bands.

Options: ``pattern`` and the matching options of ``engine.matching``; ``per_words`` (default
1000); ``min_words`` (articles shorter than this are not judged, default 80) and ``bands``: the
first band whose ``at_least``/``below`` holds for the rate gives the points (and its own
``explain``, if it has one: a "none found" band has no match to quote); no band, no finding.
Use ``unless_near`` for "a figure with no attribution nearby".

Template fields: ``count``, ``rate``, ``per_words``, ``words``, ``match``, ``first.GROUP``,
``points``.
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

NAME = "density"
OPTIONS: dict[str, Any] = {
    **MATCH_OPTIONS,
    "bands": {"type": "array", "description": "over the rate per per_words, e.g. "
                                              "[{at_least: 3, points: 5}, {below: 1, points: -5}]"},
    "per_words": {"type": "integer", "minimum": 1, "default": 1000,
                  "description": "the rate is matches per this many words"},
    "min_words": {"type": "integer", "minimum": 0, "default": 80,
                  "description": "shorter articles are not rated (a rate needs words)"},
}
REQUIRED = ("pattern", "bands")
FIELDS = ("count", "rate", "per_words", "words", "match", "points")
MAX_SPANS = 5


@dataclass(frozen=True)
class Options:
    per_words: int
    min_words: int


class DensityRule:
    def __init__(self, rule: RuleSpec, matcher: Matcher) -> None:
        self.rule = rule
        self.matcher = matcher
        options = read_options(Options, OPTIONS, rule.options)
        self.per_words = options.per_words
        self.min_words = options.min_words

    def evaluate(self, ctx: ArticleContext) -> Sequence[Finding]:
        words = ctx.word_count
        if words < self.min_words:
            return []
        matches = list(self.matcher.finditer(ctx.text))
        rate = len(matches) * self.per_words / max(words, 1)
        band = self.rule.band_for(rate)
        if band is None:
            return []
        points = band.points
        first = matches[0] if matches else None
        message = render(self.rule.band_explain(band), {
            "count": len(matches), "rate": rate, "per_words": self.per_words, "words": words,
            "match": first.text if first else "", "first": Groups(first.groups if first else {}),
            "points": points})
        spans = [ctx.span(m.start, m.end) for m in matches[:MAX_SPANS]]
        return [make_finding(self.rule, points, message, spans)]


def compile(rule: RuleSpec, env: CompileEnv) -> DensityRule | None:
    matcher = Matcher(rule.options, env)
    return DensityRule(rule, matcher) if matcher.ok else None
