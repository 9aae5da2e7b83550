"""Check ``outlet-conflict``: the article names two different outlets as its own.

Self-identification is where a text says who published it: a dateline credit
("Damascus (Washington Insider Magazine) February 4, 2026 -", "WASHINGTON (AP) -"), a byline
naming an outlet ("by EagleRising.com"), an image or page credit to a domain ("Credit:
russiaspivottoasia.com"), a copyright line ("© 2017 ABC News"). Each ``patterns`` entry is an
RE2 with a group ``outlet``; an outlet quoted as a source ("told The Media Line", "according to
SANA") matches none of them, so sourcing never counts.

Names are compared loosely, so that one outlet written two ways is one outlet: case, punctuation
and ``generic_words`` ("the", "news", "magazine", ".com") are ignored; one name's words may be a
subset of the other's ("Reuters" / "Thomson Reuters"); an acronym matches its expansion ("AP" /
"The Associated Press"); a domain matches a name whose words run together to its main label
("nextfin.ai" / "NextFin News"). ``generic_names`` ("Newsroom", "Staff") and domains in
``ignore_domains`` (image hosts, social networks) identify no outlet. A pattern entry with
``outlet_word: true`` counts its name only when it is a domain or contains one of
``outlet_words`` ("News", "Times", "Magazine"): "by Newsroom" or "by John Smith" is a person or a
desk, not an outlet. ``max_line`` keeps only matches on lines that short (bylines are short).

Two or more distinct outlets make one conflict, quoting the first self-identification of each.

Options: ``patterns`` (list of {pattern, first_chars?, max_line?, outlet_word?}),
``outlet_words``, ``generic_words``, ``generic_names``, ``name_stopwords`` (words that end a
captured name besides month and weekday names, which always do: "by Newsroom February 4"),
``ignore_domains``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.consistency.base import Conflict, Side, compile_option, group_start
from engine.consistency.disagreement import disagreements
from engine.dates import MONTH_WORDS, WEEKDAYS
from engine.options import read_options
from engine.regex import Pattern
from engine.rule import ArticleContext, CompileEnv, Prefilter

NAME = "outlet-conflict"


def _word_list(description: str) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string", "minLength": 1}, "default": [],
            "description": description}


OPTIONS: dict[str, Any] = {
    "patterns": {"type": "array", "minItems": 1, "items": {
        "type": "object", "additionalProperties": False, "required": ["pattern"],
        "properties": {"pattern": {"type": "string"},
                       "first_chars": {"type": "integer", "minimum": 1},
                       "max_line": {"type": "integer", "minimum": 1},
                       "outlet_word": {"type": "boolean"}}},
        "description": "self-identification patterns: {pattern (RE2 with group `outlet`), "
                       "first_chars?, max_line?, outlet_word?}"},
    "outlet_words": _word_list("words that make a name an outlet (\"News\", \"Times\")"),
    "generic_words": _word_list("words ignored when comparing names (\"the\", \".com\")"),
    "generic_names": _word_list("names that identify no outlet (\"Newsroom\", \"Staff\")"),
    "name_stopwords": _word_list("words that end a captured name (month names)"),
    "ignore_domains": _word_list("domains that identify no outlet (image hosts, social networks)"),
}
REQUIRED = ("patterns",)


@dataclass(frozen=True)
class Options:
    patterns: list[dict[str, Any]]
    outlet_words: list[str]
    generic_words: list[str]
    generic_names: list[str]
    name_stopwords: list[str]
    ignore_domains: list[str]
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})
_CONNECTORS = frozenset({"the", "of", "and", "&", "for"})


@dataclass(frozen=True)
class Outlet:
    """One self-identification: the name as written and its comparison keys."""

    start: int
    end: int
    name: str
    words: tuple[str, ...]     # every word, lower case
    content: tuple[str, ...]   # without generic words
    stem: str                  # a domain's main label ("nextfin"), "" for a name


def _words(text: str) -> list[str]:
    out: list[str] = []
    word: list[str] = []
    for ch in text.casefold():
        if ch.isalnum():
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


def domain_stem(name: str) -> str:
    """The main label of a domain ("www.nextfin.ai" -> "nextfin"); "" when not a domain."""
    text = name.strip().casefold()
    for prefix in ("https://", "http://"):
        text = text.removeprefix(prefix)
    text = text.split("/", 1)[0].removeprefix("www.")
    labels = text.split(".")
    if (len(labels) < 2 or " " in text or not labels[-1].isalpha()
            or not 2 <= len(labels[-1]) <= 6):
        return ""
    labels = labels[:-1]
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]  # bbc.co.uk -> bbc
    return labels[-1] if labels and labels[-1] else ""


def _acronym(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w not in _CONNECTORS)


def same_outlet(a: Outlet, b: Outlet) -> bool:
    """Whether two self-identifications can name one outlet (see the module docstring)."""
    if a.stem and b.stem:
        return a.stem == b.stem
    if a.stem or b.stem:
        domain, name = (a, b) if a.stem else (b, a)
        runs = {"".join(name.words), "".join(name.content), _acronym(name.words)}
        joined = "".join(name.content)
        return domain.stem in runs or (len(joined) >= 4 and domain.stem.startswith(joined))
    ca, cb = set(a.content), set(b.content)
    if ca and cb and (ca <= cb or cb <= ca):
        return True
    flat_a, flat_b = "".join(a.content), "".join(b.content)
    return flat_a in (_acronym(b.words), "".join(b.words)) or \
        flat_b in (_acronym(a.words), "".join(a.words))


@dataclass(frozen=True)
class _Pattern:
    regex: Pattern
    first_chars: int | None
    max_line: int | None
    outlet_word: bool
    slot: int | None = None  # in the ruleset's prefilter; None: always searched


class OutletConflict:
    def __init__(self, patterns: list[_Pattern], options: Options,
                 prefilter: Prefilter | None = None) -> None:
        self.patterns = patterns
        self.prefilter = prefilter
        self.outlet_words = frozenset(w.casefold() for w in options.outlet_words)
        self.generic_words = frozenset(w.casefold() for w in options.generic_words)
        self.generic_names = frozenset(" ".join(_words(n)) for n in options.generic_names)
        # Month and weekday names always end a name ("by Newsroom February 4"): the date
        # reader's vocabulary, not repeated in the rule.
        self.stopwords = frozenset(w.casefold() for w in options.name_stopwords) \
            | MONTH_WORDS | {day.casefold() for day in WEEKDAYS}
        self.ignore = frozenset(domain_stem(d) or d.casefold() for d in options.ignore_domains)

    def outlets(self, ctx: ArticleContext) -> list[Outlet]:
        found: list[Outlet] = []
        # The ruleset's one scan for literals tells which patterns can match at all; most
        # articles have no byline or credit line, and these patterns capture (slow to run).
        # Sound for a first_chars pattern too: a match in the head is a match's worth of
        # literals in the whole text.
        hits = self.prefilter.hits(ctx.text) if self.prefilter is not None else None
        for pattern in self.patterns:
            if hits is not None and pattern.slot is not None and pattern.slot not in hits:
                continue
            view = ctx.text if pattern.first_chars is None else ctx.text[:pattern.first_chars]
            for m in pattern.regex.finditer(view):
                if m.group("outlet") is None:
                    continue
                if pattern.max_line is not None:
                    lo, hi = ctx.index.line_range(m.start(), len(ctx.text))  # log time
                    if hi - lo > pattern.max_line:
                        continue
                outlet = self._outlet(ctx.text, group_start(m, "outlet"), m.group("outlet"),
                                      pattern)
                if outlet is not None:
                    found.append(outlet)
        found.sort(key=lambda o: o.start)
        return found

    def _outlet(self, text: str, start: int, raw: str, pattern: _Pattern) -> Outlet | None:
        name = raw
        for stop in (",", ";", "|", " - ", " – ", " — ", ". "):
            name = name.split(stop, 1)[0]
        kept: list[str] = []
        for token in name.split():
            if token.casefold().strip(".,") in self.stopwords:
                break
            kept.append(token)
        name = " ".join(kept).strip(" .:")
        if not name:
            return None
        stem = domain_stem(name)
        words = tuple(_words(name))
        content = tuple(w for w in words if w not in self.generic_words)
        if stem and stem in self.ignore:
            return None
        if not stem and (not content or " ".join(words) in self.generic_names
                         or " ".join(content) in self.generic_names):
            return None
        if pattern.outlet_word and not stem and not set(words) & self.outlet_words:
            return None
        end = start + raw.find(kept[-1]) + len(kept[-1]) if kept else start + len(name)
        return Outlet(start, end, name, words, content, stem)

    def find(self, ctx: ArticleContext) -> list[Conflict]:
        found = disagreements(self.outlets(ctx), lambda _: "publishing outlet",
                              same=same_outlet)
        if not found:
            return []
        distinct = found[0].firsts
        names = ", ".join(f'"{o.name}"' for o in distinct)
        why = (f"the article identifies itself as published by {len(distinct)} different "
               f"outlets ({names}); one article has one publisher, so its provenance is "
               "confused or it was copied.")
        return [Conflict("publishing outlet",
                         tuple(Side(o.start, o.end) for o in distinct), why)]


def build(options: Mapping[str, Any], env: CompileEnv) -> OutletConflict | None:
    opts = read_options(Options, OPTIONS, options)
    patterns: list[_Pattern] = []
    for i, entry in enumerate(opts.patterns):
        regex = compile_option(env, ("patterns", i, "pattern"), entry["pattern"])
        if regex is None:
            return None
        if "outlet" not in regex.groupindex:
            env.problem(("patterns", i, "pattern"), "outlet pattern has no group `outlet`",
                        "name the outlet's part (?P<outlet>...)")
            return None
        slot = env.prefilter.add(regex) if env.prefilter is not None else None
        patterns.append(_Pattern(regex, entry.get("first_chars"), entry.get("max_line"),
                                 bool(entry.get("outlet_word", False)), slot))
    return OutletConflict(patterns, opts, env.prefilter)
