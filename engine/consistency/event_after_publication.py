"""Check ``event-after-publication``: a past event dated after the article's own date.

"The ministers met on 5 March 2026" in an article published on 2026-02-04 cannot be true when
it was written. Only a stated publication date counts (from metadata or a dateline; an inferred
window is too loose). An event is a full date (year included) written right after "on"
(``on_before``), with a past-tense verb (``past_verbs``) within ``window`` characters before it
in the same sentence and at most ``max_words`` words before "on" with no comma between (so the
date dates that verb: "met in Damascus on", not "said it called for redemption on"), in a
sentence without future or planning words (``unless_sentence``: "will", "planned",
"scheduled", "expected", "due"...). The date must be later than the publication date.

Sides: the event phrase (from the verb to the date) and the dateline that states the
publication date (when the date came from metadata there is no dateline to quote, and the
message names the metadata date).

Options: ``past_verbs``, ``unless_sentence`` and ``on_before`` (RE2, case-blind),
``window``, ``max_words``; defaults in ``OPTIONS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.consistency.base import Conflict, Side, compile_patterns, sentence_of
from engine.consistency.dates_common import article_dates
from engine.model import STATED_DATE_SOURCES
from engine.options import read_options
from engine.regex import Pattern
from engine.rule import ArticleContext, CompileEnv

NAME = "event-after-publication"
OPTIONS: dict[str, Any] = {
    "past_verbs": {"type": "string", "description": "RE2 (case-blind): past-tense verbs"},
    "unless_sentence": {"type": "string", "description": "RE2 (case-blind): future or planning "
                                                         "words that clear the sentence"},
    "on_before": {"type": "string", "default": r"\bon[ \t]+$",
                  "description": "RE2 (case-blind) that must end right before the date"},
    "window": {"type": "integer", "minimum": 10, "maximum": 400, "default": 100,
               "description": "characters before the date searched for the verb"},
    "max_words": {"type": "integer", "minimum": 0, "maximum": 20, "default": 3,
                  "description": "words allowed between the verb and \"on\""},
}
REQUIRED = ("past_verbs", "unless_sentence")


@dataclass(frozen=True)
class Options:
    past_verbs: str
    unless_sentence: str
    on_before: str
    window: int
    max_words: int


class EventAfterPublication:
    def __init__(self, verbs: Pattern, unless: Pattern, on_before: Pattern, window: int,
                 max_words: int) -> None:
        self.verbs = verbs
        self.max_words = max_words
        self.unless = unless
        self.on_before = on_before
        self.window = window

    def find(self, ctx: ArticleContext) -> list[Conflict]:
        published = ctx.date.date
        if published is None or ctx.date.source not in STATED_DATE_SOURCES:
            return []
        dateline = ctx.date.span
        conflicts: list[Conflict] = []
        for found in article_dates(ctx):
            if found.date is None or found.date <= published:
                continue
            lo, hi = sentence_of(ctx, found.start)
            before = ctx.text[max(lo, found.start - self.window):found.start]
            on = self.on_before.search(before)
            if on is None or on.end() != len(before):
                continue
            verb = None
            for candidate in self.verbs.finditer(before):
                verb = candidate  # the last one: the verb nearest the date
            if verb is None or self.unless.search(ctx.text[lo:hi]):
                continue
            gap = before[verb.end():on.start()]
            # "met in Damascus on", "signed the deal on": the date dates the verb. Further
            # away, or past a comma, it dates something else ("called for redemption on").
            if len(gap.split()) > self.max_words or any(ch in gap for ch in ",;:()"):
                continue
            start = found.start - len(before) + verb.start()
            sides = [Side(start, found.end)]
            if dateline is not None:
                sides.append(Side(dateline.start, dateline.end))
            why = (f"the event is dated {found.date.isoformat()}, after the article's own "
                   f"date {published.isoformat()}, yet it is told as already past.")
            conflicts.append(Conflict(f"event of {found.date.isoformat()}", tuple(sides), why))
        return conflicts


def build(options: Mapping[str, Any], env: CompileEnv) -> EventAfterPublication | None:
    opts = read_options(Options, OPTIONS, options)
    patterns = compile_patterns(env, opts, "past_verbs", "unless_sentence", "on_before")
    if patterns is None:
        return None
    verbs, unless, on_before = patterns
    return EventAfterPublication(verbs, unless, on_before, opts.window, opts.max_words)
