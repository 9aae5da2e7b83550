"""Is a former holder named as history? The sitting holder of the same post is named too.

"Prime Minister Tony Blair took Britain into Iraq; Prime Minister Keir Starmer said on
Tuesday ..." names both with the title. When the article also names the person who held the
post on its date, a holder long gone (``years`` out of office, 4 by default: a full term) is
being recalled, not presented as current, and is no anachronism. A recently replaced holder
still is: an article that names both the new and the month-old former prime minister as
"Prime Minister" is confused, not historical.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from engine.knowledge.entries import Tenure
from engine.knowledge.merge import same_holder
from engine.mentions import Mention, may_hold

YEAR_DAYS = 365.25


def long_gone(term: Tenure, day: dt.date, years: float) -> bool:
    """``term`` ended at least ``years`` before ``day``."""
    return term.end is not None and (day - term.end.latest).days >= YEAR_DAYS * years


def names_sitting_holder(mentions: Iterable[Mention], term: Tenure, day: dt.date,
                         normal_country: Callable[[str], str]) -> bool:
    """Does some person mention name someone else who may hold ``term``'s post on ``day``?"""
    country = normal_country(term.country)
    for mention in mentions:
        if mention.kind != "person":
            continue
        for other in mention.tenures:
            if (other.role_id == term.role_id and other.verified != "false"
                    and normal_country(other.country) == country
                    and other.start is not None and may_hold(other, day)
                    and not same_holder(other, term)):
                return True
    return False


def recalled(mentions: Iterable[Mention], term: Tenure, day: dt.date | None, years: float,
             normal_country: Callable[[str], str]) -> bool:
    """A former holder gone ``years`` or more, in an article naming the sitting holder."""
    return (day is not None and long_gone(term, day, years)
            and names_sitting_holder(mentions, term, day, normal_country))
