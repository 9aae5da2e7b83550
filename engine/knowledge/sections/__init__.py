"""Registry of knowledge sections: one module per section, registered here only.

A section module exposes ``NAME``, ``ENTRY_SCHEMA`` (JSON Schema of one entry, unknown keys
rejected), ``build(raw, doc, at, problems) -> entry | None`` (turn one validated entry into a
frozen value, appending located problems) and optionally ``build_indexes(kb_sections) ->
dict[str, Any]`` for run-wide indexes (e.g. one alias automaton over all entries).
"""

from __future__ import annotations

from types import ModuleType

from engine.knowledge.sections import (
    claims,
    confusions,
    countries,
    coverage,
    deaths,
    events,
    institutions,
    lexicon,
    officeholders,
    outlet_cues,
    outlet_ratings,
    outlets,
    places,
    roles,
)
from engine.registry import by_name

SECTIONS: dict[str, ModuleType] = by_name(
    countries, coverage, roles, officeholders, institutions, deaths, events, places, lexicon,
    confusions, claims, outlets, outlet_ratings, outlet_cues
)
