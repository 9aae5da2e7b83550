"""Frozen values for the knowledge sections about time: roles, tenures, institutions, deaths,
events. Loaders for each live in ``engine.knowledge.sections``; this module only says what an
entry is, so the temporal and consistency kinds can rely on it.

Dates in knowledge files may be a day (``2024-12-08``), a month (``2025-10``) or a year
(``1984``): a ``FuzzyDate`` keeps the earliest and latest day it can mean, so a check can be
conservative (Fomin left "in 2025-10": only from 2025-11-01 is he certainly out of office).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

_FUZZY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class FuzzyDate:
    text: str
    earliest: dt.date
    latest: dt.date

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ValueError otherwise."""
        m = _FUZZY.match(text.strip())
        if not m:
            raise ValueError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        year = int(m.group(1))
        if m.group(3):
            day = dt.date(year, int(m.group(2)), int(m.group(3)))
            return cls(text, day, day)
        if m.group(2):
            month = int(m.group(2))
            last = calendar.monthrange(year, month)[1]
            return cls(text, dt.date(year, month, 1), dt.date(year, month, last))
        return cls(text, dt.date(year, 1, 1), dt.date(year, 12, 31))

    def __str__(self) -> str:
        return self.text


class Interval(NamedTuple):
    """When something held or existed (the ``INTERVAL`` keys of a knowledge entry): ``start``
    None is an unknown start, ``end`` None is not ended when ``last_seen``, the latest date a
    source showed it."""

    start: FuzzyDate | None
    end: FuzzyDate | None
    last_seen: FuzzyDate | None


@dataclass(frozen=True, kw_only=True)
class Recorded:
    """What every knowledge fact carries: where it was seen (``sources``), whether it was
    checked (``verified``: "true", "partial" or "false"; a "false" entry is never used), the
    author's ``notes``, and the entry's ``path:line`` (``origin``) for messages.

    Keyword-only, like its subclasses: entries have many fields of one type (tuples of
    strings, dates), and a positional call would swap them silently.
    """

    sources: tuple[str, ...]
    verified: str
    notes: str = ""
    origin: str = ""

    @property
    def citation(self) -> str:
        """``source: URL; verified: FLAG``, the first source: how a message cites the fact."""
        return f"source: {self.sources[0] if self.sources else ''}; verified: {self.verified}"


@dataclass(frozen=True, kw_only=True)
class Aliased(Recorded):
    """A recorded fact about something named, with the other spellings sources use."""

    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Country:
    """A country's canonical name and the other ways to name it (section ``countries``)."""

    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    iso2: str
    iso3: str
    gec: str = ""  # CIA World Factbook code, e.g. "uk"
    qid: str = ""  # Wikidata item, e.g. "Q145"
    origin: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class RoleDef:
    """A kind of office and the ways articles write its title (section ``roles``).

    ``id`` is generic (``defence-minister``); the country comes from the tenure. A
    ``single_holder`` role has one holder per country at a time (a minister), unlike deputy
    ministers.
    """

    id: str
    titles: tuple[str, ...]
    single_holder: bool
    description: str = ""
    # Titles that name this role only in one country ("Chancellor" in the United Kingdom is
    # the finance minister, in Germany the head of government): (canonical country, titles).
    # A mapping (canonical country -> titles); left out of the hash, which a dict cannot join.
    country_titles: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({}), hash=False)
    # Position names as source tables write them ("Secretary of State for the Home
    # Department"), for importers; matched case-blind, never read from articles.
    labels: tuple[str, ...] = ()
    # Former holders keep the title as a courtesy ("President Carter" in 1987): named with it,
    # one is presented as current only while acting in the sentence (speaking, signing,
    # meeting), and never once out of office for longer than this many years. None: the
    # title is not kept.
    courtesy_years: int | None = None

    def titles_in(self, country: str) -> tuple[str, ...]:
        """The titles of this role in ``country`` (canonical name): its own, then generic."""
        own = self.country_titles.get(country, ())
        return (*own, *self.titles)


@dataclass(frozen=True)
class Tenure:
    """A person holding a role in a country over an interval (section ``officeholders``).

    ``end`` None means still in office when last seen (``last_seen``).
    """

    name: str
    aliases: tuple[str, ...]
    role_id: str
    role: str
    country: str
    start: FuzzyDate | None
    end: FuzzyDate | None
    last_seen: FuzzyDate | None
    sources: tuple[str, ...]
    verified: str  # "true", "partial" or "false"
    notes: str
    origin: str  # "path:line" of the entry, for messages
    qid: str = ""  # Wikidata item of the person, when the source gives one
    source_id: str = ""  # the ``coverage`` source it was imported from; "" = hand-verified

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Coverage:
    """What one source is complete for (section ``coverage``): these offices of these
    countries over ``[start, end]``. Inside it, a tenure's end and a successor's start are
    evidence; outside it, a person absent from the data is unknown, not out of office.

    ``countries`` are canonical names, or ``("*",)`` for every country; an empty tuple claims
    completeness nowhere (the source only adds tenures). ``role_ids`` are ``roles`` ids.
    """

    source_id: str
    title: str
    licence: str
    url: str
    countries: tuple[str, ...]
    role_ids: tuple[str, ...]
    start: FuzzyDate
    end: FuzzyDate
    notes: str = ""
    origin: str = ""

    def covers(self, country: str, role_id: str, day: dt.date) -> bool:
        """Whether the source is complete for ``role_id`` in ``country`` on ``day``."""
        return (role_id in self.role_ids
                and ("*" in self.countries or country in self.countries)
                and self.start.earliest <= day <= self.end.latest)


@dataclass(frozen=True, kw_only=True)
class Institution(Aliased):
    """A body that exists over an interval: an army unit, a party, a foreign force presence."""

    country: str
    start: FuzzyDate | None
    end: FuzzyDate | None


@dataclass(frozen=True, kw_only=True)
class Death(Aliased):
    """A person's death: after it, they cannot speak, meet or hold office."""

    date: FuzzyDate


@dataclass(frozen=True, kw_only=True)
class Event(Recorded):
    """A dated event an article can reference; a mention means "written after this date"."""

    name: str
    phrases: tuple[str, ...]  # how articles refer to it: "strike on the Shayrat airbase"
    date: FuzzyDate

