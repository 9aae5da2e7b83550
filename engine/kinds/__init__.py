"""The registry of rule kinds: one module per kind, registered here and nowhere else."""

from __future__ import annotations

from engine.kinds import (
    absence,
    anachronism,
    consistency,
    density,
    outlet,
    pattern,
    ratio,
    tell_density,
)
from engine.registry import by_name
from engine.rule import Kind

KINDS: dict[str, Kind] = by_name(
    pattern, absence, density, ratio, consistency, anachronism, outlet, tell_density
)
