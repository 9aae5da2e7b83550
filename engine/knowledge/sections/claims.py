"""Section ``claims``: statements the record contradicts, and how articles phrase them.

"In 2015, Syria acquired the latest S-400" is false: Russia deployed the S-400 to Khmeimim in
November 2015 for its own forces, and Syria never acquired it. An entry describes the false
statement as three RE2 patterns that must occur in this order within one sentence: ``subject``
("Syria|Damascus"), ``verb`` (acquisition: "acquired|received|bought") and ``object``
("S-?400"); they are matched case-blind. ``record`` states what is true, for the finding's
message; ``counter`` (optional RE2, case-blind) finds text that states the record, so that an
article contradicting itself ("the Russian S-400 ... covers the Russian aviation group at the
Khmeimim air base") has that passage quoted as the other side.

Entry keys: ``id``, ``claim`` (the false statement in plain words), ``subject``, ``verb``,
``object``, ``record``, ``counter``, plus ``sources``, ``verified``, ``unverified``, ``notes``.
Checked here: every pattern compiles under RE2.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge import Section
from engine.knowledge.entries import Recorded
from engine.knowledge.sections._fields import TEXT, EntryReader, entry_schema, slug_id
from engine.regex import RegexError, compile_re2
from engine.yamlpos import Located, PathKey

NAME = "claims"
PATTERN_KEYS = ("subject", "verb", "object", "counter")

ENTRY_SCHEMA: dict[str, Any] = entry_schema(
    {
        "id": slug_id("syria-acquired-s400"),
        "claim": TEXT,
        "subject": TEXT,
        "verb": TEXT,
        "object": TEXT,
        "record": TEXT,
        "counter": TEXT,
    },
    ["id", "claim", "subject", "verb", "object", "record"],
)


@dataclass(frozen=True, kw_only=True)
class Claim(Recorded):
    """A false statement, its phrasing as patterns, the record, and where that is documented."""

    id: str
    claim: str
    subject: str
    verb: str
    object: str
    record: str
    counter: str | None


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> Claim | None:
    """One validated entry as a Claim; None (with located problems) if a pattern fails."""
    reader = EntryReader(raw, doc, at, problems)
    for key in PATTERN_KEYS:
        if key in raw:
            try:
                compile_re2(str(raw[key]), True)
            except RegexError as exc:
                reader.problem(key, f"invalid regex: {exc}",
                               "RE2 syntax: no lookaround or backreferences")
    if reader.failed:
        return None
    return Claim(id=raw["id"], claim=reader.text("claim"), subject=str(raw["subject"]),
                 verb=str(raw["verb"]), object=str(raw["object"]), record=reader.text("record"),
                 counter=str(raw["counter"]) if "counter" in raw else None,
                 **reader.provenance())


CLAIMS: Section[Claim] = Section(NAME, Claim)
