"""One article through the stages: date -> kinds -> scorecard. Pure: no file I/O here."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from engine.dates import publication_date
from engine.model import (
    Article,
    DateInfo,
    Finding,
    LineIndex,
    RunReport,
    Scorecard,
    Skipped,
)
from engine.outlet import outlet_of
from engine.rule import ArticleContext
from engine.ruleset import CompiledRule, Ruleset
from engine.scoring import build_scorecard, rank
from engine.temporal.inference import infer_date


def resolve_date(article: Article, ruleset: Ruleset, as_of: dt.date,
                 index: LineIndex) -> DateInfo:
    """Metadata, then dateline; an undated article gets a window inferred from its content."""
    stated = publication_date(article, index)
    if stated.date is not None:
        return stated
    return infer_date(article, ruleset.knowledge, as_of, index) or stated


def context_for(article: Article, ruleset: Ruleset, as_of: dt.date) -> ArticleContext:
    index = LineIndex(article.text, article.line_offset)
    date = resolve_date(article, ruleset, as_of, index)
    return ArticleContext(article, date, as_of, ruleset.knowledge, index,
                          len(article.text.split()))


def evaluate(ctx: ArticleContext, rules: Iterable[CompiledRule]) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(rule.evaluator.evaluate(ctx))
    return findings


def not_run_on(ctx: ArticleContext, ruleset: Ruleset) -> tuple[str, ...]:
    """Ids of the rules that judge only articles of at least ``min_words`` words and that this
    article is too short for."""
    return tuple(rule_id for rule_id, words in ruleset.length_limits if ctx.word_count < words)


def score_article(article: Article, ruleset: Ruleset, as_of: dt.date) -> Scorecard:
    ctx = context_for(article, ruleset, as_of)
    findings = evaluate(ctx, ruleset.rules)
    card = build_scorecard(article, ctx.date, findings, ruleset.specs_by_id, ruleset.scoring)
    return dataclasses.replace(card, word_count=ctx.word_count,
                               not_run=not_run_on(ctx, ruleset),
                               outlet=outlet_of(ctx))


def run_report(cards: Sequence[Scorecard], skipped: Sequence[Skipped], ruleset: Ruleset,
               as_of: dt.date) -> RunReport:
    """The run's report: ``cards`` ranked (best first), skipped inputs by id."""
    return ruleset.header.report(tuple(rank(cards)), skipped, as_of)
