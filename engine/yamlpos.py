"""YAML loading that remembers where every value came from.

PyYAML's composer gives nodes with start marks; we build plain Python values from those nodes
ourselves and keep a map from each value's path (tuple of keys and indices) to its line and
column, so that schema errors and rule errors can name ``path:line:col``.

Building the values ourselves is also where hostile files are stopped, each as a located
problem instead of a crash or a hang: a document larger than ``MAX_DOCUMENT_BYTES``; aliases
expanding to more than ``MAX_ALIAS_VALUES`` values (a 0.4 KB "billion laughs" file would
otherwise build gigabytes); nesting deeper than ``MAX_DEPTH``; a key given twice in one
mapping (YAML would silently keep the last); NaN or infinite numbers; and scalars the
constructor cannot build (``2024-02-30``, a 5,000-digit integer).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from engine.errors import Diagnostic

PathKey = tuple[str | int, ...]

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
MAX_ALIAS_VALUES = 100_000
MAX_DEPTH = 100


class _Refused(Exception):
    """Building stopped: the document is hostile or broken at ``node``; carries the Diagnostic."""

    def __init__(self, node: yaml.Node, message: str, hint: str) -> None:
        super().__init__(message)
        self.node, self.message, self.hint = node, message, hint


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
        self.problems: list[Diagnostic] = []
        self._built: set[int] = set()  # ids of nodes built once: a second visit is an alias
        self._alias_values = 0

    def _at(self, node: yaml.Node, message: str, hint: str) -> Diagnostic:
        mark = node.start_mark
        return Diagnostic.at(self.doc.path, mark.line + 1, mark.column + 1, message, hint)

    def build(self, node: yaml.Node, at: PathKey, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise _Refused(node, f"nesting deeper than {MAX_DEPTH} levels",
                           "flatten the structure")
        if id(node) in self._built:
            self._alias_values += 1
            if self._alias_values > MAX_ALIAS_VALUES:
                raise _Refused(node, f"aliases expand to more than {MAX_ALIAS_VALUES:,} values "
                               "(an alias bomb?)", "write the values out or use fewer aliases")
        else:
            self._built.add(id(node))
        self.doc.marks[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _Refused(key_node, "a mapping key must be a plain value",
                                   "use a string as the key")
                key = self._scalar(key_node)
                if not isinstance(key, str | int | float | bool) and key is not None:
                    key = str(key)
                child = (*at, key)
                if key in out:
                    first = self.doc.key_marks.get(child, (0, 0))[0]
                    self.problems.append(self._at(
                        key_node, f"duplicate key {key!r} (first at line {first})",
                        "keep one of them: YAML would silently use the last"))
                    continue
                self.doc.key_marks[child] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
                out[key] = self.build(value_node, child, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*at, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except ValueError as exc:  # a date like 2024-02-30, an integer too long to convert
            raise _Refused(node, f"invalid value {_short(node)}: {exc}",
                           "quote it to make it text, or fix the value") from None
        if isinstance(value, float) and not math.isfinite(value):
            self.problems.append(self._at(node, f"number {_short(node)} is not finite",
                                          "use a finite number (no .nan or .inf)"))
        return value


def _short(node: yaml.Node) -> str:
    text = str(node.value) if isinstance(node, yaml.ScalarNode) else node.tag
    return repr(text if len(text) <= 40 else text[:37] + "...")


def read_located(path: Path) -> tuple[Located | None, list[Diagnostic]]:
    """Read and parse a YAML file: too large or not UTF-8 is a problem at 1:1, not a crash."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            return None, [Diagnostic.at(str(path), 1, 1, f"file is {size:,} bytes, over the "
                                  f"{MAX_DOCUMENT_BYTES:,}-byte limit for YAML documents",
                                  "split it into several files")]
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Diagnostic.at(str(path), 1, 1, f"not UTF-8 (byte {exc.start})",
                              "save the file as UTF-8")]
    except OSError as exc:
        return None, [Diagnostic.at(str(path), 1, 1, f"cannot read: {exc.strerror}",
                              "check the path and its permissions")]
    return load_located(str(path), text)


def load_located(path: str, text: str) -> tuple[Located | None, list[Diagnostic]]:
    """Parse one YAML document; a syntax error becomes a Diagnostic at its mark."""
    if len(text) > MAX_DOCUMENT_BYTES:
        return None, [Diagnostic.at(path, 1, 1, f"document is over the {MAX_DOCUMENT_BYTES:,}-"
                              "character limit for YAML documents", "split it")]
    try:
        # libyaml's parser, when present, composes the same nodes and marks several times
        # faster: the shipped knowledge has thousands of entries.
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        return None, [Diagnostic.at(path, line, col, f"YAML syntax error: {what}",
                              "check indentation, quoting and colons on this line", code="yaml")]
    except yaml.YAMLError as exc:
        return None, [Diagnostic.at(path, 1, 1, f"YAML error: {exc}", "fix the YAML syntax")]
    except RecursionError:
        return None, [Diagnostic.at(path, 1, 1, "YAML nested too deeply to parse",
                              "flatten the structure")]
    doc = Located(path, None)
    if node is None:
        return doc, []
    builder = _Builder(doc)
    try:
        doc.data = builder.build(node, ())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Diagnostic.at(path, line, col, f"YAML value error: {exc.problem}",
                              "quote the value or fix its syntax")]
    except _Refused as exc:
        return None, [*builder.problems, builder._at(exc.node, exc.message, exc.hint)]
    return doc, builder.problems


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
        for cause in _chosen_branch(err):
            at = (*base, *cause.absolute_path)
            problems.append(replace(_explain(doc, at, cause), code="schema"))
    return problems


def _chosen_branch(err: Any) -> list[Any]:
    """A ``oneOf``/``anyOf`` failure as the errors of the branch the value selects: by its
    discriminator (OpenAPI style: ``"discriminator": {"propertyName": "check"}`` beside
    ``oneOf``), else by its JSON type when one branch has that type.

    With no branch selected (the discriminator is missing or unknown) the failure is dropped:
    the discriminator's own ``required``/``enum`` error at the same level says what to fix.
    Any other error is itself.
    """
    if err.validator not in ("oneOf", "anyOf") or not isinstance(err.schema, dict):
        return [err]
    key = (err.schema.get("discriminator") or {}).get("propertyName")
    if key is None:
        # A string-or-object choice (an example is a bare text or a mapping): the branch of
        # the value's own type says what is wrong, where "not valid under any" would not.
        typed = [i for i, branch in enumerate(err.validator_value)
                 if branch.get("type") == _json_type(err.instance)]
        if len(typed) != 1:
            return [err]
        return [e for e in err.context if e.relative_schema_path[0] == typed[0]] or [err]
    if not isinstance(err.instance, dict) or key not in err.instance:
        return []
    for index, branch in enumerate(err.validator_value):
        if branch.get("properties", {}).get(key, {}).get("const") == err.instance[key]:
            return [e for e in err.context if e.relative_schema_path[0] == index]
    return []


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    return "number" if isinstance(value, int | float) else "null"


def _explain(doc: Located, at: PathKey, err: Any) -> Diagnostic:
    where = ".".join(str(p) for p in at) or "top level"
    if err.validator == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
        key_at = (*at, extra[0]) if extra else at
        # Inside a discriminated oneOf, name the branch ("check: weekday-mismatch").
        branch = f" ({err.schema['title']})" if err.parent is not None \
            and "title" in err.schema else ""
        return doc.problem(key_at, f"unknown key {', '.join(map(repr, extra))} in {where}{branch}",
                           f"allowed keys: {', '.join(allowed)}", key=True)
    if err.validator == "required":
        # The missing key's own description says what to write there, when it has one.
        missing = [k for k in err.validator_value if isinstance(err.instance, dict)
                   and k not in err.instance]
        about = err.schema.get("properties", {}).get(missing[0], {}) if missing else {}
        hint = (f"add `{missing[0]}`: {about['description']}" if "description" in about
                else "add the missing key")
        return doc.problem(at, f"{where}: {err.message}", hint)
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
