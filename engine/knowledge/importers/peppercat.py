"""``--format peppercat-historic`` and ``--format peppercat-timeline``: Peppercat World
Leaders (CC BY-NC 4.0: never shipped; a user imports it into their own knowledge folder).

``peppercat_leaders_historic.csv`` (slug, catalog, position, person, personID, start, end,
...): office spells of 223 jurisdictions, an empty end meaning "still in office on
2023-01-20". ``peppercat_timeline_2023-01_2025-01.csv`` (jurisdiction, slug, position, person,
qid, enwiki, since, first_seen, last_seen, end_observed): the current-holder pages diffed week
by week; the real end lies between last_seen and end_observed, so end_observed is the end.

Positions map onto the role taxonomy (``Vocabulary.roles_for``); one position naming several
portfolios ("Minister of Foreign Affairs and Defence") gives a tenure in each role it names;
positions outside the taxonomy are skipped and counted. People keep their Wikidata QID.
Known faults survived: pages not refreshed lag (a tenure then ends late: harmless to "was in
office" checks; coverage stops at the last snapshot), Syria's presidency after 2024-12-08 is
missing (absence is never an end), bad or reversed dates reject the row.

Coverage: the historic table is complete, for a role of a country, from 2000-01-01 (when it
has a holder of that role on that day, so the chain reaches back that far) to 2023-01-19; the
timeline for every listed country and imported role from 2023-01-20 to its last snapshot.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

from engine.knowledge.entries import FuzzyDate
from engine.knowledge.importers import (
    ImportResult,
    Vocabulary,
    clean_text,
    rejected_row,
    table_rows,
)

HISTORIC = {
    "source_id": "peppercat-historic",
    "title": "Peppercat World Leaders, historic office spells",
    "licence": "CC BY-NC 4.0 (non-commercial: do not redistribute)",
    "url": "https://github.com/peppercatorg/site-build",
}
TIMELINE = {
    "source_id": "peppercat-timeline",
    "title": "Peppercat World Leaders, weekly current-holder pages 2023-01 to 2025-01",
    "licence": "CC BY-NC 4.0 (non-commercial: do not redistribute)",
    "url": "https://github.com/peppercatorg/site-build",
}
HISTORIC_END = "2023-01-19"
COVERAGE_FROM = "2000-01-01"


def roles_of(position: str, country: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Roles of a position, splitting "Minister of A and B" into both portfolios."""
    found = vocabulary.roles_for(position, country)
    if found:
        return found
    m = re.fullmatch(r"((?:Minister|Secretary) (?:of|for) (?:the )?)(.+)", position.strip())
    if not m:
        return ()
    out: list[str] = []
    for piece in re.split(r",\s*|\s+and\s+", m.group(2)):
        for role_id in vocabulary.roles_for(m.group(1) + piece, country):
            if role_id not in out:
                out.append(role_id)
    return tuple(out)


def _date(text: str) -> str | None:
    text = text.strip()
    if not text:
        return ""
    try:
        FuzzyDate.parse(text)
    except ValueError:
        return None
    return text


def _country(row: Mapping[str, str], column: str, vocabulary: Vocabulary,
             result: ImportResult) -> str | None:
    """The row's jurisdiction as a canonical country; None (the row counted as skipped) when
    the countries section does not know it."""
    country = vocabulary.country(row.get(column, ""))
    if country is None:
        result.skipped["jurisdiction not in the countries section"] += 1
    return country


def _office(row: Mapping[str, str], country: str, vocabulary: Vocabulary,
            result: ImportResult) -> tuple[str, tuple[str, ...]]:
    """The row's position and the roles of the taxonomy it names; none (the row counted as
    skipped) when it is outside the taxonomy."""
    position = clean_text(row.get("position", ""))
    role_ids = roles_of(position, country, vocabulary)
    if not role_ids:
        result.skipped["position outside the role taxonomy"] += 1
    return position, role_ids


def _add_tenures(result: ImportResult, source: Mapping[str, str], role_ids: tuple[str, ...], *,
                 person: str, position: str, country: str, start: str, end: str,
                 last_seen: str, qid: str, notes: str) -> None:
    """One tenure row per role the position names, as both tables import them."""
    for role_id in role_ids:
        result.tenures.append({
            "name": person, "aliases": "", "role_id": role_id, "role": position,
            "country": country, "start": start, "end": end, "last_seen": last_seen,
            "qid": qid, "source_id": source["source_id"], "sources": source["url"],
            "verified": "true", "notes": notes,
        })


def read_historic(path: Path, vocabulary: Vocabulary) -> ImportResult:
    result = ImportResult(HISTORIC["source_id"])
    holders_on: dict[str, set[str]] = {}  # role -> countries with a holder on COVERAGE_FROM
    cutoff = dt.date.fromisoformat(COVERAGE_FROM)
    for line, row in table_rows(path, result):
        country = _country(row, "catalog", vocabulary, result)
        if country is None:
            continue
        person = clean_text(row.get("person", ""))
        start, end = _date(row.get("start", "")), _date(row.get("end", ""))
        if not person or start is None or end is None:
            result.rejected.append(rejected_row(path, line, "no person, or a date that is "
                                            "not YYYY[-MM[-DD]]"))
            continue
        if start and end and FuzzyDate.parse(end).latest < FuzzyDate.parse(start).earliest:
            result.rejected.append(rejected_row(path, line, f"end {end} before start "
                                            f"{start}"))
            continue
        position, role_ids = _office(row, country, vocabulary, result)
        if not role_ids:
            continue
        if start and FuzzyDate.parse(start).earliest <= cutoff and (
                not end or FuzzyDate.parse(end).latest >= cutoff):
            for role_id in role_ids:
                holders_on.setdefault(role_id, set()).add(country)
        _add_tenures(result, HISTORIC, role_ids, person=person, position=position,
                     country=country, start=start, end=end,
                     last_seen="" if end else "2023-01-20",
                     qid=row.get("personID", "").strip(),
                     notes=f"Peppercat historic line {line}.")
    result.coverage = [
        {**HISTORIC, "countries": sorted(countries), "role_ids": [role_id],
         "from": COVERAGE_FROM, "to": HISTORIC_END,
         "notes": "Countries with a holder of this role on 2000-01-01."}
        for role_id, countries in sorted(holders_on.items())]
    return result


def read_timeline(path: Path, vocabulary: Vocabulary) -> ImportResult:
    result = ImportResult(TIMELINE["source_id"])
    roles: set[str] = set()
    last_snapshot = ""
    for line, row in table_rows(path, result):
        last_snapshot = max(last_snapshot, row.get("last_seen", ""))
        country = _country(row, "jurisdiction", vocabulary, result)
        if country is None:
            continue
        person = clean_text(row.get("person", ""))
        since, first = _date(row.get("since", "")), _date(row.get("first_seen", ""))
        last, gone = _date(row.get("last_seen", "")), _date(row.get("end_observed", ""))
        if not person or None in (since, first, last, gone) or not first or not last:
            result.rejected.append(rejected_row(path, line, "no person, or a bad date"))
            continue
        assert since is not None and gone is not None
        if since and since > first:
            # A page claiming a start after the person was already listed: keep the sighting.
            result.skipped["since after first sighting (start unknown)"] += 1
            since = ""
        position, role_ids = _office(row, country, vocabulary, result)
        if not role_ids:
            continue
        roles.update(role_ids)
        _add_tenures(result, TIMELINE, role_ids, person=person, position=position,
                     country=country, start=since, end=gone, last_seen=last,
                     qid=row.get("qid", "").strip(),
                     notes=f"Peppercat timeline line {line}; seen {first} to {last}.")
    result.coverage = [{**TIMELINE, "countries": ["*"], "role_ids": sorted(roles),
                        "from": "2023-01-20", "to": last_snapshot or "2025-01-31",
                        "notes": "Weekly snapshots: an end is exact to the week."}]
    return result
