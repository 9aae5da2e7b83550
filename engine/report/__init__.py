"""Render a :class:`~engine.model.RunReport` as text. Reporters only render; they never score.

Each format lives in its own module exposing ``render(report) -> str``; :data:`RENDERERS` maps
a :class:`Format` to it and :func:`render` dispatches. Every renderer is deterministic: the
same report gives the same string, byte for byte. :func:`write` sends the same text to a
stream: the streaming formats (json, jsonl, csv, lines; :data:`STREAMED`) write card by card
and never hold the whole document, the others render it whole first.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TextIO

from engine.model import RunReport
from engine.report import csv_report, html, json_report, jsonl, lines, markdown, table


class Format(enum.StrEnum):
    """Output formats, named as on the command line.

    A ``StrEnum`` (a ``str`` and an ``Enum``): ``str(Format.JSON)`` and f-strings give
    ``"json"``, where a plain ``(str, Enum)`` mixin would give ``"Format.JSON"``.
    """

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    LINES = "lines"
    HTML = "html"


Renderer = Callable[[RunReport], str]

RENDERERS: dict[Format, Renderer] = {
    Format.TABLE: table.render,
    Format.MARKDOWN: markdown.render,
    Format.JSON: json_report.render,
    Format.JSONL: jsonl.render,
    Format.CSV: csv_report.render,
    Format.LINES: lines.render,
    Format.HTML: html.render,
}


Writer = Callable[[RunReport, TextIO], None]

STREAMED: dict[Format, Writer] = {
    Format.JSON: json_report.write,
    Format.JSONL: jsonl.write,
    Format.CSV: csv_report.write,
    Format.LINES: lines.write,
}
"""Formats written card by card: memory does not grow with the number of cards."""


def write_report(report: RunReport, fmt: Format | str, stream: TextIO) -> None:
    """Write the report in format ``fmt`` to ``stream``; the same text :func:`render` gives."""
    fmt = Format(fmt)
    writer = STREAMED.get(fmt)
    if writer is not None:
        writer(report, stream)
    else:
        stream.write(RENDERERS[fmt](report))


def render(report: RunReport, fmt: Format | str) -> str:
    """The report in format ``fmt`` (a :class:`Format` or its value, e.g. ``"json"``).

    Raises ``ValueError`` for an unknown format name.
    """
    return RENDERERS[Format(fmt)](report)


__all__ = ["RENDERERS", "STREAMED", "Format", "Renderer", "Writer", "render", "write_report"]
