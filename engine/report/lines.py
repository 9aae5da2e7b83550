"""Grep- and editor-friendly output: one line per finding.

``path:line:col: rule_id (points) message``. The location is the finding's first quoted span;
a finding without spans is about the whole article and is placed at ``1:1``, as compilers and
linters do for file-level diagnostics, so every line stays parseable by the same pattern.
Skipped inputs have no findings and do not appear here.
"""

from __future__ import annotations

from engine.model import Finding, RunReport
from engine.report._shared import one_line, printable, signed


def _location(finding: Finding) -> tuple[int, int]:
    if finding.spans:
        return finding.spans[0].line, finding.spans[0].col
    return 1, 1


def render(report: RunReport) -> str:
    """All findings, articles in ranked order, findings by position within an article."""
    out: list[str] = []
    for card in report.cards:
        # Editors jump through diagnostics top to bottom; sort by position, then rule id so
        # two findings at one spot always come out in the same order.
        findings = sorted(card.findings, key=lambda f: (*_location(f), f.rule_id))
        for finding in findings:
            line, col = _location(finding)
            # printable, not one_line: a path's own spaces stay, its newlines become \x0a.
            out.append(f"{printable(card.article.path)}:{line}:{col}: {finding.rule_id} "
                       f"({signed(finding.points)}) {one_line(finding.message)}")
    return "".join(f"{row}\n" for row in out)
