"""``--format tenure-csv``: tables in the common tenure shape (person, aliases, office,
organisation, jurisdiction, start_date, end_date, source), such as the Institute for
Government's UK ministers (CC BY 4.0) and the US executive and Congress table (CC0).

Rows are read and checked as ``engine.knowledge.importer`` describes (bad rows rejected with
their line; consecutive terms of one person in one office merged). An office that the role
taxonomy knows ("Chancellor of the Exchequer" -> finance-minister, "Secretary of State for
the Home Department" -> interior-minister) takes that role, so the country's short titles
("Chancellor", "Home Secretary") reach it; any other office gets a role of its own
(``gb.minister-of-state``) in ``<source_id>.roles.yaml``, titled as ``title_variants`` says.

Coverage: the source is complete for every office it lists in its jurisdictions, from its
first start to ``--as-of`` (or its last date).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from engine.knowledge.importer import (
    _merge,
    _read_rows,
    _single_holder,
    _Tenure,
    role_id_for,
    title_variants,
)
from engine.knowledge.importers import ImportResult, Vocabulary

FORMAT = "tenure-csv"


def read(path: Path, vocabulary: Vocabulary, *, source_id: str, title: str, licence: str,
         url: str, as_of: dt.date | None = None, organisation: str | None = None
         ) -> ImportResult:
    """``organisation`` keeps only rows of that organisation (case-blind), e.g. the US
    table's "Executive Office" without the members of Congress."""
    result = ImportResult(source_id)
    rows, result.rows_read, _, rejected = _read_rows(path, None)
    if organisation:
        kept = [r for r in rows if r.organisation.casefold() == organisation.casefold()]
        if len(kept) < len(rows):
            result.skipped[f"organisation other than {organisation}"] += len(rows) - len(kept)
        rows = kept
    result.rejected = list(rejected)
    tenures = _merge(rows)
    offices: dict[tuple[str, str], list[_Tenure]] = {}
    countries: dict[str, str] = {}
    for tenure in tenures:
        code = tenure.first.jurisdiction
        country = vocabulary.country(code=code) or vocabulary.country(name=code)
        if country is None:
            result.skipped["jurisdiction not in the countries section"] += len(tenure.rows)
            continue
        countries[code] = country
        offices.setdefault((code, tenure.first.office), []).append(tenure)
    role_ids: set[str] = set()
    earliest = dt.date.max
    latest = dt.date.min
    for (code, office), group in sorted(offices.items()):
        country = countries[code]
        mapped = vocabulary.roles_for(office, country)
        role_id = mapped[0] if mapped else role_id_for(code, office)
        if not mapped:
            single, why = _single_holder(office, group)
            result.roles.append({"id": role_id, "titles": title_variants(office),
                                 "single_holder": single,
                                 "description": f"{office} ({country}), imported from "
                                                f"{path.name}; {why}."})
        role_ids.add(role_id)
        for tenure in group:
            entry = _entry(tenure, role_id, country, source_id, url, path.name, as_of)
            result.tenures.append(entry)
            if tenure.start:
                earliest = min(earliest, tenure.start.earliest)
            for row in tenure.rows:
                if row.end:
                    latest = max(latest, row.end.earliest)
    end = as_of or (latest if latest != dt.date.min else dt.date.today())
    result.coverage = [{"source_id": source_id, "title": title, "licence": licence, "url": url,
                        "countries": sorted(set(countries.values())),
                        "role_ids": sorted(role_ids),
                        "from": (earliest if earliest != dt.date.max else end).isoformat(),
                        "to": end.isoformat(),
                        "notes": "Every office the table lists, complete over its dates."}]
    return result


def _entry(t: _Tenure, role_id: str, country: str, source_id: str, url: str, file_name: str,
           as_of: dt.date | None) -> dict[str, Any]:
    aliases: list[str] = []
    for row in t.rows:
        aliases += [a for a in row.aliases if a not in aliases]
    start, end = t.start, t.end
    last_seen = ""
    notes = f"{file_name} line(s) {', '.join(str(r.line) for r in t.rows)}."
    if as_of is not None and (start is None or start.latest <= as_of):
        if end is None:
            last_seen = as_of.isoformat()
        elif end.earliest > as_of:
            notes += f" Scheduled end {end}, after the table's date {as_of}."
            end, last_seen = None, as_of.isoformat()
    return {"name": t.first.person, "aliases": "|".join(aliases), "role_id": role_id,
            "role": t.first.office, "country": country,
            "start": start.text if start else "", "end": end.text if end else "",
            "last_seen": last_seen, "qid": "", "source_id": source_id, "sources": url,
            "verified": "true", "notes": notes}
