"""The name automaton's token stream is read by ``re.split`` pieces; it must equal the plain
reading, one ``_WORD`` match at a time (the reference below), on any text (hypothesis).

Texts mix name-like words, possessives, particles, initials, the lower-case words aliases
contain, underscores, apostrophes and non-ASCII letters, so every branch of the loop (skip,
particle, possessive, join or break) is taken.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.mentions.automaton import _JOIN_CHARS, _POSSESSIVE, _WORD, _token_stream, word_key
from engine.mentions.names import PARTICLES

LOWER_WORDS = {"bin", "de", "of", "the", "la"}
PIECES = ["Bashar", "al-Assad", "Assad's", "W.", "George", "Bush", "bin", "Salman", "de",
          "la", "Cruz", "the", "said", "Erdoğan", "Na'san", "O’Brien", "U.S.", "el", "eBay",
          "d'Estaing", "İzmir", "foo_bar", "12", "Yunus-Bek", "of", "Ελλάδα", "ibn"]
SEPARATORS = [" ", "  ", ", ", ". ", "-", "\n", "\n\n", "'", "’", " . ", "", "_", "\t"]
texts = st.one_of(
    st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=30)
    .map(lambda items: "".join(w + s for w, s in items)),
    st.text(max_size=60))


def _reference_joins(gap: str, previous_len: int) -> bool:
    if not gap or any(ch not in _JOIN_CHARS for ch in gap):
        return False
    if "." in gap:
        return previous_len == 1 or not any(ch.isspace() for ch in gap)
    return gap.count("\n") < 2


def _reference(text: str, lower_words: set[str],
               ) -> tuple[str, list[tuple[int, int, bool]], dict[int, int], dict[int, int]]:
    """The token stream as first written: one match object per word."""
    parts = [" "]
    words: list[tuple[int, int, bool]] = []
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    pos, previous_end, previous_len, joinable = 1, -1, 0, False
    for m in _WORD.finditer(text):
        word = m.group()
        capital = not word[0].islower()
        if not capital and word.lower() not in lower_words and word.lower() not in PARTICLES:
            continue
        start, end = m.start(), m.end()
        possessive = word.endswith(_POSSESSIVE) and len(word) > 2
        if possessive:
            word, end = word[:-2], end - 2
        key = word_key(word)
        if key in PARTICLES:
            if previous_end >= 0:
                joinable = joinable and _reference_joins(text[previous_end:start], previous_len)
                previous_end, previous_len = end, len(word)
            continue
        if previous_end >= 0 and not (joinable and _reference_joins(text[previous_end:start],
                                                                    previous_len)):
            parts.append("| ")
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


@settings(max_examples=400, deadline=None)
@given(text=texts)
def test_token_stream_equals_the_word_by_word_reading(text: str) -> None:
    assert _token_stream(text, LOWER_WORDS) == _reference(text, LOWER_WORDS)


def test_a_name_joins_across_an_initial_and_breaks_at_a_comma() -> None:
    stream, words, _, _ = _token_stream("George W. Bush, Assad's men", LOWER_WORDS)
    assert stream == " george w bush | asad "
    assert [w[:2] for w in words] == [(0, 6), (7, 8), (10, 14), (16, 21)]
