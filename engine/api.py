"""The Python API: score a string or files without the command line.

    >>> from engine import score_text, score_paths
    >>> card = score_text("Officials said on Monday ...", title="Budget passes")
    >>> card.score, card.band
    >>> report = score_paths(["articles/"])          # a RunReport: ranked cards + skipped
    >>> [(c.article.id, c.score) for c in report.cards]

Both load the shipped rules once per process (or take a ``ruleset`` from :func:`load_rules`)
and never write files. Results are the frozen values of ``engine.model``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from engine.layers import rule_dirs as layered_rule_dirs
from engine.model import Article, RunReport, Scorecard
from engine.pipeline import run_report, score_article
from engine.ruleset import Ruleset, RulesetConfig, load_ruleset
from engine.sources import iter_inputs

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def load_rules(rule_dirs: Iterable[str | Path] = (), *, disable: Iterable[str] = (),
               weights: Mapping[str, float] | None = None) -> Ruleset:
    """The shipped rules, then each of ``rule_dirs`` (same id replaces), minus ``disable``
    (rule ids or categories), with ``weights`` (rule id or category -> multiplier).

    Raises :class:`engine.errors.LoadError` listing every problem of every file.
    """
    return load_ruleset(RulesetConfig(
        rule_dirs=layered_rule_dirs((), (Path(d) for d in rule_dirs)),
        disabled=frozenset(disable), weights=dict(weights or {})))


@cache
def _shipped() -> Ruleset:
    return load_ruleset()


def score_text(text: str, *, title: str | None = None, meta: Mapping[str, Any] | None = None,
               article_id: str = "text", as_of: dt.date | None = None,
               ruleset: Ruleset | None = None) -> Scorecard:
    """Score one article given as a string.

    ``meta`` takes the fields an article file may carry (``date``, ``source``, ``author``,
    ``url``); ``as_of`` is the reference date (default today). Lone surrogates, which no
    encoding can hold, are replaced by U+FFFD before scoring.
    """
    clean = _LONE_SURROGATE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    article = Article(article_id, f"<{article_id}>", clean, title=title, meta=dict(meta or {}))
    return score_article(article, ruleset or _shipped(), as_of or dt.date.today())


def score_paths(paths: Iterable[str | Path], *, as_of: dt.date | None = None,
                ruleset: Ruleset | None = None) -> RunReport:
    """Score files and folders (as ``reliability score`` does): a ranked :class:`RunReport`
    whose ``skipped`` lists every input that could not be scored, with the reason."""
    rules = ruleset or _shipped()
    when = as_of or dt.date.today()
    cards: list[Scorecard] = []
    skipped = []
    for item in iter_inputs([str(p) for p in paths]):
        if isinstance(item, Article):
            cards.append(score_article(item, rules, when))
        else:
            skipped.append(item)
    return run_report(cards, skipped, rules, when)
