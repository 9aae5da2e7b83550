"""What the two check-family kinds (``consistency``, ``anachronism``) share: a rule runs the one
check its ``check:`` option selects (``engine/consistency/``, ``engine/anachronism/``) and
turns each thing the check finds into one finding worth the rule's ``points``.

A helper, not a kind: it declares no ``NAME`` and is in no registry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from engine.model import Finding, Span
from engine.rule import (
    ArticleContext,
    CheckModule,
    CompileEnv,
    Finder,
    OptionSet,
    RuleSpec,
    make_finding,
)
from engine.template import render

Found = TypeVar("Found")  # what a check finds: a Conflict, an Anachronism
CheckT = TypeVar("CheckT")
Checks = TypeVar("Checks", bound=Mapping[str, OptionSet])  # a family's CHECKS registry


def declarations(checks: Checks,
                 awarded: str) -> tuple[dict[str, Any], tuple[str, ...], str, Checks]:
    """``OPTIONS``, ``REQUIRED``, ``DISCRIMINATOR`` and ``VARIANTS`` of a check-family kind,
    from its registry ``checks``. A rule names one check with ``check:`` and must give the
    ``points`` awarded per finding (``awarded``: "per conflict"). The rule schema is then a
    discriminated ``oneOf`` over the checks: each check's own options, and only those, are
    valid beside ``check: NAME`` (``engine.ruleset.rule_schema``)."""
    # The folder named in the description is the checks' own package ("engine/consistency/"),
    # so it follows the family if it moves.
    module = str(getattr(next(iter(checks.values())), "__name__", ""))
    folder = module.rsplit(".", 1)[0].replace(".", "/") + "/"
    options = {"check": {"enum": sorted(checks), "description": f"which check of {folder} runs"},
               "points": {"type": "number",
                          "description": f"awarded {awarded}, negative (capped by max_points)"}}
    return options, ("check", "points"), "check", checks


class FamilyRule(Generic[Found]):
    """One rule of a check-family kind. The kind says how a found thing fills the template
    (``fields``) and which article ranges it quotes (``spans``)."""

    def __init__(self, rule: RuleSpec, check: Finder[Found]) -> None:
        self.rule = rule
        self.check = check

    def evaluate(self, ctx: ArticleContext) -> Sequence[Finding]:
        points = self.rule.points or 0.0
        findings: list[Finding] = []
        for found in self.check.find(ctx):
            message = render(self.rule.explain, self.fields(ctx, found, points))
            findings.append(make_finding(self.rule, points, message, self.spans(ctx, found)))
        return findings

    def fields(self, ctx: ArticleContext, found: Found, points: float) -> Mapping[str, Any]:
        raise NotImplementedError

    def spans(self, ctx: ArticleContext, found: Found) -> Sequence[Span]:
        raise NotImplementedError


def build_check(checks: Mapping[str, CheckModule[CheckT]], rule: RuleSpec,
                env: CompileEnv) -> CheckT | None:
    """The rule's check, compiled once per run (None after a reported problem)."""
    # The schema has already checked the options against this check's own (the kind's
    # VARIANTS): only the selected check's keys are there.
    return checks[rule.options["check"]].build(rule.options, env)
