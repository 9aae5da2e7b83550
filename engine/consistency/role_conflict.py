"""Check ``role-conflict``: one office of one country held, as of now, by two different people.

Contract: reads "Title [Rank] Name" mentions with ``engine.consistency.people`` (titles, country
words and framing words come from the rule's options), keeps the current ones (not historical,
not deputies: deputy ministers are several at a time), and groups them by office: role key,
qualifier and country. A group whose names fall into two or more different people (spellings
of one person are merged, see ``people.same_person``) is one conflict, quoting the first
mention of each person. Offices the knowledge base calls multi-holder (``roles`` entries with
``single_holder: false``) are skipped when the rule's role key is a knowledge-base role id.

People the knowledge base knows are recognised by the same title reading, so an unknown person
("Chief of Staff Gen Abdul Karim Mahmoud") and a known one are compared alike; the knowledge
base only adds spellings (aliases) to the identity test.

Options: those of ``people.PEOPLE_OPTIONS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.consistency.base import Conflict, Side
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

NAME = "role-conflict"
OPTIONS: dict[str, Any] = dict(PEOPLE_OPTIONS)
REQUIRED = PEOPLE_REQUIRED


class RoleConflict:
    def __init__(self, people: PeopleFinder) -> None:
        self.people = people

    def find(self, ctx: ArticleContext) -> list[Conflict]:
        roles = ctx.knowledge.index("roles.by_id") or {}
        groups: dict[tuple[str, str, str | None], list[TitleMention]] = {}
        for mention in self.people.mentions(ctx):
            if mention.deputy or mention.historical:
                continue
            role = roles.get(mention.role)
            if role is not None and not role.single_holder:
                continue
            groups.setdefault((mention.role, mention.qualifier, mention.country),
                              []).append(mention)
        conflicts: list[Conflict] = []
        for (role, qualifier, country), mentions in groups.items():
            people = _distinct_people(ctx, mentions)
            if len(people) < 2:
                continue
            firsts = [group[0] for group in people]
            title = self.people.role_title(role)
            office = office_name(title, qualifier, country)
            stated = all(m.country_stated for m in firsts)
            where = "" if stated or country is None else (
                f" (the country of an unqualified title is taken as {country}, the country "
                "the article is mostly about)")
            why = (f"{describe(firsts)} are different people, yet each is named as the "
                   f"current {office}; the office has one holder at a time{where}.")
            conflicts.append(Conflict(office, tuple(Side(m.start, m.end) for m in firsts), why))
        conflicts.sort(key=lambda c: c.sides[0].start)
        return conflicts


def _distinct_people(ctx: ArticleContext,
                     mentions: list[TitleMention]) -> list[list[TitleMention]]:
    """Mentions grouped by person, in order of first mention."""
    people: list[list[TitleMention]] = []
    for mention in mentions:
        for group in people:
            if any(same_person(ctx, mention.name, other.name) for other in group):
                group.append(mention)
                break
        else:
            people.append([mention])
    return people


def build(options: Mapping[str, Any], env: CompileEnv) -> RoleConflict | None:
    people = PeopleFinder(options, env)
    return RoleConflict(people) if people.ok else None
