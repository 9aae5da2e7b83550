"""Load ``rules/knowledge/*.yaml`` into one KnowledgeBase, collecting every problem."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge import KnowledgeBase
from engine.knowledge.sections import SECTIONS
from engine.yamlpos import read_located, schema_problems

FILE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["section", "entries"],
    "properties": {
        "section": {"type": "string"},
        "description": {"type": "string"},
        "entries": {"type": "array"},
    },
}


def load_knowledge(paths: Iterable[Path]) -> tuple[KnowledgeBase, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    sections: dict[str, list[Any]] = {}
    for path in sorted(paths):
        doc, errs = read_located(path)
        problems.extend(errs)
        if doc is None or doc.data is None:
            continue
        file_errs = schema_problems(doc, FILE_SCHEMA)
        if file_errs:
            problems.extend(file_errs)
            continue
        name = doc.data["section"]
        module = SECTIONS.get(name)
        if module is None:
            problems.append(doc.problem(("section",), f"unknown knowledge section {name!r}",
                                        f"valid sections: {', '.join(sorted(SECTIONS)) or 'none'}"))
            continue
        for i, raw in enumerate(doc.data["entries"]):
            at = ("entries", i)
            entry_errs = schema_problems(doc, module.ENTRY_SCHEMA, at)
            if entry_errs:
                problems.extend(entry_errs)
                continue
            entry = module.build(raw, doc, at, problems)
            if entry is not None:
                sections.setdefault(name, []).append(entry)
    frozen = {name: tuple(entries) for name, entries in sections.items()}
    indexes: dict[str, Any] = {}
    for name in sorted(SECTIONS):
        builder = getattr(SECTIONS[name], "build_indexes", None)
        if builder is not None:
            indexes.update(builder(frozen))
    return KnowledgeBase(frozen, indexes), problems
