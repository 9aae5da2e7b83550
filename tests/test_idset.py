"""IdSet answers as a set of strings would, below and above its switch to the digest table."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import idset
from engine.idset import IdSet


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=80), st.lists(st.text(max_size=12), max_size=20))
def test_membership_matches_a_set(added: list[str], probes: list[str]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(idset, "SMALL", 5)  # the table takes over after five ids
        patch.setattr(idset, "_START", 8)  # and has to grow several times
        ids = IdSet()
        for text in added:
            ids.add(text)
        assert len(ids) == len(set(added))
        for text in [*added, *probes, "\ud800"]:  # a lone surrogate is an id too
            assert (text in ids) == (text in set(added))


def test_the_stream_still_renames_repeated_ids(tmp_path: object) -> None:
    from pathlib import Path

    from engine.model import Article
    from engine.sources import iter_inputs

    assert isinstance(tmp_path, Path)
    (tmp_path / "a.jsonl").write_text('{"id": "x", "text": "one"}\n{"id": "x", "text": "two"}\n',
                                      encoding="utf-8")
    ids = [item.id for item in iter_inputs([str(tmp_path / "a.jsonl")])
           if isinstance(item, Article)]
    assert ids == ["x", "x#2"]
