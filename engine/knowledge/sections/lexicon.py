"""Section ``lexicon``: the vocabulary every reader of the text shares, kept once, as data.

The mention reader (``engine.mentions``) reads a role mention such as "Defence Minister Ali
Abbas" as a claim that Abbas holds the post *now*, unless the words around it frame it as the
past ("former", "then-", "under Assad", "in 2017"); it skips ranks and forms of address between
a title and a name, knows which words make a title another job, which abbreviations do not end a
sentence, and which capitalised words are never part of a name. The consistency checks read the
same lists. Country names are not here: they are the ``countries`` section; month and weekday
names belong to the date reader (``engine.dates``), which needs their numbers; role titles are
the ``roles`` section.

Entry keys:

- ``id``: a lower-case slug naming the group (``former``, ``ranks``);
- ``use``: what the phrases do (see ``USES``);
- ``scope``: for ``historical``/``current``/``residual`` cues, where the phrase must be (see
  ``SCOPES``);
- ``phrases``: literal text, matched case-blind on word boundaries (``country`` phrases are
  matched case-sensitively: "US" is not "us"). A phrase ending in ``-`` ("ex-", "then-") is
  glued to the next word. In ``historical`` cues of scope ``before`` or ``sentence``,
  ``{leader}`` stands for a person of the knowledge base ("under {leader}", "{leader}-era",
  "{leader}'s"): such a cue counts only when that person is out of office on the article's
  date ("under Assad" frames the past in 2026, the present in 2015);
- ``country``: for ``use: country``, the country (as written in tenures) the phrases name;
- ``note``: why the group exists.

Uses:

- ``historical``: the mention is about the past (no anachronism, no current-date evidence);
- ``current``: the mention stresses the present ("new", "sitting"): stronger date evidence;
- ``residual``: a body is mentioned as what is left of it ("remnants"): a softer signal;
- ``honorific``: ranks and forms of address allowed between a title and a name ("Maj. Gen.");
- ``blocker``: a word right before a title that makes it another job ("senior vice president");
- ``acting``: present-tense verbs, third person singular, that show a body acting now
  ("maintains", "is");
- ``acting-plural``: their plural forms ("maintain", "train", "are"), accepted only after a
  plural subject ("Republican Guard brigades train");
- ``speech``: verbs that show a person speaking or meeting ("said", "met");
- ``unit``: singular nouns that may follow a body's name before its verb ("brigade");
- ``unit-plural``: plural ones ("brigades", "remnants"): they make the subject plural;
- ``country``: words naming a country that the ``countries`` section leaves out on purpose
  (capitals used as metonyms: "Damascus", "the Kremlin"), with ``country:`` the country;
- ``deputy``: words before a title that make it a deputy's post ("Deputy", "Vice"): another
  office, of which there may be several at a time;
- ``transition``: words before a title that make the holder not (yet, or no longer) the settled
  one ("outgoing", "acting", "designate"): two such holders of one office do not conflict;
- ``abbreviation``: words whose full stop does not end a sentence ("U.S.", "Inc.", "Jr."),
  besides ranks, forms of address and month names;
- ``name-stopword``: capitalised words that are never part of a name after a title
  (sentence openers, pronouns, office words: "The", "He", "Minister").

Scopes (where a cue must sit relative to the mention):

- ``before``: within the three words before the mention, in the same clause ("former",
  "the late", "ex-", "under");
- ``between``: between the name and a title that follows it ("Abbas, who was defence minister");
- ``after``: after the mention, in the same sentence ("until 2024");
- ``sentence``: anywhere in the mention's sentence ("at the time", "had been").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge import Section
from engine.knowledge.sections._fields import (
    NOTES,
    SOME_TEXTS,
    TEXT,
    EntryReader,
    closed_schema,
    slug_id,
)
from engine.yamlpos import Located, PathKey

NAME = "lexicon"

USES = ("historical", "current", "residual", "honorific", "blocker", "acting", "acting-plural",
        "speech", "unit", "unit-plural", "country", "deputy", "transition", "abbreviation",
        "name-stopword")
SCOPED_USES = ("historical", "current", "residual")
SCOPES = ("before", "between", "after", "sentence")
LEADER = "{leader}"
LEADER_SCOPES = ("before", "sentence")

ENTRY_SCHEMA: dict[str, Any] = closed_schema(
    {
        "id": slug_id("former or ranks"),
        "use": {"enum": list(USES)},
        "scope": {"enum": list(SCOPES)},
        "phrases": SOME_TEXTS,
        "country": TEXT,
        "note": NOTES,
    },
    ["id", "use", "phrases"],
)


@dataclass(frozen=True)
class LexiconEntry:
    """One group of phrases with one use (and, for framing cues, one scope)."""

    id: str
    use: str
    scope: str  # "" for uses that have no scope
    phrases: tuple[str, ...]
    country: str
    note: str
    origin: str


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> LexiconEntry | None:
    """One validated entry as a LexiconEntry, or None when use, scope and keys do not fit."""
    reader = EntryReader(raw, doc, at, problems)
    use = str(raw["use"])
    scope = reader.text("scope")
    if use in SCOPED_USES and not scope:
        reader.problem("use", f"use {use!r} needs a scope",
                       f"add `scope:` with one of {', '.join(SCOPES)}")
    if use not in SCOPED_USES and scope:
        reader.problem("scope", f"use {use!r} takes no scope", "remove `scope:`")
    country = reader.text("country")
    if (use == "country") != bool(country):
        reader.problem("country", "`country:` goes with `use: country`, and only there",
                       "name the country as tenures write it, e.g. Syria")
    phrases: list[str] = []
    for i, phrase in enumerate(raw["phrases"]):
        text = " ".join(str(phrase).split())
        has_leader = LEADER in text
        if has_leader and (use != "historical" or scope not in LEADER_SCOPES):
            reader.problem(("phrases", i), f"phrase {text!r}: {LEADER} is only understood in "
                           "historical cues of scope before or sentence",
                           "move the phrase to such a group, or write the words out")
        elif has_leader and text.count(LEADER) > 1:
            reader.problem(("phrases", i), f"phrase {text!r} names {LEADER} twice",
                           "use one {leader} per phrase")
        elif not has_leader and not any(ch.isalnum() for ch in text):
            reader.problem(("phrases", i), f"phrase {text!r} has no letters",
                           "write the words articles use")
        else:
            phrases.append(text)
    if reader.failed:
        return None
    return LexiconEntry(id=str(raw["id"]), use=use, scope=scope, phrases=tuple(phrases),
                      country=country, note=reader.text("note"), origin=reader.origin)


LEXICON: Section[LexiconEntry] = Section(NAME, LexiconEntry)
