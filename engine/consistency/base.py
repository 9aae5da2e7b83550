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

from engine.regex import RegexError, compile_re2
from engine.rule import ArticleContext, CompileEnv


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

# Where a sentence may end: terminal punctuation (with closing quotes) then blanks or a line
# break ("$2.1bn", "nextfin.ai" do not end one), a blank line, or a line break. Which of these
# really end a sentence is decided in ``sentences``.
_BOUNDARY = compile_re2(
    r"[.!?]+[\"”’')\]]*(?:[ \t]*\n[ \t\n]*|[ \t]+)|\n[ \t]*(?:\n[ \t]*)*")
# A full stop after these words (case-blind) is an abbreviation, not a sentence end:
# "Maj. Gen. Ali al-Naasan", "U.S. officials", "Jan. 3".
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "maj", "lt", "col", "brig", "capt", "cmdr", "cdr",
    "adm", "sgt", "cpl", "pvt", "gov", "sen", "rep", "rev", "hon", "st", "jr", "sr", "no", "vs",
    "etc", "inc", "corp", "co", "ltd", "bros", "dept", "est", "fig", "approx", "ave", "blvd", "mt",
    "ft", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m"
})


def sentences(ctx: ArticleContext) -> list[tuple[int, int]]:
    """The article's sentences as (start, end) ranges, computed once per article.

    A sentence ends at ``.``/``!``/``?`` followed by a blank (unless the word before the full
    stop is an abbreviation or an initial, or the next word starts in lower case), at a blank
    line, or at a single line break when the line does not read as running on (hard-wrapped
    newswire breaks lines mid-sentence, after a lower-case letter or a comma).
    """
    cached = ctx.memo.get("consistency.sentences")
    if cached is None:
        cached = split_sentences(ctx.text)
        ctx.memo["consistency.sentences"] = cached
    result: list[tuple[int, int]] = cached
    return result


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``sentences`` for a bare text (see there)."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        cut, after = m.start(), m.end()
        if after >= len(text):
            break
        chunk = text[cut:after]
        if chunk[0] in ".!?":
            if "\n" not in chunk and not _ends_sentence(text, cut, after):
                continue
        elif chunk.count("\n") == 1 and _runs_on(text, cut, after):
            continue
        end = cut + (len(chunk) - len(chunk.lstrip(".!?\"”’')]")))
        if end > start:
            out.append((start, end))
        start = after
    if start < len(text) and text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


def _ends_sentence(text: str, cut: int, after: int) -> bool:
    if text[cut] != ".":
        return True
    word_start = cut
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:cut].lower()
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return False
    nxt = text[after] if after < len(text) else ""
    return not nxt.islower()


def _runs_on(text: str, cut: int, after: int) -> bool:
    before = text[:cut].rstrip(" \t")
    last = before[-1] if before else ""
    nxt = text[after] if after < len(text) else ""
    return last.islower() or last in ",;-–" or nxt.islower()


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
