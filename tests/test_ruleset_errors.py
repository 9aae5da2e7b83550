"""Broken rule files: every problem at once, at path:line:col, with a hint; exit code 2."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.errors import LoadError
from engine.kinds import KINDS
from engine.layers import SHIPPED_RULES
from engine.ruleset import RulesetConfig, load_ruleset

LOCATED = re.compile(r"^(?P<path>[^:]+\.yaml):(?P<line>\d+):(?P<col>\d+): .+ — .+$")

EXAMPLES = """
  examples:
    fires: ['a b c', 'a b c d']
    passes: ['x y z', 'x y']
"""


def _rule(body: str) -> str:
    return textwrap.indent(textwrap.dedent(body).strip() + EXAMPLES, "  ")


@pytest.fixture()
def broken_dir(tmp_path: Path) -> Path:
    rules = tmp_path / "broken"
    rules.mkdir()
    (rules / "bad_regex.yaml").write_text("pack: bad\nrules:\n" + _rule("""
        - id: sourcing.bad-regex
          kind: pattern
          category: sourcing
          title: Broken regex
          rationale: A regex RE2 refuses.
          pattern: '(?<=former )minister'
          points: -1
          explain: 'x'
    """), encoding="utf-8")
    (rules / "bad_kind.yaml").write_text("pack: bad2\nrules:\n" + _rule("""
        - id: sourcing.bad-kind
          kind: regexp
          category: sourcing
          title: Unknown kind
          rationale: The kind does not exist.
          pattern: 'x'
          points: -1
          explain: 'x'
    """), encoding="utf-8")
    (rules / "dupes.yaml").write_text("pack: dupes\nrules:\n" + _rule("""
        - id: sourcing.twice
          kind: pattern
          category: sourcing
          title: First copy
          rationale: Defined twice in one directory.
          pattern: 'x'
          points: -1
          explain: 'x'
    """) + "\n" + _rule("""
        - id: sourcing.coloured
          kind: pattern
          category: sourcing
          title: Unknown key
          rationale: A key no kind knows.
          pattern: 'x'
          points: -1
          explain: 'x'
          colour: red
    """) + "\n" + _rule("""
        - id: sourcing.twice
          kind: pattern
          category: sourcing
          title: Second copy
          rationale: Defined twice in one directory.
          pattern: 'x'
          points: -1
          explain: '{first.nosuch} {bogus}'
    """), encoding="utf-8")
    (rules / "syntax.yaml").write_text("pack: syntax\nrules:\n  - id: [unclosed\n",
                                       encoding="utf-8")
    return rules


def test_every_problem_is_reported_with_location(broken_dir: Path) -> None:
    with pytest.raises(LoadError) as caught:
        load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, broken_dir)))
    lines = [str(p) for p in caught.value.problems]
    text = "\n".join(lines)
    for line in lines:
        assert LOCATED.match(line), line
    assert "sourcing.bad-regex" in text and "invalid perl operator" in text
    assert "unknown kind 'regexp'" in text
    assert all(kind in text for kind in KINDS)  # the valid kinds are listed
    assert "duplicate rule id 'sourcing.twice'" in text and "dupes.yaml:" in text
    assert "unknown key 'colour'" in text
    assert "YAML syntax error" in text and "syntax.yaml" in text
    by_file = {Path(m.group("path")).name for m in map(LOCATED.match, lines) if m}
    assert by_file == {"bad_regex.yaml", "bad_kind.yaml", "dupes.yaml", "syntax.yaml"}


def test_duplicate_names_both_places(broken_dir: Path) -> None:
    with pytest.raises(LoadError) as caught:
        load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, broken_dir)))
    dup = next(p for p in caught.value.problems if "duplicate" in p.message)
    assert dup.location.line > 10  # the second definition is flagged ...
    assert re.search(r"dupes\.yaml:\d+", dup.hint)  # ... and the hint points at the first


def test_template_errors_name_the_field(tmp_path: Path) -> None:
    rules = tmp_path / "tpl"
    rules.mkdir()
    (rules / "tpl.yaml").write_text("pack: tpl\nrules:\n" + _rule("""
        - id: sourcing.tpl
          kind: pattern
          category: sourcing
          title: Template with unknown fields
          rationale: Fields that the kind does not offer.
          pattern: '(?P<who>x)'
          points: -1
          explain: '{first.nosuch} {bogus} {first.who}'
    """), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, rules)))
    messages = [p.message for p in caught.value.problems]
    assert any("{first.nosuch}" in m for m in messages)
    assert any("{bogus}" in m for m in messages)
    assert not any("first.who" in m for m in messages)


def test_cli_exits_2_and_prints_every_problem(broken_dir: Path) -> None:
    result = CliRunner().invoke(main, ["rules", "validate", "--rules", str(broken_dir)])
    assert result.exit_code == 2
    located = [line for line in result.output.splitlines() if LOCATED.match(line)]
    assert len(located) >= 6


def test_later_directory_overrides_a_shipped_rule(tmp_path: Path) -> None:
    rules = tmp_path / "override"
    rules.mkdir()
    (rules / "mine.yaml").write_text("pack: mine\nrules:\n" + _rule("""
        - id: provenance.generic-byline
          kind: pattern
          category: provenance
          title: Stricter generic byline
          rationale: A local override of a shipped rule.
          pattern: 'by Newsroom'
          points: -20
          explain: 'overridden'
    """), encoding="utf-8")
    ruleset = load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, rules)))
    spec = ruleset.get("provenance.generic-byline")
    assert spec is not None and spec.points == -20 and spec.title == "Stricter generic byline"


def test_shipped_rules_are_valid_and_namespaced() -> None:
    ruleset = load_ruleset()
    assert len(ruleset.rules) >= 15
    for spec in ruleset.all_specs:
        assert spec.id.startswith(spec.category + ".")
    ai = [s.id for s in ruleset.all_specs if s.category == "provenance" and "ai" in s.id]
    assert all(rule_id.startswith("provenance.ai-") for rule_id in ai)


REDOS_SCRIPT = r"""
import sys, time
from pathlib import Path
from engine.layers import SHIPPED_RULES
from engine.ruleset import load_ruleset, RulesetConfig
from engine.pipeline import score_article
from engine.model import Article
import datetime as dt
rules = Path(sys.argv[1])
ruleset = load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, rules)))
text = "a" * (1 << 20) + "b"
start = time.perf_counter()
card = score_article(Article("redos", "<mem>", text), ruleset, dt.date(2026, 1, 1))
print(f"{time.perf_counter() - start:.3f}s", [f.rule_id for f in card.findings
                                               if f.rule_id == "sourcing.redos"])
"""


def test_catastrophic_pattern_cannot_hang(tmp_path: Path) -> None:
    """(a+)+$ over 1 MB of a...ab: exponential for a backtracking engine, linear for RE2.

    The limit is a hang detector, not a speed measurement (see scripts/ for benchmarks).
    """
    rules = tmp_path / "redos"
    rules.mkdir()
    (rules / "redos.yaml").write_text("pack: redos\nrules:\n" + _rule("""
        - id: sourcing.redos
          kind: pattern
          category: sourcing
          title: Catastrophic backtracking pattern
          rationale: Nested quantifiers that hang backtracking engines.
          pattern: '(a+)+$'
          points: -1
          explain: 'x'
    """).replace("'a b c', 'a b c d'", "'aaa', 'aa'").replace("'x y z', 'x y'", "'aab', 'ab'"),
        encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", REDOS_SCRIPT, str(rules)], capture_output=True,
                          text=True, timeout=60, check=True)
    assert "[]" in done.stdout  # ends in "b": no match, and no hang getting there


def test_shipped_rules_dir_is_copied_intact(tmp_path: Path) -> None:
    """A user's copy of the shipped packs, passed with --rules, overrides cleanly (no dupes)."""
    copy = tmp_path / "copy"
    shutil.copytree(SHIPPED_RULES, copy)
    ruleset = load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, copy)))
    assert {s.id for s in ruleset.all_specs} == {s.id for s in load_ruleset().all_specs}
