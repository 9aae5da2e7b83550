"""Check ``false-claim``: the article states something the record contradicts.

Knowledge: the ``claims`` section (``engine.knowledge.sections.claims``). A claim is stated when
its ``subject``, ``verb`` and ``object`` patterns occur in that order within one sentence, at
most ``max_gap`` characters apart, and the sentence is not hypothetical, negated or a question
(``unless_sentence``: "if", "would", "not", "denied", "?"...): "In 2015, Syria acquired the
latest S-400" states it; "What if Syria acquired the S-400?" does not.

Sides: the claim as stated; and, when the article itself states the record elsewhere (the
entry's ``counter`` pattern, outside the claim's sentence), that passage too. The message gives
the record and its first source.

Options: ``unless_sentence`` (RE2, case-blind), ``max_gap``; defaults in ``OPTIONS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.consistency.base import Conflict, Side, compile_patterns, quote, sentences
from engine.knowledge.sections.claims import CLAIMS, Claim
from engine.options import read_options
from engine.regex import Pattern, PatternSet, compile_re2
from engine.rule import ArticleContext, CompileEnv

NAME = "false-claim"
OPTIONS: dict[str, Any] = {
    "unless_sentence": {"type": "string", "description": "RE2 (case-blind): a hypothetical, "
                                                         "negated or question sentence"},
    "max_gap": {"type": "integer", "minimum": 0, "maximum": 300, "default": 80,
                "description": "characters allowed between a claim's subject, verb and object"},
}
REQUIRED = ("unless_sentence",)


@dataclass(frozen=True)
class Options:
    """The rule's options (``OPTIONS``), as ``read_options`` types them."""

    unless_sentence: str  # RE2 source, compiled case-blind by ``build``
    max_gap: int  # characters between a claim's subject, verb and object


@dataclass(frozen=True)
class _Entry:
    """A claim of the knowledge, with its patterns compiled."""

    claim: Claim
    statement: Pattern
    counter: Pattern | None


class FalseClaim:
    def __init__(self, entries: list[_Entry], unless: Pattern) -> None:
        self.entries = entries
        self.unless = unless
        # A statement can match in a sentence only if the literal strings any match of it
        # contains are in the article: one scan for all claims decides which are read
        # sentence by sentence (sound whatever the pattern: atoms are plain text).
        self.prefilter = PatternSet()
        self.slots = [self.prefilter.add(entry.statement) for entry in entries]

    def find(self, ctx: ArticleContext) -> list[Conflict]:
        conflicts: list[Conflict] = []
        hits = self.prefilter.hits(ctx.text)
        for entry, slot in zip(self.entries, self.slots, strict=True):
            if slot is not None and slot not in hits:
                continue
            for lo, hi in sentences(ctx):
                body = ctx.text[lo:hi]
                stated = entry.statement.search(body)
                if stated is None or self.unless.search(body):
                    continue
                sides = [Side(lo + stated.start(), lo + stated.end())]
                counter = self._counter(ctx, entry, lo, hi)
                if counter is not None:
                    sides.append(counter)
                itself = (f' The article itself says otherwise: "{quote(ctx, counter)}".'
                          if counter is not None else "")
                claim = entry.claim
                why = (f"false: {claim.claim}. Record: {claim.record} ({claim.citation})."
                       f"{itself}")
                conflicts.append(Conflict(claim.claim, tuple(sides), why))
                break  # one finding per claim: repeating it is not a second error
        return conflicts

    @staticmethod
    def _counter(ctx: ArticleContext, entry: _Entry, lo: int, hi: int) -> Side | None:
        if entry.counter is None:
            return None
        for m in entry.counter.finditer(ctx.text):
            if m.end() <= lo or m.start() >= hi:
                return Side(m.start(), m.end())
        return None


def build(options: Mapping[str, Any], env: CompileEnv) -> FalseClaim | None:
    opts = read_options(Options, OPTIONS, options)
    patterns = compile_patterns(env, opts, "unless_sentence")
    if patterns is None:
        return None
    (unless,) = patterns
    gap = opts.max_gap
    entries = []
    for c in env.knowledge.of(CLAIMS):
        # Non-greedy gaps inside one sentence; the sentence itself bounds the search.
        statement = compile_re2(rf"(?:{c.subject}).{{0,{gap}}}?(?:{c.verb})"
                                rf".{{0,{gap}}}?(?:{c.object})", True)
        counter = compile_re2(c.counter, True) if c.counter else None
        entries.append(_Entry(c, statement, counter))
    return FalseClaim(entries, unless)
