"""Hostile or careless rule, knowledge and config files: each a located error, exit 2, fast."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.config import find_config
from engine.errors import LoadError
from engine.ruleset import SHIPPED_RULES, RulesetConfig, load_ruleset
from engine.yamlpos import MAX_ALIAS_VALUES, load_located
from tests.conftest import AS_OF, SEEDS

LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): \S.* — \S")
ONE_SEED = str(SEEDS / "000_4bc2a55a7c4c4b04.txt")

RULE = """\
pack: extra
rules:
  - id: style.extra
    kind: pattern
    category: style
    title: Extra rule
    rationale: For a test.
    pattern: 'zzz'
    points: {points}
    explain: '{explain}'
    examples:
      fires: ['zzz', 'a zzz b']
      passes: ['aaa', 'bbb']
"""


def _rules_dir(tmp_path: Path, text: str, name: str = "extra.yaml") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(LoadError) as caught:
        load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, folder)))
    lines = [str(p) for p in caught.value.problems]
    assert lines and all(LOCATED.match(line) for line in lines), lines
    return lines


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    assert len(bomb) < 1000
    started = time.monotonic()
    doc, problems = load_located("bomb.yaml", bomb)
    assert time.monotonic() - started < 5
    assert doc is None and len(problems) == 1
    assert f"more than {MAX_ALIAS_VALUES:,} values" in problems[0].message


def test_small_aliases_still_work() -> None:
    doc, problems = load_located("ok.yaml", "a: &x [1, 2]\nb: *x\n")
    assert problems == [] and doc is not None and doc.data == {"a": [1, 2], "b": [1, 2]}


def test_duplicate_keys_are_located_errors(tmp_path: Path) -> None:
    text = RULE.format(points=-1, explain="{count}").replace(
        "    points: -1\n", "    points: -1\n    points: -2\n")
    lines = _problems(_rules_dir(tmp_path, text))
    expected = "extra.yaml:10:5: error: duplicate key 'points' (first at line 9)"
    assert any(expected in ln for ln in lines), lines


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_non_finite_points_are_located_errors(tmp_path: Path, value: str) -> None:
    lines = _problems(_rules_dir(tmp_path, RULE.format(points=value, explain="{count}")))
    assert any(":9:13: error: number" in ln and "not finite" in ln for ln in lines), lines


def test_non_finite_base_is_a_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    scoring = (SHIPPED_RULES / "scoring.yaml").read_text(encoding="utf-8")
    (folder / "scoring.yaml").write_text(re.sub(r"(?m)^base: .*$", "base: .nan", scoring),
                                         encoding="utf-8")
    lines = _problems(folder)
    assert any("scoring.yaml:" in ln and "'.nan' is not finite" in ln for ln in lines), lines


def test_huge_template_width_is_a_located_error(tmp_path: Path) -> None:
    lines = _problems(_rules_dir(tmp_path, RULE.format(points=-1,
                                                        explain="{count:>999999999}")))
    assert any("extra.yaml:10:" in ln and "pads or rounds to 999999999" in ln for ln in lines)


def test_impossible_date_and_deep_nesting_are_located(tmp_path: Path) -> None:
    folder = _rules_dir(tmp_path, "pack: p\nwhen: 2024-02-30\nrules: []\n", "date.yaml")
    (folder / "deep.yaml").write_text("pack: d\nrules: " + "[" * 5000 + "]" * 5000 + "\n",
                                      encoding="utf-8")
    text = "\n".join(_problems(folder))
    assert "date.yaml:2:7: error: invalid value '2024-02-30'" in text
    assert "deep.yaml:" in text and "nest" in text


def test_a_rule_file_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "latin.yaml").write_bytes("pack: caf\xe9\n".encode("latin-1"))
    assert any("latin.yaml:1:1: error: not UTF-8" in ln for ln in _problems(folder))


# --- config --------------------------------------------------------------------------------


def _score_in(folder: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> tuple[int, str, str]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["score", ONE_SEED, "--as-of", AS_OF, *extra])
    return result.exit_code, result.stdout, result.stderr


def test_pyproject_with_a_syntax_error_is_an_error(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x\n', encoding="utf-8")
    code, out, err = _score_in(tmp_path, monkeypatch)
    assert code == 2 and out == ""
    assert re.search(r"pyproject\.toml:2:\d+: error: TOML syntax error", err), err


def test_disable_as_a_string_is_an_error(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "reliability.toml").write_text('as_of = 2026-11-21\ndisable = "style"\n',
                                               encoding="utf-8")
    code, _, err = _score_in(tmp_path, monkeypatch)
    assert code == 2
    assert "reliability.toml:2:1: error: disable: expected array, got 'style'" in err


def test_non_finite_weight_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "reliability.toml").write_text('[weights]\n"style" = nan\n', encoding="utf-8")
    code, _, err = _score_in(tmp_path, monkeypatch)
    assert code == 2 and "reliability.toml:2:1: error: weight for 'style' is nan" in err


def test_config_is_found_upward_and_named_in_every_header(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.reliability]\ndisable = ["style"]\n[tool.reliability.weights]\n'
        '"sourcing" = 0.5\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    code, out, _ = _score_in(deep, monkeypatch, "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["settings"] == {"config_file": str(tmp_path / "pyproject.toml"),
                                  "disabled": ["style"], "weights": {"sourcing": 0.5}}
    plain = json.loads(CliRunner().invoke(main, ["score", ONE_SEED, "--as-of", AS_OF,
                                                 "--format", "json", "--config",
                                                 str(SEEDS / "none.toml")]).stdout or "{}")
    assert plain == {}  # a --config that does not exist is refused, not ignored
    for fmt in ("table", "markdown"):
        text = _score_in(deep, monkeypatch, "--format", fmt)[1]
        assert "pyproject.toml; disabled: style; weights: sourcing ×0.5" in text


def test_the_digest_covers_disabled_rules_and_weights() -> None:
    shipped = load_ruleset().digest
    disabled = load_ruleset(RulesetConfig(disabled=frozenset({"style"}))).digest
    weighted = load_ruleset(RulesetConfig(weights={"style": 0.5})).digest
    assert len({shipped, disabled, weighted}) == 3


def test_shipped_rules_copied_load_unchanged(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(SHIPPED_RULES, copy)
    assert load_ruleset(RulesetConfig(rule_dirs=(copy,))).digest == load_ruleset().digest
