"""The shared "claims about one subject disagree" primitive of the consistency checks."""

from __future__ import annotations

import pytest

from engine.consistency.disagreement import disagreements, distinct_values

# (subject, value, position): e.g. an office, the name given for it, where it was read.
CLAIMS = [("minister", "Abbas", 1), ("chief", "Naasan", 2), ("minister", "ABBAS", 3),
          ("minister", "Murhaf", 4), ("chief", "Naasan", 5), ("minister", "Abbas", 6)]


def test_subjects_with_two_values_quote_the_first_claim_of_each() -> None:
    found = disagreements(CLAIMS, lambda c: c[0], key=lambda c: c[1].casefold())
    assert [(d.subject, d.firsts) for d in found] == [
        ("minister", (("minister", "Abbas", 1), ("minister", "Murhaf", 4)))]
    assert [len(v) for v in found[0].values] == [3, 1]


def test_max_values_drops_a_series() -> None:
    series = [("price", v, i) for i, v in enumerate(["1", "2", "3", "1"])]
    assert disagreements(series, lambda c: c[0], key=lambda c: c[1], max_values=2) == []
    assert len(disagreements(series, lambda c: c[0], key=lambda c: c[1])) == 1


def _near(a: tuple[str, int], b: tuple[str, int]) -> bool:
    # Not transitive: 1~2 and 2~3, but 1 and 3 are apart.
    return abs(a[1] - b[1]) <= 1


def test_same_against_the_first_claim_or_any_claim_of_a_value() -> None:
    claims = [("x", 1), ("x", 2), ("x", 3)]
    assert distinct_values(claims, same=_near) == [[("x", 1), ("x", 2)], [("x", 3)]]
    assert distinct_values(claims, same=_near, match="any") == [[("x", 1), ("x", 2), ("x", 3)]]


def test_exactly_one_of_key_and_same() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        distinct_values(CLAIMS)
    with pytest.raises(ValueError, match="exactly one"):
        distinct_values(CLAIMS, key=lambda c: c, same=lambda a, b: True)
