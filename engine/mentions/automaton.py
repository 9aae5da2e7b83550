"""Every alias of the knowledge base in one Aho-Corasick automaton, matched on name keys.

A giant regular-expression alternation of tens of thousands of spelling-tolerant names is slow
to compile and to run. Instead the article is cut into words once, each word is turned into
its name-key token (``engine.mentions.names``: accents and apostrophes gone, case folded,
repeated letters collapsed, the Arabic article "al"/"el" dropped), and the keys of all aliases
are found in that token stream with one automaton (``pyahocorasick``) in a single pass. Two
spellings that share a key ("al-Naasan", "Al-Nassan") are one entry, so the automaton holds one
word per key, not one per spelling.

What the token stream keeps from the text:

- *boundaries*: a key matches whole words only (the stream is `` k1 k2 k3 ``, keys are
  looked up as `` key ``);
- *joins*: words join into one name across blanks, hyphens and initials' dots ("George W.
  Bush", "Yunus-Bek"); any other punctuation ("Assad, Putin"), a sentence's full stop or a
  possessive ("Assad's") ends the run, so no name spans it;
- *case*: a word the alias writes with a capital must be capitalised in the text ("Will"
  the name, not "will" the verb); a lower-case alias word ("bin", "de") matches either case;
  scripts without case (Arabic) always pass.

Only the stretches of a text around a *content word* are read into the stream: a word of some
key other than the lower-case words aliases contain ("of", "the", "bin"); every key holds one.
A stretch reaches up to the first word on each side that is no word of any key, which would
break a name anyway; the rest ("the", "of", capitalised words of no alias) cannot be in a hit.

``find`` returns the leftmost-longest non-overlapping hits as (start, end, key) with offsets
in the original text.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from functools import lru_cache

import ahocorasick

from engine.mentions.names import APOSTROPHES, PARTICLES, name_tokens, strip_accents

_RUN = re.compile(r"(.)\1+")

# One word: letters and digits, with apostrophes inside ("Na'san", "O'Brien"). Python's `re`
# is safe here: a single character class, no backtracking, and no user input in the pattern.
_WORD = re.compile(r"[^\W_]+(?:['’ʼ‘`ʿʾ][^\W_]+)*")
# What may stand between two words of one name: blanks, hyphens and dots.
_JOIN_CHARS = frozenset(" \t\r\n-\u2010\u2011.")
_JOIN_STRIP = "".join(sorted(_JOIN_CHARS))  # a gap of only these strips to ""
# The text cut into separator, word, separator, ..., word, separator.
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
# The same on ASCII text, where it cuts the same pieces a third faster: ASCII ranges are a
# bitmap test for ``re``, and the other apostrophes cannot occur.
_ASCII_WORD_SPLIT = re.compile(r"([A-Za-z0-9]+(?:['`][A-Za-z0-9]+)*)")
_BREAK = "|"
_POSSESSIVE = ("'s", "’s")
# Spellings classified before the memo of them starts again (a few MB at most).
_SEEN_LIMIT = 200_000


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The name-key token of one word ("Erdoğan" -> "erdogan", "Na'san" -> "nasan")."""
    folded = strip_accents(word).casefold()
    for mark in APOSTROPHES:
        if mark in folded:
            folded = folded.replace(mark, "")
    return _RUN.sub(r"\1", folded)


def _capitalised(word: str) -> bool:
    """False only for a word that starts with a lower-case letter."""
    return not word[:1].islower()


class NameAutomaton:
    """Aliases -> keys, and the search of a text for them (see the module docstring)."""

    def __init__(self) -> None:
        self._capitals: dict[str, tuple[bool, ...]] = {}
        # Keys of the words some alias writes in lower case ("bin", "de", "of"): the only
        # lower-case words of a text that can be part of a name.
        self._lower_words: set[str] = set()
        self._automaton: ahocorasick.Automaton | None = None
        self._tokens: frozenset[str] = frozenset()  # every word of every key
        self._content: frozenset[str] = frozenset()  # of which every key holds one at least
        # The lower-case words a name may contain (alias words and particles), set by build().
        self._keep_lower: frozenset[str] = frozenset()
        # Surface words already classified, those that may be part of a name (particles
        # included), and those that may anchor one (see ``_classify``). One tuple, replaced
        # whole when it is reset: a thread reading it keeps a consistent triple.
        self._memo: tuple[set[str], set[str], set[str]] = (set(), set(), set())

    def add(self, alias: str) -> str | None:
        """Index ``alias``; returns its key (None when it has no letters)."""
        tokens = name_tokens(alias)
        if not tokens or not any(ch.isalpha() for ch in "".join(tokens)):
            return None
        key = " ".join(tokens)
        words = [w for w in _WORD.findall(alias) if word_key(w) not in PARTICLES] or \
            _WORD.findall(alias)
        capitals = tuple(_capitalised(w) and w[:1].isupper() for w in words)
        self._lower_words.update(word_key(w) for w in words if w[:1].islower())
        if len(capitals) != len(tokens):
            capitals = tuple(False for _ in tokens)  # unusual spelling: case-blind
        known = self._capitals.get(key)
        # Several spellings, one key: a capital is required only where every spelling has it.
        self._capitals[key] = capitals if known is None else tuple(
            a and b for a, b in zip(known, capitals, strict=True))
        self._automaton = None
        return key

    def __len__(self) -> int:
        return len(self._capitals)

    def build(self) -> None:
        automaton = ahocorasick.Automaton()
        for key, capitals in self._capitals.items():
            automaton.add_word(f" {key} ", (len(key) + 2, key, capitals))
        if len(automaton):
            automaton.make_automaton()
        self._automaton = automaton
        tokens = {token for key in self._capitals for token in key.split(" ")}
        # Content words: the words of the keys other than those some alias writes in lower
        # case ("of", "the", "and", "bin"), which fill most of a text's kept words. A key made
        # of such words only ("defunct regimes army") makes its own words content.
        content = tokens - self._lower_words
        for key in self._capitals:
            words = key.split(" ")
            if content.isdisjoint(words):
                content.update(words)
        self._tokens, self._content = frozenset(tokens), frozenset(content)
        self._keep_lower = frozenset(self._lower_words | PARTICLES)
        self._memo = (set(), set(), set())

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Leftmost-longest hits of indexed keys in ``text``: (start, end, key)."""
        if self._automaton is None:
            self.build()
        automaton = self._automaton
        assert automaton is not None
        if not len(automaton):
            return []
        pieces = _split(text)
        runs = self._runs(pieces[1::2])
        if not runs:
            return []
        stream, words, starts, ends = _read(text, pieces, self._keep_lower, runs)
        found: list[tuple[int, int, str]] = []
        for end_at, (length, key, capitals) in automaton.iter(stream):
            first = starts.get(end_at - length + 2)
            last = ends.get(end_at)
            if first is None or last is None:
                continue
            span = words[first:last + 1]
            if len(span) != len(capitals) or any(
                    need and not capital for need, (_s, _e, capital)
                    in zip(capitals, span, strict=True)):
                continue
            found.append((span[0][0], span[-1][1], key))
        found.sort(key=lambda hit: (hit[0], -hit[1]))
        hits: list[tuple[int, int, str]] = []
        reach = -1
        for start, end, key in found:
            if start >= reach:
                hits.append((start, end, key))
                reach = end
        return hits

    def _runs(self, words: list[str]) -> list[tuple[int, int]]:
        """The stretches of ``words`` (index ranges [a, b)) where a name can be: each holds a
        content word and reaches, both ways, up to a word that cannot be part of any name.

        A name is a run of consecutive words that may each be part of one (a word in between
        that cannot breaks it, as it breaks the stream), and every key holds a content word.
        So the words outside these stretches, mostly "the", "of" and capitalised words of no
        alias, are left unread: they cannot be in a hit, and leaving them out only breaks
        the stream where it breaks anyway. The words are classified once per spelling, with
        set operations in C for the rest."""
        distinct = set(words)
        if len(self._memo[0]) > _SEEN_LIMIT:  # memory stays bounded over a long run
            self._memo = (set(), set(), set())
        memo = self._memo
        seen, relevant, anchors = memo
        new = distinct.difference(seen)
        if new:
            self._classify(new, memo)
        anchors = distinct.intersection(anchors)
        if not anchors:
            return []
        count = len(words)
        runs: list[tuple[int, int]] = []
        reach = 0
        for i in [i for i, word in enumerate(words) if word in anchors]:
            if i < reach:
                continue
            first, reach = i, i + 1
            while first > 0 and words[first - 1] in relevant:
                first -= 1
            while reach < count and words[reach] in relevant:
                reach += 1
            runs.append((first, reach))
        return runs

    def _classify(self, surfaces: set[str], memo: tuple[set[str], set[str], set[str]]) -> None:
        """Sort words as ``_read`` would see them: kept and a particle or a word of some key
        (relevant), and of those, the words of a key that are content words (anchors). A
        word is marked seen last, so no thread takes it for classified before it is."""
        seen, relevant, anchors = memo
        keep_lower = self._keep_lower
        for surface in surfaces:
            if not surface[0].islower() or surface.lower() in keep_lower:
                word = surface[:-2] if surface.endswith(_POSSESSIVE) and len(surface) > 2 \
                    else surface
                key = word_key(word)
                if key in PARTICLES or key in self._tokens:
                    relevant.add(surface)
                    if key in self._content:
                        anchors.add(surface)
            seen.add(surface)


def _token_stream(text: str, lower_words: set[str],
                  ) -> tuple[str, list[tuple[int, int, bool]], dict[int, int], dict[int, int]]:
    """The whole text as ``_read`` reads it (its reference, and the tests' subject)."""
    pieces = _split(text)
    return _read(text, pieces, lower_words | PARTICLES, [(0, len(pieces) // 2)])


def _split(text: str) -> list[str]:
    """``text`` cut by ``_WORD_SPLIT`` (``str.isascii`` is O(1))."""
    return (_ASCII_WORD_SPLIT if text.isascii() else _WORD_SPLIT).split(text)


def _read(text: str, pieces: list[str], keep_lower: AbstractSet[str], runs: list[tuple[int, int]],
          ) -> tuple[str, list[tuple[int, int, bool]], dict[int, int], dict[int, int]]:
    """The words ``runs`` of ``text`` as `` k1 k2 | k3 `` (keys of its words, ``|`` where a
    name cannot continue, and between two runs), its words as (start, end, capitalised), and
    maps from a word's first/last stream position to its index. Lower-case words no alias
    contains are left out: the gap they leave breaks any name, as they would (most words of a
    text are such words, so this is the fast path).

    ``pieces`` is the text cut by ``_WORD_SPLIT`` into separator, word, separator, ... (no
    match object per word); a run (a, b) is words a to b - 1, pieces 2a + 1 to 2b - 1.
    Offsets are summed from the pieces' lengths, and the common one-blank gap joins without a
    call."""
    parts: list[str] = [" "]
    words: list[tuple[int, int, bool]] = []
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    pos = 1
    at = offset = 0  # pieces[at] starts at text[offset]
    for first, last in runs:
        if words:
            parts.append(f"{_BREAK} ")
            pos += 2
        previous_end = -1
        previous_len = 0
        joinable = False
        # Offsets summed in C up to the run, then word by word within it.
        offset += sum(map(len, pieces[at:2 * first + 1]))
        at = 2 * first + 1
        for i in range(2 * first + 1, 2 * last, 2):
            if i > at:
                offset += len(pieces[at]) + len(pieces[at + 1])
                at = i
            word = pieces[i]
            capital = not word[0].islower()
            if not capital and word.lower() not in keep_lower:
                continue
            start = offset
            end = start + len(word)
            possessive = word.endswith(_POSSESSIVE) and len(word) > 2
            if possessive:
                word, end = word[:-2], end - 2
            key = word_key(word)
            if key in PARTICLES:
                # "Bashar al-Assad" is "Bashar Assad": the particle is skipped, and the name
                # continues past it only if it would have continued past the particle's gaps.
                if previous_end >= 0:
                    gap = text[previous_end:start]
                    joinable = joinable and (gap == " " or _joins(gap, previous_len))
                    previous_end, previous_len = end, len(word)
                continue
            if previous_end >= 0:
                gap = text[previous_end:start]
                if not (joinable and (gap == " " or _joins(gap, previous_len))):
                    parts.append(f"{_BREAK} ")
                    pos += 2
            starts[pos] = len(words)
            parts.append(key)
            pos += len(key)
            ends[pos] = len(words)
            parts.append(" ")
            pos += 1
            words.append((start, end, capital))
            previous_end, previous_len, joinable = end, len(word), not possessive
    return "".join(parts), words, starts, ends


def _joins(gap: str, previous_len: int) -> bool:
    """Can a name continue across ``gap``? Blanks and hyphens yes; a dot only after an
    initial ("W. Bush") or inside an abbreviation ("U.S"); anything else no."""
    if not gap or gap.strip(_JOIN_STRIP):
        return False
    if "." in gap:
        return previous_len == 1 or not any(ch.isspace() for ch in gap)
    return gap.count("\n") < 2
