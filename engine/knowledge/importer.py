"""Turn a tenure table (CSV) into knowledge files: an ``officeholders`` file and its ``roles``.

The table's header must be ``person,aliases,office,organisation,jurisdiction,start_date,
end_date,source`` (any order; other columns are ignored). One row is one person holding one
office over an interval:

- ``aliases`` are ``|``-separated; the person's own name among them is dropped;
- dates are ``YYYY-MM-DD`` (``YYYY`` and ``YYYY-MM`` are accepted, as in knowledge files); an
  empty ``start_date`` is an unknown start, an empty ``end_date`` means still in office;
- ``source`` (``|``-separated if several) becomes the entry's ``sources``; it may be a URL or
  a citation of the dataset, and must not be empty;
- ``jurisdiction`` is a country code; the entry's ``country`` is its English name (``US`` ->
  "United States", ``GB`` -> "United Kingdom", as the hand-written files spell them), or the
  code itself when the ``countries`` section does not know it.

Rows with an unusable value (bad or impossible date, end before start, no person, office or
source, wrong number of fields) are rejected with their CSV line number; the other rows are
still imported. Entries are ``verified: true``: each was seen in the dataset its ``sources``
cite, with the CSV line in its notes. Rows of the same person in the same office that follow
each other (a re-elected president's terms) or overlap are merged into one tenure, so an entry
is a continuous tenure.

Roles: each office becomes a role ``<jurisdiction>.<slug of office>``
(``us.president-of-the-united-states``, ``gb.prime-minister``). The prefix keeps imported roles
apart from the hand-written generic roles (``prime-minister``) and from another country's
office of the same name; ``role_map`` maps an office onto an existing role id instead, and no
role is generated for it. Titles are the office plus the variants of ``title_variants``.
``single_holder`` is decided from the data (see ``_single_holder``).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from engine.errors import Diagnostic, Location
from engine.knowledge.entries import FuzzyDate
from engine.knowledge.loader import load_knowledge
from engine.knowledge.sections.countries import COUNTRIES

COLUMNS = ("person", "aliases", "office", "organisation", "jurisdiction", "start_date",
           "end_date", "source")

# Two holders of one office at once for longer than this make it a multi-holder office: a
# shorter overlap is a handover recorded with slightly different dates.
CONCURRENT_DAYS = 30

# Country codes are read with the shipped ``countries`` section (ISO codes, names, aliases):
# the one list of countries in the repository.
COUNTRIES_FILE = Path(__file__).resolve().parents[2] / "rules" / "knowledge" / "countries.yaml"

# Offices that name a rank held by many people at once, not a single post. Used only for an
# office without a qualifier in parentheses (a qualifier such as a district, "(MA-7)", makes it
# one post); every other office is judged by its rows (see ``_single_holder``).
PLURAL_RANKS = frozenset({
    "minister of state", "parliamentary under-secretary of state",
    "parliamentary under-secretary", "parliamentary secretary", "senator", "representative",
    "lord in waiting", "baroness in waiting", "assistant whip", "minister without portfolio",
})


class TableError(ValueError):
    """The table as a whole cannot be read (missing file or columns): nothing is imported."""


def _rejected(path: Path, line: int, message: str) -> Diagnostic:
    """A rejected row, at its first line in the CSV file."""
    return Diagnostic(Location(str(path), line), f"row rejected: {message}", code="row-rejected")


@dataclass(frozen=True)
class ImportResult:
    """The two knowledge files' text and the import's figures.

    ``rows_read`` counts every data row of the file, ``rows_selected`` those of the requested
    jurisdiction, ``rejected`` the selected rows that could not be used; ``entries`` is the
    number of tenures written (after merging consecutive terms) and ``roles`` the number of
    roles generated.
    """

    officeholders_yaml: str
    roles_yaml: str
    rows_read: int
    rows_selected: int
    rejected: tuple[Diagnostic, ...]
    entries: int
    roles: int


@dataclass
class _Row:
    line: int
    person: str
    aliases: list[str]
    office: str
    organisation: str
    jurisdiction: str
    start: FuzzyDate | None
    end: FuzzyDate | None
    sources: list[str]


@dataclass
class _Tenure:
    rows: list[_Row] = field(default_factory=list)

    @property
    def first(self) -> _Row:
        return self.rows[0]

    @property
    def start(self) -> FuzzyDate | None:
        return self.rows[0].start

    @property
    def end(self) -> FuzzyDate | None:
        ends = [r.end for r in self.rows]
        if any(e is None for e in ends):
            return None  # still in office on one of its rows
        return max((e for e in ends if e is not None), key=lambda e: e.latest)


def slug(text: str) -> str:
    """Lower-case words joined by ``-``; dots vanish first so "U.S." becomes "us"."""
    return re.sub(r"[^a-z0-9]+", "-", text.replace(".", "").lower()).strip("-")


def role_id_for(jurisdiction: str, office: str) -> str:
    return f"{slug(jurisdiction)}.{slug(office)}"


def title_variants(office: str) -> list[str]:
    """The office's title plus the generic ways articles shorten it, without repeats.

    Rules, applied in order to the office and to what earlier rules produced:
    a trailing qualifier in parentheses is dropped ("U.S. Senator (NY)" -> "U.S. Senator");
    "X of the United States" -> "X", "U.S. X", "US X";
    a leading "U.S." -> "US X" and "X";
    "Secretary of State for [the] Y [Department]" -> "Y Secretary" ("Defence Secretary",
    "Home Secretary");
    "Minister of/for [the] Y" -> "Y Minister" ("Armed Forces Minister"), except "Minister of
    State", which names a rank.
    """
    titles: list[str] = [office.strip()]

    def add(title: str) -> None:
        title = " ".join(title.split())
        if title and title.casefold() not in {t.casefold() for t in titles}:
            titles.append(title)

    base = re.sub(r"\s*\([^()]*\)\s*$", "", office).strip()
    add(base)
    m = re.fullmatch(r"(.+?) of the United States", base)
    if m:
        add(m.group(1))
        add(f"U.S. {m.group(1)}")
        add(f"US {m.group(1)}")
    m = re.fullmatch(r"U\.S\. (.+)", base)
    if m:
        add(f"US {m.group(1)}")
        add(m.group(1))
    m = re.fullmatch(r"Secretary of State for (?:the )?(.+?)(?: Department)?", base)
    if m:
        add(f"{m.group(1)} Secretary")
    m = re.fullmatch(r"Minister (?:of|for) (?:the )?(.+)", base)
    if m and m.group(1).casefold() != "state":
        add(f"{m.group(1)} Minister")
    return titles


def import_tenures(csv_path: Path, jurisdiction: str | None = None, *,
                   role_map: Mapping[str, str] | None = None,
                   as_of: dt.date | None = None,
                   roles_file: str | None = None) -> ImportResult:
    """Read ``csv_path`` and return the officeholders and roles knowledge files as text.

    ``jurisdiction`` keeps only rows with that code (case-blind). ``role_map`` maps office
    names (case-blind) to existing role ids. ``as_of`` is the date the table describes: open
    tenures get ``last_seen: as_of``, and an end after it (a scheduled end of term, not a fact
    yet) becomes ``end: null`` with the scheduled date in the notes. ``roles_file`` is the
    roles file's name, for the officeholders file's header. Raises TableError when the file
    or a required column is missing.
    """
    mapped = {k.casefold(): v for k, v in (role_map or {}).items()}
    rows, rows_read, rows_selected, rejected = _read_rows(csv_path, jurisdiction)
    tenures = _merge(rows)
    source_name = csv_path.name
    offices: dict[tuple[str, str], list[_Tenure]] = {}
    for tenure in tenures:
        offices.setdefault((tenure.first.jurisdiction, tenure.first.office), []).append(tenure)

    role_entries: list[dict[str, Any]] = []
    role_ids: dict[tuple[str, str], str] = {}
    for (jur, office), group in sorted(offices.items()):
        if office.casefold() in mapped:
            role_ids[(jur, office)] = mapped[office.casefold()]
            continue
        role_id = role_id_for(jur, office)
        role_ids[(jur, office)] = role_id
        single, why = _single_holder(office, group)
        role_entries.append({
            "id": role_id,
            "titles": title_variants(office),
            "single_holder": single,
            "description": f"{office} ({_country(jur)}), imported from {source_name}; {why}.",
        })

    entries = [_entry(t, role_ids[(t.first.jurisdiction, t.first.office)], source_name, as_of)
               for t in sorted(tenures, key=_order)]
    where = f" (jurisdiction {jurisdiction})" if jurisdiction else ""
    header = (f"# Imported by `reliability kb import` from {source_name}{where}: "
              f"{len(rows)} rows -> {len(entries)} tenures.\n"
              f"# Roles are in {roles_file or 'the companion .roles.yaml file'}. Do not edit by "
              "hand: fix the table and import again.\n")
    officeholders = _dump(header, "officeholders",
                          f"Tenures imported from {source_name}{where}.", entries)
    roles = _dump(f"# Roles of the offices in {source_name}{where}, generated by "
                  "`reliability kb import`.\n", "roles",
                  f"Offices found in {source_name}{where}.", role_entries)
    return ImportResult(officeholders, roles, rows_read, rows_selected, tuple(rejected),
                        len(entries), len(role_entries))


def _read_rows(csv_path: Path, jurisdiction: str | None
               ) -> tuple[list[_Row], int, int, list[Diagnostic]]:
    """The usable rows, the number of data rows, of selected rows, and the rejected rows."""
    try:
        handle = csv_path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise TableError(f"{csv_path}: cannot read: {exc.strerror or exc}") from exc
    rows: list[_Row] = []
    rejected: list[Diagnostic] = []
    rows_read = selected = 0
    with handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise TableError(f"{csv_path}:1: empty file, expected a header: {','.join(COLUMNS)}")
        names = [h.strip().lower() for h in header]
        missing = [c for c in COLUMNS if c not in names]
        if missing:
            raise TableError(f"{csv_path}:1: missing column(s) {', '.join(missing)}; the header "
                             f"must name {','.join(COLUMNS)}")
        col = {c: names.index(c) for c in COLUMNS}
        while True:
            # A quoted field may span lines: the row starts on the line after the last one read.
            line = reader.line_num + 1
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise TableError(f"{csv_path}:{line}: unreadable CSV: {exc}") from exc
            if not any(f.strip() for f in fields):
                continue
            rows_read += 1
            if len(fields) != len(names):
                # The jurisdiction cannot be trusted in a misaligned row: report it whatever
                # was asked, rather than drop it silently.
                selected += 1
                rejected.append(_rejected(csv_path, line, f"expected {len(names)} fields, "
                                         f"found {len(fields)}"))
                continue
            value = {c: fields[i].strip() for c, i in col.items()}
            if jurisdiction and value["jurisdiction"].casefold() != jurisdiction.casefold():
                continue
            selected += 1
            row, problem = _parse(value, line)
            if row is None:
                rejected.append(_rejected(csv_path, line, problem))
            else:
                rows.append(row)
    return rows, rows_read, selected, rejected


def _parse(value: Mapping[str, str], line: int) -> tuple[_Row | None, str]:
    for column in ("person", "office", "jurisdiction", "source"):
        if not value[column]:
            return None, f"empty {column}"
    dates: dict[str, FuzzyDate | None] = {}
    for column in ("start_date", "end_date"):
        text = value[column]
        try:
            dates[column] = FuzzyDate.parse(text) if text else None
        except ValueError as exc:
            return None, f"{column} {text!r}: {exc}"
    start, end = dates["start_date"], dates["end_date"]
    if start is not None and end is not None and end.latest < start.earliest:
        return None, f"end_date {end} is before start_date {start}"
    person = value["person"]
    aliases = [a.strip() for a in value["aliases"].split("|")]
    sources = [s.strip() for s in value["source"].split("|") if s.strip()]
    return _Row(line, person, [a for a in aliases if a and a.casefold() != person.casefold()],
                value["office"], value["organisation"], value["jurisdiction"].upper(),
                start, end, sources), ""


def _merge(rows: Iterable[_Row]) -> list[_Tenure]:
    """One tenure per run of touching or overlapping rows of one person in one office."""
    by_holder: dict[tuple[str, str, str], list[_Row]] = {}
    for row in rows:
        by_holder.setdefault((row.jurisdiction, row.office, row.person.casefold()), []).append(row)
    tenures: list[_Tenure] = []
    for group in by_holder.values():
        group.sort(key=lambda r: (r.start.earliest if r.start else dt.date.min, r.line))
        current = _Tenure([group[0]])
        for row in group[1:]:
            end = current.end
            touches = (end is None or row.start is None
                       or row.start.earliest <= end.latest + dt.timedelta(days=1))
            if touches:
                current.rows.append(row)
            else:
                tenures.append(current)
                current = _Tenure([row])
        tenures.append(current)
    return tenures


def _single_holder(office: str, group: list[_Tenure]) -> tuple[bool, str]:
    """Whether ``office`` has one holder at a time, and the reason, for the description.

    Data first: if two people hold it at once for more than CONCURRENT_DAYS days (counting
    only dated days), it has several holders. Otherwise a bare rank name in PLURAL_RANKS has
    several; anything else has one.
    """
    spans = sorted((t.start.latest, t.end.earliest if t.end else dt.date.max)
                   for t in group if t.start is not None)
    reach = dt.date.min
    for low, high in spans:
        # Overlap with the earlier tenure that reaches furthest; merged tenures of one person
        # never overlap, so this is always another person.
        if (min(reach, high) - low).days > CONCURRENT_DAYS:
            return False, f"several holders at once (over {CONCURRENT_DAYS} days) in the data"
        reach = max(reach, high)
    if "(" not in office and _rank(office) in PLURAL_RANKS:
        return False, "a rank held by several people at once"
    return True, f"never two holders at once (over {CONCURRENT_DAYS} days) in the data"


def _rank(office: str) -> str:
    return re.sub(r"^u\.?s\.?\s+", "", office.strip().casefold())


@functools.cache
def _country_names() -> Mapping[str, str]:
    """Code, name or alias (as written, upper case) -> canonical country name."""
    if not COUNTRIES_FILE.is_file():
        return {}
    kb, _problems = load_knowledge([COUNTRIES_FILE])
    names: dict[str, str] = {}
    for country in kb.of(COUNTRIES):
        for word in (*country.names, country.iso2, country.iso3):
            names.setdefault(word.upper(), country.name)
    return names


def _country(code: str) -> str:
    return _country_names().get(code.upper(), code)


def _order(t: _Tenure) -> tuple[str, str, dt.date, str]:
    start = t.start.earliest if t.start else dt.date.min
    return (t.first.jurisdiction, t.first.office, start, t.first.person)


def _entry(t: _Tenure, role_id: str, source_name: str, as_of: dt.date | None) -> dict[str, Any]:
    aliases: list[str] = []
    sources: list[str] = []
    organisations: list[str] = []
    for row in t.rows:
        aliases += [a for a in row.aliases if a not in aliases]
        sources += [s for s in row.sources if s not in sources]
        if row.organisation and row.organisation not in organisations:
            organisations.append(row.organisation)
    start, end = t.start, t.end
    last_seen: FuzzyDate | None = None
    notes: list[str] = []
    if organisations:
        notes.append(f"Organisation: {'; '.join(organisations)}.")
    lines = ", ".join(str(r.line) for r in t.rows)
    notes.append(f"Imported from {source_name} line{'s' if len(t.rows) > 1 else ''} {lines}.")
    started = start is None or start.latest <= (as_of or dt.date.max)
    if as_of is not None and started:
        if end is None:
            last_seen = FuzzyDate.parse(as_of.isoformat())
        elif end.earliest > as_of:
            notes.append(f"Scheduled end {end}, after the table's date {as_of}.")
            end, last_seen = None, FuzzyDate.parse(as_of.isoformat())
    entry: dict[str, Any] = {
        "name": t.first.person,
        "aliases": aliases,
        "role_id": role_id,
        "role": t.first.office,
        "country": _country(t.first.jurisdiction),
        "start": start.text if start else None,
        "end": end.text if end else None,
    }
    if last_seen is not None:
        entry["last_seen"] = last_seen.text
    entry.update({"sources": sources, "verified": True, "notes": " ".join(notes)})
    return entry


def _dump(header: str, section: str, description: str, entries: list[dict[str, Any]]) -> str:
    body = yaml.safe_dump({"section": section, "description": description, "entries": entries},
                          sort_keys=False, allow_unicode=True, width=100,
                          default_flow_style=None)
    return header + "\n" + body
