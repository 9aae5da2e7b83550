"""Several sources in one knowledge layer: who is the same holder, which source wins, and
the tenures that remain once the winners have spoken.

Every tenure keeps its ``source_id`` (empty for the hand-verified ``officeholders.yaml``).
When sources disagree about one person in one post (the Factbook still lists Syria's prime
minister after the post was abolished; the verified file ends his tenure), the verified entry
wins over any import, a source complete for named countries (one country's ministers) over a
world table, and a newer sighting over an older one. ``preferred`` drops the losing tenure of
the same person; two different people in one single-holder post are left to ``kb check``,
which reports them with the winner (``engine.knowledge.check``), because which of them is
wrong is for a human to decide.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace

from engine.knowledge.entries import Coverage, Tenure


def folded(name: str) -> str:
    """Case- and accent-blind form of a name: "João" and "Joao" compare equal."""
    text = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in text if ch.isalnum() or ch == " ").strip()


def same_holder(a: Tenure, b: Tenure) -> bool:
    """One person in two entries: same Wikidata item, or a shared name or alias (compared
    without accents), or the same first and last name ("Joao Manuel Goncalves Lourenco" and
    "João Lourenço")."""
    if a.qid and b.qid:
        return a.qid == b.qid
    names_a = {folded(n) for n in a.names}
    names_b = {folded(n) for n in b.names}
    if names_a & names_b:
        return True
    ends_a = {(n.split()[0], n.split()[-1]) for n in names_a if len(n.split()) > 1}
    ends_b = {(n.split()[0], n.split()[-1]) for n in names_b if len(n.split()) > 1}
    return bool(ends_a & ends_b)


def precedence(t: Tenure, specific: frozenset[str] = frozenset()) -> tuple[int, str]:
    """Which of two conflicting tenures wins: a hand-verified entry (no ``source_id``) over
    any import; then a more specific source (``specific``: complete for named countries)
    over world tables; then the newer one (the later ``last_seen`` or end)."""
    rank = 3 if not t.source_id else 2 if t.source_id in specific else 1
    seen = t.last_seen or t.end
    return (rank, seen.text if seen else "")


def specific_sources(coverage: Iterable[Coverage]) -> frozenset[str]:
    """Sources complete for named countries only (not ``"*"``, not nothing)."""
    return frozenset(c.source_id for c in coverage if c.countries and "*" not in c.countries)


def _overlap(a: Tenure, b: Tenure) -> bool:
    a_low = a.start.earliest if a.start else None
    b_low = b.start.earliest if b.start else None
    a_high = (a.end or a.last_seen)
    b_high = (b.end or b.last_seen)
    if a_low and b_high and b_high.latest < a_low:
        return False
    return not (b_low and a_high and a_high.latest < b_low)


def preferred(tenures: Sequence[Tenure], specific: frozenset[str] = frozenset()
              ) -> tuple[Tenure, ...]:
    """``tenures`` without those another source overrides: the same person in the same post
    and country over overlapping dates, from a source of lower precedence."""
    posts: dict[tuple[str, str], list[Tenure]] = {}
    for t in tenures:
        posts.setdefault((t.role_id, t.country), []).append(t)
    dropped: set[int] = set()
    # The winner keeps the loser's spellings as aliases: an article may write the name as
    # the losing source does ("Juan Orlando Hernández" in Wikidata, "Juan Orlando Hernandez
    # Alvarado" in the Factbook).
    spellings: dict[int, list[str]] = {}
    for group in posts.values():
        if len({t.source_id for t in group}) < 2:
            continue
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.source_id == b.source_id or not _overlap(a, b) or not same_holder(a, b):
                    continue
                a_wins = precedence(a, specific) >= precedence(b, specific)
                loser, winner = (b, a) if a_wins else (a, b)
                dropped.add(id(loser))
                spellings.setdefault(id(winner), []).extend(loser.names)
    return tuple(_with_aliases(t, spellings.get(id(t), ())) for t in tenures
                 if id(t) not in dropped)


def _with_aliases(tenure: Tenure, names: Sequence[str]) -> Tenure:
    # Exact strings: "do Rosário" and "Do Rosario" fold alike, but the reader matches the
    # capitals an alias writes.
    extra = [n for n in dict.fromkeys(names) if n not in tenure.names]
    if not extra:
        return tenure
    return replace(tenure, aliases=(*tenure.aliases, *extra))
