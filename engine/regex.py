"""The one place patterns are compiled: always RE2, so matching is linear in the text.

RE2 has no backreferences and no lookaround; rules express "not preceded by 'former'" with the
``unless_preceded_by`` option instead (see ``engine.matching``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # errors are reported as Problems; RE2's own stderr log is noise
_OPTIONS.max_mem = 64 << 20


class RegexError(ValueError):
    """A pattern RE2 refuses, with RE2's own message."""


@functools.lru_cache(maxsize=4096)
def compile_re2(pattern: str, ignore_case: bool = False) -> Any:
    """Compile with RE2; raise RegexError carrying RE2's message."""
    source = f"(?i){pattern}" if ignore_case else pattern
    try:
        return re2.compile(source, _OPTIONS)
    except re2.error as exc:
        message = exc.args[0] if exc.args else str(exc)
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        raise RegexError(str(message)) from None


def group_names(compiled: Any) -> set[str]:
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
