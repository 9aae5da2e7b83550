"""Importers of third-party officeholder tables into knowledge files, one module per format.

Each format module exposes ``FORMAT`` (its ``--format`` name), ``SOURCE`` (the default
``coverage`` entry fields: source_id, title, licence, url) and
``read(path, vocabulary) -> ImportResult``. The result is written by ``write_import`` as
``DIR/<source_id>.csv`` (tenures, the fast format of ``engine.knowledge.tables``),
``DIR/<source_id>.coverage.yaml`` (what the source is complete for) and, when the source has
offices outside the role taxonomy, ``DIR/<source_id>.roles.yaml``.

People are named as articles name them (Factbook capitals become "Keir Starmer") and keep
their Wikidata QID where the source gives one; positions are mapped onto the ``roles``
taxonomy through the roles' ``labels`` and titles, country-specific ones first
(``Vocabulary.roles_for``); a position that maps onto no role is skipped and counted.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from engine.dates import month_number
from engine.errors import Diagnostic
from engine.knowledge import KnowledgeBase
from engine.knowledge.entries import Country, RoleDef
from engine.knowledge.importer import _rejected
from engine.knowledge.sections.countries import COUNTRIES_BY_CODE, COUNTRIES_BY_NAME
from engine.knowledge.sections.roles import ROLES
from engine.knowledge.tables import write_tenure_table


@dataclass
class ImportResult:
    """What one importer made of one file.

    ``tenures`` are dicts keyed by ``engine.knowledge.tables.COLUMNS``; ``coverage`` and
    ``roles`` are entries of those sections. ``rows_read`` counts data rows, ``rejected`` the
    rows that could not be used because a value is wrong (a known fault of the source), and
    ``skipped`` counts, by reason, rows that are fine but outside what is imported (an office
    outside the taxonomy, a territory that is not a country).
    """

    source_id: str
    tenures: list[dict[str, str]] = field(default_factory=list)
    coverage: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    rows_read: int = 0
    rejected: list[Diagnostic] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Vocabulary:
    """The knowledge an importer maps onto: canonical countries and the role taxonomy."""

    countries_by_name: Mapping[str, Country]
    countries_by_code: Mapping[str, Country]
    roles: Mapping[str, RoleDef]
    generic_labels: Mapping[str, tuple[str, ...]]
    country_labels: Mapping[tuple[str, str], tuple[str, ...]]

    @classmethod
    def from_knowledge(cls, kb: KnowledgeBase) -> Vocabulary:
        generic: dict[str, list[str]] = {}
        local: dict[tuple[str, str], list[str]] = {}
        roles: dict[str, RoleDef] = {}
        for role in kb.of(ROLES):
            roles.setdefault(role.id, role)
            for label in (*role.labels, *role.titles):
                _append(generic, normal_label(label), role.id)
            for country, titles in role.country_titles.items():
                for title in titles:
                    _append(local, (country, normal_label(title)), role.id)
        return cls(kb.indexed(COUNTRIES_BY_NAME) or {}, kb.indexed(COUNTRIES_BY_CODE) or {},
                   roles, {k: tuple(v) for k, v in generic.items()},
                   {k: tuple(v) for k, v in local.items()})

    def country(self, name: str = "", code: str = "") -> str | None:
        """The canonical name for a table's code (``gec:uk``, ``qid:Q145``, ``GB``) or name."""
        found = self.countries_by_code.get(code) if code else None
        if found is None and name:
            found = self.countries_by_name.get(clean_text(name).casefold())
        return found.name if found else None

    def roles_for(self, label: str, country: str) -> tuple[str, ...]:
        """Role ids for a position ``label`` in ``country``: the country's own titles first
        ("Chancellor" in the United Kingdom), else the generic labels and titles; a trailing
        "of <country>" is ignored ("Prime Minister of Spain")."""
        for key in _label_keys(label, country):
            if (country, key) in self.country_labels:
                return self.country_labels[(country, key)]
            if key in self.generic_labels:
                return self.generic_labels[key]
        return ()


def rejected_row(path: Path, line: int, message: str) -> Diagnostic:
    """A row of ``path`` that could not be used, at its line."""
    return _rejected(path, line, message)


def table_rows(path: Path, result: ImportResult) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data row of the CSV at ``path`` with its line number, counted in ``result``."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            result.rows_read += 1
            yield reader.line_num, {k: v or "" for k, v in row.items() if k is not None}


def _append(index: dict[Any, list[str]], key: Any, value: str) -> None:
    values = index.setdefault(key, [])
    if value not in values:
        values.append(value)


def clean_text(text: str) -> str:
    """Undo HTML entities the scraped tables kept (``C&ocirc;te``, ``Laos&nbsp;``)."""
    import html

    return " ".join(html.unescape(text).replace("\xa0", " ").split())


def normal_label(label: str) -> str:
    return " ".join(label.replace("’", "'").casefold().split())


def _label_keys(label: str, country: str) -> list[str]:
    key = normal_label(label)
    keys = [key]
    if key.startswith("federal "):  # "Federal Minister of Defence" is the defence minister
        key = key[len("federal "):]
        keys.append(key)
    m = re.fullmatch(r"(.+?) of (?:the )?(?:republic of |kingdom of |state of )?(.+)", key)
    if m and m.group(2) == normal_label(country):
        keys.append(m.group(1))
    return keys


def text_date(text: str) -> str | None:
    """"12 December 2019" -> "2019-12-12", "December 2019" -> "2019-12", "2019" -> "2019"."""
    parts = text.replace(",", " ").split()
    try:
        month = month_number(parts[1]) if len(parts) == 3 else None
        if month is not None:
            return dt.date(int(parts[2]), month, int(parts[0])).isoformat()
        month = month_number(parts[0]) if len(parts) == 2 else None
        if month is not None and parts[1].isdigit():
            return f"{int(parts[1]):04d}-{month:02d}"
        if len(parts) == 1 and re.fullmatch(r"\d{4}", parts[0]):
            return parts[0]
    except ValueError:
        return None
    return None


def write_import(result: ImportResult, directory: Path) -> list[Path]:
    """Write the result's files into ``directory``; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = result.source_id
    written = []
    table = directory / f"{stem}.csv"
    table.write_text(write_tenure_table(result.tenures), encoding="utf-8")
    written.append(table)
    header = (f"# Written by `reliability kb import` ({stem}): what the source is complete "
              "for.\n# Do not edit by hand: import again.\n\n")
    cover = directory / f"{stem}.coverage.yaml"
    cover.write_text(header + _dump("coverage", f"Coverage of {stem}.", result.coverage),
                     encoding="utf-8")
    written.append(cover)
    if result.roles:
        roles = directory / f"{stem}.roles.yaml"
        roles.write_text(f"# Offices of {stem} outside the shared role taxonomy, written by "
                         "`reliability kb import`.\n\n"
                         + _dump("roles", f"Offices found in {stem}.", result.roles),
                         encoding="utf-8")
        written.append(roles)
    return written


def _dump(section: str, description: str, entries: list[dict[str, Any]]) -> str:
    return yaml.safe_dump({"section": section, "description": description, "entries": entries},
                          sort_keys=False, allow_unicode=True, width=100)
