"""A scorecard as one compact record, and back: what spools, workers and the cache carry.

A run never holds every scorecard in memory: each one becomes a :class:`Compact` (one line of
text, without the article text unless a format needs it) and is read back when the ranked
report is written. Its JSON is exactly the JSON report's line for the card minus its rank
(``Scorecard.as_dict()``, sorted keys), with the place where ``"rank"`` goes recorded: a card
from the cache goes into a JSON or JSONL report without being parsed at all. The order of the
category subscores and notes (which the text reports follow) is kept beside it.
``Compact.card()`` equals the card it was made from, except that the text is empty when it was
not kept and metadata values are their JSON forms (``Scorecard.as_dict`` renders them so).
"""

from __future__ import annotations

import dataclasses
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
RANK_KEY = "rank"


def _dumps(value: Any) -> str:
    # The JSON report's own settings (engine.report.json_report): same card, same bytes.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


@dataclasses.dataclass(frozen=True)
class Compact:
    """One scorecard as text: ``line`` (sorted-key JSON of ``as_dict()``, plus ``text`` when
    kept), ``split`` (where ``"rank": N, `` goes), ``order`` (JSON of the subscore and
    category-note keys in scoring order) and ``score`` (to rank without parsing)."""

    line: str
    split: int
    order: str
    score: float
    # The text it was decoded from: a cached card goes to the spool as it came, not re-encoded.
    encoded: str = dataclasses.field(default="", compare=False, repr=False)

    def encode(self) -> str:
        """One line (no newline inside): score, split, order, then the JSON."""
        return self.encoded or f"{self.score!r}\t{self.split}\t{self.order}\t{self.line}"

    @classmethod
    def decode(cls, text: str) -> Compact:
        """What :meth:`encode` wrote; ``ValueError`` when it is not that."""
        score, split, order, line = text.split("\t", 3)
        return cls(line, int(split), order, float(score), text)

    def ranked_line(self, rank: int) -> str:
        """The JSON report's line for this card at ``rank``."""
        return ranked_line(self.line, self.split, rank)

    def card(self) -> Scorecard:
        raw = json.loads(self.line)
        subscores, notes = json.loads(self.order)
        raw["subscores"] = {name: raw["subscores"][name] for name in subscores}
        raw["category_notes"] = {name: raw["category_notes"][name] for name in notes}
        return from_dict(raw)


def ranked_line(line: str, split: int, rank: int) -> str:
    """A compact card's JSON ``line`` with ``"rank": N`` put in at ``split``: the JSON report's
    line for the card at ``rank``."""
    return f"{line[:split]}\"{RANK_KEY}\": {rank}, {line[split:]}"


def compact(card: Scorecard, *, keep_text: bool = False) -> Compact:
    """``card`` as a :class:`Compact`; the article text is kept only with ``keep_text``."""
    item = card.as_dict()
    if keep_text:
        item[TEXT_KEY] = card.article.text
    # Sorted keys: the line is the keys before "rank", ", ", then the keys after it; the two
    # halves are written once each and joined, rather than the whole and one half again.
    before = _dumps({key: value for key, value in item.items() if key < RANK_KEY})
    after = _dumps({key: value for key, value in item.items() if key > RANK_KEY})
    line = (f"{before[:-1]}, {after[1:]}" if len(before) > 2 and len(after) > 2
            else _dumps(item))
    order = json.dumps([list(card.subscores), list(card.category_notes)], ensure_ascii=False)
    return Compact(line, len(before) + 1, order, card.score)


def dumps(card: Scorecard, *, keep_text: bool = False) -> str:
    """``card`` as one line of text (:meth:`Compact.encode`)."""
    return compact(card, keep_text=keep_text).encode()


def loads(text: str) -> Scorecard:
    """The scorecard :func:`dumps` wrote."""
    return Compact.decode(text).card()


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
