"""Frozen figure values as JSON: every float rounded, some keys renamed, nested figures too.

The evaluation's figures are dataclasses whose JSON form is their fields in order, with floats
rounded to 4 places unless a field says otherwise
(``field(metadata=figure(digits=2))``) and a field's key renamed where the report's wording
differs (``field(metadata=figure(key="auc_without"))``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

DIGITS = 4


def figure(*, digits: int = DIGITS, key: str | None = None) -> Mapping[str, Any]:
    """The metadata of a figure value's field: its rounding and its JSON key."""
    return {"digits": digits, "key": key}


def as_json(value: DataclassInstance) -> dict[str, Any]:
    """``value``'s fields in order as JSON: floats rounded, figure values nested."""
    out: dict[str, Any] = {}
    for f in fields(value):
        item = getattr(value, f.name)
        if isinstance(item, float):
            item = round(item, f.metadata.get("digits", DIGITS))
        elif hasattr(item, "__dataclass_fields__"):
            item = as_json(item)
        out[f.metadata.get("key") or f.name] = item
    return out
