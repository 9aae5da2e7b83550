"""Date inference for undated articles (being built: returns no window yet)."""

from __future__ import annotations

import datetime as dt

from engine.knowledge import KnowledgeBase
from engine.model import Article, DateInfo, LineIndex


def infer_date(article: Article, knowledge: KnowledgeBase, as_of: dt.date,
               index: LineIndex) -> DateInfo | None:
    """The inferred publication window of an undated article, or None when nothing dates it."""
    return None
