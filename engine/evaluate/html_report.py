"""An Evaluation as one self-contained HTML page: the ROC curve of the engine beside the
baseline's, per-rule lift, and the same tables as the markdown, drawn with the scorecard's
charts and policy (:mod:`engine.report.svg`, :func:`engine.report.html.document`)."""

from __future__ import annotations

from collections.abc import Sequence

from engine.evaluate.study import Evaluation
from engine.report.html import document, esc
from engine.report.svg import Bar, Curve, lift_chart, roc_chart

Section = tuple[str, list[str], list[list[str]]]

# Engine first in the palette's first colour, the baseline in grey (c7).
CURVE_CLASSES = ("c1", "c7", "c3", "c2")


def _table(title: str, headers: list[str], rows: Sequence[list[str]]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
                     for row in rows)
    table = (f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"
             if rows else "<p>(none)</p>")
    return f"<section>\n<h2>{esc(title)}</h2>\n{table}\n</section>"


def _figure(svg: str, caption: str) -> str:
    return f"<figure>\n{svg}\n<figcaption>{esc(caption)}</figcaption>\n</figure>"


def render(result: Evaluation, sections: Sequence[Section]) -> str:
    """The page: charts first, then ``sections`` (the tables the text formats print)."""
    curves = [Curve(f"{label} (AUC {auc.value:.3f})", points, CURVE_CLASSES[i % 4])
              for i, ((label, points), auc) in enumerate(zip(
                  result.roc, (result.engine, result.baseline), strict=False))]
    # Lift of a rule: the AUC it adds (ablation, so caps and clamps are re-applied), and how
    # much more often it fires on unreliable than on reliable articles.
    auc_gain = [Bar(r.rule_id, -r.auc_change, "c2" if r.auc_change <= 0 else "c3")
                for r in result.rules]
    firing = [Bar(r.rule_id, r.fires_unreliable - r.fires_reliable, "c4")
              for r in sorted(result.rules,
                              key=lambda r: (r.fires_reliable - r.fires_unreliable, r.rule_id))]
    charts = [_figure(roc_chart(curves, "ROC curve: engine and baseline"),
                      f"ROC, reliable ({result.reliable}) above unreliable "
                      f"({result.unreliable}); the diagonal is chance")]
    if auc_gain:
        charts.append(_figure(lift_chart(auc_gain, "AUC each rule adds"),
                              "AUC each rule adds (AUC with it minus AUC without it)"))
        charts.append(_figure(lift_chart(firing, "Firing rate, unreliable minus reliable"),
                              "How much more often each rule fires on unreliable articles"))
    body = ("<header>\n<h1>Evaluation</h1>\n"
            f"<p class=\"meta\">{result.reliable} reliable and {result.unreliable} unreliable "
            f"articles; bootstrap {result.rounds} rounds, seed {result.seed}</p>\n</header>\n"
            "<div class=\"charts\">\n" + "\n".join(charts) + "\n</div>\n"
            + "\n".join(_table(title, headers, rows) for title, headers, rows in sections))
    return document("Evaluation", body, script=False)
