"""Section ``outlet-cues``: the ways an article names its own publisher.

A dateline credit ("Damascus (Washington Insider Magazine) February 4, 2026 -"), a page or
image credit ("Credit: russiaspivottoasia.com"), a promotion line ("Explore more exclusive
insights at nextfin.ai"), a sign-off ("— Reuters"). Each entry is one RE2 ``pattern`` with a
group ``outlet``; an outlet the article merely quotes ("told The Media Line", "according to
SANA") must match none of them. Outlet resolution tries the cues in file order.

Entry keys: ``id``; ``via`` (how the scorecard says where the outlet came from);
``pattern``; ``names``: ``any`` (default) or ``known`` (only a domain, or a name the
``outlets`` knowledge knows: a sign-off "— John Smith" is a person, "— Reuters" an outlet);
``first_chars`` / ``last_chars`` (look only at the start or the end of the text); ``notes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from engine.errors import Diagnostic
from engine.knowledge import Section
from engine.knowledge.sections._fields import NOTES, TEXT, closed_schema, slug_id
from engine.regex import Pattern, RegexError, compile_re2
from engine.yamlpos import Located, PathKey

NAME = "outlet-cues"
ENTRY_SCHEMA: dict[str, Any] = closed_schema(
    {
        "id": slug_id("sign-off"),
        "via": TEXT,
        "pattern": TEXT,
        "names": {"enum": ["any", "known"]},
        "first_chars": {"type": "integer", "minimum": 1},
        "last_chars": {"type": "integer", "minimum": 1},
        "notes": NOTES,
    },
    ["id", "via", "pattern"],
)


@dataclass(frozen=True)
class OutletCue:
    """One way an article names its publisher (see the module docstring for the keys)."""

    id: str
    via: str
    regex: Pattern  # RE2 with a group ``outlet``
    names: Literal["any", "known"]
    first_chars: int | None  # read only the text's first this many characters
    last_chars: int | None  # read only its last this many characters
    origin: str  # "path:line" of the entry, for messages

    def window(self, text: str) -> tuple[int, str]:
        """The part of ``text`` this cue reads, and the offset where that part starts."""
        if self.first_chars is not None:
            return 0, text[:self.first_chars]
        if self.last_chars is not None:
            start = max(0, len(text) - self.last_chars)
            return start, text[start:]
        return 0, text


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> OutletCue | None:
    if "first_chars" in raw and "last_chars" in raw:
        problems.append(doc.problem((*at, "last_chars"), "a cue reads the start or the end "
                                    "of the text, not both", "drop first_chars or last_chars"))
        return None
    try:
        regex = compile_re2(str(raw["pattern"]))
    except RegexError as exc:
        problems.append(doc.problem((*at, "pattern"), f"pattern does not compile under RE2: "
                                    f"{exc}", "see the README's RE2 syntax notes"))
        return None
    if "outlet" not in regex.groupindex:
        problems.append(doc.problem((*at, "pattern"), "pattern has no group `outlet`",
                                    "name the outlet's part (?P<outlet>...)"))
        return None
    line, _ = doc.where(at)
    return OutletCue(id=str(raw["id"]), via=str(raw["via"]), regex=regex,
                     names=raw.get("names", "any"), first_chars=raw.get("first_chars"),
                     last_chars=raw.get("last_chars"), origin=f"{doc.path}:{line}")


OUTLET_CUES: Section[OutletCue] = Section(NAME, OutletCue)
