"""The shared vocabulary of the knowledge base (section ``lexicon``), compiled for matching.

``Lexicon`` turns the ``LexiconEntry`` entries into a few RE2 patterns and word sets, each
built once per knowledge base: cue phrases per (use, scope), ``{leader}`` phrases one by one
(each has a capture group), honorifics, deputy and transition words, abbreviations, name
stopwords, verbs, unit nouns, and the country words of the ``countries`` section (plus the
lexicon's capital cities). Month and weekday names come from the date reader
(``engine.dates``). The meaning of each use and scope is documented in
``engine.knowledge.sections.lexicon``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from engine.dates import MONTH_WORDS, WEEKDAY_WORDS
from engine.knowledge.sections.lexicon import LEADER, LexiconEntry
from engine.mentions.names import SUFFIXES
from engine.regex import compile_re2

# One name-like token: a capital letter then letters; an apostrophe only inside a word
# ("Na'san", "O'Brien") so that a possessive "'s" stays outside ("Assad's").
NAME_TOKEN = r"\p{Lu}[\p{L}\p{M}]*(?:['’]\p{L}{2,}[\p{L}\p{M}]*)*"
_ARTICLE = r"(?:(?:[Aa]l|[Ee]l)[\-\x{2010}\x{2011} ])"
# A short run of name tokens, as a leader or a surname after a title is written:
# "Assad", "Bashar al-Assad", "Abu Qasra".
NAME_RUN = rf"{_ARTICLE}?{NAME_TOKEN}(?:[\-\x{{2010}}\x{{2011}} ]{_ARTICLE}?{NAME_TOKEN}){{0,3}}"


def phrase_pattern(phrase: str) -> str:
    """RE2 pattern (case-blind use) for a literal phrase on word boundaries; a trailing "-"
    glues it to the next word ("ex-President")."""
    glued = phrase.endswith("-")
    words = phrase.rstrip("-").split()
    body = r"\s+".join(_literal(w) for w in words)
    head = r"\b" if words and words[0][:1].isalnum() else ""
    if glued:
        return rf"{head}{body}-\s*"
    tail = r"\b" if words and words[-1][-1:].isalnum() else ""
    return f"{head}{body}{tail}"


def _literal(word: str) -> str:
    out: list[str] = []
    for ch in word:
        if ch in "'’":
            out.append("['’]")
        elif ch == ".":
            out.append(r"\.?")
        elif ch.isalnum() or not ch.isascii():
            out.append(ch)
        else:
            out.append("\\" + ch)
    return "".join(out)


def _alternation(phrases: Iterable[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(f"(?:{phrase_pattern(p)})" for p in ordered)


def _compile_or_none(phrases: list[str], ignore_case: bool = True) -> Any:
    return compile_re2(_alternation(phrases), ignore_case) if phrases else None


@dataclass(frozen=True)
class LeaderCue:
    """A ``{leader}`` phrase: ``regex`` has the group ``leader`` (the name run)."""

    cue: str
    scope: str
    regex: Any


class Lexicon:
    """Compiled vocabulary. ``cues[(use, scope)]`` is one case-blind alternation; for scope
    ``before`` it is anchored at the end of the text it is given."""

    def __init__(self, entries: Iterable[LexiconEntry],
                 country_entries: Iterable[Any] = ()) -> None:
        grouped: dict[tuple[str, str], list[str]] = {}
        words: dict[str, list[str]] = {}
        leaders: list[LeaderCue] = []
        countries: dict[str, str] = {}
        for cue in entries:
            for phrase in cue.phrases:
                if LEADER in phrase:
                    leaders.append(LeaderCue(phrase, cue.scope, _leader_regex(phrase)))
                elif cue.scope:
                    grouped.setdefault((cue.use, cue.scope), []).append(phrase)
                elif cue.use == "country":
                    countries[phrase] = cue.country
                else:
                    words.setdefault(cue.use, []).append(phrase)
        self.cues: Mapping[tuple[str, str], Any] = {
            key: _before_regex(phrases) if key[1] == "before" else _compile_or_none(phrases)
            for key, phrases in grouped.items()}
        self.phrases: Mapping[tuple[str, str], tuple[str, ...]] = {
            key: tuple(phrases) for key, phrases in grouped.items()}
        self.leaders: tuple[LeaderCue, ...] = tuple(leaders)
        self.honorifics: tuple[str, ...] = tuple(words.get("honorific", ()))
        self.deputies: tuple[str, ...] = tuple(words.get("deputy", ()))
        self.transition: tuple[str, ...] = tuple(words.get("transition", ()))
        # A deputy's post is another job too: "Deputy Chief of Staff" is not the chief.
        self.blockers = frozenset(w.casefold() for w in (*words.get("blocker", ()),
                                                          *self.deputies))
        # Words whose full stop ends no sentence: abbreviations, ranks and forms of address,
        # short month and weekday names ("U.S.", "Maj. Gen.", "Jan. 3").
        self.abbreviations = frozenset(
            w.casefold().rstrip(".") for w in (
                *words.get("abbreviation", ()),
                *(part for h in self.honorifics for part in h.replace(".", " ").split()),
                *MONTH_WORDS, *WEEKDAY_WORDS))
        # Capitalised words that are never part of a name: stopwords, months, weekdays and
        # generational suffixes ("President Reagan Monday said", "President Bush Jr.").
        self.not_names = frozenset(
            w.casefold() for w in (*words.get("name-stopword", ()), *MONTH_WORDS,
                                   *WEEKDAY_WORDS, *SUFFIXES))
        self.acting = frozenset(w.casefold() for w in words.get("acting", ()))
        self.acting_plural = frozenset(w.casefold() for w in words.get("acting-plural", ()))
        self.speech = frozenset(w.casefold() for w in words.get("speech", ()))
        self.units = frozenset(w.casefold() for w in words.get("unit", ()))
        self.units_plural = frozenset(w.casefold() for w in words.get("unit-plural", ()))
        # The ``countries`` section is the vocabulary of country names: its names, aliases and
        # demonyms (and plural demonyms, "Syrians") name the canonical country. A demonym
        # shared by two countries ("Congolese") names neither.
        shared: set[str] = set()
        for country in country_entries:
            plurals = [f"{d}s" for d in country.demonyms
                       if not d.endswith(("s", "sh", "ch", "ese"))]
            words_of = [*country.names, *country.demonyms, *plurals]
            for word in words_of:
                if countries.get(word, country.name) != country.name:
                    shared.add(word)
                countries[word] = country.name
        for word in shared:
            countries.pop(word, None)
        # Country words are proper nouns: matched case-sensitively ("US" is not "us").
        self.country_words: Mapping[str, str] = countries
        self.country_names = frozenset(countries.values())
        self.country_regex = _compile_or_none(list(countries), ignore_case=False)
        honorific = "|".join(_honorific_pattern(h) for h in
                             sorted(set(self.honorifics), key=lambda h: (-len(h), h)))
        # Between a title and a name: a comma or blanks, then ranks and forms of address
        # ("Chief of Staff Maj. Gen. Ali al-Naasan", "president, Ahmed al-Sharaa").
        rank = rf"(?:(?:{honorific})\.?[ \t\n]+)*" if honorific else ""
        self.title_gap = compile_re2(rf"^(?:[ \t]*,[ \t\n]*|[ \t\n]+){rank}")
        # Honorifics written into a knowledge alias ("Maj. Gen. Ali Abbas") are not part of
        # the name: they are stripped before the alias is indexed.
        self.leading_honorifics = compile_re2(rf"^{rank}") if honorific else None
        verbs = self.acting | self.acting_plural
        units = self.units | self.units_plural
        chain = r"(?:\p{Lu}[\p{L}\p{M}'’.\-]*|\d+(?:st|nd|rd|th)?"
        if units:
            chain += "|" + "|".join(sorted(_literal(u) for u in units))
        chain += ")"
        # After a body's name: more name words or unit nouns, then a present-tense verb
        # ("Syrian Arab Army 4th Mechanised Division receives", "Republican Guard brigades
        # train").
        self.acting_after = compile_re2(
            rf"^(?P<chain>(?:[ \t\n]+{chain})*?)[ \t\n]+(?P<verb>"
            + "|".join(sorted(_literal(v) for v in verbs)) + r")\b") if verbs else None
        speech = "|".join(sorted(_literal(v) for v in self.speech))
        # After a person's name, maybe past an appositive: "Nasrallah said", "Nasrallah, the
        # Hezbollah leader, said".
        self.speech_after = compile_re2(
            rf"^(?:[ \t]*,[^,.;:!?\n]{{1,80}},)?[ \t\n]+(?:{speech})\b") if speech else None
        # Before it: "said Nasrallah", "according to Nasrallah".
        self.speech_before = compile_re2(
            rf"(?:\b(?:{speech})|\baccording[ \t\n]+to)[ \t\n]+$") if speech else None

    def cue(self, use: str, scope: str) -> Any:
        return self.cues.get((use, scope))

    def country_of(self, word: str) -> str | None:
        """The country a word names ("Syrian", "Syria's", "U.S."), or None."""
        bare = word.strip(",;:.()\"“”")
        for suffix in ("'s", "’s"):
            if bare.endswith(suffix):
                bare = bare[: -len(suffix)]
        return self.country_words.get(bare) or self.country_words.get(word.strip(",;:()\"“”"))

    def normal_country(self, country: str) -> str:
        """A tenure's country in the lexicon's spelling ("US" -> "United States")."""
        if country in self.country_names:
            return country
        return self.country_words.get(country, country)


def _before_regex(phrases: list[str]) -> Any:
    """A ``before`` cue must end the words before the mention, give or take up to two
    capitalised words ("former Syrian Defence Minister", "the late Iranian President"): a cue
    further back belongs to something else ("in late April would require President Reagan").
    Case-blind for the cue only: RE2's (?i) would make \\p{Lu} match lower case too."""
    return compile_re2(rf"(?i:{_alternation(phrases)})"
                       rf"(?:[ \t\n]+\p{{Lu}}[\p{{L}}\p{{M}}.'’]*){{0,2}}[ \t\n]*$")


def _honorific_pattern(phrase: str) -> str:
    words = phrase.replace(".", " ").split()
    return r"\.?[ \t]*".join(_literal(w) for w in words)


def _leader_regex(phrase: str) -> Any:
    before, _, after = phrase.partition(LEADER)
    parts: list[str] = []
    if before.strip():
        parts.append(rf"(?i:{phrase_pattern(before.strip())})[ \t\n]*"
                     if not before.endswith(" ") else
                     rf"(?i:{phrase_pattern(before.strip())})[ \t\n]+")
    parts.append(rf"(?P<leader>{NAME_RUN})")
    if after:
        glued = not after.startswith(" ")
        words = after.strip()
        parts.append(("" if glued else r"[ \t\n]+") + rf"(?i:{_literal(words)})")
        if words[-1:].isalnum():
            parts.append(r"\b")
    return compile_re2("".join(parts))
