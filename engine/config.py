"""Project configuration: ``[tool.reliability]`` in pyproject.toml, or ``reliability.toml``.

Layering (later wins): shipped rule packs -> project config -> command-line flags.
Keys: ``rules`` (extra rule directories, relative to the config file), ``disable`` (rule ids or
categories), ``weights`` (rule id or category -> multiplier of its points), ``as_of`` (date).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import Diagnostic, LoadError

KEYS = ("rules", "disable", "weights", "as_of")


@dataclass(frozen=True)
class ProjectConfig:
    rule_dirs: tuple[Path, ...] = ()
    disabled: frozenset[str] = frozenset()
    weights: dict[str, float] = field(default_factory=dict)
    as_of: dt.date | None = None
    source: str | None = None


def find_config(start: Path) -> Path | None:
    """reliability.toml, else a pyproject.toml with a [tool.reliability] table, in ``start``."""
    candidate = start / "reliability.toml"
    if candidate.is_file():
        return candidate
    candidate = start / "pyproject.toml"
    if candidate.is_file():
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError:
            return None  # not ours to judge a pyproject without our table
        if "reliability" in data.get("tool", {}):
            return candidate
    return None


def load_config(path: Path | None) -> ProjectConfig:
    if path is None:
        return ProjectConfig()
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        raise LoadError([Diagnostic.at(str(path), line, col, f"TOML syntax error: {exc}",
                                 "fix the TOML syntax", code="config")]) from None
    table: dict[str, Any] = data.get("tool", {}).get("reliability", {}) \
        if path.name == "pyproject.toml" else data
    problems = []
    for key in table:
        if key not in KEYS:
            problems.append(Diagnostic.at(str(path), _line_of(text, key), 1,
                                    f"unknown configuration key {key!r}",
                                    f"valid keys: {', '.join(KEYS)}", code="config"))
    as_of = None
    if "as_of" in table:
        raw = table["as_of"]
        try:
            as_of = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
        except ValueError:
            problems.append(Diagnostic.at(str(path), _line_of(text, "as_of"), 1,
                                    f"as_of {raw!r} is not a date", "write as_of = 2026-01-31",
                                          code="config"))
    weights: dict[str, float] = {}
    for target, factor in dict(table.get("weights", {})).items():
        if isinstance(factor, int | float) and not isinstance(factor, bool):
            weights[str(target)] = float(factor)
        else:
            problems.append(Diagnostic.at(str(path), _line_of(text, str(target)), 1,
                                    f"weight for {target!r} must be a number",
                                    "e.g. weights = {\"sourcing.vague-attribution\" = 0.5}",
                                          code="config"))
    if problems:
        raise LoadError(problems)
    base = path.parent
    return ProjectConfig(
        rule_dirs=tuple((base / d).resolve() for d in table.get("rules", [])),
        disabled=frozenset(str(x) for x in table.get("disable", [])),
        weights=weights, as_of=as_of, source=str(path))


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith((key, f'"{key}"')):
            return number
    return 1
