"""Spelling-tolerant names: one normal form (a *key*) and one RE2 pattern per alias.

Articles spell transliterated names in many ways: "Ali Noureddine al-Naasan", "Ali Noureddine
Al-Nassan", "Asaad Hassan Al-Shaibani" / "Assaad Hassan al Shaibani", "Erdoğan" / "Erdogan". The
knowledge base lists the spellings its sources used; this module makes the common variations
match without listing each one.

``name_key`` (the normal form; two spellings are the same name when their keys are equal):

1. accents are removed (NFKD, combining marks dropped: "Erdoğan" -> "Erdogan");
2. case is folded;
3. the name is cut into tokens at spaces, hyphens and dots ("Yunus-Bek" -> "yunus", "bek");
4. apostrophes and similar marks vanish ("Na'san" -> "nasan");
5. the Arabic article written "al"/"el" (as its own token: "al-", "Al ", "el-") is dropped,
   unless it is the whole name;
6. a run of one repeated letter becomes one letter ("Naasan" -> "nasan", "Nassan" ->
   "nasan", "Ayyoub" -> "ayoub").

``name_pattern`` is an RE2 pattern matching the alias and the variants that share its key, as
far as a regular expression can say it: each letter may repeat, an apostrophe may follow a
vowel, tokens may be joined by spaces or hyphens, "al-"/"Al "/"el-" may precede any token after
the first, and accented letters also match their plain form. Names are case-sensitive: only
the first letter of a lower-case token ("bin", "de") is matched in either case. The pattern is
a superset: a match is a name only when its ``name_key`` is a known key.

Titles (``title_key``/``title_pattern``) are case-blind and tolerate British and American
spellings ("Defence"/"Defense") and hyphens ("Vice-President").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

PARTICLES = frozenset({"al", "el"})
# The Arabic article as assimilated before "sun letters" ("ad-Din", "ash-Shaibani", "as-Sadr"):
# dropped, like "al"/"el", when two spellings are compared by skeleton (``keys_compatible``);
# never dropped from running text, where "as", "an" and "at" are English words.
ARTICLE_FORMS = frozenset({"ad", "ah", "as", "ash", "an", "ar", "at", "az", "ed", "es", "ez"})
# Tokens that join a surname to what precedes it: "Abu Qasra", "bin Salman", "van der Bellen".
CONNECTORS = frozenset({"abu", "bin", "ibn", "bint", "van", "von", "de", "da", "di", "del",
                        "der", "la", "le", "st", "mac"})
# Generational suffixes: never a surname on their own ("Joseph R. Biden Jr.").
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
APOSTROPHES = "'’ʼ‘`ʿʾ"
VOWELS = frozenset("aeiouyAEIOUY")

# Splitting names into tokens runs for every alias of a large knowledge base: the standard
# library's ``re`` is several times faster than the RE2 wrapper for a split, and a single
# character class cannot backtrack.
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013._]+")
_APOSTROPHE_CLASS = "['’ʼ‘`ʿʾ]"
_TOKEN_SEP = r"[\s\-\x{2010}\x{2011}]+"
_WORD_SEP = re.compile(r"[\s\-\u2010\u2011]+")
_PARTICLE = rf"(?:[Aa]l|[Ee]l){_TOKEN_SEP}"

# British/American pairs: title keys use the first form, patterns accept both.
SPELLINGS: tuple[tuple[str, str], ...] = (
    ("defence", "defense"), ("armoured", "armored"), ("mechanised", "mechanized"),
    ("organisation", "organization"), ("programme", "program"), ("labour", "labor"),
)


def strip_accents(text: str) -> str:
    if text.isascii():
        return text  # the common case, and no decomposition to do
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_RUN = re.compile(r"(.)\1+")


def _collapse_runs(token: str) -> str:
    return _RUN.sub(r"\1", token)


@functools.lru_cache(maxsize=131072)
def name_tokens(text: str) -> tuple[str, ...]:
    """The key tokens of a name (steps 1-6 of the module docstring)."""
    folded = strip_accents(text).casefold()
    for mark in APOSTROPHES:
        folded = folded.replace(mark, "")
    raw = [t for t in _SEPARATORS.split(folded) if t]
    tokens = [t for t in raw if t not in PARTICLES] or raw
    return tuple(_RUN.sub(r"\1", t) for t in tokens)


def name_key(text: str) -> str:
    """The normal form of a name: equal keys = the same name (see the module docstring)."""
    return " ".join(name_tokens(text))


def surname_keys(name: str) -> set[str]:
    """Keys under which a bare surname may refer to ``name`` after a title ("President
    Reagan", "Defence Minister Abu Qasra", "President Assad"). Empty for one-token names."""
    tokens = list(name_tokens(name))
    while len(tokens) > 1 and tokens[-1] in SUFFIXES:
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return set()
    keys = {tokens[-1]}
    if len(tokens) >= 3 and tokens[-2] in CONNECTORS:
        keys.add(" ".join(tokens[-2:]))
    return keys


def _letter(ch: str, first: bool) -> str:
    plain = strip_accents(ch)
    forms = {ch}
    if plain and plain != ch and len(plain) == 1:
        forms.add(plain)
    if first and ch.islower():
        forms |= {f.upper() for f in forms}
    atom = "|".join(sorted(_escape(f) for f in forms))
    atom = f"(?:{atom})" if len(forms) > 1 else atom
    if first:
        return atom
    tail = f"{_APOSTROPHE_CLASS}?" if plain in VOWELS else ""
    return f"{atom}+{tail}"


def _escape(ch: str) -> str:
    return ch if ch.isalnum() else "\\" + ch if ch.isascii() else ch


def _token_pattern(token: str) -> str:
    parts: list[str] = []
    previous = ""
    first = True
    for ch in token:
        if ch in APOSTROPHES:
            parts.append(f"{_APOSTROPHE_CLASS}?")
            continue
        if ch.isalpha():
            if ch == previous and not first:
                continue  # the previous letter's "+" already allows the repeat
            parts.append(_letter(ch, first))
            first = False
            previous = ch
            continue
        parts.append(_escape(ch))
        previous = ""
    return "".join(parts)


def name_pattern(alias: str) -> str:
    """RE2 pattern for ``alias`` and its spelling variants (see the module docstring).

    Word boundaries: ``\\b`` is written where the alias starts or ends with an ASCII letter or
    digit; for other edges (Arabic, Cyrillic) the caller checks the neighbouring characters.
    """
    tokens = [t for t in _split_alias(alias) if t]
    parts: list[str] = []
    for i, token in enumerate(tokens):
        is_particle = strip_accents(token).casefold() in PARTICLES
        if is_particle and i + 1 < len(tokens):
            if not parts:  # "al-Joulani": the article is part of how the name is written
                parts.append(_PARTICLE)
            continue  # elsewhere the article is optional (added before every later token)
        body = _token_pattern(token)
        if parts and parts[-1] != _PARTICLE:
            parts.append(f"{_TOKEN_SEP}(?:{_PARTICLE})?{body}")
        else:
            parts.append(body)
    pattern = "".join(parts)
    head = r"\b" if alias[:1].isascii() and alias[:1].isalnum() else ""
    tail = r"\b" if alias[-1:].isascii() and alias[-1:].isalnum() else ""
    return f"{head}{pattern}{tail}"


def _split_alias(alias: str) -> list[str]:
    return [t for t in _WORD_SEP.split(alias.strip()) if t]


# Titles newswire abbreviates before a name ("Sen. Grassley", "Rep. Markey"): a title key
# always uses the full word, a title pattern accepts both.
ABBREVIATED_TITLES: tuple[tuple[str, str], ...] = (
    ("senator", "sen"), ("representative", "rep"), ("governor", "gov"),
)


def title_key(title: str) -> str:
    """Case-blind normal form of a title: spaces, dots and hyphens unified, British spellings,
    abbreviations written out."""
    words = [w for w in _SEPARATORS.split(strip_accents(title).casefold()) if w]
    british = {american: brit for brit, american in SPELLINGS}
    full = {short: word for word, short in ABBREVIATED_TITLES}
    return " ".join(full.get(w, british.get(w, w)) for w in words)


def title_pattern(title: str) -> str:
    """RE2 pattern (to compile case-blind) for a title and its spelling variants."""
    alternatives = {brit: american for brit, american in SPELLINGS}
    alternatives.update({american: brit for brit, american in SPELLINGS})
    abbreviations = dict(ABBREVIATED_TITLES)
    words = [w for w in _WORD_SEP.split(title.strip()) if w]
    parts: list[str] = []
    for i, word in enumerate(words):
        # A dot is optional: "U.S. Secretary of State" is also written "U.S Secretary".
        forms = ["".join(r"\.?" if ch == "." else _escape(ch) for ch in word)]
        other = alternatives.get(word.casefold())
        if other:
            forms.append(other)
        short = abbreviations.get(word.casefold())
        if short:
            forms.append(short + r"\.")
        if i == len(words) - 1:  # a word boundary after the title, unless it ends in a dot
            forms = [f if f.endswith(r"\.") else f + r"\b" for f in forms]
        parts.append(forms[0] if len(forms) == 1 else f"(?:{'|'.join(forms)})")
    return r"\b" + r"[\s\-\x{2010}\x{2011}]+".join(parts)


def alternation(patterns: Iterable[tuple[int, str]]) -> str:
    """One RE2 alternation of (priority, pattern) pairs: highest priority (longest) first, so
    that leftmost-first matching prefers "Deputy Defence Minister" to "Defence Minister"."""
    unique: dict[str, int] = {}
    for priority, pattern in patterns:
        unique[pattern] = max(priority, unique.get(pattern, priority))
    ordered = sorted(unique, key=lambda p: (-unique[p], p))
    return "|".join(f"(?:{p})" for p in ordered)


# --------------------------------------------------------------------------- skeletons
# Two spellings of a name found in one article ("al-Naasan", "Al-Nassan"; "Mohammed",
# "Muhammad") can be one person though their keys differ in vowels: the consistency checks
# compare *skeletons* (first letter plus consonants, doubled letters collapsed).


def fold(text: str) -> str:
    """Lower case without accents or apostrophes."""
    return "".join(ch for ch in strip_accents(text).casefold() if ch not in APOSTROPHES)


def _skeleton(token: str) -> str:
    if not token:
        return ""
    # "j" and "y" write one sound across transliterations ("Benjamin", "Binyamin"): inside a
    # name both are dropped with the vowels.
    consonants = token[0] + "".join(ch for ch in token[1:] if ch not in "aeiouyj")
    return _collapse_runs(consonants)


def skeleton_key(name: str) -> tuple[tuple[str, ...], str]:
    """(given-name skeletons, surname skeleton) of a name, articles dropped."""
    tokens = [t.strip(".") for t in fold(name).replace("-", " ").split() if t.strip(".")]
    keys = [_skeleton(t) for t in tokens if t not in PARTICLES | ARTICLE_FORMS]
    if not keys:
        return (), ""
    return tuple(keys[:-1]), keys[-1]


def keys_compatible(a: str, b: str) -> bool:
    """Whether two spellings can name one person by their skeletons alone: equal surname
    skeletons, and given names compatible (one side has none, the first ones agree, or one
    side's given names all occur in the other's)."""
    given_a, surname_a = skeleton_key(a)
    given_b, surname_b = skeleton_key(b)
    if not surname_a or surname_a != surname_b:
        return False
    if not given_a or not given_b or given_a[0] == given_b[0]:
        return True
    return set(given_a) <= set(given_b) or set(given_b) <= set(given_a)
