"""The shared parts of the anachronism checks (``engine.anachronism.base``): what "now" is for
an article, when an interval certainly misses it, how a tenure set is judged, and the facts a
finding quotes. The checks themselves are exercised on articles in ``tests/test_temporal.py``."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.anachronism.base import Facts, Reference, role_conflict
from engine.knowledge import KnowledgeBase
from engine.knowledge.entries import FuzzyDate, Tenure
from engine.model import Article, DateInfo, DateWindow, LineIndex
from engine.rule import ArticleContext

AS_OF = dt.date(2026, 11, 21)
D = dt.date


def _ctx(info: DateInfo) -> ArticleContext:
    text = "Text."
    return ArticleContext(Article("t", "<t>", text), info, AS_OF, KnowledgeBase(),
                          LineIndex(text), 1)


def _tenure(start: str | None, end: str | None) -> Tenure:
    return Tenure("A", (), "r", "R", "C", FuzzyDate.parse(start) if start else None,
                  FuzzyDate.parse(end) if end else None, None, ("https://example.org/a",),
                  "true", "", "/x/k.yaml:7")


def test_the_reference_is_the_date_else_the_inferred_window_else_as_of() -> None:
    dated = Reference.of(_ctx(DateInfo(D(2024, 5, 1), "metadata")))
    assert (dated.day, dated.label) == (D(2024, 5, 1), "2024-05-01")
    assert "dated 2024-05-01," in dated.basis and "inference" not in dated.basis
    window = DateInfo(None, "inferred", window=DateWindow(D(2017, 1, 1), D(2017, 6, 30)))
    placed = Reference.of(_ctx(window))
    assert (placed.day, placed.earliest, placed.latest) == (None, D(2017, 1, 1), D(2017, 6, 30))
    assert placed.label == "2017-01-01..2017-06-30"
    undated = Reference.of(_ctx(DateInfo(None, "none")))
    assert undated.day == AS_OF and "--as-of" in undated.basis


@pytest.mark.parametrize(("ref", "start", "end", "verdict"), [
    (Reference(D(2025, 1, 1), None, None, ""), D(2020, 1, 1), D(2024, 12, 31), "after"),
    (Reference(D(2025, 1, 1), None, None, ""), D(2025, 1, 2), None, "before"),
    (Reference(D(2025, 1, 1), None, None, ""), D(2020, 1, 1), D(2025, 1, 1), None),
    (Reference(D(2025, 1, 1), None, None, ""), None, None, None),
    # A window conflicts only when the interval fits nowhere in it.
    (Reference(None, D(2017, 1, 1), D(2017, 12, 31), ""), D(2010, 1, 1), D(2017, 3, 1), None),
    (Reference(None, D(2017, 1, 1), D(2017, 12, 31), ""), D(2010, 1, 1), D(2016, 12, 31),
     "after"),
    (Reference(None, D(2017, 1, 1), D(2017, 12, 31), ""), D(2018, 1, 1), None, "before"),
    (Reference(None, None, D(2017, 12, 31), ""), D(2010, 1, 1), D(2011, 1, 1), None),
])
def test_an_interval_is_excluded_only_when_it_certainly_misses(
        ref: Reference, start: dt.date | None, end: dt.date | None, verdict: str | None) -> None:
    assert ref.excludes(start, end) == verdict


def test_a_tenure_set_conflicts_only_when_every_tenure_misses() -> None:
    ref = Reference(D(2025, 6, 1), None, None, "")
    # Fuzzy dates are read conservatively: "2025-05" may end on 31 May.
    assert role_conflict([_tenure("2019", "2025-05")], ref) == "after"
    assert role_conflict([_tenure("2019", "2025-06")], ref) is None
    assert role_conflict([_tenure("2026", None)], ref) == "before"
    assert role_conflict([_tenure("2010", "2012"), _tenure("2026", None)], ref) == "after"
    assert role_conflict([_tenure("2010", "2012"), _tenure("2024", None)], ref) is None


def test_cited_facts_quote_the_entry_against_the_reference() -> None:
    ref = Reference(D(2025, 6, 1), None, None, "the article, dated 2025-06-01,")
    entry = _tenure("2019-03", None)
    facts = Facts.cited(ref, name=entry.name, sources=entry.sources, origin=entry.origin,
                        start=entry.start, end=entry.end, quote="Minister A", role="R")
    assert facts.as_fields() == {
        "name": "A", "role": "R", "country": "", "start": "2019-03", "end": "?",
        "date": "2025-06-01", "basis": "the article, dated 2025-06-01",
        "source": "https://example.org/a", "origin": "/x/k.yaml:7", "successor": "",
        "quote": "Minister A", "days": ""}
