"""The article's date expressions, found once per article and shared by the date checks."""

from __future__ import annotations

from engine.dates import FoundDate, find_dates
from engine.rule import ArticleContext


def article_dates(ctx: ArticleContext) -> list[FoundDate]:
    """``engine.dates.find_dates`` over the article text, memoised on the context."""
    cached = ctx.memo.get("consistency.dates")
    if cached is None:
        cached = find_dates(ctx.text)
        ctx.memo["consistency.dates"] = cached
    found: list[FoundDate] = cached
    return found
