"""Section ``institutions``: bodies that exist over an interval (army units, parties, a foreign
force's presence in a country), so a mention as a live body after ``end`` is anachronistic.

Entry keys: ``name``, ``aliases``, ``country``, ``start``, ``end`` (both optional, ``null`` =
unknown start / still existing), ``last_seen`` (latest date a source showed it existing; kept in
the notes, as Institution has no field for it), plus ``sources``, ``verified``, ``unverified``
and ``notes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge import Section
from engine.knowledge.entries import Institution
from engine.knowledge.sections._fields import (
    INTERVAL,
    NAMED,
    TEXT,
    EntryReader,
    entry_schema,
)
from engine.yamlpos import Located, PathKey

NAME = "institutions"
# Typed handle: ``kb.of(INSTITUTIONS)`` is a ``tuple[Institution, ...]``.
INSTITUTIONS: Section[Institution] = Section(NAME, Institution)

ENTRY_SCHEMA: dict[str, Any] = entry_schema(
    {
        **NAMED,
        "country": TEXT,
        **INTERVAL,
    },
    ["name", "country"],
)


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> Institution | None:
    """One validated entry as an Institution, or None when its dates clash."""
    reader = EntryReader(raw, doc, at, problems)
    start, end, last_seen = reader.interval("a body seen existing")
    if reader.failed:
        return None
    seen = f"Last seen existing: {last_seen}." if last_seen else ""
    return Institution(
        **reader.named(),
        country=reader.text("country"),
        start=start,
        end=end,
        **reader.provenance(seen),
    )
