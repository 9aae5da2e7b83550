"""Check ``role-conflict``: one office of one country held, as of now, by two different people.

Contract: reads "Title [Rank] Name" mentions with ``engine.mentions.titled`` (titles, country
words and framing words come from the rule's options), keeps the current ones (not historical,
not deputies: deputy ministers are several at a time), and groups them by office: role key,
qualifier and country. A group whose names fall into two or more different people (spellings
of one person are merged, see ``titled.same_person``) is one conflict, quoting the first
mention of each person. Offices the knowledge base calls multi-holder (``roles`` entries with
``single_holder: false``) are skipped when the rule's role key is a knowledge-base role id.

People the knowledge base knows are also read by ``engine.mentions.find_mentions``
(its role mentions of the rule's role keys only): such a mention adds its person's country from
the knowledge base when the text names none ("Chief of Staff Gen Abdul Karim Mahmoud" is Syria's
chief of staff), marks the mention historical when the temporal reader frames it so, and adds
forms the title reading misses ("Ali Mahmoud Abbas, the defence minister"). Unknown people are
compared by the title reading alone; the knowledge base adds spellings (aliases) to the
identity test.

Options: those of ``titled.PEOPLE_OPTIONS``.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from engine.consistency.base import Conflict, Side
from engine.consistency.disagreement import disagreements
from engine.knowledge.sections.roles import ROLES_BY_ID
from engine.mentions import Mention, find_mentions
from engine.mentions.titled import (
    PEOPLE_OPTIONS,
    PEOPLE_REQUIRED,
    PeopleOptions,
    TitleMention,
    TitleReader,
    describe,
    office_name,
    same_person,
)
from engine.options import read_options
from engine.rule import ArticleContext, CompileEnv

NAME = "role-conflict"
OPTIONS: dict[str, Any] = dict(PEOPLE_OPTIONS)
REQUIRED = PEOPLE_REQUIRED
Options = PeopleOptions


class RoleConflict:
    def __init__(self, people: TitleReader) -> None:
        self.people = people

    def find(self, ctx: ArticleContext) -> list[Conflict]:
        roles = ctx.knowledge.indexed(ROLES_BY_ID) or {}
        current: list[TitleMention] = []
        for mention in self.mentions(ctx):
            if mention.deputy or mention.historical:
                continue
            known = roles.get(mention.role)
            if known is not None and not known.single_holder:
                continue
            current.append(mention)
        conflicts: list[Conflict] = []
        # One office (role, qualifier, country), its holders told apart by person: a mention
        # joins a person when it matches any spelling already seen for them.
        for office_holders in disagreements(
                current, lambda m: (m.role, m.qualifier, m.country),
                same=lambda a, b: a.name == b.name or same_person(ctx, a.name, b.name),
                match="any"):
            role, qualifier, country = office_holders.subject
            firsts = list(office_holders.firsts)
            title = self.people.role_title(role)
            office = office_name(title, qualifier, country)
            where = _country_note(firsts, country)
            why = (f"{describe(firsts)} are different people, yet each is named as the "
                   f"current {office}; the office has one holder at a time{where}.")
            conflicts.append(Conflict(office, tuple(Side(m.start, m.end) for m in firsts), why))
        conflicts.sort(key=lambda c: c.sides[0].start)
        return conflicts


    def mentions(self, ctx: ArticleContext) -> list[TitleMention]:
        """The title reading's mentions, completed by the knowledge base's role mentions."""
        known = [m for m in find_mentions(ctx) if m.kind == "person" and m.role_id
                 and m.title_start is not None and m.role_id in self.people.roles]
        out: list[TitleMention] = []
        used: set[int] = set()
        starts = [k.name_start for k in known]  # find_mentions lists them in text order
        for mention in self.people.mentions(ctx):
            i = bisect.bisect_left(starts, mention.end) - 1
            match = known[i] if i >= 0 and mention.name_start < known[i].name_end else None
            if match is None:
                out.append(mention)
                continue
            used.add(id(match))
            known_country = _kb_country(match)
            if mention.country_from != "text" and known_country is not None:
                mention = replace(mention, country=known_country, country_from="knowledge")
            out.append(replace(mention, historical=mention.historical or not match.current))
        for k in known:
            if id(k) in used:
                continue
            assert k.title_start is not None and k.role_id is not None
            out.append(TitleMention(
                start=k.start, end=k.end, title_start=k.title_start, name_start=k.name_start,
                role=k.role_id, title=ctx.text[k.title_start:k.title_end or k.title_start],
                deputy=False, country=k.country or _kb_country(k),
                country_from="text" if k.country else "knowledge", qualifier="", name=k.name,
                historical=not k.current or self.people.historical_at(ctx, k.start)))
        out.sort(key=lambda m: m.start)
        return out


_COUNTRY_NOTES = {
    "group": "named at the head of the group the title is listed in",
    "knowledge": "the country the knowledge base gives for that person in that office",
    "dominant": "the country the article is mostly about",
}


def _country_note(mentions: list[TitleMention], country: str | None) -> str:
    """Why a mention without a country word was taken as ``country``'s office."""
    notes = sorted({f'"{m.name}": {_COUNTRY_NOTES[m.country_from]}' for m in mentions
                    if m.country_from in _COUNTRY_NOTES})
    if not notes or country is None:
        return ""
    return f" (country {country} for {'; '.join(notes)})"


def _kb_country(mention: Mention) -> str | None:
    """The one country of the person's tenures in the mentioned role, if there is one."""
    countries = {t.country for t in mention.tenures}
    return next(iter(countries)) if len(countries) == 1 else None


def build(options: Mapping[str, Any], env: CompileEnv) -> RoleConflict | None:
    people = TitleReader(read_options(Options, OPTIONS, options), env)
    return RoleConflict(people) if people.ok else None
