"""The mention reader against world-shaped knowledge: the automaton, titles per country,
coverage-aware anachronism evidence.

The knowledge here is a small fixture in the shape of the world knowledge contract
(``countries``, ``coverage``, roles with ``country_titles``, tenures with ``source_id``), with
the shipped framing words; each behaviour is shown on a minimal example.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

from engine.kinds import anachronism
from engine.knowledge import KnowledgeBase
from engine.knowledge.entries import FuzzyDate, RoleDef, Tenure
from engine.mentions import scan_mentions
from engine.mentions.automaton import NameAutomaton
from engine.model import Article, DateInfo, Finding, LineIndex
from engine.rule import ArticleContext, CompileEnv, RuleSpec
from engine.yamlpos import Located
from tests.test_temporal import FRAMING

AS_OF = dt.date(2026, 11, 21)


@dataclass(frozen=True)
class SourcedTenure(Tenure):
    source_id: str = ""
    qid: str = ""


@dataclass(frozen=True)
class TitledRole(RoleDef):
    # A mapping, or (country, titles) pairs as the roles section stores them: both are read.
    country_titles: Any = field(default_factory=dict)


@dataclass(frozen=True)
class CountryEntry:
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class CoverageEntry:
    source_id: str
    countries: tuple[str, ...]
    role_ids: tuple[str, ...]
    start: FuzzyDate
    end: FuzzyDate


def spell(name: str, role_id: str, country: str, start: str, end: str | None,
          source: str = "heads", aliases: Iterable[str] = ()) -> SourcedTenure:
    return SourcedTenure(name, tuple(aliases), role_id, role_id, country, FuzzyDate.parse(start),
                         FuzzyDate.parse(end) if end else None, None,
                         ("https://example.org/tables",), "true", "", "fixture:1",
                         source_id=source)


COUNTRIES = (
    CountryEntry("United States", ("US", "U.S.", "America"), ("American",)),
    CountryEntry("United Kingdom", ("UK", "Britain"), ("British",)),
    CountryEntry("Germany", (), ("German",)),
    CountryEntry("Austria", (), ("Austrian",)),
)
ROLES = (
    TitledRole("head-of-state", ("President",), True),
    TitledRole("head-of-government", ("Prime Minister", "Premier"), True,
               country_titles={"Germany": ("Chancellor", "Federal Chancellor"),
                               "Austria": ("Chancellor",)}),
    TitledRole("finance-minister", ("Finance Minister", "Minister of Finance"), True,
               country_titles=(("United Kingdom", ("Chancellor", "Chancellor of the Exchequer")),)),
)
HEADS = (
    spell("George W. Bush", "head-of-state", "United States", "2001-01-20", "2009-01-20"),
    spell("Barack Obama", "head-of-state", "United States", "2009-01-20", "2017-01-20"),
    spell("Joe Biden", "head-of-state", "United States", "2021-01-20", "2025-01-20"),
    spell("Angela Merkel", "head-of-government", "Germany", "2005-11-22", "2021-12-08"),
    spell("Olaf Scholz", "head-of-government", "Germany", "2021-12-08", "2025-05-06"),
    spell("Friedrich Merz", "head-of-government", "Germany", "2025-05-06", None),
    spell("Tony Blair", "head-of-government", "United Kingdom", "1997-05-02", "2007-06-27"),
    spell("Gordon Brown", "head-of-government", "United Kingdom", "2007-06-27", "2010-05-11"),
    spell("Gordon Brown", "finance-minister", "United Kingdom", "1997-05-02", "2007-06-27"),
    spell("Alistair Darling", "finance-minister", "United Kingdom", "2007-06-28", "2010-05-11"),
    spell("Rachel Reeves", "finance-minister", "United Kingdom", "2024-07-05", None),
)
COVERAGE = (
    CoverageEntry("heads", ("*",), ("head-of-state", "head-of-government"),
                  FuzzyDate.parse("2000"), FuzzyDate.parse("2026-01-22")),
    CoverageEntry("heads", ("United Kingdom",), ("finance-minister",),
                  FuzzyDate.parse("1990"), FuzzyDate.parse("2026-01-22")),
)


def world_kb(*extra: tuple[str, Iterable[Any]]) -> KnowledgeBase:
    sections: dict[str, tuple[Any, ...]] = {
        "lexicon": FRAMING, "roles": ROLES, "countries": COUNTRIES, "officeholders": HEADS,
        "coverage": COVERAGE}
    for section, entries in extra:
        sections[section] = (*sections.get(section, ()), *entries)
    return KnowledgeBase(sections)


def role_findings(text: str, date: dt.date, kb: KnowledgeBase | None = None) -> list[Finding]:
    spec = RuleSpec(id="temporal.test-role", kind="anachronism", category="temporal",
                    title="test", rationale="test rule", explain="{statement}", points=-12,
                    max_points=30, bands=(), options={"check": "role"}, examples_fire=(),
                    examples_pass=(), path="<test>", line=1)
    ctx = ArticleContext(Article("t", "<test>", text), DateInfo(date, "metadata"), AS_OF,
                         kb or world_kb(), LineIndex(text), len(text.split()))
    rule = anachronism.compile(spec, CompileEnv(ctx.knowledge, Located("<test>", None), ()))
    assert rule is not None
    return list(rule.evaluate(ctx))


# --------------------------------------------------------------------------- automaton


def _automaton(*aliases: str) -> NameAutomaton:
    automaton = NameAutomaton()
    for alias in aliases:
        automaton.add(alias)
    automaton.build()
    return automaton


@pytest.mark.parametrize(("text", "found"), [
    ("Ali Noureddine Al-Nassan spoke", "Ali Noureddine Al-Nassan"),
    ("Recep Tayyip Erdogan spoke", "Recep Tayyip Erdogan"),
    ("Bashar al-Assad's army", "Bashar al-Assad"),
    ("Bashar Assad said", "Bashar Assad"),
    ("President George W. Bush said", "George W. Bush"),
    ("Yunus Bek Yevkurov", "Yunus Bek Yevkurov"),
])
def test_automaton_finds_spelling_variants(text: str, found: str) -> None:
    automaton = _automaton("Ali Noureddine al-Naasan", "Recep Tayyip Erdoğan",
                           "Bashar al-Assad", "George W. Bush", "Yunus-Bek Yevkurov")
    ((start, end, _key),) = automaton.find(text)
    assert text[start:end] == found


@pytest.mark.parametrize("text", [
    "the will smith fund",      # capitals the alias writes are required
    "Bashar, Assad's brother",  # a comma ends a name
    "Bashar. Assad",            # so does a full stop after a word
    "Will Smithson",            # whole words only
])
def test_automaton_respects_case_punctuation_and_word_bounds(text: str) -> None:
    assert not _automaton("Will Smith", "Bashar Assad").find(text)


def test_automaton_prefers_the_longest_name() -> None:
    text = "George Walker Bush met George Bush."
    hits = _automaton("George Bush", "George Walker Bush", "Walker").find(text)
    assert [text[s:e] for s, e, _ in hits] == ["George Walker Bush", "George Bush"]


# --------------------------------------------------------------------------- titles per country


def test_president_obama_in_2023_fires_with_the_successor() -> None:
    (finding,) = role_findings("President Barack Obama signed the bill on Tuesday.",
                               dt.date(2023, 3, 1))
    assert "until 2017-01-20" in finding.message and "Joe Biden" in finding.message


def test_president_obama_in_2015_does_not_fire() -> None:
    assert not role_findings("President Barack Obama signed the bill.", dt.date(2015, 3, 1))


def test_chancellor_scholz_in_2026_fires_and_in_2023_does_not() -> None:
    (finding,) = role_findings("Chancellor Olaf Scholz met the press.", dt.date(2026, 2, 1))
    assert "Friedrich Merz" in finding.message
    assert not role_findings("Chancellor Olaf Scholz met the press.", dt.date(2023, 2, 1))


def test_chancellor_gordon_brown_is_the_british_chancellor() -> None:
    text = "Chancellor Gordon Brown presented the Budget to the Commons."
    assert not role_findings(text, dt.date(2005, 3, 16))
    (finding,) = role_findings(text, dt.date(2026, 3, 16))
    assert "finance-minister" in finding.message and "Rachel Reeves" in finding.message


def test_country_named_at_the_mention_decides_the_title() -> None:
    # "German Chancellor" cannot be the British finance minister: no mention, no finding.
    assert not [m for m in scan_mentions("German Chancellor Gordon Brown spoke.", world_kb(),
                                         dt.date(2005, 1, 1)) if m.role_id]
    (m,) = [m for m in scan_mentions("Britain's Chancellor Gordon Brown spoke.", world_kb(),
                                     dt.date(2005, 1, 1)) if m.role_id]
    assert (m.role_id, m.country) == ("finance-minister", "United Kingdom")


def test_unresolved_country_among_several_roles_yields_no_finding() -> None:
    # One person held "Chancellor" posts in two countries: without a country at the mention
    # or a dominant country in the article, the title cannot be resolved.
    both = (spell("Hans Muster", "head-of-government", "Germany", "1990", "1992"),
            spell("Hans Muster", "head-of-government", "Austria", "1995", "1997"))
    kb = world_kb(("officeholders", both))
    assert not role_findings("Chancellor Hans Muster spoke.", dt.date(2026, 1, 1), kb)
    german = "German officials in Germany said Chancellor Hans Muster spoke."
    (finding,) = role_findings(german, dt.date(2026, 1, 1), kb)
    assert "Germany" in finding.message


# --------------------------------------------------------------------------- coverage


def test_person_known_only_from_2025_does_not_flag_2017_articles() -> None:
    late = (spell("Donald Trump", "head-of-state", "United States", "2025-01-20", None,
                  source="recent"),)
    recent = (CoverageEntry("recent", ("United States",), ("head-of-state",),
                            FuzzyDate.parse("2025"), FuzzyDate.parse("2026")),)
    kb = world_kb(("officeholders", late), ("coverage", recent))
    assert not role_findings("President Donald Trump said on Friday.", dt.date(2017, 6, 2), kb)


def test_hand_verified_start_alone_is_no_evidence() -> None:
    curated = Tenure("Recep Tayyip Erdogan", (), "head-of-state", "President", "Turkey",
                     FuzzyDate.parse("2023-05-28"), None, None, ("https://example.org/e",),
                     "true", "", "fixture:2")
    kb = world_kb(("officeholders", (curated,)))
    assert not role_findings("President Recep Tayyip Erdogan said.", dt.date(2018, 1, 5), kb)


def test_prochronism_inside_coverage_fires() -> None:
    text = "Chancellor Friedrich Merz met the press."
    (finding,) = role_findings(text, dt.date(2019, 5, 1))
    assert "before they held it" in finding.message


def test_absent_from_later_data_is_unknown() -> None:
    # The source covers 2000-2010 only; its tenure ends outside that window and nobody else
    # is recorded in the post afterwards: no evidence that Smith left before 2020.
    partial = (spell("Jane Smith", "finance-minister", "Austria", "2005", "2015", source="old"),)
    old = (CoverageEntry("old", ("Austria",), ("finance-minister",), FuzzyDate.parse("2000"),
                         FuzzyDate.parse("2010")),)
    kb = world_kb(("officeholders", partial), ("coverage", old))
    assert not role_findings("Finance Minister Jane Smith said.", dt.date(2020, 1, 1), kb)
    successor = (spell("Karl Berg", "finance-minister", "Austria", "2016", None, source="new"),)
    kb = world_kb(("officeholders", (*partial, *successor)), ("coverage", old))
    (finding,) = role_findings("Finance Minister Jane Smith said.", dt.date(2020, 1, 1), kb)
    assert "Karl Berg" in finding.message
