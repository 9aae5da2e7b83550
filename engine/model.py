"""The small frozen values passed between stages: Article, Span, Finding, Scorecard.

Every stage is a pure function of these; all of them serialise to plain JSON via ``as_dict``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from engine.version import __version__

DateSource = Literal["metadata", "html", "dateline", "inferred", "none"]
STATED_DATE_SOURCES: tuple[DateSource, ...] = ("metadata", "html", "dateline")
"""Date sources where the article itself states its date (an inferred window is not one)."""
Positions = Literal["file", "record", "extracted"]
"""What an article's line:col count in: ``file``: the file the user has (front matter
included); ``record``: the ``text`` field of one JSONL/JSON record; ``extracted``: the main
text extracted from an HTML page (not the page's markup)."""


@dataclass(frozen=True)
class Article:
    """One scorable text. ``id`` is unique in a run; ``meta`` keeps every other input field.

    ``line_offset``: lines of the file before the text (front matter), so that line numbers
    count in the file. ``record_line``: the line of a JSONL record in its file. ``origins``:
    where each metadata field came from (``{"title": "first line", "author": "json-ld"}``).
    """

    id: str
    path: str
    text: str
    title: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    format: str = "txt"
    positions: Positions = "file"
    line_offset: int = 0
    record_line: int | None = None
    origins: Mapping[str, str] = field(default_factory=dict)

    @property
    def location(self) -> str:
        """Where the article is: ``path``, or ``path:RECORD-LINE (record ID)`` for a record."""
        if self.record_line is None:
            return self.path
        return f"{self.path}:{self.record_line} (record {self.id})"


@dataclass(frozen=True)
class Skipped:
    """An input that could not be scored, and why (``line`` for a JSONL record)."""

    id: str
    path: str
    reason: str
    line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "path": self.path, "reason": self.reason, "line": self.line}


class LineIndex:
    """Maps character offsets in a text to 1-based line and column."""

    def __init__(self, text: str, line_offset: int = 0) -> None:
        # ``line_offset`` lines come before the text in its file (front matter): line numbers
        # are the file's.
        self._line_offset = line_offset
        self._starts = [0]
        start = text.find("\n")
        while start != -1:  # str.find runs in C: fast on a multi-megabyte article
            self._starts.append(start + 1)
            start = text.find("\n", start + 1)

    def line_range(self, offset: int, text_length: int) -> tuple[int, int]:
        """(start, end) offsets of the line holding ``offset``, its line break excluded: in
        log time, where scanning for the breaks around it costs the line's length."""
        line = bisect.bisect_right(self._starts, offset) - 1
        end = self._starts[line + 1] - 1 if line + 1 < len(self._starts) else text_length
        return self._starts[line], end

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1 + self._line_offset, offset - self._starts[line] + 1


@dataclass(frozen=True)
class Span:
    """A quoted piece of the article: character offsets, 1-based line:col, and the text."""

    start: int
    end: int
    line: int
    col: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int, index: LineIndex) -> Span:
        line, col = index.line_col(start)
        return cls(start, end, line, col, text[start:end])

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "line": self.line, "col": self.col,
                "text": self.text}


ReviewDecision = Literal["dismissed", "confirmed"]


@dataclass(frozen=True)
class Review:
    """A reviewer's decision on one finding: ``dismissed`` (a false positive) or ``confirmed``."""

    decision: ReviewDecision
    reviewer: str
    note: str

    @property
    def dismissed(self) -> bool:
        return self.decision == "dismissed"

    def as_dict(self) -> dict[str, Any]:
        return {"decision": self.decision, "reviewer": self.reviewer, "note": self.note}


@dataclass(frozen=True)
class Finding:
    """What one rule saw in one article. ``points`` > 0 adds to reliability, < 0 takes away.

    ``review`` is a reviewer's decision on it, if any; a dismissed finding counts no points.
    """

    rule_id: str
    category: str
    title: str
    points: float
    message: str
    spans: tuple[Span, ...] = ()
    review: Review | None = None

    def as_dict(self) -> dict[str, Any]:
        out = {"rule_id": self.rule_id, "category": self.category, "title": self.title,
               "points": self.points, "message": self.message,
               "spans": [s.as_dict() for s in self.spans]}
        if self.review is not None:  # only reviewed runs carry the key
            out["review"] = self.review.as_dict()
        return out


@dataclass(frozen=True)
class DateWindow:
    """An inclusive interval of possible publication dates, with the evidence behind it.

    ``spans``: the article ranges the kept evidence quotes (the weekday's last), so that a check
    citing the window quotes them without inferring the date again. Analysis only: not in the
    report (a card read back from JSON has none), so not compared either.
    """

    earliest: dt.date | None
    latest: dt.date | None
    evidence: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {"earliest": _iso(self.earliest), "latest": _iso(self.latest),
                "evidence": list(self.evidence)}


@dataclass(frozen=True)
class DateInfo:
    """The article's publication date and where it came from."""

    date: dt.date | None
    source: DateSource
    span: Span | None = None
    window: DateWindow | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"date": _iso(self.date), "date_source": self.source,
                "date_evidence": self.span.as_dict() if self.span else None,
                "inferred_window": self.window.as_dict() if self.window else None}


@dataclass(frozen=True)
class OutletClaim:
    """One identification of the article's publisher: what it says, and where that was read.

    ``via`` names the place ("metadata url", "dateline credit"); ``evidence`` is the metadata
    value or the article text that says so, and ``span`` locates the latter in the article.
    ``domain`` is the domain the outlet is rated by, when one is known.
    """

    name: str
    domain: str | None
    via: str
    evidence: str
    span: Span | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "domain": self.domain, "via": self.via,
                "evidence": self.evidence, "span": self.span.as_dict() if self.span else None}


@dataclass(frozen=True)
class OutletInfo:
    """Who published the article: every identification found, the one relied on first.

    Metadata comes before the article's own words; among those, the knowledge's cue order
    decides. No identification at all is an explicit "outlet unknown"."""

    claims: tuple[OutletClaim, ...] = ()

    @property
    def primary(self) -> OutletClaim | None:
        return self.claims[0] if self.claims else None

    def as_dict(self) -> dict[str, Any]:
        primary = self.primary
        return {"resolved": primary is not None,
                **(primary.as_dict() if primary else {}),
                "claims": [c.as_dict() for c in self.claims]}


@dataclass(frozen=True)
class Contribution:
    """One line of the score arithmetic: a rule's raw points and what counted after caps."""

    rule_id: str
    category: str
    raw: float
    applied: float
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "category": self.category, "raw": self.raw,
                "applied": self.applied, "note": self.note}


@dataclass(frozen=True)
class Scorecard:
    """The scored article: findings, the arithmetic that turned them into a score, and its band."""

    article: Article
    date: DateInfo
    findings: tuple[Finding, ...]
    contributions: tuple[Contribution, ...]
    subscores: Mapping[str, float]
    base: float
    score: float
    band: str
    category_notes: Mapping[str, str] = field(default_factory=dict)
    not_run: tuple[str, ...] = ()
    """Length-dependent rules that did not judge this article because it is too short."""
    word_count: int = 0

    @property
    def short_note(self) -> str:
        """The note a short article carries, naming the rules that did not run, or ""."""
        if not self.not_run:
            return ""
        return (f"short article ({self.word_count} words): not judged by "
                f"{', '.join(self.not_run)}")
    outlet: OutletInfo | None = None  # None: not resolved in this run (e.g. a bare scorecard)

    def as_dict(self) -> dict[str, Any]:
        art = self.article
        return {
            "id": art.id, "path": art.path, "title": art.title, "encoding": art.encoding,
            "format": art.format, "positions": art.positions, "line_offset": art.line_offset,
            "record_line": art.record_line, "origins": dict(art.origins),
            "word_count": self.word_count, "not_run": list(self.not_run),
            "score": self.score, "band": self.band, "base": self.base,
            **self.date.as_dict(),
            "subscores": dict(self.subscores),
            "category_notes": dict(self.category_notes),
            "contributions": [c.as_dict() for c in self.contributions],
            "findings": [f.as_dict() for f in self.findings],
            "meta": _jsonable(art.meta),
            "outlet": self.outlet.as_dict() if self.outlet else None,
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _jsonable(value: Any) -> Any:
    # Exact types first: every card of a run passes through here, and the ABC checks below
    # cost more than the rest of the conversion.
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {str(k): _jsonable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if kind is list or kind is tuple:
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


@dataclass(frozen=True)
class RuleInfo:
    """What a report needs to know of a rule that ran."""

    id: str
    category: str
    title: str
    kind: str


@dataclass(frozen=True)
class RunReport:
    """Everything one run produced: ranked scorecards (best first) and skipped inputs."""

    cards: Sequence[Scorecard]  # a tuple, or a lazy sequence read from disk (engine.spool)
    skipped: tuple[Skipped, ...]
    as_of: dt.date
    ruleset_digest: str
    engine_version: str
    rules: tuple[RuleInfo, ...] = ()
    bands: tuple[tuple[str, float, str], ...] = ()  # (name, at_least, meaning), highest first
    settings: RunSettings | None = None  # the config in force; None: shipped defaults


@dataclass(frozen=True)
class RunSettings:
    """What changed the shipped rules in this run: every report's header names it."""

    config_file: str | None = None
    disabled: tuple[str, ...] = ()
    weights: tuple[tuple[str, float], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"config_file": self.config_file, "disabled": list(self.disabled),
                "weights": dict(self.weights)}

    def summary(self) -> str:
        """``config: FILE; disabled: a, b; weights: x ×0.5`` (``none`` for what is unset)."""
        weights = ", ".join(f"{k} ×{v:g}" for k, v in self.weights) or "none"
        return (f"config: {self.config_file or 'none'}; disabled: "
                f"{', '.join(self.disabled) or 'none'}; weights: {weights}")


@dataclass(frozen=True)
class RunHeader:
    """What a report says about the ruleset: small and plain, so that a run whose every card
    comes from the cache can take it from there too and never load the rules."""

    digest: str
    rules: tuple[RuleInfo, ...]
    bands: tuple[tuple[str, float, str], ...]
    settings: RunSettings

    def report(self, ranked: Sequence[Scorecard], skipped: Sequence[Skipped],
               as_of: dt.date) -> RunReport:
        """The report over cards already in rank order (e.g. a spool's lazy sequence)."""
        return RunReport(ranked, tuple(sorted(skipped, key=lambda s: (s.id, s.line or 0))),
                         as_of, self.digest, __version__, self.rules, self.bands,
                         self.settings)
