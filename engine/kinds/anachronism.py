"""Kind ``anachronism``: the article's facts do not fit its date, by the dated knowledge.

Option ``check`` names one module of ``engine/anachronism/``: ``role`` (a person in a post
they did not hold then), ``institution`` (a body acting when it did not exist), ``death`` (a dead
person acting), ``stale`` (undated content dated long before --as-of). Each check's docstring
and options are its documentation (see each module); the rule schema is a discriminated
``oneOf`` over the checks, so a key of another check is an error at its line.

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

from collections.abc import Mapping, Sequence
from typing import Any

from engine.anachronism import CHECKS
from engine.anachronism.base import Anachronism
from engine.kinds._family import FamilyRule, build_check, declarations
from engine.mentions import mention_index
from engine.model import Span
from engine.rule import ArticleContext, CompileEnv, RuleSpec

NAME = "anachronism"
# A rule names one of CHECKS with `check:`; the rule schema is a discriminated oneOf over them.
OPTIONS, REQUIRED, DISCRIMINATOR, VARIANTS = declarations(CHECKS, "per finding")
FIELDS = ("statement", "name", "role", "country", "start", "end", "date", "basis", "source",
          "origin", "successor", "quote", "count", "days", "check", "points")


class AnachronismRule(FamilyRule[Anachronism]):
    def fields(self, ctx: ArticleContext, found: Anachronism,
               points: float) -> Mapping[str, Any]:
        return {**found.facts.as_fields(), "statement": found.statement,
                "count": max(1, len(found.mentions)), "check": found.check, "points": points}

    def spans(self, ctx: ArticleContext, found: Anachronism) -> Sequence[Span]:
        return found.spans(ctx)


def compile(rule: RuleSpec, env: CompileEnv) -> AnachronismRule | None:
    check = build_check(CHECKS, rule, env)
    if check is None:
        return None
    # Build the knowledge base's alias and title matchers now, once, not on the first article.
    mention_index(env.knowledge)
    return AnachronismRule(rule, check)
