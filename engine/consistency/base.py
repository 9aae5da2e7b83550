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

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from engine.kinds.base import ArticleContext, CompileEnv
from engine.mentions import mention_index
from engine.mentions.sentences import split_sentences
from engine.regex import RegexError, compile_re2


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


class Check(Protocol):
    """A prepared check: one article in, its conflicts out (in text order, no duplicates)."""

    def find(self, ctx: ArticleContext) -> list[Conflict]: ...


class CheckModule(Protocol):
    """The contract of one module in ``engine/consistency/`` (see the package docstring)."""

    NAME: str
    OPTIONS: Mapping[str, Any]
    REQUIRED: tuple[str, ...]

    def build(self, options: Mapping[str, Any], env: CompileEnv) -> Check | None: ...


def compile_option(env: CompileEnv, key: str | tuple[str | int, ...], pattern: str,
                   ignore_case: bool = False) -> Any:
    """Compile one RE2 pattern from a rule option; report a located problem and return None
    when RE2 refuses it."""
    try:
        return compile_re2(pattern, ignore_case)
    except RegexError as exc:
        env.problem(key, f"invalid regex: {exc}",
                    "RE2 syntax: no lookaround or backreferences")
        return None


def group_start(match: Any, name: str) -> int:
    """Start offset of a named group (google-re2 matches take group numbers only)."""
    start: int = match.start(match.re.groupindex[name])
    return start


def group_end(match: Any, name: str) -> int:
    """End offset of a named group (google-re2 matches take group numbers only)."""
    end: int = match.end(match.re.groupindex[name])
    return end


def alternation(phrases: Sequence[str]) -> str:
    """An RE2 alternation matching any of ``phrases`` literally, longest first (so "Chief of
    the General Staff" wins over "Chief of Staff"), with any run of blanks between words."""
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "|".join(r"[ \t]+".join(escape(word) for word in p.split()) for p in ordered)


def escape(text: str) -> str:
    """``text`` as an RE2 literal: ASCII punctuation backslashed (RE2 accepts that for every
    ASCII punctuation mark), letters, digits and non-ASCII characters as they are."""
    return "".join("\\" + ch if ch.isascii() and not ch.isalnum() and ch != " " else ch
                   for ch in text)


# --------------------------------------------------------------------------- sentences

def sentences(ctx: ArticleContext) -> list[tuple[int, int]]:
    """The article's sentences as (start, end) ranges, computed once per article by the
    text readers' one splitter (``engine.mentions.sentences``) with the lexicon's
    abbreviations."""
    cached = ctx.memo.get("consistency.sentences")
    if cached is None:
        cached = split_sentences(ctx.text, mention_index(ctx.knowledge).lexicon.abbreviations)
        ctx.memo["consistency.sentences"] = cached
    result: list[tuple[int, int]] = cached
    return result


def sentence_of(ctx: ArticleContext, pos: int) -> tuple[int, int]:
    """The sentence range containing offset ``pos`` (the nearest one before it, in a gap)."""
    ranges = sentences(ctx)
    starts = ctx.memo.get("consistency.sentence_starts")
    if starts is None:
        starts = [start for start, _ in ranges]
        ctx.memo["consistency.sentence_starts"] = starts
    i = bisect.bisect_right(starts, pos) - 1
    return ranges[i] if i >= 0 else (0, len(ctx.text))


# --------------------------------------------------------------------------- lines

_SMALL_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with", "from",
    "as", "vs", "via", "into", "over", "per"
})


def line_of(text: str, pos: int) -> tuple[int, int]:
    """The (start, end) of the line containing ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end == -1 else end)


def is_headline(line: str) -> bool:
    """Whether a line reads as a Title Case heading ("Defence Minister Meets Russian Envoy").

    In headings every word is capitalised, so a capitalised word after a title is not evidence
    of a name: checks that read names after titles skip such lines. A heading has at least
    three words, most of its non-small words capitalised, and no closing full stop.
    """
    stripped = line.strip()
    if not stripped or stripped.endswith("."):
        return False
    words = [w for w in stripped.split() if any(ch.isalpha() for ch in w)]
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(words) < 3 or not content:
        return False
    capitalised = sum(1 for w in content if w.lstrip("\"“‘'(")[:1].isupper())
    return capitalised >= 0.8 * len(content)


def quote(ctx: ArticleContext, side: Side, limit: int = 160) -> str:
    """The text of one side on a single line, shortened with an ellipsis past ``limit``."""
    text = " ".join(ctx.text[side.start:side.end].split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
