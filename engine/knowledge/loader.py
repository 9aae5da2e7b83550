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
from engine.yamlpos import Located, read_located, schema_problems

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
    ordered = sorted(paths)
    docs = {path: read_located(path) for path in ordered if path.suffix != ".csv"}
    claimed = _claimed_tables(docs.values())
    for path in ordered:
        if path.suffix == ".csv":
            # A table a YAML entry names (``table:``, e.g. outlet ratings) is that entry's data;
            # any other CSV is an imported tenure table, read by the fast path.
            if path.resolve() not in claimed:
                sections.setdefault("officeholders", []).extend(
                    read_tenure_table(path, problems))
            continue
        doc, errs = docs[path]
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


def _claimed_tables(docs: Iterable[tuple[Located | None, list[Diagnostic]]]) -> set[Path]:
    """The CSV files named by a ``table:`` key of some entry, resolved."""
    claimed: set[Path] = set()
    for doc, _ in docs:
        if doc is None or not isinstance(doc.data, dict):
            continue
        entries = doc.data.get("entries")
        for raw in entries if isinstance(entries, list) else ():
            table = raw.get("table") if isinstance(raw, dict) else None
            if isinstance(table, str):
                claimed.add((Path(doc.path).parent / table).resolve())
    return claimed
