"""The compiled-ruleset cache: a warm start skips YAML parsing, schema validation, the knowledge
indexes and regex compilation.

Loading the shipped rules costs about a second of CPU (knowledge indexes, ~290 RE2 compiles,
JSON Schema validation, YAML): more than scoring a few articles. When the rules are unchanged
the built :class:`~engine.ruleset.Ruleset` is read back from a pickle instead, in the same
cache folder as the scorecards (:func:`engine.cache.cache_dir`), under the ruleset fingerprint
(:func:`engine.cache.ruleset_fingerprint`: the names and bytes of every rule, knowledge and
scoring file, the switches, and the engine's own code and version), so any edit rebuilds it.

RE2 objects cannot be pickled, so a pattern is stored as its source and compiled on first use
(:class:`_Deferred`); a run that never reaches a rule never compiles its pattern, and
:func:`warm` compiles the rest before worker processes are forked, so they share the work.

An entry is ``MAGIC``, the SHA-256 of the pickle, a newline, the pickle. An entry that does not
match its checksum, does not unpickle or is not a ruleset is rebuilt and replaced, never
trusted; entries are written to a temporary file and renamed, so two runs sharing the folder
never see half of one. The checksum guards against damage, not against someone who can write
the user's own cache folder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
import pickle
import sys
import tempfile
import types
from pathlib import Path
from typing import Any

from engine.cache import cache_dir, ruleset_fingerprint
from engine.mentions.reader import MentionIndex, mention_index, remember_mention_index
from engine.regex import PatternSet, Regex
from engine.ruleset import Ruleset, RulesetConfig, load_ruleset

FOLDER = "rulesets-v1"
MAGIC = b"reliability compiled ruleset 1\n"
KEEP = 8
"""Entries kept: older ones (rules edited since) are removed when a new one is written."""


_COMPILED_SLOTS = frozenset(Regex.__slots__) - {"_source"}


class _Deferred(Regex):
    """A :class:`Regex` read back from the cache: compiled when first searched."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not set yet: the compiled ones, before compilation. Every
        # slot of Regex but the source is set by compiling, whatever Regex adds later.
        if name in _COMPILED_SLOTS:
            Regex.__init__(self, self._source)
            return getattr(self, name)
        raise AttributeError(name)

    @property
    def compiled(self) -> bool:
        try:
            object.__getattribute__(self, "_re2")
        except AttributeError:
            return False
        return True


_DEFERRED: list[_Deferred] = []  # those of the last entry loaded, for warm()
_PATTERN_SETS: list[PatternSet] = []


def _regex(source: str) -> Regex:
    regex = _Deferred.__new__(_Deferred)
    regex._source = source
    _DEFERRED.append(regex)
    return regex


def _pattern_set(sources: list[str]) -> PatternSet:
    patterns = PatternSet()
    patterns._sources = sources  # the filter is built from them on first use
    _PATTERN_SETS.append(patterns)
    return patterns


def _proxy(mapping: dict[Any, Any]) -> types.MappingProxyType[Any, Any]:
    return types.MappingProxyType(mapping)


def _ruleset(*fields: Any) -> Ruleset:
    return Ruleset(*fields)


class _Pickler(pickle.Pickler):
    """Pickles a built ruleset: RE2 objects as their source, a Ruleset by its fields (its own
    ``__reduce__`` rebuilds it from the files, the cost this cache avoids)."""

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is Regex or kind is _Deferred:
            return _regex, (obj._source,)
        if kind is PatternSet:
            return _pattern_set, (list(obj._sources),)
        if kind is types.MappingProxyType:
            return _proxy, (dict(obj),)
        if kind is Ruleset:
            return _ruleset, tuple(getattr(obj, f.name) for f in dataclasses.fields(Ruleset))
        return NotImplemented


def entry_path(fingerprint: str, directory: Path | None = None) -> Path:
    # The interpreter's version too: a pickle names the engine's classes, and the fingerprint
    # already covers their code, but not the Python that defines dataclasses and slots.
    python = f"py{sys.version_info.major}{sys.version_info.minor}"
    return (directory or cache_dir()) / FOLDER / f"{fingerprint}-{python}.pickle"


def dumps(ruleset: Ruleset) -> bytes:
    """``ruleset`` (and its knowledge base's mention index) as a checksummed entry."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(
        (ruleset, mention_index(ruleset.knowledge)))
    body = buffer.getvalue()
    return MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def loads(data: bytes) -> Ruleset | None:
    """The ruleset in an entry, or None when the entry is damaged in any way."""
    head = len(MAGIC) + 65
    if not data.startswith(MAGIC) or len(data) < head:
        return None
    body = data[head:]
    if hashlib.sha256(body).hexdigest().encode() != data[len(MAGIC):head - 1]:
        return None
    del _DEFERRED[:], _PATTERN_SETS[:]
    try:
        ruleset, index = pickle.loads(body)
    except Exception:  # a damaged entry can raise anything: it is rebuilt
        return None
    if not isinstance(ruleset, Ruleset) or not isinstance(index, MentionIndex):
        return None
    remember_mention_index(ruleset.knowledge, index)  # else rebuilt on first use
    return ruleset


def load_cached(config: RulesetConfig, directory: Path | None = None) -> Ruleset:
    """The ruleset of ``config``: from the cache when its files are unchanged, else loaded
    (``load_ruleset``, which raises LoadError with every problem) and stored."""
    fingerprint = ruleset_fingerprint(config)
    if fingerprint is None:
        return load_ruleset(config)
    path = entry_path(fingerprint, directory)
    with contextlib.suppress(OSError):
        ruleset = loads(path.read_bytes())
        if ruleset is not None and ruleset.config == config:
            return ruleset
    ruleset = load_ruleset(config)
    with contextlib.suppress(OSError):  # an unwritable cache only costs the next run time
        _store(path, dumps(ruleset))
    return ruleset


def _store(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)  # atomic: a reader sees the old entry or the new, never half
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _prune(path.parent)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def clear(directory: Path | None = None) -> int:
    """Remove every compiled ruleset; return how many there were."""
    folder = (directory or cache_dir()) / FOLDER
    removed = 0
    for path in folder.glob("*.pickle"):
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


def warm() -> None:
    """Compile the patterns of the last entry loaded that no article has needed yet: called
    before forking workers, so that they inherit them instead of each compiling its own."""
    for regex in _DEFERRED:
        if not regex.compiled:
            regex.groups  # noqa: B018 (the attribute access compiles it)
    for patterns in _PATTERN_SETS:
        patterns.hits(" ")  # builds its filter
