"""Scoring on worker processes, results in input order: ``--jobs N``.

The pool is started after the ruleset is built: with the ``fork`` start method (Linux, the
default where available) each worker inherits the compiled ruleset without pickling it;
elsewhere it is pickled once per worker (``Ruleset.__reduce__`` rebuilds it). The parent reads
the inputs and sends batches of articles; a worker sends back compact scorecards whose article
is a stub, and the parent puts the article it sent back in place, so no text crosses twice.
At most ``jobs * IN_FLIGHT`` batches are out at any time: memory stays flat however large the
input. Output order is input order, so every report is byte-identical to a one-process run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult, Pool
from typing import TYPE_CHECKING

from engine.cardjson import Compact, compact
from engine.model import Article, Scorecard, Skipped
from engine.run import Compacted, Item, RulesetSource, Scorer

if TYPE_CHECKING:
    from engine.ruleset import Ruleset

BATCH = 16
"""Articles per task: enough to amortise the round trip, few enough to balance the workers."""
IN_FLIGHT = 4
"""Batches queued per worker: keeps every worker busy while the parent reads ahead."""

_worker: tuple[Ruleset, dt.date] | None = None


def _init(ruleset: Ruleset, as_of: dt.date) -> None:
    global _worker
    _worker = (ruleset, as_of)


def _score(article: Article, ruleset: Ruleset, as_of: dt.date) -> Scorecard:
    # Imported at the first article to score, not with this module: a run served wholly from
    # the cache never loads the scoring engine (rules, kinds, knowledge), a third of its time.
    from engine.pipeline import score_article

    return score_article(article, ruleset, as_of)


def _score_batch(articles: list[Article]) -> list[Compact]:
    assert _worker is not None, "worker not initialised"
    ruleset, as_of = _worker
    return [compact(_score(article, ruleset, as_of)) for article in articles]


def sequential_scorer(ruleset: RulesetSource, as_of: dt.date) -> Scorer:
    """Score in this process, in input order."""
    def run(items: Iterable[Item]) -> Iterator[Scorecard | Skipped | Compacted]:
        for item in items:
            yield _score(item, ruleset(), as_of) if isinstance(item, Article) else item
    return run


def workers(jobs: int) -> int:
    """``jobs``, with 0 meaning every core this process may use."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


Batch = list[Item]


def _joined(batch: Batch, result: AsyncResult[list[Compact]] | None
            ) -> Iterator[Scorecard | Skipped | Compacted]:
    cards = iter(result.get() if result is not None else ())
    for item in batch:
        yield Compacted(item, next(cards)) if isinstance(item, Article) else item


def parallel_scorer(ruleset: RulesetSource, as_of: dt.date, jobs: int) -> Scorer:
    """A scorer running on ``workers(jobs)`` processes (one: in this process). The pool starts
    at the first article to score: a run served wholly from the cache starts none."""
    count = workers(jobs)
    if count == 1:
        return sequential_scorer(ruleset, as_of)

    def run(items: Iterable[Item]) -> Iterator[Scorecard | Skipped | Compacted]:
        stream = iter(items)
        with contextlib.ExitStack() as stack:
            pool: Pool | None = None
            pending: deque[tuple[Batch, AsyncResult[list[Compact]] | None]] = deque()
            while batch := list(itertools.islice(stream, BATCH)):
                articles = [item for item in batch if isinstance(item, Article)]
                result = None
                if articles:
                    if pool is None:
                        from engine.compiled import warm  # see _score

                        loaded = ruleset()
                        warm()  # patterns compiled once here, not once per worker
                        pool = stack.enter_context(_context().Pool(
                            count, initializer=_init, initargs=(loaded, as_of)))
                    result = pool.apply_async(_score_batch, (articles,))
                pending.append((batch, result))
                if len(pending) >= count * IN_FLIGHT:
                    yield from _joined(*pending.popleft())
            while pending:
                yield from _joined(*pending.popleft())
    return run
