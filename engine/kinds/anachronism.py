"""Kind ``anachronism``: the article's facts do not fit its date, by the dated knowledge.

One kind, four checks (option ``check``), each in ``engine.temporal.checks``:

- ``role``: a person presented as holding a role now (no historical framing: "former",
  "then-", "under Assad", "in 2017", ... see ``rules/knowledge/lexicon.yaml``) while the
  knowledge says the article's date lies outside every tenure of theirs in that role: out of
  office (date after ``end``), or a *prochronism* (date before ``start``: someone in a role
  before they held it). An open-ended tenure never fires.
- ``institution``: a body (army unit, party, foreign force presence) presented as acting now
  ("Republican Guard brigades train") after it ceased to exist, or before it was formed; only
  where the body's country is named nearby. Option ``framing: residual`` reports "Wagner
  remnants"-style mentions instead, for a separate, softer rule.
- ``death``: a dead person presented as speaking, meeting or acting.
- ``stale``: an undated article whose content dates it (inferred window) more than
  ``stale_after_days`` (default 365) before the run's as-of date.

The article's date is its publication date, a day pinned by inference, or (undated) its
inferred window, else the run's --as-of date; the message says which. Knowledge dates are read
conservatively (see ``engine.knowledge.entries.FuzzyDate``). One finding per person and role
(per body, per dead person), quoting up to five mentions; the rule's ``points`` are awarded per
finding and ``max_points`` caps the total.

Template fields: ``statement`` (the full knowledge statement: who held what from when to when,
the source URL and the knowledge entry's path:line, how the article presents it, and the
successor on that date when the knowledge names one), ``name``, ``role``, ``country``,
``start``, ``end``, ``date`` (the reference date or window), ``basis`` (how the date was
obtained), ``source`` (first source URL), ``origin`` (knowledge path:line), ``successor``,
``quote`` (the first mention as written), ``count`` (mentions), ``days`` (stale: age in
days), ``check`` and ``points``. A good ``explain`` is a short prefix and ``{statement}``.

Example::

    - id: temporal.officeholder-out-of-office
      kind: anachronism
      check: role
      points: -12
      max_points: 30
      explain: 'Official presented in a post they did not hold then: {statement}'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from engine.mentions import mention_index
from engine.model import Finding
from engine.rule import ArticleContext, CompileEnv, RuleSpec, make_finding
from engine.template import render
from engine.temporal import checks

NAME = "anachronism"
CHECKS = ("role", "institution", "death", "stale")
OPTIONS: dict[str, Any] = {
    "check": {"enum": list(CHECKS)},
    "framing": {"enum": ["current", "residual"],
                "description": "institution check: bodies acting as such (current) or their "
                               "remnants (residual)"},
    "stale_after_days": {"type": "integer", "minimum": 1},
}
REQUIRED = ("check",)
FIELDS = ("statement", "name", "role", "country", "start", "end", "date", "basis", "source",
          "origin", "successor", "quote", "count", "days", "check", "points")
DEFAULT_STALE_DAYS = 365


class AnachronismRule:
    def __init__(self, rule: RuleSpec) -> None:
        self.rule = rule
        self.check = str(rule.options["check"])
        self.framing = str(rule.options.get("framing", "current"))
        self.stale_after = int(rule.options.get("stale_after_days", DEFAULT_STALE_DAYS))

    def problems(self, ctx: ArticleContext) -> list[checks.Problem]:
        if self.check == "role":
            return checks.role_problems(ctx)
        if self.check == "institution":
            return checks.institution_problems(ctx, self.framing)
        if self.check == "death":
            return checks.death_problems(ctx)
        return checks.stale_problems(ctx, self.stale_after)

    def evaluate(self, ctx: ArticleContext) -> Sequence[Finding]:
        points = self.rule.points or 0.0
        findings = []
        for problem in self.problems(ctx):
            values = {**problem.facts.as_fields(), "statement": problem.statement,
                      "count": max(1, len(problem.mentions)), "check": self.check,
                      "points": points}
            message = render(self.rule.explain, values)
            findings.append(make_finding(self.rule, points, message, problem.spans(ctx)))
        return findings


def compile(rule: RuleSpec, env: CompileEnv) -> AnachronismRule | None:
    check = rule.options.get("check")
    if rule.points is None:
        env.problem("kind", f"rule {rule.id}: kind anachronism needs `points`",
                    "add `points: N` (awarded per finding, negative)")
        return None
    if "framing" in rule.options and check != "institution":
        env.problem("framing", f"rule {rule.id}: `framing` applies to check institution only",
                    "remove `framing`, or set `check: institution`")
        return None
    if "stale_after_days" in rule.options and check != "stale":
        env.problem("stale_after_days", f"rule {rule.id}: `stale_after_days` applies to "
                    "check stale only", "remove it, or set `check: stale`")
        return None
    # Build the knowledge base's alias and title matchers now, once, not on the first article.
    mention_index(env.knowledge)
    return AnachronismRule(rule)
