"""Section ``outlets``: who a news outlet is, by domain and by name, and how it is rated.

Entry keys: ``name``; ``domains`` (the first is the outlet's main domain, the others its
editions, ``edition.cnn.com``: an edition a rating table rates keeps its own rating);
``short_links`` (``cnn.it``: always rated as the main domain, even where a table rates the
short link itself);
``aliases`` (names others use for it: "AP"); ``self_descriptions`` (names its own texts use:
"NextFin News"); ``ratings`` (each ``{value, scale: {low, high}, source, date}``);
``platform: true`` for a site that carries other people's posts or links (a social network, a
generic link shortener): its URL names no publisher, so resolution looks further; plus
``sources``, ``verified``, ``unverified`` and ``notes``. Large published rating tables live in
section ``outlet-ratings`` instead.

Index ``outlets.directory``: an :class:`OutletDirectory` over both sections, which turns a host
or a name into the outlet and the ratings of its domain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from engine.domains import candidate_hosts, host_of, is_host, registrable_domain
from engine.errors import Diagnostic
from engine.knowledge import IndexKey, Section
from engine.knowledge.entries import Aliased
from engine.knowledge.sections._fields import DATE, TEXT, TEXTS, EntryReader, entry_schema
from engine.knowledge.sections.outlet_ratings import NAME as RATINGS_SECTION
from engine.knowledge.sections.outlet_ratings import RatingSet
from engine.yamlpos import Located, PathKey

NAME = "outlets"
_SCALE: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["low", "high"],
    "properties": {"low": {"type": "number"}, "high": {"type": "number"}}}
ENTRY_SCHEMA: dict[str, Any] = entry_schema(
    {"name": TEXT, "domains": {**TEXTS, "minItems": 1}, "short_links": TEXTS, "aliases": TEXTS,
     "self_descriptions": TEXTS, "platform": {"type": "boolean"},
     "ratings": {"type": "array", "items": {
         "type": "object", "additionalProperties": False,
         "required": ["value", "scale", "source", "date"],
         "properties": {"value": {"type": "number"}, "scale": _SCALE, "source": TEXT,
                        "date": DATE}}}},
    ["name", "domains"],
)


@dataclass(frozen=True)
class Rating:
    """One rating of one domain: the value on its source's scale, who gave it and when."""

    value: float
    low: float
    high: float
    source: str
    date: str
    set_id: str = ""  # the outlet-ratings entry it came from; "" for an outlet's own rating

    @property
    def normalised(self) -> float:
        """The value on 0 (worst) .. 1 (best), whatever the source's scale."""
        return (self.value - self.low) / (self.high - self.low)

    @property
    def scale_text(self) -> str:
        return f"{self.low:g} lowest, {self.high:g} highest"


@dataclass(frozen=True, kw_only=True)
class Outlet(Aliased):
    domains: tuple[str, ...]
    short_links: tuple[str, ...]
    self_descriptions: tuple[str, ...]
    ratings: tuple[Rating, ...]
    platform: bool = False

    @property
    def domain(self) -> str:
        return self.domains[0]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.self_descriptions)


_NON_WORD = re.compile(r"[^\w]+")


def name_key(name: str) -> str:
    """How names are compared: case, punctuation and a leading "The" do not count."""
    words = _NON_WORD.sub(" ", name.casefold()).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class OutletDirectory:
    """Outlets by domain and by name, and ratings by domain (outlets' own, then each table)."""

    def __init__(self, outlets: Iterable[Outlet], rating_sets: Iterable[RatingSet]) -> None:
        self.by_domain: dict[str, Outlet] = {}
        self.by_name: dict[str, Outlet] = {}
        for outlet in outlets:
            for domain in (*outlet.domains, *outlet.short_links):
                self.by_domain.setdefault(domain, outlet)
            for name in outlet.names:
                self.by_name.setdefault(name_key(name), outlet)
        self.rating_sets = tuple(rating_sets)

    def domain_for_host(self, host: str) -> tuple[str, Outlet | None]:
        """The domain to rate ``host`` by, and its outlet when the knowledge has one.

        The most specific known name wins (``abcnews.go.com`` before ``go.com``); an outlet's
        short link stands for its main domain (``cnn.it`` -> ``cnn.com``);
        an unknown host is cut to its registrable domain (``author.addictinginfo.org``)."""
        known = host in self.by_domain or self._rated(host)
        for candidate in [host] if known else candidate_hosts(host):
            outlet = self.by_domain.get(candidate)
            rated = self._rated(candidate)
            if outlet is not None:
                # An edition rated on its own keeps its rating (huffingtonpost.com is not
                # rated as huffpost.com); a short link is only a way to reach the outlet.
                keep = rated and candidate not in outlet.short_links
                return (candidate if keep else outlet.domain), outlet
            if rated:
                return candidate, None
        return registrable_domain(host), None

    def _rated(self, domain: str) -> bool:
        return any(domain in s.ratings for s in self.rating_sets)

    def outlet_named(self, name: str) -> Outlet | None:
        return self.by_name.get(name_key(name))

    def ratings(self, domain: str) -> tuple[Rating, ...]:
        outlet = self.by_domain.get(domain)
        own = outlet.ratings if outlet is not None else ()
        tabled = tuple(Rating(s.ratings[domain], s.low, s.high, s.title, s.date, s.id)
                       for s in self.rating_sets if domain in s.ratings)
        return (*own, *tabled)


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> Outlet | None:
    reader = EntryReader(raw, doc, at, problems)
    domains = _hosts(reader, "domains")
    short_links = _hosts(reader, "short_links")
    ratings: list[Rating] = []
    for i, rating in enumerate(raw.get("ratings") or ()):
        low, high = float(rating["scale"]["low"]), float(rating["scale"]["high"])
        value = float(rating["value"])
        if not low <= value <= high or not low < high:
            reader.problem(("ratings", i), f"rating {value:g} is not on its scale "
                           f"{low:g}..{high:g}", "fix the value or the scale (low < high)")
            continue
        ratings.append(Rating(value, low, high, str(rating["source"]), str(rating["date"])))
    if reader.failed:
        return None
    name = reader.text("name")
    return Outlet(name=name, domains=domains, short_links=short_links,
                  aliases=reader.aliases(name),
                  self_descriptions=reader.aliases(name, "self_descriptions"),
                  ratings=tuple(ratings), **reader.provenance(),
                  platform=bool(raw.get("platform", False)))


def _hosts(reader: EntryReader, key: str) -> tuple[str, ...]:
    hosts: list[str] = []
    for i, value in enumerate(reader.raw.get(key) or ()):
        host = host_of(str(value))
        if host is None or host != str(value).strip() or not is_host(host):
            reader.problem((key, i), f"{value!r} is not a lower-case host name",
                           f"write it as {host!r}" if host else "write e.g. example.com")
            continue
        hosts.append(host)
    return tuple(hosts)


OUTLET_DIRECTORY: IndexKey[OutletDirectory] = IndexKey("outlets.directory")


def build_indexes(sections: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    return {OUTLET_DIRECTORY.name: OutletDirectory(sections.get(NAME, ()),
                                                 sections.get(RATINGS_SECTION, ()))}


OUTLETS: Section[Outlet] = Section(NAME, Outlet)
