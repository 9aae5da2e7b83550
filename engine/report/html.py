"""The reviewer's scorecard as one self-contained HTML file.

One file, no network: the stylesheet and the small sorting/filtering script are constants of
this module, allowed by a Content-Security-Policy that names their SHA-256 hashes and nothing
else (``default-src 'none'``), so no text from an article can ever run or load anything even
if it slipped through escaping. Every string that came from an article, a path, metadata or
a rule is escaped with :func:`html.escape`. Without JavaScript the page is complete: the
table is ranked and every section is there; the script only adds sorting and filters.

Per article: score, band, the arithmetic line by line, the date and how it was found, the
findings (with reviewer decisions) and the article text with every evidence span highlighted
in place, one colour per category, the rule, points and message on hover and in the findings
list the highlight points to (``aria-describedby``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import Any

from engine.model import Finding, RunReport, Scorecard, Skipped
from engine.report._shared import date_text, number, one_line, signed, title_of
from engine.report.markdown import arithmetic_lines
from engine.report.svg import Bar, bar_chart

PALETTE_SIZE = 8  # category colours c0..c7; more categories than that reuse colours
URL = re.compile(r"https?://[^\s<>\"'\[\]();]+")

STYLE = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #d0d4da; }
body { font: 15px/1.45 system-ui, sans-serif; color: var(--ink); margin: 0 auto;
  max-width: 72rem; padding: 1rem 1.5rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .4rem; text-align: left;
  vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th button.sort { font: inherit; font-weight: bold; border: 0; background: none; padding: 0;
  cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button.sort::after { content: " \\25B2"; }
th[aria-sort="descending"] button.sort::after { content: " \\25BC"; }
.meta, .muted { color: var(--muted); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
dt { font-weight: bold; } dd { margin: 0; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
svg.chart text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg.chart .axis, svg.chart .chance { stroke: var(--muted); stroke-dasharray: 4 3; }
svg.chart .frame { fill: none; stroke: var(--line); }
svg.chart polyline.curve { fill: none; stroke-width: 2.5; }
form#filters { display: flex; flex-wrap: wrap; gap: 1rem; margin: .5rem 0; }
form#filters[hidden] { display: none; }
.band { font-weight: bold; }
.article { border-top: 2px solid var(--line); margin-top: 2rem; }
.arith { background: #f6f7f9; padding: .5rem; white-space: pre-wrap; }
.article-text { white-space: pre-wrap; overflow-wrap: anywhere; font: 14px/1.6 Georgia, serif;
  background: #fcfcfd; border: 1px solid var(--line); padding: .75rem; max-height: 40rem;
  overflow: auto; }
mark.hl { color: inherit; border-bottom: 2px solid; padding: 0 1px; }
mark.hl.dismissed { text-decoration: line-through; opacity: .6; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border: 1px solid var(--ink);
  vertical-align: -2px; margin-right: .3rem; }
ol.findings > li { margin-bottom: .5rem; }
li.dismissed .finding-body { text-decoration: line-through; color: var(--muted); }
.review { font-style: italic; }
.c0 { background: #fde2a8; fill: #e8a317; stroke: #e8a317; border-color: #b07a00; }
.c1 { background: #c9e4ff; fill: #3b82c4; stroke: #3b82c4; border-color: #1f5f99; }
.c2 { background: #d5f2d0; fill: #4c9a43; stroke: #4c9a43; border-color: #2f6d28; }
.c3 { background: #f9d0d0; fill: #c94a4a; stroke: #c94a4a; border-color: #8f2424; }
.c4 { background: #e6d9f7; fill: #8561c5; stroke: #8561c5; border-color: #5b3b94; }
.c5 { background: #cff1f0; fill: #2a9d99; stroke: #2a9d99; border-color: #176e6b; }
.c6 { background: #f7dcef; fill: #c2549d; stroke: #c2549d; border-color: #8c2f6e; }
.c7 { background: #e4e4e4; fill: #7a7a7a; stroke: #7a7a7a; border-color: #4a4a4a; }
.band-0 { fill: #2e7d32; } .band-1 { fill: #9e9d24; } .band-2 { fill: #ef6c00; }
.band-3 { fill: #c62828; } .band-4 { fill: #6d4c41; }
@media print {
  form#filters, .noprint { display: none; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .article { break-before: page; }
  .article-text { max-height: none; overflow: visible; border: 0; }
  mark.hl { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  ol.findings > li, tr { break-inside: avoid; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .8em; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("ranking");
  if (!table || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th) {
    var key = th.getAttribute("data-key");
    if (!key) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    th.appendChild(button);
    button.addEventListener("click", function () {
      var numeric = th.getAttribute("data-type") === "number";
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.getAttribute("data-" + key) || "";
        var y = b.getAttribute("data-" + key) || "";
        var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        if (order === 0) {
          order = parseFloat(a.getAttribute("data-rank")) - parseFloat(b.getAttribute("data-rank"));
          return order;
        }
        return dir * order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  var form = document.getElementById("filters");
  if (!form) { return; }
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var shown = document.getElementById("shown");
  function apply() {
    var count = 0;
    rows.forEach(function (row) {
      var keep = selects.every(function (select) {
        if (!select.value) { return true; }
        var value = row.getAttribute("data-" + select.getAttribute("data-filter")) || "";
        if (select.hasAttribute("data-multi")) {
          return value.split(" ").indexOf(select.value) >= 0;
        }
        return value === select.value;
      });
      row.hidden = !keep;
      var section = document.getElementById(row.getAttribute("data-section"));
      if (section) { section.hidden = !keep; }
      if (keep) { count += 1; }
    });
    if (shown) { shown.textContent = count + " of " + rows.length + " articles shown"; }
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  form.hidden = false;
  apply();
})();
"""


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


# Only this module's own stylesheet and script may apply; nothing may load or connect.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"style-src 'sha256-{_sha256(STYLE)}'; "
    f"script-src 'sha256-{_sha256(SCRIPT)}'; "
    "base-uri 'none'; form-action 'none'")


def esc(value: object) -> str:
    """Any value as HTML text, safe in element content and in quoted attribute values."""
    return escape(str(value), quote=True)


def document(title: str, body: str, script: bool = True) -> str:
    """A complete page around ``body`` (already HTML) with the policy, style and script."""
    tail = f"<script>{SCRIPT}</script>\n" if script else ""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"{body}\n{tail}</body>\n</html>\n")


def linkify(text: str) -> str:
    """``text`` escaped, with each http(s) URL in it made a link (knowledge sources).

    Only ``http://`` and ``https://`` become links: a ``javascript:`` or ``data:`` URL stays
    plain text.
    """
    out: list[str] = []
    last = 0
    for match in URL.finditer(text):
        url = match.group(0).rstrip(".,")
        out.append(esc(text[last:match.start()]))
        out.append(f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>')
        last = match.start() + len(url)
    out.append(esc(text[last:]))
    return "".join(out)


def outlet_of(card: Scorecard) -> str:
    """The card's outlet as one short text, or ``""`` when the run resolved none.

    Read defensively: the outlet is an optional attribute that another part of the engine
    adds (a string, or a value with a ``name`` or ``domain``).
    """
    outlet: Any = getattr(card, "outlet", None)
    if outlet is None or outlet == "":
        return ""
    if isinstance(outlet, str):
        return one_line(outlet)
    for attr in ("name", "domain"):
        value = getattr(outlet, attr, None)
        if isinstance(value, str) and value:
            return one_line(value)
    return one_line(str(outlet))


def article_text(card: Scorecard) -> str | None:
    """The text the card's spans point into: the article the card was scored from."""
    return card.article.text


TextSource = Callable[[Scorecard], str | None]


@dataclass(frozen=True)
class _Mark:
    """One evidence span to highlight: where, its key, its finding and how to show it."""

    start: int
    end: int
    key: str
    finding_id: str
    css: str
    tooltip: str
    dismissed: bool


class _Palette:
    """Category -> colour class, in sorted category order so every run colours alike."""

    def __init__(self, categories: Iterable[str]) -> None:
        self.order = sorted(set(categories))
        self._index = {name: i % PALETTE_SIZE for i, name in enumerate(self.order)}

    def css(self, category: str) -> str:
        return f"c{self._index.get(category, PALETTE_SIZE - 1)}"


def _tooltip(finding: Finding) -> str:
    line = f"{finding.rule_id} ({signed(finding.points)}): {one_line(finding.message)}"
    if finding.review is not None and finding.review.dismissed:
        line += f" [dismissed by {one_line(finding.review.reviewer)}]"
    return line


def highlight(text: str, marks: Sequence[_Mark]) -> str:
    """``text`` escaped with every mark wrapped in ``<mark>``, in place.

    Overlapping marks split the text at every boundary; each piece is one ``<mark>`` whose
    ``data-spans`` lists every span covering it, so a span is one or more pieces and every
    span appears at least once. An anchor ``<span id="KEY">`` marks where each span starts.
    """
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[_Mark]] = {}
    for mark in marks:
        starts.setdefault(mark.start, []).append(mark)
    active: list[_Mark] = []
    out: list[str] = []
    for lo, hi in pairwise(bounds):
        active = [m for m in active if m.end > lo]
        for mark in starts.get(lo, []):
            active.append(mark)
            out.append(f'<span class="anchor" id="{esc(mark.key)}"></span>')
        piece = esc(text[lo:hi])
        if not active:
            out.append(piece)
            continue
        keys = " ".join(m.key for m in active)
        described = " ".join(dict.fromkeys(m.finding_id for m in active))
        tooltip = "\n".join(dict.fromkeys(m.tooltip for m in active))
        dismissed = " dismissed" if all(m.dismissed for m in active) else ""
        out.append(f'<mark class="hl {active[-1].css}{dismissed}" data-spans="{esc(keys)}" '
                   f'title="{esc(tooltip)}" aria-describedby="{esc(described)}">{piece}</mark>')
    return "".join(out)


def _marks(card: Scorecard, text: str, prefix: str,
           palette: _Palette) -> tuple[list[_Mark], list[str]]:
    """The card's spans that point into ``text``, and a note for each that does not."""
    marks: list[_Mark] = []
    misplaced: list[str] = []
    for f_index, finding in enumerate(card.findings):
        finding_id = f"{prefix}-f{f_index}"
        for s_index, span in enumerate(finding.spans):
            if span.end <= span.start or text[span.start:span.end] != span.text:
                misplaced.append(f"{finding.rule_id}: \"{one_line(span.text)}\" "
                                 f"(line {span.line}:{span.col})")
                continue
            marks.append(_Mark(span.start, span.end, f"{finding_id}-s{s_index}", finding_id,
                               palette.css(finding.category), _tooltip(finding),
                               bool(finding.review and finding.review.dismissed)))
    return marks, misplaced


def _header(report: RunReport) -> str:
    bands = ", ".join(f"<span class=\"band\">{esc(name)}</span> ≥ {number(at_least)}"
                      + (f" ({esc(meaning)})" if meaning else "")
                      for name, at_least, meaning in report.bands)
    items = [f"Engine version {esc(report.engine_version)}",
             f"ruleset digest <code>{esc(report.ruleset_digest)}</code>",
             f"scored {len(report.cards)}, skipped {len(report.skipped)}"]
    if bands:
        items.append(f"bands: {bands}")
    return (f"<header>\n<h1>Reliability report, as of {esc(report.as_of.isoformat())}</h1>\n"
            f"<p class=\"meta\">{'; '.join(items)}</p>\n</header>")


def _overview(report: RunReport, palette: _Palette) -> str:
    band_names = [name for name, _, _ in report.bands]
    per_band = Counter(card.band for card in report.cards)
    band_names += sorted(set(per_band) - set(band_names))
    bars = [Bar(name, per_band.get(name, 0), f"band-{min(i, 4)}")
            for i, name in enumerate(band_names)]
    per_category = Counter(f.category for card in report.cards for f in card.findings)
    cat_bars = [Bar(name, per_category[name], palette.css(name))
                for name in palette.order if per_category.get(name)]
    charts = [f"<figure>\n{bar_chart(bars, 'Articles per band')}\n"
              "<figcaption>Articles per band</figcaption>\n</figure>"]
    if cat_bars:
        charts.append(f"<figure>\n{bar_chart(cat_bars, 'Findings per category')}\n"
                      "<figcaption>Findings per category</figcaption>\n</figure>")
    legend = "".join(f'<li><span class="swatch {palette.css(name)}"></span>{esc(name)}</li>'
                     for name in palette.order)
    return ("<section id=\"overview\">\n<h2>Overview</h2>\n<div class=\"charts\">\n"
            + "\n".join(charts) + "\n</div>\n"
            f"<ul class=\"legend\" aria-label=\"Highlight colour per category\">{legend}</ul>\n"
            "</section>")


def _categories(card: Scorecard) -> list[str]:
    return sorted({f.category for f in card.findings})


def _options(name: str, label: str, values: Iterable[str], multi: bool = False) -> str:
    # A multi-valued column (categories) holds space-separated names; the others one value.
    options = "".join(f'<option value="{esc(v)}">{esc(v)}</option>'
                      for v in sorted(set(values)) if v)
    flag = " data-multi" if multi else ""
    return (f'<label>{esc(label)} <select data-filter="{name}"{flag}>'
            f'<option value="">all</option>{options}</select></label>')


def _ranking(report: RunReport) -> str:
    cards = report.cards
    filters = ('<form id="filters" hidden aria-label="Filter the ranking">'
               + _options("band", "Band", (c.band for c in cards))
               + _options("categories", "Category", (x for c in cards for x in _categories(c)),
                          multi=True)
               + _options("outlet", "Outlet", (outlet_of(c) for c in cards))
               + _options("date-source", "Date source", (c.date.source for c in cards))
               + '<output id="shown" aria-live="polite"></output></form>')
    head = ('<tr><th class="num" data-key="rank" data-type="number">Rank</th>'
            '<th class="num" data-key="score" data-type="number">Score</th>'
            '<th data-key="band">Band</th><th data-key="id">Article</th>'
            '<th data-key="outlet">Outlet</th><th data-key="date">Date</th>'
            '<th data-key="date-source">Date source</th>'
            '<th class="num" data-key="findings" data-type="number">Findings</th>'
            '<th>Categories</th></tr>')
    rows = []
    for rank, card in enumerate(cards, start=1):
        art = card.article
        outlet = outlet_of(card)
        title = title_of(card)
        label = esc(art.id) + (f"<br><span class=\"muted\">{esc(title)}</span>" if title else "")
        categories = _categories(card)
        outlet_cell = esc(outlet) if outlet else '<span class="muted">-</span>'
        rows.append(
            f'<tr data-section="a{rank}" data-rank="{rank}" data-score="{card.score}" '
            f'data-band="{esc(card.band)}" data-id="{esc(art.id)}" '
            f'data-outlet="{esc(outlet)}" '
            f'data-date="{esc(date_text(card))}" data-date-source="{esc(card.date.source)}" '
            f'data-findings="{len(card.findings)}" data-categories="{esc(" ".join(categories))}">'
            f'<td class="num">{rank}</td><td class="num">{number(card.score)}</td>'
            f'<td class="band">{esc(card.band)}</td><td><a href="#a{rank}">{label}</a></td>'
            f"<td>{outlet_cell}</td>"
            f"<td>{esc(date_text(card))}</td><td>{esc(card.date.source)}</td>"
            f'<td class="num">{len(card.findings)}</td><td>{esc(", ".join(categories))}</td>'
            "</tr>")
    return ("<section id=\"ranking-section\">\n<h2>Ranking</h2>\n" + filters + "\n"
            "<table id=\"ranking\">\n<thead>" + head + "</thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table>\n</section>")


def _date_block(card: Scorecard) -> str:
    info = card.date
    shown = info.date.isoformat() if info.date else "unknown"
    out = [f"<dt>Date</dt><dd>{esc(shown)} (found: {esc(info.source)})"]
    if info.span is not None:
        out.append(f" — “{esc(one_line(info.span.text))}” at line "
                   f"{info.span.line}:{info.span.col}")
    out.append("</dd>")
    window = info.window
    if window is not None:
        lo = window.earliest.isoformat() if window.earliest else "open"
        hi = window.latest.isoformat() if window.latest else "open"
        evidence = "".join(f"<li>{linkify(item)}</li>" for item in window.evidence)
        out.append(f"<dt>Inferred window</dt><dd>{esc(lo)} to {esc(hi)}"
                   + (f"<ul>{evidence}</ul>" if evidence else "") + "</dd>")
    return "".join(out)


def _meta_block(card: Scorecard) -> str:
    out = []
    for key in sorted(card.article.meta, key=str):
        value = card.article.meta[key]
        if value is None or value == "" or isinstance(value, dict | list):
            continue
        out.append(f"<dt>{esc(key)}</dt><dd>{linkify(one_line(str(value)))}</dd>")
    return "".join(out)


def _review_line(finding: Finding) -> str:
    review = finding.review
    if review is None:
        return ""
    who = esc(one_line(review.reviewer)) or "a reviewer"
    verb = "Dismissed" if review.dismissed else "Confirmed"
    note = f": {esc(one_line(review.note))}" if review.note else ""
    counts = " (counts no points)" if review.dismissed else ""
    return f'<p class="review">{verb} by {who}{note}{counts}</p>'


def _findings(card: Scorecard, prefix: str, palette: _Palette) -> str:
    if not card.findings:
        return "<p>No rule fired.</p>"
    items = []
    for f_index, finding in enumerate(card.findings):
        finding_id = f"{prefix}-f{f_index}"
        spans = ", ".join(f'<a href="#{finding_id}-s{s}">line {span.line}:{span.col}</a>'
                          for s, span in enumerate(finding.spans))
        dismissed = finding.review is not None and finding.review.dismissed
        css = ' class="dismissed"' if dismissed else ""
        items.append(
            f'<li id="{finding_id}"{css} data-rule="{esc(finding.rule_id)}">'
            f'<span class="swatch {palette.css(finding.category)}"></span>'
            f'<span class="finding-body"><code>{esc(finding.rule_id)}</code> '
            f"{esc(finding.title)} ({esc(finding.category)}): "
            f"<strong>{esc(signed(finding.points))}</strong> — {linkify(finding.message)}</span>"
            + (f"<br><span class=\"muted\">evidence: {spans}</span>" if spans else "")
            + _review_line(finding) + "</li>")
    return '<ol class="findings">' + "".join(items) + "</ol>"


def _article(report: RunReport, rank: int, card: Scorecard, palette: _Palette,
             text_of: TextSource) -> str:
    art = card.article
    prefix = f"a{rank}"
    heading = f"{rank}. {esc(art.id)}" + (f": {esc(title_of(card))}" if art.title else "")
    outlet = outlet_of(card)
    facts = [f"<dt>Score</dt><dd><strong>{number(card.score)}</strong> "
             f"(<span class=\"band\">{esc(card.band)}</span>)</dd>",
             f"<dt>Path</dt><dd><code>{esc(art.path)}</code></dd>",
             _date_block(card),
             f"<dt>Outlet</dt><dd>{esc(outlet)}</dd>" if outlet else "",
             _meta_block(card)]
    arithmetic = esc("\n".join(arithmetic_lines(report, card)))
    legend = "".join(f'<li><span class="swatch {palette.css(name)}"></span>{esc(name)}</li>'
                     for name in _categories(card))
    text = text_of(card)
    if text is None:
        body = "<p class=\"muted\">The article text is not available to this report.</p>"
    else:
        marks, misplaced = _marks(card, text, prefix, palette)
        body = f'<pre class="article-text" tabindex="0">{highlight(text, marks)}</pre>'
        if misplaced:
            body += ("<p class=\"muted\">Evidence not found at its position in the text: "
                     + "; ".join(esc(m) for m in misplaced) + "</p>")
    return (f'<section class="article" id="{prefix}" aria-labelledby="{prefix}-h">\n'
            f'<h2 id="{prefix}-h">{heading}</h2>\n<dl>{"".join(facts)}</dl>\n'
            f'<h3>Score arithmetic</h3>\n<pre class="arith">{arithmetic}</pre>\n'
            f"<h3>Findings</h3>\n{_findings(card, prefix, palette)}\n"
            f"<h3>Article text</h3>\n"
            + (f'<ul class="legend" aria-label="Highlight colours">{legend}</ul>\n'
               if legend else "")
            + body + "\n<p class=\"noprint\"><a href=\"#ranking-section\">back to the "
            "ranking</a></p>\n</section>")


def _skipped(items: Sequence[Skipped]) -> str:
    if not items:
        return "<section id=\"skipped\">\n<h2>Skipped inputs</h2>\n<p>None.</p>\n</section>"
    rows = "".join(f"<tr><td>{esc(s.id)}</td><td><code>{esc(s.path)}</code></td>"
                   f"<td class=\"num\">{s.line if s.line is not None else ''}</td>"
                   f"<td>{esc(s.reason)}</td></tr>" for s in items)
    return ("<section id=\"skipped\">\n<h2>Skipped inputs</h2>\n<table><thead><tr><th>ID</th>"
            "<th>Path</th><th class=\"num\">Line</th><th>Reason</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>\n</section>")


def render(report: RunReport, text_of: TextSource = article_text) -> str:
    """The whole report as one HTML page: header, overview charts, the ranked table, one
    section per article in ranked order, then the skipped inputs.

    ``text_of`` gives the text an article's spans point into (by default the text the card
    was scored from); a run that does not keep texts in memory passes one that re-reads
    them, and an article whose text it cannot give (``None``) is shown without highlights.
    """
    palette = _Palette([rule.category for rule in report.rules]
                       + [f.category for card in report.cards for f in card.findings])
    parts = [_header(report), _overview(report, palette), _ranking(report)]
    parts += [_article(report, rank, card, palette, text_of)
              for rank, card in enumerate(report.cards, start=1)]
    parts.append(_skipped(report.skipped))
    return document(f"Reliability report, as of {report.as_of.isoformat()}",
                    "\n".join(parts))
