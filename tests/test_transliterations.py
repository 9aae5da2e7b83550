"""One person spelled two ways in the shipped tables is one person: the Factbook writes
"Binyamin Netanyahu" for the 2009-2021 term and "Benjamin Netanyahu" since 2022, so a 2016
article about Prime Minister Benjamin Netanyahu is no prochronism, while a date between the
terms (Bennett and Lapid in office) still is out of office."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.model import Article, Finding
from engine.pipeline import context_for, evaluate
from engine.ruleset import Ruleset

AS_OF = dt.date(2026, 11, 21)
TEXT = "Prime Minister {name} said on Tuesday that the talks would continue.\n"


def _anachronisms(ruleset: Ruleset, name: str, day: str) -> list[Finding]:
    article = Article(f"t-{day}", "synthetic", TEXT.format(name=name), None, {"date": day})
    rules = [r for r in ruleset.rules if r.spec.category == "temporal"]
    return [f for f in evaluate(context_for(article, ruleset, AS_OF), rules)
            if f.rule_id != "temporal.stale-content"]


@pytest.mark.parametrize("name", ["Benjamin Netanyahu", "Binyamin Netanyahu"])
@pytest.mark.parametrize("day", ["2016-09-26", "2024-03-01"])
def test_either_spelling_is_in_office_in_either_term(ruleset: Ruleset, name: str,
                                                      day: str) -> None:
    assert not _anachronisms(ruleset, name, day)


@pytest.mark.parametrize("name", ["Benjamin Netanyahu", "Binyamin Netanyahu"])
def test_between_the_terms_he_is_out_of_office(ruleset: Ruleset, name: str) -> None:
    found = _anachronisms(ruleset, name, "2022-03-01")
    assert [f.rule_id for f in found] == ["temporal.officeholder-out-of-office"], found
    assert "Netanyahu" in found[0].message
