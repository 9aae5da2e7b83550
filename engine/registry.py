"""The one way a registry is written (kinds, knowledge sections, each kind's checks): modules
keyed by their ``NAME``, in the order listed.

Two modules declaring one ``NAME`` would leave one of them silently unreachable (the later
would replace the earlier in a dict): that is an error at import instead.
"""

from __future__ import annotations

from typing import Protocol, TypeVar


class Registrable(Protocol):
    @property
    def NAME(self) -> str: ...


M = TypeVar("M", bound=Registrable)


def by_name(*modules: M) -> dict[str, M]:
    """``{module.NAME: module}`` for ``modules``; ValueError when a NAME comes twice."""
    registry: dict[str, M] = {}
    for module in modules:
        if module.NAME in registry:
            raise ValueError(f"two registered modules declare NAME = {module.NAME!r}")
        registry[module.NAME] = module
    return registry
