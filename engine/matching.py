"""Pattern matching with the context conditions rules need but RE2 cannot express.

RE2 has no lookaround, so "not preceded by 'former'" is a rule option: a match is dropped when
one of ``unless_preceded_by`` matches in the ``window`` characters before it (or
``unless_followed_by`` after it), ``unless_near`` matches within ``near_chars`` either side, or
``unless_match`` matches the matched text itself (e.g. a pronoun where a name should be).
``only_near`` is the converse of ``unless_near``: a match is kept only when it matches within
``near_chars`` (e.g. a figure with its source nearby).
``scope`` limits matching to the head or tail of the article (datelines, trailing residue).
``unless_quoted: true`` drops a match that starts inside quotation marks: a chatbot refusal or
a disclosure in a person's quoted speech is reported speech, not the text's own voice (see
``quoted_spans`` for what counts as quoted).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from typing import Any

from engine.options import defaults_of
from engine.regex import RegexError, compile_re2, group_names
from engine.rule import CompileEnv

# JSON Schema for the options every pattern-based kind accepts.
MATCH_OPTIONS: dict[str, Any] = {
    "pattern": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"},
                                                "minItems": 1}],
                "description": "RE2 pattern, or a list of alternatives"},
    "ignore_case": {"type": "boolean", "default": False},
    "unless_preceded_by": {"type": "string",
                           "description": "RE2: drop a match this matches in the `window` "
                                          "characters before it"},
    "unless_followed_by": {"type": "string",
                           "description": "RE2: drop a match this matches in the `window` "
                                          "characters after it"},
    "window": {"type": "integer", "minimum": 1, "maximum": 2000, "default": 40,
               "description": "characters searched by unless_preceded_by/unless_followed_by"},
    "unless_near": {"type": "string",
                    "description": "RE2: drop a match this matches within `near_chars`"},
    "unless_match": {"type": "string",
                     "description": "RE2: drop a match whose own text this matches"},
    "near_chars": {"type": "integer", "minimum": 1, "maximum": 5000, "default": 200,
                   "description": "characters either side searched by unless_near"},
    "unless_quoted": {"type": "boolean", "default": False,
                      "description": "drop a match inside quotation marks (quoted speech)"},
    "only_near": {"type": "string",
                  "description": "RE2: keep a match only when this matches within `near_chars`"},
    "scope": {"type": "object", "additionalProperties": False,
              "properties": {"first_chars": {"type": "integer", "minimum": 1},
                             "last_chars": {"type": "integer", "minimum": 1}},
              "description": "match only in the article's first_chars or last_chars"},
}
_DEFAULTS = defaults_of(MATCH_OPTIONS)


class Match:
    """One kept match: offsets in the whole text, its text and its named groups. The groups
    are read on first use: most kinds count matches and read the groups of the first only."""

    __slots__ = ("_found", "_groups", "end", "start", "text")

    def __init__(self, start: int, end: int, text: str,
                 groups: Mapping[str, str | None] | None = None, found: Any = None) -> None:
        self.start = start
        self.end = end
        self.text = text
        self._groups = groups
        self._found = found  # the regex match the groups come from, when not given

    @property
    def groups(self) -> Mapping[str, str | None]:
        if self._groups is None:
            self._groups = self._found.groupdict() if self._found is not None else {}
        return self._groups

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Match):
            return NotImplemented
        return (self.start, self.end, self.text, self.groups) == \
            (other.start, other.end, other.text, other.groups)

    __hash__ = None  # type: ignore[assignment]  # groups is a dict

    def __repr__(self) -> str:
        return (f"Match(start={self.start!r}, end={self.end!r}, text={self.text!r}, "
                f"groups={self.groups!r})")


class Matcher:
    """A compiled pattern (alternatives joined) plus its context conditions."""

    def __init__(self, options: Mapping[str, Any], env: CompileEnv, key: str = "pattern",
                 prefix: str = "") -> None:
        self.ok = True
        ignore_case = bool(options.get(f"{prefix}ignore_case",
                                       options.get("ignore_case", _DEFAULTS["ignore_case"])))
        raw = options.get(key)
        patterns = [raw] if isinstance(raw, str) else list(raw or [])
        self.regex = self._compile(patterns, ignore_case, env, key)
        self.before = self._compile_opt(options, f"{prefix}unless_preceded_by", ignore_case, env)
        self.after = self._compile_opt(options, f"{prefix}unless_followed_by", ignore_case, env)
        self.near = self._compile_opt(options, f"{prefix}unless_near", ignore_case, env)
        self.only_near = self._compile_opt(options, f"{prefix}only_near", ignore_case, env)
        self.exclude = self._compile_opt(options, f"{prefix}unless_match", ignore_case, env)
        self.window = int(options.get(f"{prefix}window",
                                      options.get("window", _DEFAULTS["window"])))
        self.near_chars = int(options.get(f"{prefix}near_chars",
                                          options.get("near_chars", _DEFAULTS["near_chars"])))
        scope = options.get(f"{prefix}scope", options.get("scope")) or {}
        self.first_chars: int | None = scope.get("first_chars")
        self.last_chars: int | None = scope.get("last_chars")
        self.unless_quoted = bool(options.get(
            f"{prefix}unless_quoted", options.get("unless_quoted", _DEFAULTS["unless_quoted"])))
        self.groups = group_names(self.regex) if self.regex is not None else set()
        # A scoped pattern is not prefiltered: on the head or tail of a text, ^, $ and \b
        # can match where they do not on the whole text.
        self._prefilter = env.prefilter
        self._slot = (env.prefilter.add(self.regex) if env.prefilter is not None
                      and self.regex is not None and not scope else None)

    def _compile(self, patterns: list[str], ignore_case: bool, env: CompileEnv,
                 key: str) -> Any:
        for i, pattern in enumerate(patterns):
            try:
                compile_re2(pattern, ignore_case)
            except RegexError as exc:
                where = (key, i) if len(patterns) > 1 else (key,)
                env.problem(where, f"rule {_rule_id(env)}: invalid regex: {exc}",
                            "RE2 syntax: no lookaround or backreferences; use the unless_* "
                            "options for context conditions")
                self.ok = False
        if not self.ok or not patterns:
            return None
        joined = patterns[0] if len(patterns) == 1 else "|".join(f"(?:{p})" for p in patterns)
        try:
            return compile_re2(joined, ignore_case)
        except RegexError as exc:  # e.g. the same group name in two alternatives
            env.problem(key, f"rule {_rule_id(env)}: patterns cannot be combined: {exc}",
                        "give each named group a distinct name across alternatives")
            self.ok = False
            return None

    def _compile_opt(self, options: Mapping[str, Any], key: str, ignore_case: bool,
                     env: CompileEnv) -> Any:
        if key not in options:
            return None
        return self._compile([options[key]], ignore_case, env, key)

    def finditer(self, text: str) -> Iterator[Match]:
        if self.regex is None:
            return iter(())
        if self._slot is not None and self._prefilter is not None and \
                self._slot not in self._prefilter.hits(text):
            return iter(())  # the pattern occurs nowhere in the text: nothing to look at
        return self._matches(text)

    def _matches(self, text: str) -> Iterator[Match]:
        lo = 0
        hi = len(text)
        if self.first_chars is not None:
            hi = min(hi, self.first_chars)
        if self.last_chars is not None:
            lo = max(0, len(text) - self.last_chars)
        view = text[lo:hi]
        quoted: QuotedSpans | None = None
        for m in self.regex.finditer(view):
            start, end = m.start() + lo, m.end() + lo
            if end == start:
                continue
            if self.before is not None and self.before.search(
                    text[max(0, start - self.window):start]):
                continue
            if self.after is not None and self.after.search(text[end:end + self.window]):
                continue
            if self.exclude is not None and self.exclude.search(text[start:end]):
                continue
            if self.near is not None and self.near.search(
                    text[max(0, start - self.near_chars):end + self.near_chars]):
                continue
            if self.only_near is not None and not self.only_near.search(
                    text[max(0, start - self.near_chars):end + self.near_chars]):
                continue
            if self.unless_quoted:
                quoted = quoted or QuotedSpans(text)  # computed once, only when something matched
                if quoted.contains(start):
                    continue
            yield Match(start, end, text[start:end], found=m)


# Opening and closing double quotation marks; a straight " opens or closes by alternation.
_QUOTE_MARKS = compile_re2('["\u201c\u201d\u00ab\u00bb\u201e\n]')
_OPENERS = "\u201c\u00ab\u201e"
_CLOSERS = "\u201d\u00bb"
UNCLOSED_QUOTE_CHARS = 600  # longer than nearly every quoted passage in news copy


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the quoted passages of ``text``, in order.

    Double quotation marks only (straight, curly, guillemets): single marks are also
    apostrophes. A quote left open ends at the end of its paragraph, as news style opens every
    paragraph of a long quotation without closing the earlier ones, but after at most
    ``UNCLOSED_QUOTE_CHARS``: a stray mark in a text without paragraph breaks must not silence
    the rest of the article. A closing mark with no opening one is ignored.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _QUOTE_MARKS.finditer(text):
        mark, at = m.group(0), m.start()
        if open_at is not None and at - open_at > UNCLOSED_QUOTE_CHARS:
            spans.append((open_at, open_at + UNCLOSED_QUOTE_CHARS))
            open_at = None
        if mark == "\n":
            if open_at is not None:
                spans.append((open_at, at))
                open_at = None
        elif open_at is None:
            if mark == '"' or mark in _OPENERS:
                open_at = at
        elif mark == '"' or mark in _CLOSERS:
            spans.append((open_at, at + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, min(len(text), open_at + UNCLOSED_QUOTE_CHARS)))
    return spans


class QuotedSpans:
    """``quoted_spans`` of one text, searchable by offset."""

    def __init__(self, text: str) -> None:
        self.spans = quoted_spans(text)
        self.starts = [start for start, _ in self.spans]

    def contains(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]


def _rule_id(env: CompileEnv) -> str:
    node: Any = env.doc.data
    try:
        for part in env.at:
            node = node[part]
        return str(node.get("id", "?"))
    except (KeyError, IndexError, TypeError, AttributeError):
        return "?"
