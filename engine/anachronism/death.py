"""Check ``death``: a dead person presented as speaking, meeting or acting now.

A role mention the ``role`` check already reports (a dead officeholder titled as current) is
skipped here, so one sentence is not penalised twice; the role finding names the death. One
finding per dead person.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from engine.anachronism.base import (
    Anachronism,
    Facts,
    Reference,
    role_conflict,
    verified_tenures,
)
from engine.knowledge.entries import Death
from engine.mentions import find_mentions
from engine.rule import ArticleContext, CompileEnv
from engine.temporal.describe import cite

NAME = "death"
OPTIONS: dict[str, Any] = {}
REQUIRED: tuple[str, ...] = ()


class DeathCheck:
    def find(self, ctx: ArticleContext) -> list[Anachronism]:
        ref = Reference.of(ctx)
        grouped: dict[str, Anachronism] = {}
        for mention in find_mentions(ctx):
            if (mention.kind != "person" or not mention.deaths or not mention.current
                    or not mention.acting):
                continue
            usable = verified_tenures(mention)
            if mention.role_id is not None and usable and role_conflict(usable, ref) is not None:
                continue  # the role check reports this mention, and names the death
            death = _earliest_certain(mention.deaths)
            if death is None or ref.excludes(None, death.date.latest) != "after":
                continue
            if death.name in grouped:
                grouped[death.name].mentions.append(mention)
                continue
            quote = ctx.text[mention.start:mention.end]
            statement = (f"{death.name} died on {death.date} "
                         f"{cite(death.sources, death.origin)}; {ref.basis} presents "
                         f"{death.name} as alive and active (\"{quote}\").")
            grouped[death.name] = Anachronism(NAME, [mention], statement, Facts.cited(
                ref, name=death.name, sources=death.sources, origin=death.origin, start="",
                end=str(death.date), quote=quote))
        return list(grouped.values())


def build(options: Mapping[str, Any], env: CompileEnv) -> DeathCheck:
    return DeathCheck()


def _earliest_certain(deaths: Sequence[Death]) -> Death | None:
    usable = [d for d in deaths if d.verified != "false"]
    return min(usable, key=lambda d: d.date.latest) if usable else None
