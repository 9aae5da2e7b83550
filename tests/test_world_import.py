"""World knowledge: importers of the real tables (skipped when ../shared is absent), the
shipped knowledge's breadth, the fast tenure tables and the conflict report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from engine.knowledge import KnowledgeBase
from engine.knowledge.check import check_knowledge
from engine.knowledge.importers import Vocabulary, factbook, peppercat, wikidata_heads
from engine.knowledge.loader import load_knowledge
from engine.knowledge.stats import countries_covered, stats_lines
from engine.layers import SHIPPED_RULES

ROOT = Path(__file__).resolve().parent.parent
WORLD = ROOT.parent / "shared" / "knowledge" / "world"
KNOWLEDGE = SHIPPED_RULES / "knowledge"
needs_world = pytest.mark.skipif(not WORLD.is_dir(), reason="../shared/knowledge/world absent")
HEADS = ["president", "prime-minister", "chancellor", "monarch", "head-of-state",
         "head-of-government", "supreme-leader"]


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    kb, problems = load_knowledge(sorted([*KNOWLEDGE.glob("*.yaml"), *KNOWLEDGE.glob("*.csv")]))
    assert problems == []
    return kb


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    kb, _ = load_knowledge(sorted(KNOWLEDGE.glob("*.yaml")))
    return Vocabulary.from_knowledge(kb)


def test_shipped_heads_cover_190_countries_over_the_factbook_window(shipped: KnowledgeBase
                                                                     ) -> None:
    covered = countries_covered(shipped, HEADS, dt.date(2020, 11, 26), dt.date(2026, 1, 22),
                                need="any")
    assert len(covered) >= 190
    known = {t.country for t in shipped.entries("officeholders") if t.role_id in HEADS}
    assert len(known) >= 190


def test_shipped_knowledge_has_uk_ministers_under_country_titles(shipped: KnowledgeBase
                                                                 ) -> None:
    brown = [t for t in shipped.index("officeholders.by_name")["gordon brown"]
             if t.role_id == "finance-minister"]
    assert [(t.country, t.start and t.start.text) for t in brown] == [
        ("United Kingdom", "1997-05-02")]
    # "Chancellor" means the finance minister in the UK and the head of government in Germany
    by_title = shipped.index("roles.by_country_title")["chancellor"]
    assert ("United Kingdom", "finance-minister") in by_title
    assert ("Germany", "chancellor") in by_title
    assert {t.source_id for t in shipped.entries("officeholders")} >= {
        "", "factbook", "wikidata-heads", "uk-ifg-ministers", "us-executive"}


def test_verified_file_wins_and_conflicts_are_reported(shipped: KnowledgeBase) -> None:
    issues = [i for i in check_knowledge(shipped) if "conflict between sources" in i.message]
    assert issues, "the sources disagree somewhere: the report must say so"
    assert all("takes precedence" in i.hint for i in issues)
    assert not [i for i in check_knowledge(shipped) if i.severity == "error"]


@needs_world
def test_factbook_import_survives_its_known_faults(vocabulary: Vocabulary) -> None:
    result = factbook.read(WORLD / "factbook_executive_timeline.csv", vocabulary)
    assert result.rows_read == 2057
    assert result.rejected == []
    romania = [t for t in result.tenures if t["country"] == "Romania"
               and t["name"] == "Ilie Bolojan" and t["role_id"] == "prime-minister"]
    assert [t["start"] for t in romania] == ["2025-06-26"]  # not the typo'd 2005-06-23
    assert result.skipped["since date contradicted by the table (start corrected)"] >= 1
    syria = [t for t in result.tenures if t["country"] == "Syria" and t["role_id"] in HEADS]
    assert all("Asad and his family" not in t["name"] for t in syria)  # "vacant; ..." prose
    sunak = next(t for t in result.tenures if t["name"] == "Rishi Sunak")
    assert sunak["end"] == "2024-07-05"  # the successor's own "since", not the weekly diff
    harris = next(t for t in result.tenures if t["name"] == "Kamala D. Harris")
    assert harris["end"] == ""  # dropped from the text without a successor: unknown


@needs_world
def test_wikidata_import_rejects_qid_labels_and_stale_rows(vocabulary: Vocabulary) -> None:
    result = wikidata_heads.read(WORLD / "wikidata_heads_2026.csv", vocabulary)
    assert result.rows_read == 440
    reasons = [e.message for e in result.rejected]
    assert any("is a QID" in r for r in reasons)
    assert any("stale row" in r for r in reasons)
    assert len(result.tenures) + len(result.rejected) + sum(result.skipped.values()) == 440
    assert result.coverage[0]["countries"] == []  # adds evidence, claims no completeness


@needs_world
def test_optional_peppercat_import_covers_defence_and_foreign_ministers(
        vocabulary: Vocabulary, tmp_path: Path) -> None:
    historic = peppercat.read_historic(WORLD / "peppercat_leaders_historic.csv", vocabulary)
    timeline = peppercat.read_timeline(WORLD / "peppercat_timeline_2023-01_2025-01.csv",
                                       vocabulary)
    assert historic.rows_read == 49486 and timeline.rows_read == 14571
    assert len(historic.rejected) < 50  # reversed dates only
    from engine.knowledge.importers import write_import

    files = [*write_import(historic, tmp_path), *write_import(timeline, tmp_path)]
    kb, problems = load_knowledge([*sorted(KNOWLEDGE.glob("*.yaml")), *files])
    assert problems == []
    known = {t.country for t in kb.entries("officeholders")
             if t.role_id in ("defence-minister", "foreign-minister")}
    assert len(known) >= 150
    complete = countries_covered(kb, ["defence-minister", "foreign-minister"],
                                 dt.date(2000, 1, 1), dt.date(2025, 1, 31))
    assert len(complete) >= 75  # measured 77: for the others the chain starts after 2000


def test_tenure_table_errors_are_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "name,aliases,role_id,role,country,start,end,sources,verified\n"
        "Ann Lee,,prime-minister,Prime Minister,Utopia,2020-01-01,2019-01-01,src,true\n"
        "Bo Chan,,Prime Minister,Prime Minister,Utopia,2020-13-01,,src,maybe\n"
        "Cy Dee,,prime-minister,Prime Minister,Utopia,2021,,src,true\n", encoding="utf-8")
    kb, problems = load_knowledge([path])
    assert [t.name for t in kb.entries("officeholders")] == ["Cy Dee"]
    located = sorted((p.location.line, p.location.col, p.message.split()[0]) for p in problems)
    assert located == [(2, 58, "end"), (3, 10, "role_id"), (3, 47, "start:"),
                       (3, 63, "verified")]
    assert all(p.hint for p in problems)


def test_conflict_report_on_a_small_fixture(tmp_path: Path) -> None:
    roles = tmp_path / "roles.yaml"
    roles.write_text("section: roles\nentries:\n  - {id: president, titles: [President], "
                     "single_holder: true}\n", encoding="utf-8")
    table = tmp_path / "a.csv"
    table.write_text(
        "name,aliases,role_id,role,country,start,end,last_seen,source_id,sources,verified\n"
        "João Lourenço,,president,President,Angola,2017,,2026,wiki,w,true\n"
        "Joao Manuel Goncalves Lourenco,,president,President,Angola,2017-09-26,,2026-01-22,"
        "fb,f,true\n"
        "Andy Burnham,,president,President,Angola,2020,,2026,wiki,w,true\n",
        encoding="utf-8")
    kb, problems = load_knowledge([roles, table])
    assert problems == []
    issues = [i for i in check_knowledge(kb) if "conflict between sources" in i.message]
    # the same person spelled two ways corroborates; a different person conflicts
    assert len(issues) == 1 and "Andy Burnham" in issues[0].message
    assert issues[0].severity == "warning"


def test_stats_lists_offices_years_and_sources(shipped: KnowledgeBase) -> None:
    lines = stats_lines(shipped, ["United Kingdom"])
    pm = next(line for line in lines if "\tprime-minister\t" in line)
    assert "uk-ifg-ministers" in pm and "factbook" in pm and "1979" in pm
    # The Factbook reaches back to Johnson's start (24 July 2019) from its first snapshot.
    assert "complete: " in pm and "factbook 2019-2026" in pm


def test_verified_entries_override_the_same_person_from_imports(shipped: KnowledgeBase
                                                                ) -> None:
    # The Factbook lists Syria's prime minister open to 2026; the verified file ends the post
    # on 2025-03-29. The merged view keeps the verified tenure only.
    raw = [t for t in shipped.entries("officeholders")
           if t.country == "Syria" and t.role_id == "prime-minister" and "Bashir" in t.name]
    assert {t.source_id for t in raw} == {"", "factbook"}
    kept = [t for t in shipped.index("officeholders.preferred")
            if t.country == "Syria" and t.role_id == "prime-minister" and "Bashir" in t.name]
    assert [(t.source_id, str(t.end)) for t in kept] == [("", "2025-03-29")]
