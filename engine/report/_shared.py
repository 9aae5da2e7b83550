"""Small text helpers shared by the renderers. Presentation only: nothing here scores."""

from __future__ import annotations

import re

from engine.model import Finding, Scorecard

_SPACE_RUN = re.compile(r"\s+")


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) collapsed to one space."""
    return _SPACE_RUN.sub(" ", text).strip()


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
