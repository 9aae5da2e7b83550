"""The machine-readable report; its shape is ``engine/schemas/report.schema.json``."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from engine.model import RunReport, RunSettings

SCHEMA_NAME = "report.schema.json"


def load_report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every :func:`render` output satisfies."""
    text = resources.files("engine.schemas").joinpath(SCHEMA_NAME).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def report_dict(report: RunReport) -> dict[str, Any]:
    """The report as plain JSON values, exactly what :func:`render` serialises.

    ``articles`` keep the ranked order of ``report.cards``; each is ``Scorecard.as_dict()``
    plus its 1-based ``rank``.
    """
    articles = []
    for rank, card in enumerate(report.cards, start=1):
        item = card.as_dict()
        item["rank"] = rank
        articles.append(item)
    return {
        "engine_version": report.engine_version,
        "as_of": report.as_of.isoformat(),
        "ruleset_digest": report.ruleset_digest,
        "bands": [{"name": name, "at_least": at_least, "meaning": meaning}
                  for name, at_least, meaning in report.bands],
        "articles": articles,
        "skipped": [item.as_dict() for item in report.skipped],
        "summary": {"scored": len(report.cards), "skipped": len(report.skipped)},
        "settings": (report.settings or RunSettings()).as_dict(),
    }


def render(report: RunReport) -> str:
    """Indented JSON with sorted keys and a trailing newline: same report, same bytes.

    Raises ``ValueError`` if a number is NaN or infinite, which JSON cannot represent.
    """
    # allow_nan=False: the default would emit the bare token NaN, which is not JSON and which
    # strict consumers reject; failing here points at the real bug upstream instead.
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False, sort_keys=True,
                      allow_nan=False) + "\n"
