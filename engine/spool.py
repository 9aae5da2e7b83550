"""Scorecards parked on disk and read back in ranked order: memory stays flat with corpus size.

:class:`CardSpool` appends each scorecard as a compact line (:mod:`engine.cardjson`) to a
temporary file and keeps only its sort key and offset, in bounded chunks: a full chunk is
sorted and written out as a run, and the runs are merged (``heapq.merge``) into one file of
offsets in rank order. :meth:`CardSpool.ranked` is a lazy sequence over that order, which the
renderers iterate like any tuple of cards. Ranking is :func:`engine.scoring.rank`'s: score
descending, then article id.
"""

from __future__ import annotations

import heapq
import json
import os
import struct
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, overload

from engine import cardjson
from engine.model import Scorecard
from engine.report.write import BUFFER_BYTES

CHUNK = 50_000
"""Sort keys held in memory before they are written out as a sorted run (~10 MB)."""
_ENTRY = struct.Struct("<QQ")  # offset, length of one card line in the data file

SortKey = tuple[float, str, int, int]  # -score, article id, offset, length


class CardSpool:
    """``with CardSpool() as spool: spool.add(card) ...; cards = spool.ranked()``.

    ``keep_text``: the cards read back keep their article text (the HTML report highlights it).
    Everything lives in one temporary folder, removed on exit.
    """

    def __init__(self, *, keep_text: bool = False, directory: str | None = None) -> None:
        self.keep_text = keep_text
        self._dir = tempfile.TemporaryDirectory(prefix="reliability-spool-", dir=directory)
        self._root = Path(self._dir.name)
        self._data: BinaryIO = (self._root / "cards.jsonl").open("w+b", buffering=BUFFER_BYTES)
        self._keys: list[SortKey] = []
        self._runs: list[Path] = []
        self._count = 0
        self._ranked: RankedCards | None = None

    def __enter__(self) -> CardSpool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._ranked is not None:
            self._ranked.close()
        self._data.close()
        self._dir.cleanup()

    def add(self, card: Scorecard) -> None:
        """Park ``card`` (the spool must not have been ranked yet)."""
        self.add_compact(cardjson.compact(card, keep_text=self.keep_text), card.article.id)

    def add_compact(self, item: cardjson.Compact, article_id: str) -> None:
        """Park a card already in its compact form (e.g. from the cache)."""
        if self._ranked is not None:
            raise RuntimeError("the spool was already ranked")
        data = item.encode().encode("utf-8", "surrogatepass") + b"\n"
        offset = self._data.tell()
        self._data.write(data)
        self._keys.append((-item.score, article_id, offset, len(data)))
        self._count += 1
        if len(self._keys) >= CHUNK:
            self._flush_run()

    def _flush_run(self) -> None:
        self._keys.sort()
        path = self._root / f"run{len(self._runs)}.jsonl"
        with path.open("w", encoding="utf-8", errors="surrogatepass") as out:
            for key in self._keys:
                out.write(json.dumps(key, ensure_ascii=False) + "\n")
        self._runs.append(path)
        self._keys = []

    def __len__(self) -> int:
        return self._count

    def ranked(self) -> RankedCards:
        """The parked cards, best first, as a lazy sequence (valid until the spool closes)."""
        if self._ranked is None:
            self._data.flush()
            order = self._root / "order.bin"
            with order.open("wb") as out:
                for key in self._merged():
                    out.write(_ENTRY.pack(key[2], key[3]))
            self._ranked = RankedCards(self._root / "cards.jsonl", order, self._count)
        return self._ranked

    def _merged(self) -> Iterator[SortKey]:
        self._keys.sort()
        if not self._runs:
            yield from self._keys
            return
        yield from heapq.merge(*(_read_run(path) for path in self._runs), iter(self._keys))


def _read_run(path: Path) -> Iterator[SortKey]:
    with path.open(encoding="utf-8", errors="surrogatepass") as lines:
        for line in lines:
            score, article_id, offset, length = json.loads(line)
            yield (score, article_id, offset, length)


class RankedCards(Sequence[Scorecard]):
    """Cards in rank order, each read from disk when reached: iterate it as often as needed."""

    def __init__(self, data: Path, order: Path, count: int) -> None:
        self._data = data.open("rb")
        self._order = order.open("rb")
        self._count = count

    def close(self) -> None:
        self._data.close()
        self._order.close()

    def __len__(self) -> int:
        return self._count

    def _compact_at(self, entry: bytes) -> cardjson.Compact:
        offset, length = _ENTRY.unpack(entry)
        self._data.seek(offset)
        return cardjson.Compact.decode(self._data.read(length)[:-1].decode("utf-8",
                                                                            "surrogatepass"))

    def _card_at(self, entry: bytes) -> Scorecard:
        return self._compact_at(entry).card()

    @overload
    def __getitem__(self, index: int) -> Scorecard: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Scorecard]: ...

    def __getitem__(self, index: int | slice) -> Scorecard | Sequence[Scorecard]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        self._order.seek(index * _ENTRY.size)
        return self._card_at(self._order.read(_ENTRY.size))

    def __iter__(self) -> Iterator[Scorecard]:
        with open(self._order.name, "rb") as order:  # its own handle: iterations may nest
            while entry := order.read(_ENTRY.size):
                yield self._card_at(entry)

    def json_lines(self) -> Iterator[str]:
        """The JSON report's line of each card, in rank order, straight from its stored
        form: nothing parsed, nothing rebuilt. Only for a spool that did not keep texts."""
        with open(self._order.name, "rb") as order:
            rank = 0
            while entry := order.read(_ENTRY.size):
                rank += 1
                yield self._compact_at(entry).ranked_line(rank)

    def __bool__(self) -> bool:
        return self._count > 0


def spool_dir() -> str | None:
    """Where spools go: ``RELIABILITY_SPOOL_DIR`` when set, else the system temp folder."""
    return os.environ.get("RELIABILITY_SPOOL_DIR") or None
