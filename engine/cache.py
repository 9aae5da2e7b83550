"""The scorecard cache: an unchanged article under an unchanged ruleset is not scored twice.

One SQLite file in the user cache folder (``RELIABILITY_CACHE_DIR``, else platformdirs'
``user_cache_dir("reliability")``). An entry is a compact scorecard (:mod:`engine.cardjson`,
no article text) under a key that hashes everything the card depends on:

* the article: every field of it (text, id, path, title, metadata, positions...);
* the run: the ruleset digest (rule and knowledge files, scoring, weights, disabled rules),
  the engine version, a hash of the engine's own source files (a code change without a version
  bump still invalidates), and the reference date.

Beside the cards, the file keeps each ruleset's report header (digest, rules, bands, settings)
under a fingerprint of its files' bytes and switches (:func:`ruleset_fingerprint`): a run whose
every card is cached takes its header from there and never parses, validates or compiles the
rules. Each entry stores a SHA-256 of its body: an entry that does not match it, or does not parse,
is ignored and recomputed, never trusted. SQLite's locking makes one file safe for two runs at
once; a cache file that is not a database is replaced. Reviewer decisions are applied after the
cache, so they never need invalidating it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from engine.cardjson import Compact
from engine.layers import RulesetConfig, layer_files
from engine.model import Article, RuleInfo, RunHeader, RunSettings
from engine.sources import RawInput, Recalled
from engine.version import __version__

T = TypeVar("T")  # what a cache table entry is read back as
ENV_DIR = "RELIABILITY_CACHE_DIR"
DB_NAME = "scorecards-v1.sqlite3"
TABLES = ("cards", "headers", "raw")
_MAX_PARAMS = 500  # host parameters per query: far below every SQLite build's limit
MMAP_BYTES = 64 << 20
"""How much of the database is read through a memory map: mapped pages count in the process's
resident memory, so the map is capped to keep a run's memory independent of the cache's size."""
COMMIT_EVERY = 500
"""Entries written per transaction: fewer fsyncs, and a crash loses at most this many."""


def cache_dir() -> Path:
    """``$RELIABILITY_CACHE_DIR``, else the platform's user cache folder for ``reliability``."""
    configured = os.environ.get(ENV_DIR)
    if configured:
        return Path(configured)
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # an install without the dependency: the XDG default
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reliability"
    return Path(user_cache_dir("reliability", appauthor=False))


@functools.cache
def engine_fingerprint() -> str:
    """A hash of the engine version and of every source and schema file of the package."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def run_key(ruleset_digest: str, as_of: dt.date) -> str:
    """What every entry of one run shares: ruleset, engine (version and code) and date."""
    return hashlib.sha256(f"{ruleset_digest}\0{engine_fingerprint()}\0{as_of.isoformat()}"
                          .encode()).hexdigest()


def ruleset_fingerprint(config: RulesetConfig) -> str | None:
    """A hash of every file the ruleset of ``config`` is built from (names and bytes), its
    switches and the engine: equal fingerprints, equal rulesets. None when the files cannot
    be listed (the full load then reports why)."""
    files = layer_files(config.rule_dirs)
    if files.problems:
        return None
    digest = hashlib.sha256(engine_fingerprint().encode())
    for path in files.all:
        digest.update(f"\0{path}\0".encode("utf-8", "surrogateescape"))
        digest.update(path.read_bytes())
    digest.update(json.dumps([sorted(config.disabled), sorted(config.weights.items()),
                              config.config_file]).encode())
    return digest.hexdigest()


def header_json(header: RunHeader) -> str:
    return json.dumps({"digest": header.digest,
                       "rules": [[r.id, r.category, r.title, r.kind] for r in header.rules],
                       "bands": [list(b) for b in header.bands],
                       "settings": [header.settings.config_file, list(header.settings.disabled),
                                    [list(w) for w in header.settings.weights]]},
                      ensure_ascii=False)


def header_from_json(body: str) -> RunHeader:
    raw = json.loads(body)
    config_file, disabled, weights = raw["settings"]
    return RunHeader(raw["digest"], tuple(RuleInfo(*r) for r in raw["rules"]),
                     tuple((n, a, m) for n, a, m in raw["bands"]),
                     RunSettings(config_file, tuple(disabled), tuple((k, v) for k, v in weights)))


def article_key(article: Article, run: str) -> str:
    """The key of ``article`` scored in the run whose :func:`run_key` is ``run``."""
    # repr, not JSON: as deterministic for the same input (metadata keeps the record's key
    # order, so the same fields in another order only cost a miss), and several times faster.
    fields = (article.id, article.path, article.title, article.meta, article.encoding,
              article.format, article.positions, article.line_offset, article.record_line,
              article.origins)
    digest = hashlib.sha256(run.encode())
    digest.update(repr(fields).encode("utf-8", "backslashreplace"))
    digest.update(b"\0")
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def raw_key(raw: RawInput, run: str) -> str:
    """The key of the input read as ``raw`` (its bytes and where they are) in the run whose
    :func:`run_key` is ``run``: known before the input is decoded or parsed."""
    digest = hashlib.sha256(run.encode())
    digest.update(raw.header.encode("utf-8", "surrogateescape"))
    digest.update(b"\0")
    digest.update(raw.data)
    return digest.hexdigest()


def _checksum(body: str) -> str:
    # Guards against damage (a torn write, a flipped byte), not forgery: CRC-32 detects it and
    # costs a tenth of a SHA-256, paid for every entry a re-run reads.
    return format(zlib.crc32(body.encode("utf-8", "surrogatepass")), "08x")


@dataclass(frozen=True)
class CacheInfo:
    """What ``reliability cache info`` prints."""

    path: Path
    entries: int
    size: int


class CardCache:
    """``with CardCache(folder) as cache: cache.get(key) / cache.put(key, line)``."""

    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory or cache_dir()) / DB_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._pending = 0
        try:
            self._db = self._open()
        except sqlite3.DatabaseError:  # not a database (truncated, overwritten): start over
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            self._db = self._open()
        self.hits = 0
        self.misses = 0

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
            db.execute("PRAGMA synchronous=NORMAL")
            # Read through a memory map, not a read() per page: an unchanged re-run reads
            # every entry once (about 20 % of its system time). Capped: see MMAP_BYTES.
            db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            for table in TABLES:
                db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, "
                           "checksum TEXT NOT NULL, body TEXT NOT NULL)")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def __enter__(self) -> CardCache:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._commit()
        self._db.close()

    def _commit(self) -> None:
        if self._pending:
            self._db.execute("COMMIT")
            self._pending = 0

    def get(self, key: str, table: str = "cards") -> str | None:
        """The body stored under ``key``, or None when absent or damaged."""
        row = self._db.execute(f"SELECT checksum, body FROM {_table(table)} WHERE key = ?",
                               (key,)).fetchone()
        if row is None or not isinstance(row[1], str) or _checksum(row[1]) != row[0]:
            self.misses += 1
            return None
        self.hits += 1
        body: str = row[1]
        return body

    def put(self, key: str, body: str, table: str = "cards") -> None:
        if not self._pending:
            self._db.execute("BEGIN")
        self._db.execute(f"INSERT OR REPLACE INTO {_table(table)} VALUES (?, ?, ?)",
                         (key, _checksum(body), body))
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self._commit()

    def get_card(self, key: str) -> Compact | None:
        """The compact card stored under ``key``, or None."""
        body = self.get(key)
        if body is None:
            return None
        try:
            return Compact.decode(body)
        except ValueError:
            return None

    def _get_many(self, table: str, keys: Sequence[str],
                  read: Callable[[str], T]) -> dict[str, T]:
        """``read(body)`` of every entry of ``table`` stored under any of ``keys``, asked in
        chunks; an entry whose checksum does not match, or that ``read`` rejects (ValueError,
        TypeError), is left out and counts as a miss."""
        found: dict[str, T] = {}
        for start in range(0, len(keys), _MAX_PARAMS):
            chunk = keys[start:start + _MAX_PARAMS]
            rows = self._db.execute(f"SELECT key, checksum, body FROM {_table(table)} WHERE key "
                                    f"IN ({', '.join('?' * len(chunk))})", chunk).fetchall()
            for key, checksum, body in rows:
                if isinstance(body, str) and _checksum(body) == checksum:
                    with contextlib.suppress(ValueError, TypeError):
                        found[key] = read(body)
        self.hits += len(found)
        self.misses += len(set(keys)) - len(found)
        return found

    def get_cards(self, keys: Iterable[str]) -> dict[str, Compact]:
        """The compact cards stored under any of ``keys`` (absent or damaged ones left out)."""
        return self._get_many("cards", list(keys), Compact.decode)

    def put_card(self, key: str, card: Compact) -> None:
        self.put(key, card.encode())

    def get_raw(self, keys: Sequence[str]) -> dict[str, Recalled]:
        """The inputs stored under any of ``keys`` (:func:`raw_key`), as their article's id
        and path with its compact card; absent or damaged ones left out."""
        return self._get_many("raw", keys, _recalled)

    def put_raw(self, key: str, article: Article, card: Compact) -> None:
        self.put(key, f"{_where(article.id, article.path)}\n{card.encode()}", "raw")

    def header(self, fingerprint: str) -> RunHeader | None:
        """The report header stored for a ruleset fingerprint, or None."""
        body = self.get(fingerprint, "headers")
        if body is None:
            return None
        try:
            return header_from_json(body)
        except (ValueError, KeyError, TypeError):
            return None

    def put_header(self, fingerprint: str, header: RunHeader) -> None:
        self.put(fingerprint, header_json(header), "headers")

    def info(self) -> CacheInfo:
        self._commit()
        (entries,) = self._db.execute("SELECT COUNT(*) FROM cards").fetchone()
        size = sum(p.stat().st_size for p in _files(self.path))
        return CacheInfo(self.path, int(entries), size)

    def clear(self) -> int:
        """Remove every entry; return how many there were."""
        self._commit()
        (entries,) = self._db.execute("SELECT COUNT(*) FROM cards").fetchone()
        for table in TABLES:
            self._db.execute(f"DELETE FROM {table}")
        self._db.execute("VACUUM")
        return int(entries)


def _where(article_id: str, path: str) -> str:
    """An article's id and path as the head of a raw entry: two lines, or, when either holds
    a line break (or the id starts like JSON), one JSON array."""
    if "\n" in article_id or "\n" in path or article_id.startswith("["):
        return json.dumps([article_id, path], ensure_ascii=False)
    return f"{article_id}\n{path}"


def _recalled(body: str) -> Recalled:
    """What :meth:`CardCache.put_raw` stored; ValueError or TypeError when it is not that."""
    if body.startswith("["):
        where, card = body.split("\n", 1)
        article_id, path = json.loads(where)
        if not isinstance(article_id, str) or not isinstance(path, str):
            raise TypeError("not an id and a path")
    else:
        article_id, path, card = body.split("\n", 2)
    return Recalled(article_id, path, Compact.decode(card))


class RawCards:
    """The card cache asked before parsing (:func:`engine.sources.iter_recalled`): an
    unchanged file or JSONL record costs a hash and a lookup, not a parse. A card is stored
    under the raw key of the input it was parsed from (:meth:`store`), beside its
    article key."""

    def __init__(self, cache: CardCache, run: str) -> None:
        self._cache = cache
        self._run = run
        self._parsed: dict[int, str] = {}  # id(article) -> raw key, until its card is stored

    def recall(self, raws: Sequence[RawInput]) -> list[Recalled | None]:
        keys = [raw_key(raw, self._run) for raw in raws]
        found = self._cache.get_raw(keys)
        return [found.get(key) for key in keys]

    def parsed(self, raw: RawInput, article: Article) -> None:
        self._parsed[id(article)] = raw_key(raw, self._run)

    def store(self, article: Article, card: Compact) -> None:
        """``article``'s card, under the raw key of its input when it was parsed from one."""
        key = self._parsed.pop(id(article), None)
        if key is not None:
            self._cache.put_raw(key, article, card)


def _table(name: str) -> str:
    if name not in TABLES:  # table names cannot be SQL parameters: only ours pass
        raise ValueError(f"no cache table {name!r}")
    return name


def _files(db: Path) -> Iterator[Path]:
    for suffix in ("", "-wal", "-shm"):
        candidate = db.with_name(db.name + suffix)
        if candidate.exists():
            yield candidate
