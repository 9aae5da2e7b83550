"""Check ``dateline-conflict``: two different publication dates given near the top.

A dateline is a full date (year included, read by ``engine.dates.find_dates``) starting in the
first ``first_chars`` characters, whose line text before it matches one of ``anchors``: a
byline ("In Syria News by Newsroom"), a dateline credit ("Damascus (Washington Insider
Magazine)"), a place ("WASHINGTON,"), an outlet lead ("NextFin News - On") or a label
("Published:", "date"). Dates that ``unless_before`` marks as something else ("Updated:",
"Modified") are not publication dates. When the datelines name two or more different days, the
article states two publication dates; each distinct day's first dateline is quoted.

Options: ``anchors`` (list of RE2, each matched against the line text before the date; write
them to end at the date, e.g. with ``$``), ``unless_before`` (RE2, case-blind),
``first_chars`` (default 600).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.consistency.base import Conflict, Side, compile_option, line_of
from engine.consistency.dates_common import article_dates
from engine.rule import ArticleContext, CompileEnv

NAME = "dateline-conflict"
OPTIONS: dict[str, Any] = {
    "anchors": {"type": "array", "minItems": 1, "items": {"type": "string"}},
    "unless_before": {"type": "string"},
    "first_chars": {"type": "integer", "minimum": 1},
}
REQUIRED = ("anchors",)


class DatelineConflict:
    def __init__(self, anchors: list[Any], unless: Any, first_chars: int) -> None:
        self.anchors = anchors
        self.unless = unless
        self.first_chars = first_chars

    def find(self, ctx: ArticleContext) -> list[Conflict]:
        firsts: dict[object, Side] = {}
        for found in article_dates(ctx):
            if found.start >= self.first_chars:
                break
            if found.date is None:
                continue
            line_start, _ = line_of(ctx.text, found.start)
            before = ctx.text[line_start:found.start]
            if self.unless is not None and self.unless.search(before):
                continue
            if any(anchor.search(before) for anchor in self.anchors):
                firsts.setdefault(found.date, Side(line_start, found.end))
        if len(firsts) < 2:
            return []
        days = ", ".join(str(day) for day in firsts)
        why = (f"the article gives {len(firsts)} different publication dates ({days}) in its "
               "datelines; it was published on one day.")
        return [Conflict("publication date", tuple(firsts.values()), why)]


def build(options: Mapping[str, Any], env: CompileEnv) -> DatelineConflict | None:
    anchors = [compile_option(env, ("anchors", i), p) for i, p in enumerate(options["anchors"])]
    unless = (compile_option(env, "unless_before", options["unless_before"], True)
              if "unless_before" in options else None)
    if any(a is None for a in anchors) or ("unless_before" in options and unless is None):
        return None
    return DatelineConflict(anchors, unless, int(options.get("first_chars", 600)))
