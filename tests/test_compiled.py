"""The compiled-ruleset cache (engine.compiled): a warm start reads the built ruleset back,
without parsing YAML, validating or compiling; any change to its files rebuilds it; a damaged
entry is rebuilt, never trusted; the cards are the same either way."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import re2
from click.testing import CliRunner

import engine.compiled
import engine.ruleset
import engine.yamlpos
from engine import cardjson, compiled
from engine.cache import ruleset_fingerprint
from engine.cli import main
from engine.layers import SHIPPED_RULES
from engine.model import Article
from engine.pipeline import score_article
from engine.ruleset import Ruleset, RulesetConfig, load_ruleset
from engine.sources import iter_inputs
from tests.conftest import AS_OF, SEEDS

WHEN = dt.date.fromisoformat(AS_OF)


def _lines(ruleset: Ruleset) -> list[str]:
    return [cardjson.compact(score_article(item, ruleset, WHEN)).line
            for item in iter_inputs([str(SEEDS)]) if isinstance(item, Article)]


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[RulesetConfig]:
    """Count full loads (``load_ruleset`` through the cache)."""
    calls: list[RulesetConfig] = []

    def counted(config: RulesetConfig | None = None) -> Ruleset:
        assert config is not None
        calls.append(config)
        return load_ruleset(config)

    monkeypatch.setattr(engine.compiled, "load_ruleset", counted)
    return calls


def _refuse(name: str) -> Callable[..., object]:
    def refused(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"a warm start called {name}")
    return refused


def test_a_warm_start_parses_validates_and_compiles_nothing(
        tmp_path: Path, ruleset: Ruleset, monkeypatch: pytest.MonkeyPatch) -> None:
    config = RulesetConfig()
    compiled.load_cached(config, tmp_path)  # cold: builds and stores
    assert compiled.entry_path(ruleset_fingerprint(config) or "", tmp_path).is_file()
    with monkeypatch.context() as patch:
        patch.setattr(engine.compiled, "load_ruleset", _refuse("load_ruleset"))
        patch.setattr(engine.yamlpos, "load_located", _refuse("YAML parsing"))
        patch.setattr(engine.yamlpos, "schema_problems", _refuse("schema validation"))
        patch.setattr(re2, "compile", _refuse("RE2 compile"))
        warm = compiled.load_cached(config, tmp_path)
    assert warm is not ruleset
    assert [r.spec.id for r in warm.rules] == [r.spec.id for r in ruleset.rules]
    assert warm.digest == ruleset.digest
    assert _lines(warm) == _lines(ruleset)  # patterns compile on first use, same cards


def test_a_damaged_entry_is_rebuilt(tmp_path: Path, ruleset: Ruleset,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    config = RulesetConfig()
    compiled.load_cached(config, tmp_path)
    path = compiled.entry_path(ruleset_fingerprint(config) or "", tmp_path)
    good = path.read_bytes()
    calls = _counting(monkeypatch)
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0xFF
    for damaged in (b"", good[: len(good) // 3], bytes(flipped), b"not a pickle at all",
                    compiled.MAGIC + b"0" * 64 + b"\n" + b"\x80\x05junk"):
        path.write_bytes(damaged)
        assert compiled.loads(damaged) is None
        rebuilt = compiled.load_cached(config, tmp_path)
        assert rebuilt.digest == ruleset.digest
        assert compiled.loads(path.read_bytes()) is not None  # stored again, whole
    assert len(calls) == 5  # every damaged entry was rebuilt from the files


def test_an_edited_knowledge_or_rule_file_invalidates_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(SHIPPED_RULES, rules)
    config = RulesetConfig(rule_dirs=(rules,))
    calls = _counting(monkeypatch)
    cache = tmp_path / "cache"
    first = compiled.load_cached(config, cache)
    compiled.load_cached(config, cache)
    assert len(calls) == 1  # the second start was warm
    knowledge = rules / "knowledge" / "lexicon.yaml"
    knowledge.write_text(knowledge.read_text(encoding="utf-8") + "\n# edited\n",
                         encoding="utf-8")
    compiled.load_cached(config, cache)
    assert len(calls) == 2
    pack = rules / "sourcing.yaml"
    text, edits = re.subn(r"(?m)^(\s+points: )(-?\d+)$", lambda m: f"{m[1]}{int(m[2]) + 1}",
                          pack.read_text(encoding="utf-8"), count=1)
    assert edits == 1
    pack.write_text(text, encoding="utf-8")
    changed = compiled.load_cached(config, cache)
    assert len(calls) == 3
    assert changed.digest != first.digest
    compiled.load_cached(RulesetConfig(rule_dirs=(rules,), disabled=frozenset({"style"})),
                         cache)
    assert len(calls) == 4  # the switches are part of the key


def test_warm_compiles_every_deferred_pattern(tmp_path: Path) -> None:
    compiled.load_cached(RulesetConfig(), tmp_path)
    warm = compiled.load_cached(RulesetConfig(), tmp_path)
    deferred = compiled._DEFERRED
    assert deferred and not all(regex.compiled for regex in deferred)
    compiled.warm()
    assert all(regex.compiled for regex in deferred)
    assert warm.rules


def test_score_uses_it_and_no_cache_bypasses_it(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("RELIABILITY_CACHE_DIR", str(cache))
    args = ["score", str(SEEDS), "--as-of", AS_OF, "-q", "--format", "json"]
    plain = CliRunner().invoke(main, [*args, "--no-cache"])
    assert plain.exit_code == 0, plain.output
    assert not (cache / compiled.FOLDER).exists()
    cold = CliRunner().invoke(main, args)
    assert list((cache / compiled.FOLDER).glob("*.pickle"))
    (cache / "scorecards-v1.sqlite3").unlink()  # cards gone: the rules load, warm
    calls = _counting(monkeypatch)
    warm = CliRunner().invoke(main, args)
    assert calls == []
    assert plain.stdout == cold.stdout == warm.stdout


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    folder = tmp_path / compiled.FOLDER
    folder.mkdir()
    for n in range(compiled.KEEP + 3):
        old = folder / f"{n:064x}.pickle"
        old.write_bytes(b"old")
        os.utime(old, (1e9 + n, 1e9 + n))  # long ago: the new entry is the newest
    compiled.load_cached(RulesetConfig(), tmp_path)
    assert len(list(folder.glob("*.pickle"))) == compiled.KEEP
    assert compiled.clear(tmp_path) == compiled.KEEP
    assert not list(folder.glob("*.pickle"))


def test_the_worker_pickle_still_rebuilds_from_the_recipe(ruleset: Ruleset) -> None:
    # Ruleset.__reduce__ (spawned workers, Dask) is unchanged: only the cache pickles fields.
    assert ruleset.__reduce__() == (engine.ruleset.load_ruleset, (ruleset.config,))


def _load_digest(directory: str) -> str:
    return compiled.load_cached(RulesetConfig(), Path(directory)).digest


def test_two_runs_sharing_the_folder_each_get_a_whole_entry(tmp_path: Path,
                                                            ruleset: Ruleset) -> None:
    context = multiprocessing.get_context("fork" if "fork" in
                                          multiprocessing.get_all_start_methods() else None)
    with context.Pool(2) as pool:  # both build and store at once: renames, never half files
        digests = pool.map(_load_digest, [str(tmp_path)] * 2)
    assert digests == [ruleset.digest] * 2
    folder = tmp_path / compiled.FOLDER
    (entry,) = folder.iterdir()  # one entry, no temporary file left behind
    assert compiled.loads(entry.read_bytes()) is not None


def test_workers_are_forked_after_the_patterns_are_compiled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(engine.compiled, "warm", lambda: calls.append(1))
    args = ["score", str(SEEDS), "--as-of", AS_OF, "-q", "--format", "json"]
    two = CliRunner().invoke(main, [*args, "--jobs", "2"])
    assert two.exit_code == 0, two.output
    assert calls == [1]  # once, before the pool starts
    assert two.stdout == CliRunner().invoke(main, [*args, "--no-cache"]).stdout
