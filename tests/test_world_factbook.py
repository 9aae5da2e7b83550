"""The Factbook importer tells a respelled holder from a colleague appointed the same day.

The Factbook respells people between snapshots ("Lukashenko"/"Lukashenka", "Golovchenko"/
"Halowchenka"); several people also share a post and a "since" day (deputy prime ministers,
vice presidents, presidency members appointed together). A same-day name is the same person
only when it is a similar spelling or a shorter form of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.knowledge.importers import Vocabulary, factbook
from engine.knowledge.loader import load_knowledge

KNOWLEDGE = Path(__file__).resolve().parents[1] / "rules" / "knowledge"
TABLE = Path(__file__).resolve().parents[2] / "shared" / "knowledge" / "world" / \
    "factbook_executive_timeline.csv"


@pytest.mark.parametrize(("a", "b", "same"), [
    ("roman golovchenko", "raman halowchenka", True),
    ("abdelfattah elsisi", "abdel fattah el-sisi", True),
    ("serdar berdimuhamedow", "serdar berdimuhamedov", True),
    ("sonexay", "sonexay siphandon", True),
    # Colleagues appointed the same day are different people.
    ("ekaterini sakellaropoulou", "konstantinos tasoulas", False),
    ("khalid bin mohamed al attiyah", "mohamed bin abdulrahman al thani", False),
    ("sigrid kaag", "wopke hoekstra", False),
    ("emmanuel macron", "patrick strozda", False),
])
def test_respelling_or_someone_else(a: str, b: str, same: bool) -> None:
    assert factbook._respelled(a, b) is same


def test_imported_table_keeps_same_day_colleagues_apart() -> None:
    if not TABLE.is_file():
        pytest.skip(f"{TABLE} is absent: third-party data lives only in the team's shared "
                    "folder")
    kb, _ = load_knowledge(sorted(KNOWLEDGE.glob("*.yaml")))
    rows = factbook.read(TABLE, Vocabulary.from_knowledge(kb)).tenures
    names = {(r["country"], r["name"]): r["aliases"].split("|") for r in rows}
    assert "Mohamed bin Abdulrahman Al Thani" not in names[("Qatar",
                                                           "Khalid bin Mohamed Al Attiyah")]
    assert ("Netherlands", "Wopke Hoekstra") in names
    assert "Raman Halowchenka" in names[("Belarus", "Roman Golovchenko")]
