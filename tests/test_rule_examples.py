"""Every rule's own examples, one named pytest case each (the same runner as `rules test`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from engine.rule_tests import iter_examples, run_example
from engine.ruleset import CompiledRule, Ruleset, load_ruleset

CASES = list(iter_examples(load_ruleset()))


@pytest.mark.parametrize(
    ("rule", "expect", "number", "example"),
    CASES,
    ids=[f"{rule.spec.id}:{expect}[{number}]" for rule, expect, number, _ in CASES],
)
def test_rule_example(rule: CompiledRule, expect: str, number: int,
                      example: Mapping[str, Any], ruleset: Ruleset) -> None:
    result = run_example(rule, ruleset, expect, number, example)
    messages = [f.message for f in result.findings]
    assert result.ok, f"{result.name} expected to {expect[:-1]}; findings: {messages}"


def test_every_rule_has_two_examples_each_way(ruleset: Ruleset) -> None:
    thin = [s.id for s in ruleset.all_specs if len(s.examples_fire) < 2 or len(s.examples_pass) < 2]
    assert not thin
