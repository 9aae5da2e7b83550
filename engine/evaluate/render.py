"""An Evaluation as a terminal table, markdown or JSON. Rendering only; nothing is computed."""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence

from engine.evaluate import html_report
from engine.evaluate.baseline import NAME as BASELINE_NAME
from engine.evaluate.study import Evaluation


class EvaluateFormat(enum.StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"


def _pct(share: float) -> str:
    return f"{share:.1%}"


def _sections(result: Evaluation) -> list[tuple[str, list[str], list[list[str]]]]:
    """(heading, headers, rows) of every table, shared by the table and markdown formats."""
    summary = [["engine score", str(result.engine)],
               [f"baseline: {BASELINE_NAME}", str(result.baseline)],
               ["outlet identified (reliable / unreliable)",
                f"{_pct(result.outlet_resolved[0])} / {_pct(result.outlet_resolved[1])}"]]
    categories = [[c.category, str(c.subscore), str(c.without),
                   f"{c.without.value - result.engine.value:+.3f}"] for c in result.categories]
    rules = [[r.rule_id, _pct(r.fires_reliable), _pct(r.fires_unreliable),
              f"{r.mean_points:+.2f}", f"{r.auc_change:+.4f}"] for r in result.rules]
    thresholds = [[f"< {t.below:g} (below {t.band})", str(t.flagged), f"{t.precision:.3f}",
                   f"{t.recall:.3f}", f"{t.f1:.3f}"] for t in result.thresholds]
    bands = [[b.band, f">= {b.at_least:g}", str(b.articles), str(b.unreliable),
              _pct(b.share_unreliable), _pct(b.share_of_unreliable)] for b in result.bands]
    return [
        (f"ROC AUC, reliable above unreliable ({result.reliable} reliable, "
         f"{result.unreliable} unreliable; 95 % bootstrap interval, {result.rounds} rounds, "
         f"seed {result.seed})", ["measure", "AUC [95 % interval]"], summary),
        ("Categories", ["category", "subscore AUC", "score AUC without it", "change"],
         categories),
        ("Rules (ablation: AUC change when the rule is removed, caps re-applied; "
         "< 0 means the rule helps)",
         ["rule", "fires on reliable", "fires on unreliable", "mean points", "AUC change"],
         rules),
        ('Flagging "unreliable" below each band threshold',
         ["flag when score", "flagged", "precision", "recall", "F1"], thresholds),
        ("Bands", ["band", "score", "articles", "unreliable", "share unreliable",
                   "share of all unreliable"], bands),
    ]


def _render_tables(result: Evaluation, tablefmt: str, heading: str) -> str:
    parts: list[str] = []
    for title, headers, rows in _sections(result):
        parts.append(f"{heading}{title}")
        parts.append(_table(headers, rows, tablefmt) if rows else "(none)")
        parts.append("")
    return "\n".join(parts)


def _table(headers: list[str], rows: Sequence[list[str]], tablefmt: str) -> str:
    from tabulate import tabulate  # on first use: a run writing other formats never loads it

    # disable_numparse: the cells are preformatted; tabulate would otherwise reformat them.
    return tabulate(rows, headers=headers, tablefmt=tablefmt, disable_numparse=True)


def render(result: Evaluation, fmt: EvaluateFormat | str) -> str:
    fmt = EvaluateFormat(fmt)
    if fmt is EvaluateFormat.JSON:
        return json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt is EvaluateFormat.HTML:
        return html_report.render(result, _sections(result))
    if fmt is EvaluateFormat.MARKDOWN:
        return _render_tables(result, "github", "## ")
    return _render_tables(result, "simple", "")
