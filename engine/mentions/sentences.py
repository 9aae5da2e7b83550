"""The one sentence splitter of the text readers (mentions, framing, consistency checks).

A sentence ends at ``.``/``!``/``?`` followed by a blank (unless the word before the full stop
is an abbreviation or an initial, or the next word starts in lower case), at a blank line, or
at a single line break when the line does not read as running on (hard-wrapped newswire breaks
lines mid-sentence, after a lower-case letter or a comma). Which words are abbreviations is
vocabulary: the caller passes the lexicon's (``Lexicon.abbreviations``: abbreviations, ranks,
forms of address, short month and weekday names), lower case and without their full stops.
"""

from __future__ import annotations

from engine.regex import compile_re2

# Where a sentence may end: terminal punctuation (with closing quotes) then blanks or a line
# break ("$2.1bn", "nextfin.ai" do not end one), a blank line, or a line break.
_BOUNDARY = compile_re2(
    r"[.!?]+[\"”’')\]]*(?:[ \t]*\n[ \t\n]*|[ \t]+)|\n[ \t]*(?:\n[ \t]*)*")


def split_sentences(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """The sentences of ``text`` as (start, end) ranges (see the module docstring)."""
    out: list[tuple[int, int]] = []
    start = 0
    for cut, after in _BOUNDARY.spans(text):  # no match object per line break
        if after >= len(text):
            break
        chunk = text[cut:after]
        if chunk[0] in ".!?":
            if "\n" not in chunk and not _ends_sentence(text, cut, after, abbreviations):
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


# A word longer than this is no abbreviation: looking further back for every full stop would be
# quadratic on a long line.
_LONGEST_WORD_LOOKED_AT = 64


def _ends_sentence(text: str, cut: int, after: int, abbreviations: frozenset[str]) -> bool:
    if text[cut] != ".":
        return True
    word_start = cut
    floor = max(0, cut - _LONGEST_WORD_LOOKED_AT)
    while word_start > floor and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:cut].lower()
    if word in abbreviations or (len(word) == 1 and word.isalpha()):
        return False
    nxt = text[after] if after < len(text) else ""
    return not nxt.islower()


def _runs_on(text: str, cut: int, after: int) -> bool:
    # Step back over blanks instead of copying text[:cut]: a copy per line break was
    # quadratic in the article's length.
    end = cut
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    last = text[end - 1] if end else ""
    nxt = text[after] if after < len(text) else ""
    return last.islower() or last in ",;-–" or nxt.islower()


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
    of a name: readers of names after titles skip such lines. A heading has at least three
    words, most of its non-small words capitalised, and no closing full stop.
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
