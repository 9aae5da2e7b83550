"""The one place patterns are compiled: always RE2, so matching is linear in the text.

RE2 has no backreferences and no lookaround; rules express "not preceded by 'former'" with the
``unless_preceded_by`` option instead (see ``engine.matching``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # errors are reported as Problems; RE2's own stderr log is noise
_OPTIONS.max_mem = 64 << 20


class Match(Protocol):
    """What a google-re2 match offers (groups by number or name; offsets by number only)."""

    @property
    def re(self) -> Pattern: ...

    def group(self, *groups: int | str) -> Any: ...
    def groups(self, default: str | None = None) -> tuple[str | None, ...]: ...
    def groupdict(self, default: str | None = None) -> dict[str, str | None]: ...
    def start(self, group: int = 0) -> int: ...
    def end(self, group: int = 0) -> int: ...
    def span(self, group: int = 0) -> tuple[int, int]: ...


class Pattern(Protocol):
    """A compiled RE2 pattern: the subset of ``re.Pattern`` that google-re2 implements."""

    @property
    def pattern(self) -> str: ...

    @property
    def groupindex(self) -> dict[str, int]: ...

    def search(self, text: str, pos: int = ..., endpos: int = ...) -> Match | None: ...
    def match(self, text: str, pos: int = ..., endpos: int = ...) -> Match | None: ...
    def fullmatch(self, text: str, pos: int = ..., endpos: int = ...) -> Match | None: ...
    def finditer(self, text: str, pos: int = ..., endpos: int = ...) -> Iterator[Match]: ...
    def findall(self, text: str, pos: int = ..., endpos: int = ...) -> list[Any]: ...
    def sub(self, repl: str, text: str, count: int = 0) -> str: ...
    def split(self, text: str, maxsplit: int = 0) -> list[str]: ...


class RegexError(ValueError):
    """A pattern RE2 refuses, with RE2's own message."""


@functools.lru_cache(maxsize=4096)
def compile_re2(pattern: str, ignore_case: bool = False) -> Pattern:
    """Compile with RE2; raise RegexError carrying RE2's message."""
    source = f"(?i){pattern}" if ignore_case else pattern
    try:
        compiled: Pattern = re2.compile(source, _OPTIONS)
        return compiled
    except re2.error as exc:
        message = exc.args[0] if exc.args else str(exc)
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        raise RegexError(str(message)) from None


def group_names(compiled: Pattern) -> set[str]:
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
