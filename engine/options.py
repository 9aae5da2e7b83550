"""Typed options: a rule's mapping of options read into a frozen dataclass, with the defaults
its JSON Schema declares.

A kind or check declares its options once, as JSON Schema ``properties`` (``OPTIONS``); a
threshold carries its ``default`` there, so the schema is where the generated reference
(``docs/RULES.md``) reads it and where ``read_options`` takes it from. The dataclass gives the
code names and types instead of ``options.get("key", 600)`` string look-ups.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

OptionsT = TypeVar("OptionsT")


def read_options(cls: type[OptionsT], schema: Mapping[str, Any],
                 options: Mapping[str, Any]) -> OptionsT:
    """``cls`` (a dataclass) from ``options``; a key not given takes the schema's ``default``,
    else the dataclass field's own default."""
    values: dict[str, Any] = {}
    for item in dataclasses.fields(cls):  # type: ignore[arg-type]
        if item.name in options:
            values[item.name] = options[item.name]
        elif "default" in schema.get(item.name, {}):
            values[item.name] = schema[item.name]["default"]
    return cls(**values)


def defaults_of(schema: Mapping[str, Any]) -> dict[str, Any]:
    """Every option's schema default, by key."""
    return {key: prop["default"] for key, prop in schema.items()
            if isinstance(prop, Mapping) and "default" in prop}
