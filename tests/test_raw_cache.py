"""The card cache asked before parsing (engine.cache.RawCards, engine.sources.iter_recalled):
an unchanged file or JSONL record is recognised by its bytes and never parsed, and the
report is byte-identical to a run without the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import engine.sources
import engine.sources.records
from engine.cache import CardCache
from engine.cli import main
from engine.model import Article
from engine.sources import iter_inputs
from tests.conftest import AS_OF, SEEDS


def _score(*args: str) -> str:
    result = CliRunner().invoke(main, ["score", *args, "--as-of", AS_OF, "-q"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _records() -> list[dict[str, str]]:
    return [{"id": f"record-{item.id}", "title": item.title or "", "text": item.text}
            for item in iter_inputs([str(SEEDS)]) if isinstance(item, Article)]


def _write(path: Path, records: list[dict[str, str]], extra: str = "") -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n" + extra,
                    encoding="utf-8")
    return path


def _counting_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every JSONL line and file parsed."""
    parsed: list[str] = []
    line, whole = engine.sources.records.parse_line, engine.sources._parse_file

    def parse_line(article_id: str, path: str, number: int, raw: bytes) -> object:
        parsed.append(f"{path}:{number}")
        return line(article_id, path, number, raw)

    def parse_file(found: object, data: bytes) -> object:
        parsed.append(str(getattr(found, "path", "")))
        return whole(found, data)  # type: ignore[arg-type]

    monkeypatch.setattr(engine.sources, "parse_line", parse_line)
    monkeypatch.setattr(engine.sources, "_parse_file", parse_file)
    return parsed


def test_an_unchanged_rerun_parses_nothing(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = str(_write(tmp_path / "corpus.jsonl", _records(), "\n{broken\n"))
    off = _score(corpus, SEEDS.as_posix(), "--format", "json", "--no-cache")
    first = _score(corpus, SEEDS.as_posix(), "--format", "json")
    parsed = _counting_parses(monkeypatch)
    again = _score(corpus, SEEDS.as_posix(), "--format", "json")
    assert off == first == again
    # Only the blank line and the one that is not a record are read again (a skipped input
    # is not cached); the seed files and the records are not.
    assert parsed == [f"{corpus}:6", f"{corpus}:7"]
    assert json.loads(again)["summary"]["skipped"] == 1


def test_one_changed_record_is_the_only_one_parsed(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    records = _records()
    path = _write(tmp_path / "corpus.jsonl", records)
    _score(str(path), "--format", "json")
    records[2] = {**records[2], "text": records[2]["text"] + " One more sentence."}
    _write(path, records)
    parsed = _counting_parses(monkeypatch)
    cached = _score(str(path), "--format", "jsonl")
    assert parsed == [f"{path}:3"]
    assert cached == _score(str(path), "--format", "jsonl", "--no-cache")


def test_moving_a_record_is_a_miss_its_line_is_in_the_key(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    records = _records()
    path = _write(tmp_path / "corpus.jsonl", records)
    _score(str(path), "--format", "json")
    _write(path, records[1:] + records[:1])  # every record on another line
    parsed = _counting_parses(monkeypatch)
    moved = _score(str(path), "--format", "csv")
    assert len(parsed) == len(records)
    assert moved == _score(str(path), "--format", "csv", "--no-cache")


def test_repeated_ids_are_renamed_alike_with_the_cache(tmp_path: Path) -> None:
    records = _records()
    twice = records + [dict(r, text=r["text"] + "\nAgain.") for r in records]  # same ids
    path = str(_write(tmp_path / "corpus.jsonl", twice))
    off = _score(path, "--format", "jsonl", "--no-cache")
    assert '"id": "' + records[0]["id"] + '#2"' in off
    assert _score(path, "--format", "jsonl") == off
    assert _score(path, "--format", "jsonl") == off  # the renamed ones are parsed again
    assert _score(path, "--format", "json", "--jobs", "2") == _score(
        path, "--format", "json", "--no-cache")


def test_cards_are_stored_under_the_raw_key_once(tmp_path: Path) -> None:
    path = str(_write(tmp_path / "corpus.jsonl", _records()))
    _score(path, "--format", "json")
    _score(path, "--format", "json", "--jobs", "2")
    with CardCache() as cache:
        (raw,) = cache._db.execute("SELECT COUNT(*) FROM raw").fetchone()
        (cards,) = cache._db.execute("SELECT COUNT(*) FROM cards").fetchone()
    assert raw == cards == len(_records())


def test_reviews_and_html_read_the_text_without_recall(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(_write(tmp_path / "corpus.jsonl", _records()))
    _score(path, "--format", "json")
    parsed = _counting_parses(monkeypatch)
    html = _score(path, "--format", "html")
    assert len(parsed) == len(_records())  # the HTML report needs every text: parsed
    assert html == _score(path, "--format", "html", "--no-cache")


def test_ids_and_paths_of_any_shape_come_back_whole(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    records = _records()[:3]
    odd = ["[looks like json]", "two\nlines", "back\\slash\ttab"]
    renamed = [dict(r, id=i) for r, i in zip(records, odd, strict=True)]
    path = _write(tmp_path / "odd\nname.jsonl", renamed)
    off = _score(str(path), "--format", "jsonl", "--no-cache")
    assert _score(str(path), "--format", "jsonl") == off
    parsed = _counting_parses(monkeypatch)
    assert _score(str(path), "--format", "jsonl") == off
    assert parsed == []  # every one recalled, with its id and path as they were
