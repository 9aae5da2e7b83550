"""A band's own ``explain`` replaces the rule's: a low band of a density rule has no match to
quote, so its message must not print an empty quotation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from engine.errors import LoadError
from engine.layers import SHIPPED_RULES
from engine.model import Article
from engine.pipeline import score_article
from engine.ruleset import Ruleset, RulesetConfig, load_ruleset

PACK = """\
pack: days
rules:
  - id: structure.days
    kind: density
    category: structure
    title: Days are named
    rationale: A test rule.
    pattern: '\\b(?:Monday|Tuesday)\\b'
    per_words: 100
    min_words: 5
    bands:
      - {at_least: 1, points: 2}
      - {below: 1, points: -3, explain: '{count} day(s) in {words} words'}
    explain: '{count} day(s), e.g. "{match}"'
    examples:
      fires: ['It rained on Monday and the river rose.', 'The vote is on Tuesday, aides said.']
      passes: ['Short.', 'Too short.']
"""


def _ruleset(tmp_path: Path, pack: str) -> Ruleset:
    (tmp_path / "days.yaml").write_text(pack, encoding="utf-8")
    return load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, tmp_path)))


def _message(tmp_path: Path, text: str) -> tuple[float, str]:
    ruleset = _ruleset(tmp_path, PACK)
    card = score_article(Article("a", "<test>", text, None, {}), ruleset, dt.date(2026, 11, 21))
    finding = next(f for f in card.findings if f.rule_id == "structure.days")
    return finding.points, finding.message


def test_band_explain_replaces_the_rule_explain(tmp_path: Path) -> None:
    points, message = _message(tmp_path, "It rained all week and the river rose again.")
    assert (points, message) == (-3, "0 day(s) in 9 words")


def test_rule_explain_is_used_by_bands_without_their_own(tmp_path: Path) -> None:
    points, message = _message(tmp_path, "It rained on Monday and the river rose.")
    assert (points, message) == (2, '1 day(s), e.g. "Monday"')


def test_band_explain_fields_are_checked(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        _ruleset(tmp_path, PACK.replace("'{count} day(s) in {words} words'", "'{nonsense}'"))
    message = str(caught.value)  # located at the band's line, naming the bad field
    assert "days.yaml:13:" in message and "nonsense" in message and "band's" in message
