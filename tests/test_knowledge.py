"""Knowledge sections, `kb check` and the tenure importer.

The shipped files must load clean and keep the shared source's facts; broken files must name
each problem at path:line:col; the cross-entry check must tell a real overlap from a deputy
role; the importer must turn tables into loadable files and report bad rows by CSV line.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from engine.cli_kb import kb
from engine.errors import Diagnostic, has_errors
from engine.knowledge import KnowledgeBase
from engine.knowledge.check import check_knowledge
from engine.knowledge.entries import Tenure
from engine.knowledge.importer import import_tenures, title_variants
from engine.knowledge.loader import load_knowledge
from engine.layers import SHIPPED_RULES
from tests.conftest import shared_path

KNOWLEDGE = SHIPPED_RULES / "knowledge"
MY_SECTIONS = ("roles", "officeholders", "institutions", "deaths", "events", "places")


def _load(*paths: Path) -> tuple[KnowledgeBase, list[Diagnostic]]:
    return load_knowledge(paths)


def _write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def _at(path: Path, marker: str) -> tuple[int, int]:
    """1-based line and column of ``marker`` in ``path``, to state expected locations."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if marker in line:
            return number, line.index(marker) + 1
    raise AssertionError(f"{marker!r} not in {path}")


# ------------------------------------------------------------------ shipped files

@pytest.fixture(scope="module")
def shipped() -> tuple[KnowledgeBase, list[Diagnostic]]:
    return load_knowledge(sorted(KNOWLEDGE.glob("*.yaml")))


def test_shipped_knowledge_loads_without_problems(shipped: tuple[KnowledgeBase, list[Diagnostic]]
                                                  ) -> None:
    knowledge, problems = shipped
    assert [str(p) for p in problems] == []
    for section in MY_SECTIONS:
        assert knowledge.entries(section), f"section {section} is empty"
    assert len(knowledge.entries("officeholders")) >= 63


def test_shipped_knowledge_has_no_check_errors(shipped: tuple[KnowledgeBase, list[Diagnostic]]
                                               ) -> None:
    issues = check_knowledge(shipped[0])
    assert not has_errors(issues), [str(i) for i in issues if i.severity == "error"]
    result = CliRunner().invoke(kb, ["check"])
    assert result.exit_code == 0, result.output


def test_every_officeholder_role_is_defined(shipped: tuple[KnowledgeBase, list[Diagnostic]]
                                            ) -> None:
    knowledge = shipped[0]
    roles = knowledge.index("roles.by_id")
    missing = {t.role_id for t in knowledge.entries("officeholders")} - set(roles)
    assert missing == set()
    assert roles["deputy-defence-minister"].single_holder is False
    assert roles["defence-minister"].single_holder is True
    assert "Chief of General Staff" in roles["chief-of-general-staff"].titles


def test_shipped_facts_answer_known_questions(shipped: tuple[KnowledgeBase, list[Diagnostic]]
                                              ) -> None:
    knowledge = shipped[0]
    fomin = [t for t in knowledge.index("officeholders.by_name")["aleksandr fomin"]
             if t.role_id == "deputy-defence-minister"]
    assert len(fomin) == 1 and fomin[0].end is not None
    assert fomin[0].end.latest == dt.date(2025, 10, 31)  # "2025-10": out only from November
    deaths = knowledge.index("deaths.by_name")
    assert deaths["yevgeny prigozhin"].date.text == "2023-08-23"
    army = next(i for i in knowledge.entries("institutions") if "4th Mechanised Division"
                in i.aliases)
    assert army.end is not None and army.end.text == "2025-01-29"
    shayrat = next(e for e in knowledge.entries("events") if "Shayrat strike" in e.phrases)
    assert shayrat.date.text == "2017-04-07"
    assert "khmeimim" in knowledge.index("places.by_name")


def test_conversion_keeps_every_source_and_flag(shipped: tuple[KnowledgeBase, list[Diagnostic]]
                                                ) -> None:
    source = shared_path("knowledge", "officeholders.yaml")
    knowledge = shipped[0]
    section = {"officeholder": "officeholders", "institution": "institutions",
               "place": "places"}
    for raw in yaml.safe_load(source.read_text(encoding="utf-8")):
        matches = [e for e in knowledge.entries(section[raw["type"]])
                   if e.name == raw["name"] and getattr(e, "role", None) == raw.get("role")]
        assert len(matches) == 1, raw["name"]
        entry = matches[0]
        urls = [raw["source"]] if isinstance(raw["source"], str) else raw["source"]
        assert list(entry.sources) == urls, raw["name"]
        flag = {True: "true", False: "false"}.get(raw["verified"], raw["verified"])
        assert entry.verified == flag, raw["name"]
        assert raw.get("notes", "") in entry.notes
        for key in ("start", "end"):
            if raw["type"] != "place":
                value = getattr(entry, key)
                assert (value.text if value else None) == (
                    str(raw[key]) if raw.get(key) else None), (raw["name"], key)


# ------------------------------------------------------------------ load problems, located

def test_broken_file_reports_each_problem_at_its_position(tmp_path: Path) -> None:
    path = _write(tmp_path / "broken.yaml", """
        section: officeholders
        entries:
          - name: Bad Date
            role_id: test-role
            role: Minister
            country: Testland
            start: "2024-02-30"
            end: null
            sources: ["https://example.org/a"]
            verified: true
          - name: Unknown Key
            role_id: test-role
            role: Minister
            country: Testland
            start: "2020"
            end: null
            sources: ["https://example.org/b"]
            verified: partial
            colour: red
          - name: Reversed
            role_id: test-role
            role: Minister
            country: Testland
            start: "2024-05-01"
            end: "2023-01-01"
            sources: ["https://example.org/c"]
            verified: false
          - name: Unquoted
            role_id: test-role
            role: Minister
            country: Testland
            start: 2024-01-01
            end: null
            sources: ["https://example.org/d"]
            verified: true
        """)
    knowledge, problems = _load(path)
    where = {(p.location.line, p.location.col): p.message for p in problems}
    assert all(p.location.path == str(path) for p in problems)
    assert len(problems) == 4, [str(p) for p in problems]
    assert "day is out of range" in where[_at(path, '"2024-02-30"')]
    assert "unknown key 'colour'" in where[_at(path, "colour")]
    assert "end 2023-01-01 is before start 2024-05-01" in where[_at(path, '"2023-01-01"')]
    assert "the date 2024-01-01 is unquoted" in where[_at(path, "2024-01-01")]
    assert knowledge.entries("officeholders") == ()  # no half-checked entry gets through


def test_event_phrase_with_regex_syntax_is_located(tmp_path: Path) -> None:
    path = _write(tmp_path / "events.yaml", """
        section: events
        entries:
          - name: Something
            phrases: ["plain words", "fall (of|from) power"]
            date: "2024"
            sources: ["https://example.org"]
            verified: true
        """)
    _, problems = _load(path)
    assert len(problems) == 1
    line, _ = _at(path, "fall (of|from) power")
    assert problems[0].location.line == line and "regex syntax" in problems[0].message


# ------------------------------------------------------------------ kb check

ROLES = """
    section: roles
    entries:
      - id: test-minister
        titles: ["Test Minister"]
        single_holder: true
      - id: test-deputy
        titles: ["Deputy Test Minister"]
        single_holder: false
    """


def _tenure_yaml(name: str, role_id: str, start: str, end: str | None,
                 country: str = "Testland") -> str:
    end_text = f'"{end}"' if end else "null"
    return (f'  - {{name: "{name}", role_id: {role_id}, role: "R", country: "{country}", '
            f'start: "{start}", end: {end_text}, sources: ["https://example.org"], '
            f'verified: true}}\n')


def _fixture(tmp_path: Path, *tenures: str) -> Path:
    """A rules directory ``kbdir`` holding ``knowledge/roles.yaml`` and ``people.yaml``; the
    knowledge folder is returned (pass its parent to ``--rules``)."""
    folder = tmp_path / "kbdir" / "knowledge"
    folder.mkdir(parents=True)
    _write(folder / "roles.yaml", ROLES)
    (folder / "people.yaml").write_text("section: officeholders\nentries:\n" + "".join(tenures),
                                        encoding="utf-8")
    return folder


def _check(folder: Path) -> list[str]:
    knowledge, problems = _load(*sorted(folder.glob("*.yaml")))
    assert problems == []
    return [str(i) for i in check_knowledge(knowledge)]


def test_kb_check_reports_overlap_of_single_holders_with_both_origins(tmp_path: Path) -> None:
    folder = _fixture(tmp_path,
                      _tenure_yaml("Anna Alpha", "test-minister", "2020-01-01", "2022-01-01"),
                      _tenure_yaml("Bert Beta", "test-minister", "2021-06-01", None))
    people = folder / "people.yaml"
    issues = _check(folder)
    assert len(issues) == 1
    assert f"{people}:4: error:" in issues[0]  # at Bert, naming Anna's line
    assert f"{people}:3" in issues[0] and "214 day(s)" in issues[0]
    result = CliRunner().invoke(kb, ["check", "--no-shipped", "--rules", str(folder.parent)])
    assert result.exit_code == 2
    assert "1 error(s)" in result.output


def test_kb_check_accepts_concurrent_deputies_and_same_day_handover(tmp_path: Path) -> None:
    folder = _fixture(tmp_path,
                      _tenure_yaml("Anna Alpha", "test-deputy", "2020-01-01", "2022-01-01"),
                      _tenure_yaml("Bert Beta", "test-deputy", "2021-06-01", None),
                      _tenure_yaml("Carl Gamma", "test-minister", "2019-01-01", "2021-03-01"),
                      _tenure_yaml("Dora Delta", "test-minister", "2021-03-01", None),
                      # Same role in another country is another post.
                      _tenure_yaml("Emil Eps", "test-minister", "2020-01-01", None, "Otherland"))
    assert _check(folder) == []
    result = CliRunner().invoke(kb, ["check", "--no-shipped", "--rules", str(folder.parent)])
    assert result.exit_code == 0, result.output


def test_kb_check_short_overlap_is_a_warning_only(tmp_path: Path) -> None:
    folder = _fixture(tmp_path,
                      _tenure_yaml("Anna Alpha", "test-minister", "2020-01-01", "2021-03-10"),
                      _tenure_yaml("Bert Beta", "test-minister", "2021-03-01", None))
    issues = _check(folder)
    assert len(issues) == 1 and ": warning:" in issues[0] and "9 day(s)" in issues[0]
    result = CliRunner().invoke(kb, ["check", "--no-shipped", "--rules", str(folder.parent)])
    assert result.exit_code == 0


def test_kb_check_unknown_role_undated_and_dead_officeholder(tmp_path: Path) -> None:
    folder = _fixture(tmp_path,
                      _tenure_yaml("Anna Alpha", "no-such-role", "2020-01-01", None),
                      '  - {name: "Undated Person", role_id: test-deputy, role: "R", '
                      'country: "Testland", start: null, end: null, '
                      'sources: ["https://example.org"], verified: false}\n',
                      _tenure_yaml("Carl Gamma", "test-minister", "2019-01-01", None))
    _write(folder / "deaths.yaml", """
        section: deaths
        entries:
          - name: Carl Gamma
            date: "2020-05"
            sources: ["https://example.org"]
            verified: true
        """)
    issues = _check(folder)
    assert any(": error:" in i and "unknown role_id 'no-such-role'" in i for i in issues)
    assert any(": warning:" in i and "neither start nor end" in i for i in issues)
    assert any(": error:" in i and "Carl Gamma" in i and "died 2020-05" in i for i in issues)
    assert len(issues) == 3


def test_check_rechecks_dates_of_entries_built_in_code() -> None:
    from engine.knowledge.entries import FuzzyDate

    reversed_tenure = Tenure("X", (), "r", "R", "C", FuzzyDate.parse("2024"),
                             FuzzyDate.parse("2020"), None, ("s",), "true", "", "mem:1")
    issues = check_knowledge(KnowledgeBase({"officeholders": (reversed_tenure,)}))
    assert [i.severity for i in issues] == ["error", "error"]  # unknown role, end < start
    assert any("before start" in i.message for i in issues)


# ------------------------------------------------------------------ importer

CSV = """\
person,aliases,office,organisation,jurisdiction,start_date,end_date,source
Ronald Reagan,Ronald Reagan|Ronald Wilson Reagan,President of the United States,Executive Office,US,1981-01-20,1985-01-20,https://example.org/exec
Ronald Reagan,Ronald Reagan,President of the United States,Executive Office,US,1985-01-20,1989-01-20,https://example.org/exec
George Bush,George Bush|George H. W. Bush,Vice President of the United States,Executive Office,US,1981-01-20,1989-01-20,https://example.org/exec
"Smith, Jr., Ann","Ann Smith",Minister of State,Home Office,US,2020-01-01,,https://example.org/ms
Bob Jones,Bob Jones,Minister of State,Treasury,US,2020-03-01,2021-01-01,https://example.org/ms
Bad Row,Bad Row,Secretary of State for the Home Department,Home Office,US,2021-02-30,,https://example.org/bad
Gordon Brown,Gordon Brown,Prime Minister,Prime Minister's Office,GB,2007-06-27,2010-05-11,https://example.org/gb
"""


def test_importer_builds_entries_roles_and_reports_bad_rows(tmp_path: Path) -> None:
    table = tmp_path / "tenures.csv"
    table.write_text(CSV, encoding="utf-8")
    result = import_tenures(table, "us")
    assert (result.rows_read, result.rows_selected, result.entries) == (7, 6, 4)
    assert [(e.location.line, "start_date '2021-02-30'" in e.message) for e in result.rejected] == [
        (7, True)]
    out, roles_out = tmp_path / "us.yaml", tmp_path / "us.roles.yaml"
    out.write_text(result.officeholders_yaml, encoding="utf-8")
    roles_out.write_text(result.roles_yaml, encoding="utf-8")
    knowledge, problems = _load(out, roles_out)
    assert problems == []
    reagan = knowledge.index("officeholders.by_name")["ronald wilson reagan"]
    assert [(t.role_id, t.start.text if t.start else None, t.end.text if t.end else None)
            for t in reagan] == [("us.president-of-the-united-states", "1981-01-20",
                                  "1989-01-20")]
    assert reagan[0].country == "United States" and "lines 2, 3" in reagan[0].notes
    roles = knowledge.index("roles.by_id")
    president = roles["us.president-of-the-united-states"]
    assert president.single_holder is True
    assert {"President", "U.S. President", "US President"} <= set(president.titles)
    assert roles["us.minister-of-state"].single_holder is False  # Smith and Jones at once
    assert "us.prime-minister" not in roles and "gb.prime-minister" not in roles
    smith = knowledge.index("officeholders.by_name")["smith, jr., ann"][0]
    assert smith.end is None and smith.aliases == ("Ann Smith",)
    assert not has_errors(check_knowledge(knowledge))


def test_importer_as_of_turns_scheduled_ends_into_open_tenures(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(CSV.splitlines()[0] + "\n" + "Next One,,President of the United States,"
                     "Executive Office,US,2025-01-20,2029-01-20,https://example.org\n",
                     encoding="utf-8")
    entry = yaml.safe_load(import_tenures(table, as_of=dt.date(2026, 2, 4))
                           .officeholders_yaml)["entries"][0]
    assert (entry["end"], entry["last_seen"]) == (None, "2026-02-04")
    assert "Scheduled end 2029-01-20" in entry["notes"]


def test_importer_role_map_and_title_variants(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(CSV, encoding="utf-8")
    result = import_tenures(table, "GB", role_map={"prime minister": "prime-minister"})
    assert result.roles == 0
    assert yaml.safe_load(result.officeholders_yaml)["entries"][0]["role_id"] == "prime-minister"
    assert "Home Secretary" in title_variants("Secretary of State for the Home Department")
    assert "Armed Forces Minister" in title_variants("Minister for the Armed Forces")
    assert "State Minister" not in title_variants("Minister of State")
    assert title_variants("U.S. Senator (NY)") == ["U.S. Senator (NY)", "U.S. Senator",
                                                   "US Senator", "Senator"]


def test_kb_import_command_writes_both_files_and_exits_2_on_rejects(tmp_path: Path) -> None:
    table = tmp_path / "tenures.csv"
    table.write_text(CSV, encoding="utf-8")
    out = tmp_path / "knowledge" / "us.yaml"
    result = CliRunner().invoke(kb, ["import", str(table), "--jurisdiction", "US",
                                     "-o", str(out)])
    assert result.exit_code == 2
    assert f"{table}:7: error: row rejected" in result.output
    assert "wrote 4 tenure(s)" in result.output
    assert out.exists() and (tmp_path / "knowledge" / "us.roles.yaml").exists()
    check = CliRunner().invoke(kb, ["check", "--rules", str(tmp_path)])
    assert check.exit_code == 0, check.output


# ------------------------------------------------------------------ importer on real tables

def _import_and_load(tmp_path: Path, name: str, jurisdiction: str
                     ) -> tuple[KnowledgeBase, list[Diagnostic], int, int, int]:
    table = shared_path("knowledge", name)
    result = import_tenures(table, jurisdiction)
    out = tmp_path / f"{jurisdiction.lower()}.yaml"
    roles_out = tmp_path / f"{jurisdiction.lower()}.roles.yaml"
    out.write_text(result.officeholders_yaml, encoding="utf-8")
    roles_out.write_text(result.roles_yaml, encoding="utf-8")
    knowledge, problems = _load(out, roles_out)
    return knowledge, problems, result.rows_read, len(result.rejected), result.entries


def test_import_us_table_loads_and_knows_reagan(tmp_path: Path) -> None:
    knowledge, problems, rows, rejected, entries = _import_and_load(
        tmp_path, "us_executive_and_current_congress.csv", "US")
    assert problems == []
    assert rows > 2000 and rejected == 0 and 0 < entries < rows  # re-elections merged
    reagan = [t for t in knowledge.index("officeholders.by_name")["ronald reagan"]
              if t.role_id == "us.president-of-the-united-states"]
    assert [(str(t.start), str(t.end)) for t in reagan] == [("1981-01-20", "1989-01-20")]
    roles = knowledge.index("roles.by_id")
    assert roles["us.president-of-the-united-states"].single_holder is True
    assert not has_errors(check_knowledge(knowledge))


def test_import_uk_table_loads_and_rejects_only_bad_rows(tmp_path: Path) -> None:
    knowledge, problems, rows, rejected, entries = _import_and_load(
        tmp_path, "uk_ministers_ifg.csv", "GB")
    assert problems == []
    assert rows > 3000 and rejected < 10 and entries > 3000
    thatcher = knowledge.index("officeholders.by_name")["margaret thatcher"]
    assert [(t.role_id, str(t.start), str(t.end)) for t in thatcher
            if t.role_id == "gb.prime-minister"] == [("gb.prime-minister", "1979-05-04",
                                                      "1990-11-28")]
    roles = knowledge.index("roles.by_id")
    assert roles["gb.prime-minister"].single_holder is True
    assert roles["gb.minister-of-state"].single_holder is False
    assert "Home Secretary" in roles["gb.secretary-of-state-for-the-home-department"].titles
    assert not has_errors(check_knowledge(knowledge))
