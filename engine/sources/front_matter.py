"""YAML front matter of Markdown (and text) files, read defensively.

Front matter is a few ``key: value`` lines written by whoever saved the article, so it is
parsed as untrusted input:

* at most ``limits.MAX_FRONT_MATTER_BYTES``; nested at most ``limits.MAX_DEPTH`` levels;
* no aliases (``*name``): a 0.4 KB "billion laughs" document of nested aliases expands to
  gigabytes, and plain article metadata never needs them;
* dates stay text (no YAML timestamps): ``date: 2024-02-30`` is then an unreadable date that
  ``engine.dates`` passes over, not a crash, and every input's dates are read by one parser;
* numbers with more than ``limits.MAX_NUMBER_DIGITS`` digits stay text; ``.nan``/``.inf``
  become text later (``common.clean_value``).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from engine.sources import limits
from engine.sources.common import Unusable, clean_value, one_line

FENCE = "---"
_ENDS = ("---", "...")
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_DIGIT = re.compile(r"\d")


class _NoAliases(yaml.YAMLError):
    pass


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader without timestamps and aliases, and with bounded numbers."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _NoAliases(f"aliases (*{event.anchor}) are not allowed in front matter "
                             f"(line {event.start_mark.line + 2})")
        return super().compose_node(parent, index)


def _bounded_number(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = loader.construct_scalar(node)
    if isinstance(text, str) and len(_DIGIT.findall(text)) > limits.MAX_NUMBER_DIGITS:
        return text
    if node.tag == _INT_TAG:
        return loader.construct_yaml_int(node)
    return loader.construct_yaml_float(node)


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_FrontMatterLoader.add_constructor(_INT_TAG, _bounded_number)
_FrontMatterLoader.add_constructor(_FLOAT_TAG, _bounded_number)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """(fields, body, lines before the body). No front matter: ({}, text, 0).

    Raises Unusable when the front matter is broken, too large, or uses aliases.
    """
    if not text.startswith(FENCE):
        return {}, text, 0
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return {}, text, 0
    closing = None
    size = 0
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in _ENDS:
            closing = number
            break
        size += len(line) + 1
        if size > limits.MAX_FRONT_MATTER_BYTES:
            raise Unusable(f"broken front matter: larger than {limits.MAX_FRONT_MATTER_BYTES} "
                           "bytes (front matter is a few 'key: value' lines)")
    if closing is None:
        raise Unusable("broken front matter: no closing '---' line after the opening one")
    fields = _load("\n".join(lines[1:closing]))
    body = "\n".join(lines[closing + 1:])
    return fields, body, closing + 1


def _load(source: str) -> dict[str, Any]:
    try:
        fields = yaml.load(source, Loader=_FrontMatterLoader)  # a SafeLoader subclass
    except _NoAliases as exc:
        raise Unusable(f"broken front matter: {exc}") from None
    except yaml.YAMLError as exc:
        raise Unusable(f"broken front matter: {_yaml_problem(exc)}") from None
    except RecursionError:
        raise Unusable("broken front matter: nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. "!!timestamp 2024-02-30"
        raise Unusable(f"broken front matter: {one_line(str(exc))}") from None
    if fields is None:
        return {}
    if not isinstance(fields, dict):
        raise Unusable("broken front matter: expected 'key: value' lines, got "
                       f"{type(fields).__name__}")
    cleaned: dict[str, Any] = clean_value(fields)
    return cleaned


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """PyYAML's message, on one line, with the line number counted in the whole file."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if mark is None or problem is None:
        return one_line(str(exc))
    # The YAML text starts on the file's second line; PyYAML counts lines from 0.
    return f"{problem} (line {mark.line + 2}, column {mark.column + 1})"
