"""Reporters: every format renders the same hand-built run, deterministically and faithfully."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from engine.model import (
    Article,
    Contribution,
    DateInfo,
    DateWindow,
    Finding,
    RuleInfo,
    RunReport,
    Scorecard,
    Skipped,
    Span,
)
from engine.report import RENDERERS, Format, render
from engine.report.json_report import load_report_schema
from engine.report.markdown import QUOTE_LIMIT
from engine.report.write import write_atomic

LONG_QUOTE = "word " * 100  # 500 characters: over the markdown quote limit


def _span(start: int, line: int, col: int, text: str) -> Span:
    return Span(start, start + len(text), line, col, text)


def make_report() -> RunReport:
    """Two scorecards whose arithmetic is exact, built the way engine.scoring would.

    zeta (72.0): base 60, sourcing +10 (raw +14 capped) -3 = +7, structure +5.
    alpha (2.0): base 60, provenance -20 (raw -25 capped), consistency -35 clamped to -30,
    temporal -8; date inferred from a window. Ids are deliberately not in alphabetical order.
    """
    zeta_text = "LONDON, March 2 - Jane Roe, a spokesperson, said | it was fine.\nOthers disagree."
    zeta = Scorecard(
        article=Article("zeta", "seeds/zeta.txt", zeta_text, title="Council | budget passes",
                        meta={"source": "wire", "lang": "en"}),
        date=DateInfo(dt.date(2026, 3, 2), "dateline", span=_span(0, 1, 1, "LONDON, March 2")),
        findings=(
            Finding("sourcing.named-attribution", "sourcing", "Named attribution", 14.0,
                    "2 named sources with roles", (_span(18, 1, 19, "Jane Roe, a spokesperson"),
                                                   _span(44, 1, 45, "said | it"))),
            Finding("sourcing.vague-attribution", "sourcing", "Vague attribution", -3.0,
                    "unnamed 'others' cited", (_span(64, 2, 1, "Others disagree"),)),
            Finding("structure.dateline", "structure", "Dateline present", 5.0,
                    "the article opens with a dateline", ()),
        ),
        contributions=(
            Contribution("sourcing.named-attribution", "sourcing", 14.0, 10.0,
                         "capped at +10 (rule max_points 10)"),
            Contribution("sourcing.vague-attribution", "sourcing", -3.0, -3.0),
            Contribution("structure.dateline", "structure", 5.0, 5.0),
        ),
        subscores={"sourcing": 7.0, "provenance": 0.0, "temporal": 0.0, "consistency": 0.0,
                   "structure": 5.0},
        base=60.0, score=72.0, band="reliable",
    )
    alpha = Scorecard(
        article=Article("alpha", "seeds/alpha.jsonl", LONG_QUOTE + "\nThe CEO said *nothing*.",
                        title=None),
        date=DateInfo(None, "inferred", window=DateWindow(
            dt.date(2025, 1, 1), dt.date(2025, 6, 30),
            ("mentions the 2024 results as last year", "no event after June 2025"))),
        findings=(
            Finding("consistency.contradiction", "consistency", "Self-contradiction", -35.0,
                    "the CEO 'said nothing' yet is quoted", (_span(501, 2, 1, "The CEO said"),)),
            Finding("provenance.machine-text", "provenance", "Machine-like text", -25.0,
                    "repetitive filler", (_span(0, 1, 1, LONG_QUOTE),)),
            Finding("temporal.stale-reference", "temporal", "Stale reference", -8.0,
                    "calls *last year* 2023", ()),
        ),
        contributions=(
            Contribution("consistency.contradiction", "consistency", -35.0, -35.0),
            Contribution("provenance.machine-text", "provenance", -25.0, -20.0,
                         "capped at -20 (rule max_points 20)"),
            Contribution("temporal.stale-reference", "temporal", -8.0, -8.0),
        ),
        subscores={"sourcing": 0.0, "provenance": -20.0, "temporal": -8.0,
                   "consistency": -30.0, "structure": 0.0},
        base=60.0, score=2.0, band="unreliable",
        category_notes={"consistency": "-35 clamped to the category's range [-30, +0]"},
    )
    return RunReport(
        cards=(zeta, alpha),
        skipped=(Skipped("broken", "seeds/feed.jsonl", "invalid JSON: Expecting value", 7),),
        as_of=dt.date(2026, 11, 21),
        ruleset_digest="sha256:0123abcd",
        engine_version="0.1.0",
        rules=(RuleInfo("structure.dateline", "structure", "Dateline present", "pattern"),),
        bands=(("reliable", 70.0, "Well sourced"), ("mixed", 50.0, "Usable with care"),
               ("doubtful", 30.0, "Serious problems"), ("unreliable", 0.0, "Do not rely")),
    )


@pytest.fixture
def report() -> RunReport:
    return make_report()


@pytest.fixture
def validator() -> jsonschema.Draft202012Validator:
    schema = load_report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _json(report: RunReport) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render(report, Format.JSON))
    return data


# --- dispatch and determinism ------------------------------------------------------------


def test_every_format_has_a_renderer_and_accepts_its_name(report: RunReport) -> None:
    assert set(RENDERERS) == set(Format)
    assert render(report, "json") == render(report, Format.JSON)
    with pytest.raises(ValueError):
        render(report, "yaml")


@pytest.mark.parametrize("fmt", list(Format))
def test_rendering_is_deterministic(fmt: Format) -> None:
    # Two separately built reports, meta keys inserted in a different order: same bytes.
    first, second = make_report(), make_report()
    card = second.cards[0]
    reordered = Article(card.article.id, card.article.path, card.article.text,
                        card.article.title, meta={"lang": "en", "source": "wire"})
    second = RunReport((Scorecard(reordered, *_rest(card)), *second.cards[1:]), second.skipped,
                       second.as_of, second.ruleset_digest, second.engine_version,
                       second.rules, second.bands)
    out = render(first, fmt)
    assert out == render(first, fmt) == render(second, fmt)
    assert out.endswith("\n") and "\r" not in out


def _rest(card: Scorecard) -> tuple[Any, ...]:
    return (card.date, card.findings, card.contributions, card.subscores, card.base, card.score,
            card.band, card.category_notes)


def test_an_empty_run_renders_in_every_format(
        validator: jsonschema.Draft202012Validator) -> None:
    empty = RunReport((), (), dt.date(2026, 11, 21), "sha256:0", "0.1.0")
    assert validator.is_valid(json.loads(render(empty, Format.JSON)))
    assert render(empty, Format.LINES) == ""
    assert render(empty, Format.CSV).count("\n") == 1  # the header alone
    assert "skipped: 0" in render(empty, Format.TABLE)
    assert "## Skipped inputs\n\nNone.\n" in render(empty, Format.MARKDOWN)


# --- JSON and its schema -----------------------------------------------------------------


def test_json_validates_against_the_schema(report: RunReport,
                                           validator: jsonschema.Draft202012Validator) -> None:
    data = _json(report)
    errors = [e.message for e in validator.iter_errors(data)]
    assert errors == []
    assert [a["id"] for a in data["articles"]] == ["zeta", "alpha"]
    assert [a["rank"] for a in data["articles"]] == [1, 2]
    assert data["summary"] == {"scored": 2, "skipped": 1}
    assert data["bands"][0] == {"name": "reliable", "at_least": 70.0, "meaning": "Well sourced"}
    alpha = data["articles"][1]
    assert alpha["inferred_window"] == {
        "earliest": "2025-01-01", "latest": "2025-06-30",
        "evidence": ["mentions the 2024 results as last year", "no event after June 2025"]}
    assert data["skipped"] == [{"id": "broken", "path": "seeds/feed.jsonl",
                                "reason": "invalid JSON: Expecting value", "line": 7}]


def test_json_is_sorted_one_article_per_line_and_keeps_unicode(report: RunReport) -> None:
    out = render(report, Format.JSON)
    assert out.startswith('{"articles": [\n{')
    lines = out.splitlines()
    # One article per line (the report streams): each such line is a whole JSON object.
    articles = [json.loads(line.rstrip(",")) for line in lines if line.startswith('{"band"')]
    assert [a["rank"] for a in articles] == list(range(1, len(report.cards) + 1))
    keys = ["articles", *(line.split('"')[1] for line in lines if line.startswith('"'))]
    assert keys == sorted(json.loads(out))
    unicode_report = make_report()
    card = unicode_report.cards[0]
    titled = Article(card.article.id, card.article.path, card.article.text, "Zürich café")
    unicode_report = RunReport((Scorecard(titled, *_rest(card)),), (), unicode_report.as_of,
                               "d", "v")
    assert '"title": "Zürich café"' in render(unicode_report, Format.JSON)


def test_json_refuses_nan_rather_than_emitting_invalid_json(report: RunReport) -> None:
    card = report.cards[0]
    broken = RunReport((Scorecard(card.article, card.date, card.findings, card.contributions,
                                  card.subscores, card.base, float("nan"), card.band),),
                       (), report.as_of, "d", "v")
    with pytest.raises(ValueError):
        render(broken, Format.JSON)


@pytest.mark.parametrize("breakage", [
    "drop top-level key", "drop finding rule_id", "bad date_source", "extra article key",
    "span without line", "window not an object", "bad as_of", "date with source none",
])
def test_schema_rejects_broken_reports(report: RunReport, breakage: str,
                                       validator: jsonschema.Draft202012Validator) -> None:
    data = copy.deepcopy(_json(report))
    zeta, alpha = data["articles"]
    if breakage == "drop top-level key":
        del data["ruleset_digest"]
    elif breakage == "drop finding rule_id":
        del zeta["findings"][0]["rule_id"]
    elif breakage == "bad date_source":
        zeta["date_source"] = "guessed"
    elif breakage == "extra article key":
        zeta["confidence"] = 0.9
    elif breakage == "span without line":
        del zeta["findings"][0]["spans"][0]["line"]
    elif breakage == "window not an object":
        alpha["inferred_window"] = ["2025-01-01", "2025-06-30"]
    elif breakage == "bad as_of":
        data["as_of"] = "21/11/2026"
    elif breakage == "date with source none":
        zeta["date_source"] = "none"
    assert not validator.is_valid(data), breakage


def test_schema_allows_free_form_meta(report: RunReport,
                                      validator: jsonschema.Draft202012Validator) -> None:
    data = _json(report)
    data["articles"][0]["meta"] = {"anything": [1, {"nested": None}]}
    assert validator.is_valid(data)


# --- markdown ----------------------------------------------------------------------------


def _arithmetic_block(md: str, rank: int, article_id: str) -> list[str]:
    section = md.split(f"## {rank}. {article_id}", 1)[1]
    block = section.split("### Score arithmetic", 1)[1].split("```text\n", 1)[1]
    return block.split("\n```", 1)[0].splitlines()


def test_markdown_header_and_sections(report: RunReport) -> None:
    md = render(report, Format.MARKDOWN)
    assert md.startswith("# Reliability report, as of 2026-11-21\n")
    assert "0.1.0" in md and "sha256:0123abcd" in md
    # Sections in ranked order, then skipped inputs last.
    assert md.index("## 1. zeta") < md.index("## 2. alpha") < md.index("## Skipped inputs")
    assert "- broken (seeds/feed.jsonl, line 7): invalid JSON: Expecting value" in md


def test_markdown_lists_every_finding_with_quotes(report: RunReport) -> None:
    md = render(report, Format.MARKDOWN)
    for card in report.cards:
        for finding in card.findings:
            assert f"`{finding.rule_id}`" in md
    assert '> "Jane Roe, a spokesperson" (line 1:19)' in md
    assert '> "Others disagree" (line 2:1)' in md
    assert '> "LONDON, March 2" (line 1:1)' in md  # the dateline evidence
    # Article text is escaped, not interpreted: emphasis stays literal.
    assert r"calls \*last year\* 2023" in md


def test_markdown_cuts_long_quotes(report: RunReport) -> None:
    md = render(report, Format.MARKDOWN)
    quoted = re.search(r'> "(word [^"]*)" \(line 1:1\)', md)
    assert quoted is not None
    assert len(quoted.group(1)) <= QUOTE_LIMIT
    assert quoted.group(1).endswith("…")


def test_markdown_shows_the_inferred_window_and_evidence(report: RunReport) -> None:
    md = render(report, Format.MARKDOWN)
    assert "- Date: unknown (source: inferred)" in md
    assert "- Inferred window: 2025-01-01 to 2025-06-30" in md
    assert "  - mentions the 2024 results as last year" in md


def test_markdown_arithmetic_adds_up(report: RunReport) -> None:
    md = render(report, Format.MARKDOWN)
    for rank, card in enumerate(report.cards, start=1):
        lines = _arithmetic_block(md, rank, card.article.id)
        assert lines[0] == f"base {card.base:.1f}"
        assert lines[-1].startswith(f"= {card.score:.1f} ({card.band})")
        contributions = [ln for ln in lines[1:-1] if not ln.endswith("subtotal")
                         and "subtotal (" not in ln]
        subtotals = [ln for ln in lines[1:-1] if ln not in contributions]
        assert len(contributions) == len(card.contributions)
        total = card.base + sum(float(ln.split()[0]) for ln in subtotals)
        assert total == pytest.approx(card.score)
        # Each unclamped category's subtotal is the sum of its contribution lines.
        for sub in subtotals:
            value, name = float(sub.split()[0]), sub.split()[1]
            parts = [float(ln.split()[0]) for ln in contributions
                     if ln.split()[1].startswith(name + ".")]
            if name not in card.category_notes:
                assert sum(parts) == pytest.approx(value)
    zeta = _arithmetic_block(md, 1, "zeta")
    assert ("+10.0 sourcing.named-attribution — Named attribution "
            "(raw +14.0, capped at +10 (rule max_points 10))") in zeta
    assert "-3.0 sourcing.vague-attribution — Vague attribution" in zeta
    alpha = _arithmetic_block(md, 2, "alpha")
    assert "-30.0 consistency subtotal (-35 clamped to the category's range [-30, +0])" in alpha


def test_markdown_notes_a_clamped_total(report: RunReport) -> None:
    card = report.cards[1]
    # base 60 with -58 of subscores = 2; with base 0 the sum is -58 and the engine shows 0.
    clamped = Scorecard(card.article, card.date, card.findings, card.contributions,
                        card.subscores, 0.0, 0.0, "unreliable", card.category_notes)
    md = render(RunReport((clamped,), (), report.as_of, "d", "v"), Format.MARKDOWN)
    assert "= 0.0 (unreliable) (sum -58.0 clamped to 0..100)" in md


def test_markdown_escapes_pipes_in_table_cells(report: RunReport) -> None:
    md = render(report, Format.MARKDOWN)
    row = next(ln for ln in md.splitlines() if ln.startswith("| 1 |"))
    assert r"Council \| budget passes" in row
    # An unescaped pipe would add a column: every row must have as many cells as the header.
    header = next(ln for ln in md.splitlines() if ln.startswith("| Rank |"))
    assert len(re.split(r"(?<!\\)\|", row)) == len(re.split(r"(?<!\\)\|", header))


# --- table, csv, lines -------------------------------------------------------------------


def test_table_keeps_the_given_order_and_lists_skipped(report: RunReport) -> None:
    out = render(report, Format.TABLE)
    rows = [ln for ln in out.splitlines() if re.match(r"\s*\d+\s", ln)]
    assert [ln.split()[0:4] for ln in rows] == [["1", "72.0", "reliable", "zeta"],
                                                ["2", "2.0", "unreliable", "alpha"]]
    # Top two rules by |points after caps|, whatever the sign: the +14 finding is capped at +10.
    assert "+10.0 sourcing.named-attribution; +5.0 structure.dateline" in rows[0]
    assert "-35.0 consistency.contradiction; -20.0 provenance.machine-text" in rows[1]
    assert "temporal.stale-reference" not in out
    assert "2026-03-02 (dateline)" in rows[0]
    assert "2025-01-01..2025-06-30 (inferred)" in rows[1]
    assert "skipped: 1" in out
    assert "broken (seeds/feed.jsonl, line 7): invalid JSON: Expecting value" in out


def test_table_truncates_long_titles(report: RunReport) -> None:
    card = report.cards[0]
    long = Article(card.article.id, card.article.path, card.article.text, "x" * 80)
    out = render(RunReport((Scorecard(long, *_rest(card)),), (), report.as_of, "d", "v"),
                 Format.TABLE)
    assert "x" * 49 + "…" in out and "x" * 50 not in out


def test_csv_has_a_header_and_one_row_per_article(report: RunReport) -> None:
    out = render(report, Format.CSV)
    assert "\r" not in out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(report.cards) == len(out.splitlines()) - 1
    header = out.splitlines()[0].split(",")
    subscore_cols = [h for h in header if h.startswith("subscore_")]
    assert subscore_cols == sorted(subscore_cols) and len(subscore_cols) == 5
    zeta, alpha = rows
    assert (zeta["rank"], zeta["id"], zeta["score"], zeta["band"]) == ("1", "zeta", "72.0",
                                                                      "reliable")
    assert zeta["title"] == "Council | budget passes"
    assert zeta["subscore_sourcing"] == "7.0" and zeta["findings"] == "3"
    assert zeta["date"] == "2026-03-02" and zeta["date_source"] == "dateline"
    assert alpha["date"] == "" and alpha["date_source"] == "inferred"
    assert alpha["top_findings"].split() == ["consistency.contradiction",
                                             "provenance.machine-text",
                                             "temporal.stale-reference"]


def test_csv_defuses_formula_titles(report: RunReport) -> None:
    card = report.cards[0]
    evil = Article(card.article.id, card.article.path, card.article.text, "=HYPERLINK(1)")
    out = render(RunReport((Scorecard(evil, *_rest(card)),), (), report.as_of, "d", "v"),
                 Format.CSV)
    assert next(csv.DictReader(io.StringIO(out)))["title"] == "'=HYPERLINK(1)"


def test_lines_one_per_finding_grep_friendly(report: RunReport) -> None:
    out = render(report, Format.LINES).splitlines()
    assert len(out) == sum(len(c.findings) for c in report.cards)
    pattern = re.compile(r"^[^:]+:\d+:\d+: [a-z0-9.-]+ \([+-]\d+\.\d+\) \S.*$")
    assert all(pattern.match(line) for line in out), out
    assert ("seeds/zeta.txt:1:19: sourcing.named-attribution (+14.0) "
            "2 named sources with roles") in out
    # No span: placed at 1:1. Within an article, sorted by position.
    assert out[0] == ("seeds/zeta.txt:1:1: structure.dateline (+5.0) "
                      "the article opens with a dateline")
    assert out[-1].startswith("seeds/alpha.jsonl:2:1: consistency.contradiction (-35.0)")


# --- write_atomic ------------------------------------------------------------------------


def test_write_atomic_creates_parents_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "out" / "nested" / "report.json"
    write_atomic(target, "first\n")
    assert target.read_bytes() == b"first\n"
    assert os.listdir(target.parent) == ["report.json"]


def test_write_atomic_replaces_an_existing_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old contents that are longer than the new ones\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new — ü\n")
    assert target.read_bytes() == "new — ü\n".encode()
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["report.md"]


def test_write_atomic_new_file_follows_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    old = os.umask(0o022)
    try:
        write_atomic(target, "x\n")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_write_atomic_cleans_up_and_keeps_the_old_file_on_failure(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")

    def fail(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["report.json"]
