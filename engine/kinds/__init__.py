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
from engine.rule import Kind

KINDS: dict[str, Kind] = {
    module.NAME: module
    for module in (pattern, absence, density, ratio, consistency, anachronism, outlet,
                   tell_density)
}
