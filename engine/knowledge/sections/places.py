"""Section ``places``: spellings of one place, so that "Khmeimim" and "Hmeimim" are known to be
the same base rather than two conflicting claims.

Entry keys: ``name``, ``aliases``, ``country``, plus ``sources``, ``verified``, ``unverified``
and ``notes``. Places are not dated, so this section defines its own ``Place`` type rather than
one in ``engine.knowledge.entries``.

Index: ``places.by_name`` (case-folded name or alias -> Place).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge import IndexKey, Section
from engine.knowledge.entries import Aliased
from engine.knowledge.sections._fields import NAMED, TEXT, EntryReader, entry_schema
from engine.yamlpos import Located, PathKey

NAME = "places"

ENTRY_SCHEMA: dict[str, Any] = entry_schema(
    {**NAMED, "country": TEXT},
    ["name", "country"],
)


@dataclass(frozen=True, kw_only=True)
class Place(Aliased):
    """One place and the spellings sources use for it."""

    country: str


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> Place | None:
    """One validated entry as a Place."""
    reader = EntryReader(raw, doc, at, problems)
    return Place(**reader.named(), country=reader.text("country"), **reader.provenance())


PLACES_BY_NAME: IndexKey[Mapping[str, Place]] = IndexKey("places.by_name")


def build_indexes(sections: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    by_name: dict[str, Place] = {}
    for place in sections.get(NAME, ()):
        for name in place.names:
            by_name.setdefault(name.casefold(), place)
    return {PLACES_BY_NAME.name: MappingProxyType(by_name)}


PLACES: Section[Place] = Section(NAME, Place)
