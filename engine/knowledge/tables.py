"""Tenure tables: the compact, fast-loading form of the ``officeholders`` section.

A knowledge directory may hold ``NAME.csv`` files beside its YAML files. Each is a table of
tenures, one per line, with the header naming its columns (any order):

    name,aliases,role_id,role,country,start,end,last_seen,qid,source_id,sources,verified,notes

``name``, ``role_id``, ``role``, ``country``, ``start``, ``end``, ``sources`` and ``verified``
are required columns; in a row, ``start`` and ``end`` may be empty (unknown start; still in
office when last seen), ``aliases`` and ``sources`` are ``|``-separated, ``verified`` is
``true``, ``partial`` or ``false``. Values mean what the YAML keys of the ``officeholders``
section mean. Imported sources are shipped this way because tens of thousands of tenures in
YAML take seconds to parse; a CSV row is read in microseconds.

Every bad value is reported as ``path:line:col`` (the column of the field on its line), all
at once, and the row is dropped; the other rows still load. A field may not span lines.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from engine.errors import Diagnostic
from engine.knowledge.entries import FuzzyDate, Tenure
from engine.knowledge.sections._fields import QID_PATTERN, SOURCE_ID_PATTERN
from engine.knowledge.sections.roles import ROLE_ID_PATTERN

COLUMNS = ("name", "aliases", "role_id", "role", "country", "start", "end", "last_seen", "qid",
           "source_id", "sources", "verified", "notes")
REQUIRED = ("name", "role_id", "role", "country", "start", "end", "sources", "verified")
NOT_EMPTY = ("name", "role_id", "role", "country", "sources", "verified")
VERIFIED = ("true", "partial", "false")

_ROLE_ID = re.compile(ROLE_ID_PATTERN)
_SOURCE_ID = re.compile(SOURCE_ID_PATTERN)
_QID = re.compile(QID_PATTERN)


def field_columns(line: str) -> list[int]:
    """The 1-based column where each CSV field of ``line`` starts (quotes respected)."""
    starts = [1]
    quoted = False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(i + 2)
    return starts


def read_tenure_table(path: Path, problems: list[Diagnostic]) -> list[Tenure]:
    """The tenures of the table at ``path``; every bad row or header becomes a Diagnostic."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Diagnostic.at(str(path), 1, 1, f"cannot read the table: {exc}",
                                "write the tenure table as UTF-8 text"))
        return []
    lines = text.splitlines()
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None:
        problems.append(Diagnostic.at(str(path), 1, 1, "empty tenure table",
                                f"write a header line: {','.join(COLUMNS)}"))
        return []
    names = [h.strip() for h in header]
    header_cols = field_columns(lines[0]) if lines else [1]
    bad_header = False
    for i, name in enumerate(names):
        if name not in COLUMNS:
            problems.append(Diagnostic.at(str(path), 1, header_cols[min(i, len(header_cols) - 1)],
                                    f"unknown column {name!r}",
                                    f"allowed columns: {', '.join(COLUMNS)}"))
            bad_header = True
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        problems.append(Diagnostic.at(str(path), 1, 1, f"missing column(s) {', '.join(missing)}",
                                f"the header must name {', '.join(REQUIRED)}"))
        bad_header = True
    if bad_header:
        return []
    col = {name: i for i, name in enumerate(names)}
    tenures: list[Tenure] = []
    while True:
        try:
            fields = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Diagnostic.at(str(path), rows.line_num, 1, f"unreadable CSV: {exc}",
                                    "quote fields that contain commas or quotes"))
            break
        line_no = rows.line_num
        if not any(f.strip() for f in fields):
            continue
        raw_line = lines[line_no - 1] if line_no <= len(lines) else ""
        tenure = _row(path, line_no, raw_line, fields, col, len(names), problems)
        if tenure is not None:
            tenures.append(tenure)
    return tenures


def _row(path: Path, line: int, raw_line: str, fields: list[str], col: dict[str, int],
         width: int, problems: list[Diagnostic]) -> Tenure | None:
    where = str(path)

    def problem(column: str, message: str, hint: str) -> None:
        columns = field_columns(raw_line)  # only a bad row pays for locating its fields
        index = col.get(column, 0)
        problems.append(Diagnostic.at(where, line, columns[min(index, len(columns) - 1)],
                                message, hint))

    if len(fields) != width:
        problems.append(Diagnostic.at(where, line, 1,
                                      f"expected {width} fields, found {len(fields)}",
                                      "quote a value that contains a comma; one row per line"))
        return None
    value = {name: fields[i].strip() for name, i in col.items()}
    before = len(problems)
    for column in NOT_EMPTY:
        if not value[column]:
            problem(column, f"empty {column}", f"write the tenure's {column}")
    if value["role_id"] and not _ROLE_ID.match(value["role_id"]):
        problem("role_id", f"role_id {value['role_id']!r} is not a role id",
                "write a lower-case slug from the roles section, e.g. prime-minister")
    if value.get("source_id") and not _SOURCE_ID.match(value["source_id"]):
        problem("source_id", f"source_id {value['source_id']!r} is not a source id",
                "write the source_id of a coverage entry, e.g. factbook")
    if value.get("qid") and not _QID.match(value["qid"]):
        problem("qid", f"qid {value['qid']!r} is not a Wikidata item id",
                "write an id such as Q7747, or leave it empty")
    if value["verified"] and value["verified"] not in VERIFIED:
        problem("verified", f"verified {value['verified']!r} is not allowed",
                f"use one of: {', '.join(VERIFIED)}")
    dates: dict[str, FuzzyDate | None] = {}
    for column in ("start", "end", "last_seen"):
        text = value.get(column, "")
        try:
            dates[column] = FuzzyDate.parse(text) if text else None
        except ValueError as exc:
            problem(column, f"{column}: {exc}", 'use a real date: "YYYY", "YYYY-MM" or '
                    '"YYYY-MM-DD"')
            dates[column] = None
    start, end, last_seen = dates["start"], dates["end"], dates["last_seen"]
    if start and end and end.latest < start.earliest:
        problem("end", f"end {end} is before start {start}", "fix the typo, or swap them")
    if start and last_seen and last_seen.latest < start.earliest:
        problem("last_seen", f"last_seen {last_seen} is before start {start}",
                "fix one of the dates")
    if end and last_seen and last_seen.earliest > end.latest:
        problem("last_seen", f"last_seen {last_seen} is after end {end}",
                "a person seen in office after the end date: fix one of the dates")
    if len(problems) > before:
        return None
    name = value["name"]
    seen = {name.casefold()}
    aliases: list[str] = []
    for alias in value.get("aliases", "").split("|"):
        alias = alias.strip()
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            aliases.append(alias)
    return Tenure(name=name, aliases=tuple(aliases), role_id=value["role_id"],
                  role=value["role"], country=value["country"], start=start, end=end,
                  last_seen=last_seen,
                  sources=tuple(s.strip() for s in value["sources"].split("|") if s.strip()),
                  verified=value["verified"], notes=value.get("notes", ""),
                  origin=f"{where}:{line}", qid=value.get("qid", ""),
                  source_id=value.get("source_id", ""))


def write_tenure_table(tenures: list[dict[str, str]]) -> str:
    """CSV text of ``tenures`` (dicts keyed by COLUMNS), one row per line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for tenure in tenures:
        # A newline inside a value would make one row span lines and break line numbers.
        writer.writerow([" ".join(str(tenure.get(c) or "").split()) for c in COLUMNS])
    return out.getvalue()
