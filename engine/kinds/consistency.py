"""Kind ``consistency``: the article contradicts itself (or the record); one finding per conflict.

Options: ``check`` names one module of ``engine/consistency/`` (``role-conflict``,
``host-conflict``, ``dateline-conflict``, ``weekday-mismatch``, ``event-after-publication``,
``outlet-conflict``, ``number-conflict``, ``known-confusion``, ``false-claim``); the rule's other
keys are that check's own options (see each module's docstring). The rule schema is a
discriminated ``oneOf`` over the checks, so a key of another check is an error at its line.
``points`` are awarded per conflict; ``max_points`` caps the total (the scorer enforces it).

Each finding quotes every side of its conflict as a span (two or more for a contradiction
inside the article; one for a false claim the article does not itself contradict).

Template fields: ``subject`` (what the sides are about), ``a`` and ``b`` (the first two quotes),
``why`` (why they cannot all be true), ``sides`` (how many), ``points``.

Example::

    - id: consistency.role-conflict
      kind: consistency
      check: role-conflict
      titles: {chief-of-general-staff: [Chief of Staff, Chief of the General Staff]}
      countries: {Syrian: Syria}
      points: -10
      max_points: 20
      explain: 'Two holders of one office: "{a}" / "{b}": {why}'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from engine.consistency import CHECKS
from engine.consistency.base import Check, ConsistencyCheck, quote
from engine.model import Finding
from engine.rule import ArticleContext, CompileEnv, RuleSpec, family_options, make_finding
from engine.template import render

NAME = "consistency"
OPTIONS: dict[str, Any] = family_options(CHECKS, "engine/consistency/", "per conflict")
REQUIRED = ("check", "points")
# The rule schema is a discriminated oneOf over the checks: each check's own options, and only
# those, are valid beside `check: NAME` (engine.ruleset.rule_schema).
DISCRIMINATOR = "check"
VARIANTS: Mapping[str, ConsistencyCheck] = CHECKS
FIELDS = ("subject", "a", "b", "why", "sides", "points")


class ConsistencyRule:
    def __init__(self, rule: RuleSpec, check: Check) -> None:
        self.rule = rule
        self.check = check

    def evaluate(self, ctx: ArticleContext) -> Sequence[Finding]:
        findings: list[Finding] = []
        points = self.rule.points or 0.0
        for conflict in self.check.find(ctx):
            quotes = [quote(ctx, side) for side in conflict.sides]
            message = render(self.rule.explain, {
                "subject": conflict.subject, "a": quotes[0],
                "b": quotes[1] if len(quotes) > 1 else "",
                "why": conflict.why[:1].upper() + conflict.why[1:],
                "sides": len(quotes), "points": points})
            spans = [ctx.span(side.start, side.end) for side in conflict.sides]
            findings.append(make_finding(self.rule, points, message, spans))
        return findings


def compile(rule: RuleSpec, env: CompileEnv) -> ConsistencyRule | None:
    # The schema has already checked the options against this check's own (see VARIANTS).
    module = CHECKS[rule.options["check"]]
    check = module.build(rule.options, env)
    return ConsistencyRule(rule, check) if check is not None else None
