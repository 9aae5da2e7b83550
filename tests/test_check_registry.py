"""The consistency checks as a registry: one options schema per check, a discriminated oneOf in
the rule schema, typed options with schema defaults, and every check documented."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from engine.consistency import CHECKS
from engine.docs import rules_reference
from engine.errors import LoadError
from engine.kinds import KINDS, consistency
from engine.layers import SHIPPED_RULES
from engine.ruleset import Ruleset, RulesetConfig, load_ruleset, rule_schema

RULE = """\
  - id: consistency.x{n}
    kind: consistency
    category: consistency
    title: A rule under test
    rationale: checks what the schema accepts
    explain: '{{why}}'
    points: -1
    examples: {{fires: [a, b], passes: [c, d]}}
"""


def _load(tmp_path: Path, *bodies: str) -> LoadError:
    rules = "".join(RULE.format(n=i) + body for i, body in enumerate(bodies))
    (tmp_path / "extra.yaml").write_text(f"pack: extra\nrules:\n{rules}", encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, tmp_path)))
    return raised.value


def test_the_kind_selects_one_branch_per_check() -> None:
    rule = rule_schema("consistency")["$defs"]["rule"]
    assert rule["discriminator"] == {"propertyName": "check"}
    branches = {b["properties"]["check"]["const"]: b for b in rule["oneOf"]}
    assert set(branches) == set(CHECKS) and consistency.VARIANTS is CHECKS
    for name, branch in branches.items():
        assert branch["additionalProperties"] is False
        own = set(branch["properties"]) - set(rule["properties"])
        assert own == set(CHECKS[name].OPTIONS) - {"check"}


def test_each_schema_error_is_reported_once_in_the_chosen_branch(tmp_path: Path) -> None:
    error = _load(tmp_path,
                  "    check: dateline-conflict\n    anchors: ['x$']\n    first_chars: many\n",
                  "    check: known-confusion\n",
                  "    check: no-such-check\n",
                  "    check: weekday-mismatch\n    max_gap: 3\n")
    lines = [str(p) for p in error.problems]
    assert len(lines) == 4, lines
    assert "rules.0.first_chars: expected integer, got 'many'" in lines[0]
    assert "rules.1: 'apposition' is a required property" in lines[1]
    assert "rules.2.check: 'no-such-check' is not allowed" in lines[2]
    assert "unknown key 'max_gap' in rules.3 (check: weekday-mismatch)" in lines[3]


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_typed_options_have_a_value_for_every_field(name: str) -> None:
    module = CHECKS[name]
    options_type = getattr(module, "Options", None)
    if options_type is None:
        pytest.skip(f"{name} has no typed Options class (people-based checks "
                    "and number-conflict read the options mapping)")
    for item in dataclasses.fields(options_type):
        has_default = (item.default is not dataclasses.MISSING
                       or item.default_factory is not dataclasses.MISSING)
        assert (item.name in module.REQUIRED or "default" in module.OPTIONS[item.name]
                or has_default), f"{name}.{item.name} has no value when the rule omits it"
        assert item.name in module.OPTIONS, f"{name}.{item.name} is not in its schema"


def test_the_reference_documents_every_kind_and_check_with_defaults(ruleset: Ruleset) -> None:
    text = rules_reference(ruleset)
    for name in KINDS:
        assert f"### `{name}`" in text
    for name, module in CHECKS.items():
        assert f"#### `check: {name}`" in text
        section = text.split(f"#### `check: {name}`")[1].split("\n#### ")[0]
        for key, schema in module.OPTIONS.items():
            row = next(line for line in section.splitlines() if line.startswith(f"| `{key}` |"))
            if "default" in schema:
                assert "`" in row.split("|")[4], f"{name}.{key}: default not rendered"
    assert "| `first_chars` | integer |  | `600` |" in text
