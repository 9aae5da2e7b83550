"""Schema pieces and value readers shared by the knowledge section modules.

Every dated section uses the same date syntax, the same provenance keys (``sources``,
``verified``, ``unverified``, ``notes``) and the same way of reporting a bad value, so a
knowledge author meets one set of conventions whatever the section.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict, TypeVar

from engine.errors import Diagnostic
from engine.knowledge.entries import FuzzyDate, Interval
from engine.yamlpos import Located, PathKey

# Ids of imported sources (``coverage`` entries), carried by their tenures: "factbook".
SOURCE_ID_PATTERN = r"^[a-z0-9]+([.-][a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
QID_PATTERN = r"^Q[1-9][0-9]*$"
T = TypeVar("T")
_DATE_HINT = 'write a quoted date: "YYYY", "YYYY-MM" or "YYYY-MM-DD"'

DATE: dict[str, Any] = {"type": "string", "pattern": DATE_PATTERN, "description": _DATE_HINT}
# ``null`` is meaningful where allowed: an unknown start, or an end not reached when last seen.
NULLABLE_DATE: dict[str, Any] = {
    "type": ["string", "null"], "pattern": DATE_PATTERN, "description": _DATE_HINT,
}
# When something held or existed: read together by ``EntryReader.interval``.
INTERVAL: dict[str, Any] = {"start": NULLABLE_DATE, "end": NULLABLE_DATE, "last_seen": DATE}
TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
# Where and when something held office or existed (officeholders, institutions): the keys the
# anachronism checks compare with an article's country and date.
HELD: dict[str, Any] = {"country": TEXT, **INTERVAL}
# Entry ids (claims, confusions, lexicon groups, outlet cues and ratings): one convention.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def slug_id(example: str) -> dict[str, Any]:
    """The schema of an entry ``id``: a lower-case slug, the hint showing ``example``."""
    return {"type": "string", "pattern": SLUG_PATTERN,
            "description": f"write a lower-case slug such as {example}"}


TEXTS: dict[str, Any] = {"type": "array", "items": TEXT}
# At least one: an entry's phrases, titles or sources, without which it says nothing.
SOME_TEXTS: dict[str, Any] = {"type": "array", "minItems": 1, "items": TEXT}
# A maintainer's free text (``notes``, ``note``, ``description``): shown, never matched.
NOTES: dict[str, Any] = {"type": "string"}
# A Wikidata item (a person's, a country's): lets importers match without guessing by label.
QID: dict[str, Any] = {"type": "string", "pattern": QID_PATTERN,
                       "description": "write a Wikidata item id such as Q7747"}
# What a thing is called and the other ways it is written: read together by
# ``EntryReader.named``.
NAMED: dict[str, Any] = {"name": TEXT, "aliases": TEXTS}
# A URL where the fact was seen, or (for imported tables) a citation of the dataset.
SOURCES: dict[str, Any] = SOME_TEXTS
# YAML ``true``/``false`` or the string ``partial`` (role seen, one detail inferred).
VERIFIED: dict[str, Any] = {"enum": [True, "partial", False]}

PROVENANCE: dict[str, Any] = {
    "sources": SOURCES,
    "verified": VERIFIED,
    # What could not be confirmed ("start", "end day"): folded into ``notes`` on load,
    # because the frozen entry types carry no separate field for it.
    "unverified": TEXTS,
    "notes": NOTES,
}
PROVENANCE_REQUIRED = ["sources", "verified"]


def closed_schema(properties: Mapping[str, Any], required: list[str]) -> dict[str, Any]:
    """One entry's JSON Schema with unknown keys rejected (a misspelt key is an error at its
    line, not a silently ignored fact). Vocabulary sections use it as is; dated facts add
    provenance through ``entry_schema``."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": dict(properties),
    }


def entry_schema(properties: Mapping[str, Any], required: list[str]) -> dict[str, Any]:
    """One entry's JSON Schema: the section's own keys plus provenance, unknown keys rejected."""
    return closed_schema({**properties, **PROVENANCE}, [*required, *PROVENANCE_REQUIRED])


class Named(TypedDict):
    """The keyword arguments ``name`` and ``aliases`` of a named entry."""

    name: str
    aliases: tuple[str, ...]


class Provenance(TypedDict):
    """The keyword arguments of ``engine.knowledge.entries.Recorded``."""

    sources: tuple[str, ...]
    verified: str
    notes: str
    origin: str


@dataclass
class EntryReader:
    """Reads one schema-valid entry, turning bad values into located problems.

    ``failed`` becomes true on the first problem: the section's ``build`` then returns None so
    that no half-checked entry reaches the rules.
    """

    raw: Mapping[str, Any]
    doc: Located
    at: PathKey
    problems: list[Diagnostic]
    failed: bool = False

    def problem(self, key: str | int | PathKey, message: str, hint: str = "") -> None:
        sub = key if isinstance(key, tuple) else (key,)
        self.problems.append(self.doc.problem((*self.at, *sub), message, hint))
        self.failed = True

    @property
    def origin(self) -> str:
        """``path:line`` of the entry, carried by entries so later messages can point at it."""
        line, _ = self.doc.where(self.at)
        return f"{self.doc.path}:{line}"

    def text(self, key: str, default: str = "") -> str:
        value = self.raw.get(key)
        return str(value).strip() if value is not None else default

    def date(self, key: str) -> FuzzyDate | None:
        """The FuzzyDate at ``key``; None when absent or null (or invalid, after a problem)."""
        value = self.raw.get(key)
        if value is None:
            return None
        try:
            return FuzzyDate.parse(str(value))
        except ValueError as exc:
            # The schema pattern admits "2024-13-40"; only the calendar can reject it.
            self.problem(key, f"{key}: {exc}", "use a real calendar date")
            return None

    def not_before(self, early_key: str, early: FuzzyDate | None,
                   late_key: str, late: FuzzyDate | None) -> None:
        """Report ``late`` when it is certainly before ``early`` (fuzzy dates may touch)."""
        if early is not None and late is not None and late.latest < early.earliest:
            self.problem(late_key, f"{late_key} {late} is before {early_key} {early}",
                         f"fix the typo, or swap {early_key} and {late_key}")

    def interval(self, what: str) -> Interval:
        """``start``, ``end`` and ``last_seen``, each reported when it cannot follow the one
        before it (``what`` says who was seen: "a person seen in office")."""
        start, end, last_seen = self.date("start"), self.date("end"), self.date("last_seen")
        self.not_before("start", start, "end", end)
        self.not_before("start", start, "last_seen", last_seen)
        if end is not None and last_seen is not None and last_seen.earliest > end.latest:
            self.problem("last_seen", f"last_seen {last_seen} is after end {end}",
                         f"{what} after the end date: fix one of the dates")
        return Interval(start, end, last_seen)

    def aliases(self, name: str, key: str = "aliases") -> tuple[str, ...]:
        """The aliases without the name itself and without repeats (compared case-blind):
        sources often list the full name among its spellings, and a repeat adds nothing."""
        seen = {name.casefold()}
        out: list[str] = []
        for alias in self.raw.get(key) or ():
            text = str(alias).strip()
            if text.casefold() not in seen:
                seen.add(text.casefold())
                out.append(text)
        return tuple(out)

    def named(self) -> Named:
        """``name`` and its aliases (see ``aliases``), to pass on as
        ``Entry(..., **reader.named())``."""
        name = self.text("name")
        return Named(name=name, aliases=self.aliases(name))

    def sources(self) -> tuple[str, ...]:
        return tuple(str(s).strip() for s in self.raw["sources"])

    def verified(self) -> str:
        """``"true"``, ``"partial"`` or ``"false"``: the entry types hold the flag as text."""
        value = self.raw["verified"]
        if value is True:
            return "true"
        if value is False:
            return "false"
        return str(value)

    def provenance(self, *extra: str) -> Provenance:
        """The ``Recorded`` fields of the entry (``notes`` with any ``extra`` sentences), to
        pass on as ``Entry(..., **reader.provenance())``."""
        return Provenance(sources=self.sources(), verified=self.verified(),
                          notes=self.notes(*extra), origin=self.origin)

    def notes(self, *extra: str) -> str:
        """The notes, then any ``extra`` sentences, then "Unverified: …" when listed."""
        parts = [self.text("notes"), *extra]
        unverified = [str(u) for u in self.raw.get("unverified") or ()]
        if unverified:
            parts.append(f"Unverified: {', '.join(unverified)}.")
        return " ".join(p for p in parts if p)


def build_dated(raw: Mapping[str, Any], doc: Located, at: PathKey, problems: list[Diagnostic],
                what: str, make: Callable[[EntryReader, Interval], T]) -> T | None:
    """``make(reader, interval)`` for an entry with an ``INTERVAL``, or None (the problems
    located) when a date is not a calendar date or the dates clash: the sections over an
    interval build through this, so none can pass a half-checked entry on. ``what`` says who
    was seen ("a person seen in office")."""
    reader = EntryReader(raw, doc, at, problems)
    interval = reader.interval(what)
    return None if reader.failed else make(reader, interval)
