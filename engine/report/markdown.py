"""The human-readable report: ranked table, then every article's arithmetic and evidence.

A reviewer should be able to redo each score by hand from this file alone: the arithmetic
block lists the base, every rule's contribution (with caps), every category subtotal (with
clamps) and the final score, and each finding quotes the article text it is based on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from engine.model import (
    Contribution,
    DateInfo,
    Finding,
    OutletInfo,
    RunReport,
    RunSettings,
    Scorecard,
    Skipped,
    Span,
)
from engine.report._shared import (
    number,
    one_line,
    printable,
    ranking_cells,
    signed,
    truncate,
)

QUOTE_LIMIT = 300
TABLE_TITLE_WIDTH = 60

# Characters that would start inline markup (emphasis, code, links, raw HTML, entities) in
# CommonMark. Line-start syntax (#, >, -, 1.) cannot trigger: every escaped text is placed
# mid-line, and one_line has removed newlines, so text cannot open a block of its own.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<&~])")


def escape(text: str) -> str:
    """``text`` on one printable line with inline markdown and HTML syntax backslash-escaped."""
    return _INLINE_SPECIAL.sub(r"\\\1", one_line(text))


def cell(text: str) -> str:
    """``text`` made safe for a markdown table cell: escaped, pipes too."""
    return escape(text).replace("|", r"\|")


def quote(text: str) -> str:
    """A span's text for a blockquote: one line, at most ``QUOTE_LIMIT`` characters, escaped."""
    return escape(truncate(one_line(text), QUOTE_LIMIT))


def _code(text: str) -> str:
    # Rule ids are [a-z0-9.-] by schema, but a backtick would close the code span early.
    return f"`{text}`" if "`" not in text else escape(text)


def _path(path: str) -> str:
    # A code span shows a path verbatim (no backslashes before its underscores); printable
    # first, so a newline in a file name cannot end the span and let the rest become HTML.
    shown = printable(path)
    return f"`{shown}`" if "`" not in shown else escape(shown)


def _fence(lines: list[str]) -> list[str]:
    # A fence must be longer than any backtick run inside it, or the block would end early.
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}text", *lines, fence]


def _table(headers: list[str], rows: Iterable[list[str]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |",
           "|" + "|".join("---" for _ in headers) + "|"]
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    return out


def _span_ref(span: Span) -> str:
    return f'> "{quote(span.text)}" (line {span.line}:{span.col})'


def _header(report: RunReport) -> list[str]:
    out = [f"# Reliability report, as of {report.as_of.isoformat()}", "",
           f"- Engine version: {escape(report.engine_version)}",
           f"- Ruleset digest: `{report.ruleset_digest}`",
           f"- Scored: {len(report.cards)}; skipped: {len(report.skipped)}",
           f"- Settings: {escape((report.settings or RunSettings()).summary())}"]
    if report.bands:
        bands = ", ".join(f"**{escape(name)}** ≥ {number(at_least)}"
                          for name, at_least, _ in report.bands)
        out.append(f"- Bands: {bands}")
    return out


def _ranking(report: RunReport) -> list[str]:
    rows = ([*ranking_cells(rank, card, TABLE_TITLE_WIDTH, cell), str(len(card.findings))]
            for rank, card in enumerate(report.cards, start=1))
    return ["## Ranking", "",
            *_table(["Rank", "Score", "Band", "ID", "Title", "Date", "Findings"], rows)]


def _date_lines(info: DateInfo) -> list[str]:
    shown = info.date.isoformat() if info.date else "unknown"
    out = [f"- Date: {shown} (source: {info.source})"]
    if info.span is not None:
        out += ["", f"  {_span_ref(info.span)}", ""]
    window = info.window
    if window is not None:
        lo = window.earliest.isoformat() if window.earliest else "open"
        hi = window.latest.isoformat() if window.latest else "open"
        out.append(f"- Inferred window: {lo} to {hi}")
        out.extend(f"  - {escape(item)}" for item in window.evidence)
    return out


def _outlet_lines(info: OutletInfo | None) -> list[str]:
    if info is None:
        return []
    claim = info.primary
    if claim is None:
        return ["- Outlet: unknown (no URL, source or publisher in the metadata, and the text "
                "names no publisher of its own)"]
    shown = escape(claim.name)
    if claim.domain and claim.domain != claim.name:
        shown += f" ({escape(claim.domain)})"
    out = [f"- Outlet: {shown}, from the {escape(claim.via)}"]
    out += ["", f"  {_span_ref(claim.span)}", ""] if claim.span else \
        [f"  ({escape(truncate(claim.evidence, QUOTE_LIMIT))})"]
    others = info.claims[1:]
    if others:
        out.append("- Also names itself: " + "; ".join(
            f"{escape(c.name)} ({escape(c.via)}"
            + (f", line {c.span.line}:{c.span.col})" if c.span else ")") for c in others))
    return out


def _titles(report: RunReport, card: Scorecard) -> dict[str, str]:
    # The card's own findings carry the title it was scored under; the run's rule list
    # covers a contribution whose findings were dropped from the card.
    titles = {rule.id: rule.title for rule in report.rules}
    titles.update((f.rule_id, f.title) for f in card.findings)
    return titles


def _contribution_line(item: Contribution, titles: Mapping[str, str]) -> str:
    line = f"{signed(item.applied)} {item.rule_id}"
    title = one_line(titles.get(item.rule_id, ""))
    if title:
        line += f" — {title}"
    if item.note or item.applied != item.raw:
        detail = f"raw {signed(item.raw)}"
        if item.note:
            detail += f", {one_line(item.note)}"
        line += f" ({detail})"
    return line


def arithmetic_lines(report: RunReport, card: Scorecard) -> list[str]:
    """The score as plain lines a reviewer can add up: base, contributions, subtotals, result.

    Unescaped: the markdown puts them in a fence, the HTML report escapes them.
    """
    titles = _titles(report, card)
    lines = [f"base {number(card.base)}"]
    lines += [_contribution_line(item, titles) for item in card.contributions]
    # Subscores keep the scoring config's category order; a category with no rule firing
    # and nothing to note is 0 and would only add noise.
    used = {item.category for item in card.contributions}
    for name, value in card.subscores.items():
        if value == 0 and name not in used and name not in card.category_notes:
            continue
        line = f"{signed(value)} {name} subtotal"
        if name in card.category_notes:
            line += f" ({one_line(card.category_notes[name])})"
        lines.append(line)
    total = card.base + sum(card.subscores.values())
    result = f"= {number(card.score)} ({card.band})"
    # The engine clamps the total to 0..100 and rounds to one decimal; say so whenever the
    # lines above do not add up to the result on their own.
    if abs(total - card.score) > 1e-9:
        why = "clamped to 0..100" if not 0 <= total <= 100 else "rounded"
        result += f" (sum {number(total)} {why})"
    lines.append(result)
    return lines


def _arithmetic(report: RunReport, card: Scorecard) -> list[str]:
    return _fence(arithmetic_lines(report, card))


def _finding_lines(finding: Finding) -> list[str]:
    head = (f"{_code(finding.rule_id)} {escape(finding.title)} ({escape(finding.category)}): "
            f"**{signed(finding.points)}**")
    out = [f"- {head}", "", f"  {escape(finding.message)}"]
    review = finding.review
    if review is not None:
        verb = "Dismissed" if review.dismissed else "Confirmed"
        if review.dismissed:  # struck through: shown, but it counts no points
            out[0] = f"- ~~{head}~~"
        note = f": {escape(review.note)}" if review.note else ""
        out += ["", f"  *{verb} by {escape(review.reviewer) or 'a reviewer'}{note}*"
                + (" (counts no points)" if review.dismissed else "")]
    for span in finding.spans:
        # A blank line between quotes: adjacent "> " lines would merge into one paragraph.
        out += ["", f"  {_span_ref(span)}"]
    return out


def _input_notes(card: Scorecard) -> list[str]:
    """Where line:col count (a JSONL record, a page's extracted text) and the short-article
    note: what a reader needs to find a quote and to know which rules did not run."""
    art = card.article
    out = []
    if art.record_line is not None:
        out.append(f"- Record: line {art.record_line} of the file; line:col count in the "
                   "record's text")
    if art.positions == "extracted":
        out.append("- Positions: line:col count in the article text extracted from the page, "
                   "not in its HTML")
    if card.short_note:
        out.append(f"- Note: {escape(card.short_note)}")
    return out


def _article(report: RunReport, rank: int, card: Scorecard) -> list[str]:
    art = card.article
    heading = f"## {rank}. {escape(art.id)}"
    if art.title:
        heading += f": {escape(art.title)}"
    out = [heading, "",
           f"- Path: {_path(art.path)}",
           *_input_notes(card),
           f"- Score: **{number(card.score)}** ({escape(card.band)})",
           *_date_lines(card.date), *_outlet_lines(card.outlet), "",
           "### Score arithmetic", "", *_arithmetic(report, card), "",
           "### Findings", ""]
    if not card.findings:
        out.append("No rule fired.")
    for finding in card.findings:
        out += [*_finding_lines(finding), ""]
    return out


def _skipped(items: tuple[Skipped, ...]) -> list[str]:
    out = ["## Skipped inputs", ""]
    if not items:
        return [*out, "None."]
    for item in items:
        where = "" if item.line is None else f", line {item.line}"
        out.append(f"- {escape(item.id)} ({escape(item.path)}{where}): {escape(item.reason)}")
    return out


def render(report: RunReport) -> str:
    """The whole report as CommonMark: header (as-of date, engine version, ruleset digest),
    ranking table, one section per article in ranked order, then the skipped inputs.

    Each article section shows path, score, band and date (with its evidence, and for an
    inferred date the window and the reasons for it); a fenced "Score arithmetic" block of
    ``base``, one line per contribution, one line per category subtotal and ``= score``; and
    the findings, each with rule id, title, points, message and every quoted span as
    ``> "text" (line L:C)``. Quotes longer than ``QUOTE_LIMIT`` characters end in an
    ellipsis; text from articles and rules is escaped so it cannot become markup.
    """
    out = [*_header(report), "", *_ranking(report), ""]
    for rank, card in enumerate(report.cards, start=1):
        out += _article(report, rank, card)
    out += _skipped(report.skipped)
    # Collapse the blank-line runs that section joins leave, so output has no ragged gaps.
    text = "\n".join(out).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"
