"""Scoring on a Dask cluster: ``reliability score ... --dask ADDRESS`` and :func:`score_jsonl_bag`.

Needs the ``dask`` extra (``pip install 'reliability-engine[dask]'``) here and on every worker,
and the rule directories of the run at the same paths on the workers (the shipped rules always
are). The ruleset goes to the cluster once: it is scattered to every worker, where unpickling
rebuilds it from its recipe (``Ruleset.__reduce__``), and each task refers to that copy.

``--dask``: this process reads the inputs (as for a local run, cache included) and sends
batches of articles; workers return compact scorecards (:class:`engine.cardjson.Compact`, no
text), taken in input order: the report is byte-identical to a local run's.

:func:`score_jsonl_bag`: for data already on the cluster, maps the scorer over a ``dask.bag``
of JSONL lines (``dask.bag.read_text("s3://bucket/*.jsonl")``) and gives a bag of scorecards as
plain dicts (``Scorecard.as_dict()``; ``{"skipped": {...}}`` for a record that cannot be scored).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from engine.cardjson import Compact, compact
from engine.model import Article, Scorecard, Skipped
from engine.pipeline import score_article
from engine.ruleset import Ruleset, RulesetConfig, load_ruleset
from engine.run import Compacted, Item, RulesetSource, Scorer
from engine.sources.common import Unusable
from engine.sources.records import article_from_record, loads, record_id

BATCH = 64
"""Articles per task: a cluster round trip costs more than a local pool's."""
IN_FLIGHT = 8
"""Batches out per worker."""

def _score_batch(articles: list[Article], ruleset: Ruleset, as_of: dt.date) -> list[Compact]:
    return [compact(score_article(article, ruleset, as_of)) for article in articles]


def dask_scorer(address: str, ruleset: RulesetSource, as_of: dt.date) -> Scorer:
    """A scorer sending batches to the Dask scheduler at ``address`` (connected, and the
    ruleset scattered, at the first article to score)."""
    from distributed import Client, Future

    def run(items: Iterable[Item]) -> Iterator[Scorecard | Skipped | Compacted]:
        stream = iter(items)
        client: Client | None = None
        shared: Future | None = None
        pending: deque[tuple[list[Item], Future | None]] = deque()
        try:
            while batch := list(itertools.islice(stream, BATCH)):
                articles = [item for item in batch if isinstance(item, Article)]
                future = None
                if articles:
                    if client is None:
                        client = Client(address)
                        shared = client.scatter(ruleset(), broadcast=True)
                    future = client.submit(_score_batch, articles, shared, as_of, pure=False)
                pending.append((batch, future))
                workers = len(client.scheduler_info()["workers"]) if client else 1
                if len(pending) >= max(1, workers) * IN_FLIGHT:
                    yield from _joined(*pending.popleft())
            while pending:
                yield from _joined(*pending.popleft())
        finally:
            if client is not None:
                client.close()
    return run


def _joined(batch: list[Item], future: Any) -> Iterator[Scorecard | Skipped | Compacted]:
    cards = iter(future.result() if future is not None else ())
    for item in batch:
        yield Compacted(item, next(cards)) if isinstance(item, Article) else item


def _score_lines(lines: Iterable[str], ruleset: Ruleset, as_of: dt.date,
                 label: str, partition: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        default_id = f"{label}:{partition}:{number}"
        record: Any = None
        try:
            record = loads(line)
            article = article_from_record(record, default_id, label, "utf-8", None)
        except Unusable as exc:
            out.append({"skipped": Skipped(record_id(record, default_id), label,
                                           exc.reason).as_dict()})
            continue
        out.append(score_article(article, ruleset, as_of).as_dict())
    return out


def score_jsonl_bag(lines: Any, *, as_of: dt.date, config: RulesetConfig | None = None,
                    label: str = "bag") -> Any:
    """A ``dask.bag`` of scorecard dicts from a bag of JSONL lines, one per line, in order.

    ``config`` picks the rules (default: the shipped ones); ``label`` is the ``path`` the
    cards show. A record without an ``id`` gets ``LABEL:PARTITION:LINE``. The ruleset is one
    node of the graph, loaded once per worker that needs it::

        import dask.bag as db
        from engine.dask_run import score_jsonl_bag
        cards = score_jsonl_bag(db.read_text("corpus/*.jsonl"), as_of=date(2026, 11, 21))
        cards.map(json.dumps).to_textfiles("cards/*.jsonl")
    """
    import dask
    import dask.bag

    ruleset = dask.delayed(load_ruleset, pure=True)(config or RulesetConfig())
    return dask.bag.from_delayed([
        dask.delayed(_score_lines, pure=True)(part, ruleset, as_of, label, number)
        for number, part in enumerate(lines.to_delayed())])
