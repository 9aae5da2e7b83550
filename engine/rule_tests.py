"""Run every rule's own examples: ``fires`` must produce a finding of that rule, ``passes``
must not. Examples are scored alone (one rule at a time) through the real pipeline, so a rule's
examples prove the rule as it runs on articles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from engine.model import Article, Finding
from engine.pipeline import context_for, evaluate
from engine.ruleset import CompiledRule, Ruleset

# Examples describe the world at a fixed moment, so their verdicts do not drift with the clock.
EXAMPLE_AS_OF = dt.date(2026, 11, 21)


@dataclass(frozen=True)
class ExampleResult:
    rule_id: str
    expect: str  # "fires" or "passes"
    number: int
    text: str
    ok: bool
    findings: tuple[Finding, ...]

    @property
    def name(self) -> str:
        return f"{self.rule_id}:{self.expect}[{self.number}]"


def example_article(example: Mapping[str, Any]) -> Article:
    meta: dict[str, Any] = {}
    if "date" in example:
        meta["date"] = example["date"]
    if "author" in example:
        meta["author"] = example["author"]
    return Article("example", "<example>", str(example["text"]), example.get("title"), meta)


def run_example(rule: CompiledRule, ruleset: Ruleset, expect: str, number: int,
                example: Mapping[str, Any]) -> ExampleResult:
    as_of = dt.date.fromisoformat(example["as_of"]) if "as_of" in example else EXAMPLE_AS_OF
    ctx = context_for(example_article(example), ruleset, as_of)
    findings = tuple(f for f in evaluate(ctx, [rule]) if f.rule_id == rule.spec.id)
    fired = bool(findings)
    return ExampleResult(rule.spec.id, expect, number, str(example["text"]),
                         fired if expect == "fires" else not fired, findings)


def iter_examples(ruleset: Ruleset) -> Iterator[tuple[CompiledRule, str, int, Mapping[str, Any]]]:
    for rule in ruleset.rules:
        for number, example in enumerate(rule.spec.examples_fire, start=1):
            yield rule, "fires", number, example
        for number, example in enumerate(rule.spec.examples_pass, start=1):
            yield rule, "passes", number, example


def run_all(ruleset: Ruleset) -> list[ExampleResult]:
    return [run_example(rule, ruleset, expect, number, example)
            for rule, expect, number, example in iter_examples(ruleset)]
