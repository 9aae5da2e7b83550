"""The machine-readable report; its shape is ``engine/schemas/report.schema.json``.

One article (and one skipped input) per line, so that the report streams: :func:`write` reads
``report.cards`` once, card by card, and never holds the whole document."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from importlib import resources
from typing import Any, TextIO

from engine.model import RunReport, RunSettings

SCHEMA_NAME = "report.schema.json"


def load_report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every :func:`render` output satisfies."""
    text = resources.files("engine.schemas").joinpath(SCHEMA_NAME).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def report_dict(report: RunReport, *, with_articles: bool = True) -> dict[str, Any]:
    """The report as plain JSON values, exactly what :func:`render` serialises.

    ``articles`` keep the ranked order of ``report.cards``; each is ``Scorecard.as_dict()``
    plus its 1-based ``rank``. Without ``with_articles`` the key is left out (the cards are
    not read).
    """
    out: dict[str, Any] = {
        "engine_version": report.engine_version,
        "as_of": report.as_of.isoformat(),
        "ruleset_digest": report.ruleset_digest,
        "bands": [{"name": name, "at_least": at_least, "meaning": meaning}
                  for name, at_least, meaning in report.bands],
        "skipped": [item.as_dict() for item in report.skipped],
        "summary": {"scored": len(report.cards), "skipped": len(report.skipped)},
        "settings": (report.settings or RunSettings()).as_dict(),
    }
    if with_articles:
        out["articles"] = list(_ranked(report))
    return out


def _dumps(value: Any) -> str:
    # allow_nan=False: the default would emit the bare token NaN, which is not JSON and which
    # strict consumers reject; failing here points at the real bug upstream instead.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


def _array(lines: Iterable[str], stream: TextIO) -> None:
    first = True
    stream.write("[")
    for line in lines:
        stream.write(("\n" if first else ",\n") + line)
        first = False
    stream.write("]" if first else "\n]")


def _ranked(report: RunReport) -> Iterable[dict[str, Any]]:
    for rank, card in enumerate(report.cards, start=1):
        item = card.as_dict()
        item["rank"] = rank
        yield item


def _article_lines(report: RunReport) -> Iterable[str]:
    # A spool (engine.spool.RankedCards) has every card's line ready, rank aside.
    json_lines = getattr(report.cards, "json_lines", None)
    if json_lines is not None:
        yield from json_lines()
    else:
        yield from map(_dumps, _ranked(report))


def write(report: RunReport, stream: TextIO) -> None:
    """Write the report to ``stream``: sorted keys, one article per line, a trailing newline.

    Raises ``ValueError`` if a number is NaN or infinite, which JSON cannot represent.
    """
    rest = report_dict(report, with_articles=False)
    stream.write('{"articles": ')
    _array(_article_lines(report), stream)
    for key in sorted(rest):
        stream.write(f",\n{_dumps(key)}: ")
        if key == "skipped":
            _array(map(_dumps, rest[key]), stream)
        else:
            stream.write(_dumps(rest[key]))
    stream.write("\n}\n")


def render(report: RunReport) -> str:
    """What :func:`write` writes, as one string: same report, same bytes."""
    buffer = io.StringIO()
    write(report, buffer)
    return buffer.getvalue()
