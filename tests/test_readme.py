"""The README says what the code does: every `reliability` command line it shows names commands
and flags that exist, every repository path it names exists, and its rule-pack example is a
valid pack whose own examples pass."""

from __future__ import annotations

import itertools
import re
import shlex
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from engine.cli import main
from tests.conftest import ROOT

TEXT = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = {lang: [m[1] for m in re.finditer(rf"^```{lang}\n(.*?)^```$", TEXT, re.M | re.S)]
          for lang in ("sh", "yaml", "toml")}


def _command_lines() -> list[str]:
    """The `reliability ...` lines of the sh blocks, with their continuations (a trailing `\\`
    or an indented synopsis line) joined and comments dropped."""
    lines: list[str] = []
    for raw in "\n".join(BLOCKS["sh"]).replace("\\\n", " ").splitlines():
        text = raw.split("  #")[0].split(" # ")[0]
        if text.startswith("reliability "):
            lines.append(text.strip())
        elif text.startswith(" ") and lines and raw.startswith(" " * 8):
            lines[-1] += " " + text.strip()
    return lines


def _sub(group: click.Group, name: str) -> click.Command | None:
    """``group``'s subcommand ``name``: asked the way click asks (some load lazily)."""
    return group.get_command(click.Context(group), name)


def _names(group: click.Group) -> list[str]:
    return group.list_commands(click.Context(group))


def _segments(line: str) -> list[list[str]]:
    """`reliability rules list | show ID | test [-v]` -> [rules list], [rules show ID], ...:
    a standalone `|` separates alternative subcommands of the same group."""
    words = [w.strip("[]") for w in shlex.split(line.replace("...", " "))][1:]
    parts: list[list[str]] = [[]]
    for word in words:
        if word == "|":
            parts.append([])
        else:
            parts[-1].append(word)
    head = parts[0][:1] if isinstance(_sub(main, parts[0][0]), click.Group) else []
    return [parts[0], *[head + part for part in parts[1:]]]


def _resolve(words: list[str]) -> tuple[click.Command, list[str], tuple[str, ...]]:
    """The (sub)command the words name, the words left, and its path of names."""
    command: click.Command = main
    path: tuple[str, ...] = ()
    while isinstance(command, click.Group) and words:
        sub = _sub(command, words[0])
        if sub is None:
            break
        command = sub
        path, words = (*path, words[0]), words[1:]
    return command, words, path


def _leaves(group: click.Group, path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for name in _names(group):
        command = _sub(group, name)
        assert command is not None, name
        found |= (_leaves(command, (*path, name)) if isinstance(command, click.Group)
                  else {(*path, name)})
    return found


LINES = _command_lines()


def test_the_readme_shows_every_command() -> None:
    shown = {_resolve(segment)[2] for line in LINES for segment in _segments(line)}
    assert _leaves(main) <= shown, _leaves(main) - shown


@pytest.mark.parametrize("line", LINES)
def test_each_command_line_names_a_command_and_flags_it_has(line: str) -> None:
    for segment in _segments(line):
        command, rest, _ = _resolve(segment)
        assert not isinstance(command, click.Group), f"{segment}: no such subcommand"
        flags = {opt for param in command.params
                 for opt in (*param.opts, *param.secondary_opts)}
        named = {re.split(r"[=|]", word)[0] for word in rest if word.startswith("-")} - {"-"}
        assert named <= flags, f"{command.name} has no {sorted(named - flags)}"
        choices = {opt: param.type.choices for param in command.params
                   if isinstance(param.type, click.Choice) for opt in param.opts}
        for flag, value in itertools.pairwise(rest):
            if flag in choices:  # `--format table|markdown`: each value is one it takes
                assert set(value.split("|")) <= set(choices[flag]), f"{flag} {value}"


def test_every_repository_path_named_exists() -> None:
    paths = set(re.findall(r"`((?:engine|rules|scripts|docs|reports|seeds|tests)/[\w/.*{},-]+)`",
                           TEXT))
    paths |= set(re.findall(r"\b(scripts/\w+\.py)\b", TEXT))
    assert len(paths) > 10
    expanded = []
    for path in paths:
        braces = re.search(r"\{([^}]*)\}", path)
        alternatives = braces[1].split(",") if braces else [""]
        expanded += [path.replace(braces[0], a) if braces else path for a in alternatives]
    missing = [p for p in sorted(expanded) if not any(ROOT.glob(p.rstrip("/")))]
    assert not missing, missing


def test_the_rule_pack_example_validates_and_its_examples_pass(tmp_path: Path) -> None:
    (example,) = BLOCKS["yaml"]
    (rule,) = yaml.safe_load(example)["rules"]
    examples = rule["examples"]
    (tmp_path / "pack.yaml").write_text(example, encoding="utf-8")
    runner = CliRunner()
    validated = runner.invoke(main, ["rules", "validate", "--rules", str(tmp_path)])
    assert validated.exit_code == 0, validated.output
    tested = runner.invoke(main, ["rules", "test", "--rules", str(tmp_path), "-v"])
    assert tested.exit_code == 0, tested.output
    own = [line for line in tested.output.splitlines() if f" {rule['id']}:" in line]
    assert len(own) == len(examples["fires"]) + len(examples["passes"])  # each one ran
    assert all(line.startswith("ok") for line in own), own
