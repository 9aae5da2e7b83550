"""Real inputs (issue 9, input half): HTML pages, gzip, .markdown/.text, unsupported types,
special files, JSONL streamed per record, titles, positions in the user's file, short-article
notes, and hostile articles that must become a skip or a score, never a crash or a hang."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import os
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.model import Article, Skipped
from engine.sources import iter_inputs, limits
from engine.sources.records import iter_jsonl
from engine.sources.titles import first_line_title

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"
ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "corpora" / "bench" / "reuters21578.jsonl.gz"
AS_OF = "2026-11-21"
PROSE = ("The council approved the budget on Monday, said Anna Berg, its chair. "
         "Observers believe the vote was close. ")


def items(*args: str) -> tuple[dict[str, Article], dict[str, Skipped]]:
    articles: dict[str, Article] = {}
    skipped: dict[str, Skipped] = {}
    for item in iter_inputs(list(args)):
        (articles if isinstance(item, Article) else skipped)[item.id] = item  # type: ignore[index]
    return articles, skipped


def score_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["score", *args, "--as-of", AS_OF, "--format", "json"],
                                catch_exceptions=False)
    # Strict parse: NaN or Infinity in the report would be invalid JSON.
    report = json.loads(result.stdout, parse_constant=_refuse_constant)
    return result.exit_code, report


def _refuse_constant(name: str) -> None:
    raise AssertionError(f"report holds {name}, which is not JSON")


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--as-of", AS_OF], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


# --- the "Done when" folder ------------------------------------------------------------------


@pytest.fixture()
def saved_folder(tmp_path: Path) -> Path:
    """An HTML page saved from a news site, a .markdown, a .jsonl.gz, a .pdf and a .docx."""
    shutil.copy(FIXTURES / "saved-page.html", tmp_path / "harbour.html")
    (tmp_path / "notes.markdown").write_text(
        "---\ntitle: Council Budget Vote\ndate: 2025-02-03\n---\n" + PROSE * 3, encoding="utf-8")
    with gzip.open(tmp_path / "wire.jsonl.gz", "wt", encoding="utf-8") as handle:
        for number in range(3):
            handle.write(json.dumps({"id": f"wire-{number}", "text": PROSE * (number + 1)}) + "\n")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    (tmp_path / "memo.docx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(40))
    return tmp_path


def test_saved_folder_html_is_scored_on_its_article_text(saved_folder: Path) -> None:
    code, report = score_json(str(saved_folder))
    assert code == 0
    cards = {card["id"]: card for card in report["articles"]}
    assert set(cards) == {"harbour.html", "notes.markdown", "wire-0", "wire-1", "wire-2"}
    page = cards["harbour.html"]
    assert page["title"] == "Port Authority Approves Harbour Expansion After Two-Year Review"
    assert page["meta"]["author"] == "Maria Fernandes"
    assert page["meta"]["source"] == "The Coastal Ledger"
    assert page["meta"]["url"] == "https://ledger.example/news/2025/03/harbour-expansion"
    assert (page["date"], page["date_source"]) == ("2025-03-14", "html")
    assert page["origins"]["author"] == "json-ld author"
    assert page["positions"] == "extracted"
    quoted = " ".join(span["text"] for finding in page["findings"] for span in finding["spans"])
    # Scored on the article: nothing of the markup, navigation or adverts is quoted.
    for noise in ("DOCTYPE", "CRUISE", "Miracle", "Subscribe", "<"):
        assert noise not in quoted
    rules = {finding["rule_id"] for finding in page["findings"]}
    assert "structure.no-byline" not in rules and "structure.no-date" not in rules


def test_saved_folder_unsupported_files_are_skipped_with_reasons(saved_folder: Path) -> None:
    _, report = score_json(str(saved_folder))
    reasons = {item["id"]: item["reason"] for item in report["skipped"]}
    assert reasons == {"scan.pdf": "unsupported type .pdf", "memo.docx": "unsupported type .docx"}
    assert report["summary"] == {"scored": 5, "skipped": 2}


def test_html_text_excludes_page_furniture() -> None:
    articles, _ = items(str(FIXTURES / "saved-page.html"))
    text = articles["saved-page.html"].text
    assert "two-year environmental review" in text
    assert "ADVERTISEMENT" not in text and "Most read" not in text and "Privacy" not in text


def test_html_without_json_ld_falls_back_to_meta_tags_and_htmldate(tmp_path: Path) -> None:
    page = (FIXTURES / "saved-page.html").read_text(encoding="utf-8")
    start = page.index('<script type="application/ld+json">')
    end = page.index("</script>", start) + len("</script>")
    (tmp_path / "plain.htm").write_text(page[:start] + page[end:], encoding="utf-8")
    articles, _ = items(str(tmp_path / "plain.htm"))
    article = articles["plain.htm"]
    assert article.title == "Port Authority Approves Harbour Expansion"
    assert article.meta["author"] == "Maria Fernandes"
    assert article.meta["source"] == "The Coastal Ledger"
    assert article.meta["date"] == "2025-03-14"
    assert article.origins == {"title": "meta og:title", "author": "meta author",
                               "source": "meta og:site_name", "site_name": "meta og:site_name",
                               "url": "link canonical", "date": "htmldate"}


def test_html_page_without_article_text_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("<html><head><title>Only a title</title></head>"
                                         "<body><script>var a = 1;</script></body></html>",
                                         encoding="utf-8")
    _, skipped = items(str(tmp_path / "empty.html"))
    assert "without article text" in skipped["empty.html"].reason


# --- formats, gzip -----------------------------------------------------------------------------


def test_every_supported_format_gzipped_or_not_is_read(tmp_path: Path) -> None:
    page = (FIXTURES / "saved-page.html").read_bytes()
    plain = {"a.text": PROSE.encode(), "b.txt": PROSE.encode(),
             "c.json": json.dumps({"text": PROSE}).encode(),
             "d.jsonl": json.dumps({"text": PROSE}).encode() + b"\n", "e.html": page,
             "f.md": b"# Head line here\n\n" + PROSE.encode()}
    for name, data in plain.items():
        (tmp_path / name).write_bytes(data)
        (tmp_path / f"z{name}.gz").write_bytes(gzip.compress(data))
    articles, skipped = items(str(tmp_path))
    assert skipped == {}
    assert len(articles) == 2 * len(plain)
    by_path = {Path(a.path).name: a for a in articles.values()}
    for name in plain:
        assert by_path[name].text == by_path[f"z{name}.gz"].text
        assert by_path[name].title == by_path[f"z{name}.gz"].title


def test_gzip_limit_applies_to_uncompressed_bytes(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_BYTES", 1000)
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 100_000))
    (tmp_path / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    _, skipped = items(str(tmp_path))
    assert "uncompressed" in skipped["bomb.txt.gz"].reason
    assert "gzip" in skipped["broken.txt.gz"].reason


def test_unsupported_types_in_a_folder_are_listed_not_dropped(tmp_path: Path) -> None:
    for name in ("a.pdf", "b.tar.gz", "README", "c.csv"):
        (tmp_path / name).write_bytes(b"x")
    _, skipped = items(str(tmp_path))
    assert {key: value.reason for key, value in skipped.items()} == {
        "a.pdf": "unsupported type .pdf", "b.tar.gz": "unsupported type .tar.gz",
        "README": "unsupported type (no extension)", "c.csv": "unsupported type .csv"}


# --- special files: never opened ---------------------------------------------------------------


def test_fifo_is_skipped_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    began = time.monotonic()
    _, named = items(str(fifo))
    _, walked = items(str(tmp_path))
    assert time.monotonic() - began < 5  # opening the FIFO would block forever
    assert named["pipe.txt"].reason == "not a regular file (a FIFO); not opened"
    assert walked["pipe.txt"].reason == named["pipe.txt"].reason


def test_socket_and_device_are_skipped(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "s.txt"))
        _, skipped = items(str(tmp_path / "s.txt"))
        assert "a socket" in skipped["s.txt"].reason
    finally:
        server.close()
    _, skipped = items("/dev/null")
    assert skipped["null"].reason == "not a regular file (a character device); not opened"


# --- JSONL streamed per record ---------------------------------------------------------------


def test_jsonl_limit_is_per_record_not_per_file(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_BYTES", 200)
    lines = [json.dumps({"id": f"r{n}", "text": "word " * 20}) for n in range(50)]
    lines[7] = json.dumps({"id": "huge", "text": "word " * 1000})
    (tmp_path / "big.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (tmp_path / "big.jsonl").stat().st_size > 20 * 200
    articles, skipped = items(str(tmp_path / "big.jsonl"))
    assert len(articles) == 49
    assert list(skipped) == ["big.jsonl:8"]
    assert skipped["big.jsonl:8"].line == 8
    assert "record too large" in skipped["big.jsonl:8"].reason


class _FailsAfterFirstLine(io.BytesIO):
    """A stream whose second line cannot be read: proves the first record is handed on first."""

    def readline(self, size: int | None = -1) -> bytes:
        if self.tell() > 0:
            raise AssertionError("read ahead before the first record was used")
        return super().readline(size)


def test_jsonl_is_streamed_record_by_record() -> None:
    stream = _FailsAfterFirstLine(b'{"text": "first"}\n{"text": "second"}\n')
    records: Iterator[Article | Skipped] = iter_jsonl("s.jsonl", "s.jsonl", stream)
    first = next(records)
    assert isinstance(first, Article) and first.text == "first"
    assert first.record_line == 1


def test_malformed_jsonl_line_is_one_skip(tmp_path: Path) -> None:
    (tmp_path / "m.jsonl").write_bytes(b'{"text": "a"}\n{"text": \n\xff\xfe{]\n{"text": "b"}\n')
    articles, skipped = items(str(tmp_path / "m.jsonl"))
    assert [a.text for a in articles.values()] == ["a", "b"]
    assert sorted(s.line or 0 for s in skipped.values()) == [2, 3]


@pytest.mark.slow
@pytest.mark.skipif(not BENCH.exists(), reason="bench corpus absent: ../shared/corpora/bench")
def test_bench_corpus_gunzipped_scores_every_record(tmp_path: Path) -> None:
    corpus = tmp_path / "reuters.jsonl"
    with gzip.open(BENCH, "rb") as source, corpus.open("wb") as target:
        shutil.copyfileobj(source, target)
    assert corpus.stat().st_size > limits.MAX_BYTES  # over the old per-file limit
    code, report = score_json(str(corpus), "--jobs", "2")
    assert code == 0
    assert report["summary"] == {"scored": 19043, "skipped": 0}


# --- titles ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "title"), [
    ("Syria and Russia hold arms talks\n\nSyria and Russia are holding talks.",
     "Syria and Russia hold arms talks"),
    ("header-image\n\nMoscow, Damascus Hold Talks on Defense\n\nIn Syria News by Newsroom",
     "Moscow, Damascus Hold Talks on Defense"),
    ("Is the dollar about to fall?\nTraders think so.", "Is the dollar about to fall?"),
    ("NextFin News - On December 23, 2025, ministers met in Moscow and talked for a long time "
     "about military cooperation, equipment, expertise, research and development programmes.\n"
     "Short Heading Later\n", None),
    ("The minister said talks went well.\nMore text.", None),
    ("Only three words", None),
])
def test_first_line_title_heuristic(text: str, title: str | None) -> None:
    assert first_line_title(text) == title


def test_table_shows_a_title_for_text_files(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text("Council Passes the Budget\n\n" + PROSE, encoding="utf-8")
    assert "Council Passes the Budget" in cli("score", str(tmp_path), "--format", "table")


# --- positions -------------------------------------------------------------------------------


def test_markdown_positions_count_the_front_matter(tmp_path: Path) -> None:
    body = "\n".join(["Intro line."] * 8 + ["Observers believe the vote was close."])
    (tmp_path / "a.md").write_text("---\ntitle: T\ndate: 2025-01-02\nauthor: X\n---\n" + body,
                                   encoding="utf-8")
    lines = cli("score", str(tmp_path / "a.md"), "--format", "lines")
    assert f"{tmp_path / 'a.md'}:14:1: sourcing.vague-attribution" in lines


def test_jsonl_locations_name_the_record(tmp_path: Path) -> None:
    record = {"text": "Observers believe the vote was close."}
    (tmp_path / "r.jsonl").write_text(
        json.dumps({**record, "id": "first"}) + "\n\n" + json.dumps({**record, "id": "second"})
        + "\n", encoding="utf-8")
    lines = cli("score", str(tmp_path / "r.jsonl"), "--format", "lines").splitlines()
    vague = [line for line in lines if "sourcing.vague-attribution" in line]
    assert vague == [
        f"{tmp_path / 'r.jsonl'}:1:1: record first 1:1: sourcing.vague-attribution " + vague[0]
        .split("sourcing.vague-attribution ", 1)[1],
        f"{tmp_path / 'r.jsonl'}:3:1: record second 1:1: sourcing.vague-attribution " + vague[1]
        .split("sourcing.vague-attribution ", 1)[1]]
    markdown = cli("score", str(tmp_path / "r.jsonl"), "--format", "markdown")
    assert "- Record: line 3 of the file" in markdown


def test_html_scorecard_says_positions_are_in_the_extracted_text() -> None:
    markdown = cli("score", str(FIXTURES / "saved-page.html"), "--format", "markdown")
    assert "line:col count in the article text extracted from the page" in markdown


# --- short articles --------------------------------------------------------------------------


def test_short_article_names_the_rules_that_did_not_run(tmp_path: Path) -> None:
    (tmp_path / "short.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "long.txt").write_text(PROSE * 20, encoding="utf-8")
    _, report = score_json(str(tmp_path))
    cards = {card["id"]: card for card in report["articles"]}
    assert "sourcing.named-attribution" in cards["short.txt"]["not_run"]
    assert cards["short.txt"]["word_count"] < 80
    assert cards["long.txt"]["not_run"] == []
    markdown = cli("score", str(tmp_path / "short.txt"), "--format", "markdown")
    assert "short article (" in markdown and "sourcing.named-attribution" in markdown


# --- hostile articles ------------------------------------------------------------------------


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


HOSTILE_JSON = {
    "surrogate.json": '{"title": "\\ud800 bad", "text": "Lone \\udfff surrogate \\ud800 here."}',
    "deep-1000.json": '{"text": "Deep meta.", "extra": ' + _nested(1000) + "}",
    "deep-100000.json": '{"text": "Deeper.", "extra": ' + _nested(100_000) + "}",
    "nan.json": '{"text": "NaN meta.", "date": NaN, "score": Infinity, "n": -Infinity}',
    "digits.json": '{"text": "Big number.", "date": ' + "9" * 5000 + ', "x": 1' + "0" * 5000
                   + ".5}",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_JSON))
def test_hostile_json_is_skipped_or_scored_never_a_crash(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(HOSTILE_JSON[name], encoding="utf-8")
    (tmp_path / (name + "l")).write_text(HOSTILE_JSON[name] + "\n", encoding="utf-8")
    code, report = score_json(str(tmp_path))
    # exit 2 is the contract for a run where nothing could be scored
    assert code == (0 if report["summary"]["scored"] else 2)
    assert report["summary"]["scored"] + report["summary"]["skipped"] == 2
    for fmt in ("markdown", "lines"):
        result = CliRunner().invoke(main, ["score", str(tmp_path), "--format", fmt])
        assert result.exit_code == code, f"{fmt}: {result.exception!r}"
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_lone_surrogates_are_replaced_at_the_source(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(HOSTILE_JSON["surrogate.json"], encoding="utf-8")
    articles, _ = items(str(tmp_path / "s.json"))
    article = next(iter(articles.values()))
    assert article.text == "Lone \ufffd surrogate \ufffd here."
    assert article.title == "\ufffd bad"


def test_nan_and_huge_numbers_in_metadata_are_kept_as_text(tmp_path: Path) -> None:
    (tmp_path / "n.json").write_text(HOSTILE_JSON["nan.json"], encoding="utf-8")
    (tmp_path / "d.json").write_text(HOSTILE_JSON["digits.json"], encoding="utf-8")
    articles, _ = items(str(tmp_path))
    nan = articles["n.json"].meta
    assert (nan["date"], nan["score"], nan["n"]) == ("NaN", "Infinity", "-Infinity")
    assert articles["d.json"].meta["date"] == "9" * 5000


def test_deep_json_is_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text(HOSTILE_JSON["deep-100000.json"], encoding="utf-8")
    (tmp_path / "d1000.json").write_text(HOSTILE_JSON["deep-1000.json"], encoding="utf-8")
    (tmp_path / "d200.json").write_text('{"text": "t", "x": ' + _nested(200) + "}",
                                        encoding="utf-8")
    _, skipped = items(str(tmp_path))
    assert "nested too deeply" in skipped["deep.json"].reason
    # ~1,000 levels may or may not exhaust the parser's recursion, depending on the stack.
    assert "nested" in skipped["d1000.json"].reason
    assert "nested deeper than 64 levels" in skipped["d200.json"].reason


@pytest.mark.parametrize(("front_matter", "outcome"), [
    ("date: 2024-02-30", "scored"),
    ("date: .nan\ncount: .inf", "scored"),
    ("n: " + "7" * 5000, "scored"),
    ("date: !!timestamp 2024-02-30", "broken front matter"),
    ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
     "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
     "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]", "aliases (*a) are not allowed"),
    ("x: " + "[" * 5000 + "]" * 5000, "broken front matter"),
    ("x: '" + "y" * 70_000 + "'", "larger than"),
])
def test_hostile_front_matter(tmp_path: Path, front_matter: str, outcome: str) -> None:
    (tmp_path / "f.md").write_text(f"---\n{front_matter}\n---\n{PROSE}", encoding="utf-8")
    began = time.monotonic()
    code, report = score_json(str(tmp_path / "f.md"))
    assert time.monotonic() - began < 30
    assert code == (0 if outcome == "scored" else 2)  # 2: nothing could be scored
    if outcome == "scored":
        [card] = report["articles"]
        assert card["date_source"] != "metadata"  # an impossible or unreadable date is no date
    else:
        [skip] = report["skipped"]
        assert outcome in skip["reason"]


def test_number_conflict_is_not_quadratic() -> None:
    """Half a megabyte on one line, full of numbers: seconds, where a quadratic check took
    minutes (627 s on 4.9 MB). scripts/bench_hostile.py times the full 5 MB article."""
    text = _bench_hostile().hostile_text("numbers", 0.5)
    began = time.monotonic()
    result = CliRunner().invoke(main, ["score", "-", "--as-of", AS_OF, "--format", "json"],
                                input=text, catch_exceptions=False)
    took = time.monotonic() - began
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["scored"] == 1
    assert took < 60, f"{took:.1f} s for 0.5 MB"


def _bench_hostile() -> Any:
    spec = importlib.util.spec_from_file_location("bench_hostile",
                                                  ROOT / "scripts" / "bench_hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
