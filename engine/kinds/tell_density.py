"""Kind ``tell_density``: many weak tells together, scored by their weighted density and variety.

Each tell is a data entry: ``id``, ``pattern`` (RE2), ``weight`` (how telling one occurrence
is) and ``source`` (why it is a tell: a study, a style guide, a measurement). Alone a tell proves
nothing, since people write "crucial" too; many different tells, densely, are a style.

The kind computes, over the text outside quotation marks when ``unless_quoted`` is set:

- ``evidence`` = sum over tells of ``weight * min(count, max_per_tell)`` (default 3 per tell,
  so one phrase repeated is not a style);
- ``rate`` = evidence per ``per_words`` words (default 1000), the word count floored at
  ``floor_words`` (default 300) so one phrase in a one-line text is not a dense text;
- ``distinct`` = how many different tells occur.

The rule's ``bands`` judge the ``rate`` (first band that holds gives the points; none, no
finding). ``distinct_caps`` then limits what few different tells can cost: its i-th number is the
largest magnitude of points with i+1 distinct tells (default ``[2, 8]``: one tell costs at most
2 points, two at most 8, three or more the full band). Texts under ``min_words`` words (default
30) are not judged.

Template fields: ``distinct``, ``evidence``, ``rate``, ``words``, ``tells`` (the tells found,
most weighty first, with counts), ``match`` (the first tell's text), ``points``.

Example::

    - id: provenance.llm-style
      kind: tell_density
      tells:
        - {id: stock-important-to-note, pattern: '\\bit is important to note\\b', weight: 2,
           source: 'Wikipedia: Signs of AI writing'}
      bands:
        - {at_least: 12, points: -15}
        - {at_least: 4, points: -2}
      distinct_caps: [2, 8]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine.matching import Match, Matcher
from engine.model import Finding
from engine.options import read_options
from engine.rule import ArticleContext, CompileEnv, RuleSpec, make_finding
from engine.template import render

NAME = "tell_density"
OPTIONS: dict[str, Any] = {
    "tells": {"type": "array", "minItems": 1, "items": {
        "type": "object", "additionalProperties": False,
        "required": ["id", "pattern", "weight", "source"],
        "properties": {"id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                       "pattern": {"type": "string"},
                       "ignore_case": {"type": "boolean"},
                       "weight": {"type": "number", "exclusiveMinimum": 0},
                       "source": {"type": "string", "minLength": 3}}}},
    "distinct_caps": {"type": "array", "items": {"type": "number", "minimum": 0},
                      "default": [2, 8],
                      "description": "i-th: the most points with i+1 distinct tells"},
    "ignore_case": {"type": "boolean", "default": False},
    "unless_quoted": {"type": "boolean", "default": False},
    "max_per_tell": {"type": "integer", "minimum": 1, "default": 3,
                     "description": "occurrences of one tell that count"},
    "per_words": {"type": "integer", "minimum": 1, "default": 1000,
                  "description": "the rate is evidence per this many words"},
    "floor_words": {"type": "integer", "minimum": 1, "default": 300,
                    "description": "shorter texts count as this long"},
    "min_words": {"type": "integer", "minimum": 0, "default": 30,
                  "description": "shorter texts are not judged"},
    "bands": {"type": "array",
              "description": "over the weighted tells per per_words, e.g. "
                             "[{at_least: 12, points: -15}, {at_least: 3, points: -2}]"},
}
REQUIRED = ("tells", "bands")
FIELDS = ("distinct", "evidence", "rate", "words", "tells", "match", "points")
MAX_SPANS = 5


@dataclass(frozen=True)
class Options:
    distinct_caps: list[float]
    max_per_tell: int
    per_words: int
    floor_words: int
    min_words: int


@dataclass(frozen=True)
class Tell:
    id: str
    weight: float
    matcher: Matcher


class TellDensityRule:
    def __init__(self, rule: RuleSpec, tells: Sequence[Tell]) -> None:
        self.rule = rule
        self.tells = tuple(tells)
        options = read_options(Options, OPTIONS, rule.options)
        self.distinct_caps = tuple(float(c) for c in options.distinct_caps)
        self.max_per_tell = options.max_per_tell
        self.per_words = options.per_words
        self.floor_words = options.floor_words
        self.min_words = options.min_words

    def evaluate(self, ctx: ArticleContext) -> Sequence[Finding]:
        if ctx.word_count < self.min_words:
            return []
        found: list[tuple[Tell, list[Match]]] = []
        for tell in self.tells:
            matches = list(tell.matcher.finditer(ctx.text))
            if matches:
                found.append((tell, matches))
        if not found:
            return []
        evidence = sum(t.weight * min(len(ms), self.max_per_tell) for t, ms in found)
        rate = evidence * self.per_words / max(ctx.word_count, self.floor_words)
        band = self.rule.band_for(rate)
        if band is None:
            return []
        points = band.points
        if len(found) <= len(self.distinct_caps):  # few different tells: a habit, not a style
            cap = self.distinct_caps[len(found) - 1]
            points = max(-cap, min(cap, points))
        found.sort(key=lambda tm: (-tm[0].weight * min(len(tm[1]), self.max_per_tell),
                                   tm[1][0].start))
        listing = ", ".join(f"{t.id} x{len(ms)}" for t, ms in found)
        message = render(self.rule.band_explain(band), {
            "distinct": len(found), "evidence": evidence, "rate": rate,
            "words": ctx.word_count, "tells": listing, "match": found[0][1][0].text,
            "points": points})
        first_matches = sorted((ms[0] for _, ms in found), key=lambda m: m.start)
        spans = [ctx.span(m.start, m.end) for m in first_matches[:MAX_SPANS]]
        return [make_finding(self.rule, points, message, spans)]


def compile(rule: RuleSpec, env: CompileEnv) -> TellDensityRule | None:
    options = rule.options
    tells: list[Tell] = []
    ok = True
    seen: set[str] = set()
    for i, entry in enumerate(options.get("tells", [])):
        if entry["id"] in seen:
            env.problem(("tells", i, "id"), f"rule {rule.id}: tell {entry['id']!r} is listed twice",
                        "give every tell a distinct id, or merge the two patterns")
            ok = False
        seen.add(entry["id"])
        tell_env = CompileEnv(env.knowledge, env.doc, (*env.at, "tells", i), env.problems,
                              env.prefilter)
        matcher = Matcher(_tell_options(options, entry), tell_env)
        ok = ok and matcher.ok
        tells.append(Tell(entry["id"], float(entry["weight"]), matcher))
    return TellDensityRule(rule, tells) if ok else None


def _tell_options(options: Mapping[str, Any], entry: Mapping[str, Any]) -> dict[str, Any]:
    """A tell matches with the rule's case and quotation settings unless it says otherwise."""
    return {"pattern": entry["pattern"],
            "ignore_case": bool(entry.get("ignore_case", options.get("ignore_case", False))),
            "unless_quoted": bool(options.get("unless_quoted", False))}
