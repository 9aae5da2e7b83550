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
from engine.consistency.base import Conflict, quote
from engine.kinds._family import FamilyRule, build_check, declarations
from engine.model import Span
from engine.rule import ArticleContext, CompileEnv, RuleSpec

NAME = "consistency"
# A rule names one of CHECKS with `check:`; the rule schema is a discriminated oneOf over them.
OPTIONS, REQUIRED, DISCRIMINATOR, VARIANTS = declarations(CHECKS, "per conflict")
FIELDS = ("subject", "a", "b", "why", "sides", "points")


class ConsistencyRule(FamilyRule[Conflict]):
    def fields(self, ctx: ArticleContext, found: Conflict, points: float) -> Mapping[str, Any]:
        quotes = [quote(ctx, side) for side in found.sides]
        return {"subject": found.subject, "a": quotes[0],
                "b": quotes[1] if len(quotes) > 1 else "",
                "why": found.why[:1].upper() + found.why[1:],
                "sides": len(quotes), "points": points}

    def spans(self, ctx: ArticleContext, found: Conflict) -> Sequence[Span]:
        return [ctx.span(side.start, side.end) for side in found.sides]


def compile(rule: RuleSpec, env: CompileEnv) -> ConsistencyRule | None:
    check = build_check(CHECKS, rule, env)
    return ConsistencyRule(rule, check) if check is not None else None
