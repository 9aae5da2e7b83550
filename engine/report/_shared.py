"""Small text helpers shared by the renderers. Presentation only: nothing here scores."""

from __future__ import annotations

import re
from collections.abc import Callable

from engine.model import Finding, Scorecard

_SPACE_RUN = re.compile(r"\s+")

# What a terminal or a markdown viewer would act on instead of showing: C0 and C1 controls
# (ESC starts clear-screen and OSC 8 hyperlink sequences), DEL, the bidirectional embedding,
# override and isolate marks that reorder what is displayed ("Trojan Source"), line and
# paragraph separators, and lone surrogates (which no terminal encoding can write).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069\ud800-\udfff]")
_UNSAFE_KEEP_LINES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028"
                                "\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control, bidi or unencodable character shown as an escape.

    ``"\\x1b[2J"`` comes out as the eight visible characters ``\\x1b[2J``: a reader sees that
    the title held an escape sequence, and the terminal does not run it. Tabs and newlines are
    escaped too unless ``keep_newlines`` (for whole rendered outputs, whose lines are ours).
    """
    pattern = _UNSAFE_KEEP_LINES if keep_newlines else _UNSAFE
    return pattern.sub(_visible, text)


def one_line(text: str) -> str:
    """``text`` on one printable line: whitespace runs (newlines included) collapsed to one
    space, then anything a terminal would act on shown as an escape (:func:`printable`)."""
    return printable(_SPACE_RUN.sub(" ", text).strip())


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the last one an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"


def number(value: float) -> str:
    """A score-like number with one to two decimals: ``60.0``, ``2.5``, ``1.25``."""
    return _trim(f"{value:.2f}")


def signed(value: float) -> str:
    """Like :func:`number` but always signed: ``+10.0``, ``-2.5``, ``+0.0``."""
    # Negative zero would print as "-0.0" and read like a penalty.
    return _trim(f"{value + 0.0:+.2f}")


def _trim(text: str) -> str:
    # Two decimals are formatted, one is dropped when it is a zero: "10.00" -> "10.0",
    # "2.50" -> "2.5", "1.25" stays. Every number keeps at least one decimal.
    return text[:-1] if text.endswith("0") else text


def top_findings(card: Scorecard, count: int) -> list[Finding]:
    """The ``count`` findings with the largest ``|points|``; ties keep the card's order."""
    return sorted(card.findings, key=lambda f: -abs(f.points))[:count]


def date_text(card: Scorecard) -> str:
    """The article date as one short cell: ``2026-03-02``, ``2025-01-01..2025-06-30``, or ``-``.

    An inferred article may have no single date but a window; the window is shown instead.
    """
    info = card.date
    if info.date is not None:
        return info.date.isoformat()
    window = info.window
    if window is not None and (window.earliest or window.latest):
        lo = window.earliest.isoformat() if window.earliest else "?"
        hi = window.latest.isoformat() if window.latest else "?"
        return f"{lo}..{hi}"
    return "-"


def title_of(card: Scorecard) -> str:
    """The article title on one line, or an empty string when it has none."""
    return one_line(card.article.title or "")


def ranking_cells(rank: int, card: Scorecard, title_width: int,
                  text: Callable[[str], str]) -> list[str]:
    """The cells a ranked listing (the terminal table, the markdown ranking) starts with: rank,
    score, band, id, title cut to ``title_width``, and ``date (source)``. ``text`` makes a text
    cell safe in the listing's format."""
    return [str(rank), number(card.score), text(card.band), text(card.article.id),
            text(truncate(title_of(card), title_width)),
            f"{text(date_text(card))} ({card.date.source})"]
