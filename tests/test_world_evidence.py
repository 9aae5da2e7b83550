"""A successor is evidence of an end only when it is someone else.

Sources spell one person several ways; the Factbook lists Qatar's foreign minister as
"Mohamed bin Abdulrahman Al Thani" until March 2023 and then, as prime minister and foreign
minister, "Muhammad bin Abd al-Rahman Al Thani". That later row is the same man still in
office, not a successor: naming him under the first spelling in 2025 is no anachronism. A
different successor (the prime minister he replaced) still is. Shipped knowledge.
"""

from __future__ import annotations

import datetime as dt

from engine.ruleset import Ruleset
from tests.test_world_history import role_findings

LATE = dt.date(2025, 3, 7)


def test_the_same_person_spelled_otherwise_is_no_successor(ruleset: Ruleset) -> None:
    text = "Foreign Minister Mohamed bin Abdulrahman Al Thani said on Tuesday that talks resumed."
    assert role_findings(ruleset, text, LATE) == []


def test_a_different_successor_is_evidence(ruleset: Ruleset) -> None:
    text = ("Prime Minister Khalid bin Khalifa bin Abdul Aziz Al Thani said on Tuesday that "
            "talks resumed.")
    found = role_findings(ruleset, text, LATE)
    assert len(found) == 1 and "Khalid" in found[0].message


def test_a_holder_filed_under_another_spelling_is_in_office(ruleset: Ruleset) -> None:
    # The Factbook files Netanyahu as "Binyamin" until 2021 and "Benjamin" from 2022; its
    # coverage of the post reaches back to 2009, yet 2016 is no prochronism.
    text = "Prime Minister Benjamin Netanyahu said on Tuesday that talks resumed."
    assert role_findings(ruleset, text, dt.date(2016, 6, 1)) == []


def test_a_son_whose_names_contain_his_fathers_is_someone_else(ruleset: Ruleset) -> None:
    # "Muhammad bin Salman bin Abd al-Aziz Al Saud" (prime minister from 2022) contains his
    # father's names; he is a successor, not the father respelled.
    text = "Prime Minister Salman bin Abdulaziz Al Saud said on Tuesday that talks resumed."
    found = role_findings(ruleset, text, dt.date(2024, 9, 27))
    assert len(found) == 1 and "Salman" in found[0].message
