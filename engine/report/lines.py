"""Grep- and editor-friendly output: one line per finding.

``path:line:col: rule_id (points) message``; for a JSONL record
``path:RECORD-LINE:1: record ID line:col: rule_id (points) message``, line:col then counting in
the record's text. The location is the finding's first quoted span;
a finding without spans is about the whole article and is placed at ``1:1``, as compilers and
linters do for file-level diagnostics, so every line stays parseable by the same pattern.
Skipped inputs have no findings and do not appear here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from engine.model import Finding, RunReport, Scorecard
from engine.report._shared import one_line, printable, signed


def _location(finding: Finding) -> tuple[int, int]:
    if finding.spans:
        return finding.spans[0].line, finding.spans[0].col
    return 1, 1


def _card_lines(card: Scorecard) -> Iterator[str]:
    # Editors jump through diagnostics top to bottom; sort by position, then rule id so
    # two findings at one spot always come out in the same order.
    findings = sorted(card.findings, key=lambda f: (*_location(f), f.rule_id))
    art = card.article
    for finding in findings:
        line, col = _location(finding)
        if art.record_line is not None:
            # A JSONL record: the file's line is the record's; the record id and the
            # position inside its text follow, so two records never share a location.
            yield (f"{printable(art.path)}:{art.record_line}:1: record {one_line(art.id)} "
                   f"{line}:{col}: {finding.rule_id} ({signed(finding.points)}) "
                   f"{one_line(finding.message)}\n")
            continue
        # printable, not one_line: a path's own spaces stay, its newlines become \x0a.
        yield (f"{printable(art.path)}:{line}:{col}: {finding.rule_id} "
               f"({signed(finding.points)}) {one_line(finding.message)}\n")


def write(report: RunReport, stream: TextIO) -> None:
    """All findings, articles in ranked order, findings by position within an article."""
    for card in report.cards:
        stream.writelines(_card_lines(card))

