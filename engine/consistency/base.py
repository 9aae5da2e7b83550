"""What every consistency check returns, and the text helpers several checks share.

A check finds ``Conflict``s: two (or more) places in one article that cannot both be true, or
one place that contradicts the record. Each side is a character range of the article; the kind
(``engine.kinds.consistency``) turns each conflict into one ``Finding`` whose spans quote every
side, and whose message renders the rule's ``explain`` template with ``subject``, ``a``, ``b``
and ``why``.

Everything here scans with RE2 (``engine.regex``) or plain string methods: article text never
meets Python's backtracking ``re`` module.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.mentions import sentence_at, sentence_ranges
from engine.mentions.sentences import is_headline as is_headline
from engine.mentions.sentences import line_of as line_of
from engine.regex import (
    Match,
    Pattern,
    RegexError,
    compile_re2,
    escape_literal,
    literal_alternation,
)
from engine.rule import ArticleContext, CheckModule, CompileEnv, Finder


@dataclass(frozen=True)
class Side:
    """One quoted side of a conflict: ``text[start:end]`` of the article."""

    start: int
    end: int


@dataclass(frozen=True)
class Conflict:
    """Sides that cannot all be true, what they are about, and why not.

    ``sides`` holds at least one range; two or more for a contradiction inside the article
    (a false claim whose contradiction is the record, not the text, has one). ``subject`` names
    the thing both sides speak of ("Syria chief of staff"); ``why`` is a full sentence a reviewer
    can check.
    """

    subject: str
    sides: tuple[Side, ...]
    why: str


# A prepared check: one article in, its conflicts out (in text order, no duplicates).
Check = Finder[Conflict]


# The contract of one module in ``engine/consistency/`` (see the package docstring).
ConsistencyCheck = CheckModule[Check]


def compile_option(env: CompileEnv, key: str | tuple[str | int, ...], pattern: str,
                   ignore_case: bool = False) -> Pattern | None:
    """Compile one RE2 pattern from a rule option; report a located problem and return None
    when RE2 refuses it."""
    try:
        return compile_re2(pattern, ignore_case)
    except RegexError as exc:
        env.problem(key, f"invalid regex: {exc}",
                    "RE2 syntax: no lookaround or backreferences")
        return None


def compile_patterns(env: CompileEnv, options: object, *keys: str) -> tuple[Pattern, ...] | None:
    """The case-blind RE2 patterns of the string options ``keys`` of a check's typed
    ``options``, in order; None when RE2 refuses any (each refusal reported at its option, so a
    rule with two bad patterns shows both)."""
    patterns = [compile_option(env, key, getattr(options, key), True) for key in keys]
    compiled = tuple(p for p in patterns if p is not None)
    return compiled if len(compiled) == len(keys) else None


def group_start(match: Match, name: str) -> int:
    """Start offset of a named group (google-re2 matches take group numbers only)."""
    start: int = match.start(match.re.groupindex[name])
    return start


def group_end(match: Match, name: str) -> int:
    """End offset of a named group (google-re2 matches take group numbers only)."""
    end: int = match.end(match.re.groupindex[name])
    return end


# The text readers are shared with the temporal kinds (``engine.mentions``): one sentence
# splitter (memoised per article), one line and headline reading, one literal alternation.
sentences = sentence_ranges
sentence_of = sentence_at
alternation = literal_alternation
escape = escape_literal


def quote(ctx: ArticleContext, side: Side, limit: int = 160) -> str:
    """The text of one side on a single line, shortened with an ellipsis past ``limit``."""
    text = " ".join(ctx.text[side.start:side.end].split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
