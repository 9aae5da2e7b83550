"""The name automaton's token stream is read by ``re.split`` pieces; it must equal the plain
reading, one ``_WORD`` match at a time (the reference below), on any text (hypothesis).

Texts mix name-like words, possessives, particles, initials, the lower-case words aliases
contain, underscores, apostrophes and non-ASCII letters, so every branch of the loop (skip,
particle, possessive, join or break) is taken.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.mentions import automaton
from engine.mentions.automaton import (
    _ASCII_WORD_SPLIT,
    _JOIN_CHARS,
    _POSSESSIVE,
    _WORD,
    _WORD_SPLIT,
    NameAutomaton,
    _token_stream,
    word_key,
)
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


# --------------------------------------------------------------------------- find, by runs

ALIASES = ("Bashar al-Assad", "George W. Bush", "George Bush", "Bush", "Bank of England",
           "Bank of the Hague", "Will Smith", "Salman bin Abdulaziz", "de la Cruz",
           "Yunus-Bek", "Recep Tayyip Erdoğan", "Na'san", "O’Brien", "U.S.",
           "defunct regimes army", "the Hague")
FIND_PIECES = [*PIECES, "Bank", "England", "bank", "Will", "will", "Smith", "Abdulaziz",
               "defunct", "regimes", "army", "Hague", "Tayyip", "Recep", "and", "The", "Of",
               "US", "said", "Reuters"]
find_texts = st.one_of(
    st.lists(st.tuples(st.sampled_from(FIND_PIECES), st.sampled_from(SEPARATORS)),
             max_size=40).map(lambda items: "".join(w + s for w, s in items)),
    st.text(max_size=60))


def _names() -> NameAutomaton:
    automaton = NameAutomaton()
    for alias in ALIASES:
        automaton.add(alias)
    automaton.build()
    return automaton


NAMES = _names()


def _reference_find(automaton: NameAutomaton, text: str) -> list[tuple[int, int, str]]:
    """``find`` as first written: the automaton over the stream of every kept word."""
    stream, words, starts, ends = _reference(text, automaton._lower_words)
    found = []
    for end_at, (length, key, capitals) in automaton._automaton.iter(stream):  # type: ignore[union-attr]
        first, last = starts.get(end_at - length + 2), ends.get(end_at)
        if first is None or last is None:
            continue
        span = words[first:last + 1]
        if len(span) == len(capitals) and all(capital or not need for need, (_s, _e, capital)
                                              in zip(capitals, span, strict=True)):
            found.append((span[0][0], span[-1][1], key))
    found.sort(key=lambda hit: (hit[0], -hit[1]))
    hits: list[tuple[int, int, str]] = []
    for hit in found:
        if not hits or hit[0] >= hits[-1][1]:
            hits.append(hit)
    return hits


@settings(max_examples=600, deadline=None)
@given(text=find_texts)
def test_find_reads_only_the_runs_around_content_words_and_finds_the_same(text: str) -> None:
    assert NAMES.find(text) == _reference_find(NAMES, text)


def test_runs_leave_out_function_words_far_from_any_name() -> None:
    text = "The bank of the city said the Bank of England and the rest of the army"
    words = _WORD_SPLIT.split(text)[1::2]
    # "Bank" and "army" are content words; "The bank of the city" holds none ("bank" is in
    # lower case, and not a word aliases write in lower case). A run stops at a word no
    # name holds ("said", "and", "rest").
    runs = NAMES._runs(words)
    assert [words[a:b] for a, b in runs] == [["the", "Bank", "of", "England"],
                                             ["of", "the", "army"]]
    assert [hit[2] for hit in NAMES.find(text)] == ["bank of england"]


def test_an_alias_of_lower_case_words_only_anchors_itself() -> None:
    assert [hit[2] for hit in NAMES.find("the defunct regimes army fell")] == [
        "defunct regimes army"]


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(find_texts, st.text(st.characters(max_codepoint=127), max_size=80)))
def test_ascii_text_is_cut_into_the_same_pieces(text: str) -> None:
    if text.isascii():
        assert _ASCII_WORD_SPLIT.split(text) == _WORD_SPLIT.split(text)


def test_the_memo_of_classified_words_starts_again_and_finds_the_same(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(automaton, "_SEEN_LIMIT", 3)
    names = _names()
    texts = ["Bashar al-Assad met George W. Bush.", "the Bank of England said",
             "Will Smith and the defunct regimes army", "O’Brien met Recep Tayyip Erdoğan"]
    for text in texts * 2:
        assert names.find(text) == _reference_find(names, text)
        assert len(names._memo[0]) <= 3 + len(set(text.split()))  # it was reset on the way
