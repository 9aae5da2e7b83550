"""The article's date expressions, found once per article and shared by the date checks."""

from __future__ import annotations

from engine.dates import FoundDate, find_dates
from engine.rule import ArticleContext, MemoKey

DATES: MemoKey[list[FoundDate]] = MemoKey("consistency.dates")


def article_dates(ctx: ArticleContext) -> list[FoundDate]:
    """``engine.dates.find_dates`` over the article text, memoised on the context."""
    return ctx.cached(DATES, lambda: find_dates(ctx.text))
