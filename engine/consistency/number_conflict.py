"""Check ``number-conflict``: one quantity given two different values.

"Rosoboronexport negotiates $2.1bn arms package" against "a $2.5 billion arms package"; "49-year
basing rights" against "45-year basing rights". A quantity is a number with its currency
(``currencies``: "$", "US$", "€"), multiplier (``multipliers``: "bn", "billion", "m") and unit
("%", "-year"), followed by its head noun phrase: the next words up to the first word of
``stopwords`` (function words, verbs of reporting), at most ``max_head_words``, each crudely
lemmatised (lower case, plural "-s"/"-ies" removed). Money is normalised ("$2.1bn" =
"$2.1 billion" = 2.1e9 USD).

Conservative by design, because real reports repeat a noun phrase for different things all
the time (a loan to one country and a loan to another, results per quarter):

* the head must have at least ``min_head_words`` words, all lower case (a common-noun phrase;
  "troops" alone is too often another group of the same kind, "San Miguel shares" names a
  class); "5,000 troops" and "5,000 participants" are different heads;
* years ("in 2017"), dates ("3 February"), ordinals, times, ranges ("5-10"), model numbers
  ("S-400", "Su-30") and numbers on table rows (columns aligned with runs of blanks) are not
  quantities; unit words (``units``: "dlrs", "tonnes") belong to the value, not the head;
* exactly two values: three or more values of one head are a series;
* the two values sit in different sentences, neither reads as a comparison, change or
  approximation (``unless_sentence``: "up from", "rose", "about", "originally"...), and the
  two sentences share a capitalised word other than their first (``shared_name``): a common
  actor or place, evidence of one referent ("Rosoboronexport negotiates ...").

One conflict per head, quoting the first occurrence of each value.

Options: ``currencies`` (symbol -> code), ``multipliers`` (word -> factor), ``stopwords``,
``unless_sentence`` (RE2, case-blind), ``min_head_words``, ``max_head_words``, ``units``,
``shared_name``; defaults in ``OPTIONS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.consistency.base import (
    Conflict,
    Side,
    alternation,
    compile_option,
    sentence_of,
)
from engine.consistency.disagreement import disagreements
from engine.dates import MONTH_WORDS, WEEKDAYS
from engine.options import read_options
from engine.regex import Pattern
from engine.rule import ArticleContext, CompileEnv

NAME = "number-conflict"
OPTIONS: dict[str, Any] = {
    "currencies": {"type": "object", "additionalProperties": {"type": "string"}},
    "multipliers": {"type": "object", "additionalProperties": {"type": "number",
                                                               "exclusiveMinimum": 0}},
    "units": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "stopwords": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "unless_sentence": {"type": "string"},
    "min_head_words": {"type": "integer", "minimum": 1, "maximum": 5, "default": 2,
                       "description": "a head phrase has at least this many words"},
    "max_head_words": {"type": "integer", "minimum": 1, "maximum": 5, "default": 3,
                       "description": "words read after a number as its head phrase"},
    "shared_name": {"type": "boolean", "default": True,
                    "description": "the two sentences must share a capitalised word"},
}
REQUIRED = ("multipliers", "stopwords")
# Month and weekday names are the date reader's vocabulary (engine.dates).
_MONTHS_AND_DAYS = MONTH_WORDS | {day.casefold() for day in WEEKDAYS}
_NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
})
_DURATIONS = "year|month|week|day|hour|minute|mile|kilometre|kilometer|km|metre|meter|foot|ton"


@dataclass(frozen=True)
class Options:
    multipliers: dict[str, float]
    stopwords: list[str]
    min_head_words: int
    max_head_words: int
    shared_name: bool
    currencies: dict[str, str] = field(default_factory=dict)
    units: list[str] = field(default_factory=list)
    unless_sentence: str | None = None


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int       # end of the head phrase
    value: float
    kind: str      # currency code, "%", "-year", or "" for a count
    head: tuple[str, ...]


def lemma(word: str) -> str:
    """A crude singular: "rights" -> "right", "batteries" -> "battery", "class" kept."""
    w = word.casefold().strip("'’")
    w = w.removesuffix("'s").removesuffix("’s")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _tabular(line: str) -> bool:
    """Whether a line is a table row: columns aligned with tabs or runs of blanks."""
    body = line.strip()
    return "\t" in body or "   " in body


def _slice(text: str, span: tuple[int, int]) -> str | None:
    """The text of a group's span, None for a group that did not take part."""
    return None if span[0] == -1 else text[span[0]:span[1]]


class NumberConflict:
    def __init__(self, regex: Pattern, options: Options, unless: Pattern | None) -> None:
        self.regex = regex
        # Group numbers, looked up once: google-re2 rebuilds its name table on every lookup by
        # name, which made reading the groups of each number the costliest part of this check.
        self._group = {name: int(index) for name, index in regex.groupindex.items()}
        self.currencies = dict(options.currencies)
        self.multipliers = {k.casefold(): float(v) for k, v in options.multipliers.items()}
        # Multiplier and unit words never head a phrase: "$36 million." is a value, not
        # "36 millions".
        self.stopwords = frozenset({*(w.casefold() for w in options.stopwords),
                                    *self.multipliers,
                                    *(u.casefold() for u in options.units)})
        self.unless = unless
        self.min_head = options.min_head_words
        self.max_head = options.max_head_words
        self.shared_name = options.shared_name

    def quantities(self, ctx: ArticleContext) -> list[Quantity]:
        text = ctx.text
        out: list[Quantity] = []
        group = self._group
        cur_g, num_g, mult_g = group["cur"], group["num"], group["mult"]
        unit_g, word_unit_g, head_g = group["unit"], group["word_unit"], group["head"]
        # Whether each line is a table row, decided once per line: deciding it per number
        # re-read the whole line each time, quadratic on a long line full of numbers.
        tabular: dict[int, bool] = {}
        for m in self.regex.finditer(text):
            # All spans at once, sliced here: one call per match, not one per group (this
            # loop runs for every number of every article).
            spans = m.regs
            start = spans[0][0]
            before = text[max(0, start - 2):start]
            prev = before[-1:]
            # "S-400", "Su-30", "F-16", "5-10", "10/12", "12:30": part of a name or a range.
            # (The cheap tests come first; all only skip, so their order does not matter.)
            if prev and (prev.isalnum() or prev in "/:#.," or (
                    prev in "-–" and before[:1].isalnum())):
                continue
            num_start, num_end = spans[num_g]
            after = text[num_end:num_end + 2]
            if after[:1] in "-–/:" and after[1:2].isdigit():
                continue
            # The head next: most numbers have none ("15 mln dlrs in ...": the next word is a
            # stopword), and the tests below cost more.
            head_start = spans[head_g][0]
            head, used = self._head(_slice(text, spans[head_g]))
            if len(head) < self.min_head:
                continue
            line_start, line_end = ctx.index.line_range(start, len(text))
            if line_start not in tabular:
                tabular[line_start] = _tabular(text[line_start:line_end])
            if tabular[line_start]:
                continue
            raw_number = text[num_start:num_end]
            number = raw_number.replace(",", "")
            currency = _slice(text, spans[cur_g])
            mult = _slice(text, spans[mult_g])
            unit = _slice(text, spans[unit_g]) or _slice(text, spans[word_unit_g])
            if (currency is None and mult is None and unit is None and "," not in raw_number
                    and "." not in number and len(number) == 4 and 1800 <= int(number) <= 2100):
                continue  # a year
            value = float(number) * (self.multipliers.get(mult.casefold(), 1.0) if mult else 1.0)
            kind = self.currencies.get(currency, currency) if currency else ""
            if unit:
                unit = unit.strip("- \t").casefold()
                kind += "%" if unit.startswith(("%", "per", "pct")) else " " + lemma(unit)
            out.append(Quantity(start, head_start + used, value, kind, head))
        return out

    def _head(self, raw: str | None) -> tuple[tuple[str, ...], int]:
        """The lemmatised head words and how many characters of ``raw`` they span."""
        words: list[str] = []
        pos = used = 0
        text = raw or ""
        for token in text.split():
            at = text.index(token, pos)
            pos = at + len(token)
            bare = token.rstrip(",;:.!?\"”)'’")
            if not bare or not bare[0].isalpha():
                break
            low = bare.casefold()
            # A head is a common noun phrase ("arms package"); a capitalised word names a
            # product, grade or party ("San Miguel shares", "14 pct protein Apl").
            if low in self.stopwords or low in _MONTHS_AND_DAYS or not bare.islower():
                break
            words.append(lemma(bare))
            used = at + len(bare)
            if len(words) == self.max_head or bare != token:
                break  # punctuation after a word ends the phrase
        return tuple(words), used

    def find(self, ctx: ArticleContext) -> list[Conflict]:
        conflicts: list[Conflict] = []
        hedged: dict[tuple[int, int], bool] = {}
        names_of: dict[tuple[int, int], set[str]] = {}
        # Three or more values of one phrase are a series (prices per grade, results per
        # period), not one quantity told two ways: exactly two values.
        for told in disagreements(self.quantities(ctx), lambda q: (q.kind, q.head),
                                  key=lambda q: round(q.value, 6), max_values=2):
            chosen = list(told.firsts)
            if not self._contradictory(ctx, chosen, hedged, names_of):
                continue
            phrase = " ".join(told.subject[1])
            values = " and ".join(ctx.text[q.start:q.end] for q in chosen)
            why = (f'"{phrase}" is given {len(chosen)} different values ({values}); one '
                   "quantity has one value.")
            conflicts.append(Conflict(phrase, tuple(Side(q.start, q.end) for q in chosen), why))
        conflicts.sort(key=lambda c: c.sides[0].start)
        return conflicts

    def _contradictory(self, ctx: ArticleContext, items: list[Quantity],
                       hedged: dict[tuple[int, int], bool],
                       names_of: dict[tuple[int, int], set[str]]) -> bool:
        """Whether two values of one head contradict. ``hedged`` and ``names_of`` cache, per
        sentence, the ``unless_sentence`` test and the capitalised names: a long sentence
        holding many quantities is read once, not once per pair (linear, not quadratic)."""
        spans = [sentence_of(ctx, q.start) for q in items]
        if len(set(spans)) < len(spans):
            return False  # "from a $2bn package to a $3bn package": one sentence compares
        for lo, hi in spans:
            if (lo, hi) not in hedged:
                hedged[lo, hi] = (self.unless is not None
                                  and self.unless.search(ctx.text[lo:hi]) is not None)
        if any(hedged[span] for span in spans):
            return False
        # One referent, not two of a kind: the sentences name a common actor or place
        # ("Rosoboronexport negotiates ..."). Line items of a report ("a 23 mln dlr IDA loan"
        # to one country, "a 14.1 mln dlr IDA loan" to another) share none.
        if not self.shared_name:
            return True
        for lo, hi in spans:
            if (lo, hi) not in names_of:
                names_of[lo, hi] = self._names(ctx.text[lo:hi])
        return bool(set.intersection(*(names_of[span] for span in spans)))

    def _names(self, sentence: str) -> set[str]:
        """Capitalised words of a sentence except its first (which any word may be)."""
        out: set[str] = set()
        for token in sentence.split()[1:]:
            word = token.strip(".,;:!?\"“”‘’'()[]").removesuffix("'s").removesuffix("’s")
            low = word.casefold()
            if (len(word) >= 3 and word[0].isupper() and low not in self.stopwords
                    and low not in _MONTHS_AND_DAYS and low not in _NUMBER_WORDS):
                out.add(low)
        return out


def build(raw: Mapping[str, Any], env: CompileEnv) -> NumberConflict | None:
    options = read_options(Options, OPTIONS, raw)
    currencies = alternation(list(options.currencies)) or r"\$"
    mults = alternation(list(options.multipliers))
    units = alternation(options.units) or r"\b\B"  # \b\B: never matches
    pattern = (
        rf"(?:(?P<cur>{currencies})[ \t]?)?"
        r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"(?:[ \t]?(?P<mult>(?i:{mults}))\b)?"
        rf"(?P<unit>[ \t]?%|[ \t](?i:percent|per[ \t]cent|pct)\b|-(?i:{_DURATIONS})s?\b)?"
        rf"(?:[ \t]+(?P<word_unit>(?i:{units}))\b)?"
        r"(?:[ \t]+|\b)"
        r"(?P<head>\p{L}[\p{L}'’-]*[,.;:]?(?:[ \t]+\p{L}[\p{L}\d'’-]*[,.;:]?){0,4})")
    regex = compile_option(env, "multipliers", pattern)
    unless = (compile_option(env, "unless_sentence", options.unless_sentence, True)
              if options.unless_sentence is not None else None)
    if regex is None or (options.unless_sentence is not None and unless is None):
        return None
    return NumberConflict(regex, options, unless)
