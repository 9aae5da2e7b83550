"""Section ``roles``: the kinds of office tenures refer to, and how articles title them.

Entry keys: ``id`` (lower-case slug, may contain dots: ``defence-minister``,
``us.president-of-the-united-states``), ``titles`` (the phrases journalists put before a
holder's name, matched case-blind by the rules), ``single_holder`` (one holder per country at a
time) and ``description``. Role ids are checked for uniqueness across files by
``engine.knowledge.check``, since one file cannot see another's entries.

Indexes: ``roles.by_id`` (id -> Role) and ``roles.by_title`` (case-folded title -> role ids).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge.entries import RoleDef
from engine.knowledge.sections._fields import TEXT, EntryReader
from engine.yamlpos import Located, PathKey

NAME = "roles"

ROLE_ID_PATTERN = r"^[a-z0-9]+([.-][a-z0-9]+)*$"

ENTRY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "titles", "single_holder"],
    "properties": {
        "id": {"type": "string", "pattern": ROLE_ID_PATTERN,
               "description": "write a lower-case slug such as defence-minister"},
        "titles": {"type": "array", "minItems": 1, "items": TEXT},
        "single_holder": {"type": "boolean"},
        "description": {"type": "string"},
    },
}


@dataclass(frozen=True)
class Role(RoleDef):
    """A RoleDef that remembers where it was written, so duplicate ids can name both files."""

    origin: str = ""


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> Role | None:
    """One validated ``roles`` entry as a Role (a RoleDef)."""
    reader = EntryReader(raw, doc, at, problems)
    titles = tuple(str(t).strip() for t in raw["titles"])
    return Role(id=raw["id"], titles=titles, single_holder=bool(raw["single_holder"]),
                description=reader.text("description"), origin=reader.origin)


def build_indexes(sections: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    by_id: dict[str, RoleDef] = {}
    by_title: dict[str, list[str]] = {}
    for role in sections.get(NAME, ()):
        # On a duplicate id the first file (in load order) wins; `kb check` reports the clash.
        by_id.setdefault(role.id, role)
        for title in role.titles:
            ids = by_title.setdefault(title.casefold(), [])
            if role.id not in ids:
                ids.append(role.id)
    return {
        "roles.by_id": MappingProxyType(by_id),
        "roles.by_title": MappingProxyType({k: tuple(v) for k, v in by_title.items()}),
    }
