"""Dated knowledge the rules consult: officeholders, institutions, events, confusions.

Knowledge files live in ``rules/knowledge/*.yaml``. Each file is a mapping
``{section: NAME, entries: [...]}``; the section names which loader reads the entries. Section
loaders are registered in ``engine.knowledge.sections.SECTIONS`` (one module per section), so
adding a kind of knowledge needs no change here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

EntryT = TypeVar("EntryT")
IndexT = TypeVar("IndexT")


@dataclass(frozen=True)
class Section(Generic[EntryT]):
    """A typed handle on one section: its name and the type of its entries (``kb.of(ROLES)``
    is a ``tuple[RoleDef, ...]`` where ``kb.entries("roles")`` is a ``tuple[Any, ...]``)."""

    name: str
    entry_type: type[EntryT]


@dataclass(frozen=True)
class IndexKey(Generic[IndexT]):
    """A typed key of a run-wide index (``kb.indexed(key)`` instead of ``kb.index("name")``)."""

    name: str


@dataclass(frozen=True)
class KnowledgeBase:
    """Every knowledge entry of a run, grouped by section, plus indexes built once per run."""

    sections: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    # Derived, run-wide indexes (e.g. one compiled alias matcher), built by section modules.
    indexes: Mapping[str, Any] = field(default_factory=dict)

    def entries(self, section: str) -> tuple[Any, ...]:
        return tuple(self.sections.get(section, ()))

    def index(self, name: str) -> Any:
        return self.indexes.get(name)

    def of(self, section: Section[EntryT]) -> tuple[EntryT, ...]:
        """The section's entries, typed. The section's loader builds them of ``entry_type``
        (a test checks every shipped entry against its handle)."""
        return cast(tuple[EntryT, ...], self.entries(section.name))

    def indexed(self, key: IndexKey[IndexT]) -> IndexT | None:
        return cast(IndexT | None, self.indexes.get(key.name))


EMPTY = KnowledgeBase()
