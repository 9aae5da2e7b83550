"""Cross-entry checks of a loaded knowledge base, run by ``reliability kb check``.

Loading checks each entry on its own (schema, calendar dates, end not before start). What one
entry cannot know is checked here, over the whole knowledge base:

Errors (``kb check`` exits 2) are contradictions that would make a rule answer wrongly:

- a role id defined twice;
- a tenure whose ``role_id`` is not a role;
- a tenure ending before it starts, or seen in office after its end (also rejected at load
  time; repeated here for knowledge bases built in code);
- two people holding a single-holder role in the same country at the same time for more than
  ``OVERLAP_GRACE_DAYS`` days, counting only the certain part of each tenure (see
  ``_certain``): one of the dates is wrong, or the role is not single-holder;
- a tenure going on (or starting) after its holder's death.

Warnings are doubtful but can be real, and are for a human to look at:

- a single-holder overlap of at most ``OVERLAP_GRACE_DAYS`` days: successors are often named
  or sworn in a few days before the predecessor formally leaves, and sources date either;
- an open tenure (no ``end``) whose role a later person took after it was last seen: the
  earlier tenure has most likely ended and needs its ``end``;
- one person entered twice for one role with overlapping dates (merge the entries);
- an entry with neither start nor end (it cannot date anything);
- one name or alias given to two different officeholders (a rule cannot tell them apart);
- a title listed twice in one role, or a phrase listed by two events.

Every issue is located at an entry's origin (``path:line``); an issue about two entries is
placed at one and names the other's origin in its message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from engine.errors import Diagnostic, Location, Severity
from engine.knowledge import KnowledgeBase
from engine.knowledge.entries import Death, Event, FuzzyDate, Institution, RoleDef, Tenure
from engine.knowledge.merge import precedence, same_holder, specific_sources
from engine.knowledge.sections.coverage import COVERAGE
from engine.knowledge.sections.deaths import DEATHS
from engine.knowledge.sections.events import EVENTS
from engine.knowledge.sections.institutions import INSTITUTIONS
from engine.knowledge.sections.officeholders import OFFICEHOLDERS
from engine.knowledge.sections.roles import ROLES

OVERLAP_GRACE_DAYS = 30


def _issue(severity: Severity, origin: str, message: str, hint: str = "") -> Diagnostic:
    """A cross-entry diagnostic, located at an entry's ``path:line`` origin."""
    return Diagnostic(Location.parse(origin), message, hint, severity, code="knowledge-check")


def check_knowledge(kb: KnowledgeBase) -> list[Diagnostic]:
    """Every cross-entry issue of ``kb``, errors and warnings, sorted by file and line."""
    issues: list[Diagnostic] = []
    roles = _check_roles(kb.of(ROLES), issues)
    tenures = kb.of(OFFICEHOLDERS)
    _check_tenures(tenures, roles, issues)
    # Sources complete for named countries only are more specific than world tables.
    specific = specific_sources(kb.of(COVERAGE))
    _check_overlaps(tenures, roles, issues, specific)
    _check_shared_names(tenures, issues)
    _check_deaths(kb.of(DEATHS), tenures, issues)
    _check_institutions(kb.of(INSTITUTIONS), issues)
    _check_events(kb.of(EVENTS), issues)
    return sorted(issues)


def _origin(entry: object) -> str:
    # RoleDef has no origin field; the roles section's subclass adds one.
    return str(getattr(entry, "origin", "") or "<knowledge>:0")


def _span(start: FuzzyDate | None, end: FuzzyDate | None) -> str:
    return f"{start or '?'} to {end or 'open'}"


def _check_roles(roles: Sequence[RoleDef], issues: list[Diagnostic]) -> dict[str, RoleDef]:
    by_id: dict[str, RoleDef] = {}
    for role in roles:
        first = by_id.get(role.id)
        if first is not None:
            issues.append(_issue("error", _origin(role), f"role id {role.id!r} is defined twice "
                                f"(first at {_origin(first)})", "rename or delete one of them"))
            continue
        by_id[role.id] = role
        seen: set[str] = set()
        for title in role.titles:
            if title.casefold() in seen:
                issues.append(_issue("warning", _origin(role), f"role {role.id!r} lists the title "
                                    f"{title!r} twice", "titles match case-blind: keep one"))
            seen.add(title.casefold())
    return by_id


def _check_tenures(tenures: Sequence[Tenure], roles: dict[str, RoleDef],
                   issues: list[Diagnostic]) -> None:
    for t in tenures:
        if t.role_id not in roles:
            issues.append(_issue("error", t.origin, f"{t.name}: unknown role_id {t.role_id!r}",
                                "add the role to a roles file, or use an existing id"))
        if t.start and t.end and t.end.latest < t.start.earliest:
            issues.append(_issue("error", t.origin, f"{t.name}: end {t.end} is before start "
                                f"{t.start}", "fix the typo, or swap start and end"))
        if t.end and t.last_seen and t.last_seen.earliest > t.end.latest:
            issues.append(_issue("error", t.origin, f"{t.name}: last seen in office "
                                f"{t.last_seen}, after the end {t.end}", "fix one of the dates"))
        if t.start is None and t.end is None:
            issues.append(_issue("warning", t.origin, f"{t.name} ({t.role_id}, {t.country}) has "
                                "neither start nor end", "add a date, or the entry dates nothing"))


def _certain(t: Tenure) -> tuple[dt.date, dt.date]:
    """The days ``t`` was certainly in office, as a half-open ``[low, high)``.

    From the latest day the start can mean; to the earliest day the end can mean, or for an
    open tenure the day it was last seen, or forever when it was never dated as seen (an open
    end is a claim of still being in office). An unknown start makes the interval empty: only
    the end is known, so no day of office is certain.
    """
    if t.end is not None:
        high = t.end.earliest
    elif t.last_seen is not None:
        high = t.last_seen.earliest
    else:
        high = dt.date.max
    low = t.start.latest if t.start is not None else high
    return low, high


def _check_overlaps(tenures: Sequence[Tenure], roles: dict[str, RoleDef],
                    issues: list[Diagnostic], specific: frozenset[str] = frozenset()) -> None:
    groups: dict[tuple[str, str], list[Tenure]] = {}
    for t in tenures:
        groups.setdefault((t.role_id, t.country.casefold()), []).append(t)
    for (role_id, _), group in groups.items():
        role = roles.get(role_id)
        single = role is not None and role.single_holder
        group.sort(key=lambda t: (_certain(t)[0], t.origin))
        for i, a in enumerate(group):
            a_low, a_high = _certain(a)
            for b in group[i + 1:]:
                b_low, b_high = _certain(b)
                same_person = same_holder(a, b)
                if a_low < b_high and b_low < a_high:
                    if a.source_id != b.source_id:
                        # Two sources about one post: corroboration when they name one
                        # person, a conflict for the report when they do not.
                        if not same_person and single:
                            issues.append(source_conflict(a, b, role_id, specific))
                        continue
                    high = min(a_high, b_high)
                    # Both open and never dated as seen: they overlap "forever".
                    days = None if high == dt.date.max else (high - max(a_low, b_low)).days
                    if same_person:
                        issues.append(_issue(
                            "warning", b.origin, f"{b.name} holds {role_id} ({b.country}) in "
                            f"two overlapping entries: {_span(b.start, b.end)} and "
                            f"{_span(a.start, a.end)} at {a.origin}", "merge the two entries"))
                    elif single:
                        _overlap(a, b, role_id, days, issues)
                elif single and not same_person and a.end is None and b.start is not None \
                        and a.start is not None and b.start.earliest > a.start.latest:
                    issues.append(_issue(
                        "warning", a.origin, f"{a.name}'s {role_id} tenure ({a.country}) is open"
                        f" (last seen {a.last_seen}), but {b.name} holds the role from "
                        f"{b.start} ({b.origin})", f"set {a.name}'s end date"))


def source_conflict(a: Tenure, b: Tenure, role_id: str,
                    specific: frozenset[str] = frozenset()) -> Diagnostic:
    """Two sources put two different people in one single-holder post at once."""
    winner, loser = (a, b) if precedence(a, specific) >= precedence(b, specific) else (b, a)
    return _issue("warning", loser.origin,
                  f"conflict between sources: {loser.name} ({loser.source_id or 'verified'}, "
                  f"{_span(loser.start, loser.end)}) and {winner.name} "
                  f"({winner.source_id or 'verified'}, {_span(winner.start, winner.end)}, at "
                  f"{winner.origin}) both hold {role_id} ({loser.country})",
                  f"{winner.source_id or 'the verified entry'} takes precedence; fix the "
                  "other source's dates or names if it is wrong")


def _overlap(a: Tenure, b: Tenure, role_id: str, days: int | None,
             issues: list[Diagnostic]) -> None:
    length = "both still open" if days is None else f"by {days} day(s)"
    # An imported table's own clash is the source's fault, reported for a human but not an
    # error of the project's knowledge: only hand-written entries fail `kb check`.
    imported = bool(a.source_id and b.source_id)
    severity: Severity = "warning" if imported or (days is not None
                                                   and days <= OVERLAP_GRACE_DAYS) else "error"
    hint = ("a successor named before the predecessor left? check both dates"
            if severity == "warning" else
            "one of the dates is wrong, or the role is not single_holder")
    issues.append(_issue(
        severity, b.origin, f"single-holder role {role_id} ({b.country}): {b.name} "
        f"({_span(b.start, b.end)}) overlaps {a.name} ({_span(a.start, a.end)}, at {a.origin}), "
        f"{length}", hint))


def _check_shared_names(tenures: Sequence[Tenure], issues: list[Diagnostic]) -> None:
    people: dict[str, dict[str, Tenure]] = {}
    for t in tenures:
        for name in t.names:
            people.setdefault(name.casefold(), {}).setdefault(t.name.casefold(), t)
    for name, holders in sorted(people.items()):
        if len(holders) > 1:
            first = next(iter(holders.values()))
            issues.append(_issue(
                "warning", first.origin, f"the name {name!r} belongs to {len(holders)} different "
                f"officeholders: {', '.join(f'{t.name} ({t.origin})' for t in holders.values())}",
                "if they are one person, use one primary name; else drop the shared alias"))


def _same_person(death: Death, t: Tenure) -> bool:
    # Primary names only on one side: aliases such as nicknames ("Abu Hamza") are shared by
    # many people, and an alias-to-alias match would tie a death to the wrong person.
    d_names = {n.casefold() for n in (death.name, *death.aliases)}
    return t.name.casefold() in d_names or death.name.casefold() in {
        n.casefold() for n in t.names}


def _check_deaths(deaths: Sequence[Death], tenures: Sequence[Tenure],
                  issues: list[Diagnostic]) -> None:
    for death in deaths:
        for t in tenures:
            if not _same_person(death, t):
                continue
            where = f"{death.name} died {death.date} ({death.origin})"
            # An imported source that lags a death is reported, not an error of ours.
            severity: Severity = "warning" if t.source_id else "error"
            if t.start is not None and t.start.earliest > death.date.latest:
                issues.append(_issue(severity, t.origin, f"{t.name}'s {t.role_id} tenure starts "
                                    f"{t.start}, after {where}", "fix the start or the death"))
            elif t.end is None:
                issues.append(_issue(severity, t.origin, f"{t.name}'s {t.role_id} tenure is "
                                    f"open, but {where}", f"set end: \"{death.date}\""))
            elif t.end.earliest > death.date.latest:
                issues.append(_issue(severity, t.origin, f"{t.name}'s {t.role_id} tenure ends "
                                    f"{t.end}, after {where}", "fix the end or the death date"))


def _check_institutions(institutions: Sequence[Institution], issues: list[Diagnostic]) -> None:
    for inst in institutions:
        if inst.start and inst.end and inst.end.latest < inst.start.earliest:
            issues.append(_issue("error", inst.origin, f"{inst.name}: end {inst.end} is before "
                                f"start {inst.start}", "fix the typo, or swap start and end"))
        if inst.start is None and inst.end is None:
            issues.append(_issue("warning", inst.origin, f"{inst.name} has neither start nor end",
                                "add a date, or the entry dates nothing"))


def _check_events(events: Sequence[Event], issues: list[Diagnostic]) -> None:
    owner: dict[str, Event] = {}
    for event in events:
        for phrase in event.phrases:
            first = owner.setdefault(phrase.casefold(), event)
            if first is not event:
                issues.append(_issue("warning", event.origin, f"phrase {phrase!r} of "
                                    f"{event.name!r} also dates {first.name!r} ({first.origin})",
                                    "an article's phrase must name one event: drop one"))
