"""Dated knowledge the rules consult: officeholders, institutions, events, confusions.

Knowledge files live in ``rules/knowledge/*.yaml``. Each file is a mapping
``{section: NAME, entries: [...]}``; the section names which loader reads the entries. Section
loaders are registered in ``engine.knowledge.sections.SECTIONS`` (one module per section), so
adding a kind of knowledge needs no change here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


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


EMPTY = KnowledgeBase()
