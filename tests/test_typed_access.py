"""Typed doors to knowledge and per-article caches: what they promise is what they hold."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import engine.knowledge
from engine.knowledge import IndexKey, Section
from engine.knowledge.sections import SECTIONS
from engine.model import Article, DateInfo, LineIndex
from engine.rule import ArticleContext, MemoKey
from engine.ruleset import Ruleset


def _declared(kind: type[object]) -> list[object]:
    """Every module-level value of type ``kind`` under ``engine.knowledge`` (once each)."""
    found: list[object] = []
    for info in pkgutil.walk_packages(engine.knowledge.__path__, "engine.knowledge."):
        module = importlib.import_module(info.name)
        found += [v for v in vars(module).values() if isinstance(v, kind) and v not in found]
    return found


def _handles() -> list[Section[object]]:
    return [h for h in _declared(Section) if isinstance(h, Section)]


def test_every_registered_section_has_one_typed_handle() -> None:
    names = [h.name for h in _handles()]
    assert sorted(names) == sorted(SECTIONS), "give each section a Section(NAME, EntryType)"


def test_every_index_has_one_typed_key(ruleset: Ruleset) -> None:
    # A reader asks ``kb.indexed(KEY)`` and gets the key's type; an index built without a key
    # would only be reachable by its name string, as ``Any``.
    keys = [k.name for k in _declared(IndexKey) if isinstance(k, IndexKey)]
    assert len(keys) == len(set(keys)), "two keys name one index"
    assert set(keys) == set(ruleset.knowledge.indexes)
    assert ruleset.knowledge.indexes["roles.by_id"]["defence-minister"].id == "defence-minister"


def test_every_section_handle_matches_the_shipped_entries(ruleset: Ruleset) -> None:
    handles = _handles()
    names = {h.name for h in handles}
    assert {"roles", "officeholders", "claims", "confusions", "lexicon"} <= names
    for handle in handles:
        entries = ruleset.knowledge.of(handle)
        assert entries, f"no shipped {handle.name} entries to check"
        wrong = [e for e in entries if not isinstance(e, handle.entry_type)]
        assert not wrong, f"{handle.name}: {type(wrong[0]).__name__} is not " \
            f"{handle.entry_type.__name__}"


def test_cached_computes_once_per_article(ruleset: Ruleset) -> None:
    text = "One. Two."
    ctx = ArticleContext(Article("a", "<t>", text), DateInfo(None, "none"),
                         dt.date(2026, 1, 1), ruleset.knowledge, LineIndex(text), 2)
    calls: list[int] = []
    key: MemoKey[int] = MemoKey("test.count")

    def compute() -> int:
        calls.append(1)
        return 41 + len(calls)

    assert ctx.cached(key, compute) == 42
    assert ctx.cached(key, compute) == 42
    assert calls == [1]
