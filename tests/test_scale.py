"""Streaming, spooling and parallel runs give the same reports as the in-memory path."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine import cardjson, spool
from engine.cli import main
from engine.model import Article, Scorecard
from engine.pipeline import run_report, score_article
from engine.report import Format, render
from engine.ruleset import Ruleset
from engine.sources import iter_inputs
from tests.conftest import AS_OF, SEEDS

WHEN = dt.date.fromisoformat(AS_OF)


@pytest.fixture(scope="module")
def seed_cards(ruleset: Ruleset) -> list[Scorecard]:
    return [score_article(item, ruleset, WHEN) for item in iter_inputs([str(SEEDS)])
            if isinstance(item, Article)]


def _score(*args: str) -> str:
    result = CliRunner().invoke(main, ["score", *args, "--as-of", AS_OF, "-q"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _corpus(tmp_path: Path, copies: int) -> Path:
    """A JSONL file holding every seed article ``copies`` times, ids made unique."""
    lines = []
    for n in range(copies):
        for item in iter_inputs([str(SEEDS)]):
            assert isinstance(item, Article)
            lines.append(json.dumps({"id": f"{item.id}-{n}", "title": item.title,
                                     "text": item.text}))
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_card_survives_its_compact_line(seed_cards: list[Scorecard]) -> None:
    for card in seed_cards:
        back = cardjson.loads(cardjson.dumps(card))
        assert back.as_dict() == card.as_dict()
        assert back.article.text == ""  # the text is not carried
        assert cardjson.loads(cardjson.dumps(card, keep_text=True)).article.text == \
            card.article.text


@pytest.mark.parametrize("chunk", [1, 2, 1000])
def test_the_spool_ranks_like_the_in_memory_report(seed_cards: list[Scorecard], chunk: int,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   ruleset: Ruleset) -> None:
    monkeypatch.setattr(spool, "CHUNK", chunk)  # chunk 1 and 2: several sorted runs merged
    cards = seed_cards * 3  # ties on score and id: the order must still be total and stable
    expected = run_report(cards, (), ruleset, WHEN)
    with spool.CardSpool() as parked:
        for card in cards:
            parked.add(card)
        ranked = parked.ranked()
        assert len(ranked) == len(cards)
        assert [c.as_dict() for c in ranked] == [c.as_dict() for c in expected.cards]
        assert [c.as_dict() for c in ranked] == [c.as_dict() for c in ranked]  # re-iterable
        assert ranked[-1].as_dict() == expected.cards[-1].as_dict()
        streamed = dataclasses.replace(expected, cards=ranked)
        for fmt in (Format.JSON, Format.CSV, Format.LINES, Format.MARKDOWN):
            assert render(streamed, fmt) == render(expected, fmt)


def test_json_report_is_valid_json_with_one_article_per_line(tmp_path: Path) -> None:
    out = _score(str(_corpus(tmp_path, 2)), "--format", "json")
    data = json.loads(out)
    lines = out.splitlines()
    assert lines[0] == '{"articles": ['
    assert len(lines[1:1 + data["summary"]["scored"]]) == len(data["articles"]) == 10
    assert json.loads(lines[1].rstrip(","))["rank"] == 1


def test_jsonl_streams_one_card_per_line_in_input_order(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, 2)
    with corpus.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    result = CliRunner().invoke(main, ["score", str(corpus), "--as-of", AS_OF, "-q",
                                       "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    ids = [json.loads(line)["id"] for line in corpus.read_text().splitlines()[:-1]]
    assert [row["id"] for row in rows[:-1]] == ids  # input order, not ranked
    assert "score" in rows[0] and "text" not in rows[0]
    assert rows[-1]["skipped"]["line"] == len(ids) + 1
    ranked = json.loads(_score(str(corpus), "--format", "json"))["articles"]
    by_id = {row["id"]: row for row in rows[:-1]}
    for article in ranked:
        article.pop("rank")
        assert by_id[article["id"]] == article


@pytest.mark.parametrize("fmt", ["json", "csv", "lines", "markdown", "html", "jsonl"])
def test_jobs_do_not_change_a_byte(tmp_path: Path, fmt: str) -> None:
    corpus = str(_corpus(tmp_path, 3))
    one = _score(corpus, "--format", fmt, "--jobs", "1")
    assert _score(corpus, "--format", fmt, "--jobs", "2") == one
    assert _score(corpus, "--format", fmt, "--jobs", "0") == one


def test_file_output_is_the_stdout_report_written_atomically(tmp_path: Path) -> None:
    corpus = str(_corpus(tmp_path, 1))
    target = tmp_path / "out" / "report.json"
    _score(corpus, "--format", "json", "-o", str(target))
    assert target.read_text(encoding="utf-8") == _score(corpus, "--format", "json")
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]  # no temp file left


def test_fail_under_names_each_article_below(tmp_path: Path) -> None:
    corpus = str(_corpus(tmp_path, 1))
    scores = {a["id"]: a["score"] for a in json.loads(_score(corpus, "--format", "json"))
              ["articles"]}
    threshold = sorted(scores.values())[2]
    result = CliRunner().invoke(main, ["score", corpus, "--as-of", AS_OF, "-q", "--jobs", "2",
                                       "--fail-under", str(threshold)])
    assert result.exit_code == 1
    named = [line.split(": ")[1].split(" scored")[0] for line in result.stderr.splitlines()
             if line.startswith("below --fail-under")]
    assert sorted(named) == sorted(i for i, s in scores.items() if s < threshold)
