"""Kind ``consistency``: the article contradicts itself (or the record); one finding per conflict.

Options: ``check`` names one module of ``engine/consistency/`` (``role-conflict``,
``host-conflict``, ``dateline-conflict``, ``weekday-mismatch``, ``event-after-publication``,
``outlet-conflict``, ``number-conflict``, ``known-confusion``, ``false-claim``); the rule's other
keys are that check's own options (see each module's docstring). A key of another check is an
error. ``points`` are awarded per conflict; ``max_points`` caps the total (the scorer enforces
it).

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

from collections.abc import Sequence
from typing import Any

from engine.consistency import CHECKS
from engine.consistency.base import Check, quote
from engine.model import Finding
from engine.rule import ArticleContext, CompileEnv, RuleSpec, make_finding
from engine.template import render

NAME = "consistency"
OPTIONS: dict[str, Any] = {"check": {"enum": sorted(CHECKS)}}
for _module in CHECKS.values():
    for _key, _schema in _module.OPTIONS.items():
        # Two checks may share a key (role-conflict and host-conflict read people alike); the
        # first schema stands for both, so shared keys must be defined once and imported.
        OPTIONS.setdefault(_key, _schema)
REQUIRED = ("check",)
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
    module = CHECKS[rule.options["check"]]
    ok = True
    foreign = sorted(set(rule.options) - {"check"} - set(module.OPTIONS))
    for key in foreign:
        env.problem(key, f"rule {rule.id}: check {module.NAME} has no option {key!r}",
                    f"options of {module.NAME}: {', '.join(sorted(module.OPTIONS)) or 'none'}")
        ok = False
    for key in module.REQUIRED:
        if key not in rule.options:
            env.problem("check", f"rule {rule.id}: check {module.NAME} needs `{key}`",
                        f"add `{key}:` (see the docstring of check {module.NAME})")
            ok = False
    if rule.points is None:
        env.problem("kind", f"rule {rule.id}: kind consistency needs `points`",
                    "add `points: N` (awarded per conflict)")
        ok = False
    if not ok:
        return None
    check = module.build(rule.options, env)
    return ConsistencyRule(rule, check) if check is not None else None
