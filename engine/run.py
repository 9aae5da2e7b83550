"""A scoring run, streamed: inputs -> scorecards -> report, one article at a time.

Articles are read lazily (:func:`engine.sources.iter_inputs`), scored one by one (or by
worker processes, :mod:`engine.parallel`), given their reviewers' decisions, and then either
written at once (``jsonl``, input order) or parked on disk (:class:`engine.spool.CardSpool`)
until every article is in and the ranked report is written from the spool. No scorecard and no
article text is kept in memory after its turn: peak memory does not grow with the corpus.

Loading: this module names the ruleset and the reviews only in annotations. The scorers import
the scoring engine at the first article to score (:mod:`engine.parallel`), so a run served
wholly from the cache never loads rules, kinds or knowledge code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, TextIO

from engine import cardjson
from engine.cache import CardCache, RawCards, article_key
from engine.model import Article, RunHeader, RunReport, Scorecard, Skipped
from engine.progress import ArticleProgress
from engine.report import Format, write_report
from engine.report.jsonl import card_line, skipped_line
from engine.sources import STDIN_ARG, Recalled, iter_inputs, iter_recalled
from engine.spool import CardSpool, spool_dir

if TYPE_CHECKING:  # annotations only: see Loading above
    from engine.review import Reviews
    from engine.ruleset import Ruleset

OpenOutput = Callable[[], AbstractContextManager[TextIO]]


@dataclasses.dataclass(frozen=True)
class Compacted:
    """A scored article in its compact form (:mod:`engine.cardjson`, no text): what worker
    processes send back and what the cache holds. Scorers pass it through in its place. A run
    that needs neither the text nor reviews spools it as it is; the card is rebuilt only when
    asked for. ``cached``: it came from the cache (so it is not stored again)."""

    article: Article
    compact: cardjson.Compact
    cached: bool = False
    scored: Scorecard | None = None  # the card itself, when it was scored in this process

    def card(self) -> Scorecard:
        if self.scored is not None:
            return self.scored
        # The compact card has no text; the article it was made from (every field) has.
        return dataclasses.replace(self.compact.card(), article=self.article)


Item = Article | Skipped | Compacted
Scorer = Callable[[Iterable[Item]], Iterator[Scorecard | Skipped | Compacted]]
"""Scores every Article of a stream, in order (as a Scorecard or a Compacted); Skipped and
Compacted items pass through."""


@dataclasses.dataclass
class Outcome:
    """What the command needs after the report is written."""

    scored: int = 0
    skipped: list[Skipped] = dataclasses.field(default_factory=list)
    below: list[tuple[str, float, str]] = dataclasses.field(default_factory=list)
    """(id, score, path) of each article below ``fail_under``, in input order."""


RulesetSource = Callable[[], "Ruleset"]
"""Gives the run's ruleset, loading it on the first call: a run whose every card is cached
never calls it."""


LOOKUP_BATCH = 256


def cached_scorer(inner: Scorer, cache: CardCache, run: str,
                  raw: RawCards | None = None) -> Scorer:
    """``inner``, asked only for the articles ``cache`` has no card for; the cards it makes
    are stored (also under their input's raw key, with ``raw``). ``run`` is
    :func:`engine.cache.run_key` of the run."""
    def scored(items: Iterable[Item]) -> Iterator[Scorecard | Skipped | Compacted]:
        keys: deque[str] = deque()  # the keys of the articles sent to ``inner``, in order

        def lookups() -> Iterator[Item]:
            stream = iter(items)
            # Looked up LOOKUP_BATCH at a time: one query for many keys.
            while batch := list(itertools.islice(stream, LOOKUP_BATCH)):
                wanted = {id(item): article_key(item, run) for item in batch
                          if isinstance(item, Article)}
                found = cache.get_cards(wanted.values())
                for item in batch:
                    if isinstance(item, Article):
                        key = wanted[id(item)]
                        hit = found.get(key)
                        if hit is not None:
                            if raw is not None:
                                raw.store(item, hit)
                            yield Compacted(item, hit, cached=True)
                            continue
                        keys.append(key)
                    yield item

        for out in inner(lookups()):
            if isinstance(out, Scorecard):
                # Compacted once, here: the spool and the json reports take this form too.
                out = Compacted(out.article, cardjson.compact(out), scored=out)
            if isinstance(out, Compacted) and not out.cached:
                cache.put_card(keys.popleft(), out.compact)
                if raw is not None:
                    raw.store(out.article, out.compact)
            yield out
    return scored


def count_inputs(paths: Sequence[str]) -> int:
    """How many inputs there are (a reading pass), or 0 when stdin is one of them."""
    if STDIN_ARG in paths:
        return 0
    return sum(1 for _ in iter_inputs(paths))


def read_inputs(paths: Sequence[str], recall: RawCards | None) -> Iterator[Item]:
    """The inputs of ``paths``; with ``recall``, those it has a card for by their raw bytes
    come as cached ``Compacted`` cards, never parsed. Their article is a stand-in with the
    id and path only: a run that needs the text (HTML, reviews) reads without ``recall``."""
    if recall is None:
        yield from iter_inputs(paths, sys.stdin)
        return
    for item in iter_recalled(paths, sys.stdin, recall):
        if isinstance(item, Recalled):
            yield Compacted(Article(item.id, item.path, ""), item.value, cached=True)
        else:
            yield item


def run(paths: Sequence[str], header: RunHeader, as_of: dt.date, fmt: Format,
        open_output: OpenOutput, score: Scorer, *, reviews: Reviews | None = None,
        fail_under: float | None = None, progress: bool = False,
        recall: RawCards | None = None) -> Outcome:
    """Score ``paths`` with ``score`` and write the report in ``fmt`` to ``open_output``.

    ``open_output`` is entered once: at the start for ``jsonl`` (lines go out as articles are
    scored), after the last article for the ranked formats. ``recall``: the cache asked
    before parsing (:func:`read_inputs`), when the report needs no article text.
    """
    outcome = Outcome()
    total = count_inputs(paths) if progress and sys.stderr.isatty() else 0
    keep_text = fmt is Format.HTML  # the HTML report highlights the article text
    if keep_text or reviews is not None:
        recall = None

    def results() -> Iterator[Scorecard | Skipped | Compacted]:
        with ArticleProgress(total, enabled=progress) as bar:
            for item in score(read_inputs(paths, recall)):
                bar.advance()
                if isinstance(item, Skipped):
                    outcome.skipped.append(item)
                    yield item
                    continue
                if isinstance(item, Compacted) and (keep_text or reviews is not None):
                    item = item.card()
                if isinstance(item, Scorecard) and reviews is not None:
                    item = reviews.apply(item)
                outcome.scored += 1
                value = item.compact.score if isinstance(item, Compacted) else item.score
                if fail_under is not None and value < fail_under:
                    outcome.below.append((item.article.id, value, item.article.path))
                yield item

    if fmt is Format.JSONL:
        with open_output() as out:
            for item in results():
                if isinstance(item, Skipped):
                    out.write(skipped_line(item))
                elif isinstance(item, Compacted):
                    out.write(item.compact.line + "\n")  # as_dict() with sorted keys already
                else:
                    out.write(card_line(item))
        return outcome
    with CardSpool(keep_text=keep_text, directory=spool_dir()) as spool:
        for item in results():
            if isinstance(item, Compacted):
                spool.add_compact(item.compact, item.article.id)
            elif isinstance(item, Scorecard):
                spool.add(item)
        report: RunReport = header.report(spool.ranked(), outcome.skipped, as_of)
        with open_output() as out:
            write_report(report, fmt, out)
    return outcome
