"""Which files a run reads: rule directories, layered the same way for every command.

``score``, ``rules ...`` and ``kb check`` all call ``rule_dirs`` then ``layer_files``, so a
directory means the same thing to each of them:

- the directory stack is the shipped ``rules/`` (unless left out), then the project config's
  ``rules`` directories, then each ``--rules DIR`` in order;
- in every directory, ``*.yaml`` are rule packs (``scoring.yaml`` is the scoring config) and
  ``knowledge/*.yaml`` and ``knowledge/*.csv`` (tenure tables) are knowledge files;
- a knowledge file replaces the earlier directory's file of the same name (so an override of
  ``roles.yaml`` is the only ``roles.yaml`` loaded), a later ``scoring.yaml`` replaces the
  earlier one, and packs all load (a later rule replaces an earlier rule of the same id; that
  is decided by the ruleset, which knows ids).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import Diagnostic
from engine.paths import shipped_rules_dir

SHIPPED_RULES = shipped_rules_dir()
SCORING_FILE = "scoring.yaml"
KNOWLEDGE_DIR = "knowledge"


@dataclass(frozen=True)
class RulesetConfig:
    """Where rules come from and what the run changes: the picklable recipe of a Ruleset
    (``engine.ruleset.load_ruleset``). Kept here, beside the layering, so that a run served
    from the cache can name its ruleset without importing the code that builds one."""

    rule_dirs: tuple[Path, ...] = (SHIPPED_RULES,)
    disabled: frozenset[str] = frozenset()
    weights: Mapping[str, float] = field(default_factory=dict)
    config_file: str | None = None  # where disabled/weights came from, for report headers


@dataclass(frozen=True)
class RuleFiles:
    """The files of a directory stack, in load order, and a diagnostic per missing directory."""

    packs: tuple[Path, ...]
    knowledge: tuple[Path, ...]
    scoring: Path | None
    problems: tuple[Diagnostic, ...]

    @property
    def all(self) -> tuple[Path, ...]:
        return (*self.knowledge, *self.packs, *([self.scoring] if self.scoring else []))


def rule_dirs(configured: Iterable[Path] = (), given: Iterable[Path] = (), *,
              shipped: bool = True) -> tuple[Path, ...]:
    """The directory stack: shipped, then the project config's, then the command line's."""
    return (*([SHIPPED_RULES] if shipped else []), *configured,
            *(Path(d).resolve() for d in given))


def layer_files(dirs: Iterable[Path]) -> RuleFiles:
    knowledge_by_name: dict[str, Path] = {}
    packs: list[Path] = []
    scoring: Path | None = None
    problems: list[Diagnostic] = []
    for directory in dirs:
        if not directory.is_dir():
            problems.append(Diagnostic.at(str(directory), 1, 0, "rule directory not found",
                                          "pass an existing folder to --rules", code="layers"))
            continue
        for path in sorted((directory / KNOWLEDGE_DIR).glob("*.yaml")):
            knowledge_by_name[path.name] = path
        for path in sorted((directory / KNOWLEDGE_DIR).glob("*.csv")):  # tenure tables
            knowledge_by_name[path.name] = path
        for path in sorted(directory.glob("*.yaml")):
            if path.name == SCORING_FILE:
                scoring = path
            else:
                packs.append(path)
    knowledge = tuple(knowledge_by_name[name] for name in sorted(knowledge_by_name))
    return RuleFiles(tuple(packs), knowledge, scoring, tuple(problems))
