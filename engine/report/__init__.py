"""Render a :class:`~engine.model.RunReport` as text. Reporters only render; they never score.

Each format lives in its own module: a whole-document format exposes ``render(report) -> str``,
a streamed one (json, jsonl, csv, lines; :data:`STREAMED`) ``write(report, stream)``, writing
card by card and never holding the whole document. :data:`RENDERERS` maps every
:class:`Format` to a ``render`` (a streamed format's writes into a string) and :func:`render`
dispatches; :func:`write_report` streams where it can. Every renderer is deterministic: the
same report gives the same string, byte for byte.
"""

from __future__ import annotations

import enum
import io
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
Writer = Callable[[RunReport, TextIO], None]

STREAMED: dict[Format, Writer] = {
    Format.JSON: json_report.write,
    Format.JSONL: jsonl.write,
    Format.CSV: csv_report.write,
    Format.LINES: lines.write,
}
"""Formats written card by card: memory does not grow with the number of cards."""


def _as_string(writer: Writer) -> Renderer:
    """A streamed format's renderer: what its writer writes, as one string."""
    def render(report: RunReport) -> str:
        buffer = io.StringIO()
        writer(report, buffer)
        return buffer.getvalue()
    return render


RENDERERS: dict[Format, Renderer] = {
    Format.TABLE: table.render,
    Format.MARKDOWN: markdown.render,
    **{fmt: _as_string(writer) for fmt, writer in STREAMED.items()},
    Format.HTML: html.render,
}


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
