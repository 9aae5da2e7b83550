"""``reliability kb stats``: per country, which offices are known for which years, and from
which sources; and which of those years a source is complete for (``coverage``).

A line per (country, role): the years with at least one known holder, the sources that gave
them ("verified" for hand-verified entries), and the years covered (complete) per source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from engine.knowledge import KnowledgeBase
from engine.knowledge.entries import Coverage, Tenure
from engine.knowledge.sections.countries import COUNTRIES
from engine.knowledge.sections.coverage import COVERAGE
from engine.knowledge.sections.officeholders import OFFICEHOLDERS

TODAY_YEAR = 2026


def years_text(years: Iterable[int]) -> str:
    """{2000, 2001, 2002, 2005} -> "2000-2002, 2005"."""
    ordered = sorted(set(years))
    runs: list[str] = []
    for year in ordered:
        if runs and int(runs[-1].split("-")[-1]) == year - 1:
            runs[-1] = f"{runs[-1].split('-')[0]}-{year}"
        else:
            runs.append(str(year))
    return ", ".join(runs) or "none"


def _years(t: Tenure) -> range:
    first = t.start or t.end or t.last_seen
    last = t.end or t.last_seen
    start = first.earliest.year if first else TODAY_YEAR
    end = last.latest.year if last else TODAY_YEAR
    return range(max(start, 1900), min(end, TODAY_YEAR) + 1)


def covered_years(coverage: Sequence[Coverage], country: str, role_id: str) -> dict[str, set[int]]:
    """Source id -> the years (wholly or partly) it is complete for this office."""
    out: dict[str, set[int]] = {}
    for entry in coverage:
        if role_id in entry.role_ids and ("*" in entry.countries or country in entry.countries):
            out.setdefault(entry.source_id, set()).update(
                range(entry.start.earliest.year, entry.end.latest.year + 1))
    return out


def stats_lines(kb: KnowledgeBase, countries: Sequence[str] = ()) -> list[str]:
    wanted = {c.casefold() for c in countries}
    known: dict[tuple[str, str], dict[str, set[int]]] = {}
    for t in kb.of(OFFICEHOLDERS):
        if wanted and t.country.casefold() not in wanted:
            continue
        per_source = known.setdefault((t.country, t.role_id), {})
        per_source.setdefault(t.source_id or "verified", set()).update(_years(t))
    coverage = kb.of(COVERAGE)
    lines = []
    for (country, role_id), per_source in sorted(known.items()):
        years = set().union(*per_source.values())
        sources = ", ".join(f"{s} {years_text(y)}" for s, y in sorted(per_source.items()))
        cover = covered_years(coverage, country, role_id)
        complete = "; ".join(f"{s} {years_text(y)}" for s, y in sorted(cover.items()))
        lines.append(f"{country}\t{role_id}\tknown {years_text(years)}\tfrom {sources}\t"
                     f"complete: {complete or 'none'}")
    lines.append(f"{len({c for c, _ in known})} countries, {len(known)} offices")
    return lines


def countries_covered(kb: KnowledgeBase, role_ids: Iterable[str], start: dt.date,
                      end: dt.date, *, need: str = "all") -> set[str]:
    """Countries where, on every day of [start, end], some source is complete for one of
    ``role_ids`` (``need="any"``) or for each of them (``need="all"``)."""
    coverage = kb.of(COVERAGE)
    countries = {c.name for c in kb.of(COUNTRIES)}
    result = set()
    roles = list(role_ids)
    for country in countries:
        checks = [_spans_cover(coverage, country, [r], start, end) for r in roles]
        if (all(checks) if need == "all" else any(checks)):
            result.add(country)
    return result


def _spans_cover(coverage: Sequence[Coverage], country: str, role_ids: Sequence[str],
                 start: dt.date, end: dt.date) -> bool:
    spans = sorted((c.start.earliest, c.end.latest) for c in coverage
                   if any(r in c.role_ids for r in role_ids)
                   and ("*" in c.countries or country in c.countries))
    reach = start
    for low, high in spans:
        if low > reach:
            break
        reach = max(reach, high + dt.timedelta(days=1))
        if reach > end:
            return True
    return reach > end


def by_source(kb: KnowledgeBase) -> Mapping[str, int]:
    """Tenures per source id ("verified" for hand-verified entries)."""
    counts: dict[str, int] = {}
    for t in kb.of(OFFICEHOLDERS):
        counts[t.source_id or "verified"] = counts.get(t.source_id or "verified", 0) + 1
    return counts
