"""Article signals from the text alone: the ``only_near`` matching option, dated events, and the
ranking floor on two dev corpora (FakeNewsNet, Horne 2017) that every rule change must keep."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.model import Article, Finding
from engine.pipeline import score_article
from engine.ruleset import Ruleset, RulesetConfig, load_ruleset
from engine.sources import iter_inputs
from tests.conftest import shared_path

AS_OF = dt.date(2026, 11, 21)
# ROC AUC real > fake from the text alone, as reached by the shipped rules (issue 11; measured
# with `PYTHONPATH=. python scripts/evaluate_signals.py`: 0.792 and 0.742), less 0.005 so that
# knowledge or temporal changes elsewhere (one article's finding moves FakeNewsNet by ~0.001)
# do not redden it; a rule change that costs more must be argued. Issue 11 asks for at least
# 0.781 (FakeNewsNet) and 0.715 (Horne 2017).
FLOORS = {"fakenewsnet_politifact_buzzfeed.jsonl": 0.787, "horne2017.jsonl": 0.737}

FILLER = ("The committee met in the capital to discuss the proposal, and members from several "
          "regions took part in a long debate about costs and timing. ")


def rule_findings(ruleset: Ruleset, text: str, rule_id: str, **meta: str) -> list[Finding]:
    card = score_article(Article("t", "t.txt", text, None, dict(meta)), ruleset, AS_OF)
    return [f for f in card.findings if f.rule_id == rule_id]


def test_figures_count_only_with_a_source_nearby(ruleset: Ruleset) -> None:
    sourced = "Unemployment fell to 4.1% in May, the statistics office said. " + FILLER * 4
    bare = "Unemployment fell to 4.1% in May. " + FILLER * 4
    assert rule_findings(ruleset, sourced, "sourcing.attributed-figures")
    assert not rule_findings(ruleset, bare, "sourcing.attributed-figures")


def test_dated_events_reward_dates_and_ignore_author_metadata(ruleset: Ruleset) -> None:
    dated = "The vote took place on Tuesday and the results came on March 3. " + FILLER * 3
    undated = FILLER * 5
    assert rule_findings(ruleset, dated, "structure.dated-events")[0].points > 0
    assert rule_findings(ruleset, undated, "structure.dated-events")[0].points < 0
    with_author = rule_findings(ruleset, undated, "structure.dated-events", author="Jane Doe")
    assert with_author[0].points == rule_findings(ruleset, undated,
                                                  "structure.dated-events")[0].points


def test_bare_today_or_yesterday_is_not_a_time_anchor(ruleset: Ruleset) -> None:
    loose = "Today the country is divided, and yesterday's promises are forgotten. " + FILLER * 4
    dated = "The vote took place last week, and the count ended on Tuesday. " + FILLER * 4
    assert rule_findings(ruleset, loose, "style.time-anchors")[0].points < 0
    assert rule_findings(ruleset, dated, "style.time-anchors")[0].points > 0


def test_only_title_case_question_headings_are_a_template(ruleset: Ruleset) -> None:
    asked = ["What happens to the vote now?", "Why did the count take so long?",
             "Who decides the date of the runoff?", "How many ballots were rejected?"]
    titled = ["What Happens To The Vote Now?", "Why Did the Count Take So Long?",
              "Who Decides the Date of the Runoff?", "How Many Ballots Were Rejected?"]
    interview, template = ("\n\n".join(f"{q}\nAn answer." for q in qs) for qs in (asked, titled))
    assert not rule_findings(ruleset, interview, "provenance.templated-questions")
    assert rule_findings(ruleset, template, "provenance.templated-questions")


def test_a_read_more_line_is_not_scraping_residue(ruleset: Ruleset) -> None:
    text = "The talks ended on Friday.\n\nRead more\n\nComments\n"
    quotes = [f.message for f in rule_findings(ruleset, text, "provenance.scraping-residue")]
    assert len(quotes) == 1 and "Comments" in quotes[0]


def roc_auc(positives: list[float], negatives: list[float]) -> float:
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_text_alone_ranks_real_above_fake_at_least_as_well_as_before(name: str) -> None:
    path = shared_path("corpora", "dev", name)
    shipped = load_ruleset()
    text_only = load_ruleset(RulesetConfig(
        disabled=frozenset({"outlet"} & set(shipped.scoring.categories))))
    scores: dict[str, list[float]] = {"real": [], "fake": []}
    for item in iter_inputs([str(path)]):  # read as `reliability evaluate` reads it
        if isinstance(item, Article) and item.meta.get("label") in scores:
            scores[str(item.meta["label"])].append(score_article(item, text_only, AS_OF).score)
    assert roc_auc(scores["real"], scores["fake"]) >= FLOORS[name]
