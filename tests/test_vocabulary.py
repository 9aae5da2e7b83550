"""Vocabulary lives once: no rule file, knowledge file or engine constant repeats a list of
country names, ranks, role titles or month and weekday names that has its home elsewhere.

Homes: country names, aliases and demonyms in ``rules/knowledge/countries.yaml``; ranks and
forms of address in the ``honorific`` entries of ``rules/knowledge/lexicon.yaml``; role titles
in ``rules/knowledge/roles.yaml``; month and weekday names in ``engine/dates.py``. Every list
of strings elsewhere (YAML lists and mapping keys; ``engine/**/*.py`` module- and class-level
string collections) may share at most ``MAX_SHARED`` items with each vocabulary.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.dates import MONTH_WORDS, WEEKDAY_WORDS

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "rules" / "knowledge"
# Two shared words can be chance ("President" is a title and a name stopword); three are a copy.
MAX_SHARED = 2
# Keys whose lists name entries of the home vocabulary (a coverage window's countries) rather
# than repeat it: each item must be a known country, which a test below checks.
REFERENCE_KEYS = frozenset({"countries"})


def _fold(word: str) -> str:
    return " ".join(word.replace(".", " ").casefold().split())


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _vocabularies() -> dict[str, tuple[set[str], set[str]]]:
    """name -> (words, home paths/ids that may hold them)."""
    countries = {_fold(w) for entry in _yaml(KNOWLEDGE / "countries.yaml")["entries"]
                 for w in [entry["name"], *entry.get("aliases", ()), *entry.get("demonyms", ())]}
    lexicon = _yaml(KNOWLEDGE / "lexicon.yaml")["entries"]
    ranks = {_fold(w) for entry in lexicon if entry["use"] == "honorific"
             for w in entry["phrases"]}
    roles = _yaml(KNOWLEDGE / "roles.yaml")["entries"]
    # A role id that reads like a title ("president") names the role, it does not repeat it.
    titles = {_fold(w) for entry in roles for w in entry["titles"]} - {e["id"] for e in roles}
    months = set(MONTH_WORDS | WEEKDAY_WORDS)
    return {
        "countries": (countries, {"rules/knowledge/countries.yaml"}),
        "ranks": (ranks, {"rules/knowledge/lexicon.yaml#honorific"}),
        "titles": (titles, {"rules/knowledge/roles.yaml"}),
        "months": (months, {"engine/dates.py"}),
    }


def _yaml_lists(data: Any, where: str) -> Iterator[tuple[str, list[str]]]:
    if isinstance(data, list):
        strings = [x for x in data if isinstance(x, str)]
        if len(strings) > MAX_SHARED:
            yield where, strings
        for i, item in enumerate(data):
            yield from _yaml_lists(item, f"{where}[{i}]")
    elif isinstance(data, dict):
        keys = [k for k in data if isinstance(k, str)]
        if len(keys) > MAX_SHARED and all(isinstance(v, str) for v in data.values()):
            yield f"{where} (keys)", keys
        for key, value in data.items():
            if key in REFERENCE_KEYS:
                continue
            yield from _yaml_lists(value, f"{where}.{key}")


def _python_lists(path: Path) -> Iterator[tuple[str, list[str]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    scopes: list[ast.Module | ast.ClassDef] = [
        tree, *(node for node in tree.body if isinstance(node, ast.ClassDef))]
    for scope in scopes:
        for node in scope.body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                strings = [n.value for n in ast.walk(node.value)
                           if isinstance(n, ast.Constant) and isinstance(n.value, str)]
                if len(strings) > MAX_SHARED:
                    yield f"line {node.lineno}", strings


def _all_lists() -> Iterator[tuple[str, str, list[str]]]:
    """(file, where in it, strings) for every list outside the homes' own entries."""
    for path in sorted([*(ROOT / "rules").glob("*.yaml"), *KNOWLEDGE.glob("*.yaml")]):
        rel = path.relative_to(ROOT).as_posix()
        data = _yaml(path)
        if rel == "rules/knowledge/lexicon.yaml":
            for i, entry in enumerate(data["entries"]):
                name = f"{rel}#honorific" if entry["use"] == "honorific" else rel
                yield name, f"entries[{i}] ({entry['id']})", entry["phrases"]
            continue
        for where, strings in _yaml_lists(data, "$"):
            yield rel, where, strings
    for path in sorted((ROOT / "engine").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for where, strings in _python_lists(path):
            yield rel, where, strings


def _references(data: Any) -> Iterator[str]:
    if isinstance(data, list):
        for item in data:
            yield from _references(item)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key in REFERENCE_KEYS and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str) and v != "*")
            else:
                yield from _references(value)


def test_country_references_name_known_countries() -> None:
    countries, _homes = _vocabularies()["countries"]
    unknown = sorted({f"{path.name}: {name}"
                      for path in sorted(KNOWLEDGE.glob("*.yaml"))
                      for name in _references(_yaml(path)) if _fold(name) not in countries})
    assert not unknown, unknown


def test_the_vocabularies_are_not_empty() -> None:
    for name, (words, _homes) in _vocabularies().items():
        assert len(words) >= 12, name


def test_no_vocabulary_list_is_repeated_outside_its_home() -> None:
    problems = []
    for name, (words, homes) in _vocabularies().items():
        for path, where, strings in _all_lists():
            if path in homes:
                continue
            shared = sorted({_fold(s) for s in strings} & words)
            if len(shared) > MAX_SHARED:
                problems.append(f"{path} {where}: repeats {len(shared)} {name} "
                                f"({', '.join(shared[:6])}) — read them from {min(homes)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("strings", "expected"), [
    (["Syrian", "Russian", "U.S.", "Turkish"], "countries"),
    (["Maj Gen", "Col", "Brigadier"], "ranks"),
    (["January", "Feb", "Sunday"], "months"),
])
def test_the_check_catches_a_copied_list(strings: list[str], expected: str) -> None:
    words, _homes = _vocabularies()[expected]
    assert len({_fold(s) for s in strings} & words) > MAX_SHARED
