"""The mention reader: which known people, roles and bodies an article names, and how.

One reader serves the temporal kinds (``anachronism``, date inference) and the consistency
checks. Its parts, one module each:

- ``names``: one name identity (transliterations, particles, initials) and title keys;
- ``automaton``: every alias of the knowledge base in one Aho-Corasick automaton, matched on
  the article's name keys (one pass, however many people the knowledge knows);
- ``lexicon``: the vocabulary of the ``lexicon`` knowledge section, compiled (cue words, ranks,
  verbs) together with the country words of the ``countries`` section;
- ``reader``: mentions (title + name, name + appositive title, bare names, bodies) with their
  framing in time, computed once per article and cached on its context.

``find_mentions(ctx)`` is the entry point for kinds; ``scan_mentions`` works without a context.
"""

from __future__ import annotations

from engine.mentions.reader import (
    Mention,
    MentionIndex,
    Person,
    build_mention_index,
    find_mentions,
    may_hold,
    mention_index,
    scan_mentions,
    sentence_at,
    sentence_ranges,
)

__all__ = ["Mention", "MentionIndex", "Person", "build_mention_index", "find_mentions",
           "may_hold", "mention_index", "scan_mentions", "sentence_at", "sentence_ranges"]
