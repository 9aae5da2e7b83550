"""One scorecard per line (``Scorecard.as_dict()``), for pipelines: streamed in input order.

The ``score`` command writes each line as soon as its article is scored, so the output starts
at once and nothing is ranked or held. A skipped input is one line ``{"skipped": {...}}``
(``Skipped.as_dict()``) at its place in the input order. No header line: the run's as-of date,
ruleset digest and engine version are the JSON report's (``--format json``).
"""

from __future__ import annotations

import io
import json
from typing import Any, TextIO

from engine.model import RunReport, Scorecard, Skipped


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False) + "\n"


def card_line(card: Scorecard) -> str:
    """One scorecard as a line (newline included)."""
    return _dumps(card.as_dict())


def skipped_line(item: Skipped) -> str:
    """One skipped input as a line (newline included)."""
    return _dumps({"skipped": item.as_dict()})


def write(report: RunReport, stream: TextIO) -> None:
    """``report.cards`` in their order, then the skipped inputs."""
    for card in report.cards:
        stream.write(card_line(card))
    for item in report.skipped:
        stream.write(skipped_line(item))


def render(report: RunReport) -> str:
    """What :func:`write` writes, as one string."""
    buffer = io.StringIO()
    write(report, buffer)
    return buffer.getvalue()
