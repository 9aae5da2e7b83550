"""Render a :class:`~engine.model.RunReport` as text. Reporters only render; they never score.

Each format lives in its own module exposing ``render(report) -> str``; :data:`RENDERERS` maps
a :class:`Format` to it and :func:`render` dispatches. Every renderer is deterministic: the
same report gives the same string, byte for byte.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from engine.model import RunReport
from engine.report import csv_report, html, json_report, lines, markdown, table


class Format(enum.StrEnum):
    """Output formats, named as on the command line.

    A ``StrEnum`` (a ``str`` and an ``Enum``): ``str(Format.JSON)`` and f-strings give
    ``"json"``, where a plain ``(str, Enum)`` mixin would give ``"Format.JSON"``.
    """

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"
    LINES = "lines"
    HTML = "html"


Renderer = Callable[[RunReport], str]

RENDERERS: dict[Format, Renderer] = {
    Format.TABLE: table.render,
    Format.MARKDOWN: markdown.render,
    Format.JSON: json_report.render,
    Format.CSV: csv_report.render,
    Format.LINES: lines.render,
    Format.HTML: html.render,
}


def render(report: RunReport, fmt: Format | str) -> str:
    """The report in format ``fmt`` (a :class:`Format` or its value, e.g. ``"json"``).

    Raises ``ValueError`` for an unknown format name.
    """
    return RENDERERS[Format(fmt)](report)


__all__ = ["RENDERERS", "Format", "Renderer", "render"]
