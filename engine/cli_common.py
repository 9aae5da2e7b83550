"""What several commands share: loading the layered rules (or exiting 2) and reading inputs.

Its own module so that ``cli`` (which registers every command) and the command modules
(``cli_review``, ...) both import it, and never each other.

The code that builds a ruleset (``engine.ruleset``, ``engine.compiled``) and the review code
are imported when first called, not with this module: ``score`` imports this module on every
run, and a run served wholly from the cache never needs them (they are a third of its time).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from engine import layers
from engine.config import ProjectConfig, find_config, load_config
from engine.errors import EXIT_ERROR, LoadError
from engine.layers import RulesetConfig
from engine.model import Article, Skipped
from engine.report._shared import printable
from engine.sources import iter_inputs

if TYPE_CHECKING:
    from engine.review import Decision
    from engine.ruleset import Ruleset


def load_or_exit(config_path: Path | None, rule_dirs: Sequence[Path],
                 disable: Sequence[str]) -> tuple[Ruleset, ProjectConfig]:
    """Layer shipped packs, project config and flags; exit 2 with every problem on failure."""
    config, project = configure_or_exit(config_path, rule_dirs, disable)
    return load_configured_or_exit(config), project


def configure_or_exit(config_path: Path | None, rule_dirs: Sequence[Path],
                      disable: Sequence[str]) -> tuple[RulesetConfig, ProjectConfig]:
    """The ruleset's recipe (layered directories, switches) without loading it."""
    try:
        project = load_config(config_path or find_config(Path.cwd()))
    except LoadError as exc:
        _exit_with(exc)
    config = RulesetConfig(
        rule_dirs=layers.rule_dirs(project.rule_dirs, rule_dirs),
        disabled=project.disabled | frozenset(disable),
        weights=project.weights, config_file=project.source)
    return config, project


def load_configured_or_exit(config: RulesetConfig, *, cached: bool = False) -> Ruleset:
    """Load and compile ``config``'s rules (``cached``: through the compiled-ruleset cache,
    :mod:`engine.compiled`); exit 2 with every problem on failure."""
    from engine.compiled import load_cached  # see the module docstring
    from engine.ruleset import load_ruleset

    try:
        return load_cached(config) if cached else load_ruleset(config)
    except LoadError as exc:
        _exit_with(exc)


def _exit_with(exc: LoadError) -> NoReturn:
    for problem in exc.problems:
        click.echo(printable(str(problem)), err=True)
    click.echo(f"{len(exc.problems)} problem(s); nothing was scored.", err=True)
    sys.exit(EXIT_ERROR)


def read_inputs(paths: Sequence[str]) -> tuple[list[Article], list[Skipped]]:
    """Every input named by ``paths`` (``-`` is stdin), split into articles and skipped."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in iter_inputs(paths, sys.stdin):
        (articles if isinstance(item, Article) else skipped).append(item)  # type: ignore[arg-type]
    return articles, skipped


def decisions_or_exit(path: Path, consequence: str) -> list[Decision]:
    """The reviewer decisions in ``path``; a broken file prints every problem and exits 2,
    saying ``consequence`` ("nothing was scored")."""
    from engine.review import load_decisions  # see the module docstring

    try:
        return load_decisions(path)
    except LoadError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(exc.problems)} problem(s) in {path}; {consequence}.", err=True)
        sys.exit(EXIT_ERROR)
