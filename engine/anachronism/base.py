"""What every anachronism check shares: the article's reference date, the facts a finding
quotes, the ``Anachronism`` value a check returns, and the check contract.

A check reads the article's mentions (``engine.mentions.find_mentions``) against the
*reference* of the article's date (``Reference``) and returns ``Anachronism`` values: what was
seen, where, and a knowledge statement that cites its source URL and the knowledge entry's
``path:line``. The kind (``engine.kinds.anachronism``) turns each into one finding.

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

from engine.knowledge.entries import FuzzyDate, Tenure
from engine.mentions import Mention
from engine.model import Span
from engine.rule import ArticleContext, CheckModule, Finder
from engine.temporal.describe import fuzzy, short_origin
from engine.temporal.evidence import without_sightings

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
    """What an anachronism finding can quote (the kind's template fields besides
    ``statement``, ``count``, ``check`` and ``points``). Every check fills the ones that apply
    to it."""

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

    @classmethod
    def cited(cls, ref: Reference, *, name: str, sources: tuple[str, ...], origin: str,
              start: FuzzyDate | str | None, end: FuzzyDate | str | None, quote: str,
              role: str = "", country: str = "", successor: str = "") -> Facts:
        """The facts of one knowledge entry (its name, interval, first source and
        ``path:line``) seen against the article's reference."""
        return cls(name=name, role=role, country=country, start=fuzzy(start), end=fuzzy(end),
                   date=ref.label, basis=ref.basis.strip(","),
                   source=sources[0] if sources else "", origin=short_origin(origin),
                   successor=successor, quote=quote)

    def as_fields(self) -> dict[str, object]:
        return dict(vars(self))


@dataclass
class Anachronism:
    """One anachronism, grouped over its mentions: the kind renders it."""

    check: str
    mentions: list[Mention]
    statement: str
    facts: Facts = field(default_factory=Facts)
    offsets: list[tuple[int, int]] = field(default_factory=list)  # quoted besides mentions

    def spans(self, ctx: ArticleContext) -> list[Span]:
        where = [(m.start, m.end) for m in self.mentions] + self.offsets
        return [ctx.span(start, end) for start, end in sorted(set(where))[:MAX_SPANS]]


# A prepared check: one article in, its anachronisms out.
Check = Finder[Anachronism]


# The contract of one module in ``engine/anachronism/`` (see the package docstring).
AnachronismCheck = CheckModule[Check]


def role_conflict(tenures: Sequence[Tenure], ref: Reference) -> str | None:
    """"after" (out of office), "before" (prochronism) or None (fits some tenure)."""
    verdicts = [ref.excludes(t.start.earliest if t.start else None,
                             t.end.latest if t.end else None) for t in tenures]
    if any(v is None for v in verdicts):
        return None
    return "before" if all(v == "before" for v in verdicts) else "after"


def verified_tenures(mention: Mention) -> list[Tenure]:
    """The mention's tenures the knowledge does not mark ``verified: false``, without open
    sightings inside an ended term of the same person (``without_sightings``)."""
    return list(without_sightings([t for t in mention.tenures if t.verified != "false"]))
