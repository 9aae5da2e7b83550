"""Date expressions in article text, and the article's publication date.

``find_dates`` lists every full or partial date written in a text; ``publication_date`` picks the
article's own date from its metadata or, failing that, from a dateline near the top of the text;
``weekday_years`` lists the years in which a day of a month fell on a given weekday, so that
"Tuesday, December 23" can narrow down a year.

Recognised forms (English month and weekday names, Title Case or UPPER CASE, full or abbreviated,
with or without a dot: "Dec.", "Sept", "Tues."; days with or without an ordinal suffix):

* ISO: ``2025-12-23`` (also the date part of ``2025-12-23T10:00:00Z``) and ``2025/12/23``;
* month first: ``February 4, 2026``, ``Dec. 23 2025``, ``December 23rd``;
* day first: ``23 December 2025``, ``3 Feb, 2026``, ``the 23rd of December``;
* any of these after a weekday: ``Tuesday, February 4, 2026``, ``Tue 23 Dec``.

Purely numeric day/month forms (``12/03/2025``) are not recognised: they are ambiguous between
the American and European orders. A month and year without a day ("December 2025") is not a date
expression here either. Years outside 1800..2100 are treated as not being years at all.

All scanning uses RE2 (``engine.regex``), so it takes linear time in the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from engine.model import Article, DateInfo, LineIndex, Span
from engine.regex import compile_re2

MIN_YEAR = 1800
MAX_YEAR = 2100

# A dateline is looked for only in the first DATELINE_CHARS characters of the text.
DATELINE_CHARS = 400
# A date there counts as a dateline when it starts within DATELINE_LEAD_CHARS of its line's start
# ("NextFin News - On December 23, 2025, ...") or sits on a line no longer than
# DATELINE_SHORT_LINE ("In Syria News by Newsroom February 4, 2026"). A date deep inside a long
# lead paragraph is more likely an event date than the publication date.
DATELINE_LEAD_CHARS = 48
DATELINE_SHORT_LINE = 120

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH_NUMBERS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_WEEKDAY_NUMBERS = {
    **{name.lower(): number for number, name in enumerate(WEEKDAYS)},
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}
# The month and weekday names as written (full and short, lower case): the one list every
# reader of the text uses (the mention reader's name stopwords, sentence abbreviations).
MONTH_WORDS = frozenset(_MONTH_NUMBERS)


def month_number(word: str) -> int | None:
    """1..12 for a month name as written ("December", "dec"), else None."""
    return _MONTH_NUMBERS.get(word.casefold())

WEEKDAY_WORDS = frozenset(_WEEKDAY_NUMBERS)


@dataclass(frozen=True)
class FoundDate:
    """One date expression found in a text.

    ``date``: the calendar date, or None when no year was written (``year_given`` False) or the
    written year makes the day impossible (29 February of a common year; ``year_given`` True).
    ``start``/``end``: character offsets of the whole expression, weekday included, so that
    ``text == source[start:end]``. ``weekday``: the weekday named in the expression, as its full
    English name ("Tue." -> "Tuesday"), or None; it is NOT checked against ``date``, so that a
    consistency rule can. ``year_given``: a year in 1800..2100 was written. ``month`` (1..12) and
    ``day`` (1..31) are always set and possible in some year.
    """

    date: dt.date | None
    start: int
    end: int
    weekday: str | None
    year_given: bool
    month: int
    day: int
    text: str


def _name_pattern(numbers: dict[str, int], full_names: set[str]) -> str:
    """RE2 for one name of ``numbers``, Title Case or UPPER CASE, longest first; a name not in
    ``full_names`` is an abbreviation and may take a dot ("Sept.", "Tue.")."""
    def alternation(names: set[str]) -> str:
        forms = {form for name in names for form in (name.title(), name.upper())}
        return "|".join(sorted(forms, key=lambda form: (-len(form), form)))
    abbreviations = set(numbers) - full_names
    return rf"(?:(?:{alternation(full_names)})\b|(?:{alternation(abbreviations)})\b\.?)"


_MONTH = _name_pattern(_MONTH_NUMBERS, {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"})
_WEEKDAY = _name_pattern(_WEEKDAY_NUMBERS, {name.lower() for name in WEEKDAYS})
# Blanks holding at most one line break (a hard-wrapped date still reads as one; a date never
# runs across a blank line). Bounded, so that an expression is at most _LONGEST_EXPRESSION long.
_BLANKS = r"[ \t\x{A0}]"
_SP = f"(?:{_BLANKS}{{1,8}}\\n?{_BLANKS}{{0,8}}|\\n{_BLANKS}{{0,8}})"
_YEAR_SEPARATOR = f"(?:,{_SP}?|{_SP})"
_ORDINAL = r"(?:st|nd|rd|th)?"
# Longer than any match of _DATE_RE: weekday, "the", "of", month and three separators of at most
# 17 characters each, plus digits and punctuation, come to well under this.
_LONGEST_EXPRESSION = 200


def _weekday_prefix(form: str) -> str:
    return rf"(?:\b(?P<{form}_wd>{_WEEKDAY}),?{_SP})?"


# Each form names its groups <form>_wd, _year, _month, _day; _head ends where the expression
# ends when its year is missing or out of bounds.
_ISO_DASH = (_weekday_prefix("iso")
             + r"\b(?P<iso_year>\d{4})-(?P<iso_month>\d{2})-(?P<iso_head>(?P<iso_day>\d{2}))"
             + r"(?:T|\b)")  # "T": the date part of an ISO datetime is a date
_ISO_SLASH = (_weekday_prefix("isl")
              + r"\b(?P<isl_year>\d{4})/(?P<isl_month>\d{1,2})/(?P<isl_head>(?P<isl_day>\d{1,2}))"
              + r"\b")
_MONTH_FIRST = (_weekday_prefix("mdy")
                + rf"(?P<mdy_head>\b(?P<mdy_month>{_MONTH}){_SP}"
                + rf"(?P<mdy_day>\d{{1,2}}){_ORDINAL}\b)"
                + rf"(?:{_YEAR_SEPARATOR}(?P<mdy_year>\d{{4}})\b)?")
_DAY_FIRST = (_weekday_prefix("dmy") + f"(?:the{_SP})?"
              + rf"(?P<dmy_head>\b(?P<dmy_day>\d{{1,2}}){_ORDINAL}{_SP}(?:of{_SP})?"
              + rf"(?P<dmy_month>{_MONTH}))"
              + rf"(?:{_YEAR_SEPARATOR}(?P<dmy_year>\d{{4}})\b)?")
_FORMS = ("iso", "isl", "mdy", "dmy")
_DATE_RE = compile_re2("|".join(f"(?:{form})" for form in
                                (_ISO_DASH, _ISO_SLASH, _MONTH_FIRST, _DAY_FIRST)))
_GROUP_INDEX: dict[str, int] = _DATE_RE.groupindex

# What may follow a date in a metadata value: a time of day, a zone ("10:30 AM", "T10:00:00Z",
# "10:00:00 +0000", "at 9:05 p.m. EST").
_TIME_TAIL_RE = compile_re2(
    r"\s*(?:,|at|T|@)?\s*\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"\s*(?:Z|[A-Z]{2,5}|[+-]\d{2}:?\d{2})?\s*")


def find_dates(text: str) -> list[FoundDate]:
    """Every full or partial date expression in ``text``, in order, without overlaps.

    See the module docstring for the recognised forms and ``FoundDate`` for what each field means.
    An expression whose month or day cannot exist ("February 30", "2025-13-01") is not reported;
    a real date starting inside it ("31 April 23, 2025" -> "April 23, 2025") still is.
    """
    return list(_scan(text, 0, len(text)))


def _scan(text: str, lo: int, hi: int) -> Iterator[FoundDate]:
    """The dates that start in text[lo:hi], leftmost first, without overlaps.

    The regex is run over a window of the text: one character of left context (for ``\\b``) and
    enough slack on the right for an expression starting just before ``hi``. When a match is
    rejected, or overlaps a date already taken, only its own few characters are read again, so
    the scan stays linear in the text.
    """
    base = max(0, lo - 1)
    window = text[base:hi + _LONGEST_EXPRESSION]
    taken_until = lo  # dates already yielded end here; a new one may not start before it
    for match in _DATE_RE.finditer(window, lo - base):
        start, end = base + match.start(), base + match.end()
        if start >= hi:
            break
        if start < taken_until:
            rescan_from = taken_until
            item = None
        else:
            rescan_from = start + 1
            item = _found_from_match(text, match, base)
        if item is not None:
            yield item
            taken_until = item.end
            continue
        for inner in _scan(text, rescan_from, end):
            yield inner
            taken_until = inner.end


def _found_from_match(text: str, match: Any, base: int) -> FoundDate | None:
    """Turn one regex match (over a window starting at ``base``) into a FoundDate.

    None when its month or day cannot exist, or an ISO year is out of bounds.
    """
    form = next(form for form in _FORMS if _group(match, f"{form}_month") is not None)
    month_text = _matched(match, f"{form}_month")
    month = int(month_text) if month_text.isdigit() else _name_number(_MONTH_NUMBERS, month_text)
    day = int(_matched(match, f"{form}_day"))
    raw_year = _group(match, f"{form}_year")
    year = int(raw_year) if raw_year is not None else None
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        if form in ("iso", "isl"):
            return None  # without its year an ISO date is just three numbers
        year = None  # "December 23, 3000 troops": a count, not a year
    if not _day_exists(month, day):
        return None
    start = base + match.start()
    if form == "iso" or year is None:
        end = base + match.end(_GROUP_INDEX[f"{form}_head"])
    else:
        end = base + match.end()
    weekday_text = _group(match, f"{form}_wd")
    return FoundDate(
        date=_date_or_none(year, month, day),
        start=start,
        end=end,
        weekday=WEEKDAYS[_name_number(_WEEKDAY_NUMBERS, weekday_text)] if weekday_text else None,
        year_given=year is not None,
        month=month,
        day=day,
        text=text[start:end],
    )


def _group(match: Any, name: str) -> str | None:
    # By number: the re2 wrapper rebuilds its name table on every lookup by name.
    text: str | None = match.group(_GROUP_INDEX[name])
    return text


def _matched(match: Any, name: str) -> str:
    """A group that always takes part when its form matched."""
    text = _group(match, name)
    assert text is not None, name
    return text


def _name_number(numbers: dict[str, int], name: str) -> int:
    """The number of a month or weekday name as written ("Sept." -> 9, "TUESDAY" -> 1)."""
    return numbers[name.rstrip(".").lower()]


def _day_exists(month: int, day: int) -> bool:
    """Whether ``day`` of ``month`` exists in some year (29 February does, in leap years)."""
    return 1 <= month <= 12 and 1 <= day <= _days_in_month(2000, month)


def _days_in_month(year: int, month: int) -> int:
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    return (next_month - dt.timedelta(days=1)).day


def _date_or_none(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:  # 29 February of a common year
        return None


def parse_date(text: str) -> dt.date | None:
    """Parse one date string, as found in metadata; None if it is not one.

    Accepts ISO dates and datetimes ("2025-12-23", "2025-12-23T10:00:00+02:00": the date as
    written, not converted to UTC) and every full form ``find_dates`` recognises, optionally
    followed by a time of day ("Tue, 23 Dec 2025 10:00:00 +0000", "February 4, 2026 9:30 AM").
    The whole string must be the date; years outside 1800..2100 give None.
    """
    value = text.strip()
    if not value:
        return None
    parsed = _parse_iso(value)
    if parsed is None:
        parsed = _parse_written(value)
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return parsed


def _parse_iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _parse_written(value: str) -> dt.date | None:
    found = find_dates(value)
    if not found or found[0].start != 0 or found[0].date is None:
        return None
    rest = value[found[0].end:]
    if rest and _TIME_TAIL_RE.fullmatch(rest) is None:
        return None
    return found[0].date


def weekday_years(month: int, day: int, weekday: str, lo_year: int, hi_year: int) -> list[int]:
    """The years in [lo_year, hi_year], ascending, in which ``day`` of ``month`` was ``weekday``.

    ``weekday`` is an English weekday name, full or abbreviated, any case ("Tuesday", "tue.").
    An impossible day (30 February, month 13) gives []. Raises ValueError for an unknown weekday.
    """
    wanted = _weekday_number(weekday)
    years: list[int] = []
    for year in range(lo_year, hi_year + 1):
        day_in_year = _date_or_none(year, month, day) if 1 <= month <= 12 else None
        if day_in_year is not None and day_in_year.weekday() == wanted:
            years.append(year)
    return years


def _weekday_number(weekday: str) -> int:
    try:
        return _name_number(_WEEKDAY_NUMBERS, weekday.strip())
    except KeyError:
        raise ValueError(f"not a weekday name: {weekday!r}") from None


def publication_date(article: Article, index: LineIndex) -> DateInfo:
    """The article's publication date: metadata first, then a dateline, else none.

    * ``meta["date"]`` (a date, a datetime, or a string ``parse_date`` reads) gives
      source "metadata" (or "html" for a date read from an HTML page's markup) and no span.
      An unreadable metadata date is passed over.
    * Otherwise the first full date (with a year) that starts in the first ``DATELINE_CHARS``
      characters of the text and sits where datelines sit (near the start of its line, or on a
      short line) gives source "dateline", with the span of the date expression.
      A partial date ("Tuesday, December 23rd") is never a dateline.
    * Otherwise ``DateInfo(None, "none")``.
    """
    from_meta = _metadata_date(article.meta.get("date"))
    if from_meta is not None:
        return DateInfo(from_meta, "html" if article.format == "html" else "metadata")
    dateline = _find_dateline(article.text)
    if dateline is not None and dateline.date is not None:
        span = Span.of(article.text, dateline.start, dateline.end, index)
        return DateInfo(dateline.date, "dateline", span)
    return DateInfo(None, "none")


def _metadata_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):  # checked first: a datetime is also a date
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        return parse_date(value)
    else:
        return None  # numbers are not guessed at (epoch seconds? a bare year?)
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


def _find_dateline(text: str) -> FoundDate | None:
    for found in find_dates(text[:DATELINE_CHARS + _LONGEST_EXPRESSION]):
        if found.start >= DATELINE_CHARS:
            break
        if found.date is not None and _placed_like_dateline(text, found):
            return found
    return None


def _placed_like_dateline(text: str, found: FoundDate) -> bool:
    line_start = text.rfind("\n", 0, found.start) + 1
    line_end = text.find("\n", found.end)
    if line_end == -1:
        line_end = len(text)
    near_line_start = found.start - line_start <= DATELINE_LEAD_CHARS
    on_short_line = line_end - line_start <= DATELINE_SHORT_LINE
    return near_line_start or on_short_line
