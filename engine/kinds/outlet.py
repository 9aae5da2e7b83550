"""Kind ``outlet``: the reputation of the article's publisher, from published ratings.

The outlet is resolved once per article (``engine.outlet``: metadata, else the article's own
self-identification). Its domain's first rating (the outlet's own ``ratings`` in the
knowledge, then each ``outlet-ratings`` table in load order; ``rating_sets`` restricts and
orders the tables) is put on 0 (worst) .. 1 (best) and the first band that holds gives the
points. No outlet, no domain, no rating or no band: no finding (the scorecard still says
"outlet unknown" or names the unrated outlet).

Options: ``rating_sets`` (ids of ``outlet-ratings`` entries to use, in order of preference;
default all) and ``bands`` over the 0..1 rating.

Template fields: ``domain``, ``outlet``, ``rating`` (on its own scale), ``normalised``,
``scale`` ("0 lowest, 1 highest"), ``source`` (the rating set's title), ``date`` (of the
rating), ``via`` (where the outlet was found), ``evidence``, ``points``.

Example::

    - id: outlet.reputation
      kind: outlet
      bands: [{at_least: 0.8, points: 12}, {below: 0.3, points: -25}]
      explain: '{domain}: {rating:.2f} on the {source} ({scale})'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from engine.knowledge.sections.outlets import OUTLET_DIRECTORY, OutletDirectory, Rating
from engine.model import Finding
from engine.options import read_options
from engine.outlet import outlet_of
from engine.rule import ArticleContext, CompileEnv, RuleSpec, make_finding
from engine.template import render

NAME = "outlet"
OPTIONS: dict[str, Any] = {
    "rating_sets": {"type": "array", "minItems": 1,
                    "items": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}},
    "bands": {"type": "array",
              "description": "over the 0..1 rating, e.g. [{below: 0.3, points: -20}]"},
}
REQUIRED = ("bands",)
FIELDS = ("domain", "outlet", "rating", "normalised", "scale", "source", "date", "via",
          "evidence", "points")


@dataclass(frozen=True)
class Options:
    rating_sets: list[str] | None = None


class OutletRule:
    def __init__(self, rule: RuleSpec, rating_sets: tuple[str, ...] | None) -> None:
        self.rule = rule
        self.rating_sets = rating_sets

    def rating(self, directory: OutletDirectory, domain: str) -> Rating | None:
        ratings = directory.ratings(domain)
        if self.rating_sets is None:
            return ratings[0] if ratings else None
        by_set = {r.set_id: r for r in reversed(ratings)}
        return next((by_set[s] for s in self.rating_sets if s in by_set), None)

    def evaluate(self, ctx: ArticleContext) -> Sequence[Finding]:
        claim = outlet_of(ctx).primary
        directory = ctx.knowledge.indexed(OUTLET_DIRECTORY)
        if claim is None or claim.domain is None or directory is None:
            return []
        rating = self.rating(directory, claim.domain)
        if rating is None:
            return []
        band = self.rule.band_for(rating.normalised)
        if band is None:
            return []
        points = band.points
        message = render(self.rule.band_explain(band), {
            "domain": claim.domain, "outlet": claim.name, "rating": rating.value,
            "normalised": rating.normalised, "scale": rating.scale_text,
            "source": rating.source, "date": rating.date, "via": claim.via,
            "evidence": claim.evidence, "points": points})
        return [make_finding(self.rule, points, message, [claim.span] if claim.span else [])]


def compile(rule: RuleSpec, env: CompileEnv) -> OutletRule | None:
    wanted = read_options(Options, OPTIONS, rule.options).rating_sets
    if wanted is not None:
        directory = env.knowledge.indexed(OUTLET_DIRECTORY)
        known = {s.id for s in directory.rating_sets} if directory is not None else set()
        unknown = [s for s in wanted if s not in known]
        if unknown:
            env.problem("rating_sets", f"no outlet-ratings entry {', '.join(unknown)}",
                        f"known rating sets: {', '.join(sorted(known)) or 'none'}")
            return None
    return OutletRule(rule, tuple(wanted) if wanted is not None else None)
