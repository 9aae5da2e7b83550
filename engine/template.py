"""Explanation templates: ``str.format`` fields checked at load time, rendered safely.

A template may use the fields its kind offers (``count``, ``rate``, ...) and ``first.NAME`` for a
named group of the first match. Anything else is a load error, not a crash at scoring time.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from typing import Any

MAX_FORMAT_WIDTH = 40
"""Widest pad or precision a template may ask for: ``{count:>999999999}`` would write a
gigabyte per finding, so any number in a format spec above this is a load error."""

_SPEC_NUMBER = re.compile(r"\d+")


class Groups:
    """Named groups of one match; a group that did not take part renders as empty text."""

    def __init__(self, groups: Mapping[str, str | None]) -> None:
        self._groups = {k: (v or "") for k, v in groups.items()}

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._groups.get(name, "")

    def __str__(self) -> str:
        return next(iter(self._groups.values()), "")


def template_problems(template: str, fields: Iterable[str], groups: Iterable[str]) -> list[str]:
    """What is wrong with ``template`` given the kind's fields and the pattern's groups."""
    allowed = set(fields)
    group_set = set(groups)
    problems = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        return [f"explain template is malformed: {exc}"]
    for _, name, spec, _ in parsed:
        if name is None:
            continue
        root, _, attr = name.partition(".")
        if root == "first" and attr:
            if attr not in group_set:
                known = ", ".join(sorted(group_set)) or "none"
                problems.append(f"explain uses {{first.{attr}}} but the pattern has no group "
                                f"named {attr!r} (groups: {known})")
        elif root not in allowed or "[" in name or (attr and root != "first"):
            problems.append(f"explain uses unknown field {{{name}}}; this kind offers: "
                            f"{', '.join(sorted(allowed | {'first.GROUP'}))}")
        if spec:
            # Compare as (length, text): int() of a 5,000-digit run would itself raise.
            widest = max(_SPEC_NUMBER.findall(spec), key=lambda n: (len(n.lstrip("0")), n),
                         default="0").lstrip("0") or "0"
            if len(widest) > 3 or int(widest) > MAX_FORMAT_WIDTH:
                problems.append(f"explain field {{{name}:{spec}}} pads or rounds to {widest}; "
                                f"at most {MAX_FORMAT_WIDTH} is allowed")
                continue
            try:
                format(1.0, spec)
            except ValueError:
                problems.append(f"explain field {{{name}:{spec}}} has an invalid format spec")
    return problems


def render(template: str, values: Mapping[str, Any]) -> str:
    try:
        return template.format_map(_Defaulting(values))
    except (ValueError, TypeError):  # a numeric spec applied to text, say: fall back to plain
        return template.format_map(_Defaulting({k: str(v) for k, v in values.items()}))


class _Defaulting(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""
