"""reliability: rule-based source-reliability scoring for news articles.

The Python API (see the README, "Python API"): :func:`score_text`, :func:`score_paths` and
:func:`load_rules`, loaded on first use so that ``import engine`` stays cheap. The version is
read from ``engine.version``, which the scoring modules import instead of this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.version import __version__

if TYPE_CHECKING:
    from engine.api import load_rules, score_paths, score_text

__all__ = ["__version__", "load_rules", "score_paths", "score_text"]


def __getattr__(name: str) -> Any:
    if name in ("score_text", "score_paths", "load_rules"):
        from engine import api

        return getattr(api, name)
    raise AttributeError(f"module 'engine' has no attribute {name!r}")
