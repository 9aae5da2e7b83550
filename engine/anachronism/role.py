"""Check ``role``: a person presented as holding a role now while the knowledge says the
article's date lies outside every tenure of theirs in that role.

Out of office (date after ``end``), or a *prochronism* (date before ``start``: someone in a
role before they held it). Historical framing ("former", "then-", "under Assad", "in 2017", ...
see ``rules/knowledge/lexicon.yaml``) suppresses it, and an open-ended tenure never fires. A
verdict needs positive evidence inside the knowledge's coverage (``engine.temporal.evidence``).
A former holder named with a title kept as a courtesy ("the troubles of President Carter" in
1987) is not presented as current unless acting in the sentence, and never after the role's
``courtesy_years`` out of office. One finding per person, role and verdict; the statement
names the successor on that date when the knowledge says who held a single-holder post.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine.anachronism.base import (
    Anachronism,
    Facts,
    Reference,
    role_conflict,
    verified_tenures,
)
from engine.knowledge.entries import Tenure
from engine.mentions import Mention, find_mentions, may_hold, mention_index
from engine.mentions.names import name_key
from engine.options import read_options
from engine.rule import ArticleContext, CompileEnv
from engine.temporal.describe import cite, country_role, fuzzy, role_label
from engine.temporal.evidence import (
    Evidence,
    evidence_of,
    first_term_after,
    last_term_before,
)
from engine.temporal.history import recalled

NAME = "role"
OPTIONS: dict[str, Any] = {
    "history_years": {"type": "number", "minimum": 0, "default": 4,
                      "description": "a holder out of office this many years or more is "
                                     "recalled, not presented as current, when the article "
                                     "also names the sitting holder of the post"},
}
REQUIRED: tuple[str, ...] = ()


@dataclass(frozen=True)
class Options:
    history_years: float


class RoleCheck:
    def __init__(self, history_years: float = 4) -> None:
        self.history_years = history_years

    def find(self, ctx: ArticleContext) -> list[Anachronism]:
        """People presented as holding a role the knowledge says they did not hold then."""
        ref = Reference.of(ctx)
        grouped: dict[tuple[str, str, str], Anachronism] = {}
        for mention in find_mentions(ctx):
            if mention.kind != "person" or mention.role_id is None or not mention.current:
                continue
            tenures = verified_tenures(mention)
            if not tenures:
                continue
            where = role_conflict(tenures, ref)
            if where is None or not _evidenced(ctx, tenures, where, ref):
                continue
            if where == "after" and (_courtesy(ctx, mention, tenures, ref)
                                     or self._recalled(ctx, tenures, ref)):
                continue
            key = (mention.person_key, mention.role_id, where)
            if key in grouped:
                grouped[key].mentions.append(mention)
                continue
            grouped[key] = _role_anachronism(ctx, mention, tenures, where, ref)
        return list(grouped.values())


    def _recalled(self, ctx: ArticleContext, tenures: Sequence[Tenure],
                  ref: Reference) -> bool:
        """Long gone, and the article names the sitting holder (``engine.temporal.history``)."""
        day = ref.day or ref.earliest
        if day is None:
            return False
        return recalled(find_mentions(ctx), _latest(tenures, ref), day, self.history_years,
                        mention_index(ctx.knowledge).lexicon.normal_country)


def build(options: Mapping[str, Any], env: CompileEnv) -> RoleCheck:
    return RoleCheck(read_options(Options, OPTIONS, options).history_years)


def _evidence(ctx: ArticleContext) -> Evidence:
    return evidence_of(ctx.knowledge, mention_index(ctx.knowledge).lexicon.normal_country)


def _courtesy(ctx: ArticleContext, mention: Mention, tenures: Sequence[Tenure],
              ref: Reference) -> bool:
    """A former holder named with a title kept as a courtesy ("the troubles of President
    Carter" in 1987): not presented as current unless acting in the sentence, and never
    after the role's ``courtesy_years`` out of office."""
    role = _evidence(ctx).roles.get(mention.role_id or "")
    if role is None or role.courtesy_years is None:
        return False
    ends = [t.end.latest for t in tenures if t.end is not None]
    day = ref.day or ref.earliest
    if ends and day is not None and (day - max(ends)).days > 365.25 * role.courtesy_years:
        return True
    return not (mention.acting or mention.stressed)


def _latest(tenures: Sequence[Tenure], ref: Reference) -> Tenure:
    """The term an "after" verdict is about: the last one ended before the reference (a
    holder back in office later is judged on the term before the date)."""
    return last_term_before(tenures, ref.day or ref.earliest or dt.date.max)


def _earliest(tenures: Sequence[Tenure], ref: Reference) -> Tenure:
    return first_term_after(tenures, ref.day or ref.latest or dt.date.min)


def _evidenced(ctx: ArticleContext, tenures: Sequence[Tenure], where: str,
               ref: Reference) -> bool:
    """Positive evidence inside coverage for the verdict (``engine.temporal.evidence``):
    the end of the latest tenure (or a successor) before the reference, or the reference
    inside coverage (or a predecessor in office) before the earliest tenure."""
    evidence = _evidence(ctx)
    if where == "after":
        day = ref.day or ref.earliest
        return day is not None and evidence.out_of_office(_latest(tenures, ref), day, tenures)
    day = ref.day or ref.latest
    return day is not None and evidence.not_yet(_earliest(tenures, ref), day, tenures)


def _role_anachronism(ctx: ArticleContext, mention: Mention, tenures: Sequence[Tenure],
                      where: str, ref: Reference) -> Anachronism:
    tenure = _latest(tenures, ref) if where == "after" else _earliest(tenures, ref)
    short = tenure.name
    post = country_role(tenure)
    source = cite(tenure.sources, tenure.origin)
    successor = _holder(ctx, tenure, ref, exclude=mention.person_key)
    if where == "after":
        since = f" from {fuzzy(tenure.start)}" if tenure.start else ""
        statement = (f"{tenure.name} was {post}{since} until {fuzzy(tenure.end)} {source}; "
                     f"{ref.basis} presents {short} as current")
    else:
        statement = (f"{tenure.name} became {post} only on {fuzzy(tenure.start)} {source}; "
                     f"{ref.basis} already presents {short} in that post (someone in a role "
                     f"before they held it)")
    if successor:
        statement += f"; on that date the post was held by {successor}"
    deaths = [d for d in mention.deaths if d.verified != "false"]
    if deaths:
        statement += f"; {deaths[0].name} died on {deaths[0].date}"
    statement += "."
    return Anachronism(NAME, [mention], statement, Facts.cited(
        ref, name=tenure.name, sources=tenure.sources, origin=tenure.origin,
        start=tenure.start, end=tenure.end, quote=ctx.text[mention.start:mention.end],
        role=role_label(tenure), country=tenure.country, successor=successor or ""))


def _holder(ctx: ArticleContext, tenure: Tenure, ref: Reference, exclude: str) -> str | None:
    """Who held a single-holder post on the reference day, if the knowledge says so."""
    index = mention_index(ctx.knowledge)
    role = index.roles.get(tenure.role_id)
    if ref.day is None or role is None or not role.single_holder:
        return None
    country = index.lexicon.normal_country(tenure.country)
    names = []
    for other in index.holders.get((tenure.role_id, country), ()):
        person = index.persons.get(name_key(other.name))
        if person is not None and person.key == exclude:
            continue
        if (other.verified != "false" and other.start is not None
                and may_hold(other, ref.day) and other.name not in names):
            names.append(other.name)
    return names[0] if len(names) == 1 else None
