"""Pattern matching with the context conditions rules need but RE2 cannot express.

RE2 has no lookaround, so "not preceded by 'former'" is a rule option: a match is dropped when
one of ``unless_preceded_by`` matches in the ``window`` characters before it (or
``unless_followed_by`` after it), ``unless_near`` matches within ``near_chars`` either side, or
``unless_match`` matches the matched text itself (e.g. a pronoun where a name should be).
``scope`` limits matching to the head or tail of the article (datelines, trailing residue).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from engine.regex import RegexError, compile_re2, group_names
from engine.rule import CompileEnv

# JSON Schema for the options every pattern-based kind accepts.
MATCH_OPTIONS: dict[str, Any] = {
    "pattern": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"},
                                                "minItems": 1}]},
    "ignore_case": {"type": "boolean"},
    "unless_preceded_by": {"type": "string"},
    "unless_followed_by": {"type": "string"},
    "window": {"type": "integer", "minimum": 1, "maximum": 2000},
    "unless_near": {"type": "string"},
    "unless_match": {"type": "string"},
    "near_chars": {"type": "integer", "minimum": 1, "maximum": 5000},
    "scope": {"type": "object", "additionalProperties": False,
              "properties": {"first_chars": {"type": "integer", "minimum": 1},
                             "last_chars": {"type": "integer", "minimum": 1}}},
}


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    groups: Mapping[str, str | None]


class Matcher:
    """A compiled pattern (alternatives joined) plus its context conditions."""

    def __init__(self, options: Mapping[str, Any], env: CompileEnv, key: str = "pattern",
                 prefix: str = "") -> None:
        self.ok = True
        ignore_case = bool(options.get(f"{prefix}ignore_case", options.get("ignore_case", False)))
        raw = options.get(key)
        patterns = [raw] if isinstance(raw, str) else list(raw or [])
        self.regex = self._compile(patterns, ignore_case, env, key)
        self.before = self._compile_opt(options, f"{prefix}unless_preceded_by", ignore_case, env)
        self.after = self._compile_opt(options, f"{prefix}unless_followed_by", ignore_case, env)
        self.near = self._compile_opt(options, f"{prefix}unless_near", ignore_case, env)
        self.exclude = self._compile_opt(options, f"{prefix}unless_match", ignore_case, env)
        self.window = int(options.get(f"{prefix}window", options.get("window", 40)))
        self.near_chars = int(options.get(f"{prefix}near_chars", options.get("near_chars", 200)))
        scope = options.get(f"{prefix}scope", options.get("scope")) or {}
        self.first_chars: int | None = scope.get("first_chars")
        self.last_chars: int | None = scope.get("last_chars")
        self.groups = group_names(self.regex) if self.regex is not None else set()

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
            return
        lo = 0
        hi = len(text)
        if self.first_chars is not None:
            hi = min(hi, self.first_chars)
        if self.last_chars is not None:
            lo = max(0, len(text) - self.last_chars)
        view = text[lo:hi]
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
            yield Match(start, end, text[start:end], m.groupdict())


def _rule_id(env: CompileEnv) -> str:
    node: Any = env.doc.data
    try:
        for part in env.at:
            node = node[part]
        return str(node.get("id", "?"))
    except (KeyError, IndexError, TypeError, AttributeError):
        return "?"
