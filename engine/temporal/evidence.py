"""When may the knowledge say "not in that post then"? Positive evidence inside coverage.

Tenure tables are partial: a source lists the holders of some offices over some years (its
*coverage*, section ``coverage``: ``{source_id, countries, role_ids, from, to}``). A person
missing from the data for a date is therefore *unknown* there, not out of office: Donald Trump
known only from 2025 says nothing about 2017. An anachronism needs positive evidence:

- **out of office** ("after"): the tenure's end is recorded inside its source's coverage of
  that country and office, or a *successor* (someone else in the same single-holder post and
  country) started after the person and on or before the reference day;
- **not yet in office** ("before", a prochronism): the reference day lies inside the coverage
  of the tenure's source for that country and office (the source would have listed them), or
  a *predecessor* (someone else in the same single-holder post and country) is recorded in
  office on that day.

Tenures without a ``source_id`` come from the team's hand-verified collection, which checks
each person's own dates: their recorded end is evidence by itself (their start is not: the
collection lists people from the tenure it verified, so earlier tenures may be missing).

Coverage entries are read by attribute (``source_id``, ``countries`` with ``"*"`` for all,
``role_ids``, ``start``/``end`` or ``from_``/``to``; empty ``countries`` or ``role_ids``
claim completeness nowhere), so this module depends only on the shape the ``coverage``
section promises.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine.knowledge import KnowledgeBase
from engine.knowledge.entries import FuzzyDate, RoleDef, Tenure
from engine.knowledge.merge import same_holder
from engine.knowledge.sections.coverage import COVERAGE
from engine.knowledge.sections.officeholders import OFFICEHOLDERS
from engine.knowledge.sections.roles import ROLES
from engine.mentions.names import keys_compatible, name_key, skeleton_key

ANY = "*"


@dataclass(frozen=True)
class Window:
    """The countries, offices and days one source is complete for."""

    source_id: str
    countries: frozenset[str]  # {"*"} = every country; empty = none
    role_ids: frozenset[str]  # empty = none (the source only adds tenures)
    start: dt.date
    end: dt.date

    def covers(self, country: str, role_id: str, day: dt.date) -> bool:
        return (self.start <= day <= self.end
                and (ANY in self.countries or country in self.countries)
                and role_id in self.role_ids)


def _day(value: Any, latest: bool) -> dt.date | None:
    if isinstance(value, FuzzyDate):
        return value.latest if latest else value.earliest
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        parsed = FuzzyDate.parse(value)
        return parsed.latest if latest else parsed.earliest
    return None


def _attr(entry: Any, *names: str) -> Any:
    for name in names:
        if hasattr(entry, name):
            return getattr(entry, name)
    return None


def windows_of(entries: Iterable[Any]) -> tuple[Window, ...]:
    out: list[Window] = []
    for entry in entries:
        start = _day(_attr(entry, "start", "from_", "date_from", "from"), latest=False)
        end = _day(_attr(entry, "end", "to", "date_to"), latest=True)
        if start is None or end is None:
            continue
        countries = _attr(entry, "countries") or ()
        out.append(Window(str(_attr(entry, "source_id") or ""), frozenset(countries),
                          frozenset(_attr(entry, "role_ids") or ()), start, end))
    return tuple(out)


def source_of(tenure: Tenure) -> str:
    return str(getattr(tenure, "source_id", "") or "")


class Evidence:
    """The coverage windows and the holders of each post of one knowledge base."""

    def __init__(self, kb: KnowledgeBase, normal_country: Any = None) -> None:
        normal = normal_country or (lambda country: country)
        self._normal = normal
        self.windows: Mapping[str, tuple[Window, ...]] = _by_source(
            windows_of(kb.of(COVERAGE)))
        self.roles: Mapping[str, RoleDef] = {role.id: role for role in kb.of(ROLES)}
        holders: dict[tuple[str, str], list[Tenure]] = {}
        for tenure in kb.of(OFFICEHOLDERS):
            if tenure.verified != "false":
                holders.setdefault((tenure.role_id, normal(tenure.country)), []).append(tenure)
        self.holders = {key: tuple(value) for key, value in holders.items()}

    def covered(self, tenure: Tenure, day: dt.date) -> bool:
        """Is ``day`` inside the coverage of ``tenure``'s source, for its country and post?"""
        country = self._normal(tenure.country)
        return any(w.covers(country, tenure.role_id, day)
                   for w in self.windows.get(source_of(tenure), ()))

    def out_of_office(self, tenure: Tenure, day: dt.date, person: Sequence[Tenure]) -> bool:
        """Positive evidence that ``tenure`` (ended before ``day``) was over on ``day``."""
        if tenure.end is None or tenure.end.latest >= day:
            return False
        if self._respelled_holds(tenure, person, day):
            return False
        if not source_of(tenure) or self.covered(tenure, tenure.end.latest):
            return True
        started = tenure.start.earliest if tenure.start else dt.date.min
        return any(other.start.latest <= day and other.start.earliest > started
                   for other in self._others(tenure, person) if other.start is not None)

    def not_yet(self, tenure: Tenure, day: dt.date, person: Sequence[Tenure]) -> bool:
        """Positive evidence that ``tenure`` (starting after ``day``) had not begun on it."""
        if tenure.start is None or tenure.start.earliest <= day:
            return False
        if self._respelled_holds(tenure, person, day):
            return False
        if source_of(tenure) and self.covered(tenure, day):
            return True
        return any(holds_certainly(other, day) for other in self._others(tenure, person))

    def _respelled_holds(self, tenure: Tenure, person: Sequence[Tenure], day: dt.date) -> bool:
        """The same person, filed under another spelling, may hold the post on ``day``:
        the Factbook lists Netanyahu as "Binyamin" until 2021 and "Benjamin" from 2022, so
        a 2016 "Prime Minister Benjamin Netanyahu" is in office, not a prochronism."""
        same = self._same_person(tenure, person, strict=True)
        # Certainly, not possibly, in office: a year-precision row ("2022-") must not hide
        # the gap between two terms (Netanyahu out of office from June 2021 to December 2022).
        return any(same(t) and holds_certainly(t, day) for t in self._post(tenure))

    def _post(self, tenure: Tenure) -> tuple[Tenure, ...]:
        return self.holders.get((tenure.role_id, self._normal(tenure.country)), ())

    def _others(self, tenure: Tenure, person: Sequence[Tenure]) -> list[Tenure]:
        """Other people's tenures of the same single-holder post in the same country."""
        role = self.roles.get(tenure.role_id)
        if role is None or not role.single_holder:
            return []
        same = self._same_person(tenure, person)
        return [other for other in self._post(tenure) if not same(other)]

    @staticmethod
    def _same_person(tenure: Tenure, person: Sequence[Tenure], strict: bool = False
                     ) -> Callable[[Tenure], bool]:
        """Whether another tenure can be this person's: a shared name key or Wikidata id
        across sources, or a compatible spelling ("Benjamin" and "Binyamin Netanyahu").
        ``strict`` also wants the same first given name: to void positive evidence, "Salman
        bin Abd al-Aziz" must not pass for his son "Muhammad bin Salman bin Abd al-Aziz",
        whose given names contain his."""
        keys = {name_key(name) for t in (tenure, *person) for name in t.names}
        qids = {q for t in (tenure, *person) if (q := getattr(t, "qid", ""))}
        names = [n for t in (tenure, *person) for n in t.names]
        compatible = _same_first_given if strict else keys_compatible

        def same(other: Tenure) -> bool:
            return (getattr(other, "qid", "") in qids
                    or any(name_key(n) in keys for n in other.names)
                    or any(compatible(n, m) for n in other.names for m in names))
        return same


def _same_first_given(a: str, b: str) -> bool:
    """``keys_compatible`` with the first given names agreeing (or one side without any)."""
    given_a, _ = skeleton_key(a)
    given_b, _ = skeleton_key(b)
    return keys_compatible(a, b) and (not given_a or not given_b or given_a[0] == given_b[0])


def without_sightings(tenures: Sequence[Tenure]) -> tuple[Tenure, ...]:
    """``tenures`` without open sightings inside one of the same person's ended terms.

    A source that lost a holder's start date for some weeks (the Factbook's "since" text
    was reworded) yields an open tenure "in office when last seen on L"; when another
    tenure of that person in the post runs from before L to an end after it, the sighting
    is part of that term and says nothing about later days (it would otherwise keep a
    former holder in office forever)."""
    def inside(sighting: Tenure, term: Tenure) -> bool:
        seen = sighting.last_seen
        return (seen is not None and term.end is not None and term.start is not None
                and term is not sighting and term.role_id == sighting.role_id
                and term.country == sighting.country
                and term.start.earliest <= seen.earliest and seen.latest <= term.end.latest
                and (sighting.start is None or term.start.earliest <= sighting.start.earliest)
                and same_holder(sighting, term))
    return tuple(t for t in tenures
                 if t.end is not None or not any(inside(t, other) for other in tenures))


def last_term_before(tenures: Sequence[Tenure], day: dt.date) -> Tenure:
    """The term an "out of office" verdict is about: the latest one that had certainly ended
    by ``day``. A person back in office later (Trump from 2025, Babis from 2025) is judged
    on the term before ``day``, not on the later one, which has not begun; with no ended
    term, the latest-ending one (whose end is then no evidence)."""
    ended = [t for t in tenures if t.end is not None and t.end.latest < day]
    pool = ended or list(tenures)
    return max(pool, key=lambda t: t.end.latest if t.end else dt.date.max)


def first_term_after(tenures: Sequence[Tenure], day: dt.date) -> Tenure:
    """The term a "not yet in office" verdict is about: the earliest one starting after
    ``day`` (else the earliest-starting one)."""
    later = [t for t in tenures if t.start is not None and t.start.earliest > day]
    pool = later or list(tenures)
    return min(pool, key=lambda t: t.start.earliest if t.start else dt.date.min)


def holds_certainly(tenure: Tenure, day: dt.date) -> bool:
    """The tenure certainly includes ``day``: started by then, and ended (or last seen in
    office) no earlier."""
    if tenure.start is None or tenure.start.latest > day:
        return False
    if tenure.end is not None:
        return tenure.end.earliest >= day
    return tenure.last_seen is not None and tenure.last_seen.earliest >= day


def _by_source(windows: Iterable[Window]) -> dict[str, tuple[Window, ...]]:
    out: dict[str, list[Window]] = {}
    for window in windows:
        out.setdefault(window.source_id, []).append(window)
    return {key: tuple(value) for key, value in out.items()}


_CACHE: dict[int, tuple[weakref.ref[KnowledgeBase], Evidence]] = {}


def evidence_of(kb: KnowledgeBase, normal_country: Any = None) -> Evidence:
    """The Evidence of ``kb``, built once while ``kb`` lives (as ``mention_index``)."""
    entry = _CACHE.get(id(kb))
    if entry is not None and entry[0]() is kb:
        return entry[1]
    evidence = Evidence(kb, normal_country)
    key = id(kb)
    _CACHE[key] = (weakref.ref(kb, lambda _ref: _CACHE.pop(key, None)), evidence)
    return evidence
