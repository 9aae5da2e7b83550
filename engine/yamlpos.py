"""YAML loading that remembers where every value came from.

PyYAML's composer gives nodes with start marks; we build plain Python values from those nodes
ourselves and keep a map from each value's path (tuple of keys and indices) to its line and
column, so that schema errors and rule errors can name ``path:line:col``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from engine.errors import Diagnostic

PathKey = tuple[str | int, ...]


@dataclass
class Located:
    """A loaded YAML document and the 1-based (line, col) of every value in it."""

    path: str
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def where(self, at: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at ``at`` (or of its key), else of its nearest parent."""
        table = self.key_marks if key else self.marks
        probe = tuple(at)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.marks:
                return self.marks[probe]
            probe = probe[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, at: PathKey, message: str, hint: str = "", *, key: bool = False,
                code: str = "invalid") -> Diagnostic:
        line, col = self.where(at, key=key)
        return Diagnostic.at(self.path, line, col, message, hint, code=code)


class _Builder:
    def __init__(self, doc: Located) -> None:
        self.doc = doc
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, at: PathKey) -> Any:
        self.doc.marks[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.constructor.construct_object(key_node, deep=True)
                if not isinstance(key, str | int | float | bool) and key is not None:
                    key = str(key)
                child = (*at, key)
                self.doc.key_marks[child] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
                out[key] = self.build(value_node, child)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*at, i)) for i, item in enumerate(node.value)]
        return self.constructor.construct_object(node, deep=True)


def load_located(path: str, text: str) -> tuple[Located | None, list[Diagnostic]]:
    """Parse one YAML document; a syntax error becomes a Diagnostic at its mark."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        return None, [Diagnostic.at(path, line, col, f"YAML syntax error: {what}",
                              "check indentation, quoting and colons on this line", code="yaml")]
    except yaml.YAMLError as exc:
        return None, [Diagnostic.at(path, 1, 1, f"YAML error: {exc}", "fix the YAML syntax",
                                    code="yaml")]
    doc = Located(path, None)
    if node is None:
        return doc, []
    try:
        doc.data = _Builder(doc).build(node, ())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Diagnostic.at(path, line, col, f"YAML value error: {exc.problem}",
                              "quote the value or fix its syntax", code="yaml")]
    return doc, []


def schema_problems(doc: Located, schema: dict[str, Any],
                    base: PathKey = ()) -> list[Diagnostic]:
    """Validate ``doc.data`` (or the part at ``base``) and locate every schema error."""
    import jsonschema

    value: Any = doc.data
    for part in base:
        value = value[part]
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for err in validator.iter_errors(value):
        at = (*base, *err.absolute_path)
        problems.append(replace(_explain(doc, at, err), code="schema"))
    return problems


def _explain(doc: Located, at: PathKey, err: Any) -> Diagnostic:
    where = ".".join(str(p) for p in at) or "top level"
    if err.validator == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
        key_at = (*at, extra[0]) if extra else at
        return doc.problem(key_at, f"unknown key {', '.join(map(repr, extra))} in {where}",
                           f"allowed keys: {', '.join(allowed)}", key=True)
    if err.validator == "required":
        return doc.problem(at, f"{where}: {err.message}", "add the missing key")
    if err.validator == "enum":
        choices = ", ".join(map(str, err.validator_value))
        return doc.problem(at, f"{where}: {err.instance!r} is not allowed",
                           f"use one of: {choices}")
    if err.validator == "type":
        if isinstance(err.instance, dt.date):
            # YAML reads an unquoted 2024-12-08 as a date object, not the string the schema wants
            return doc.problem(at, f"{where}: the date {err.instance.isoformat()} is unquoted",
                               f"write it as a string: '{err.instance.isoformat()}'")
        expected = err.validator_value
        return doc.problem(at, f"{where}: expected {expected}, got {err.instance!r}",
                           f"write a {expected} here")
    if err.validator == "pattern":
        return doc.problem(at, f"{where}: {err.instance!r} does not match {err.validator_value}",
                           err.schema.get("description", "fix the value's format"))
    return doc.problem(at, f"{where}: {err.message}", "see the schema in engine/schemas/")
