"""Check ``known-confusion``: the article equates two things the knowledge base says differ.

Knowledge: the ``confusions`` section (``engine.knowledge.sections.confusions``), e.g. the
S-200 (Vega, SA-5) and the Buk (9K37, SA-11). The article equates them when one name directly
follows the other, with only quotes, brackets, blanks or an "also known as" between them
(``apposition``, matched in full against the text between the two names): "S-200 'Buk'",
"S-200 Buk", "Buk (S-200)". A list ("S-200, Buk and Pantsir") or an alternative ("S-200 or
Buk") is not an equation.

Sides: the two names as written, at their first conflation (one finding per entry). The
message gives the entry's ``why`` and its first source.
Options: ``apposition`` (RE2, case-blind).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.consistency.base import Conflict, Side, compile_patterns
from engine.knowledge.sections.confusions import CONFUSIONS, Confusion
from engine.options import read_options
from engine.regex import Pattern, compile_re2
from engine.rule import ArticleContext, CompileEnv, Prefilter

NAME = "known-confusion"
OPTIONS: dict[str, Any] = {
    "apposition": {"type": "string", "description": "RE2 (case-blind) matched in full against "
                                                    "the text between the two names"},
}
REQUIRED = ("apposition",)


@dataclass(frozen=True)
class Options:
    apposition: str


@dataclass(frozen=True)
class _Entry:
    """A confusion of the knowledge, with its two names' patterns compiled."""

    confusion: Confusion
    patterns: tuple[Pattern, Pattern]
    slots: tuple[int | None, int | None] = (None, None)  # in the ruleset's prefilter


class KnownConfusion:
    def __init__(self, entries: list[_Entry], apposition: Pattern,
                 prefilter: Prefilter | None = None) -> None:
        self.entries = entries
        self.apposition = apposition
        self.prefilter = prefilter

    def find(self, ctx: ArticleContext) -> list[Conflict]:
        conflicts: list[Conflict] = []
        # A conflation needs both names in the text: the ruleset's one scan for literals
        # rules out most pairs before either name is searched.
        hits = self.prefilter.hits(ctx.text) if self.prefilter is not None else None
        for entry in self.entries:
            if hits is not None and any(slot is not None and slot not in hits
                                        for slot in entry.slots):
                continue
            # Both names' matches in text order: an equation is two neighbours, one of each
            # name, with only apposition between them (linear in the number of matches).
            found = sorted((m.start(), m.end(), side) for side in (0, 1)
                           for m in entry.patterns[side].finditer(ctx.text))
            for left, right in itertools.pairwise(found):
                if left[2] == right[2] or left[1] > right[0]:
                    continue
                if self.apposition.fullmatch(ctx.text[left[1]:right[0]]) is None:
                    continue
                first, second = (name.label for name in entry.confusion.names)
                why = (f"{first} and {second} are different things, written here as one. "
                       f"{entry.confusion.why} ({entry.confusion.citation})")
                conflicts.append(Conflict(f"{first} / {second}",
                                          (Side(left[0], left[1]), Side(right[0], right[1])),
                                          why))
                break  # one finding per pair: repeating the conflation is not a new error
        conflicts.sort(key=lambda c: min(s.start for s in c.sides))
        return conflicts


def build(options: Mapping[str, Any], env: CompileEnv) -> KnownConfusion | None:
    patterns = compile_patterns(env, read_options(Options, OPTIONS, options), "apposition")
    if patterns is None:
        return None
    (apposition,) = patterns
    entries: list[_Entry] = []
    for c in env.knowledge.of(CONFUSIONS):
        names = (compile_re2(c.names[0].pattern), compile_re2(c.names[1].pattern))
        prefilter = env.prefilter
        slots = ((prefilter.add(names[0]), prefilter.add(names[1])) if prefilter is not None
                 else (None, None))
        entries.append(_Entry(c, names, slots))
    return KnownConfusion(entries, apposition, env.prefilter)
