"""Section ``confusions``: names of different things that articles wrongly equate.

"S-200 'Buk'" writes one air-defence system as another: the S-200 (Vega, NATO SA-5) and the Buk
(9K37, NATO SA-11) are different systems. An entry names the two things, each with an RE2
``pattern`` that finds it in text (write word boundaries, e.g. ``\\bBuk\\b``) and a ``label``
saying what it is, plus ``why`` (the fact, for the finding's message) and the usual provenance:
``sources``, ``verified``, ``unverified``, ``notes``.

Entry keys: ``id``, ``names`` (exactly two ``{label, pattern}``), ``why``, provenance.
Checked here: both patterns compile under RE2. The ``known-confusion`` consistency check decides
what "equated" means (adjacent, in quotes or in apposition).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge import Section
from engine.knowledge.entries import Recorded
from engine.knowledge.sections._fields import (
    TEXT,
    EntryReader,
    closed_schema,
    entry_schema,
    slug_id,
)
from engine.regex import RegexError, compile_re2
from engine.yamlpos import Located, PathKey

NAME = "confusions"

ENTRY_SCHEMA: dict[str, Any] = entry_schema(
    {
        "id": slug_id("s200-buk"),
        "names": {"type": "array", "minItems": 2, "maxItems": 2,
                  "items": closed_schema({"label": TEXT, "pattern": TEXT}, ["label", "pattern"])},
        "why": TEXT,
    },
    ["id", "names", "why"],
)


@dataclass(frozen=True)
class ConfusedName:
    """One of the two things: how messages name it, and the RE2 pattern that finds it."""

    label: str
    pattern: str


@dataclass(frozen=True, kw_only=True)
class Confusion(Recorded):
    """Two things that must not be equated, why, and where that is documented."""

    id: str
    names: tuple[ConfusedName, ConfusedName]
    why: str


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> Confusion | None:
    """One validated entry as a Confusion; None (with a located problem) if a pattern fails."""
    reader = EntryReader(raw, doc, at, problems)
    names = []
    for i, item in enumerate(raw["names"]):
        try:
            compile_re2(item["pattern"])
        except RegexError as exc:
            reader.problem(("names", i, "pattern"), f"invalid regex: {exc}",
                           "RE2 syntax: no lookaround or backreferences")
        names.append(ConfusedName(str(item["label"]).strip(), str(item["pattern"])))
    if reader.failed:
        return None
    return Confusion(id=raw["id"], names=(names[0], names[1]), why=reader.text("why"),
                     **reader.provenance())


CONFUSIONS: Section[Confusion] = Section(NAME, Confusion)
