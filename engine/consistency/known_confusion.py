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

from engine.consistency.base import Conflict, Side, compile_option
from engine.regex import compile_re2
from engine.rule import ArticleContext, CompileEnv

NAME = "known-confusion"
OPTIONS: dict[str, Any] = {"apposition": {"type": "string"}}
REQUIRED = ("apposition",)


@dataclass(frozen=True)
class _Entry:
    id: str
    labels: tuple[str, str]
    patterns: tuple[Any, Any]
    why: str
    source: str
    verified: str


class KnownConfusion:
    def __init__(self, entries: list[_Entry], apposition: Any) -> None:
        self.entries = entries
        self.apposition = apposition

    def find(self, ctx: ArticleContext) -> list[Conflict]:
        conflicts: list[Conflict] = []
        for entry in self.entries:
            # Both names' matches in text order: an equation is two neighbours, one of each
            # name, with only apposition between them (linear in the number of matches).
            found = sorted((m.start(), m.end(), side) for side in (0, 1)
                           for m in entry.patterns[side].finditer(ctx.text))
            for left, right in itertools.pairwise(found):
                if left[2] == right[2] or left[1] > right[0]:
                    continue
                if self.apposition.fullmatch(ctx.text[left[1]:right[0]]) is None:
                    continue
                why = (f"{entry.labels[0]} and {entry.labels[1]} are different things, "
                       f"written here as one. {entry.why} (source: {entry.source}; "
                       f"verified: {entry.verified})")
                conflicts.append(Conflict(f"{entry.labels[0]} / {entry.labels[1]}",
                                          (Side(left[0], left[1]), Side(right[0], right[1])),
                                          why))
                break  # one finding per pair: repeating the conflation is not a new error
        conflicts.sort(key=lambda c: min(s.start for s in c.sides))
        return conflicts


def build(options: Mapping[str, Any], env: CompileEnv) -> KnownConfusion | None:
    apposition = compile_option(env, "apposition", options["apposition"], True)
    if apposition is None:
        return None
    entries = [
        _Entry(c.id, (c.names[0].label, c.names[1].label),
               (compile_re2(c.names[0].pattern), compile_re2(c.names[1].pattern)),
               c.why, c.sources[0], c.verified)
        for c in env.knowledge.entries("confusions")]
    return KnownConfusion(entries, apposition)
