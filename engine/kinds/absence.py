"""Kind ``absence``: a signal a reliable article carries is missing.

Either ``pattern`` (with the matching options of ``engine.matching``, e.g. ``scope`` to look
only near the top) must not match, or ``fact`` names something the engine already knows about
the article: ``publication_date`` (no date in metadata or dateline), ``byline`` (no author in
metadata), ``title``. The rule fires once, with ``points``, when the signal is missing.

Template fields: ``what`` (the fact or ``pattern``), ``points``.

Example::

    - id: structure.no-date
      kind: absence
      fact: publication_date
      points: -5
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from engine.matching import MATCH_OPTIONS, Matcher
from engine.model import STATED_DATE_SOURCES, Finding
from engine.options import read_options
from engine.rule import ArticleContext, CompileEnv, RuleSpec, make_finding
from engine.template import render

NAME = "absence"
FACTS = ("publication_date", "byline", "title")
OPTIONS: dict[str, Any] = {
    **MATCH_OPTIONS,
    "fact": {"enum": list(FACTS)},
    "points": {"type": "number", "description": "awarded once when the signal is missing"},
}
REQUIRED = ("points",)
FIELDS = ("what", "points")


@dataclass(frozen=True)
class Options:
    fact: str | None = None


def _has_fact(fact: str, ctx: ArticleContext) -> bool:
    meta = ctx.article.meta
    if fact == "publication_date":
        # An inferred window is not a stated date: the article still failed to say when it was
        # published.
        return ctx.date.source in STATED_DATE_SOURCES
    if fact == "byline":
        author = meta.get("author") or meta.get("authors")
        return bool(author)
    return bool(ctx.article.title)


class AbsenceRule:
    def __init__(self, rule: RuleSpec, matcher: Matcher | None, fact: str | None) -> None:
        self.rule = rule
        self.matcher = matcher
        self.fact = fact

    def evaluate(self, ctx: ArticleContext) -> Sequence[Finding]:
        present = False
        if self.fact is not None:
            present = _has_fact(self.fact, ctx)
        if not present and self.matcher is not None:
            present = next(self.matcher.finditer(ctx.text), None) is not None
        if present:
            return []
        points = self.rule.points or 0.0
        what = self.fact or "pattern"
        return [make_finding(self.rule, points,
                             render(self.rule.explain, {"what": what, "points": points}), [])]


def compile(rule: RuleSpec, env: CompileEnv) -> AbsenceRule | None:
    fact = read_options(Options, OPTIONS, rule.options).fact
    if fact is None and "pattern" not in rule.options:
        env.problem("kind", f"rule {rule.id}: kind absence needs `fact` or `pattern`",
                    f"add `fact: one of {', '.join(FACTS)}` or a `pattern` to look for")
        return None
    matcher = Matcher(rule.options, env) if "pattern" in rule.options else None
    if matcher is not None and not matcher.ok:
        return None
    return AbsenceRule(rule, matcher, fact)
