"""A title for a text file that has no metadata: the first-line heuristic.

A saved page or a pasted article usually starts with its headline on a line of its own. The
title is the first line, among those before the first paragraph, that reads like a headline:

* 3 to 25 words and at most 150 characters;
* it does not end like a sentence or a clause (``.``, ``,``, ``;``, ``:``); ``?`` and ``!``
  are allowed (headlines ask and exclaim);
* it starts with a letter, a digit or a quote, and it is not the whole text.

Lines of under 3 words before it (``header-image``, a section name) are passed over; the
search stops at the first paragraph-like line (longer than 150 characters or ending like a
sentence), so a heading deep in the body is never taken for the title. No line qualifies: no
title. In Markdown, a first-level ``# Heading`` before the first paragraph is taken first.
"""

from __future__ import annotations

MAX_TITLE_CHARS = 150
MIN_TITLE_WORDS = 3
MAX_TITLE_WORDS = 25
_SENTENCE_ENDS = (".", ",", ";", ":")
_OPENERS = "\"'“‘«"
# Lines looked at before giving up: a headline sits at the top of the file.
_MAX_LINES_LOOKED_AT = 8


def first_line_title(text: str) -> str | None:
    """The headline-like first line of ``text`` (see the module docstring), or None."""
    looked_at = 0
    for raw in text.split("\n", _MAX_LINES_LOOKED_AT * 4)[: _MAX_LINES_LOOKED_AT * 4]:
        line = " ".join(raw.split())
        if not line:
            continue
        looked_at += 1
        if looked_at > _MAX_LINES_LOOKED_AT or _paragraph_like(line):
            return None
        words = len(line.split())
        if (MIN_TITLE_WORDS <= words <= MAX_TITLE_WORDS
                and (line[0].isalnum() or line[0] in _OPENERS)
                and line != " ".join(text.split())):
            return line
    return None


def markdown_heading(text: str) -> str | None:
    """The text of a first-level ATX heading (``# Title``) before the first paragraph."""
    for raw in text.split("\n", _MAX_LINES_LOOKED_AT * 4)[: _MAX_LINES_LOOKED_AT * 4]:
        line = raw.strip()
        if not line:
            continue
        if line.startswith("# "):
            heading = " ".join(line[2:].strip().rstrip("#").split())
            return heading or None
        if _paragraph_like(line):
            return None
    return None


def _paragraph_like(line: str) -> bool:
    return len(line) > MAX_TITLE_CHARS or line.endswith(_SENTENCE_ENDS)
