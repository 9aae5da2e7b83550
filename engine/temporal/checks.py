"""The temporal checks behind kind ``anachronism``: role, institution, death, stale.

Each check reads the article's mentions (``engine.mentions.find_mentions``) against
the *reference* of the article's date (``Reference``) and returns ``Problem`` values: what was
seen, where, and a knowledge statement that cites its source URL and the knowledge entry's
``path:line``. The kind turns them into findings.

The reference:

- a publication date (metadata or dateline), or a day pinned by inference: that day;
- an undated article whose content gives an inferred *window*: a mention conflicts only when
  it cannot fit anywhere in the window (the window was built from the mentions, so the ones
  that fit it are what dates the article; the ``stale`` check reports the window's age);
- an undated article without a window: the run's as-of date.

Knowledge dates are read conservatively (``FuzzyDate``): out of office only after
``end.latest``, not yet in office only before ``start.earliest``. An open end (still in office
when ``last_seen``) is never an anachronism. Entries marked ``verified: false`` are not used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from engine.knowledge.entries import Death, Institution, Tenure
from engine.mentions import Mention, find_mentions, may_hold, mention_index
from engine.mentions.names import name_key
from engine.model import Span
from engine.rule import ArticleContext
from engine.temporal.describe import cite, country_role, fuzzy, role_label, short_origin
from engine.temporal.evidence import (
    evidence_of,
    first_term_after,
    last_term_before,
    without_sightings,
)
from engine.temporal.inference import Inference, infer

INFERENCE_MEMO = "temporal.inference"
MAX_SPANS = 5


@dataclass(frozen=True)
class Reference:
    """What "now" is for the article: one day, or an inferred window (``day`` None)."""

    day: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    basis: str  # "the article, dated 2026-02-04," ...

    @classmethod
    def of(cls, ctx: ArticleContext) -> Reference:
        info = ctx.date
        if info.date is not None:
            how = " by inference from its content" if info.source == "inferred" else ""
            return cls(info.date, None, None, f"the article, dated {info.date}{how},")
        window = info.window
        if info.source == "inferred" and window is not None and (window.earliest or
                                                                window.latest):
            span = f"between {window.earliest or 'an open start'} and {window.latest}"
            return cls(None, window.earliest, window.latest,
                       f"the article, undated but placed by its content {span},")
        return cls(ctx.as_of, None, None,
                   f"the article, undated and so read as of the run's --as-of date "
                   f"{ctx.as_of},")

    @property
    def label(self) -> str:
        if self.day is not None:
            return str(self.day)
        return f"{self.earliest or '…'}..{self.latest or '…'}"

    def excludes(self, start: dt.date | None, end: dt.date | None) -> str | None:
        """"after"/"before" when an interval certainly misses the reference, else None.

        ``start`` is the earliest possible start, ``end`` the latest possible end.
        """
        if self.day is not None:
            if end is not None and self.day > end:
                return "after"
            if start is not None and self.day < start:
                return "before"
            return None
        if end is not None and self.earliest is not None and end < self.earliest:
            return "after"
        if start is not None and self.latest is not None and start > self.latest:
            return "before"
        return None


@dataclass(frozen=True)
class Facts:
    """What a temporal finding can quote (the kind's template fields besides ``statement``,
    ``count``, ``check`` and ``points``). Every check fills the ones that apply to it."""

    name: str = ""
    role: str = ""
    country: str = ""
    start: str = ""
    end: str = ""
    date: str = ""  # the reference date or window
    basis: str = ""  # how the article's date was obtained
    source: str = ""  # first source URL
    origin: str = ""  # knowledge path:line
    successor: str = ""
    quote: str = ""  # the first mention as written
    days: int | str = ""  # stale: age in days

    def as_fields(self) -> dict[str, object]:
        return dict(vars(self))


@dataclass
class Problem:
    """One anachronism, grouped over its mentions: the kind renders it."""

    check: str
    mentions: list[Mention]
    statement: str
    facts: Facts = field(default_factory=Facts)
    offsets: list[tuple[int, int]] = field(default_factory=list)  # quoted besides mentions

    def spans(self, ctx: ArticleContext) -> list[Span]:
        where = [(m.start, m.end) for m in self.mentions] + self.offsets
        return [ctx.span(start, end) for start, end in sorted(set(where))[:MAX_SPANS]]


# --------------------------------------------------------------------------- role


def role_problems(ctx: ArticleContext) -> list[Problem]:
    """People presented as holding a role the knowledge says they did not hold then."""
    ref = Reference.of(ctx)
    grouped: dict[tuple[str, str, str], Problem] = {}
    for mention in find_mentions(ctx):
        if mention.kind != "person" or mention.role_id is None or not mention.current:
            continue
        tenures = without_sightings([t for t in mention.tenures if t.verified != "false"])
        if not tenures:
            continue
        where = _role_conflict(tenures, ref)
        if where is None or not _evidenced(ctx, tenures, where, ref):
            continue
        if where == "after" and _courtesy(ctx, mention, tenures, ref):
            continue
        key = (mention.person_key, mention.role_id, where)
        if key in grouped:
            grouped[key].mentions.append(mention)
            continue
        grouped[key] = _role_problem(ctx, mention, tenures, where, ref)
    return list(grouped.values())


def _courtesy(ctx: ArticleContext, mention: Mention, tenures: Sequence[Tenure],
              ref: Reference) -> bool:
    """A former holder named with a title kept as a courtesy ("the troubles of President
    Carter" in 1987): not presented as current unless acting in the sentence, and never
    after the role's ``courtesy_years`` out of office."""
    role = evidence_of(ctx.knowledge, mention_index(ctx.knowledge).lexicon.normal_country) \
        .roles.get(mention.role_id or "")
    if role is None or role.courtesy_years is None:
        return False
    ends = [t.end.latest for t in tenures if t.end is not None]
    day = ref.day or ref.earliest
    if ends and day is not None and (day - max(ends)).days > 365.25 * role.courtesy_years:
        return True
    return not (mention.acting or mention.stressed)


def _role_conflict(tenures: Sequence[Tenure], ref: Reference) -> str | None:
    """"after" (out of office), "before" (prochronism) or None (fits some tenure)."""
    verdicts = [ref.excludes(t.start.earliest if t.start else None,
                             t.end.latest if t.end else None) for t in tenures]
    if any(v is None for v in verdicts):
        return None
    return "before" if all(v == "before" for v in verdicts) else "after"


def _evidenced(ctx: ArticleContext, tenures: Sequence[Tenure], where: str,
               ref: Reference) -> bool:
    """Positive evidence inside coverage for the verdict (``engine.temporal.evidence``):
    the end of the latest tenure (or a successor) before the reference, or the reference
    inside coverage (or a predecessor in office) before the earliest tenure."""
    evidence = evidence_of(ctx.knowledge, mention_index(ctx.knowledge).lexicon.normal_country)
    if where == "after":
        day = ref.day or ref.earliest
        return day is not None and evidence.out_of_office(last_term_before(tenures, day),
                                                          day, tenures)
    day = ref.day or ref.latest
    return day is not None and evidence.not_yet(first_term_after(tenures, day), day, tenures)


def _role_problem(ctx: ArticleContext, mention: Mention, tenures: Sequence[Tenure],
                  where: str, ref: Reference) -> Problem:
    if where == "after":
        tenure = last_term_before(tenures, ref.day or ref.earliest or dt.date.max)
    else:
        tenure = first_term_after(tenures, ref.day or ref.latest or dt.date.min)
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
    return Problem("role", [mention], statement, Facts(
        name=tenure.name, role=role_label(tenure), country=tenure.country,
        start=fuzzy(tenure.start), end=fuzzy(tenure.end), date=ref.label,
        basis=ref.basis.strip(","), source=tenure.sources[0] if tenure.sources else "",
        origin=short_origin(tenure.origin), successor=successor or "",
        quote=ctx.text[mention.start:mention.end]))


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


# --------------------------------------------------------------------------- institution


def institution_problems(ctx: ArticleContext, framing: str = "current") -> list[Problem]:
    """Bodies presented as acting when the knowledge says they no longer (or not yet)
    existed. ``framing`` "residual" reports "remnants of X" instead, a softer signal."""
    ref = Reference.of(ctx)
    grouped: dict[str, Problem] = {}
    for mention in find_mentions(ctx):
        body = mention.institution
        if (body is None or mention.framing != framing or not mention.acting
                or mention.country is None or body.verified == "false"):
            continue
        where = ref.excludes(body.start.earliest if body.start else None,
                             body.end.latest if body.end else None)
        if where is None:
            continue
        if body.name in grouped:
            grouped[body.name].mentions.append(mention)
            continue
        grouped[body.name] = _body_problem(ctx, mention, body, where, ref, framing)
    return list(grouped.values())


def _body_problem(ctx: ArticleContext, mention: Mention, body: Institution, where: str,
                  ref: Reference, framing: str) -> Problem:
    source = cite(body.sources, body.origin)
    quote = ctx.text[mention.start:mention.end]
    if where == "after":
        what = "remnants of it" if framing == "residual" else "it"
        statement = (f"{body.name} ceased to exist by {fuzzy(body.end)} {source}; {ref.basis} "
                     f"presents {what} as active (\"{quote}\").")
    else:
        statement = (f"{body.name} was formed only in {fuzzy(body.start)} {source}; "
                     f"{ref.basis} already presents it as active (\"{quote}\").")
    return Problem("institution", [mention], statement, Facts(
        name=body.name, country=body.country, start=fuzzy(body.start),
        end=fuzzy(body.end), date=ref.label, basis=ref.basis.strip(","),
        source=body.sources[0] if body.sources else "", origin=short_origin(body.origin),
        quote=quote))


# --------------------------------------------------------------------------- death


def death_problems(ctx: ArticleContext) -> list[Problem]:
    """Dead people presented as speaking, meeting or acting now.

    A role mention the ``role`` check already reports (a dead officeholder titled as current)
    is skipped here, so one sentence is not penalised twice.
    """
    ref = Reference.of(ctx)
    grouped: dict[str, Problem] = {}
    for mention in find_mentions(ctx):
        if (mention.kind != "person" or not mention.deaths or not mention.current
                or not mention.acting):
            continue
        usable = [t for t in mention.tenures if t.verified != "false"]
        if mention.role_id is not None and usable and _role_conflict(usable, ref) is not None:
            continue  # the role check reports this mention, and names the death
        death = _earliest_certain(mention.deaths)
        if death is None or ref.excludes(None, death.date.latest) != "after":
            continue
        if death.name in grouped:
            grouped[death.name].mentions.append(mention)
            continue
        quote = ctx.text[mention.start:mention.end]
        statement = (f"{death.name} died on {death.date} {cite(death.sources, death.origin)}; "
                     f"{ref.basis} presents {death.name} as alive and active (\"{quote}\").")
        grouped[death.name] = Problem("death", [mention], statement, Facts(
            name=death.name, end=str(death.date), date=ref.label, basis=ref.basis.strip(","),
            source=death.sources[0] if death.sources else "",
            origin=short_origin(death.origin),
            quote=quote))
    return list(grouped.values())


def _earliest_certain(deaths: Sequence[Death]) -> Death | None:
    usable = [d for d in deaths if d.verified != "false"]
    return min(usable, key=lambda d: d.date.latest) if usable else None


# --------------------------------------------------------------------------- stale


def inference_of(ctx: ArticleContext) -> Inference | None:
    """The date inference for this article (memoised), to quote its evidence."""
    if INFERENCE_MEMO not in ctx.memo:
        ctx.memo[INFERENCE_MEMO] = infer(ctx.text, ctx.knowledge, ctx.as_of)
    result: Inference | None = ctx.memo[INFERENCE_MEMO]
    return result


def stale_problems(ctx: ArticleContext, after_days: int) -> list[Problem]:
    """An undated article whose content dates it more than ``after_days`` before --as-of:
    stale or recycled content presented as news."""
    info = ctx.date
    window = info.window
    if info.source != "inferred" or window is None or window.latest is None:
        return []
    age = (ctx.as_of - window.latest).days
    if age <= after_days:
        return []
    inference = inference_of(ctx)
    kept = list(inference.kept) if inference is not None else []
    if inference is not None and inference.weekday is not None:
        kept.append(inference.weekday)
    spans = [(s, e) for item in kept for s, e in item.spans]
    place = (f"between {window.earliest} and {window.latest}" if window.earliest
             else f"on or before {window.latest}")
    if info.date is not None:
        place = f"on {info.date}"
    evidence = "; ".join(window.evidence[:4])
    statement = (f"The article is undated; its content places it {place}, {age} days before "
                 f"the run's as-of date {ctx.as_of}: stale or recycled content presented as "
                 f"news. Evidence: {evidence}")
    return [Problem("stale", [], statement, Facts(
        start=str(window.earliest or ""),
        end=str(window.latest), date=str(ctx.as_of), basis="inferred window",
        days=age), spans)]
