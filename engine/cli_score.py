"""The ``score`` command's plumbing: where the report goes, and the reviewer decisions."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import click

from engine.cache import CardCache, run_key
from engine.errors import EXIT_ERROR, LoadError
from engine.parallel import parallel_scorer
from engine.report.write import atomic_stream
from engine.review import load_decisions
from engine.ruleset import Ruleset
from engine.run import OpenOutput, Reviews, Scorer, cached_scorer


class _Echo:
    """stdout through ``click.echo``, remembering whether the text ended a line."""

    def __init__(self) -> None:
        self.ended_line = False
        self.wrote = False

    def write(self, text: str) -> int:
        if text:
            # A lone surrogate (from an undecodable file name) becomes a visible escape.
            click.echo(text.encode("utf-8", "backslashreplace").decode("utf-8"), nl=False)
            self.ended_line = text.endswith("\n")
            self.wrote = True
        return len(text)

    def writelines(self, lines: Iterator[str]) -> None:
        for line in lines:
            self.write(line)


@contextlib.contextmanager
def _stdout() -> Iterator[TextIO]:
    echo = _Echo()
    yield echo  # type: ignore[misc]  # duck-typed: the writers only call write/writelines
    if not echo.ended_line:
        click.echo("")


def opener(output: Path | None) -> OpenOutput:
    """The report's destination: ``output`` written atomically, or stdout."""
    if output is None:
        return _stdout
    return lambda: atomic_stream(output)


def load_reviews(path: Path, ruleset: Ruleset) -> Reviews:
    """The decisions in ``path``, ready to apply; a broken file exits 2 with every problem."""
    try:
        decisions = load_decisions(path)
    except LoadError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(exc.problems)} problem(s) in {path}; nothing was scored.", err=True)
        sys.exit(EXIT_ERROR)
    return Reviews(path, decisions, ruleset)


@contextlib.contextmanager
def scorer_for(ruleset: Ruleset, as_of: dt.date, jobs: int, use_cache: bool
               ) -> Iterator[Scorer]:
    """The scorer of a ``score`` run: on ``jobs`` workers, behind the cache when on."""
    scorer = parallel_scorer(ruleset, as_of, jobs)
    if not use_cache:
        yield scorer
        return
    with CardCache() as cache:
        yield cached_scorer(scorer, cache, run_key(ruleset.digest, as_of))
