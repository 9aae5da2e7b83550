"""Spreadsheet output: a header row, then one row per article in ranked order."""

from __future__ import annotations

import csv
from typing import TextIO

from engine.model import RunReport
from engine.report._shared import printable, title_of, top_findings

TOP_FINDINGS = 3
SUBSCORE_PREFIX = "subscore_"
# A spreadsheet evaluates a cell starting with one of these as a formula. Article text is
# untrusted, so a title like "=HYPERLINK(...)" must not become live when the file is opened.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def categories(report: RunReport) -> list[str]:
    """Every category with a subscore in any article, sorted: one column each."""
    return sorted({name for card in report.cards for name in card.subscores})



def write(report: RunReport, stream: TextIO) -> None:
    """CSV with ``\\n`` line endings.

    Columns: ``rank, id, path, title, score, band, date, date_source``, then
    ``subscore_<category>`` for each of :func:`categories`, then ``findings`` (count) and
    ``top_findings`` (the rule ids of the three largest findings by ``|points|``, joined by
    spaces). Empty cells mean "none". Free-text cells (id, path, title) that would start a
    spreadsheet formula are prefixed with ``'``. Reads ``report.cards`` twice (the category
    columns first), holding one card at a time.
    """
    names = categories(report)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["rank", "id", "path", "title", "score", "band", "date", "date_source",
                     *(SUBSCORE_PREFIX + name for name in names), "findings", "top_findings"])
    for rank, card in enumerate(report.cards, start=1):
        date = card.date.date.isoformat() if card.date.date else ""
        # A category missing from one card (none should be) is left empty, not shown as 0.
        subscores = [repr(float(card.subscores[name])) if name in card.subscores else ""
                     for name in names]
        top = " ".join(f.rule_id for f in top_findings(card, TOP_FINDINGS))
        writer.writerow([rank, _text(printable(card.article.id)),
                         _text(printable(card.article.path)),
                         _text(title_of(card)), repr(float(card.score)), card.band, date,
                         card.date.source, *subscores, len(card.findings), top])
