"""Reviewer decisions: recorded by `reliability review`, applied by `score --reviews`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from engine.cli import main
from tests.conftest import AS_OF, SEEDS

SEED_002 = SEEDS / "002_8523625b35d36972.txt"
SEED_001 = SEEDS / "001_4aa06773468c4cc8.txt"
PROMO = "provenance.ai-aggregator-promo"
NOTE = "The outlet's own <newsletter> footer, not an aggregator"


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--as-of", AS_OF])


def _record(reviews: Path, article: Path, rule: str, decision: str = "dismissed",
            *extra: str) -> Result:
    return _run("review", str(article), "--rule", rule, "--decision", decision,
                "--note", NOTE, "--reviewer", "ana", "--reviews", str(reviews), *extra)


def _json(*args: str) -> dict[str, Any]:
    result = _run("score", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _article(report: dict[str, Any], prefix: str) -> dict[str, Any]:
    return next(a for a in report["articles"] if a["id"].startswith(prefix))


def _score_without_promo() -> float:
    """Seed 002's score minus the promo finding's applied points, from an unreviewed run."""
    before = _article(_json(str(SEEDS)), "002")
    applied = next(c["applied"] for c in before["contributions"] if c["rule_id"] == PROMO)
    assert applied != 0
    return float(before["score"] - applied)


def test_a_dismissed_finding_counts_no_points_and_is_shown(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews.jsonl"
    before = _article(_json(str(SEEDS)), "002")
    applied = next(c["applied"] for c in before["contributions"] if c["rule_id"] == PROMO)
    assert applied != 0
    result = _record(reviews, SEED_002, PROMO)
    assert result.exit_code == 0, result.output
    after = _article(_json(str(SEEDS), "--reviews", str(reviews)), "002")
    assert after["score"] == pytest.approx(before["score"] - applied)
    (finding,) = [f for f in after["findings"] if f["rule_id"] == PROMO]
    assert finding["review"] == {"decision": "dismissed", "reviewer": "ana", "note": NOTE}
    markdown = _run("score", str(SEEDS), "--reviews", str(reviews), "--format", "markdown")
    assert f"- ~~`{PROMO}`" in markdown.stdout
    assert "*Dismissed by ana: The outlet's own \\<newsletter> footer" in markdown.stdout
    html = _run("score", str(SEEDS), "--reviews", str(reviews), "--format", "html").stdout
    assert (f'<li id="a2-f0" class="dismissed" data-rule="{PROMO}">' in html
            and "Dismissed by ana: The outlet&#x27;s own &lt;newsletter&gt; footer" in html)
    assert 'class="hl c1 dismissed"' in html  # the highlight is struck through too


def test_decisions_follow_the_text_not_the_file_name(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews.jsonl"
    assert _record(reviews, SEED_002, PROMO).exit_code == 0
    moved = tmp_path / "corpus" / "renamed.txt"
    moved.parent.mkdir()
    shutil.copy(SEED_002, moved)
    result = _run("score", str(moved), "--reviews", str(reviews), "--format", "json")
    assert json.loads(result.stdout)["articles"][0]["score"] == _score_without_promo()
    assert result.stderr == ""


def test_a_later_decision_replaces_an_earlier_one(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews.jsonl"
    assert _record(reviews, SEED_002, PROMO).exit_code == 0
    assert _record(reviews, SEED_002, PROMO, "confirmed").exit_code == 0
    after = _article(_json(str(SEEDS), "--reviews", str(reviews)), "002")
    assert after["score"] == _article(_json(str(SEEDS)), "002")["score"]
    (finding,) = [f for f in after["findings"] if f["rule_id"] == PROMO]
    assert finding["review"]["decision"] == "confirmed"


def test_a_rule_that_fired_twice_needs_a_span(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews.jsonl"
    rule = "temporal.defunct-institution"
    ambiguous = _record(reviews, SEED_001, rule)
    assert ambiguous.exit_code == 2
    assert "--span 'Republican Guard'" in ambiguous.stderr
    assert not reviews.exists()
    assert _record(reviews, SEED_001, rule, "dismissed", "--span", "Republican").exit_code == 0
    (line,) = reviews.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["span"] == "Republican Guard"
    missing = _record(reviews, SEED_001, "no.such-rule")
    assert missing.exit_code == 2 and "rules that fired:" in missing.stderr


def test_decisions_that_match_nothing_are_reported(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews.jsonl"
    assert _record(reviews, SEED_002, PROMO).exit_code == 0
    entry = json.loads(reviews.read_text(encoding="utf-8"))
    gone_article = {**entry, "article_hash": "0" * 64, "article": "deleted.txt"}
    gone_finding = {**entry, "span": "a quote the article no longer has"}
    with reviews.open("a", encoding="utf-8") as out:
        out.write(json.dumps(gone_article) + "\n" + json.dumps(gone_finding) + "\n")
    result = _run("score", str(SEEDS), "--reviews", str(reviews), "--format", "json")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert f"{reviews}:2:1: dismissed decision not applied: article deleted.txt is not in " \
           "this run (or its text changed)" in lines[0]
    assert lines[1].startswith(f"{reviews}:3:1: dismissed decision not applied: article "
                               f"002_8523625b35d36972.txt no longer has a {PROMO} finding")
    assert len(lines) == 2


def test_a_broken_decisions_file_is_reported_in_full(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews.jsonl"
    reviews.write_text('{"rule_id": "x"}\nnot json\n{"article_hash": "a", "rule_id": "r", '
                       '"span": "", "decision": "maybe", "reviewer": "", "note": ""}\n',
                       encoding="utf-8")
    result = _run("score", str(SEEDS), "--reviews", str(reviews))
    assert result.exit_code == 2
    err = result.stderr
    assert f"{reviews}:1:1: error: missing or non-text field(s): article_hash, span" in err
    assert f"{reviews}:2:1: error: not JSON" in err
    assert f"{reviews}:3:1: error: decision 'maybe' is not one of dismissed, confirmed" in err
    assert result.stdout == ""


def test_the_config_names_the_decisions_file(tmp_path: Path) -> None:
    reviews = tmp_path / "decisions" / "reviews.jsonl"
    assert _record(reviews, SEED_002, PROMO).exit_code == 0
    config = tmp_path / "reliability.toml"
    config.write_text('reviews = "decisions/reviews.jsonl"\n', encoding="utf-8")
    after = _article(_json(str(SEEDS), "--config", str(config)), "002")
    assert after["score"] == _score_without_promo()
    config.write_text("reviews = 3\n", encoding="utf-8")
    broken = _run("score", str(SEEDS), "--config", str(config))
    assert broken.exit_code == 2
    assert f"{config}:1:1: error: reviews must be a path" in broken.stderr
