"""The terminal table: one row per article in ranked order, then the skipped inputs.

The last column names the two rules that moved the score most, with their points after caps."""

from __future__ import annotations

from engine.model import RunReport, RunSettings, Scorecard, Skipped
from engine.report._shared import one_line, printable, ranking_cells, signed

TITLE_WIDTH = 50
TOP_FINDINGS = 2
HEADERS = ("rank", "score", "band", "id", "title", "date", "top findings")


def _cell(text: str) -> str:
    # One line, and "-" rather than a blank a reader could take for a misaligned column.
    return one_line(text) or "-"


def _row(rank: int, card: Scorecard) -> list[str]:
    # What moved the score: per-rule totals after the rule's cap, largest first.
    moved = sorted(card.contributions, key=lambda c: -abs(c.applied))[:TOP_FINDINGS]
    top = "; ".join(f"{signed(c.applied)} {c.rule_id}" for c in moved)
    return [*ranking_cells(rank, card, TITLE_WIDTH, _cell), top or "-"]


def _skipped_line(item: Skipped) -> str:
    path = printable(item.path)
    where = path if item.line is None else f"{path}, line {item.line}"
    return f"  {one_line(item.id)} ({where}): {one_line(item.reason)}"


def render(report: RunReport) -> str:
    """A ``simple``-style table (rank, score, band, id, title, date, top two findings), then
    ``skipped: N`` and one indented line per skipped input with its reason.

    Rows keep the order of ``report.cards``, which is already ranked.
    """
    from tabulate import tabulate  # on first use: a run writing other formats never loads it

    rows = [_row(i, card) for i, card in enumerate(report.cards, start=1)]
    settings = (report.settings or RunSettings()).summary()
    # disable_numparse: cells are preformatted; tabulate would otherwise reformat "72.0" as
    # "72" and right-align ids that happen to look numeric.
    parts = [f"ruleset {report.ruleset_digest}; {settings}",
             tabulate(rows, headers=HEADERS, tablefmt="simple", disable_numparse=True)]
    parts.append(f"skipped: {len(report.skipped)}")
    parts.extend(_skipped_line(item) for item in report.skipped)
    # Every cell is already printable; the last pass guards what tabulate or a future column
    # might let through, so no terminal control sequence can reach the screen.
    return printable("\n".join(parts), keep_newlines=True) + "\n"
