"""Former holders recalled, not presented as current (role check option ``history_years``).

A former holder gone ``history_years`` or more, in an article that also names the sitting
holder of the same post, is history; a recent predecessor, or an article without the sitting
holder, still fires. Former presidents keep the title as a courtesy (role ``courtesy_years``)
independently of this rule. Built on the shipped knowledge (the UK and US tables ship).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from engine.kinds import anachronism
from engine.model import Article, DateInfo, Finding, LineIndex
from engine.rule import ArticleContext, CompileEnv, RuleSpec
from engine.ruleset import Ruleset
from engine.yamlpos import Located

AS_OF = dt.date(2026, 11, 21)
BLAIR = "Prime Minister Tony Blair sent troops to Iraq."
STARMER = "Prime Minister Keir Starmer said on Tuesday that he disagreed."
SUNAK = "Prime Minister Rishi Sunak said on Tuesday that he disagreed."
TRUSS = "Prime Minister Liz Truss said the budget would stand."


def role_findings(ruleset: Ruleset, text: str, day: dt.date, **options: Any) -> list[Finding]:
    kb = ruleset.knowledge
    spec = RuleSpec(id="temporal.test-role", kind="anachronism", category="temporal",
                    title="test", rationale="test rule", explain="{statement}", points=-12,
                    max_points=30, bands=(), options={"check": "role", **options},
                    examples_fire=(), examples_pass=(), path="<test>", line=1)
    rule = anachronism.compile(spec, CompileEnv(kb, Located("<test>", None), ()))
    assert rule is not None
    ctx = ArticleContext(Article("t", "<test>", text), DateInfo(day, "metadata"), AS_OF, kb,
                         LineIndex(text), len(text.split()))
    return list(rule.evaluate(ctx))


def named(findings: list[Finding]) -> list[str]:
    return sorted(name for f in findings for name in ("Blair", "Truss", "Sunak")
                  if f.message.count(f"{name} was"))


@pytest.mark.parametrize(("text", "day", "expected"), [
    # Blair gone since 2007, Starmer sitting in 2025: Blair is recalled.
    (f"{BLAIR} {STARMER}", dt.date(2025, 3, 1), []),
    # The same without the sitting holder: Blair is presented as prime minister in 2025.
    (BLAIR, dt.date(2025, 3, 1), ["Blair"]),
    # Naming a former holder (Sunak, out since 2024) is not naming the sitting one.
    (f"{BLAIR} {SUNAK}", dt.date(2025, 3, 1), ["Blair", "Sunak"]),
    # Truss out for months, not years: two "Prime Ministers" at once is still an error.
    (f"{TRUSS} {SUNAK}", dt.date(2023, 3, 1), ["Truss"]),
])
def test_long_gone_holder_with_the_sitting_holder_named_is_history(
        ruleset: Ruleset, text: str, day: dt.date, expected: list[str]) -> None:
    assert named(role_findings(ruleset, text, day)) == expected


def test_history_years_is_an_option(ruleset: Ruleset) -> None:
    text = f"{BLAIR} {STARMER}"
    # Blair left in 2007: with a 20-year threshold he is not yet history in 2025.
    assert named(role_findings(ruleset, text, dt.date(2025, 3, 1), history_years=20)) == \
        ["Blair"]
    assert named(role_findings(ruleset, text, dt.date(2025, 3, 1), history_years=4)) == []


def test_courtesy_title_still_applies_without_the_sitting_holder(ruleset: Ruleset) -> None:
    # Former presidents keep the title: not acting in the sentence, no finding...
    quiet = "The memoirs of President Barack Obama sold well."
    assert role_findings(ruleset, quiet, dt.date(2023, 6, 1)) == []
    # ...acting as if in office, a finding (Obama left in 2017, under 12 courtesy years).
    acting = "President Barack Obama signed the bill on Tuesday."
    assert [f for f in role_findings(ruleset, acting, dt.date(2023, 6, 1))
            if "Obama" in f.message]
