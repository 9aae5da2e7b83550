"""`reliability diff`: two runs of the seeds, with and without the provenance rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from engine.cli import main
from tests.conftest import AS_OF, SEEDS


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("diff")
    old, new = folder / "old.json", folder / "new.json"
    for path, extra in ((old, []), (new, ["--disable", "provenance"])):
        result = _run("score", str(SEEDS), "--as-of", AS_OF, "--format", "json",
                      "-o", str(path), *extra)
        assert result.exit_code == 0, result.output
    return old, new


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_diff_lists_exactly_the_moved_articles(runs: tuple[Path, Path]) -> None:
    old, new = runs
    before = {a["id"]: a for a in _load(old)["articles"]}
    after = {a["id"]: a for a in _load(new)["articles"]}
    moved = sorted(i for i in before if before[i]["score"] != after[i]["score"])
    assert moved and len(moved) < len(before)  # some moved, not all: the test can tell
    result = _run("diff", str(old), str(new), "--format", "json")
    assert result.exit_code == 0
    diff = json.loads(result.stdout)
    assert sorted(diff["moved"]) == moved
    for change in diff["articles"]:
        assert change["delta"] == pytest.approx(after[change["id"]]["score"]
                                                - before[change["id"]]["score"])
        assert change["new_band"] == after[change["id"]]["band"]
        assert change["findings_added"] == []
        removed = {f["rule_id"] for f in change["findings_removed"]}
        assert removed == {f["rule_id"] for f in before[change["id"]]["findings"]
                           if f["category"] == "provenance"}
    # Per rule: the articles where it had applied points, and their total.
    for rule in diff["rules"]:
        applied = [c["applied"] for a in before.values() for c in a["contributions"]
                   if c["rule_id"] == rule["rule_id"] and c["applied"]]
        assert rule["rule_id"].startswith("provenance.")
        assert rule["articles"] == len(applied)
        assert rule["total"] == pytest.approx(-sum(applied))
    assert {r["rule_id"] for r in diff["rules"]} == {
        c["rule_id"] for a in before.values() for c in a["contributions"]
        if c["category"] == "provenance" and c["applied"]}


def test_table_and_markdown_name_the_moves(runs: tuple[Path, Path]) -> None:
    old, new = runs
    table = _run("diff", str(old), str(new)).stdout
    assert "3 moved" in table and "provenance.ai-disclosure" in table
    markdown = _run("diff", str(old), str(new), "--format", "markdown").stdout
    assert markdown.startswith("# Run diff")
    assert "| 003\\_00c6bd10eba7f95a.txt |" in markdown


def test_fail_on_change(runs: tuple[Path, Path]) -> None:
    old, new = runs
    assert _run("diff", str(old), str(new), "--fail-on-change").exit_code == 1
    same = _run("diff", str(old), str(old), "--fail-on-change", "--format", "json")
    assert same.exit_code == 0
    assert json.loads(same.stdout)["articles"] == []


def test_reversed_runs_add_the_findings_back(runs: tuple[Path, Path]) -> None:
    old, new = runs
    diff = json.loads(_run("diff", str(new), str(old), "--format", "json").stdout)
    added = {f["rule_id"] for a in diff["articles"] for f in a["findings_added"]}
    assert added and all(rule.startswith("provenance.") for rule in added)


def test_articles_in_one_run_only_are_named(runs: tuple[Path, Path], tmp_path: Path) -> None:
    old, _ = runs
    data = _load(old)
    dropped = data["articles"].pop()["id"]
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps(data), encoding="utf-8")
    diff = json.loads(_run("diff", str(old), str(partial), "--format", "json").stdout)
    assert diff["articles_removed"] == [dropped]
    assert _run("diff", str(old), str(partial), "--fail-on-change").exit_code == 1


def test_unreadable_reports_exit_2_with_locations(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"articles": [\n  {"id": 1,}\n]}', encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text('{"articles": [{"id": "x"}]}', encoding="utf-8")
    result = _run("diff", str(broken), str(other))
    assert result.exit_code == 2
    assert f"{broken}:2:12: error: not JSON" in result.stderr
    assert f"{other}:1:1: error: not a report" in result.stderr
