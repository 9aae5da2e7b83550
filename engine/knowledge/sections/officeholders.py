"""Section ``officeholders``: who held which role, in which country, from when to when.

Entry keys: ``name``, ``aliases``, ``role_id`` (an id of the ``roles`` section), ``role`` (the
title as the source wrote it), ``country``, ``start`` and ``end`` (both required, ``null``
allowed: an unknown start; an end not reached when ``last_seen``), ``last_seen`` (the latest
date a source showed the person still in the role), optionally ``qid`` (the person's Wikidata
item) and ``source_id`` (the ``coverage`` source the tenure was imported from; absent on
hand-verified entries, which take precedence over every imported source), plus
``sources``, ``verified``, ``unverified`` and ``notes``.

Checked here, per entry: real calendar dates, end not before start, ``last_seen`` neither
before the start nor after the end. Checked in ``engine.knowledge.check``, across entries:
that ``role_id`` exists and that single-holder roles do not have two holders at once.

Indexes: ``officeholders.by_name`` (case-folded name or alias -> tenures) and
``officeholders.preferred`` (every tenure, less those another source overrides: see
``engine.knowledge.merge``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge import IndexKey, Section
from engine.knowledge.entries import Interval, Tenure
from engine.knowledge.merge import preferred, specific_sources
from engine.knowledge.sections._fields import (
    HELD,
    NAMED,
    QID,
    SOURCE_ID_PATTERN,
    TEXT,
    EntryReader,
    build_dated,
    entry_schema,
)
from engine.knowledge.sections.roles import ROLE_REF
from engine.yamlpos import Located, PathKey

NAME = "officeholders"
# Typed handle: ``kb.of(OFFICEHOLDERS)`` is a ``tuple[Tenure, ...]``.
OFFICEHOLDERS: Section[Tenure] = Section(NAME, Tenure)

ENTRY_SCHEMA: dict[str, Any] = entry_schema(
    {
        **NAMED,
        "role_id": ROLE_REF,
        "role": TEXT,
        **HELD,
        "qid": QID,
        "source_id": {"type": "string", "pattern": SOURCE_ID_PATTERN,
                      "description": "write the source_id of a coverage entry"},
    },
    # start and end must be written even when null: "end: null" is a claim (still in office).
    ["name", "role_id", "role", "country", "start", "end"],
)


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> Tenure | None:
    """One validated entry as a Tenure, or None (with located problems) when its dates clash."""
    return build_dated(raw, doc, at, problems, "a person seen in office", _tenure)


def _tenure(reader: EntryReader, when: Interval) -> Tenure:
    return Tenure(**reader.named(), role_id=reader.raw["role_id"], role=reader.text("role"),
                  country=reader.text("country"), start=when.start, end=when.end,
                  last_seen=when.last_seen, **reader.provenance(),
                  qid=reader.text("qid"), source_id=reader.text("source_id"))


# Tenures by case-folded name or alias, and all tenures once sources are weighed.
OFFICEHOLDERS_BY_NAME: IndexKey[Mapping[str, tuple[Tenure, ...]]] = IndexKey(
    "officeholders.by_name")
OFFICEHOLDERS_PREFERRED: IndexKey[tuple[Tenure, ...]] = IndexKey("officeholders.preferred")


def build_indexes(sections: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    by_name: dict[str, list[Tenure]] = {}
    for tenure in sections.get(NAME, ()):
        for name in tenure.names:
            by_name.setdefault(name.casefold(), []).append(tenure)
    # The tenures once sources have been weighed: the same person's tenure from a source of
    # lower precedence is dropped (``engine.knowledge.merge``).
    merged = preferred(sections.get(NAME, ()),
                       specific_sources(sections.get("coverage", ())))
    return {OFFICEHOLDERS_BY_NAME.name: MappingProxyType({k: tuple(v)
                                                         for k, v in by_name.items()}),
            OFFICEHOLDERS_PREFERRED.name: merged}
