"""Date inference for undated articles: a window of possible publication dates, with evidence.

An undated article still dates itself through what it says. ``infer_date`` collects
constraints, each a (possibly open) interval with a weight and a sentence of evidence quoting
the text, and intersects them:

- (a) a person presented as holding a role now ("Syrian President Bashar al-Assad said"): the
  tenure interval (weight 2, 3 when stressed: "Syria's new president");
- (b) a dated event the article refers to ("the strike on the Shayrat airbase"): on or after
  the event (weight 3);
- (c) a body presented as acting now ("Republican Guard brigades train"): its existence
  interval (weight 1); a dead person presented as speaking: on or before the death (weight 1);
- (d) the run's as-of date: nothing is published after it.

Constraints are applied strongest first; one that would empty the window is dropped and the
evidence says so ("dropped: ... contradicts the rest"), so a single wrong mention cannot erase
what the others establish. Finally a weekday with a day and month but no year ("Tuesday,
December 23rd") is matched against the years the window allows: if exactly one fits, the
article is dated to that day.

Fuzzy knowledge dates are read generously here (an end "2025-10" allows up to 2025-10-31):
the window must contain the true date.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from engine.dates import find_dates, weekday_years
from engine.knowledge import KnowledgeBase
from engine.knowledge.entries import Tenure
from engine.mentions import Mention, mention_index, scan_mentions
from engine.mentions.names import title_key
from engine.model import Article, DateInfo, DateWindow, LineIndex, Span
from engine.temporal.describe import country_role, fuzzy

WEIGHT_EVENT = 3
WEIGHT_ROLE = 2
WEIGHT_STRESSED = 3
WEIGHT_BODY = 1
WEIGHT_DEATH = 1
QUOTE_CHARS = 90


@dataclass(frozen=True)
class Evidence:
    """One constraint on the publication date: ``earliest``..``latest`` (None = open)."""

    earliest: dt.date | None
    latest: dt.date | None
    weight: int
    statement: str  # human-readable, quotes the text
    spans: tuple[tuple[int, int], ...]
    source: str  # "role", "event", "institution", "death", "weekday"


@dataclass(frozen=True)
class Inference:
    """The outcome: window bounds, the pinned day (if any) and all evidence, kept and dropped."""

    earliest: dt.date | None
    latest: dt.date
    date: dt.date | None
    kept: tuple[Evidence, ...]
    dropped: tuple[Evidence, ...]
    weekday: Evidence | None
    notes: tuple[str, ...]

    def kept_spans(self) -> tuple[tuple[int, int], ...]:
        """The article ranges the kept evidence quotes, in text order, the weekday's last."""
        weekday = (self.weekday,) if self.weekday is not None else ()
        return tuple(span for item in (*self.kept, *weekday) for span in item.spans)

    def evidence_lines(self) -> tuple[str, ...]:
        lines = [e.statement for e in self.kept]
        if self.weekday is not None:
            lines.append(self.weekday.statement)
        lines.extend(f"dropped, contradicts the stronger evidence: {e.statement}"
                     for e in self.dropped)
        lines.extend(self.notes)
        return tuple(lines)


def infer_date(article: Article, knowledge: KnowledgeBase, as_of: dt.date,
               index: LineIndex) -> DateInfo | None:
    """The inferred publication window of an undated article, or None when nothing dates it.

    ``DateInfo.date`` is set only when the window pins one day (a weekday fits exactly one
    year), and its ``span`` then quotes that weekday expression.
    """
    found = infer(article.text, knowledge, as_of)
    if found is None:
        return None
    window = DateWindow(found.earliest, found.latest, found.evidence_lines(), found.kept_spans())
    span = None
    if found.date is not None and found.weekday is not None and found.weekday.spans:
        start, end = found.weekday.spans[0]
        span = Span.of(article.text, start, end, index)
    return DateInfo(found.date, "inferred", span, window)


def infer(text: str, kb: KnowledgeBase, as_of: dt.date) -> Inference | None:
    """The full inference for ``text`` (see the module docstring); None without evidence."""
    evidence = collect_evidence(text, kb)
    if not evidence:
        return None
    lo: dt.date | None = None
    hi = as_of
    kept: list[Evidence] = []
    dropped: list[Evidence] = []
    for item in sorted(evidence, key=lambda e: -e.weight):  # stable: text order within a weight
        new_lo = _max(lo, item.earliest)
        new_hi = hi if item.latest is None else min(hi, item.latest)
        if new_lo is not None and new_lo > new_hi:
            dropped.append(item)
            continue
        lo, hi = new_lo, new_hi
        kept.append(item)
    notes: list[str] = []
    if not kept:
        return None
    if hi == as_of and all(e.latest is None or e.latest > as_of for e in kept):
        notes.append(f"not after the run's as-of date {as_of}")
    pinned, weekday = _weekday(text, lo, hi, notes)
    kept.sort(key=lambda e: e.spans[0] if e.spans else (0, 0))
    if pinned is not None:
        return Inference(pinned, pinned, pinned, tuple(kept), tuple(dropped), weekday,
                         tuple(notes))
    return Inference(lo, hi, None, tuple(kept), tuple(dropped), weekday, tuple(notes))


def collect_evidence(text: str, kb: KnowledgeBase) -> list[Evidence]:
    """Every dating constraint the text offers, in text order (see the module docstring)."""
    mentions = scan_mentions(text, kb, None)
    out: list[Evidence] = []
    seen: set[tuple[str, str]] = set()
    for mention in mentions:
        if not mention.current:
            continue
        item = _mention_evidence(text, mention, seen)
        if item is not None:
            out.append(item)
    index = mention_index(kb)
    if index.events is not None:
        seen_events: set[str] = set()
        for m in index.events.finditer(text):
            for event in index.event_phrases.get(title_key(m.group()), ()):
                if event.name in seen_events or event.verified == "false":
                    continue
                seen_events.add(event.name)
                out.append(Evidence(
                    event.date.earliest, None, WEIGHT_EVENT,
                    f"{_quote(text, m.start(), m.end())}: refers to {event.name} "
                    f"({event.date}) -> published on or after {event.date.earliest}",
                    ((m.start(), m.end()),), "event"))
    out.sort(key=lambda e: e.spans[0])
    return out


def _mention_evidence(text: str, mention: Mention,
                      seen: set[tuple[str, str]]) -> Evidence | None:
    quote = _quote(text, mention.start, mention.end)
    if mention.kind == "person" and mention.role_id is not None:
        key = (mention.person_key, mention.role_id)
        tenures = [t for t in mention.tenures if t.verified != "false"]
        if key in seen or not tenures:
            return None
        lo, hi = _hull(tenures)
        if lo is None and hi is None:
            return None
        seen.add(key)
        first = tenures[0]
        held = (f"{first.name} held the post of {country_role(first)} "
                f"{_interval_words(tenures)}")
        weight = WEIGHT_STRESSED if mention.stressed else WEIGHT_ROLE
        stress = " (stressed as current)" if mention.stressed else ""
        return Evidence(lo, hi, weight,
                        f"{quote}: presented as current{stress}; {held} -> "
                        f"{_bound_words(lo, hi)}",
                        ((mention.start, mention.end),), "role")
    if mention.kind == "institution" and mention.institution is not None and mention.acting \
            and mention.country is not None:
        body = mention.institution
        key = ("institution", body.name)
        if key in seen or body.verified == "false" or (body.start is None and body.end is None):
            return None
        seen.add(key)
        lo = body.start.earliest if body.start else None
        hi = body.end.latest if body.end else None
        return Evidence(lo, hi, WEIGHT_BODY,
                        f"{quote}: presented as active; {body.name} existed "
                        f"{_span_words(body.start, body.end)} -> {_bound_words(lo, hi)}",
                        ((mention.start, mention.end),), "institution")
    if mention.kind == "person" and mention.deaths and mention.acting:
        death = mention.deaths[0]
        key = ("death", death.name)
        if key in seen or death.verified == "false":
            return None
        seen.add(key)
        return Evidence(None, death.date.latest, WEIGHT_DEATH,
                        f"{quote}: presented as speaking or acting; {death.name} died on "
                        f"{death.date} -> published on or before {death.date.latest}",
                        ((mention.start, mention.end),), "death")
    return None


def _weekday(text: str, lo: dt.date | None, hi: dt.date,
             notes: list[str]) -> tuple[dt.date | None, Evidence | None]:
    """The one day a year-less weekday date allows inside lo..hi, with its evidence."""
    if lo is None:
        return None, None
    pins: dict[dt.date, Evidence] = {}
    for found in find_dates(text):
        if found.year_given or found.weekday is None:
            continue
        years = weekday_years(found.month, found.day, found.weekday, lo.year, hi.year)
        days = [d for d in (dt.date(y, found.month, found.day) for y in years) if lo <= d <= hi]
        quote = _quote(text, found.start, found.end)
        if len(days) == 1:
            pins.setdefault(days[0], Evidence(
                days[0], days[0], 0,
                f"{quote}: of the years {lo.year}-{hi.year} the window allows, only in "
                f"{days[0].year} was {_month_day(found.month, found.day)} a {found.weekday} "
                f"-> published on {days[0]}", ((found.start, found.end),), "weekday"))
        elif not days:
            notes.append(f"{quote}: fits no year of the window; ignored")
        else:
            listed = ", ".join(str(d.year) for d in days)
            notes.append(f"{quote}: fits several years of the window ({listed}); not pinned")
    if len(pins) == 1:
        day, item = next(iter(pins.items()))
        return day, item
    if len(pins) > 1:
        notes.append("weekday dates disagree on the year: "
                     + ", ".join(str(d) for d in sorted(pins)) + "; not pinned")
    return None, None


def _month_day(month: int, day: int) -> str:
    return dt.date(2000, month, day).strftime("%B ") + str(day)


def _hull(tenures: Sequence[Tenure]) -> tuple[dt.date | None, dt.date | None]:
    starts = [t.start.earliest if t.start else None for t in tenures]
    ends = [t.end.latest if t.end else None for t in tenures]
    lo = None if None in starts else min(s for s in starts if s is not None)
    hi = None if None in ends else max(e for e in ends if e is not None)
    return lo, hi


def _interval_words(tenures: Sequence[Tenure]) -> str:
    if len(tenures) == 1:
        return _span_words(tenures[0].start, tenures[0].end, tenures[0].last_seen)
    return "; ".join(_span_words(t.start, t.end, t.last_seen) for t in tenures)


def _span_words(start: object, end: object, last_seen: object = None) -> str:
    since = f"from {fuzzy(start)}" if start is not None else "from an unknown date"
    if end is not None:
        return f"{since} to {fuzzy(end)}"
    seen = f", still in place when last seen on {fuzzy(last_seen)}" if last_seen else ""
    return f"{since}, with no known end{seen}"


def _bound_words(lo: dt.date | None, hi: dt.date | None) -> str:
    if lo is not None and hi is not None:
        return f"published between {lo} and {hi}"
    if lo is not None:
        return f"published on or after {lo}"
    return f"published on or before {hi}"


@functools.lru_cache(maxsize=2)
def _line_index(text: str) -> LineIndex:
    # Counting the line breaks before every quote was quadratic in a long article with many
    # mentions; the index of the article (or two) being read is kept instead.
    return LineIndex(text)


def _quote(text: str, start: int, end: int) -> str:
    snippet = " ".join(text[start:end].split())
    if len(snippet) > QUOTE_CHARS:
        snippet = snippet[:QUOTE_CHARS - 1] + "…"
    line, _ = _line_index(text).line_col(start)
    return f'"{snippet}" (line {line})'


def _max(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)
