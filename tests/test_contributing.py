"""CONTRIBUTING.md says what the code does: its paths exist, each recipe's registry is the one
place its modules are registered, and the contract it lists is what registered modules have."""

from __future__ import annotations

import importlib
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from engine.cli import main
from engine.kinds import KINDS
from tests.conftest import ROOT

TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
CONTRACT = re.compile(r"^Contract: (?P<names>.+?) — registry: `(?P<registry>\w+)` in "
                      r"`(?P<path>[\w/.]+)`\.$", re.M)
RECIPES = [(m["registry"], m["path"], re.findall(r"`(\w+)`", m["names"]))
           for m in CONTRACT.finditer(TEXT)]


def test_the_recipes_for_kinds_checks_and_sections_name_a_registry() -> None:
    assert [r[0] for r in RECIPES] == ["KINDS", "CHECKS", "CHECKS", "SECTIONS"]


def test_every_registry_in_the_code_has_a_recipe() -> None:
    # The kinds, the sections, and each kind's family of checks (its VARIANTS' package).
    registries = {"engine/kinds/__init__.py", "engine/knowledge/sections/__init__.py"}
    for kind in KINDS.values():
        variants = getattr(kind, "VARIANTS", {})
        if variants:
            package = next(iter(variants.values())).__name__.rsplit(".", 1)[0]
            registries.add(package.replace(".", "/") + "/__init__.py")
    assert registries == {path for _, path, _ in RECIPES}


def test_every_path_named_exists() -> None:
    paths = set(re.findall(r"`((?:engine|rules|tests|docs|reports)/[\w/.*-]+)`", TEXT))
    assert len(paths) > 10
    missing = [p for p in sorted(paths) if not any(ROOT.glob(p))]
    assert not missing, missing
    assert (ROOT / ".pre-commit-hooks.yaml").is_file()


def _module_name(path: str) -> str:
    return path.removesuffix("/__init__.py").replace("/", ".")


@pytest.mark.parametrize(("registry", "path", "contract"), RECIPES,
                         ids=[r[1] for r in RECIPES])
def test_registry_holds_every_module_of_its_folder_with_the_contract(
        registry: str, path: str, contract: list[str]) -> None:
    package = importlib.import_module(_module_name(path))
    modules = getattr(package, registry)
    assert isinstance(modules, dict) and modules
    # One file plus one registry line: every module of the folder that declares a NAME (a
    # kind, check or section; helpers declare none) is registered here, and only here.
    folder = (ROOT / path).parent
    files = {p.stem for p in folder.glob("*.py")
             if re.search(r"^NAME\b", p.read_text(encoding="utf-8"), re.M)}
    registered = {m.__name__.rsplit(".", 1)[1] for m in modules.values()}
    assert files == registered, f"unregistered: {files - registered}; helpers: " \
        f"{registered - files}"
    source = (ROOT / path).read_text(encoding="utf-8")
    for stem in registered:
        assert len(re.findall(rf"\b{stem}\b", source)) == 2, stem  # imported, listed
    for name, module in modules.items():
        missing = [attr for attr in contract if not hasattr(module, attr)]
        assert not missing, f"{name} lacks {missing}"
        assert name == module.NAME


def test_the_rule_recipe_names_the_required_keys() -> None:
    schema_path = re.search(r"schema: `([\w/.-]+)`", TEXT)
    assert schema_path is not None
    schema = json.loads((ROOT / schema_path[1]).read_text(encoding="utf-8"))
    required = schema["$defs"]["rule"]["required"]
    listed = re.search(r"^Contract: (.+?) — schema:", TEXT, re.M)
    assert listed is not None
    assert re.findall(r"`(\w+)`", listed[1]) == required


HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("hook", HOOKS, ids=[h["id"] for h in HOOKS])
def test_each_pre_commit_hook_runs_its_command(hook: dict[str, Any], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # A rule repository with no rules of its own: the shipped rules validate and pass.
    (tmp_path / "rules").mkdir()
    monkeypatch.chdir(tmp_path)
    entry = shlex.split(str(hook["entry"]))
    assert entry[0] == "reliability"
    args = [*entry[1:], *[str(a) for a in hook["args"]]]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert hook["pass_filenames"] is False
    assert f"id: {hook['id']}" in TEXT  # CONTRIBUTING shows the hook by its id
