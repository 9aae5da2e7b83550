"""The ruleset's prefilter (``engine.regex.PatternSet``) only skips searches that would find
nothing: every shipped pattern rule gives the same findings with it as without it.

The prefilter names the patterns that may occur in a text (FilteredRE2: the literal atoms
each match must contain); a rule it leaves out does not search. Shown here on the seed
articles and on arbitrary texts mixed from their lines (hypothesis), plus the superset
property itself on patterns with case-insensitivity, classes and non-ASCII literals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import re2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.kinds import KINDS
from engine.matching import Matcher
from engine.model import Article, Finding
from engine.pipeline import context_for
from engine.regex import PatternSet, compile_re2
from engine.rule import CompileEnv, Evaluator
from engine.ruleset import Ruleset, load_ruleset
from engine.yamlpos import Located
from tests.conftest import SEEDS

AS_OF = dt.date(2026, 11, 21)
RULESET: Ruleset = load_ruleset()
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
SEED_LINES = [line for text in SEED_TEXTS for line in text.splitlines() if line.strip()]
PATTERN_KINDS = {"pattern", "density", "ratio", "tell_density", "absence"}
# Consistency checks that consult the ruleset's prefilter before searching their patterns.
PREFILTERED_CHECKS = {"outlet-conflict", "known-confusion"}


def _prefiltered(spec_kind: str, options: dict[str, object]) -> bool:
    return spec_kind in PATTERN_KINDS or (spec_kind == "consistency"
                                          and options.get("check") in PREFILTERED_CHECKS)


def _unfiltered() -> list[tuple[Evaluator, Evaluator]]:
    """(shipped evaluator, the same rule compiled without a prefilter) per pattern rule."""
    pairs = []
    for rule in RULESET.rules:
        if _prefiltered(rule.spec.kind, dict(rule.spec.options)):
            env = CompileEnv(RULESET.knowledge, Located("<test>", None), ())
            plain = KINDS[rule.spec.kind].compile(rule.spec, env)
            assert plain is not None and not env.problems
            pairs.append((rule.evaluator, plain))
    return pairs


PAIRS = _unfiltered()


def _findings(evaluator: Evaluator, text: str) -> Sequence[Finding]:
    article = Article("a", "<test>", text, None, {"date": "2026-02-04"})
    return evaluator.evaluate(context_for(article, RULESET, AS_OF))


def test_shipped_pattern_rules_have_prefilter_slots() -> None:
    assert len(PAIRS) >= 10
    matchers = [m for e, _ in PAIRS for m in vars(e).values() if isinstance(m, Matcher)]
    unscoped = [m for m in matchers if m.first_chars is None and m.last_chars is None]
    assert len(unscoped) >= 10
    assert all(m._slot is not None for m in unscoped)
    assert all(m._slot is None for m in matchers if m not in unscoped)


def test_prefiltered_consistency_checks_are_compared_and_find_something_on_the_seeds() -> None:
    checks = [r for r in RULESET.rules if r.spec.kind == "consistency"
              and _prefiltered(r.spec.kind, dict(r.spec.options))]
    assert {r.spec.options["check"] for r in checks} == PREFILTERED_CHECKS
    compared = {id(e) for e, _ in PAIRS}
    assert all(id(r.evaluator) in compared for r in checks)
    # Not vacuous: both checks find something on some seed (with the prefilter on).
    for rule in checks:
        assert any(_findings(rule.evaluator, text) for text in SEED_TEXTS), rule.spec.id


def test_seed_articles_give_the_same_findings_with_and_without_the_prefilter() -> None:
    skipped = 0
    for text in SEED_TEXTS:
        for shipped, plain in PAIRS:
            assert _findings(shipped, text) == _findings(plain, text)
    # The check is not vacuous: on some seed, some rule's pattern was not searched.
    prefilter = next(m._prefilter for e, _ in PAIRS for m in vars(e).values()
                     if isinstance(m, Matcher) and m._prefilter is not None)
    assert isinstance(prefilter, PatternSet)
    for text in SEED_TEXTS:
        skipped += len(prefilter) - len(prefilter.hits(text))
    assert skipped > 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=60)), min_size=1,
                max_size=8).map("\n".join))
def test_arbitrary_texts_give_the_same_findings_with_and_without_the_prefilter(
        text: str) -> None:
    for shipped, plain in PAIRS:
        assert _findings(shipped, text) == _findings(plain, text)


PATTERNS = [r"(?i)straße", r"\bcrucial\b", r"(?i)\bdelv(?:e|es|ed)\b", r"[A-Z]{5,}", r"!+",
            r"(?i)kelvin", r"“[^”]{3,}”", r"(?m)^Title:", r"é+\d"]
ALPHABET = st.sampled_from(list("crucialDELVESTRAßEkelvinKK!“” é1\nTitle:"))


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, max_size=40))
def test_hits_are_a_superset_of_the_patterns_that_match(text: str) -> None:
    prefilter = PatternSet()
    slots = {prefilter.add(compile_re2(p)): p for p in PATTERNS}
    assert None not in slots
    hits = prefilter.hits(text)
    for slot, pattern in slots.items():
        if re2.compile(pattern).search(text) is not None:
            assert slot in hits, pattern


def test_a_scoped_matcher_is_not_prefiltered_and_a_late_pattern_rebuilds_the_set() -> None:
    prefilter = PatternSet()
    env = CompileEnv(RULESET.knowledge, Located("<test>", None), (), prefilter=prefilter)
    scoped = Matcher({"pattern": "end$", "scope": {"first_chars": 7}}, env)
    whole = Matcher({"pattern": "delve"}, env)
    assert scoped._slot is None and whole._slot == 0
    # "end$" matches the head "the end", never the whole text: a prefilter would lose it.
    assert [m.text for m in scoped.finditer("the end of it all")] == ["end"]
    assert list(whole.finditer("nothing here")) == []
    assert prefilter.hits("nothing here") == frozenset()
    late = Matcher({"pattern": "here"}, env)
    assert [m.text for m in late.finditer("nothing here")] == ["here"]
