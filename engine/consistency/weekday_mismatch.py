"""Check ``weekday-mismatch``: a weekday written with a full date it does not fall on.

"Tuesday, February 4, 2026": 4 February 2026 was a Wednesday, so the weekday or the date is
wrong. Only expressions that give both a weekday and a full date (year included) are checked, as
``engine.dates.find_dates`` reads them; "Tuesday, December 23rd" (no year) cannot mismatch.

Sides: the weekday word and the date after it (two spans inside one expression).
Options: none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.consistency.base import Conflict, Side
from engine.consistency.dates_common import article_dates
from engine.dates import WEEKDAYS
from engine.rule import ArticleContext, CompileEnv

NAME = "weekday-mismatch"
OPTIONS: dict[str, Any] = {}
REQUIRED: tuple[str, ...] = ()


class WeekdayMismatch:
    def find(self, ctx: ArticleContext) -> list[Conflict]:
        conflicts: list[Conflict] = []
        for found in article_dates(ctx):
            if found.weekday is None or found.date is None or not found.year_given:
                continue
            actual = WEEKDAYS[found.date.weekday()]
            if actual == found.weekday:
                continue
            # The weekday word is the expression's first word ("Tue.," -> "Tue").
            word_end = found.start
            while word_end < found.end and ctx.text[word_end].isalpha():
                word_end += 1
            date_start = word_end
            while date_start < found.end and not ctx.text[date_start].isalnum():
                date_start += 1
            why = (f"{found.date.isoformat()} was a {actual}, not a {found.weekday}: the "
                   "weekday or the date is wrong.")
            conflicts.append(Conflict(found.text, (Side(found.start, word_end),
                                                   Side(date_start, found.end)), why))
        return conflicts


def build(options: Mapping[str, Any], env: CompileEnv) -> WeekdayMismatch:
    return WeekdayMismatch()
