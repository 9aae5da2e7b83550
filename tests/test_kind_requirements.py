"""What a rule of each kind must give is declared, not hand-checked: every kind is scored by
exactly one of ``points`` and ``bands``, listed in its ``REQUIRED`` and described in its
``OPTIONS``, so the schema rejects a rule without it at its line and the hint says what to
write; and every kind's or check's typed ``Options`` has a value for each field when the rule
omits it (a schema ``default``, or the field's own)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.errors import LoadError
from engine.kinds import KINDS
from engine.layers import SHIPPED_RULES
from engine.rule import Kind, OptionSet
from engine.ruleset import Ruleset, RulesetConfig, load_ruleset

SCORING = ("points", "bands")
# Every kind, then every check of every kind with sub-checks: each has its own options.
OPTION_SETS: list[tuple[str, OptionSet]] = [
    *((name, kind) for name, kind in sorted(KINDS.items())),
    *((f"{name}:{check}", module) for name, kind in sorted(KINDS.items())
      for check, module in sorted(getattr(kind, "VARIANTS", {}).items())),
]


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_requires_one_way_of_scoring(name: str) -> None:
    kind: Kind = KINDS[name]
    scored_by = [key for key in SCORING if key in kind.REQUIRED]
    assert len(scored_by) == 1, f"kind {name} must require exactly one of points, bands"
    assert set(kind.REQUIRED) <= set(kind.OPTIONS), "a required key must be described"
    assert kind.OPTIONS[scored_by[0]].get("description"), "say what the score is awarded for"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_rule_without_its_score_is_rejected_at_its_line(ruleset: Ruleset, tmp_path: Path,
                                                          name: str) -> None:
    shipped = next((s for s in ruleset.all_specs if s.kind == name), None)
    if shipped is None:
        pytest.skip(f"no shipped rule of kind {name} to copy the other options from")
    missing = next(key for key in SCORING if key in KINDS[name].REQUIRED)
    rule: dict[str, Any] = {
        "id": "test.unscored", "kind": name, "category": shipped.category,
        "title": "A rule under test", "rationale": "checks what the schema requires",
        "explain": "e", **shipped.options,
        "examples": {"fires": ["a", "b"], "passes": ["c", "d"]}}
    (tmp_path / "extra.yaml").write_text(yaml.safe_dump({"pack": "extra", "rules": [rule]}),
                                         encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, tmp_path)))
    (problem,) = [p for p in raised.value.problems if "extra.yaml" in str(p)]
    assert f"'{missing}' is a required property" in str(problem)
    assert problem.location.line == 3  # the rule's first line, under `rules:`
    assert f"add `{missing}`: {KINDS[name].OPTIONS[missing]['description']}" in str(problem)


@pytest.mark.parametrize(("name", "options"), OPTION_SETS, ids=[n for n, _ in OPTION_SETS])
def test_typed_options_have_a_value_for_every_field(name: str, options: OptionSet) -> None:
    options_type = getattr(options, "Options", None)
    if options_type is None:
        pytest.skip(f"{name} reads no option of its own into a value")
    for item in dataclasses.fields(options_type):
        assert item.name in options.OPTIONS, f"{name}.{item.name} is not in its schema"
        has_default = (item.default is not dataclasses.MISSING
                       or item.default_factory is not dataclasses.MISSING)
        assert (item.name in options.REQUIRED or "default" in options.OPTIONS[item.name]
                or has_default), f"{name}.{item.name} has no value when the rule omits it"
