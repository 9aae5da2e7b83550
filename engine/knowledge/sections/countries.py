"""Section ``countries``: one canonical name per country, and every other way articles and
source tables name it.

Entry keys: ``name`` (canonical: what ``country`` means in every other section), ``aliases``
(other names: "UK", "Britain", "Türkiye"), ``demonyms`` ("British", "German"), ``iso2`` and
``iso3`` (ISO 3166-1 codes; Kosovo's user-assigned XK/XKX), and optionally ``gec`` (the CIA
World Factbook's GEC code, which is not ISO: the UK is ``uk``, Germany ``gm``), ``qid`` (the
country's Wikidata item) and ``notes``. ``gec`` and ``qid`` let importers map a table's codes
onto the canonical name without guessing from labels.

Countries are vocabulary, not dated facts: no ``sources``/``verified`` are required. Loading
checks the codes' shape; ``build_indexes`` reports nothing, and a name, alias or code given
to two countries keeps the first (``engine.knowledge.check`` reports the clash). A demonym may
be shared ("Congolese"): a reader then cannot resolve the country from it alone.

Indexes: ``countries.by_name`` (case-folded name or alias -> Country), ``countries.by_demonym``
(case-folded demonym -> countries), ``countries.by_code`` (upper-case iso2, iso3, ``gec:xx``
and ``qid:Q..`` -> Country).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from engine.errors import Diagnostic
from engine.knowledge import IndexKey, Section
from engine.knowledge.entries import Country
from engine.knowledge.sections._fields import NAMED, NOTES, QID, TEXTS, EntryReader, closed_schema
from engine.yamlpos import Located, PathKey

NAME = "countries"

ENTRY_SCHEMA: dict[str, Any] = closed_schema(
    {
        **NAMED,
        "demonyms": TEXTS,
        "iso2": {"type": "string", "pattern": "^[A-Z]{2}$",
                 "description": "write the ISO 3166-1 alpha-2 code in capitals, quoted (\"NO\")"},
        "iso3": {"type": "string", "pattern": "^[A-Z]{3}$",
                 "description": "write the ISO 3166-1 alpha-3 code in capitals"},
        "gec": {"type": "string", "pattern": "^[a-z]{2}$",
                "description": "write the Factbook's two-letter GEC code in lower case"},
        "qid": QID,
        "notes": NOTES,
    },
    ["name", "iso2", "iso3"],
)


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> Country | None:
    """One validated entry as a Country."""
    reader = EntryReader(raw, doc, at, problems)
    demonyms = tuple(dict.fromkeys(str(d).strip() for d in raw.get("demonyms") or ()))
    return Country(**reader.named(), demonyms=demonyms,
                   iso2=raw["iso2"], iso3=raw["iso3"], gec=reader.text("gec"),
                   qid=reader.text("qid"), origin=reader.origin)


def country_codes(country: Country) -> tuple[str, ...]:
    """The keys of ``countries.by_code`` for ``country``."""
    codes = [country.iso2, country.iso3]
    if country.gec:
        codes.append(f"gec:{country.gec}")
    if country.qid:
        codes.append(f"qid:{country.qid}")
    return tuple(codes)


# Countries by case-folded name or alias, by demonym (one may name several), by code.
COUNTRIES_BY_NAME: IndexKey[Mapping[str, Country]] = IndexKey("countries.by_name")
COUNTRIES_BY_DEMONYM: IndexKey[Mapping[str, tuple[Country, ...]]] = IndexKey(
    "countries.by_demonym")
COUNTRIES_BY_CODE: IndexKey[Mapping[str, Country]] = IndexKey("countries.by_code")


def build_indexes(sections: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    by_name: dict[str, Country] = {}
    by_demonym: dict[str, list[Country]] = {}
    by_code: dict[str, Country] = {}
    for country in sections.get(NAME, ()):
        for name in country.names:
            by_name.setdefault(name.casefold(), country)
        for demonym in country.demonyms:
            by_demonym.setdefault(demonym.casefold(), []).append(country)
        for code in country_codes(country):
            by_code.setdefault(code, country)
    return {
        COUNTRIES_BY_NAME.name: MappingProxyType(by_name),
        COUNTRIES_BY_DEMONYM.name: MappingProxyType({k: tuple(v)
                                                     for k, v in by_demonym.items()}),
        COUNTRIES_BY_CODE.name: MappingProxyType(by_code),
    }


COUNTRIES: Section[Country] = Section(NAME, Country)
