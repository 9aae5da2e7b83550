"""Render a :class:`~engine.model.RunReport` as text. Reporters only render; they never score.

Each format lives in its own module: a whole-document format exposes ``render(report) -> str``,
a streamed one (json, jsonl, csv, lines; :data:`STREAMED`) ``write(report, stream)``, writing
card by card and never holding the whole document. :data:`RENDERERS` maps every
:class:`Format` to a ``render`` (a streamed format's writes into a string) and :func:`render`
dispatches; :func:`write_report` streams where it can. Every renderer is deterministic: the
same report gives the same string, byte for byte.

A format's module is imported when that format is first asked for: a run writes one format,
and the HTML and table renderers (and what they import) are most of this package's load time.
"""

from __future__ import annotations

import enum
import io
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TextIO, TypeVar, cast

from engine.lazy import imported
from engine.model import RunReport


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
T = TypeVar("T")
_WRITERS = {Format.JSON: "engine.report.json_report:write",
            Format.JSONL: "engine.report.jsonl:write",
            Format.CSV: "engine.report.csv_report:write",
            Format.LINES: "engine.report.lines:write"}
"""Streamed formats: each one's ``write``, which streams the report (engine.lazy)."""
_RENDER_ONLY = {Format.TABLE: "engine.report.table:render",
                Format.MARKDOWN: "engine.report.markdown:render",
                Format.HTML: "engine.report.html:render"}
"""Whole-document formats: each one's ``render``, which returns the report as a string."""


def _as_string(writer: Writer) -> Renderer:
    """A streamed format's renderer: what its writer writes, as one string."""
    def render(report: RunReport) -> str:
        buffer = io.StringIO()
        writer(report, buffer)
        return buffer.getvalue()
    return render


class _Imported(Mapping[Format, T]):
    """``{format: function}`` over ``targets`` (engine.lazy names), each format's module
    imported at its first lookup; ``wrap`` makes the value from the function imported."""

    def __init__(self, targets: Mapping[Format, str],
                 wrap: Callable[[Format, Any], T]) -> None:
        self._targets = targets
        self._wrap = wrap

    def __getitem__(self, fmt: Format) -> T:
        return self._wrap(fmt, imported(self._targets[fmt]))

    def __iter__(self) -> Iterator[Format]:
        return (fmt for fmt in Format if fmt in self._targets)

    def __len__(self) -> int:
        return len(self._targets)


STREAMED: Mapping[Format, Writer] = _Imported(_WRITERS, lambda _fmt, write: cast(Writer, write))
"""Formats written card by card: memory does not grow with the number of cards."""

RENDERERS: Mapping[Format, Renderer] = _Imported(
    {**_WRITERS, **_RENDER_ONLY},
    lambda fmt, function: _as_string(function) if fmt in _WRITERS else cast(Renderer, function))
"""Every format's renderer (a streamed format's writes into a string)."""


def write_report(report: RunReport, fmt: Format | str, stream: TextIO) -> None:
    """Write the report in format ``fmt`` to ``stream``; the same text :func:`render` gives."""
    fmt = Format(fmt)
    if fmt in _WRITERS:
        STREAMED[fmt](report, stream)
    else:
        stream.write(RENDERERS[fmt](report))


def render(report: RunReport, fmt: Format | str) -> str:
    """The report in format ``fmt`` (a :class:`Format` or its value, e.g. ``"json"``).

    Raises ``ValueError`` for an unknown format name.
    """
    return RENDERERS[Format(fmt)](report)


__all__ = ["RENDERERS", "STREAMED", "Format", "Renderer", "Writer", "render", "write_report"]
