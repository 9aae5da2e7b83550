"""Imports run one way: no cycle between the packages of ``engine``, nor between its modules.

Every import is read with ``ast`` (including ones under ``TYPE_CHECKING`` and inside functions,
since a cycle hidden behind either is still a cycle in the design). A *unit* is a direct child of
``engine``: a sub-package (``engine.kinds`` and everything under it) or a top-level module
(``engine.rule``); a package-level cycle is a cycle between units.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "engine"
ROOT_PACKAGE = "engine"

Graph = dict[str, set[str]]


def module_name(path: Path, package_dir: Path = PACKAGE_DIR) -> str:
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def engine_modules(package_dir: Path = PACKAGE_DIR) -> dict[str, Path]:
    return {module_name(path, package_dir): path for path in sorted(package_dir.rglob("*.py"))}


def imported_modules(module: str, path: Path, known: Iterable[str]) -> set[str]:
    """The modules of the package that ``module`` imports (resolved to the longest known name)."""
    known_set = set(known)
    is_package = path.name == "__init__.py"
    found: set[str] = set()

    def resolve(name: str) -> str | None:
        while name:
            if name in known_set:
                return name
            name = name.rpartition(".")[0]
        return None

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                # A package's own __init__ is level-1 relative to itself, a module's to its parent.
                keep = len(base) - node.level + (1 if is_package else 0)
                prefix = ".".join(base[:keep])
                source = f"{prefix}.{node.module}" if node.module else prefix
            else:
                source = node.module or ""
            # ``from engine.kinds import pattern`` imports the module engine.kinds.pattern;
            # ``from engine.kinds import KINDS`` imports engine.kinds itself.
            names = [f"{source}.{alias.name}" for alias in node.names]
            targets = [name for name in names if name in known_set]
            if len(targets) < len(names):
                targets.append(source)
        else:
            continue
        for target in targets:
            resolved = resolve(target)
            if resolved is not None and resolved != module:
                found.add(resolved)
    return found


def module_graph(package_dir: Path = PACKAGE_DIR) -> Graph:
    modules = engine_modules(package_dir)
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def unit_of(module: str) -> str:
    """``engine.kinds.pattern`` -> ``engine.kinds``; ``engine.rule`` -> ``engine.rule``."""
    parts = module.split(".")
    return ".".join(parts[:2])


def unit_graph(modules: Mapping[str, set[str]]) -> Graph:
    graph: Graph = {}
    for source, targets in modules.items():
        edges = graph.setdefault(unit_of(source), set())
        edges.update(unit_of(t) for t in targets if unit_of(t) != unit_of(source))
    # The bare package ``engine`` (its __init__) is not a unit between others.
    graph.pop(ROOT_PACKAGE, None)
    for edges in graph.values():
        edges.discard(ROOT_PACKAGE)
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component with more than one node (Tarjan), as sorted lists."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def explain(graph: Mapping[str, set[str]], component: list[str]) -> str:
    members = set(component)
    edges = [f"{a} -> {b}" for a in component for b in sorted(graph.get(a, ())) if b in members]
    return f"{' <-> '.join(component)}: " + "; ".join(edges)


def test_no_import_cycle_between_packages() -> None:
    graph = unit_graph(module_graph())
    found = cycles(graph)
    assert not found, "package-level import cycles (move the shared type down, e.g. to " \
        "engine/rule.py):\n" + "\n".join(explain(graph, c) for c in found)


def test_no_import_cycle_between_modules() -> None:
    graph = module_graph()
    found = cycles(graph)
    assert not found, "module-level import cycles:\n" + "\n".join(
        explain(graph, c) for c in found)


def test_contracts_import_nothing_above_them() -> None:
    # The contracts are the bottom of the house: only values, errors, regexes and knowledge.
    allowed = {"engine.errors", "engine.model", "engine.yamlpos", "engine.knowledge",
               "engine.regex"}
    imported = {unit_of(m) for m in module_graph()["engine.rule"]}
    assert imported <= allowed, f"engine.rule imports {sorted(imported - allowed)}"


def _write(root: Path, files: Mapping[str, str]) -> Path:
    package = root / "engine"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_detector_finds_a_package_cycle_and_a_module_cycle(tmp_path: Path) -> None:
    # The checker itself must be able to fail: a fake package with both kinds of cycle.
    package = _write(tmp_path, {
        "__init__.py": "",
        "rule.py": "from engine.model import X\n",
        "model.py": "X = 1\n",
        "kinds/__init__.py": "from engine.kinds import pattern\n",
        "kinds/pattern.py": "from engine.checks.a import Y\nfrom . import helper\n",
        "kinds/helper.py": "from .pattern import Z\n",
        "kinds/values.py": "Y = 2\n",
        "checks/__init__.py": "",
        "checks/a.py": ("import typing\n"
                        "if typing.TYPE_CHECKING:\n    from engine.kinds import values\n"),
    })
    modules = module_graph(package)
    assert modules["engine.kinds"] == {"engine.kinds.pattern"}
    assert modules["engine.kinds.helper"] == {"engine.kinds.pattern"}
    assert cycles(modules) == [["engine.kinds.helper", "engine.kinds.pattern"]]
    assert cycles(unit_graph(modules)) == [["engine.checks", "engine.kinds"]]
    assert unit_graph(modules)["engine.rule"] == {"engine.model"}
