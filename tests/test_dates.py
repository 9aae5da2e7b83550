"""engine.dates: date expressions, publication dates, weekday arithmetic."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.dates import find_dates, parse_date, publication_date, weekday_years
from engine.model import Article, DateInfo, LineIndex

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def date_of(text: str, **meta: object) -> DateInfo:
    return publication_date(Article("a", "a.txt", text, meta=meta), LineIndex(text))


@pytest.mark.parametrize(("text", "expected", "quoted"), [
    ("date 2025-10-09 The director said", dt.date(2025, 10, 9), "2025-10-09"),
    ("February 4, 2026\n\nBody.", dt.date(2026, 2, 4), "February 4, 2026"),
    ("NextFin News - On December 23, 2025, ministers met.", dt.date(2025, 12, 23),
     "December 23, 2025"),
    ("MOSCOW, Dec. 23, 2025 (Wire) — Talks.", dt.date(2025, 12, 23), "Dec. 23, 2025"),
    ("23 December 2025\nBody.", dt.date(2025, 12, 23), "23 December 2025"),
    ("Posted 2025-12-23T08:00:00Z\nBody.", dt.date(2025, 12, 23), "2025-12-23"),
    ("Tuesday, February 4, 2026\nBody.", dt.date(2026, 2, 4), "Tuesday, February 4, 2026"),
    ("Headline\n\nIn Syria News by Newsroom February 4, 2026\n\nBody.", dt.date(2026, 2, 4),
     "February 4, 2026"),
    ("Sept. 3 2025 — Body.", dt.date(2025, 9, 3), "Sept. 3 2025"),
])
def test_dateline_forms(text: str, expected: dt.date, quoted: str) -> None:
    info = date_of(text)
    assert (info.date, info.source) == (expected, "dateline")
    assert info.span is not None
    assert info.span.text == quoted
    assert text[info.span.start:info.span.end] == quoted


def test_dateline_span_has_line_and_column() -> None:
    info = date_of("Title\n  By Staff, March 3, 2025\nBody.")
    assert info.span is not None
    assert (info.span.line, info.span.col) == (2, 13)


def test_metadata_beats_dateline() -> None:
    info = date_of("February 4, 2026\nBody.", date="2025-12-23T10:00:00+02:00")
    assert (info.date, info.source, info.span) == (dt.date(2025, 12, 23), "metadata", None)


def test_unreadable_metadata_falls_back_to_dateline() -> None:
    info = date_of("February 4, 2026\nBody.", date="sometime last week")
    assert (info.date, info.source) == (dt.date(2026, 2, 4), "dateline")


def test_metadata_date_objects_are_accepted() -> None:
    assert date_of("x", date=dt.datetime(2025, 1, 2, 3, 4)).date == dt.date(2025, 1, 2)
    assert date_of("x", date=dt.date(2025, 1, 2)).date == dt.date(2025, 1, 2)


def test_no_date_gives_none() -> None:
    assert date_of("Nothing dated here at all.") == DateInfo(None, "none")


def test_partial_date_is_never_a_dateline() -> None:
    assert date_of("Tuesday, December 23rd\nThe meeting.").source == "none"


def test_date_deep_in_a_long_first_paragraph_is_not_a_dateline() -> None:
    lead = ("Ministers met in Moscow to discuss a long list of matters, and according to the "
            "state agency the agreement they reached builds on the treaty of March 3, 2019, "
            "which both sides praised.")
    assert len(lead) > 120
    assert date_of(lead).source == "none"


def test_date_after_the_first_400_characters_is_not_a_dateline() -> None:
    text = "x\n" * 250 + "February 4, 2026\n"
    assert date_of(text).source == "none"


@pytest.mark.parametrize(("seed", "expected"), [
    ("000", dt.date(2025, 10, 9)),
    ("001", dt.date(2026, 2, 4)),
    ("002", dt.date(2025, 12, 23)),
    ("003", None),
    ("004", None),
])
def test_seed_datelines(seed: str, expected: dt.date | None) -> None:
    [path] = SEEDS.glob(f"{seed}_*.txt")
    info = date_of(path.read_text(encoding="utf-8"))
    assert info.date == expected
    assert info.source == ("dateline" if expected else "none")


def test_seed_003_weekday_date_is_found_but_partial() -> None:
    [path] = SEEDS.glob("003_*.txt")
    [found] = [f for f in find_dates(path.read_text(encoding="utf-8")) if f.weekday]
    assert (found.text, found.date, found.year_given) == ("Tuesday, December 23rd", None, False)


def test_find_dates_reports_the_weekday_as_written() -> None:
    # 4 February 2026 is a Wednesday: the mismatch is kept for a consistency rule to flag.
    [found] = find_dates("Published Tuesday, February 4, 2026.")
    assert (found.weekday, found.date, found.year_given) == ("Tuesday", dt.date(2026, 2, 4), True)
    assert found.text == "Tuesday, February 4, 2026"
    assert dt.date(2026, 2, 4).strftime("%A") == "Wednesday"


def test_find_dates_partial_date() -> None:
    [found] = find_dates("the meeting on Tuesday, December 23rd, with")
    assert (found.date, found.year_given, found.month, found.day) == (None, False, 12, 23)
    assert found.weekday == "Tuesday"
    assert found.text == "Tuesday, December 23rd"


@pytest.mark.parametrize(("text", "expected"), [
    ("3 February 2026", [("3 February 2026", dt.date(2026, 2, 3))]),
    ("the 23rd of Dec. 2025", [("the 23rd of Dec. 2025", dt.date(2025, 12, 23))]),
    ("Tue 23 Dec", [("Tue 23 Dec", None)]),
    ("on 1st and 2nd of May", [("2nd of May", None)]),
    ("DECEMBER 23, 2025", [("DECEMBER 23, 2025", dt.date(2025, 12, 23))]),
    ("2025/12/23 and 2025-1-2", [("2025/12/23", dt.date(2025, 12, 23))]),
    ("December 23, 3000 troops", [("December 23", None)]),
    ("1799-12-23 or 2101-01-01", []),
    ("February 30, 2025 and 31 April 23, 2025", [("April 23, 2025", dt.date(2025, 4, 23))]),
    ("May 2025, Top 5 Mayors, March 234, 12/03/2025", []),
    ("December\n23, 2025", [("December\n23, 2025", dt.date(2025, 12, 23))]),
    ("December 23\n\n2025", [("December 23", None)]),
])
def test_find_dates_forms(text: str, expected: list[tuple[str, dt.date | None]]) -> None:
    assert [(f.text, f.date) for f in find_dates(text)] == expected


def test_find_dates_offsets_and_order() -> None:
    text = "From 3 Feb 2026 to Feb. 5, 2026, then March 1."
    found = find_dates(text)
    assert [f.text for f in found] == ["3 Feb 2026", "Feb. 5, 2026", "March 1"]
    assert all(text[f.start:f.end] == f.text for f in found)
    assert [f.start for f in found] == sorted(f.start for f in found)


def test_feb_29_of_a_common_year_has_no_date_but_a_year() -> None:
    [found] = find_dates("February 29, 2025")
    assert (found.date, found.year_given, found.month, found.day) == (None, True, 2, 29)


@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_written_dates_round_trip(day: dt.date) -> None:
    for written in (day.isoformat(), f"{day:%B} {day.day}, {day.year}",
                    f"{day:%A}, {day.day} {day:%b} {day.year}"):
        assert parse_date(written) == day
        [found] = find_dates(f"on {written}.")
        assert found.date == day


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-12-23", dt.date(2025, 12, 23)),
    ("2025-12-23T10:00:00Z", dt.date(2025, 12, 23)),
    ("2025-12-23 23:30:00-05:00", dt.date(2025, 12, 23)),
    ("Tue, 23 Dec 2025 10:00:00 +0000", dt.date(2025, 12, 23)),
    ("February 4, 2026 9:30 AM", dt.date(2026, 2, 4)),
    (" Dec. 23, 2025 ", dt.date(2025, 12, 23)),
    ("2025/12/23", dt.date(2025, 12, 23)),
    ("February 4, 2026 and more", None),
    ("December 23", None),
    ("December 2025", None),
    ("1700-01-01", None),
    ("", None),
    ("yesterday", None),
])
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_weekday_years() -> None:
    assert weekday_years(12, 23, "Tuesday", 2020, 2035) == [2025, 2031]
    assert weekday_years(12, 23, "tue.", 2020, 2035) == [2025, 2031]
    assert weekday_years(2, 29, "Thursday", 2020, 2030) == [2024]
    assert weekday_years(2, 30, "Monday", 2000, 2100) == []


def test_weekday_years_rejects_unknown_names() -> None:
    with pytest.raises(ValueError, match="weekday"):
        weekday_years(12, 23, "Funday", 2020, 2035)
