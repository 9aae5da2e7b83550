"""Check ``host-conflict``: one visiting office said to be two different people.

An article about a visit names who came: "X hosted Russian Deputy Defence Minister A",
"Y received Russian Deputy Defence Minister B", "a Russian delegation led by Deputy Defence
Minister A". When the same visiting office (role key, deputy or not, qualifier, country) is
filled by two different people in such visit clauses, the article tells two stories of one
visit. Deputies count here, unlike in ``role-conflict``: a ministry has several deputies, but a
delegation has one head, and each of these clauses names the visit's head.

Contract: a *visit clause* is a title mention (``engine.consistency.people``) preceded either by
a host mention and text matching ``visit_link`` in full ("hosted", "met with a Russian delegation
led by"), or directly by text matching ``lead_link`` ("delegation led by"). The visitor's country
is the country word before its title, else the last country word in the linking text ("a
Russian delegation led by ..."); a visitor with no country is compared only with visitors with
none. Historical clauses ("former", a succession sentence, an earlier year) are skipped. One
conflict per visiting office, quoting the first clause (host included) of each visitor.

Options: those of ``people.PEOPLE_OPTIONS``, plus ``visit_link`` and ``lead_link`` (RE2,
case-blind).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.consistency.base import Conflict, Side, compile_option, sentence_of
from engine.consistency.people import (
    PEOPLE_OPTIONS,
    PEOPLE_REQUIRED,
    PeopleFinder,
    TitleMention,
    describe,
    office_name,
    same_person,
)
from engine.kinds.base import ArticleContext, CompileEnv

NAME = "host-conflict"
OPTIONS: dict[str, Any] = {
    **PEOPLE_OPTIONS,
    "visit_link": {"type": "string", "description": "text between host and visitor (RE2)"},
    "lead_link": {"type": "string", "description": "text just before a delegation head (RE2)"},
}
REQUIRED = (*PEOPLE_REQUIRED, "visit_link", "lead_link")


@dataclass(frozen=True)
class Visit:
    """A visit clause: who came (``visitor``), who hosted (None for "delegation led by X")."""

    visitor: TitleMention
    host: TitleMention | None
    country: str | None
    start: int


class HostConflict:
    def __init__(self, people: PeopleFinder, visit_link: Any, lead_link: Any) -> None:
        self.people = people
        self.visit_link = visit_link
        self.lead_link = lead_link

    def visits(self, ctx: ArticleContext) -> list[Visit]:
        mentions = self.people.mentions(ctx)
        out: list[Visit] = []
        for i, visitor in enumerate(mentions):
            if visitor.historical:
                continue
            lo = sentence_of(ctx, visitor.start)[0]
            host = next((m for m in reversed(mentions[:i])
                         if lo <= m.start and m.end <= visitor.start), None)
            link = ""
            if host is not None and not host.historical:
                gap = ctx.text[host.end:visitor.start]
                if self.visit_link.fullmatch(gap):
                    link = gap
            if not link:
                host = None
                before = ctx.text[max(lo, visitor.start - 120):visitor.start]
                found = self.lead_link.search(before)
                if found is None or found.end() != len(before):
                    continue
                link = before
            country = (visitor.country if visitor.country_stated
                       else self.people.country_in(link))
            start = host.start if host is not None else visitor.start
            out.append(Visit(visitor, host, country, start))
        return out

    def find(self, ctx: ArticleContext) -> list[Conflict]:
        groups: dict[tuple[str, bool, str, str | None], list[list[Visit]]] = {}
        for visit in self.visits(ctx):
            v = visit.visitor
            people = groups.setdefault((v.role, v.deputy, v.qualifier, visit.country), [])
            for person in people:
                if same_person(ctx, v.name, person[0].visitor.name):
                    person.append(visit)
                    break
            else:
                people.append([visit])
        conflicts: list[Conflict] = []
        for (role, deputy, qualifier, country), people in groups.items():
            if len(people) < 2:
                continue
            firsts = [person[0] for person in people]
            title = ("Deputy " if deputy else "") + self.people.role_title(role)
            office = office_name(title, qualifier, country)
            hosts = [f"{v.host.name} hosting {v.visitor.name}" if v.host else
                     f"a delegation led by {v.visitor.name}" for v in firsts]
            why = (f"the visiting {office} is {describe([v.visitor for v in firsts])} in "
                   f"different places ({'; '.join(hosts)}): one visit has one head.")
            sides = tuple(Side(v.start, v.visitor.end) for v in firsts)
            conflicts.append(Conflict(f"visiting {office}", sides, why))
        conflicts.sort(key=lambda c: c.sides[0].start)
        return conflicts


def build(options: Mapping[str, Any], env: CompileEnv) -> HostConflict | None:
    people = PeopleFinder(options, env)
    visit_link = compile_option(env, "visit_link", options["visit_link"], True)
    lead_link = compile_option(env, "lead_link", options["lead_link"], True)
    if not people.ok or visit_link is None or lead_link is None:
        return None
    return HostConflict(people, visit_link, lead_link)
