"""``engine.registry.by_name``: the one way the kinds, sections and check families register."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from engine.registry import by_name


def test_modules_are_keyed_by_name_in_the_order_listed() -> None:
    a, b = SimpleNamespace(NAME="b-first"), SimpleNamespace(NAME="a-second")
    registry = by_name(a, b)
    assert list(registry) == ["b-first", "a-second"]
    assert registry["a-second"] is b


def test_a_name_declared_twice_is_an_error_not_a_silent_replacement() -> None:
    with pytest.raises(ValueError, match="'same'"):
        by_name(SimpleNamespace(NAME="same"), SimpleNamespace(NAME="same"))
