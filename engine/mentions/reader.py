"""Mentions of known people and bodies in an article, and how the article frames them in time.

This is the shared reader of the temporal rules (``anachronism``), date inference and the
consistency rules. It answers: *which knowledge-base people does the article name, in which
role, and does it present them as holding that role now or in the past?*

Entry points
------------

``find_mentions(ctx) -> list[Mention]``: every mention in ``ctx.text``, in text order,
memoised per article (``MENTIONS``); framing uses ``ctx.reference_date``.
``scan_mentions(text, kb, reference_date)``: the same without an ``ArticleContext`` (date
inference runs before one exists; pass ``reference_date=None`` when the date is unknown).
``mention_index(kb)``: the compiled index for a knowledge base, built on first use and cached
for the life of that ``KnowledgeBase`` object (``build_mention_index`` builds a fresh one).

What is a mention
-----------------

One pass of one Aho-Corasick automaton (``engine.mentions.automaton``) finds every alias of
every person (tenures and deaths), body (institutions) and place by its name key; one RE2
alternation finds every role title of the ``roles`` section (case-blind). Names tolerate
transliteration variants (``engine.mentions.names``: "al-Naasan" = "Al-Nassan") and keep the
capitals their aliases write. Then:

- a **role mention** (``kind="person"``, ``role_id`` set) is a title next to a person who held
  that role at some time (any of their tenures has that ``role_id``), in one of these forms:

  * title, optional ranks/forms of address, name: "Syrian Defence Minister Ali Mahmoud Abbas",
    "Chief of Staff Gen Abdul Karim Mahmoud", "Syria's new president, Ahmed al-Sharaa";
  * title then a bare surname, only right after the title and only for a single-holder role
    (with 435 Representatives a surname is ambiguous): "President Reagan", "President Assad"
    (a surname alone is never a mention anywhere else);
  * name, appositive, title: "Ali Mahmoud Abbas, the defence minister", "Abbas, who was
    Syria's defence minister", "Abbas was defence minister";
  * a possessive before the title is allowed: "Assad's defence minister Ali Abbas" (and is a
    historical frame while Assad is out of office).

  A title written in lower case right before a name counts only after a country word or a
  known person's possessive ("Syria's new president, Ahmed al-Sharaa", "Assad's defence
  minister Ali Abbas"): "vice president John Adams" of a company is not the US Vice
  President. A blocker word right before a title ("senior", "deputy") makes it another job.
  A country word next to the title ("Russian", "U.S.") must agree with the tenure's country.
- a **body mention** (``kind="institution"``): an alias of an institution, with ``acting`` set
  when the article makes the body the subject of a present-tense verb ("Republican Guard
  brigades train", "4th Mechanised Division receives").
- a **bare person mention** (``kind="person"``, ``role_id`` None): a person's full alias with no
  title next to it, with ``acting`` set when they speak or meet ("Nasrallah said"). Death
  checks use these.

Framing
-------

``framing`` is ``"current"`` (the default: a role mention claims the post is held now),
``"historical"`` or, for bodies, ``"residual"`` ("Wagner remnants"); ``reason`` says why in
words a reviewer can check. The cue words are data (``rules/knowledge/lexicon.yaml``); the
code adds one rule: a year or full date in the same sentence that lies inside the tenure (or
the body's existence) and in an earlier year than the reference date frames the mention as
history ("In 2017, Defence Minister ..."). Quotation marks are not a frame. ``stressed`` is set
by a ``current`` cue ("new", "sitting"), which date inference weighs more.
"""

from __future__ import annotations

import bisect
import datetime as dt
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from engine.dates import find_dates
from engine.knowledge import KnowledgeBase
from engine.knowledge.entries import Death, Event, FuzzyDate, Institution, RoleDef, Tenure
from engine.knowledge.merge import same_holder
from engine.knowledge.sections.countries import COUNTRIES
from engine.knowledge.sections.deaths import DEATHS
from engine.knowledge.sections.events import EVENTS
from engine.knowledge.sections.institutions import INSTITUTIONS
from engine.knowledge.sections.lexicon import LEXICON
from engine.knowledge.sections.officeholders import OFFICEHOLDERS, OFFICEHOLDERS_PREFERRED
from engine.knowledge.sections.places import PLACES
from engine.knowledge.sections.roles import ROLES
from engine.mentions.automaton import NameAutomaton
from engine.mentions.lexicon import NAME_TOKEN, Lexicon
from engine.mentions.names import (
    CONNECTORS,
    alternation,
    name_key,
    surname_keys,
    title_key,
    title_pattern,
)
from engine.mentions.sentences import split_sentences
from engine.regex import compile_re2
from engine.rule import MemoKey

if TYPE_CHECKING:
    from engine.rule import ArticleContext

MENTIONS: MemoKey[list[Mention]] = MemoKey("mentions")
SENTENCES: MemoKey[list[tuple[int, int]]] = MemoKey("mentions.sentences")
SENTENCE_STARTS: MemoKey[list[int]] = MemoKey("mentions.sentence_starts")
Framing = Literal["current", "historical", "residual"]

# How far around a mention the reader looks, in characters. Generous enough for a rank and a
# two-word appositive, small enough that a cue belongs to this mention and not the next.
BEFORE_WORDS = 4
GAP_CHARS = 60
AFTER_CHARS = 160
CONTEXT_CHARS = 400  # a body's country must be named this close ("Syrian", "Deir ez-Zor")
# Words an appositive between a name and a title may contain besides cues and capitalised
# words: "Ali Mahmoud Abbas, the defence minister", "Abbas, Syria's longtime defence minister".
APPOSITIVE_WORDS = frozenset({
    "the", "a", "an", "as", "also", "acting", "interim", "longtime", "long-time", "veteran",
    "powerful", "influential", "country's", "nation's", "regime's", "its", "his", "her",
    "their", "who", "and", "of", "is", "was", "then", "now", "new", "current", "former",
})
# An article is about one country when that many of its country words, and that share of
# them, name it (the title "Chancellor" then means that country's chancellor).
DOMINANT_MIN = 2
DOMINANT_SHARE = 0.6
# A title shared by more offices than this in one country makes a bare surname ambiguous.
MAX_BREADTH = 2
COPULAS = frozenset({"is", "was", "became", "remains", "remained", "served", "serves", "had",
                     "has", "who"})
_CLAUSE_BREAK = compile_re2(r"[,;:()\[\]\"“”—–•]|[.!?][ \t\n]")
_YEAR = compile_re2(r"\b(1[89]\d\d|20\d\d)\b(?:[ \t\n]+([a-z]+))?")
_SURNAME_RUN = compile_re2(
    rf"^((?:(?:[Aa]l|[Ee]l)[\-\x{{2010}}\x{{2011}} ])?{NAME_TOKEN})"
    rf"(?:[ \t\n]+((?:(?:[Aa]l|[Ee]l)[\-\x{{2010}}\x{{2011}} ])?{NAME_TOKEN}))?")
_WORD = compile_re2(r"[^\s]+")


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Person:
    """Everything the knowledge base says about one name: tenures and deaths.

    People are identified by the key of their primary name (``engine.mentions.names``), so two
    namesakes with one spelling (George Bush father and son) are one Person: checks stay
    conservative by using all their tenures.
    """

    key: str
    name: str
    tenures: tuple[Tenure, ...]
    deaths: tuple[Death, ...]

    def tenures_in(self, role_ids: Iterable[str]) -> tuple[Tenure, ...]:
        wanted = set(role_ids)
        return tuple(t for t in self.tenures if t.role_id in wanted)

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(t.country for t in self.tenures)


@dataclass(frozen=True)
class Mention:
    """One mention of a known person or body (see the module docstring for the forms).

    Offsets index the article text. ``start``/``end`` cover the whole mention (country word,
    title, ranks, name); ``name_*`` the name alone; ``title_*`` the title (None for bare names
    and bodies). ``tenures`` are the person's tenures in ``role_id`` (of every namesake that
    held it, narrowed to the country named next to the title); ``institution`` the body for
    ``kind="institution"``; ``deaths`` the person's recorded deaths. ``framing``/``reason``:
    see the module docstring; ``cue_start``/``cue_end`` locate the cue when it is in the text.
    ``acting``: a body is the subject of a present-tense verb, or a person speaks or meets.
    """

    kind: Literal["person", "institution"]
    name: str
    start: int
    end: int
    name_start: int
    name_end: int
    framing: Framing
    reason: str
    title_start: int | None = None
    title_end: int | None = None
    role_id: str | None = None
    tenures: tuple[Tenure, ...] = ()
    institution: Institution | None = None
    deaths: tuple[Death, ...] = ()
    persons: tuple[Person, ...] = ()
    country: str | None = None
    stressed: bool = False
    acting: bool = False
    cue_start: int | None = None
    cue_end: int | None = None

    @property
    def person_key(self) -> str:
        """Stable identity of the person (or body) mentioned, for grouping findings."""
        if self.persons:
            return self.persons[0].key
        return name_key(self.name)

    @property
    def current(self) -> bool:
        return self.framing == "current"


@dataclass(frozen=True)
class NameTarget:
    """What one name key can refer to."""

    persons: tuple[Person, ...] = ()
    institutions: tuple[Institution, ...] = ()
    places: tuple[Any, ...] = ()


@dataclass(frozen=True)
class MentionIndex:
    """Everything ``scan_mentions`` needs, compiled once per knowledge base."""

    names: NameAutomaton  # every alias of people, bodies and places, by name key
    targets: Mapping[str, NameTarget]
    surnames: Mapping[str, tuple[Person, ...]]
    titles: Any  # case-blind RE2 alternation of every title, or None
    title_roles: Mapping[str, tuple[str, ...]]
    roles: Mapping[str, RoleDef]
    holders: Mapping[tuple[str, str], tuple[Tenure, ...]]  # (role_id, country) -> tenures
    events: Any  # case-blind RE2 alternation of every event phrase, or None
    event_phrases: Mapping[str, tuple[Event, ...]]
    lexicon: Lexicon
    persons: Mapping[str, Person] = field(default_factory=dict)
    # title key -> country -> how many roles of that title have holders in that country
    title_breadth: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    # title key -> role id -> countries where the title names the role (None: every country)
    title_scope: Mapping[str, Mapping[str, frozenset[str] | None]] = field(default_factory=dict)


# --------------------------------------------------------------------------- index


def build_mention_index(kb: KnowledgeBase) -> MentionIndex:
    """Compile the alias, title and event matchers of ``kb`` (a few ms for the shipped KB)."""
    lexicon = Lexicon(kb.of(LEXICON), kb.of(COUNTRIES))
    clean = _alias_cleaner(lexicon)
    people = _people(kb, clean)
    targets: dict[str, dict[str, list[Any]]] = {}
    automaton = NameAutomaton()
    surnames: dict[str, list[Person]] = {}

    def add(alias: str, slot: str, value: Any) -> None:
        alias = clean(alias)
        if not alias or not any(ch.isalpha() for ch in alias):
            return
        key = automaton.add(alias)
        if key is None:
            return
        bucket = targets.setdefault(key, {}).setdefault(slot, [])
        if value not in bucket:
            bucket.append(value)

    for person, names in people:
        for alias in names:
            add(alias, "persons", person)
            for key in surname_keys(clean(alias)):
                bucket = surnames.setdefault(key, [])
                if person not in bucket:
                    bucket.append(person)
    for body in kb.of(INSTITUTIONS):
        for alias in body.names:
            add(alias, "institutions", body)
    for place in kb.of(PLACES):
        for alias in getattr(place, "names", ()):
            add(alias, "places", place)

    roles = {role.id: role for role in kb.of(ROLES)}
    title_roles: dict[str, list[str]] = {}
    title_patterns: list[tuple[int, str]] = []
    # title key -> role id -> the countries where the title names that role (None: all).
    scope: dict[str, dict[str, set[str] | None]] = {}

    def add_title(title: str, role_id: str, country: str | None) -> None:
        key = title_key(title)
        ids = title_roles.setdefault(key, [])
        if role_id not in ids:
            ids.append(role_id)
        per_role = scope.setdefault(key, {})
        if country is None:
            per_role[role_id] = None
        elif per_role.get(role_id, set()) is not None:
            per_role.setdefault(role_id, set()).add(country)  # type: ignore[union-attr]
        title_patterns.append((len(title), title_pattern(title)))

    for role in roles.values():
        for title in role.titles:
            add_title(title, role.id, None)
        # Titles as journalists write them in one country ("Chancellor" is the Chancellor of
        # the Exchequer in Britain, the Federal Chancellor in Germany).
        for country, titles in _country_titles(role):
            for title in titles:
                add_title(title, role.id, lexicon.normal_country(country))
    holders: dict[tuple[str, str], list[Tenure]] = {}
    # The merged view: a verified entry overrides the same person imported from a table.
    for tenure in kb.indexed(OFFICEHOLDERS_PREFERRED) or kb.of(OFFICEHOLDERS):
        country = lexicon.normal_country(tenure.country)
        holders.setdefault((tenure.role_id, country), []).append(tenure)
    countries_of_role: dict[str, set[str]] = {}
    for role_id, country in holders:
        countries_of_role.setdefault(role_id, set()).add(country)
    breadth: dict[str, dict[str, int]] = {}
    for key, ids in title_roles.items():
        per_country = breadth.setdefault(key, {})
        for role_id in ids:
            allowed = scope[key][role_id]
            for country in countries_of_role.get(role_id, ()):
                if allowed is None or country in allowed:
                    per_country[country] = per_country.get(country, 0) + 1
    event_phrases: dict[str, list[Event]] = {}
    event_patterns: list[tuple[int, str]] = []
    for event in kb.of(EVENTS):
        for phrase in event.phrases:
            event_phrases.setdefault(title_key(phrase), []).append(event)
            event_patterns.append((len(phrase), title_pattern(phrase)))

    automaton.build()
    return MentionIndex(
        names=automaton,
        targets={key: NameTarget(tuple(slots.get("persons", ())),
                                 tuple(slots.get("institutions", ())),
                                 tuple(slots.get("places", ())))
                 for key, slots in targets.items()},
        surnames={key: tuple(value) for key, value in surnames.items()},
        titles=compile_re2(alternation(title_patterns), True) if title_patterns else None,
        title_roles={key: tuple(value) for key, value in title_roles.items()},
        roles=roles,
        holders={key: tuple(value) for key, value in holders.items()},
        events=compile_re2(alternation(event_patterns), True) if event_patterns else None,
        event_phrases={key: tuple(value) for key, value in event_phrases.items()},
        lexicon=lexicon,
        persons={person.key: person for person, _ in people},
        title_breadth=breadth,
        title_scope={key: {role_id: None if countries is None else frozenset(countries)
                           for role_id, countries in per_role.items()}
                     for key, per_role in scope.items()},
    )


def _country_titles(role: RoleDef) -> list[tuple[str, tuple[str, ...]]]:
    """A role's ``country_titles`` as (country, titles) pairs, whether the section gives them
    as a mapping or as pairs."""
    value: Any = getattr(role, "country_titles", None) or ()
    pairs = value.items() if isinstance(value, Mapping) else value
    return [(str(country), tuple(titles)) for country, titles in pairs]


def _people(kb: KnowledgeBase, clean: Callable[[str], str]
            ) -> list[tuple[Person, list[str]]]:
    """Group tenures and deaths into people (by primary-name key), with all their aliases."""
    tenures: dict[str, list[Tenure]] = {}
    names: dict[str, list[str]] = {}
    display: dict[str, str] = {}
    alias_owner: dict[str, str] = {}
    for tenure in kb.indexed(OFFICEHOLDERS_PREFERRED) or kb.of(OFFICEHOLDERS):
        key = name_key(clean(tenure.name))
        tenures.setdefault(key, []).append(tenure)
        display.setdefault(key, tenure.name)
        for alias in tenure.names:
            if alias not in names.setdefault(key, []):
                names[key].append(alias)
            alias_owner.setdefault(name_key(clean(alias)), key)
    deaths: dict[str, list[Death]] = {}
    for death in kb.of(DEATHS):
        keys = [name_key(clean(n)) for n in (death.name, *death.aliases)]
        owner = next((alias_owner[k] for k in keys if k in alias_owner), keys[0])
        deaths.setdefault(owner, []).append(death)
        display.setdefault(owner, death.name)
        for alias in (death.name, *death.aliases):
            if alias not in names.setdefault(owner, []):
                names[owner].append(alias)
    return [(Person(key, display[key], tuple(tenures.get(key, ())), tuple(deaths.get(key, ()))),
             names[key]) for key in names]


def _alias_cleaner(lexicon: Lexicon) -> Callable[[str], str]:
    """``_clean_alias`` memoised for one build: each alias is cleaned three or four times
    (people, names, surnames), 60,000 calls with the Peppercat tables imported."""
    memo: dict[str, str] = {}

    def clean(alias: str) -> str:
        found = memo.get(alias)
        if found is None:
            found = memo[alias] = _clean_alias(alias, lexicon)
        return found
    return clean


def _clean_alias(alias: str, lexicon: Lexicon) -> str:
    """An alias without a parenthesised qualifier ("Republican Guard (Syria)") or leading
    ranks ("Maj. Gen. Ali Abbas"): articles do not write those as part of the name."""
    text = alias
    while "(" in text and ")" in text[text.index("("):]:
        open_at = text.index("(")
        close_at = text.index(")", open_at)
        text = text[:open_at] + text[close_at + 1:]
    text = " ".join(text.split())
    first = text.split(" ", 1)[0].rstrip(".").casefold()
    if lexicon.leading_honorifics is not None and first in lexicon.honorific_words:
        m = lexicon.leading_honorifics.match(text + " ")
        if m and m.end() and m.end() < len(text):
            text = text[m.end():]
    return text.strip(" ,")


_CACHE: dict[int, tuple[weakref.ref[KnowledgeBase], MentionIndex]] = {}


def mention_index(kb: KnowledgeBase) -> MentionIndex:
    """The index of ``kb``, built on first use and kept while ``kb`` lives.

    Cached by object identity (with a weak reference, so a recycled id is never confused with
    a dead knowledge base): a run compiles its alias matcher once, however many rules and
    articles use it. Rules call this at compile time so the cost is paid at load.
    """
    entry = _CACHE.get(id(kb))
    if entry is not None and entry[0]() is kb:
        return entry[1]
    index = build_mention_index(kb)
    remember_mention_index(kb, index)
    return index


def remember_mention_index(kb: KnowledgeBase, index: MentionIndex) -> None:
    """Make ``index`` what :func:`mention_index` returns for ``kb`` (``engine.compiled`` reads
    both back from its cache: building it again would cost most of a warm start)."""
    key = id(kb)
    _CACHE[key] = (weakref.ref(kb, lambda _ref: _CACHE.pop(key, None)), index)


# --------------------------------------------------------------------------- text helpers


@dataclass(frozen=True)
class _Hit:
    """A known name at ``text[start:end]`` and what it can refer to."""

    start: int
    end: int
    target: NameTarget


@dataclass(frozen=True)
class _TitleHit:
    """A role title at ``text[start:end]``: the ``roles`` ids it can name, and its folded
    ``key`` (the title as ``title_key`` writes it), which scopes titles that name a role only
    in some countries."""

    start: int
    end: int
    roles: tuple[str, ...]
    key: str


class _Text:
    """One article's text with its sentences, dates and name hits, computed once."""

    def __init__(self, text: str, index: MentionIndex) -> None:
        self.text = text
        self.index = index
        self.hits = _name_hits(text, index)
        self.hit_at = {hit.start: hit for hit in self.hits}
        self.hit_ends = [hit.end for hit in self.hits]
        # Sentences, dates and countries are computed on first use: most articles name no
        # known person, and then never pay for them.
        self._sentence_starts: list[int] | None = None
        self._dates: list[tuple[int, int, FuzzyDate]] | None = None
        self._date_starts: list[int] = []
        self._countries: list[tuple[int, str]] | None = None
        self._dominant: str | None = None

    def sentence(self, pos: int) -> tuple[int, int]:
        if self._sentence_starts is None:
            self._sentence_starts = [start for start, _ in split_sentences(
                self.text, self.index.lexicon.abbreviations)] or [0]
        starts = self._sentence_starts
        i = bisect.bisect_right(starts, pos) - 1
        start = starts[max(i, 0)]
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        return start, end

    def dates_in(self, start: int, end: int) -> list[tuple[int, int, FuzzyDate]]:
        if self._dates is None:
            dates = _dated_points(self.text)
            self._date_starts = [point[0] for point in dates]
            # Set last: a scan on another thread sharing this text (see _read_text) sees the
            # dates with their starts, or computes them itself.
            self._dates = dates
        lo = bisect.bisect_left(self._date_starts, start)
        hi = bisect.bisect_left(self._date_starts, end)
        return self._dates[lo:hi]

    def dominant_country(self) -> str | None:
        """The country the article is mostly about: named by at least DOMINANT_MIN of its
        country words and DOMINANT_SHARE of them."""
        if self._dominant is None:
            counts: dict[str, int] = {}
            regex = self.index.lexicon.country_regex
            if regex is not None:
                for m in regex.finditer(self.text):
                    country = self.index.lexicon.country_words.get(m.group())
                    if country:
                        counts[country] = counts.get(country, 0) + 1
            top = max(counts, key=lambda c: counts[c], default="")
            total = sum(counts.values())
            ok = top and counts[top] >= DOMINANT_MIN and counts[top] >= DOMINANT_SHARE * total
            self._dominant = top if ok else ""
        return self._dominant or None

    def countries_near(self, start: int, end: int) -> set[str]:
        """Countries named within CONTEXT_CHARS: country words, places, known officials."""
        if self._countries is None:
            points: list[tuple[int, str]] = []
            regex = self.index.lexicon.country_regex
            if regex is not None:
                for m in regex.finditer(self.text):
                    country = self.index.lexicon.country_words.get(m.group())
                    if country:
                        points.append((m.start(), country))
            for hit in self.hits:
                for place in hit.target.places:
                    points.append((hit.start, self.index.lexicon.normal_country(
                        str(getattr(place, "country", "")))))
                for person in hit.target.persons:
                    for country in person.countries:
                        points.append((hit.start, self.index.lexicon.normal_country(country)))
            points.sort()
            self._countries = points
        lo, hi = start - CONTEXT_CHARS, end + CONTEXT_CHARS
        return {country for pos, country in self._countries if lo <= pos <= hi}


def _dated_points(text: str) -> list[tuple[int, int, FuzzyDate]]:
    """Full dates and bare years written in the text, as (start, end, FuzzyDate), in order.

    A four-digit number followed by a plural noun is a count ("2000 troops"), not a year.
    """
    points: list[tuple[int, int, FuzzyDate]] = []
    covered: list[tuple[int, int]] = []
    for found in find_dates(text):
        if found.date is not None:
            iso = found.date.isoformat()
            points.append((found.start, found.end, FuzzyDate(iso, found.date, found.date)))
            covered.append((found.start, found.end))
    for m in _YEAR.finditer(text):
        start, end = m.start(1), m.end(1)
        follower = m.group(2) or ""
        if follower.endswith("s") and len(follower) > 3 and follower not in ("was", "has"):
            continue
        if any(a <= start < b for a, b in covered):
            continue
        points.append((start, end, FuzzyDate.parse(m.group(1))))
    points.sort(key=lambda p: p[0])
    return points


def _name_hits(text: str, index: MentionIndex) -> list[_Hit]:
    hits: list[_Hit] = []
    for start, end, key in index.names.find(text):
        target = index.targets.get(key)
        if target is not None:
            hits.append(_Hit(start, end, target))
    return hits


def _title_hits(text: str, index: MentionIndex) -> list[_TitleHit]:
    if index.titles is None:
        return []
    out: list[_TitleHit] = []
    for m in index.titles.finditer(text):
        key = title_key(m.group())
        roles = index.title_roles.get(key)
        if roles:
            out.append(_TitleHit(m.start(), m.end(), roles, key))
    return out


def _words_before(text: str, pos: int, floor: int, count: int = BEFORE_WORDS) -> tuple[int, str]:
    """The last ``count`` words before ``pos`` in the same clause (and not before ``floor``),
    as (offset, text)."""
    lo = max(floor, pos - 80)
    window = text[lo:pos]
    cut = 0
    for m in _CLAUSE_BREAK.finditer(window):
        cut = m.end()
    window = window[cut:]
    words = list(_WORD.finditer(window))
    if len(words) > count:
        first = words[-count].start()
        return lo + cut + first, window[first:]
    return lo + cut, window


# --------------------------------------------------------------------------- scanning


def find_mentions(ctx: ArticleContext) -> list[Mention]:
    """Every mention in the article (see the module docstring), memoised per article."""
    found = ctx.cached(MENTIONS, lambda: scan_mentions(ctx.text, ctx.knowledge,
                                                       ctx.reference_date))
    return list(found)  # a copy: a caller may sort or extend it


def sentence_ranges(ctx: ArticleContext) -> list[tuple[int, int]]:
    """The article's sentences as (start, end) ranges (``engine.mentions.sentences``, with the
    lexicon's abbreviations), computed once per article for every reader."""
    return ctx.cached(SENTENCES, lambda: split_sentences(
        ctx.text, mention_index(ctx.knowledge).lexicon.abbreviations))


def sentence_at(ctx: ArticleContext, pos: int) -> tuple[int, int]:
    """The sentence range containing offset ``pos`` (the nearest one before it, in a gap)."""
    ranges = sentence_ranges(ctx)
    starts = ctx.cached(SENTENCE_STARTS, lambda: [start for start, _ in ranges])
    i = bisect.bisect_right(starts, pos) - 1
    return ranges[i] if i >= 0 else (0, len(ctx.text))


def scan_mentions(text: str, kb: KnowledgeBase,
                  reference_date: dt.date | None) -> list[Mention]:
    """Every mention in ``text``. ``reference_date`` decides ``{leader}`` frames ("under
    Assad" is history when Assad is out of office then); None treats them all as history."""
    doc, titles = _read_text(text, mention_index(kb))
    reader = _Reader(doc, reference_date)
    mentions: list[Mention] = []
    used: set[int] = set()
    for title in titles:
        mention = reader.role_mention(title)
        if mention is not None:
            mentions.append(mention)
            used.add(mention.name_start)
    for hit in doc.hits:
        if hit.start in used:
            continue
        mentions.extend(reader.bare_mentions(hit))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


# The last text read: an undated article is scanned twice, once by the date inference (no
# reference date) and once for the rules (the date it found), and what does not depend on the
# date (name and title hits, sentences, dates) is then read once. One slot, set in one
# assignment: a reader on another thread sees an old or a new pair, never half of one.
_LAST_READ: tuple[str, MentionIndex, _Text, tuple[_TitleHit, ...]] | None = None


def _read_text(text: str, index: MentionIndex) -> tuple[_Text, tuple[_TitleHit, ...]]:
    """The date-independent reading of ``text``: its hits, and its title hits in order."""
    global _LAST_READ
    last = _LAST_READ
    if last is not None and last[1] is index and last[0] == text:
        return last[2], last[3]
    doc = _Text(text, index)
    titles = tuple(_title_hits(text, index))
    _LAST_READ = (text, index, doc, titles)
    return doc, titles


class _Reader:
    """Turns hits into mentions for one text and one reference date."""

    def __init__(self, doc: _Text, reference_date: dt.date | None) -> None:
        self.doc = doc
        self.text = doc.text
        self.index = doc.index
        self.lex = doc.index.lexicon
        self.reference_date = reference_date

    # ----------------------------------------------------------------- role mentions

    def role_mention(self, title: _TitleHit) -> Mention | None:
        text = self.text
        sent_start, _ = self.doc.sentence(title.start)
        word_at, before = _words_before(text, title.start, sent_start)
        words = before.split()
        if words and words[-1].casefold().rstrip(".") in self.lex.blockers:
            return None
        country, country_at = self._country_before(before, word_at)
        found = self._name_after(title)
        if found is not None:
            name_start, name_end, persons, roles = found
            if text[title.start].islower() and country is None and not self._known_owner(words):
                return None  # "vice president John Adams" of a company
            tenures = self._tenures(persons, title, country, roles)
            if not tenures:
                return None
            start = country_at if country_at is not None else title.start
            return self._person_mention(persons, tenures, start, name_end, name_start, name_end,
                                        title, country, between=None)
        found_before = self._name_before(title)
        if found_before is None:
            return None
        hit, between = found_before
        tenures = self._tenures(hit.target.persons, title, country)
        if not tenures:
            return None
        return self._person_mention(hit.target.persons, tenures, hit.start, title.end,
                                    hit.start, hit.end, title, country, between=between)

    def _known_owner(self, words: list[str]) -> bool:
        """Is the word before the title a known person's possessive ("Assad's")?"""
        if not words or not words[-1].endswith(("'s", "’s")):
            return False
        owner = words[-1][:-2]
        key = name_key(owner)
        target = self.index.targets.get(key)
        return bool((target is not None and target.persons) or self.index.surnames.get(key))

    def _name_after(self, title: _TitleHit,
                    ) -> tuple[int, int, tuple[Person, ...], tuple[str, ...]] | None:
        """A name right after the title (past ranks): a full alias, or a bare surname; with
        the roles the title may mean for it."""
        text = self.text
        window = text[title.end:title.end + GAP_CHARS]
        gap = self.lex.title_gap.match(window)
        if gap is None:
            return None
        pos = title.end + gap.end()
        hit = self.doc.hit_at.get(pos)
        if hit is not None and hit.target.persons:
            return hit.start, hit.end, hit.target.persons, title.roles
        if "," in gap.group():
            return None  # "when he becomes President, Ford would pay": only a full name
        run = _SURNAME_RUN.match(text[pos:pos + GAP_CHARS])
        if run is None:
            return None
        first, second = run.group(1), run.group(2)
        if second and name_key(first) in CONNECTORS:  # "Abu Qasra"
            key, end = name_key(f"{first} {second}"), pos + run.end(2)
        elif second and second.casefold() not in self.lex.not_names:
            return None  # "Rep. Jack Kemp": a full name the knowledge does not know
        else:
            key, end = name_key(first), pos + run.end(1)
        roles = tuple(r for r in title.roles if self._unambiguous(r, title.key))
        persons = tuple(p for p in self.index.surnames.get(key, ()) if p.tenures_in(roles))
        return (pos, end, persons, roles) if persons else None

    def _unambiguous(self, role_id: str, key: str) -> bool:
        """May a bare surname after this title name a holder of ``role_id``? Only when the
        role has one holder at a time and the title names few offices in each country: with
        one Representative per district (hundreds of offices titled "Rep.") a surname is
        ambiguous, with "President Reagan" it is not."""
        role = self.index.roles.get(role_id)
        if role is None or not role.single_holder:
            return False
        return max(self.index.title_breadth.get(key, {}).values(), default=0) <= MAX_BREADTH

    def _name_before(self, title: _TitleHit) -> tuple[_Hit, str] | None:
        """A person's name before the title, joined by an appositive or a copula."""
        i = bisect.bisect_right(self.doc.hit_ends, title.start) - 1
        if i < 0:
            return None
        hit = self.doc.hits[i]
        if not hit.target.persons or title.start - hit.end > GAP_CHARS:
            return None
        between = self.text[hit.end:title.start]
        if any(ch in between for ch in ".;:!?()\n\"“”") or between.count(",") > 1:
            return None
        rest = between.strip()
        if rest.startswith(","):
            rest = rest[1:]
        elif not rest or rest.split()[0].casefold() not in COPULAS:
            return None
        for word in rest.split():
            folded = word.casefold()
            if folded in APPOSITIVE_WORDS or folded in COPULAS or word[:1].isupper():
                continue
            if self._is_cue_word(folded):
                continue
            return None
        if len(rest.split()) > 6:
            return None
        return hit, between

    def _is_cue_word(self, word: str) -> bool:
        for use in ("historical", "current"):
            regex = self.lex.cue(use, "between")
            if regex is not None and regex.search(word):
                return True
        return False

    def _country_before(self, before: str, word_at: int) -> tuple[str | None, int | None]:
        """A country word right before the title ("Syrian", "Syria's", "U.S.") and where it
        starts; also one word further back for "Syria's new president"."""
        words = list(_WORD.finditer(before))
        for back in (1, 2):
            if len(words) < back:
                break
            word = words[-back]
            country = self.lex.country_of(word.group())
            if country is not None:
                return country, word_at + word.start()
        return None, None

    def _tenures(self, persons: Sequence[Person], title: _TitleHit,
                 country: str | None, roles: Sequence[str] | None = None,
                 ) -> tuple[Tenure, ...] | None:
        """The persons' tenures the title can mean: in one of its roles, in a country where
        the title names that role, in the country named at the mention. When they lie in
        several countries and none is named, the article's dominant country decides; None
        when it cannot (the mention is then not read as a role at all)."""
        scope = self.index.title_scope.get(title.key, {})
        out: list[Tenure] = []
        for person in persons:
            for tenure in person.tenures_in(title.roles if roles is None else roles):
                where = self.lex.normal_country(tenure.country)
                allowed = scope.get(tenure.role_id)
                if allowed is not None and where not in allowed:
                    continue
                if country is None or where == country:
                    out.append(tenure)
        countries = {self.lex.normal_country(t.country) for t in out}
        if country is None and len(countries) > 1 and not _one_office_holder(persons, out):
            dominant = self.doc.dominant_country()
            if dominant not in countries:
                return None
            out = [t for t in out if self.lex.normal_country(t.country) == dominant]
        return tuple(out)

    def _person_mention(self, persons: Sequence[Person], tenures: tuple[Tenure, ...],
                        start: int, end: int, name_start: int, name_end: int,
                        title: _TitleHit, country: str | None, between: str | None) -> Mention:
        holders = tuple(p for p in persons if any(t in tenures for t in p.tenures))
        anchor = min(title.start, name_start)
        framing, reason, cue, stressed = self._frame(
            anchor, max(title.end, name_end), between, _hull(tenures),
            exclude={p.key for p in holders}, kind="person")
        deaths = tuple(d for p in holders for d in p.deaths)
        return Mention(
            kind="person", name=holders[0].name if holders else tenures[0].name,
            start=start, end=end, name_start=name_start, name_end=name_end,
            framing=framing, reason=reason, title_start=title.start, title_end=title.end,
            role_id=tenures[0].role_id, tenures=tenures, deaths=deaths, persons=holders,
            country=country, stressed=stressed, acting=self._speaks(name_start, end),
            cue_start=cue[0] if cue else None, cue_end=cue[1] if cue else None)

    # ----------------------------------------------------------------- bare names and bodies

    def bare_mentions(self, hit: _Hit) -> list[Mention]:
        out: list[Mention] = []
        for body in hit.target.institutions:
            out.append(self._body_mention(hit, body))
        if hit.target.persons:
            persons = hit.target.persons
            deaths = tuple(d for p in persons for d in p.deaths)
            interval = (None, max((d.date.latest for d in deaths), default=None))
            framing, reason, cue, stressed = self._frame(
                hit.start, hit.end, None, interval, exclude={p.key for p in persons},
                kind="person")
            out.append(Mention(
                kind="person", name=persons[0].name, start=hit.start, end=hit.end,
                name_start=hit.start, name_end=hit.end, framing=framing, reason=reason,
                deaths=deaths, persons=persons, stressed=stressed,
                acting=self._speaks(hit.start, hit.end),
                cue_start=cue[0] if cue else None, cue_end=cue[1] if cue else None))
        return out

    def _body_mention(self, hit: _Hit, body: Institution) -> Mention:
        interval = (body.start.earliest if body.start else None,
                    body.end.latest if body.end else None)
        framing, reason, cue, stressed = self._frame(hit.start, hit.end, None, interval,
                                                     exclude=set(), kind="institution")
        country = self.lex.normal_country(body.country)
        return Mention(
            kind="institution", name=body.name, start=hit.start, end=hit.end,
            name_start=hit.start, name_end=hit.end, framing=framing, reason=reason,
            institution=body, country=country if self._country_context(hit, country) else None,
            stressed=stressed, acting=self._body_acts(hit, plural=framing == "residual"),
            cue_start=cue[0] if cue else None, cue_end=cue[1] if cue else None)

    def _country_context(self, hit: _Hit, country: str) -> bool:
        return country in self.doc.countries_near(hit.start, hit.end)

    def _body_acts(self, hit: _Hit, plural: bool) -> bool:
        """Is the body the subject of a present-tense verb? ``plural``: the subject is
        already plural ("remnants of the Republican Guard operate")."""
        regex = self.lex.acting_after
        if regex is None:
            return False
        m = regex.match(self.text[hit.end:hit.end + 80])
        if m is None:
            return False
        verb = m.group("verb").casefold()
        if verb in self.lex.acting or plural:
            return True
        chain = m.group("chain").split()
        subject = chain[-1] if chain else self.text[hit.start:hit.end].split()[-1]
        return subject.casefold() in self.lex.units_plural

    def _speaks(self, name_start: int, end: int) -> bool:
        lex = self.lex
        if lex.speech_after is not None and lex.speech_after.match(self.text[end:end + 100]):
            return True
        before = self.text[max(0, name_start - 40):name_start]
        return lex.speech_before is not None and lex.speech_before.search(before) is not None

    # ----------------------------------------------------------------- framing

    def _frame(self, start: int, end: int, between: str | None,
               interval: tuple[dt.date | None, dt.date | None], exclude: set[str],
               kind: str) -> tuple[Framing, str, tuple[int, int] | None, bool]:
        """(framing, reason, cue span, stressed) for the mention text[start:end]."""
        text = self.text
        sent_start, sent_end = self.doc.sentence(start)
        word_at, before = _words_before(text, start, sent_start)
        stressed = self._search("current", "before", before) is not None or (
            between is not None and self._search("current", "between", between) is not None)
        if kind == "institution":
            m = self._search("residual", "before", before)
            if m is not None:
                return "residual", f'preceded by "{m.group().strip()}"', \
                    (word_at + m.start(), word_at + m.end()), stressed
            after_words = " ".join(text[end:end + 40].split()[:2])
            m = self._search("residual", "after", after_words)
            if m is not None and m.start() == 0:
                return "residual", f'followed by "{m.group().strip()}"', None, stressed
            alias_words = text[start:end]
            m = self._search("residual", "after", alias_words)
            if m is not None:
                return "residual", f'named as "{alias_words}"', (start, end), stressed
        m = self._search("historical", "before", before)
        if m is not None:
            return "historical", f'preceded by "{m.group().strip()}"', \
                (word_at + m.start(), word_at + m.end()), stressed
        leader = self._leader(before, word_at, "before", exclude)
        if leader is not None:
            return "historical", leader[0], leader[1], stressed
        if between is not None:
            m = self._search("historical", "between", between)
            if m is not None:
                return "historical", f'described as "{m.group().strip()}"', None, stressed
        after = text[end:min(sent_end, end + AFTER_CHARS)]
        m = self._search("historical", "after", after)
        if m is not None:
            return "historical", f'followed by "{m.group().strip()}"', \
                (end + m.start(), end + m.end()), stressed
        sentence = text[sent_start:start] + " " + text[end:sent_end]
        m = self._search("historical", "sentence", sentence)
        if m is not None:
            return "historical", f'in a sentence saying "{m.group().strip()}"', None, stressed
        leader = self._leader(text[sent_start:sent_end], sent_start, "sentence", exclude)
        if leader is not None:
            return "historical", leader[0], leader[1], stressed
        dated = self._dated_inside(sent_start, sent_end, interval)
        if dated is not None:
            return "historical", dated[0], dated[1], stressed
        return "current", "no historical framing", None, stressed

    def _search(self, use: str, scope: str, text: str) -> Any:
        regex = self.lex.cue(use, scope)
        return regex.search(text) if regex is not None and text else None

    def _leader(self, text: str, offset: int, scope: str,
                exclude: set[str]) -> tuple[str, tuple[int, int]] | None:
        """A ``{leader}`` cue naming a known person out of office on the reference date."""
        for cue in self.lex.leaders:
            if cue.scope != scope:
                continue
            group = cue.regex.groupindex["leader"]
            for m in cue.regex.finditer(text):
                if text[max(0, m.start(group) - 5):m.start(group)].casefold() \
                        .endswith(("post-", "post ")):
                    continue  # "post-Assad era" speaks of the present
                persons = self._leader_persons(m.group(group))
                persons = [p for p in persons if p.key not in exclude]
                if not persons:
                    continue
                if self.reference_date is not None and any(
                        _may_hold(t, self.reference_date) for p in persons for t in p.tenures):
                    continue
                when = (f"out of office on {self.reference_date}" if self.reference_date
                        else "the article's date unknown")
                return (f'framed by "{m.group().strip()}" ({persons[0].name}, {when})',
                        (offset + m.start(), offset + m.end()))
        return None

    def _leader_persons(self, run: str) -> list[Person]:
        key = name_key(run)
        target = self.index.targets.get(key)
        if target is not None and target.persons:
            return list(target.persons)
        tokens = key.split()
        for size in (2, 1):
            if len(tokens) >= size:
                found = self.index.surnames.get(" ".join(tokens[-size:]))
                if found:
                    return list(found)
        return []

    def _dated_inside(self, sent_start: int, sent_end: int,
                      interval: tuple[dt.date | None, dt.date | None],
                      ) -> tuple[str, tuple[int, int]] | None:
        lo, hi = interval
        ref_year = self.reference_date.year if self.reference_date else None
        for start, end, when in self.doc.dates_in(sent_start, sent_end):
            if ref_year is not None and when.earliest.year >= ref_year:
                continue  # this year's news, not history
            if (lo is None or when.latest >= lo) and (hi is None or when.earliest <= hi):
                return (f'in a sentence dated "{self.text[start:end]}", within the interval',
                        (start, end))
        return None


def _one_office_holder(persons: Sequence[Person], tenures: Sequence[Tenure]) -> bool:
    """One person in one role in several countries: Elizabeth II, Queen of each realm;
    the US President, listed as Puerto Rico's head of state too. Who and which office
    are then clear, and the country need not be resolved."""
    if len({t.role_id for t in tenures}) != 1:
        return False
    holders = [p for p in persons if any(t in tenures for t in p.tenures)]
    # Sources may file one person under two primary names ("Donald J. Trump" in the
    # Factbook, "Donald Trump" elsewhere): a shared name or Wikidata id is one person.
    return len(holders) == 1 or all(same_holder(tenures[0], t) for t in tenures[1:])


def _hull(tenures: Sequence[Tenure]) -> tuple[dt.date | None, dt.date | None]:
    """The smallest interval holding every tenure (None = unbounded)."""
    lo: dt.date | None = dt.date.max
    hi: dt.date | None = dt.date.min
    for tenure in tenures:
        start = tenure.start.earliest if tenure.start else None
        end = tenure.end.latest if tenure.end else None
        lo = None if lo is None or start is None else min(lo, start)
        hi = None if hi is None or end is None else max(hi, end)
    return (lo if lo != dt.date.max else None, hi if hi != dt.date.min else None)


def _may_hold(tenure: Tenure, day: dt.date) -> bool:
    """True unless the tenure certainly excludes ``day`` (FuzzyDate read conservatively)."""
    if tenure.start is not None and day < tenure.start.earliest:
        return False
    return not (tenure.end is not None and day > tenure.end.latest)


def may_hold(tenure: Tenure, day: dt.date) -> bool:
    """Public form of the conservative test: could ``tenure`` include ``day``?"""
    return _may_hold(tenure, day)
