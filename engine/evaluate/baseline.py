"""The one-line text baseline every score must beat: how often the article says "said" or
"according to".

It is a fixed yardstick, not a rule: changing it would make figures from different runs
incomparable, so the phrases are a constant here rather than editable vocabulary.
"""

from __future__ import annotations

import re

NAME = 'count of "said" + "according to"'
_ATTRIBUTION = re.compile(r"\b(?:said|according to)\b", re.IGNORECASE)


def attribution_count(text: str) -> int:
    """Occurrences of "said" and "according to" (whole words, any case)."""
    return len(_ATTRIBUTION.findall(text))
