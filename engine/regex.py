"""The one place patterns are compiled: always RE2, so matching is linear in the text.

RE2 has no backreferences and no lookaround; rules express "not preceded by 'former'" with the
``unless_preceded_by`` option instead (see ``engine.matching``).

``Regex`` calls RE2's matcher directly rather than through google-re2's Python layer, which
re-encodes the whole text to UTF-8 on every search and rebuilds the group-name table on every
named-group access. Here a text is encoded once (the last long text is kept, as one article is
searched by every rule in turn), an all-ASCII text needs no offset conversion at all (byte and
character offsets agree), and group names are resolved once, at compile time. Results are
exactly google-re2's: the same spans, the same empty-match stepping (``tests/test_regex.py``).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any

import re2
from re2 import _re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # errors are reported as Problems; RE2's own stderr log is noise
_OPTIONS.max_mem = 64 << 20

_UNANCHORED = _re2.RE2.Anchor.UNANCHORED
_ANCHOR_START = _re2.RE2.Anchor.ANCHOR_START
_ANCHOR_BOTH = _re2.RE2.Anchor.ANCHOR_BOTH
_NULL_SPAN = (-1, -1)

# Texts at least this long are worth keeping encoded between searches; shorter ones (windows
# around a match) are cheaper to encode again than to look up.
_KEEP_CHARS = 256


class Encoded:
    """A text and its UTF-8 bytes, with offset conversion both ways.

    ASCII text (``str.isascii`` is O(1) in CPython) needs no table; otherwise ``char_at``
    holds the byte offset of every character (plus the end), built on first use.
    """

    __slots__ = ("_char_at", "ascii", "data", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.ascii = text.isascii()
        self.data = text.encode("ascii" if self.ascii else "utf-8")
        self._char_at: list[int] | None = None

    @property
    def char_at(self) -> list[int]:
        if self._char_at is None:
            widths = (1 if ch < "\x80" else 2 if ch < "\u0800" else 3 if ch < "\U00010000"
                      else 4 for ch in self.text)
            self._char_at = list(itertools.accumulate(widths, initial=0))
        return self._char_at

    def to_bytes(self, offset: int) -> int:
        return offset if self.ascii else self.char_at[offset]

    def to_chars(self, offset: int) -> int:
        """The character offset of byte ``offset`` (a character boundary, as RE2 reports)."""
        return offset if self.ascii else bisect.bisect_left(self.char_at, offset)


_last: Encoded | None = None


def encoded(text: str) -> Encoded:
    """``text`` encoded, reusing the encoding of the last long text searched."""
    global _last
    last = _last
    if last is not None and last.text is text:
        return last
    enc = Encoded(text)
    if len(text) >= _KEEP_CHARS:
        _last = enc
    return enc


class Match:
    """One match: google-re2's match API (groups by number or name) over character offsets."""

    __slots__ = ("_regex", "_spans", "_text", "endpos", "pos")

    def __init__(self, regex: Regex, text: str, spans: list[tuple[int, int]], pos: int,
                 endpos: int) -> None:
        self._regex = regex
        self._text = text
        self._spans = spans
        self.pos = pos
        self.endpos = endpos

    @property
    def re(self) -> Regex:
        return self._regex

    @property
    def string(self) -> str:
        return self._text

    def _span(self, group: int | str) -> tuple[int, int]:
        # By number is the common case (kinds resolve names once): one type test, no call.
        if type(group) is int and 0 <= group < len(self._spans):
            return self._spans[group]
        if isinstance(group, str):
            try:
                return self._spans[self._regex.groupindex[group]]
            except KeyError:
                raise IndexError("bad group name") from None
        raise IndexError("bad group index")

    def __getitem__(self, group: int | str) -> str | None:
        start, end = self._span(group)
        return None if start == -1 else self._text[start:end]

    def group(self, *groups: int | str) -> Any:
        if not groups:
            start, end = self._spans[0]
            return self._text[start:end]
        if len(groups) == 1:
            return self[groups[0]]
        return tuple(self[g] for g in groups)

    def groups(self, default: str | None = None) -> tuple[str | None, ...]:
        text = self._text
        return tuple(default if s == -1 else text[s:e] for s, e in self._spans[1:])

    def groupdict(self, default: str | None = None) -> dict[str, str | None]:
        spans, text = self._spans, self._text
        out: dict[str, str | None] = {}
        for name, index in self._regex.groupindex.items():
            s, e = spans[index]
            out[name] = default if s == -1 else text[s:e]
        return out

    def start(self, group: int | str = 0) -> int:
        return self._span(group)[0]

    def end(self, group: int | str = 0) -> int:
        return self._span(group)[1]

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._span(group)

    @property
    def regs(self) -> tuple[tuple[int, int], ...]:
        """The span of every group by number, (-1, -1) for one that did not take part, as
        ``re.Match.regs``: a caller reading many groups of many matches indexes this instead
        of making one call per group."""
        return tuple(self._spans)


# What a Unicode property matches among ASCII characters, inside a class. Only these are
# rewritten; a pattern with any other property gets no ASCII twin.
_ASCII_PROPERTIES = {"L": "A-Za-z", "Lu": "A-Z", "Ll": "a-z", "N": "0-9", "Nd": "0-9", "M": ""}
# Every non-ASCII character except the two whose case folds to an ASCII letter (U+017F long
# s, U+212A Kelvin sign): added to a negated class, it leaves the class only its ASCII
# members, and case-blind matching does not take K, k, S or s out with them.
_NON_ASCII = r"\x{80}-\x{17E}\x{180}-\x{2129}\x{212B}-\x{10FFFF}"
# Outside a class: negated classes and the dot, as their ASCII members.
_ASCII_ESCAPES = {"W": f"[^0-9A-Za-z_{_NON_ASCII}]", "S": f"[^\\t\\n\\f\\r {_NON_ASCII}]",
                  "D": f"[^0-9{_NON_ASCII}]"}
_ASCII_DOT = f"[^\\n{_NON_ASCII}]"
_DOTALL = re.compile(r"\(\?[a-zA-Z]*s")  # a flag group that lets . match a line break


def ascii_twin(source: str) -> str | None:
    r"""``source`` with every class cut down to its ASCII members, or None when nothing
    changes or it cannot be rewritten safely: Unicode letter, digit and mark properties
    (``\p{L}`` -> ``[A-Za-z]``), non-ASCII members of classes (``[\s\-\x{2010}’]`` ->
    ``[\s\-]``), and negated classes, the dot and ``\W \S \D`` (which match any non-ASCII
    character) with the non-ASCII characters taken out (``[^"\n]`` -> ``[^"\n\x{80}-...]``).

    On ASCII text the twin matches exactly where ``source`` does, with the same groups: every
    class keeps the same ASCII members (RE2's ``\w \d \s \b`` are ASCII already, and other
    characters cannot occur), and a mark (``\p{M}``) has no ASCII member. Its program is far
    smaller, as a class of non-ASCII characters is many UTF-8 byte sequences (number-
    conflict's number pattern: ~12,600 instructions -> ~660; a quotation of up to 600
    characters of ``[^"\n]``: six sequences per character fewer), which makes its DFA smaller
    and each search cheaper. Anything unusual (``\P``, ``\pL``, ``\C``, other properties,
    POSIX classes, ``\Q``, a mark outside a class, a class left empty) gives None: no twin.
    """
    dotall = _DOTALL.search(source) is not None
    out: list[str] = []
    in_class = negated = False
    class_start = 0  # where the members of the current class start in ``out``
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            nxt = source[i + 1:i + 2]
            if nxt == "p" and source[i + 2:i + 3] == "{":
                close = source.find("}", i + 3)
                members = _ASCII_PROPERTIES.get(source[i + 3:close]) if close > 0 else None
                if members is None or (not in_class and not members):
                    return None
                if in_class and ((len(out) > class_start and out[-1] == "-") or (
                        source[close + 1:close + 2] == "-" and source[close + 2:close + 3] != "]")):
                    return None  # a property next to a range dash: leave it to RE2
                out.append(members if in_class else f"[{members}]")
                i = close + 1
                continue
            if nxt in ("P", "p", "Q", "C", ""):
                return None
            if nxt == "x":  # \x{HHHH} or \xHH: one member, kept whole
                close = source.find("}", i) + 1 if source[i + 2:i + 3] == "{" else i + 4
                token = source[i:close]
                try:
                    code = int(token[2:].strip("{}"), 16)
                except ValueError:
                    return None
                if in_class and not negated and _droppable(code):
                    if _next_to_dash(source, close, out, class_start):
                        return None
                else:
                    out.append(token)
                i = close
                continue
            out.append(_ASCII_ESCAPES[nxt] if not in_class and nxt in _ASCII_ESCAPES
                       else source[i:i + 2])
            i += 2
            continue
        if in_class:
            if ch == "[" and source[i + 1:i + 2] == ":":
                return None  # a POSIX class inside a class
            if not negated and _droppable(ord(ch)):
                if _next_to_dash(source, i + 1, out, class_start):
                    return None
                i += 1
                continue
            if ch == "]":
                if not "".join(out[class_start:]):
                    return None  # the class lost all its members
                if negated and out[-1] != "-":
                    out.append(_NON_ASCII)
                elif negated:  # after a final dash the ranges would make a range of it
                    if out[class_start] == "]":
                        return None
                    out.insert(class_start, _NON_ASCII)
                in_class = False
            out.append(ch)
            i += 1
            continue
        if ch == "[":
            in_class, negated = True, source[i + 1:i + 2] == "^"
            out.append(ch)
            i += 1
            if negated:
                out.append("^")
                i += 1
            class_start = len(out)
            if source[i:i + 1] == "]":  # a leading ] is a member
                out.append("]")
                i += 1
            continue
        out.append(_ASCII_DOT if ch == "." and not dotall else ch)
        i += 1
    twin = "".join(out)
    return twin if twin != source else None


def _droppable(code: int) -> bool:
    """A member of a (positive) class that ASCII text cannot hold: any non-ASCII character
    but the two that case-fold to an ASCII letter (U+017F, U+212A)."""
    return code >= 0x80 and code not in (0x17F, 0x212A)


def _next_to_dash(source: str, after: int, out: list[str], class_start: int) -> bool:
    """Whether the class member ending at ``source[after]`` is an end of a range."""
    return (len(out) > class_start and out[-1] == "-") or (
        source[after:after + 1] == "-" and source[after + 1:after + 2] != "]")


class Regex:
    """A compiled RE2 pattern with the subset of ``re.Pattern`` that google-re2 implements.

    ASCII text is searched with the pattern's ASCII twin when it has one (``ascii_twin``)."""

    __slots__ = ("_ascii", "_py", "_re2", "_source", "groupindex", "groups")

    def __init__(self, source: str) -> None:
        self._source = source
        self._py = re2.compile(source, _OPTIONS)  # raises re2.error
        self._re2 = self._py._regexp
        self._ascii = self._re2  # what searches ASCII text
        twin = ascii_twin(source)
        if twin is not None:
            try:
                compiled = re2.compile(twin, _OPTIONS)
            except re2.error:
                compiled = None
            if compiled is not None and compiled.groups == self._py.groups and \
                    compiled.groupindex == self._py.groupindex:
                self._ascii = compiled._regexp
        self.groups: int = self._py.groups
        self.groupindex: dict[str, int] = dict(self._py.groupindex)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_from_source, (self._source,))

    def __repr__(self) -> str:
        return f"Regex({self._source!r})"

    @property
    def pattern(self) -> str:
        return self._source

    def _iter(self, anchor: Any, text: str, pos: int | None,
              endpos: int | None) -> Iterator[Match]:
        # The loop of google-re2's _Regexp._match, minus its per-call encoding and
        # offset dictionaries.
        n = len(text)
        pos = 0 if pos is None else max(0, min(pos, n))
        endpos = n if endpos is None else max(0, min(endpos, n))
        if pos > endpos:
            return
        enc = encoded(text)
        data = enc.data
        if enc.ascii:
            match = self._ascii.Match
            bpos, bend = pos, endpos
            while True:
                spans = match(anchor, data, bpos, bend)
                whole = spans[0]
                if whole[0] == -1:
                    return
                yield Match(self, text, spans, pos, endpos)
                if bpos == bend:
                    return
                bpos = bpos + 1 if bpos == whole[1] else whole[1]
        match = self._re2.Match
        char_at = enc.char_at
        bpos, bend = char_at[pos], char_at[endpos]
        while True:
            spans = match(anchor, data, bpos, bend)
            whole = spans[0]
            if whole[0] == -1:
                return
            chars = [_NULL_SPAN if s == -1 else (bisect.bisect_left(char_at, s),
                                                 bisect.bisect_left(char_at, e))
                     for s, e in spans]
            yield Match(self, text, chars, pos, endpos)
            if bpos == bend:
                return
            # After an empty match, step one character to make progress.
            bpos = (char_at[bisect.bisect_left(char_at, bpos) + 1] if bpos == whole[1]
                    else whole[1])

    def _first(self, anchor: Any, text: str, pos: int | None,
               endpos: int | None) -> Match | None:
        # search/match/fullmatch, called ~50 times per article: ASCII text without a
        # generator; anything else through _iter.
        n = len(text)
        lo = 0 if pos is None else max(0, min(pos, n))
        hi = n if endpos is None else max(0, min(endpos, n))
        enc = encoded(text)
        if not enc.ascii or lo > hi:
            return next(self._iter(anchor, text, pos, endpos), None)
        spans = self._ascii.Match(anchor, enc.data, lo, hi)
        return None if spans[0][0] == -1 else Match(self, text, spans, lo, hi)

    def search(self, text: str, pos: int | None = None,
               endpos: int | None = None) -> Match | None:
        return self._first(_UNANCHORED, text, pos, endpos)

    def match(self, text: str, pos: int | None = None,
              endpos: int | None = None) -> Match | None:
        return self._first(_ANCHOR_START, text, pos, endpos)

    def fullmatch(self, text: str, pos: int | None = None,
                  endpos: int | None = None) -> Match | None:
        return self._first(_ANCHOR_BOTH, text, pos, endpos)

    def finditer(self, text: str, pos: int | None = None,
                 endpos: int | None = None) -> Iterator[Match]:
        # Most searches of an article find nothing (~22 of ~27 per bench article): on ASCII
        # text the first search runs here, and a miss returns an empty iterator, no generator.
        if pos is None and endpos is None:
            enc = encoded(text)
            if enc.ascii:
                end = len(text)
                spans = self._ascii.Match(_UNANCHORED, enc.data, 0, end)
                if spans[0][0] == -1:
                    return iter(())
                return self._ascii_rest(text, enc.data, spans, end)
        return self._iter(_UNANCHORED, text, pos, endpos)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of every match of ``finditer(text)``, without match objects: for
        a caller that reads no groups and many matches (a sentence splitter)."""
        enc = encoded(text)
        if not enc.ascii:
            return [m.span() for m in self._iter(_UNANCHORED, text, None, None)]
        data, match, end = enc.data, self._ascii.Match, len(text)
        out: list[tuple[int, int]] = []
        bpos = 0
        while True:
            whole = match(_UNANCHORED, data, bpos, end)[0]
            if whole[0] == -1:
                return out
            out.append(whole)
            if bpos == end:
                return out
            bpos = bpos + 1 if bpos == whole[1] else whole[1]

    def _ascii_rest(self, text: str, data: bytes, spans: list[tuple[int, int]],
                    end: int) -> Iterator[Match]:
        """``_iter``'s ASCII loop over the whole text, its first search already made."""
        match = self._ascii.Match
        bpos = 0
        while True:
            yield Match(self, text, spans, 0, end)
            if bpos == end:
                return
            whole = spans[0]
            bpos = bpos + 1 if bpos == whole[1] else whole[1]
            spans = match(_UNANCHORED, data, bpos, end)
            if spans[0][0] == -1:
                return

    # The rarely used rest is google-re2's own.
    def findall(self, text: str, pos: int | None = None, endpos: int | None = None) -> list[Any]:
        found: list[Any] = self._py.findall(text, pos, endpos)
        return found

    def sub(self, repl: str, text: str, count: int = 0) -> str:
        replaced: str = self._py.sub(repl, text, count)
        return replaced

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        pieces: list[str] = self._py.split(text, maxsplit)
        return pieces


# What callers annotate with: the compiled pattern and its match.
Pattern = Regex


def _from_source(source: str) -> Regex:
    return Regex(source)


class RegexError(ValueError):
    """A pattern RE2 refuses, with RE2's own message."""


@functools.lru_cache(maxsize=4096)
def compile_re2(pattern: str, ignore_case: bool = False) -> Regex:
    """Compile with RE2; raise RegexError carrying RE2's message."""
    source = f"(?i){pattern}" if ignore_case else pattern
    try:
        return Regex(source)
    except re2.error as exc:
        message = exc.args[0] if exc.args else str(exc)
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        raise RegexError(str(message)) from None


class PatternSet:
    """Which of many patterns may occur in a text, decided in one pass (RE2's FilteredRE2).

    The prefilter of a ruleset: every rule's main pattern is added at compile time, and a
    rule searches a text only when its slot is among the ``hits``. FilteredRE2 reduces each
    pattern to the literal strings ("atoms") any match must contain, finds all atoms of all
    patterns in one scan for literals, and names the patterns whose atoms are all there: a
    superset of the patterns that match (one with no atoms is always named), so a rule it
    leaves out has nothing to find. That scan is several times cheaper than one RE2::Set of
    the patterns themselves. Built on first use (adding a pattern later rebuilds it); keeps
    the hits of the last text, as every rule asks about the same article in turn.
    """

    def __init__(self) -> None:
        self._sources: list[str] = []
        self._filter: Any = None
        self._text: str | None = None
        self._hits: frozenset[int] = frozenset()

    def __len__(self) -> int:
        return len(self._sources)

    def add(self, regex: Regex) -> int | None:
        """The slot of ``regex`` (what ``hits`` reports), or None if FilteredRE2 refuses it."""
        if _re2.Filter().Add(regex.pattern.encode("utf-8"), _OPTIONS) == -1:
            return None
        self._sources.append(regex.pattern)
        self._filter, self._text = None, None
        return len(self._sources) - 1

    def _build(self) -> Any:
        built = _re2.Filter()
        for source in self._sources:
            built.Add(source.encode("utf-8"), _OPTIONS)
        # Matching an uncompiled filter would crash RE2; one that does not compile (or has
        # nothing in it) filters nothing: every slot is a hit.
        return built if self._sources and built.Compile() else False

    def hits(self, text: str) -> frozenset[int]:
        """The slots of the patterns that may match somewhere in ``text`` (a superset of
        those that do)."""
        if text is not self._text:
            if self._filter is None:
                self._filter = self._build()
            if self._filter is False:
                self._hits = frozenset(range(len(self._sources)))
            else:
                self._hits = frozenset(self._filter.Match(encoded(text).data, True))
            self._text = text
        return self._hits


def group_names(compiled: Regex) -> set[str]:
    return set(compiled.groupindex)
def escape_literal(text: str) -> str:
    """``text`` as an RE2 literal: ASCII punctuation backslashed (RE2 accepts that for every
    ASCII punctuation mark), letters, digits and non-ASCII characters as they are."""
    return "".join("\\" + ch if ch.isascii() and not ch.isalnum() and ch != " " else ch
                   for ch in text)


def literal_alternation(phrases: Iterable[str]) -> str:
    """An RE2 alternation matching any of ``phrases`` literally, longest first (so "Chief of
    the General Staff" wins over "Chief of Staff"), with any run of blanks between words."""
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "|".join(r"[ \t]+".join(escape_literal(word) for word in p.split()) for p in ordered)
