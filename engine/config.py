"""Project configuration: ``reliability.toml``, or ``[tool.reliability]`` in pyproject.toml.

Layering (later wins): shipped rule packs -> project config -> command-line flags.
Keys: ``rules`` (extra rule directories, relative to the config file), ``disable`` (rule ids or
categories), ``weights`` (rule id or category -> multiplier of its points), ``as_of`` (date),
``reviews`` (reviewer decisions file applied by ``score``, relative to the config file).
The shape is ``engine/schemas/config.schema.json``; every problem is located and reported at
once (exit 2). A TOML syntax error is always an error, also in a pyproject.toml that may not
hold our table: the run cannot know what the user meant, so it must not guess.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from engine.errors import Diagnostic, LoadError

CONFIG_FILE = "reliability.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("rules", "disable", "weights", "as_of", "reviews")


@dataclass(frozen=True)
class ProjectConfig:
    rule_dirs: tuple[Path, ...] = ()
    disabled: frozenset[str] = frozenset()
    weights: dict[str, float] = field(default_factory=dict)
    as_of: dt.date | None = None
    source: str | None = None
    reviews: Path | None = None


@cache
def config_schema() -> dict[str, Any]:
    text = resources.files("engine.schemas").joinpath("config.schema.json").read_text(
        encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def find_config(start: Path) -> Path | None:
    """The nearest config from ``start`` upward: in each folder, ``reliability.toml``, else a
    ``pyproject.toml`` with a ``[tool.reliability]`` table. Raises LoadError for a pyproject.toml
    on the way that is not valid TOML."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        candidate = folder / PYPROJECT
        if candidate.is_file() and "reliability" in _parse(candidate).get("tool", {}):
            return candidate
    return None


def _parse(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError([Diagnostic.at(str(path), 1, 1, f"cannot read: {exc}",
                                 "save it as UTF-8 text")]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python < 3.14 gives the position only inside the message: "... (at line 2, column 9)".
        found = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, col = (int(found[1]), int(found[2])) if found else (1, 1)
        what = str(exc).split(" (at ")[0]
        raise LoadError([Diagnostic.at(str(path), line, col, f"TOML syntax error: {what}",
                                 "fix the TOML syntax (a config is looked for in this file)")]
                        ) from None


def load_config(path: Path | None) -> ProjectConfig:
    """Read and validate ``path`` (None: the defaults); raise LoadError with every problem."""
    if path is None:
        return ProjectConfig()
    data = _parse(path)
    text = path.read_text(encoding="utf-8")
    table: Any = data.get("tool", {}).get("reliability", {}) if path.name == PYPROJECT else data
    if not isinstance(table, dict):
        raise LoadError([Diagnostic.at(str(path), _line_of(text, "[tool.reliability"), 1,
                                 "[tool.reliability] must be a table", "write it as a table")])
    problems = [Diagnostic.at(str(path), _line_of(text, _top_key(err.absolute_path, err)), 1,
                        _message(err), _hint(err))
                for err in _validator().iter_errors(_jsonable(table))]
    for target, factor in table.get("weights", {}).items() if isinstance(
            table.get("weights"), dict) else ():
        if isinstance(factor, float) and not math.isfinite(factor):
            problems.append(Diagnostic.at(str(path), _line_of(text, str(target)), 1,
                                    f"weight for {target!r} is {factor}, not a finite number",
                                    "use a number such as 0.5"))
    if problems:
        raise LoadError(problems)
    raw_as_of = table.get("as_of")
    as_of = raw_as_of if isinstance(raw_as_of, dt.date) else (
        dt.date.fromisoformat(raw_as_of) if isinstance(raw_as_of, str) else None)
    base = path.parent
    return ProjectConfig(
        rule_dirs=tuple((base / d).resolve() for d in table.get("rules", [])),
        disabled=frozenset(table.get("disable", [])),
        weights={str(k): float(v) for k, v in table.get("weights", {}).items()},
        as_of=as_of, source=str(path),
        reviews=(base / table["reviews"]).resolve() if "reviews" in table else None)


def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(
        config_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _jsonable(value: Any) -> Any:
    # TOML gives dates and times as objects; the schema speaks JSON, where they are strings.
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return 0.0  # reported separately, with its own message
    return value


def _top_key(at: Any, err: Any) -> str:
    parts = list(at)
    if err.validator == "additionalProperties" and not parts:
        extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
        return str(extra[0]) if extra else ""
    return str(parts[-1]) if parts and isinstance(parts[-1], str) else str(parts[0]) if parts \
        else ""


def _message(err: Any) -> str:
    where = ".".join(str(p) for p in err.absolute_path) or "config"
    if err.validator == "additionalProperties" and not list(err.absolute_path):
        extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
        return f"unknown configuration key {', '.join(map(repr, extra))}"
    if err.validator == "type":
        return f"{where}: expected {err.validator_value}, got {err.instance!r}"
    return f"{where}: {err.message}"


def _hint(err: Any) -> str:
    if err.validator == "additionalProperties" and not list(err.absolute_path):
        return f"valid keys: {', '.join(KEYS)}"
    path = list(err.absolute_path)
    key = path[0] if path else ""
    description = config_schema()["properties"].get(key, {}).get("description")
    return f"write {description}" if description else "see engine/schemas/config.schema.json"


def _line_of(text: str, key: str) -> int:
    if not key:
        return 1
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith((key, f'"{key}"', f"'{key}'")):
            return number
    return 1
