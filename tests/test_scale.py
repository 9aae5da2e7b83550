"""Streaming, spooling and parallel runs give the same reports as the in-memory path."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import engine.pipeline
from engine import cardjson, spool
from engine.cache import ENV_DIR, CardCache, _checksum
from engine.cli import main
from engine.model import Article, Scorecard
from engine.pipeline import run_report, score_article
from engine.report import Format, render
from engine.ruleset import Ruleset
from engine.sources import iter_inputs
from tests.conftest import AS_OF, ROOT, SEEDS
from tests.test_review import PROMO, SEED_002

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


def _cache_entries() -> int:
    with CardCache() as cache:
        return cache.info().entries


def test_cache_on_or_off_gives_the_same_bytes_and_a_rerun_hits(tmp_path: Path) -> None:
    corpus = str(_corpus(tmp_path, 2))
    off = _score(corpus, "--format", "json", "--no-cache")
    assert _cache_entries() == 0  # --no-cache writes nothing
    first = _score(corpus, "--format", "json")
    assert _cache_entries() == 10
    with CardCache() as cache:
        assert cache.info().path.parent == Path(os.environ[ENV_DIR])
    second = _score(corpus, "--format", "json", "--jobs", "2")
    assert off == first == second
    assert _score(corpus, "--format", "html") == _score(corpus, "--format", "html",
                                                          "--no-cache")


def test_a_cached_run_does_not_score_again(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = str(_corpus(tmp_path, 1))
    first = _score(corpus, "--format", "json")

    def refuse(*_args: object) -> None:
        raise AssertionError("scored although every card was cached")

    monkeypatch.setattr(engine.pipeline, "score_article", refuse)
    assert _score(corpus, "--format", "json") == first


def test_changing_one_rules_points_invalidates_the_cache(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    pack = (ROOT / "rules" / "sourcing.yaml").read_text(encoding="utf-8")
    (rules / "sourcing.yaml").write_text(pack, encoding="utf-8")
    corpus = str(_corpus(tmp_path, 1))
    before = json.loads(_score(corpus, "--format", "json", "--rules", str(rules)))
    assert _cache_entries() == 5
    changed = pack.replace("{at_least: 7, points: 5}", "{at_least: 7, points: 6}", 1)
    assert changed != pack  # sourcing.named-attribution: fires on the seeds
    (rules / "sourcing.yaml").write_text(changed, encoding="utf-8")
    after = json.loads(_score(corpus, "--format", "json", "--rules", str(rules)))
    assert after["ruleset_digest"] != before["ruleset_digest"]
    assert _cache_entries() == 10  # five new entries under the new digest
    fresh = json.loads(_score(corpus, "--format", "json", "--rules", str(rules), "--no-cache"))
    assert after == fresh
    assert [a["score"] for a in after["articles"]] != [a["score"] for a in before["articles"]]


def test_a_corrupt_entry_is_recomputed_not_trusted(tmp_path: Path) -> None:
    corpus = str(_corpus(tmp_path, 1))
    expected = _score(corpus, "--format", "json")
    with CardCache() as cache:
        path = cache.path
    db = sqlite3.connect(path)
    with db:
        # A flipped score without a matching checksum, and a body that is not a card.
        for table in ("cards", "raw"):  # by article and by raw record bytes
            db.execute(f"UPDATE {table} SET body = replace(body, '\"score\": ', "
                       "'\"score\": 1')")
            db.execute(f"UPDATE {table} SET body = '{{', checksum = ? WHERE rowid = 1",
                       (_checksum("{"),))  # a valid checksum over a body that is no card
    db.close()
    assert _score(corpus, "--format", "json") == expected
    path.write_bytes(b"this is not a database")  # the whole file damaged: started over
    assert _score(corpus, "--format", "json") == expected


def test_cache_info_and_clear(tmp_path: Path) -> None:
    _score(str(_corpus(tmp_path, 1)), "--format", "json")
    info = CliRunner().invoke(main, ["cache", "info"])
    assert info.exit_code == 0 and ": 5 scorecard(s)" in info.stdout
    cleared = CliRunner().invoke(main, ["cache", "clear"])
    assert cleared.exit_code == 0
    assert "removed 5 scorecard(s) and 1 compiled ruleset(s)" in cleared.stdout
    assert _cache_entries() == 0


def test_reviews_apply_alike_on_workers_and_from_the_cache(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews.jsonl"
    recorded = CliRunner().invoke(main, ["review", str(SEED_002), "--rule", PROMO,
                                         "--decision", "dismissed", "--note", "promo footer",
                                         "--reviewer", "ana", "--reviews", str(reviews),
                                         "--as-of", AS_OF])
    assert recorded.exit_code == 0, recorded.output
    plain = _score(str(SEEDS), "--format", "json", "--no-cache")
    reviewed = _score(str(SEEDS), "--format", "json", "--no-cache", "--reviews", str(reviews))
    assert reviewed != plain and '"decision": "dismissed"' in reviewed
    for args in (("--jobs", "2"), ("--jobs", "2"), ("--jobs", "1")):  # 2nd, 3rd: cached
        assert _score(str(SEEDS), "--format", "json", "--reviews", str(reviews),
                      *args) == reviewed
    assert _score(str(SEEDS), "--format", "json") == plain  # the cache holds unreviewed cards


def test_a_run_served_from_the_cache_loads_no_scoring_code(tmp_path: Path) -> None:
    """Importing the rules, kinds and pipeline is most of a cached run's time: a run whose
    every card (and the report header) is cached must not import them."""
    corpus = str(_corpus(tmp_path, 1))
    _score(corpus, "--format", "json")  # fills the cache (ENV_DIR is a temporary folder)
    script = ("import sys\nfrom engine.cli import main\n"
              "try:\n    main([" + ", ".join(repr(a) for a in
                                          ["score", corpus, "--as-of", AS_OF, "-q", "--format",
                                           "json", "-o", str(tmp_path / "r.json")])
              + "])\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
              "print(sorted(m for m in sys.modules if m.split('.')[1:2] in (['ruleset'], "
              "['pipeline'], ['kinds'], ['compiled'], ['knowledge'], ['mentions'])))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, env=dict(os.environ), check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == \
        json.loads(_score(corpus, "--format", "json"))
