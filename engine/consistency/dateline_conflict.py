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
``first_chars``; defaults in ``OPTIONS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.consistency.base import Conflict, Side, compile_option, line_of
from engine.consistency.dates_common import article_dates
from engine.consistency.disagreement import disagreements
from engine.options import read_options
from engine.regex import Pattern
from engine.rule import ArticleContext, CompileEnv

NAME = "dateline-conflict"
OPTIONS: dict[str, Any] = {
    "anchors": {"type": "array", "minItems": 1, "items": {"type": "string"},
                "description": "RE2 patterns, each matched against the line text before a date"},
    "unless_before": {"type": "string",
                      "description": "RE2 (case-blind): text before a date that is not a "
                                     "publication date (\"Updated:\")"},
    "first_chars": {"type": "integer", "minimum": 1, "default": 600,
                    "description": "datelines start within this many characters"},
}
REQUIRED = ("anchors",)


@dataclass(frozen=True)
class Options:
    anchors: list[str]
    first_chars: int
    unless_before: str | None = None


class DatelineConflict:
    def __init__(self, anchors: list[Pattern], unless: Pattern | None,
                 first_chars: int) -> None:
        self.anchors = anchors
        self.unless = unless
        self.first_chars = first_chars

    def find(self, ctx: ArticleContext) -> list[Conflict]:
        datelines: list[tuple[dt.date, Side]] = []
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
                datelines.append((found.date, Side(line_start, found.end)))
        found_days = disagreements(datelines, lambda _: "publication date", key=lambda d: d[0])
        if not found_days:
            return []
        firsts = found_days[0].firsts
        days = ", ".join(str(day) for day, _ in firsts)
        why = (f"the article gives {len(firsts)} different publication dates ({days}) in its "
               "datelines; it was published on one day.")
        return [Conflict("publication date", tuple(side for _, side in firsts), why)]


def build(options: Mapping[str, Any], env: CompileEnv) -> DatelineConflict | None:
    opts = read_options(Options, OPTIONS, options)
    anchors = [compile_option(env, ("anchors", i), p) for i, p in enumerate(opts.anchors)]
    unless = (compile_option(env, "unless_before", opts.unless_before, True)
              if opts.unless_before is not None else None)
    compiled = [a for a in anchors if a is not None]
    if len(compiled) < len(anchors) or (opts.unless_before is not None and unless is None):
        return None
    return DatelineConflict(compiled, unless, opts.first_chars)
