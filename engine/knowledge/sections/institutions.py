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
from engine.knowledge.entries import Institution, Interval
from engine.knowledge.sections._fields import HELD, NAMED, EntryReader, build_dated, entry_schema
from engine.yamlpos import Located, PathKey

NAME = "institutions"
# Typed handle: ``kb.of(INSTITUTIONS)`` is a ``tuple[Institution, ...]``.
INSTITUTIONS: Section[Institution] = Section(NAME, Institution)

ENTRY_SCHEMA: dict[str, Any] = entry_schema(
    {**NAMED, **HELD},
    ["name", "country"],
)


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> Institution | None:
    """One validated entry as an Institution, or None when its dates clash."""
    return build_dated(raw, doc, at, problems, "a body seen existing", _institution)


def _institution(reader: EntryReader, when: Interval) -> Institution:
    # Institution has no field for the last sighting: the notes keep it for a reader.
    seen = f"Last seen existing: {when.last_seen}." if when.last_seen else ""
    return Institution(**reader.named(), country=reader.text("country"), start=when.start,
                       end=when.end, **reader.provenance(seen))
