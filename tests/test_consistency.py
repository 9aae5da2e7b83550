"""The ``consistency`` kind and its checks: the seeds, unit cases, and a false-positive ceiling
on real news from the development corpora."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from engine.consistency import event_after_publication as eap
from engine.consistency.base import compile_patterns
from engine.consistency.outlet_conflict import domain_stem
from engine.errors import LoadError
from engine.knowledge import KnowledgeBase
from engine.layers import SHIPPED_RULES
from engine.mentions import mention_index
from engine.mentions.names import keys_compatible, skeleton_key
from engine.mentions.sentences import split_sentences
from engine.model import Article, Finding
from engine.pipeline import context_for, evaluate, score_article
from engine.rule import CompileEnv
from engine.ruleset import Ruleset, RulesetConfig, load_ruleset
from engine.yamlpos import Located

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = Path(__file__).resolve().parents[2] / "shared"
AS_OF = dt.date(2026, 11, 21)


def seed_findings(ruleset: Ruleset, prefix: str) -> list[Finding]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    article = Article(path.stem, str(path), path.read_text(encoding="utf-8"))
    card = score_article(article, ruleset, AS_OF)
    return [f for f in card.findings if f.category == "consistency"]


def check(ruleset: Ruleset, rule_id: str, text: str, date: str | None = None) -> list[Finding]:
    """The findings of one consistency rule on one text."""
    rule = next(r for r in ruleset.rules if r.spec.id == rule_id)
    article = Article("t", "<test>", text, None, {"date": date} if date else {})
    return list(evaluate(context_for(article, ruleset, AS_OF), [rule]))


def quotes(finding: Finding) -> list[str]:
    return [span.text for span in finding.spans]


def only(findings: list[Finding], rule_id: str) -> Finding:
    matching = [f for f in findings if f.rule_id == rule_id]
    assert len(matching) == 1, [f.message for f in findings]
    return matching[0]


# --------------------------------------------------------------------------- seeds

def test_seed_001_two_chiefs_of_staff(ruleset: Ruleset) -> None:
    finding = only(seed_findings(ruleset, "001"), "consistency.role-conflict")
    joined = " | ".join(quotes(finding))
    assert "Abdul Karim Mahmoud" in joined and "al-Naasan" in joined
    assert len(finding.spans) == 2 and finding.points < 0


def test_seed_001_two_heads_of_the_russian_delegation(ruleset: Ruleset) -> None:
    finding = only(seed_findings(ruleset, "001"), "consistency.host-conflict")
    first, second = quotes(finding)
    assert "Ali Mahmoud Abbas hosted" in first and "Alexander Fomin" in first
    assert "al-Naasan received" in second and "Yunus-Bek Yevkurov" in second


def test_seed_001_two_outlets(ruleset: Ruleset) -> None:
    finding = only(seed_findings(ruleset, "001"), "consistency.outlet-conflict")
    assert sorted(quotes(finding)) == ["Washington Insider Magazine", "russiaspivottoasia.com"]


def test_seed_004_s200_buk_and_the_s400_claim(ruleset: Ruleset) -> None:
    findings = seed_findings(ruleset, "004")
    confusion = only(findings, "consistency.known-confusion")
    assert quotes(confusion) == ["S-200", "Buk"]
    claim = only(findings, "consistency.false-claim")
    stated, counter = quotes(claim)
    assert stated.startswith("Syria acquired") and stated.endswith("S-400")
    assert "Russian aviation group at the Khmeimim air base" in counter
    assert "Khmeimim" in claim.message and "https://" in claim.message


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_consistent_seeds_have_no_consistency_finding(ruleset: Ruleset, prefix: str) -> None:
    assert [f.message for f in seed_findings(ruleset, prefix)] == []


def test_spans_quote_the_text_with_line_and_column(ruleset: Ruleset) -> None:
    path = next(SEEDS.glob("001_*.txt"))
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    for finding in seed_findings(ruleset, "001"):
        for span in finding.spans:
            assert text[span.start:span.end] == span.text
            assert lines[span.line - 1][span.col - 1:].startswith(span.text.split("\n")[0])


# --------------------------------------------------------------------------- unit cases

def test_weekday_mismatch(ruleset: Ruleset) -> None:
    finding = only(check(ruleset, "consistency.weekday-mismatch",
                         "The talks opened on Tuesday, February 4, 2026, in Damascus."),
                   "consistency.weekday-mismatch")
    assert quotes(finding) == ["Tuesday", "February 4, 2026"]
    assert "Wednesday" in finding.message
    assert check(ruleset, "consistency.weekday-mismatch",
                 "The talks opened on Wednesday, February 4, 2026.") == []


def test_number_conflict_normalises_money(ruleset: Ruleset) -> None:
    text = ("Rosoboronexport negotiates a $2.1bn arms package with Damascus.\n\n"
            "Officials in Damascus said the $2.5 billion arms package includes 24 Su-30 fighters.")
    finding = only(check(ruleset, "consistency.number-conflict", text),
                   "consistency.number-conflict")
    assert quotes(finding) == ["$2.1bn arms package", "$2.5 billion arms package"]
    same = text.replace("$2.5 billion", "$2.1 billion")
    assert check(ruleset, "consistency.number-conflict", same) == []


def test_number_conflict_needs_the_same_noun_phrase(ruleset: Ruleset) -> None:
    text = ("US 5,000 troops control 30% of the fields.\n\n"
            "Latakia hosts amphibious landings with 3,000 troops and 5,000 participants.")
    assert check(ruleset, "consistency.number-conflict", text) == []


def test_spelling_variants_are_one_person(ruleset: Ruleset) -> None:
    assert keys_compatible("Ali al-Naasan", "Ali Noureddine Al-Nassan")
    assert keys_compatible("Ali al-Naasan", "Al-Nassan")
    assert skeleton_key("Mohammed Qasim") == skeleton_key("Muhammad Qassim")
    assert not keys_compatible("Ali al-Naasan", "Abdul Karim Mahmoud")
    text = ("The delegation was headed by Syrian Chief of the General Staff Gen. Ali Noureddine "
            "Al-Nassan. Later, Syrian Chief of Staff Maj. Gen. Ali al-Naasan met the visitors.")
    assert check(ruleset, "consistency.role-conflict", text, "2025-10-09") == []


def test_knowledge_base_aliases_are_one_person(ruleset: Ruleset) -> None:
    # "Gen. Abdul Karim" and "Abdul Karim Mahmoud Ibrahim" share no surname key; the knowledge
    # base lists both as spellings of one officeholder.
    text = ("Syrian Chief of Staff Abdul Karim Mahmoud Ibrahim arrived first. Syrian Chief of "
            "Staff Abdul Karim Mahmoud then spoke.")
    assert check(ruleset, "consistency.role-conflict", text, "2024-06-01") == []


def test_deputies_are_not_one_office(ruleset: Ruleset) -> None:
    text = ("Russian Deputy Defence Minister Alexander Fomin met Russian Deputy Defense Minister "
            "Yunus-Bek Yevkurov. Russian Defence Minister Andrei Belousov joined them.")
    assert check(ruleset, "consistency.role-conflict", text, "2025-06-01") == []


def test_unqualified_title_is_not_given_another_countrys_office(ruleset: Ruleset) -> None:
    text = ("Russian Foreign Minister Sergei Lavrov met Foreign Minister Asaad al-Shaibani. "
            "Russian Foreign Minister Sergei Lavrov said the talks went well.")
    assert check(ruleset, "consistency.role-conflict", text, "2025-12-23") == []


def test_outlet_quoted_as_a_source_is_not_self_identification(ruleset: Ruleset) -> None:
    text = ("WASHINGTON (AP) — A spokesman told The Media Line and Reuters that talks went on, "
            "according to SANA.\n\nCopyright 2017 The Associated Press. All rights reserved.")
    assert check(ruleset, "consistency.outlet-conflict", text) == []
    assert domain_stem("https://www.nextfin.ai/news") == "nextfin"
    assert domain_stem("bbc.co.uk") == "bbc"
    assert domain_stem("NextFin News") == ""


def test_event_after_publication(ruleset: Ruleset) -> None:
    fired = check(ruleset, "consistency.event-after-publication",
                  "Damascus, 4 February 2026 - The ministers met on 5 March 2026 to sign it.")
    finding = only(fired, "consistency.event-after-publication")
    assert quotes(finding) == ["met on 5 March 2026", "4 February 2026"]
    planned = "Damascus, 4 February 2026 - The ministers plan to meet on 5 March 2026."
    assert check(ruleset, "consistency.event-after-publication", planned) == []


def test_dateline_conflict(ruleset: Ruleset) -> None:
    text = ("In World News by Newsroom March 3, 2026\n\n"
            "Damascus (Levant Daily) March 5, 2026 - Talks continued.")
    finding = only(check(ruleset, "consistency.dateline-conflict", text),
                   "consistency.dateline-conflict")
    assert len(finding.spans) == 2


def test_sentences_keep_abbreviations_and_wrapped_lines(ruleset: Ruleset) -> None:
    text = "Syrian Chief of Staff Maj. Gen. Ali al-Naasan met U.S. envoys.\nThe talks\nwent on."
    abbreviations = mention_index(ruleset.knowledge).lexicon.abbreviations
    assert [text[a:b] for a, b in split_sentences(text, abbreviations)] == [
        "Syrian Chief of Staff Maj. Gen. Ali al-Naasan met U.S. envoys.", "The talks\nwent on."]


def test_an_option_of_another_check_is_a_load_error(tmp_path: Path) -> None:
    (tmp_path / "extra.yaml").write_text(
        "pack: extra\nrules:\n"
        "  - id: consistency.bad\n    kind: consistency\n    check: weekday-mismatch\n"
        "    apposition: 'x'\n    category: consistency\n    title: Bad rule\n"
        "    rationale: an option of another check\n    explain: '{why}'\n    points: -1\n"
        "    examples: {fires: [a, b], passes: [c, d]}\n", encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        load_ruleset(RulesetConfig(rule_dirs=(SHIPPED_RULES, tmp_path)))
    assert ("extra.yaml:6:5: error: unknown key 'apposition' in rules.0 "
            "(check: weekday-mismatch)") in str(raised.value)


# --------------------------------------------------------------------------- real news

# Ceiling on consistency findings in real news (labels real/human in the development corpora),
# per 100 articles. Measured with scripts/check_consistency_dev.py: the shipped rules fire 0
# times on the 485 real/human articles (and 0 times on the 1,309 dev articles and the 19,043
# Reuters bench articles). With the precision guards of number-conflict switched off
# (shared_name, min_head_words, unless_sentence) it fired 8.45 times per 100 real articles,
# and all 20 sampled findings were false positives (two figures about different things). Zero
# in 485 bounds the true rate below about 0.6 per 100 (95%, rule of three); a ceiling of 1 per
# 100 leaves room for a stray finding and fails long before a check drifts toward that
# unguarded behaviour.
REAL_CEILING_PER_100 = 1.0


def test_false_positive_ceiling_on_real_news(ruleset: Ruleset) -> None:
    corpora = SHARED / "corpora" / "dev"
    if not corpora.is_dir():
        pytest.skip(f"{corpora} is absent: the development corpora live only in ../shared")
    rules = [r for r in ruleset.rules if r.spec.category == "consistency"]
    articles = 0
    fired: list[str] = []
    for path in sorted(corpora.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("label") not in ("real", "human") or not record.get("text"):
                continue
            articles += 1
            meta = {"date": record["date"]} if record.get("date") else {}
            article = Article(str(record["id"]), str(path), record["text"], None, meta)
            for finding in evaluate(context_for(article, ruleset, AS_OF), rules):
                fired.append(f"{record['id']}: {finding.message[:160]}")
    assert articles > 0
    assert len(fired) * 100 / articles <= REAL_CEILING_PER_100, fired



def test_compile_patterns_reports_every_refused_option_and_keeps_the_order() -> None:
    env = CompileEnv(KnowledgeBase(), Located("<test>", None), ())
    good = eap.Options(past_verbs="Held", unless_sentence="(?=x)", on_before="before",
                       window=1, max_words=1)
    patterns = compile_patterns(env, good, "past_verbs", "on_before")
    assert patterns is not None and len(patterns) == 2
    assert patterns[0].search("it was HELD") is not None  # case-blind
    assert patterns[1].search("the day before") is not None and not env.problems
    bad = eap.Options(past_verbs="(", unless_sentence="(?=x)", on_before="before",
                      window=1, max_words=1)
    assert compile_patterns(env, bad, "past_verbs", "unless_sentence", "on_before") is None
    assert len(env.problems) == 2 and all("invalid regex" in str(p) for p in env.problems)
