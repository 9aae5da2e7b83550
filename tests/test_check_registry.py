"""Every family of sub-checks as a registry (a kind with ``VARIANTS``: consistency, anachronism):
one options schema per check, a discriminated oneOf in the rule schema, typed options with
schema defaults, every check documented and shown by a shipped rule with examples."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from pathlib import Path

import pytest

from engine.consistency import CHECKS
from engine.docs import rules_reference
from engine.errors import LoadError
from engine.kinds import KINDS, consistency
from engine.layers import SHIPPED_RULES
from engine.rule import OptionSet
from engine.ruleset import Ruleset, RulesetConfig, load_ruleset, rule_schema

# (kind, check name, check module) for every registry of sub-checks.
REGISTRIES: dict[str, Mapping[str, OptionSet]] = {
    name: variants for name, kind in KINDS.items()
    if (variants := getattr(kind, "VARIANTS", None)) is not None}
VARIANTS = [(kind, name, module) for kind, checks in REGISTRIES.items()
            for name, module in sorted(checks.items())]
IDS = [f"{kind}:{name}" for kind, name, _ in VARIANTS]

RULE = """\
  - id: consistency.x{n}
    kind: {kind}
    category: consistency
    title: A rule under test
    rationale: checks what the schema accepts
    explain: '{{why}}'
    points: -1
    examples: {{fires: [a, b], passes: [c, d]}}
"""


def _load(tmp_path: Path, *bodies: str, kind: str = "consistency") -> LoadError:
    rules = "".join(RULE.format(n=i, kind=kind) + body for i, body in enumerate(bodies))
    (tmp_path / "extra.yaml").write_text(f"pack: extra\nrules:\n{rules}", encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, tmp_path)))
    return raised.value


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


def test_both_families_are_registries() -> None:
    assert set(REGISTRIES) == {"consistency", "anachronism"}
    assert consistency.VARIANTS is CHECKS


@pytest.mark.parametrize(("kind", "name", "module"), VARIANTS, ids=IDS)
def test_every_check_has_its_own_schema_branch(kind: str, name: str, module: OptionSet) -> None:
    rule = rule_schema(kind)["$defs"]["rule"]
    assert rule["discriminator"] == {"propertyName": "check"}
    branch = next(b for b in rule["oneOf"] if b["properties"]["check"] == {"const": name})
    assert branch["additionalProperties"] is False
    assert set(branch["properties"]) - set(rule["properties"]) == set(module.OPTIONS) - {"check"}
    assert name == module.NAME and set(module.REQUIRED) <= set(module.OPTIONS)


@pytest.mark.parametrize(("kind", "name", "module"), VARIANTS, ids=IDS)
def test_every_check_is_documented_and_shown_by_a_rule(ruleset: Ruleset, kind: str, name: str,
                                                       module: OptionSet) -> None:
    doc = inspect.getdoc(module) or ""
    assert doc.startswith(f"Check ``{name}``"), f"{kind}:{name} docstring must name the check"
    shown = [c.spec for c in ruleset.rules
             if c.spec.kind == kind and c.spec.options.get("check") == name]
    assert shown, f"no shipped rule uses {kind} check {name}: add one with examples"
    assert all(s.examples_fire and s.examples_pass for s in shown)


@pytest.mark.parametrize(("kind", "name", "module"), VARIANTS, ids=IDS)
def test_every_check_with_options_reads_them_into_a_value(kind: str, name: str,
                                                          module: OptionSet) -> None:
    # Their defaults are checked with every kind's in tests/test_kind_requirements.py.
    assert not module.OPTIONS or hasattr(module, "Options"), \
        f"{kind}:{name} has options but no typed Options class"


def test_an_option_of_another_anachronism_check_is_an_error(tmp_path: Path) -> None:
    error = _load(tmp_path, "    check: role\n    framing: residual\n",
                  "    check: stale\n    stale_after_days: 0\n",
                  kind="anachronism")
    lines = [str(p) for p in error.problems]
    assert len(lines) == 2, lines
    assert "unknown key 'framing' in rules.0 (check: role)" in lines[0]
    assert "rules.1.stale_after_days" in lines[1]


def test_the_reference_documents_every_kind_and_check_with_defaults(ruleset: Ruleset) -> None:
    text = rules_reference(ruleset)
    for name in KINDS:
        assert f"### `{name}`" in text
    for kind, name, module in VARIANTS:
        assert f"#### `check: {name}`" in text, f"{kind}:{name} is not in the reference"
        section = text.split(f"#### `check: {name}`")[1].split("\n#### ")[0]
        for key, schema in module.OPTIONS.items():
            row = next(line for line in section.splitlines() if line.startswith(f"| `{key}` |"))
            if "default" in schema:
                assert "`" in row.split("|")[4], f"{name}.{key}: default not rendered"
    assert "| `first_chars` | integer |  | `600` |" in text
