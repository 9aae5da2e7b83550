"""``engine.regex.Regex`` finds exactly what google-re2 finds, on any text (hypothesis).

The wrapper calls RE2 itself, keeps the last long text encoded and converts offsets only for
non-ASCII text; every one of those shortcuts is compared here with google-re2's own Python
layer: the same spans for every group, the same empty-match stepping, the same pos/endpos
clamping, for ASCII and non-ASCII texts alike.
"""

from __future__ import annotations

import pickle

import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.regex import Regex, ascii_twin, compile_re2, encoded

# Patterns with groups (named, optional, nested), anchors, word boundaries, empty matches and
# classes that match multi-byte characters.
PATTERNS = [
    r"a",
    r"(?P<word>\w+)",
    r"\b(?P<num>\d+)(?:[.,](?P<frac>\d+))?\b",
    r"x*",
    r"",
    r"(é|ü)+(?P<tail>\w)?",
    r"^\w+",
    r"\w+$",
    r"(?m)^.",
    r"(a)|(b)|(?P<c>c)",
    r"[^\x00-\x7f]",
    r"\s+",
    r"(?i)ÉA",
    r".\b",
    # Unicode properties: ASCII text is searched with the ASCII twin of these.
    r"(?P<name>\p{Lu}[\p{L}\p{M}]*)(?:[ \-](?P<more>\p{L}{2,}))?",
    r"(?i)[^\p{L}\d ]+\p{Ll}",
    r"\b(?P<n>\p{N}+)(?:[.,]\p{Nd}+)?",
    r"[\p{Ll}'’\-]+",
    # Negated classes, the dot and \W \S \D: their twins leave the non-ASCII characters out.
    r"[^\"\n]{2,5}(?P<end>[^a-]|\W)",
    r"(?i)[^k\d]+.s",
    r"(?s)a.\S\D",
]
# Letters that make patterns match, plus 2-, 3- and 4-byte characters.
ALPHABET = st.sampled_from(list("aabbcxA1 2.,-'\"kKsS\nééüÉ€漢😀\tſK"))
texts = st.one_of(st.text(ALPHABET, max_size=40), st.text(max_size=40))
positions = st.one_of(st.none(), st.integers(-3, 45))


def _spans(found: object) -> list[list[tuple[int, int]]]:
    out = []
    for m in found:  # type: ignore[attr-defined]
        n = len(m.groups())
        out.append([m.span(g) for g in range(n + 1)])
    return out


@settings(max_examples=400, deadline=None)
@given(pattern=st.sampled_from(PATTERNS), text=texts, pos=positions, endpos=positions)
def test_finditer_spans_equal_google_re2(pattern: str, text: str, pos: int | None,
                                         endpos: int | None) -> None:
    ours = compile_re2(pattern)
    theirs = re2.compile(pattern)
    assert _spans(ours.finditer(text, pos, endpos)) == _spans(theirs.finditer(text, pos, endpos))


@settings(max_examples=300, deadline=None)
@given(pattern=st.sampled_from(PATTERNS),
       text=st.text(st.sampled_from(list("aabbcxAkKsS1 2.,-'\"\n\t")), max_size=40))
def test_finditer_over_a_whole_ascii_text_equals_google_re2(pattern: str, text: str) -> None:
    # The fast path (the first search made before any iteration, a miss returns no
    # generator), and the ASCII twins of the patterns with classes.
    found = compile_re2(pattern).finditer(text)
    assert _spans(found) == _spans(re2.compile(pattern).finditer(text))


@settings(max_examples=300, deadline=None)
@given(pattern=st.sampled_from(PATTERNS), text=texts)
def test_spans_are_the_whole_match_spans_of_finditer(pattern: str, text: str) -> None:
    expected = [m.span() for m in re2.compile(pattern).finditer(text)]
    assert compile_re2(pattern).spans(text) == expected


@settings(max_examples=300, deadline=None)
@given(pattern=st.sampled_from(PATTERNS), text=texts)
def test_regs_are_the_span_of_every_group(pattern: str, text: str) -> None:
    # ``regs`` is what number-conflict reads instead of one call per group.
    for m in compile_re2(pattern).finditer(text):
        assert list(m.regs) == [m.span(g) for g in range(len(m.groups()) + 1)]
        assert m.regs[0] != (-1, -1)


@settings(max_examples=300, deadline=None)
@given(pattern=st.sampled_from(PATTERNS), text=texts, pos=positions)
def test_search_match_fullmatch_and_groups_equal_google_re2(pattern: str, text: str,
                                                            pos: int | None) -> None:
    ours = compile_re2(pattern)
    theirs = re2.compile(pattern)
    for method in ("search", "match", "fullmatch"):
        a = getattr(ours, method)(text, pos)
        b = getattr(theirs, method)(text, pos)
        assert (a is None) == (b is None), method
        if a is not None and b is not None:
            assert a.group() == b.group()
            assert a.groups() == b.groups()
            assert a.groups("-") == b.groups("-")
            assert a.groupdict() == b.groupdict()
            for name in ours.groupindex:
                assert a.group(name) == b.group(name)
                assert a.span(ours.groupindex[name]) == b.span(theirs.groupindex[name])


@settings(max_examples=100, deadline=None)
@given(prefix=texts, needle=st.sampled_from(["é1", "a", "😀b"]))
def test_a_kept_encoding_never_leaks_into_another_text(prefix: str, needle: str) -> None:
    """The last long text is kept encoded; an equal-but-distinct or a shorter text searched
    next must still be matched as itself."""
    regex = compile_re2(r"\d|a|b")
    long_text = prefix * 10 + needle + "x" * 300
    first = [m.span() for m in regex.finditer(long_text)]
    window = long_text[len(prefix) * 10:]
    assert [m.span() for m in regex.finditer(window)] == \
        [m.span() for m in re2.compile(r"\d|a|b").finditer(window)]
    assert [m.span() for m in regex.finditer(long_text)] == first


def test_ascii_twin_keeps_the_ascii_members_of_each_class() -> None:
    assert ascii_twin(r"\p{Lu}[\p{L}\p{M}'’-]*") == r"[A-Z][A-Za-z'-]*"
    assert ascii_twin(r"[\s\-\x{2010}\x{2011}]+") == r"[\s\-]+"
    # U+212A and U+017F stay: case-blind, they are k and s.
    assert ascii_twin(r"(?i)[\x{212A}x’]") == r"(?i)[\x{212A}x]"
    non_ascii = r"\x{80}-\x{17E}\x{180}-\x{2129}\x{212B}-\x{10FFFF}"
    assert ascii_twin(r"[^\p{L}]\p{N}") == rf"[^A-Za-z{non_ascii}][0-9]"
    # After a final dash the non-ASCII ranges go first, or "a-\x{80}" would be a range.
    twin = ascii_twin(r"[^a-]")
    assert twin is not None and twin.startswith(r"[^\x{80}") and twin.endswith("a-]")
    # U+017F and U+212A fold to s and k: kept in the class, or (?i) would take s and k out.
    assert ascii_twin("(?i)[^x]") == rf"(?i)[^x{non_ascii}]"
    # Nothing to rewrite, or not safely: no twin, the pattern itself searches.
    for source in (r"\w+", r"a\\p{L}", r"\pL", r"\P{L}", r"\p{Greek}", r"\p{M}", r"[\p{M}]",
                   r"[[:alpha:]\p{L}]", r"[\p{L}-x]", r"[x-\p{L}]", r"\Q\p{L}\E", r"(?s).",
                   r"[\W.]", r"\C", r"[^]a-]", r"[’]", r"[a-’]", r"[\x{2010}-z]"):
        assert ascii_twin(source) is None, source


def test_every_twin_class_holds_the_same_ascii_characters() -> None:
    # Each ASCII character, and each pair, in a class, a dot or a negated escape, case-blind
    # or not: the twin takes in exactly what the pattern takes in.
    for source in (r"[^\"\n-]", r"[^\p{L}\d]", r"\p{Lu}", r"[\p{Ll}\p{M}]", r".", r"\W", r"\S",
                   r"\D", r"\p{N}", r"[\s\-\x{2010}’]", r"[\x{212A}\x{17F}éa]"):
        for flags in ("", "(?i)"):
            twin = ascii_twin(flags + source)
            assert twin is not None, source
            ours, theirs = re2.compile(twin), re2.compile(flags + source)
            for code in range(128):
                for text in (chr(code), chr(code) * 2):
                    assert bool(ours.fullmatch(text)) == bool(theirs.fullmatch(text)), text


def test_the_ascii_twin_of_a_letter_pattern_is_a_smaller_program() -> None:
    source = r"(?P<head>\p{L}[\p{L}'’-]*(?:[ \t]+\p{L}[\p{L}\d'’-]*){0,4})"
    twin = ascii_twin(source)
    assert twin is not None
    assert re2.compile(twin).programsize * 5 < re2.compile(source).programsize
    text = "15 mln dlrs in new loans, Reuters said"
    assert [m.span(1) for m in compile_re2(source).finditer(text)] == \
        [m.span(1) for m in re2.compile(source).finditer(text)]


def test_offsets_convert_both_ways_for_multibyte_text() -> None:
    enc = encoded("aé漢😀b" * 60)
    assert not enc.ascii
    assert enc.to_bytes(1) == 1 and enc.to_bytes(2) == 3 and enc.to_bytes(3) == 6
    assert enc.to_bytes(4) == 10
    assert [enc.to_chars(enc.to_bytes(i)) for i in range(20)] == list(range(20))
    assert encoded("plain ascii").ascii


def test_group_access_by_name_and_number_and_errors() -> None:
    m = compile_re2(r"(?P<a>x)(y)?").search("..x")
    assert m is not None
    assert m.group("a") == m.group(1) == m["a"] == "x"
    assert m.group(2) is None and m.groups("") == ("x", "")
    assert m.group(0, "a") == ("x", "x")
    assert m.start("a") == 2 and m.end() == 3 and m.re.groupindex == {"a": 1}
    for bad in ("nope", 3):
        try:
            m.group(bad)
        except IndexError:
            continue
        raise AssertionError(f"group {bad!r} should raise IndexError")


def test_pickles_to_an_equal_pattern() -> None:
    regex = compile_re2(r"(?P<n>\d+)", True)
    again = pickle.loads(pickle.dumps(regex))
    assert isinstance(again, Regex)
    assert again.pattern == regex.pattern
    m = again.search("ab 42")
    assert m is not None and m.group("n") == "42"


def test_rarely_used_methods_delegate_to_google_re2() -> None:
    regex = compile_re2(r"(\w)\w*")
    assert regex.findall("ab cd") == ["a", "c"]
    assert regex.sub(r"<\1>", "ab cd") == "<a> <c>"
    assert compile_re2(r",").split("a,b") == ["a", "b"]
