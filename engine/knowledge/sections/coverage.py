"""Section ``coverage``: which offices of which countries each imported source is complete
for, and over which period.

Entry keys: ``source_id`` (the id its tenures carry), ``title``, ``licence``, ``url``,
``countries`` (canonical names, or ``["*"]`` for every country the source lists; ``[]`` when
the source is complete for nothing and only adds tenures), ``role_ids`` (``roles`` ids),
``from`` and ``to`` (dates), and ``notes``. A source may have several entries (heads of
government for every country, ministers for one).

Why it exists: a tenure table that stops in 2023 says nothing about 2024. Inside a coverage
window a tenure's end, or a successor's start, is evidence that a person left office; outside
it, a person absent from the data is unknown, never out of office.

Index: ``coverage.by_source`` (source_id -> its Coverage entries, in load order).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge import IndexKey, Section
from engine.knowledge.entries import Coverage, FuzzyDate
from engine.knowledge.sections._fields import (
    DATE,
    NOTES,
    SOURCE_ID_PATTERN,
    TEXT,
    TEXTS,
    EntryReader,
    closed_schema,
)
from engine.knowledge.sections.roles import ROLE_REF
from engine.yamlpos import Located, PathKey

NAME = "coverage"

ENTRY_SCHEMA: dict[str, Any] = closed_schema(
    {
        "source_id": {"type": "string", "pattern": SOURCE_ID_PATTERN,
                      "description": "write a lower-case slug such as factbook"},
        "title": TEXT,
        "licence": TEXT,
        "url": TEXT,
        "countries": TEXTS,
        "role_ids": {"type": "array", "items": ROLE_REF},
        "from": DATE,
        "to": DATE,
        "notes": NOTES,
    },
    ["source_id", "title", "licence", "url", "countries", "role_ids", "from", "to"],
)


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> Coverage | None:
    """One validated entry as a Coverage, or None when its dates are not real or reversed."""
    reader = EntryReader(raw, doc, at, problems)
    start, end = reader.date("from"), reader.date("to")
    reader.not_before("from", start, "to", end)
    if reader.failed or start is None or end is None:
        return None
    return Coverage(source_id=raw["source_id"], title=reader.text("title"),
                    licence=reader.text("licence"), url=reader.text("url"),
                    countries=tuple(str(c).strip() for c in raw["countries"]),
                    role_ids=tuple(raw["role_ids"]), start=start, end=end,
                    notes=reader.text("notes"), origin=reader.origin)


COVERAGE_BY_SOURCE: IndexKey[Mapping[str, tuple[Coverage, ...]]] = IndexKey("coverage.by_source")


def build_indexes(sections: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    by_source: dict[str, list[Coverage]] = {}
    for entry in sections.get(NAME, ()):
        by_source.setdefault(entry.source_id, []).append(entry)
    return {COVERAGE_BY_SOURCE.name: MappingProxyType({k: tuple(v) for k, v in by_source.items()})}


def covered(coverage: Mapping[str, tuple[Coverage, ...]], source_id: str, country: str,
            role_id: str, day: FuzzyDate) -> bool:
    """Whether ``source_id`` is complete for ``role_id`` in ``country`` on every day ``day``
    can mean."""
    return any(c.covers(country, role_id, day.earliest) and c.covers(country, role_id, day.latest)
               for c in coverage.get(source_id, ()))


COVERAGE: Section[Coverage] = Section(NAME, Coverage)
