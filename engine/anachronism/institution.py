"""Check ``institution``: a body (army unit, party, foreign force presence) presented as
acting now ("Republican Guard brigades train") after it ceased to exist, or before it was
formed; only where the body's country is named nearby. One finding per body.

Options: ``framing``: ``current`` (default) reports bodies acting as such; ``residual``
reports "Wagner remnants"-style mentions instead, for a separate, softer rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.anachronism.base import Anachronism, Facts, Reference
from engine.knowledge.entries import Institution
from engine.mentions import Mention, find_mentions
from engine.options import read_options
from engine.rule import ArticleContext, CompileEnv
from engine.temporal.describe import cite, fuzzy

NAME = "institution"
OPTIONS: dict[str, Any] = {
    "framing": {"enum": ["current", "residual"], "default": "current",
                "description": "bodies acting as such (current) or their remnants (residual)"},
}
REQUIRED: tuple[str, ...] = ()


@dataclass(frozen=True)
class Options:
    framing: str


class InstitutionCheck:
    def __init__(self, framing: str) -> None:
        self.framing = framing

    def find(self, ctx: ArticleContext) -> list[Anachronism]:
        """Bodies presented as acting when the knowledge says they no longer (or not yet)
        existed."""
        ref = Reference.of(ctx)
        grouped: dict[str, Anachronism] = {}
        for mention in find_mentions(ctx):
            body = mention.institution
            if (body is None or mention.framing != self.framing or not mention.acting
                    or mention.country is None or body.verified == "false"):
                continue
            where = ref.excludes(body.start.earliest if body.start else None,
                                 body.end.latest if body.end else None)
            if where is None:
                continue
            if body.name in grouped:
                grouped[body.name].mentions.append(mention)
                continue
            grouped[body.name] = self._anachronism(ctx, mention, body, where, ref)
        return list(grouped.values())

    def _anachronism(self, ctx: ArticleContext, mention: Mention, body: Institution,
                     where: str, ref: Reference) -> Anachronism:
        source = cite(body.sources, body.origin)
        quote = ctx.text[mention.start:mention.end]
        if where == "after":
            what = "remnants of it" if self.framing == "residual" else "it"
            statement = (f"{body.name} ceased to exist by {fuzzy(body.end)} {source}; "
                         f"{ref.basis} presents {what} as active (\"{quote}\").")
        else:
            statement = (f"{body.name} was formed only in {fuzzy(body.start)} {source}; "
                         f"{ref.basis} already presents it as active (\"{quote}\").")
        return Anachronism(NAME, [mention], statement, Facts.cited(
            ref, name=body.name, sources=body.sources, origin=body.origin, start=body.start,
            end=body.end, quote=quote, country=body.country))


def build(options: Mapping[str, Any], env: CompileEnv) -> InstitutionCheck:
    return InstitutionCheck(read_options(Options, OPTIONS, options).framing)
