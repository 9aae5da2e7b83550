"""Section ``events``: dated events; an article mentioning one was written after its date.

Entry keys: ``name``, ``phrases`` (how articles refer to the event, e.g. "fall of Assad"),
``date`` (required), plus ``sources``, ``verified``, ``unverified`` and ``notes``.

Phrases are literal text, not regular expressions: the rules escape them and match them
case-blind. Regex syntax is rejected here so that nobody writes a pattern that would then be
matched literally.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge import Section
from engine.knowledge.entries import Event
from engine.knowledge.sections._fields import DATE, SOME_TEXTS, TEXT, EntryReader, entry_schema
from engine.yamlpos import Located, PathKey

NAME = "events"
# Typed handle: ``kb.of(EVENTS)`` is a ``tuple[Event, ...]``.
EVENTS: Section[Event] = Section(NAME, Event)

# Characters that only make sense in a regex. "." and "'" are left out: "U.S." and "Assad's".
_REGEX_SYNTAX = re.compile(r"[\\^$*+?{}\[\]|()]")

ENTRY_SCHEMA: dict[str, Any] = entry_schema(
    {"name": TEXT, "phrases": SOME_TEXTS, "date": DATE},
    ["name", "phrases", "date"],
)


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> Event | None:
    """One validated entry as an Event, or None when a phrase or the date is unusable."""
    reader = EntryReader(raw, doc, at, problems)
    date = reader.date("date")
    phrases: list[str] = []
    for i, phrase in enumerate(raw["phrases"]):
        text = " ".join(str(phrase).split())
        bad = _REGEX_SYNTAX.search(text)
        if bad:
            reader.problem(("phrases", i), f"phrase {text!r} contains regex syntax "
                           f"{bad.group()!r}", "write the phrase as plain text, one variant "
                           "per list item")
        elif not any(ch.isalnum() for ch in text):
            reader.problem(("phrases", i), f"phrase {text!r} has no letters or digits",
                           "write the words articles use for the event")
        else:
            phrases.append(text)
    if date is None or reader.failed:
        return None
    return Event(name=reader.text("name"), phrases=tuple(phrases), date=date,
                 **reader.provenance())
