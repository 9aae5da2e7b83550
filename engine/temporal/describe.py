"""Wording shared by temporal messages: roles, countries, dates, sources."""

from __future__ import annotations

from pathlib import Path

from engine.knowledge.entries import FuzzyDate, Tenure

# Knowledge origins are shown relative to the repository that ships the rules, so messages
# (and the committed scorecards) do not depend on where the repository was checked out.
_REPO = Path(__file__).resolve().parents[2]

# Country names that take "the" ("the United States' President") are the plural and the
# descriptive ones: a rule about the words, not a second list of countries.
_DESCRIPTIVE = ("United", "Republic", "Kingdom", "Islands", "Emirates", "States")


def _takes_the(country: str) -> bool:
    words = country.split()
    return (len(words) > 1 and any(word in _DESCRIPTIVE for word in words)) or \
        country.endswith(("lands", "pines"))


def role_label(tenure: Tenure) -> str:
    """The role as the source wrote it, without a parenthesised aside:
    "Minister of Defence (and Deputy Commander-in-Chief)" -> "Minister of Defence"."""
    label = tenure.role
    if "(" in label:
        head = label[:label.index("(")].strip()
        label = head or label
    return label


def possessive(country: str) -> str:
    """"Syria's", "the United States'"."""
    name = f"the {country}" if _takes_the(country) else country
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def country_role(tenure: Tenure) -> str:
    """"Syria's Minister of Defence"; the role alone when the country is unknown or already
    named in it ("President of the United States", "U.S. Senator")."""
    label = role_label(tenure)
    if not tenure.country or tenure.country.casefold() in label.casefold() or (
            tenure.country == "United States" and "U.S." in label):
        return label
    return f"{possessive(tenure.country)} {label}"


def fuzzy(value: object) -> str:
    """A knowledge date as written ("2025-10"), or "?" for none."""
    if isinstance(value, FuzzyDate):
        return value.text
    return "?" if value is None else str(value)


def cite(sources: tuple[str, ...], origin: str) -> str:
    """"[source: URL; knowledge: rules/knowledge/officeholders.yaml:132]"."""
    parts = []
    if sources:
        parts.append(f"source: {sources[0]}")
    if origin:
        parts.append(f"knowledge: {short_origin(origin)}")
    return f"[{'; '.join(parts)}]" if parts else ""


def short_origin(origin: str) -> str:
    """``path:line`` with the path relative to the repository when it lies inside it."""
    path, sep, line = origin.rpartition(":")
    if not sep or not line.isdigit():
        return origin
    try:
        relative = Path(path).resolve().relative_to(_REPO)
    except ValueError:
        return origin
    return f"{relative.as_posix()}:{line}"
