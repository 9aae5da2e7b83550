"""The ``countries`` section: canonical names, aliases, demonyms and codes, shared by the
importers and the mention reader."""

from __future__ import annotations

from pathlib import Path

from engine.knowledge.loader import load_knowledge
from engine.ruleset import SHIPPED_RULES

COUNTRIES = SHIPPED_RULES / "knowledge" / "countries.yaml"


def test_shipped_countries_load_and_index_every_name_and_code() -> None:
    kb, problems = load_knowledge([COUNTRIES])
    assert problems == []
    countries = kb.entries("countries")
    assert len(countries) >= 197  # UN members, observers, Taiwan, Kosovo
    by_name, by_code = kb.index("countries.by_name"), kb.index("countries.by_code")
    assert by_name["britain"].name == by_name["uk"].name == "United Kingdom"
    assert by_name["türkiye"].name == "Turkey"
    assert by_code["GB"] is by_code["GBR"] is by_code["gec:uk"] is by_code["qid:Q145"]
    assert by_code["gec:gm"].name == "Germany"  # the Factbook's code is not ISO
    assert [c.name for c in kb.index("countries.by_demonym")["german"]] == ["Germany"]
    assert len(kb.index("countries.by_demonym")["congolese"]) == 2  # ambiguous on its own
    # every name, alias and code names exactly one country
    keys = [n.casefold() for c in countries for n in c.names]
    assert len(keys) == len(set(keys))


def test_country_with_bad_code_is_located(tmp_path: Path) -> None:
    path = tmp_path / "countries.yaml"
    path.write_text('section: countries\nentries:\n  - {name: Norway, iso2: NO, iso3: "NOR"}\n'
                    '  - {name: Chad, iso2: "TD", iso3: "tcd"}\n', encoding="utf-8")
    kb, problems = load_knowledge([path])
    assert kb.entries("countries") == ()
    where = sorted((p.line, p.col) for p in problems)
    # YAML reads an unquoted NO as false; lower-case iso3 breaks the pattern
    assert where == [(3, 26), (4, 36)]
    assert all(p.hint for p in problems)
