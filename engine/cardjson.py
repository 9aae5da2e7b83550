"""A scorecard as one compact JSON line, and back: what spools, workers and the cache carry.

A run never holds every scorecard in memory: each one is written as a line here (without the
article text unless a format needs it) and read back when the ranked report is rendered.
``loads(dumps(card))`` equals ``card`` except that the text is empty when it was not kept and
metadata values are their JSON forms (``Scorecard.as_dict`` already renders them so): every
report renders both alike, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from engine.model import (
    Article,
    Contribution,
    DateInfo,
    DateWindow,
    Finding,
    OutletClaim,
    OutletInfo,
    Review,
    Scorecard,
    Span,
)

TEXT_KEY = "text"


def dumps(card: Scorecard, *, keep_text: bool = False) -> str:
    """``card`` as one line of JSON (no newline inside); the article text is included under
    ``text`` only with ``keep_text``. Keys keep their order, not sorted: the order of
    ``subscores`` and ``category_notes`` is the scoring order the text reports show."""
    item = card.as_dict()
    if keep_text:
        item[TEXT_KEY] = card.article.text
    # allow_nan=False: NaN is not JSON (see engine.report.json_report).
    return json.dumps(item, ensure_ascii=False, allow_nan=False)


def loads(line: str) -> Scorecard:
    """The scorecard :func:`dumps` wrote."""
    return from_dict(json.loads(line))


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _span(raw: Mapping[str, Any] | None) -> Span | None:
    if raw is None:
        return None
    return Span(raw["start"], raw["end"], raw["line"], raw["col"], raw["text"])


def _finding(raw: Mapping[str, Any]) -> Finding:
    review = raw.get("review")
    return Finding(raw["rule_id"], raw["category"], raw["title"], raw["points"],
                   raw["message"], tuple(Span(**s) for s in raw["spans"]),
                   Review(**review) if review is not None else None)


def _outlet(raw: Mapping[str, Any] | None) -> OutletInfo | None:
    if raw is None:
        return None
    claims = tuple(OutletClaim(c["name"], c["domain"], c["via"], c["evidence"],
                               _span(c["span"])) for c in raw["claims"])
    return OutletInfo(claims)


def _date(raw: Mapping[str, Any]) -> DateInfo:
    window = raw["inferred_window"]
    return DateInfo(_day(raw["date"]), raw["date_source"], _span(raw["date_evidence"]),
                    DateWindow(_day(window["earliest"]), _day(window["latest"]),
                               tuple(window["evidence"])) if window is not None else None)


def from_dict(raw: Mapping[str, Any]) -> Scorecard:
    """A scorecard from ``Scorecard.as_dict()`` (plus ``text`` when it was kept)."""
    article = Article(raw["id"], raw["path"], raw.get(TEXT_KEY, ""), raw["title"], raw["meta"],
                      raw["encoding"], raw["format"], raw["positions"], raw["line_offset"],
                      raw["record_line"], raw["origins"])
    return Scorecard(article, _date(raw), tuple(_finding(f) for f in raw["findings"]),
                     tuple(Contribution(**c) for c in raw["contributions"]),
                     raw["subscores"], raw["base"], raw["score"], raw["band"],
                     raw["category_notes"], tuple(raw["not_run"]), raw["word_count"],
                     _outlet(raw["outlet"]))
