"""Synthetic articles built from the shipped world tables: "Office Person said ...".

Thirty (country, office, person, spell) picks, drawn with a fixed seed from every shipped
source (Factbook, Wikidata heads, the UK and US tables, the verified file), each written the
way a journalist would: the country's short title where the role has one ("Chancellor" for
the UK finance minister, "Foreign Secretary"), else the shortest title the source's own label
contains ("Queen" for a queen regnant). For each pick:

- dated inside the spell, the sentence never fires an anachronism rule;
- dated two years after a successor took office, the out-of-office rule fires and names the
  person.

A pick needs a successor (someone else starting in the post as the spell ends) and a person
with no tenure of that role, in any country, that may include the late date: a person back
in office, or still queen in another realm, is rightly not flagged.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from engine.dates import MIN_YEAR
from engine.knowledge.entries import RoleDef, Tenure
from engine.knowledge.merge import folded, same_holder
from engine.mentions import may_hold
from engine.mentions.names import keys_compatible
from engine.model import Article, Finding
from engine.pipeline import context_for, evaluate
from engine.ruleset import Ruleset

AS_OF = dt.date(2026, 11, 21)
SEED = 8
PICKS = 30
ROLE_RULE = "temporal.officeholder-out-of-office"
LATE = dt.timedelta(days=731)  # two years after the successor's latest possible start
SENTENCE = "{title} {name} said on Tuesday that the talks would continue.\n"


@dataclass(frozen=True)
class Pick:
    tenure: Tenure
    successor: Tenure
    title: str

    @property
    def late(self) -> dt.date:
        assert self.successor.start is not None
        return self.successor.start.latest + LATE

    def inside(self) -> list[dt.date]:
        """Days certainly inside the spell: a week in, the middle, a week before the end."""
        assert self.tenure.start is not None and self.tenure.end is not None
        first, last = self.tenure.start.latest, self.tenure.end.earliest
        days = {first + (last - first) / 2}
        if (last - first).days > 30:
            days |= {first + dt.timedelta(days=7), last - dt.timedelta(days=7)}
        return sorted(days)

    def describe(self) -> str:
        t = self.tenure
        return (f"{self.title} {t.name} ({t.country}, {t.role_id}, {t.start}..{t.end}, "
                f"{t.source_id or 'verified'}; successor {self.successor.name} from "
                f"{self.successor.start})")


def short_title(role: RoleDef, country: str, label: str) -> str:
    """The country's short title, or the shortest title, that the source's label contains
    word for word; else the country's first short title, else the shortest title."""
    local = list(role.country_titles.get(country, ()))
    words = set(label.casefold().split())
    for title in [*local, *sorted(role.titles, key=len)]:
        if set(title.casefold().split()) <= words:
            return title
    return local[0] if local else min(role.titles, key=len)


def one_person(a: Tenure, b: Tenure) -> bool:
    """The same person, however the sources spell them ("Mohamed bin Abdulrahman Al Thani"
    and "Muhammad bin Abd al-Rahman Al Thani"): the engine's own name identity."""
    return same_holder(a, b) or any(keys_compatible(m, n) for m in a.names for n in b.names)


def _successor(tenure: Tenure, post: Sequence[Tenure]) -> Tenure | None:
    assert tenure.end is not None
    near_end = tenure.end.earliest - dt.timedelta(days=31)
    later = [o for o in post if o.start is not None and o.start.earliest >= near_end
             and not one_person(o, tenure)]
    return min(later, key=lambda o: o.start.latest if o.start else dt.date.max, default=None)


def candidates(ruleset: Ruleset) -> list[Pick]:
    kb = ruleset.knowledge
    roles: dict[str, RoleDef] = {r.id: r for r in kb.entries("roles")}
    tenures = [t for t in kb.entries("officeholders") if t.verified == "true"]
    posts: dict[tuple[str, str], list[Tenure]] = {}
    by_role: dict[str, list[Tenure]] = {}
    for t in tenures:
        posts.setdefault((t.role_id, t.country), []).append(t)
        by_role.setdefault(t.role_id, []).append(t)
    out: dict[str, Pick] = {}  # one pick per person, so no one dominates the sample
    for (role_id, _country), post in sorted(posts.items()):
        role = roles.get(role_id)
        if role is None or not role.single_holder or not role.titles:
            continue
        for t in post:
            if (t.start is None or t.end is None or t.start.earliest.year < MIN_YEAR
                    or (t.end.earliest - t.start.latest).days < 3):
                continue
            successor = _successor(t, post)
            if successor is None or successor.start is None:
                continue
            pick = Pick(t, successor, short_title(role, t.country, t.role))
            if pick.late > AS_OF or any(
                    may_hold(o, pick.late) and one_person(o, t) for o in by_role[role_id]):
                continue
            out.setdefault(t.name, pick)
    return list(out.values())


def sample(ruleset: Ruleset, seed: int = SEED) -> list[Pick]:
    """PICKS picks, drawn evenly from each source, then cut to size with the same seed."""
    rng = random.Random(seed)
    pools: dict[str, list[Pick]] = {}
    for pick in candidates(ruleset):
        pools.setdefault(pick.tenure.source_id or "verified", []).append(pick)
    share = PICKS // len(pools) + 1
    drawn = [p for _, pool in sorted(pools.items()) for p in rng.sample(pool, min(share,
                                                                               len(pool)))]
    return rng.sample(drawn, min(PICKS, len(drawn)))


def findings(ruleset: Ruleset, pick: Pick, day: dt.date) -> list[Finding]:
    text = SENTENCE.format(title=pick.title, name=pick.tenure.name)
    article = Article(f"synthetic-{day}", "synthetic", text, None, {"date": day.isoformat()})
    rules = [r for r in ruleset.rules if r.spec.category == "temporal"]
    return [f for f in evaluate(context_for(article, ruleset, AS_OF), rules)
            if f.rule_id != "temporal.stale-content"]


@pytest.fixture(scope="module")
def picks(ruleset: Ruleset) -> list[Pick]:
    return sample(ruleset)


def test_sample_spans_sources_countries_and_offices(picks: list[Pick]) -> None:
    assert len(picks) == PICKS
    assert len({p.tenure.source_id for p in picks}) >= 4
    assert len({p.tenure.country for p in picks}) >= 8
    assert len({p.tenure.role_id for p in picks}) >= 10
    # The short forms journalists write are in the sample, not only full official titles.
    assert any(p.title in ("Chancellor", "Foreign Secretary", "Home Secretary", "PM")
               or len(p.title.split()) < len(p.tenure.role.split()) for p in picks)


def test_office_person_said_inside_the_spell_never_fires(ruleset: Ruleset,
                                                         picks: list[Pick]) -> None:
    fired = [f"{pick.describe()} dated {day}: {f.message}"
             for pick in picks for day in pick.inside()
             for f in findings(ruleset, pick, day)]
    assert not fired, "\n".join(fired)


def test_office_person_said_two_years_after_the_successor_fires(ruleset: Ruleset,
                                                               picks: list[Pick]) -> None:
    silent = []
    for pick in picks:
        found = [f for f in findings(ruleset, pick, pick.late) if f.rule_id == ROLE_RULE]
        # The finding may quote another source's spelling ("Janos Ader" for "János Áder").
        surname = folded(pick.tenure.name.split()[-1])
        if not any(surname in folded(f.message) for f in found):
            silent.append(f"{pick.describe()} dated {pick.late}: "
                          f"{[f.message for f in found] or 'no finding'}")
    assert not silent, "\n".join(silent)
