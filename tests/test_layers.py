"""One directory layering for every command, and one diagnostic format for every checker."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from engine.cli import main
from engine.errors import Diagnostic, Location
from engine.layers import SHIPPED_RULES, layer_files, rule_dirs

ROLES = SHIPPED_RULES / "knowledge" / "roles.yaml"


def _override_roles(tmp_path: Path, text: str) -> Path:
    rules = tmp_path / "override"
    (rules / "knowledge").mkdir(parents=True)
    (rules / "knowledge" / "roles.yaml").write_text(text, encoding="utf-8")
    return rules


def _both(rules: Path) -> tuple[Result, Result]:
    runner = CliRunner()
    validate = runner.invoke(main, ["rules", "validate", "--rules", str(rules)])
    check = runner.invoke(main, ["kb", "check", "--rules", str(rules)])
    return validate, check


def test_an_override_replaces_the_shipped_file_of_the_same_name(tmp_path: Path) -> None:
    rules = _override_roles(tmp_path, ROLES.read_text(encoding="utf-8"))
    files = layer_files(rule_dirs(given=[rules]))
    roles = [p for p in files.knowledge if p.name == "roles.yaml"]
    assert roles == [rules.resolve() / "knowledge" / "roles.yaml"]
    assert len(files.knowledge) == len(list((SHIPPED_RULES / "knowledge").glob("*.yaml")))
    assert files.scoring == SHIPPED_RULES / "scoring.yaml" and files.problems == ()


def test_a_valid_roles_override_passes_both_rules_validate_and_kb_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # A copy of the shipped roles: every role id would be "defined twice" if both were loaded.
    rules = _override_roles(tmp_path, ROLES.read_text(encoding="utf-8"))
    validate, check = _both(rules)
    assert (validate.exit_code, check.exit_code) == (0, 0), validate.output + check.output
    assert "defined twice" not in check.output


def test_a_broken_roles_override_fails_both_with_the_same_diagnostic(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = ROLES.read_text(encoding="utf-8").replace("  - id: president\n",
                                                     "  - id: Not An Id!\n", 1)
    rules = _override_roles(tmp_path, text)
    validate, check = _both(rules)
    assert (validate.exit_code, check.exit_code) == (2, 2)
    roles_path = str(rules.resolve() / "knowledge" / "roles.yaml")
    lines = [line for line in check.output.splitlines() if line.startswith(roles_path)]
    assert lines and all(": error: " in line for line in lines)
    assert all(line in validate.output for line in lines)


def test_a_missing_directory_is_one_diagnostic_in_both(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    validate, check = _both(tmp_path / "absent")
    expected = f"{tmp_path / 'absent'}:1: error: rule directory not found"
    assert (validate.exit_code, check.exit_code) == (2, 2)
    assert expected in validate.output and expected in check.output


def test_diagnostic_prints_one_format_with_and_without_a_column() -> None:
    with_col = Diagnostic.at("rules/x.yaml", 3, 7, "unknown key 'pont'", "allowed keys: points")
    assert str(with_col) == "rules/x.yaml:3:7: error: unknown key 'pont' — allowed keys: points"
    row = Diagnostic(Location("t.csv", 9), "row rejected: no person", severity="warning")
    assert str(row) == "t.csv:9: warning: row rejected: no person"


@pytest.mark.parametrize("origin", ["a/b.yaml:12", "a/b.yaml:12:5", "C:/x/b.yaml:3", "plain"])
def test_location_parse_round_trips(origin: str) -> None:
    assert str(Location.parse(origin)) == (origin if ":" in origin else f"{origin}:1")


def test_diagnostics_sort_by_file_then_line() -> None:
    later = Diagnostic.at("a.yaml", 10, 1, "b")
    earlier = Diagnostic.at("a.yaml", 2, 5, "z")
    other = Diagnostic.at("b.yaml", 1, 1, "a")
    assert sorted([other, later, earlier]) == [earlier, later, other]
