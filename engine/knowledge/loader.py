"""Load ``rules/knowledge/*.yaml`` (and ``*.csv`` tenure tables, see
``engine.knowledge.tables``) into one KnowledgeBase, collecting every problem."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge import KnowledgeBase
from engine.knowledge.sections import SECTIONS
from engine.knowledge.tables import read_tenure_table
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


_VALIDATORS: dict[str, Any] = {}


def _validator(section: str, schema: dict[str, Any]) -> Any:
    import jsonschema

    if section not in _VALIDATORS:
        _VALIDATORS[section] = jsonschema.Draft202012Validator(schema)
    return _VALIDATORS[section]


def load_knowledge(paths: Iterable[Path]) -> tuple[KnowledgeBase, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    sections: dict[str, list[Any]] = {}
    for path in sorted(paths):
        if path.suffix == ".csv":
            # Imported sources: thousands of tenures, read by the fast path.
            sections.setdefault("officeholders", []).extend(read_tenure_table(path, problems))
            continue
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
        validator = _validator(name, module.ENTRY_SCHEMA)
        for i, raw in enumerate(doc.data["entries"]):
            at = ("entries", i)
            # Locating errors is slow; the compiled validator answers "valid?" fast, so only
            # an invalid entry pays for the located report.
            if not validator.is_valid(raw):
                problems.extend(schema_problems(doc, module.ENTRY_SCHEMA, at))
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
