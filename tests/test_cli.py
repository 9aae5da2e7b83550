"""The command line as users and CI scripts rely on it: ranking, evidence, formats, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.report.json_report import load_report_schema
from tests.conftest import AS_OF, ROOT, SEEDS


def _score(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["score", *args, "--as-of", AS_OF])
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def seed_report() -> dict[str, object]:
    code, out = _score(str(SEEDS), "--format", "json")
    assert code == 0, out
    report: dict[str, object] = json.loads(out)
    return report


def _ids(report: dict[str, object]) -> list[str]:
    return [str(a["id"])[:3] for a in report["articles"]]  # type: ignore[index, union-attr]


def _article(report: dict[str, object], prefix: str) -> dict[str, object]:
    articles = report["articles"]
    assert isinstance(articles, list)
    return next(a for a in articles if str(a["id"]).startswith(prefix))


def test_seed_ranking(seed_report: dict[str, object]) -> None:
    order = _ids(seed_report)
    assert order[0] == "000", order
    assert order[-1] == "001", order
    assert order.index("002") < order.index("003"), order
    assert order.index("004") > order.index("000"), order


def _quotes(article: dict[str, object]) -> list[str]:
    findings = article["findings"]
    assert isinstance(findings, list)
    return [span["text"] for f in findings for span in f["spans"]]


def test_scorecards_quote_their_evidence(seed_report: dict[str, object]) -> None:
    media_line = _article(seed_report, "000")
    assert any("told The Media Line" in q for q in _quotes(media_line))
    ai = _article(seed_report, "003")
    findings = ai["findings"]
    assert isinstance(findings, list)
    disclosure = [f for f in findings if f["rule_id"] == "provenance.ai-disclosure"]
    assert disclosure and "This content is AI-generated" in disclosure[0]["spans"][0]["text"]
    assert disclosure[0]["spans"][0]["line"] > 1  # line:col point into the article


def test_json_validates_and_is_byte_identical() -> None:
    first = _score(str(SEEDS), "--format", "json")[1]
    second = _score(str(SEEDS), "--format", "json")[1]
    assert first == second
    jsonschema.validate(json.loads(first), load_report_schema())


def test_jobs_give_the_same_report() -> None:
    single = _score(str(SEEDS), "--format", "json")[1]
    pooled = _score(str(SEEDS), "--format", "json", "--jobs", "2")[1]
    assert single == pooled


def test_fail_under_sets_exit_code_1() -> None:
    assert _score(str(SEEDS), "--fail-under", "99")[0] == 1
    assert _score(str(SEEDS), "--fail-under", "0")[0] == 0


def test_disable_a_category_removes_its_findings() -> None:
    out = json.loads(_score(str(SEEDS), "--format", "json", "--disable", "provenance")[1])
    rule_ids = {f["rule_id"] for a in out["articles"] for f in a["findings"]}
    assert rule_ids and not any(r.startswith("provenance.") for r in rule_ids)


def test_unknown_disable_target_is_a_usage_error() -> None:
    code, _ = _score(str(SEEDS), "--disable", "sourcing.no-such-rule")
    assert code == 2


def test_mixed_folder_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    latin = "Le ministre a déclaré à Paris: «Ça suffit»."
    (folder / "latin1.txt").write_bytes(latin.encode("cp1252"))
    (folder / "batch.jsonl").write_text(
        json.dumps({"id": "ok-1", "title": "T", "text": "Officials said on Monday it was fine."})
        + "\n{not json\n", encoding="utf-8")
    out = json.loads(_score(str(folder), "--format", "json")[1])
    scored = {a["id"] for a in out["articles"]}
    skipped = {s["id"]: s for s in out["skipped"]}
    assert "ok-1" in scored and "latin1.txt" in scored
    assert any("binary" in s["reason"] for s in skipped.values())
    assert any("empty" in s["reason"] for s in skipped.values())
    assert any(s["line"] == 2 for s in skipped.values())  # the malformed JSONL line
    assert len(scored) + len(skipped) == 5
    latin = next(a for a in out["articles"] if a["id"] == "latin1.txt")
    assert latin["encoding"] != "utf-8"


def test_config_file_disables_and_weights(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "reliability.toml").write_text(
        'disable = ["structure"]\nas_of = 2026-11-21\n'
        '[weights]\n"provenance.ai-disclosure" = 0.5\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["score", str(SEEDS / "003_00c6bd10eba7f95a.txt"),
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout)["articles"][0]
    points = {f["rule_id"]: f["points"] for f in article["findings"]}
    assert points["provenance.ai-disclosure"] == -17.5
    assert not any(r.startswith("structure.") for r in points)


def test_bad_config_is_reported_with_location(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "reliability.toml").write_text('as_of = 2026-11-21\ncolour = "red"\n',
                                               encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["score", str(SEEDS)])
    assert result.exit_code == 2
    assert "reliability.toml:2:1: error: unknown configuration key 'colour'" in result.output


def test_rules_test_command_passes() -> None:
    result = CliRunner().invoke(main, ["rules", "test"])
    assert result.exit_code == 0, result.output
    assert " 0 failed" in result.output


def test_explain_shows_arithmetic() -> None:
    result = CliRunner().invoke(main, ["explain", str(SEEDS / "000_4bc2a55a7c4c4b04.txt"),
                                       "--as-of", AS_OF])
    assert result.exit_code == 0
    assert "base 60" in result.output and "= " in result.output


def test_committed_seed_reports_are_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for fmt, name in (("json", "seeds.json"), ("markdown", "seeds.md")):
        committed = (ROOT / "reports" / name).read_text(encoding="utf-8")
        fresh = CliRunner().invoke(main, ["score", "seeds", "--as-of", AS_OF, "--format", fmt],
                                   catch_exceptions=False)
        assert fresh.stdout == committed, f"reports/{name} is stale: run `make score`"


def test_rule_reference_is_current() -> None:
    committed = (ROOT / "docs" / "RULES.md").read_text(encoding="utf-8")
    fresh = CliRunner().invoke(main, ["rules", "docs"]).stdout
    assert fresh == committed, "docs/RULES.md is stale: run `make docs`"
