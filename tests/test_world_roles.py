"""Ministry position labels as the world tables write them, mapped onto the role taxonomy.

Peppercat names ministries in each country's own words ("Minister of External Relations" in
Brazil and Angola, "Minister of International Relations and Cooperation" in South Africa,
"Minister of the Revolutionary Armed Forces" in Cuba). The labels live in
``rules/knowledge/roles.yaml`` (``labels``), read by the importers only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.knowledge.importers import Vocabulary
from engine.knowledge.importers.peppercat import roles_of
from engine.knowledge.loader import load_knowledge

KNOWLEDGE = Path(__file__).resolve().parents[1] / "rules" / "knowledge"


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    kb, problems = load_knowledge(sorted(KNOWLEDGE.glob("*.yaml")))
    assert not problems
    return Vocabulary.from_knowledge(kb)


@pytest.mark.parametrize(("label", "country", "role_id"), [
    ("Minister of External Relations", "Brazil", "foreign-minister"),
    ("Minister for External Relations", "Angola", "foreign-minister"),
    ("Federal Minister of European and International Affairs", "Austria",
     "foreign-minister"),
    ("Minister of International Relations and Cooperation", "South Africa",
     "foreign-minister"),
    ("Secretary of National Defence", "Philippines", "defence-minister"),
    ("Minister of the Revolutionary Armed Forces", "Cuba", "defence-minister"),
    ("Minister Delegate at the Presidency in charge of Defence", "Cameroon",
     "defence-minister"),
    # A portfolio pair names both roles.
    ("Minister of Foreign Affairs and Defence", "Malta", "defence-minister"),
])
def test_ministry_labels_map_onto_roles(vocabulary: Vocabulary, label: str, country: str,
                                        role_id: str) -> None:
    assert role_id in roles_of(label, country, vocabulary)


@pytest.mark.parametrize("label", [
    "Deputy Minister of Foreign Affairs", "Minister of Foreign Trade", "Chief of Defence",
    "Minister of State for the Armed Forces", "Minister of International Trade",
])
def test_deputies_trade_and_military_chiefs_are_not_ministers(vocabulary: Vocabulary,
                                                              label: str) -> None:
    found = roles_of(label, "France", vocabulary)
    assert "foreign-minister" not in found and "defence-minister" not in found
