"""``--format wikidata-heads``: Wikidata heads of state and government (CC0).

Input: ``wikidata_heads_2026.csv`` with columns countryid, country, position, positionLabel,
officeholder (QID), officeholderLabel, start_year, end_year: a few recent holders of each
post of 197 states, with year precision only.

Known faults the importer survives: a label that is a QID (France, India) names nobody an
article could write, so the row is rejected; a stale open-ended row (a ninth-century king
still "in office") is rejected when it starts before 1900 with no end; a vandalised label
cannot be seen in one row, so the tenures keep their source and ``kb check`` reports the
clash with the Factbook (two holders of one post at once). The country is found by QID
(``countries`` ``qid``), then by name.

Coverage: none. The extract lists a few holders per post, not every one, so it adds tenures
(as evidence) without claiming that anyone absent from it was out of office.
"""

from __future__ import annotations

import re
from pathlib import Path

from engine.knowledge.importers import (
    ImportResult,
    Vocabulary,
    clean_text,
    rejected_row,
    table_rows,
)

FORMAT = "wikidata-heads"
SOURCE = {
    "source_id": "wikidata-heads",
    "title": "Wikidata heads of state and government (year precision)",
    "licence": "CC0 1.0 (Wikidata)",
    "url": "https://github.com/every-politician-scrapers/world-leaders-2021",
}
_QID = re.compile(r"^Q\d+$")
STALE_BEFORE = 1900


def read(path: Path, vocabulary: Vocabulary) -> ImportResult:
    result = ImportResult(SOURCE["source_id"])
    seen: set[tuple[str, str, str, str]] = set()
    for line, row in table_rows(path, result):
        country = vocabulary.country(row.get("country", ""),
                                     f"qid:{row.get('countryid', '')}")
        if country is None:
            result.skipped["country not in the countries section"] += 1
            continue
        name = clean_text(row.get("officeholderLabel", ""))
        if not name or _QID.match(name):
            result.rejected.append(rejected_row(path, line, f"label {name!r} is a QID, "
                                            "not a name"))
            continue
        start, end = row.get("start_year", "").strip(), row.get("end_year", "").strip()
        if start.isdigit() and not end and int(start) < STALE_BEFORE:
            result.rejected.append(rejected_row(path, line, f"open-ended since {start}: "
                                            "a stale row"))
            continue
        if not re.fullmatch(r"\d{4}", start) or (end and not re.fullmatch(r"\d{4}", end)):
            result.rejected.append(rejected_row(path, line, f"years {start!r}-{end!r} are "
                                            "not YYYY"))
            continue
        if not end and int(start) < STALE_BEFORE:
            result.rejected.append(rejected_row(path, line, f"open-ended since {start}: "
                                            "a stale row"))
            continue
        if end and end < start:
            result.rejected.append(rejected_row(path, line, "end year before start year"))
            continue
        label = clean_text(row.get("positionLabel", ""))
        role_ids = vocabulary.roles_for(label, country)
        if not role_ids:
            role_ids = vocabulary.roles_for(_generic(label), country)
        if not role_ids:
            result.skipped["position outside the role taxonomy"] += 1
            continue
        key = (country, role_ids[0], name, start)
        if key in seen:
            continue
        seen.add(key)
        result.tenures.append({
            "name": name, "aliases": "", "role_id": role_ids[0], "role": label,
            "country": country, "start": start, "end": end, "last_seen": "",
            "qid": row.get("officeholder", ""), "source_id": SOURCE["source_id"],
            "sources": SOURCE["url"], "verified": "true",
            "notes": f"Wikidata row {line}, year precision.",
        })
    result.coverage = [{**SOURCE, "countries": [], "role_ids": [], "from": "2026",
                        "to": "2026", "notes": "Adds tenures only: not complete for any post."}]
    return result


def _generic(label: str) -> str:
    """"President of the French Republic" -> "President": the title before "of"."""
    head = re.split(r"\s+of\s+", label, maxsplit=1)[0]
    return re.sub(r"^(?:Federal|Royal)\s+", "", head).strip()
