"""The shape five checks share: claims about one subject that do not all give one value.

``disagreements`` groups claims by subject, splits each subject's claims into distinct values
(in order of first appearance), and keeps the subjects with at least two values; a check then
quotes the first claim of each value. What a claim, a subject and "the same value" are is the
check's business: two titles naming one office (``role-conflict``), one day given by two
datelines (``dateline-conflict``), two spellings of one outlet (``outlet-conflict``).

Values are told apart either by a hashable ``key`` (a date, a rounded number) or, when sameness
is fuzzy (name spellings, outlet names), by a ``same(claim, other)`` test: against the first
claim of each value, or against every claim of it with ``match="any"`` (a value then grows
with each spelling it absorbs).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

Claim = TypeVar("Claim")
Subject = TypeVar("Subject", bound=Hashable)


@dataclass(frozen=True)
class Disagreement(Generic[Subject, Claim]):
    """One subject's claims, grouped by distinct value (each group in text order)."""

    subject: Subject
    values: tuple[tuple[Claim, ...], ...]

    @property
    def firsts(self) -> tuple[Claim, ...]:
        """The first claim of each value: what a conflict quotes."""
        return tuple(group[0] for group in self.values)


def distinct_values(claims: Iterable[Claim], *, key: Callable[[Claim], Hashable] | None = None,
                    same: Callable[[Claim, Claim], bool] | None = None,
                    match: Literal["first", "any"] = "first") -> list[list[Claim]]:
    """``claims`` grouped into distinct values, in order of each value's first claim."""
    if (key is None) == (same is None):
        raise ValueError("give exactly one of key and same")
    groups: list[list[Claim]] = []
    if key is not None:
        by_key: dict[Hashable, list[Claim]] = {}
        for claim in claims:
            group = by_key.get(key(claim))
            if group is None:
                group = by_key[key(claim)] = []
                groups.append(group)
            group.append(claim)
        return groups
    assert same is not None
    for claim in claims:
        for group in groups:
            members = group if match == "any" else group[:1]
            if any(same(claim, other) for other in members):
                group.append(claim)
                break
        else:
            groups.append([claim])
    return groups


def disagreements(claims: Iterable[Claim], subject: Callable[[Claim], Subject], *,
                  key: Callable[[Claim], Hashable] | None = None,
                  same: Callable[[Claim, Claim], bool] | None = None,
                  match: Literal["first", "any"] = "first",
                  min_values: int = 2, max_values: int | None = None,
                  ) -> list[Disagreement[Subject, Claim]]:
    """Every subject whose claims give ``min_values`` to ``max_values`` distinct values, in
    order of the subject's first claim."""
    by_subject: dict[Subject, list[Claim]] = {}
    for claim in claims:
        by_subject.setdefault(subject(claim), []).append(claim)
    out: list[Disagreement[Subject, Claim]] = []
    for name, items in by_subject.items():
        values = distinct_values(items, key=key, same=same, match=match)
        if len(values) >= min_values and (max_values is None or len(values) <= max_values):
            out.append(Disagreement(name, tuple(tuple(v) for v in values)))
    return out
