"""Check ``stale``: an undated article whose content dates it (its inferred window) more than
``stale_after_days`` before the run's as-of date: stale or recycled content presented as news.

The finding quotes the evidence the date inference kept (mentions, a weekday) and states the
window and its age in days (template field ``days``).

Options: ``stale_after_days`` (default in ``OPTIONS``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.anachronism.base import Anachronism, Facts
from engine.options import read_options
from engine.rule import ArticleContext, CompileEnv

NAME = "stale"
OPTIONS: dict[str, Any] = {
    "stale_after_days": {"type": "integer", "minimum": 1, "default": 365,
                         "description": "an inferred window ending more than this many days "
                                        "before --as-of is stale"},
}
REQUIRED: tuple[str, ...] = ()


@dataclass(frozen=True)
class Options:
    stale_after_days: int


class StaleCheck:
    def __init__(self, after_days: int) -> None:
        self.after_days = after_days

    def find(self, ctx: ArticleContext) -> list[Anachronism]:
        info = ctx.date
        window = info.window
        if info.source != "inferred" or window is None or window.latest is None:
            return []
        age = (ctx.as_of - window.latest).days
        if age <= self.after_days:
            return []
        # The date stage's inference kept these ranges: it is not run a second time here.
        spans = list(window.spans)
        place = (f"between {window.earliest} and {window.latest}" if window.earliest
                 else f"on or before {window.latest}")
        if info.date is not None:
            place = f"on {info.date}"
        evidence = "; ".join(window.evidence[:4])
        statement = (f"The article is undated; its content places it {place}, {age} days "
                     f"before the run's as-of date {ctx.as_of}: stale or recycled content "
                     f"presented as news. Evidence: {evidence}")
        return [Anachronism(NAME, [], statement, Facts(
            start=str(window.earliest or ""), end=str(window.latest), date=str(ctx.as_of),
            basis="inferred window", days=age), spans)]


def build(options: Mapping[str, Any], env: CompileEnv) -> StaleCheck:
    return StaleCheck(read_options(Options, OPTIONS, options).stale_after_days)
