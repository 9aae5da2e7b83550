"""Check ``host-conflict``: one visiting office said to be two different people.

An article about a visit names who came: "X hosted Russian Deputy Defence Minister A",
"Y received Russian Deputy Defence Minister B", "a Russian delegation led by Deputy Defence
Minister A". When the same visiting office (role key, deputy or not, qualifier, country) is
filled by two different people in such visit clauses, the article tells two stories of one
visit. Deputies count here, unlike in ``role-conflict``: a ministry has several deputies, but a
delegation has one head, and each of these clauses names the visit's head.

Contract: a *visit clause* is a title mention (``engine.mentions.titled``) right after text
matching ``visit_link`` (RE2, case-blind, matched at the end of the sentence text before the
visitor): "hosted", "received", "met with a Russian delegation led by", "delegation led by".
Its host is the title mention ending right before the link, if any ("Syrian Defence Minister
Ali Mahmoud Abbas hosted ..."); the quote starts there, else at the start of the sentence (at
most ``_LEAD`` characters back). The visitor's country is the country word before its title,
else the last country word in the linking text ("a Russian delegation led by ..."); a visitor
with no country is compared only with visitors with none. Historical clauses ("former", a
succession sentence, an earlier year) are skipped. One conflict per visiting office, quoting
the first clause of each visitor.

Options: those of ``titled.PEOPLE_OPTIONS``, plus ``visit_link``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.consistency.base import Conflict, Side, compile_patterns, sentence_of
from engine.consistency.disagreement import disagreements
from engine.mentions.titled import (
    PEOPLE_OPTIONS,
    PEOPLE_REQUIRED,
    PeopleOptions,
    TitleMention,
    TitleReader,
    office_name,
    same_person,
)
from engine.options import read_options
from engine.regex import Pattern
from engine.rule import ArticleContext, CompileEnv

NAME = "host-conflict"
OPTIONS: dict[str, Any] = {
    **PEOPLE_OPTIONS,
    "visit_link": {"type": "string", "description": "text right before a visitor (RE2, $)"},
}
REQUIRED = (*PEOPLE_REQUIRED, "visit_link")
_LEAD = 120  # characters of context quoted before a link when no host title is named


@dataclass(frozen=True, kw_only=True)
class Options(PeopleOptions):
    visit_link: str


@dataclass(frozen=True)
class Visit:
    """A visit clause: who came (``visitor``), who hosted (None for "delegation led by X")."""

    visitor: TitleMention
    host: TitleMention | None
    country: str | None
    start: int


class HostConflict:
    def __init__(self, people: TitleReader, visit_link: Pattern) -> None:
        self.people = people
        self.visit_link = visit_link

    def visits(self, ctx: ArticleContext) -> list[Visit]:
        mentions = self.people.mentions(ctx)
        out: list[Visit] = []
        for i, visitor in enumerate(mentions):
            if visitor.historical:
                continue
            lo = sentence_of(ctx, visitor.start)[0]
            before = ctx.text[lo:visitor.start]
            link = self.visit_link.search(before)
            if link is None or link.end() != len(before):
                continue
            link_start = lo + link.start()
            host = None
            for j in range(i - 1, -1, -1):  # back to the sentence start, no further
                if mentions[j].start < lo:
                    break
                if not ctx.text[mentions[j].end:link_start].strip():
                    host = mentions[j]
                    break
            if host is not None and host.historical:
                continue
            country = (visitor.country if visitor.country_from == "text"
                       else self.people.country_in(link.group(0)))
            start = host.start if host is not None else max(lo, link_start - _LEAD)
            out.append(Visit(visitor, host, country, start))
        return out

    def find(self, ctx: ArticleContext) -> list[Conflict]:
        conflicts: list[Conflict] = []
        for visitors in disagreements(
                self.visits(ctx),
                lambda v: (v.visitor.role, v.visitor.deputy, v.visitor.qualifier, v.country),
                same=lambda a, b: same_person(ctx, a.visitor.name, b.visitor.name)):
            role, deputy, qualifier, country = visitors.subject
            firsts = list(visitors.firsts)
            title = ("Deputy " if deputy else "") + self.people.role_title(role)
            office = office_name(title, qualifier, country)
            heads = [f"{v.visitor.name} (hosted by {v.host.name})" if v.host else
                     v.visitor.name for v in firsts]
            why = (f"the article names {len(firsts)} different people as the visiting {office}: "
                   f"{'; '.join(heads)}. One visit has one head, so one account is wrong.")
            sides = tuple(Side(v.start, v.visitor.end) for v in firsts)
            conflicts.append(Conflict(f"visiting {office}", sides, why))
        conflicts.sort(key=lambda c: c.sides[0].start)
        return conflicts


def build(raw: Mapping[str, Any], env: CompileEnv) -> HostConflict | None:
    options = read_options(Options, OPTIONS, raw)
    people = TitleReader(options, env)
    patterns = compile_patterns(env, options, "visit_link")
    if not people.ok or patterns is None:
        return None
    (visit_link,) = patterns
    return HostConflict(people, visit_link)
