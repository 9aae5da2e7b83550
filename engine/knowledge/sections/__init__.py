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
    deaths,
    events,
    institutions,
    lexicon,
    officeholders,
    places,
    roles,
)

SECTIONS: dict[str, ModuleType] = {
    module.NAME: module
    for module in (countries, roles, officeholders, institutions, deaths, events, places,
                   lexicon, confusions, claims)
}
