"""Properties that hold for every article, not just the seeds (hypothesis).

Articles are built from pieces of the seed articles (so rules really fire) mixed with
arbitrary text; scorecards for the scoring properties are built from arbitrary findings.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.model import Article, DateInfo, Finding, Skipped
from engine.pipeline import run_report, score_article
from engine.report import RENDERERS, Format
from engine.rule import RuleSpec
from engine.ruleset import Ruleset, load_ruleset
from engine.scoring import CategoryCap, ScoreBand, ScoringConfig, build_scorecard
from engine.sources import iter_inputs
from tests.conftest import SEEDS

AS_OF = dt.date(2026, 11, 21)
RULESET: Ruleset = load_ruleset()
SEED_LINES = [line for path in sorted(SEEDS.glob("*.txt"))
              for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
SLOW = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

piece = st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=80))
article_text = st.lists(piece, min_size=1, max_size=12).map("\n".join)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(article_text)
    meta = draw(st.sampled_from([{}, {"date": "2026-02-04"}, {"date": "2019-07-01"}]))
    return Article(f"art{draw(st.integers(0, 999))}", "<hypothesis>", text, None, meta)


@SLOW
@given(articles())
def test_every_span_quotes_the_article_at_its_offsets(article: Article) -> None:
    card = score_article(article, RULESET, AS_OF)
    for finding in card.findings:
        for span in finding.spans:
            assert 0 <= span.start <= span.end <= len(article.text)
            assert span.text == article.text[span.start:span.end], finding.rule_id
    assert 0.0 <= card.score <= 100.0


@SLOW
@given(st.lists(articles(), max_size=4),
       st.lists(st.builds(Skipped, st.text(min_size=1, max_size=10), st.just("<p>"),
                          st.text(max_size=40)), max_size=2))
def test_every_renderer_accepts_every_report(batch: list[Article],
                                             skipped: list[Skipped]) -> None:
    cards = [score_article(article, RULESET, AS_OF) for article in batch]
    report = run_report(cards, skipped, RULESET, AS_OF)
    for fmt, render in RENDERERS.items():
        out = render(report)
        assert isinstance(out, str), fmt
        assert render(report) == out, f"{fmt} is not deterministic"
        if fmt is Format.JSON:
            assert len(json.loads(out)["articles"]) == len(batch)


# ------------------------------------------------------------------ scoring arithmetic

CATEGORIES = ("sourcing", "style", "temporal")
points = st.floats(-40, 40, allow_nan=False).map(lambda p: round(p, 2))


@st.composite
def scoring_cases(draw: st.DrawFn) -> tuple[list[Finding], dict[str, RuleSpec], ScoringConfig]:
    specs: dict[str, RuleSpec] = {}
    for n in range(draw(st.integers(1, 6))):
        category = draw(st.sampled_from(CATEGORIES))
        cap = draw(st.one_of(st.none(), st.floats(0.5, 30, allow_nan=False)))
        specs[f"{category}.r{n}"] = RuleSpec(
            id=f"{category}.r{n}", kind="pattern", category=category, title="t",
            rationale="generated", explain="x", points=None, max_points=cap, bands=(),
            options={}, examples_fire=(), examples_pass=(), path="<h>", line=1)
    findings = [Finding(rule_id, specs[rule_id].category, "t", draw(points), "m")
                for rule_id in draw(st.lists(st.sampled_from(sorted(specs)), max_size=12))]
    caps = {c: CategoryCap(-draw(st.floats(0, 60)), draw(st.floats(0, 60))) for c in CATEGORIES}
    config = ScoringConfig(draw(st.floats(0, 100)), caps,
                           (ScoreBand("high", 70, ""), ScoreBand("low", 0, "")))
    return findings, specs, config


@given(scoring_cases())
def test_score_is_in_range_and_every_contribution_within_its_cap(
        case: tuple[list[Finding], dict[str, RuleSpec], ScoringConfig]) -> None:
    findings, specs, config = case
    card = build_scorecard(Article("a", "<h>", "x"), DateInfo(None, "none"), findings, specs,
                           config)
    assert 0.0 <= card.score <= 100.0
    assert card.band == config.band_for(card.score)
    for line in card.contributions:
        cap = specs[line.rule_id].max_points
        if cap is None:
            assert line.applied == line.raw
        else:
            assert abs(line.applied) <= round(cap, 2) + 0.005
            assert abs(line.applied) <= abs(line.raw) + 0.005
            assert line.applied * line.raw >= 0  # a cap never flips the sign
    for category, subscore in card.subscores.items():
        bounds = config.categories[category]
        assert round(bounds.min, 2) - 0.005 <= subscore <= round(bounds.max, 2) + 0.005


@SLOW
@given(st.lists(st.one_of(st.binary(max_size=200), st.text(max_size=200)), min_size=1,
                max_size=5))
def test_every_input_yields_one_scorecard_or_one_skip(
        tmp_path_factory: pytest.TempPathFactory, contents: list[bytes | str]) -> None:
    folder = tmp_path_factory.mktemp("inputs")
    for i, content in enumerate(contents):
        path = folder / f"in{i}.txt"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    items = list(iter_inputs([str(folder)]))
    assert len(items) == len(contents)
    assert len({item.id for item in items}) == len(contents)
    for item in items:
        if isinstance(item, Article):
            card = score_article(item, RULESET, AS_OF)
            assert card.article.id == item.id
        else:
            assert item.reason
