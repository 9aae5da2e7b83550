"""The ``score`` command's plumbing: where the report goes, and the reviewer decisions."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from engine.cache import CardCache, RawCards, ruleset_fingerprint, run_key
from engine.cli_common import decisions_or_exit, load_configured_or_exit
from engine.errors import EXIT_ERROR
from engine.layers import RulesetConfig
from engine.model import RunHeader
from engine.parallel import parallel_scorer
from engine.report.write import atomic_stream
from engine.run import OpenOutput, RulesetSource, Scorer, cached_scorer

if TYPE_CHECKING:
    from engine.review import Reviews
    from engine.ruleset import Ruleset


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


def require_dask() -> None:
    """Exit 2 with the install hint when the ``dask`` extra is missing."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        click.echo("--dask needs Dask: pip install 'reliability-engine[dask]'", err=True)
        sys.exit(EXIT_ERROR)


def load_reviews(path: Path, ruleset: Ruleset) -> Reviews:
    """The decisions in ``path``, ready to apply; a broken file exits 2 with every problem."""
    from engine.review import Reviews  # imported when asked for: see engine.cli_common

    return Reviews(path, decisions_or_exit(path, "nothing was scored"), ruleset)


@dataclasses.dataclass
class Prepared:
    """A ``score`` run's ruleset side: the report header, the scorer, and the ruleset itself
    on demand (loaded at most once, and only when an article has to be scored)."""

    header: RunHeader
    scorer: Scorer
    ruleset: RulesetSource
    recall: RawCards | None = None  # the cache asked before parsing (engine.run.read_inputs)


@contextlib.contextmanager
def prepare(config: RulesetConfig, as_of: dt.date, jobs: int, use_cache: bool,
            dask_address: str | None = None) -> Iterator[Prepared]:
    """The scorer of a ``score`` run: on ``jobs`` workers (or the Dask scheduler at
    ``dask_address``), behind the cache when on. With the cache on and these rules seen
    before, the ruleset is not loaded until a card is missing."""
    loaded: list[Ruleset] = []

    def ruleset() -> Ruleset:
        if not loaded:
            loaded.append(load_configured_or_exit(config, cached=use_cache))
        return loaded[0]

    if dask_address is not None:
        from engine.dask_run import dask_scorer

        scorer = dask_scorer(dask_address, ruleset, as_of)
    else:
        scorer = parallel_scorer(ruleset, as_of, jobs)
    if not use_cache:
        yield Prepared(ruleset().header, scorer, ruleset)
        return
    with CardCache() as cache:
        fingerprint = ruleset_fingerprint(config)
        header = cache.header(fingerprint) if fingerprint is not None else None
        if header is None:
            header = ruleset().header
            if fingerprint is not None:
                cache.put_header(fingerprint, header)
        run = run_key(header.digest, as_of)
        raw = RawCards(cache, run)
        yield Prepared(header, cached_scorer(scorer, cache, run, raw), ruleset, raw)
