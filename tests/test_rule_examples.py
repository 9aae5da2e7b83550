"""Every rule's own examples, one named pytest case each (the same runner as `rules test`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import LoadError
from engine.layers import SHIPPED_RULES
from engine.rule_tests import ExampleCase, iter_examples, run_all, run_example
from engine.ruleset import Ruleset, RulesetConfig, load_ruleset

CASES = list(iter_examples(load_ruleset()))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_rule_example(case: ExampleCase, ruleset: Ruleset) -> None:
    result = run_example(case, ruleset)
    assert result.ok, f"{result.name}: {result.problem}"


def test_every_rule_has_two_examples_each_way(ruleset: Ruleset) -> None:
    thin = [s.id for s in ruleset.all_specs if len(s.examples_fire) < 2 or len(s.examples_pass) < 2]
    assert not thin


def test_example_ids_are_unique() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


RULE = """\
pack: extra
rules:
  - id: style.shouting
    kind: pattern
    category: style
    title: Shouting in capitals
    rationale: a rule whose examples pin their quote and points
    pattern: '\\b[A-Z]{{5,}}\\b'
    points: -2
    explain: 'shouts "{{match}}"'
    examples:
      fires:
        - {{name: one-word, text: 'This is OUTRAGEOUS news.', quote: {quote}, points: {points}}}
        - {{text: 'TOTAL and UTTER nonsense.', points: -4}}
      passes:
        - {{name: calm, text: 'This is calm news.'}}
        - 'Nothing loud here.'
"""


def _results(tmp_path: Path, quote: str, points: float) -> dict[str, str]:
    (tmp_path / "extra.yaml").write_text(RULE.format(quote=quote, points=points),
                                         encoding="utf-8")
    ruleset = load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, tmp_path)))
    return {r.name: r.problem for r in run_all(ruleset) if r.name.startswith("style.shouting")}


def test_named_examples_check_their_quote_and_points(tmp_path: Path) -> None:
    results = _results(tmp_path, "OUTRAGEOUS", -2)
    assert results == {"style.shouting:fires:one-word": "", "style.shouting:fires[2]": "",
                       "style.shouting:passes:calm": "", "style.shouting:passes[2]": ""}


def test_a_wrong_quote_or_wrong_points_fails_the_example(tmp_path: Path) -> None:
    wrong_quote = _results(tmp_path, "NEWS", -2)["style.shouting:fires:one-word"]
    assert "expected a quote 'NEWS'" in wrong_quote and "OUTRAGEOUS" in wrong_quote
    wrong_points = _results(tmp_path, "OUTRAGEOUS", -3)["style.shouting:fires:one-word"]
    assert wrong_points == "expected -3 points; the findings give -2"


def _load_error(tmp_path: Path, old: str, new: str) -> str:
    """The load error of the test pack with ``old`` replaced by ``new``."""
    text = RULE.format(quote="OUTRAGEOUS", points=-2)
    assert old in text
    (tmp_path / "extra.yaml").write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, tmp_path)))
    return str(raised.value)


def test_quote_on_a_passes_example_is_a_schema_error(tmp_path: Path) -> None:
    error = _load_error(tmp_path, "{name: calm, text: 'This is calm news.'}",
                        "{name: calm, text: 'This is calm news.', quote: calm}")
    assert "extra.yaml:16:52: error: unknown key 'quote' in rules.0.examples.passes.0" in error


def test_two_examples_with_one_name_are_a_load_error(tmp_path: Path) -> None:
    error = _load_error(tmp_path, "{text: 'TOTAL and UTTER nonsense.', points: -4}",
                        "{name: one-word, text: 'TOTAL and UTTER nonsense.', points: -4}")
    assert "two fires examples are named 'one-word'" in error
