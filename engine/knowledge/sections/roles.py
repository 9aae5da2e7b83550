"""Section ``roles``: the kinds of office tenures refer to, and how articles title them.

Entry keys: ``id`` (lower-case slug, may contain dots: ``defence-minister``,
``us.president-of-the-united-states``), ``titles`` (the phrases journalists put before a
holder's name, matched case-blind by the rules), ``single_holder`` (one holder per country at a
time) and ``description``; optionally ``country_titles`` (``{canonical country: [titles]}``:
titles that name this role only in that country, e.g. "Chancellor" for the United Kingdom's
finance minister and for Germany's head of government) and ``labels`` (position names as
source tables write them, for the importers only) and ``courtesy_years`` (former holders
keep the title as a courtesy, see ``RoleDef``). Role ids are checked for uniqueness
across files by ``engine.knowledge.check``, since one file cannot see another's entries.

Indexes: ``roles.by_id`` (id -> Role), ``roles.by_title`` (case-folded generic title -> role
ids), ``roles.by_country_title`` (case-folded title -> ((canonical country, role id), ...)),
and ``roles.by_label`` (case-folded source label or title -> role ids), for importers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge import IndexKey, Section
from engine.knowledge.entries import RoleDef
from engine.knowledge.sections._fields import NOTES, SOME_TEXTS, TEXTS, EntryReader, closed_schema
from engine.yamlpos import Located, PathKey

NAME = "roles"
# Typed handle: ``kb.of(ROLES)`` is a ``tuple[RoleDef, ...]``.
ROLES: Section[RoleDef] = Section(NAME, RoleDef)

ROLE_ID_PATTERN = r"^[a-z0-9]+([.-][a-z0-9]+)*$"
# A reference to a role from another section (a tenure's role, a coverage's roles); that the
# role exists is checked across sections (engine.knowledge.check).
ROLE_REF: dict[str, Any] = {"type": "string", "pattern": ROLE_ID_PATTERN,
                            "description": "write the id of a role from the roles section"}

ENTRY_SCHEMA: dict[str, Any] = closed_schema(
    {
        "id": {"type": "string", "pattern": ROLE_ID_PATTERN,
               "description": "write a lower-case slug such as defence-minister"},
        "titles": SOME_TEXTS,
        "single_holder": {"type": "boolean"},
        "description": NOTES,
        "country_titles": {
            "type": "object",
            "description": "map a canonical country name to the titles used there",
            "additionalProperties": SOME_TEXTS,
        },
        "labels": TEXTS,
        "courtesy_years": {
            "type": "integer", "minimum": 0,
            "description": "former holders keep the title as a courtesy: named with it they "
                           "are presented as current only while acting in the sentence, and "
                           "never after this many years out of office"},
    },
    ["id", "titles", "single_holder"],
)


@dataclass(frozen=True)
class Role(RoleDef):
    """A RoleDef that remembers where it was written, so duplicate ids can name both files."""

    origin: str = ""


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> Role | None:
    """One validated ``roles`` entry as a Role (a RoleDef)."""
    reader = EntryReader(raw, doc, at, problems)
    titles = tuple(str(t).strip() for t in raw["titles"])
    country_titles = MappingProxyType({
        str(country).strip(): tuple(str(t).strip() for t in values)
        for country, values in (raw.get("country_titles") or {}).items()})
    labels = tuple(str(label).strip() for label in raw.get("labels") or ())
    return Role(id=raw["id"], titles=titles, single_holder=bool(raw["single_holder"]),
                description=reader.text("description"), country_titles=country_titles,
                labels=labels, courtesy_years=raw.get("courtesy_years"), origin=reader.origin)


# The run-wide indexes built below, typed (``kb.indexed(ROLES_BY_ID)``); keys are case-folded.
ROLES_BY_ID: IndexKey[Mapping[str, RoleDef]] = IndexKey("roles.by_id")
ROLES_BY_TITLE: IndexKey[Mapping[str, tuple[str, ...]]] = IndexKey("roles.by_title")
ROLES_BY_COUNTRY_TITLE: IndexKey[Mapping[str, tuple[tuple[str, str], ...]]] = IndexKey(
    "roles.by_country_title")
ROLES_BY_LABEL: IndexKey[Mapping[str, tuple[str, ...]]] = IndexKey("roles.by_label")


def build_indexes(sections: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    by_id: dict[str, RoleDef] = {}
    by_title: dict[str, list[str]] = {}
    by_country_title: dict[str, list[tuple[str, str]]] = {}
    by_label: dict[str, list[str]] = {}
    for role in sections.get(NAME, ()):
        # On a duplicate id the first file (in load order) wins; `kb check` reports the clash.
        by_id.setdefault(role.id, role)
        for title in role.titles:
            _add(by_title, title, role.id)
        for country, titles in role.country_titles.items():
            for title in titles:
                _add(by_country_title, title, (country, role.id))
        for label in (*role.labels, *role.titles,
                      *(t for titles in role.country_titles.values() for t in titles)):
            _add(by_label, label, role.id)
    return {
        ROLES_BY_ID.name: MappingProxyType(by_id),
        ROLES_BY_TITLE.name: _frozen(by_title),
        ROLES_BY_COUNTRY_TITLE.name: _frozen(by_country_title),
        ROLES_BY_LABEL.name: _frozen(by_label),
    }


def _add(index: dict[str, list[Any]], text: str, value: Any) -> None:
    values = index.setdefault(text.casefold(), [])
    if value not in values:
        values.append(value)


def _frozen(index: dict[str, list[Any]]) -> Mapping[str, tuple[Any, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in index.items()})
