"""Section ``deaths``: after this date the person cannot speak, meet or hold office.

Entry keys: ``name``, ``aliases``, ``date`` (required), plus ``sources``, ``verified``,
``unverified`` and ``notes``. ``engine.knowledge.check`` compares deaths with tenures.

Index: ``deaths.by_name`` (case-folded name or alias -> Death).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge import IndexKey, Section
from engine.knowledge.entries import Death
from engine.knowledge.sections._fields import DATE, NAMED, EntryReader, entry_schema
from engine.yamlpos import Located, PathKey

NAME = "deaths"
# Typed handle: ``kb.of(DEATHS)`` is a ``tuple[Death, ...]``.
DEATHS: Section[Death] = Section(NAME, Death)

ENTRY_SCHEMA: dict[str, Any] = entry_schema(
    {**NAMED, "date": DATE},
    ["name", "date"],
)


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> Death | None:
    """One validated entry as a Death, or None when its date is not a calendar date."""
    reader = EntryReader(raw, doc, at, problems)
    date = reader.date("date")
    if date is None or reader.failed:
        return None
    return Death(**reader.named(), date=date, **reader.provenance())


DEATHS_BY_NAME: IndexKey[Mapping[str, Death]] = IndexKey("deaths.by_name")


def build_indexes(sections: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    by_name: dict[str, Death] = {}
    for death in sections.get(NAME, ()):
        for name in (death.name, *death.aliases):
            by_name.setdefault(name.casefold(), death)
    return {DEATHS_BY_NAME.name: MappingProxyType(by_name)}
