"""Run every rule's own examples: ``fires`` must produce a finding of that rule, ``passes``
must not. Examples are scored alone (one rule at a time) through the real pipeline, so a rule's
examples prove the rule as it runs on articles.

A ``fires`` example may pin what the finding says: ``quote`` must be the exact text of one of
the findings' spans, and ``points`` the findings' total (scaled by a run's weight for the
rule, as the rule's own points are).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from engine.model import Article, Finding
from engine.pipeline import context_for, evaluate
from engine.rule import Example
from engine.ruleset import CompiledRule, Ruleset

# Examples describe the world at a fixed moment, so their verdicts do not drift with the clock.
EXAMPLE_AS_OF = dt.date(2026, 11, 21)

Expect = Literal["fires", "passes"]


@dataclass(frozen=True)
class ExampleCase:
    """One example of one rule, and its test id ``name``: ``rule-id:fires:example-name``, or
    with the example's position among its rule's ``fires`` (``passes``) examples when it has no
    name, ``rule-id:passes[2]``."""

    rule: CompiledRule
    expect: Expect
    example: Example
    name: str


@dataclass(frozen=True)
class ExampleResult:
    name: str
    text: str
    findings: tuple[Finding, ...]
    problem: str  # why the example failed; empty when it holds

    @property
    def ok(self) -> bool:
        return not self.problem


def example_article(example: Example) -> Article:
    meta: dict[str, Any] = {}
    if example.date is not None:
        meta["date"] = example.date
    if example.author is not None:
        meta["author"] = example.author
    return Article("example", "<example>", example.text, example.title, meta)


def run_example(case: ExampleCase, ruleset: Ruleset) -> ExampleResult:
    example, spec = case.example, case.rule.spec
    as_of = dt.date.fromisoformat(example.as_of) if example.as_of else EXAMPLE_AS_OF
    ctx = context_for(example_article(example), ruleset, as_of)
    findings = tuple(f for f in evaluate(ctx, [case.rule]) if f.rule_id == spec.id)
    return ExampleResult(case.name, example.text, findings,
                         _problem(case, findings, _weight(ruleset, case.rule)))


def _weight(ruleset: Ruleset, rule: CompiledRule) -> float:
    weights = ruleset.config.weights
    return weights.get(rule.spec.id, weights.get(rule.spec.category, 1.0))


def _problem(case: ExampleCase, findings: tuple[Finding, ...], weight: float) -> str:
    example = case.example
    if case.expect == "passes":
        return f"expected no finding; got {[f.message for f in findings]}" if findings else ""
    if not findings:
        return "expected a finding; got none"
    quotes = [span.text for f in findings for span in f.spans]
    if example.quote is not None and example.quote not in quotes:
        return f"expected a quote {example.quote!r}; the findings quote {quotes}"
    total = round(sum(f.points for f in findings), 2)
    if example.points is not None and abs(total - example.points * weight) > 0.005:
        return f"expected {example.points * weight:+g} points; the findings give {total:+g}"
    return ""


def iter_examples(ruleset: Ruleset) -> Iterator[ExampleCase]:
    for rule in ruleset.rules:
        groups: tuple[tuple[Expect, tuple[Example, ...]], ...] = (
            ("fires", rule.spec.examples_fire), ("passes", rule.spec.examples_pass))
        for expect, examples in groups:
            for number, example in enumerate(examples, start=1):
                label = f":{example.name}" if example.name else f"[{number}]"
                yield ExampleCase(rule, expect, example, f"{rule.spec.id}:{expect}{label}")


def run_all(ruleset: Ruleset) -> list[ExampleResult]:
    return [run_example(case, ruleset) for case in iter_examples(ruleset)]
