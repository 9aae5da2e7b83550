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
import os
import pickle
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
RUN_FRAME = 1024
"""Sort keys per pickle frame of a run file: what the merge reads at a time from each run."""
_ENTRY = struct.Struct("<QQII")
"""Where one card is in the data file: offset and length of its line, where the JSON starts in
it (bytes) and where the JSON report's rank goes in the JSON (characters, Compact.split)."""

SortKey = tuple[float, str, int, int, int, int]  # -score, article id, then the _ENTRY fields


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
        encoded = item.encode()
        data = encoded.encode("utf-8", "surrogatepass") + b"\n"
        # The JSON is the encoded line's tail: the head (score, split, order) is short.
        head = len(encoded[:len(encoded) - len(item.line)].encode("utf-8", "surrogatepass"))
        offset = self._data.tell()
        self._data.write(data)
        self._keys.append((-item.score, article_id, offset, len(data), head, item.split))
        self._count += 1
        if len(self._keys) >= CHUNK:
            self._flush_run()

    def _flush_run(self) -> None:
        self._keys.sort()
        path = self._root / f"run{len(self._runs)}.pickle"
        # Pickled in frames of RUN_FRAME keys: the merge holds one frame per run in memory.
        # Pickle, not JSON: these files are this process's own, in its private folder.
        with path.open("wb") as out:
            for start in range(0, len(self._keys), RUN_FRAME):
                pickle.dump(self._keys[start:start + RUN_FRAME], out, pickle.HIGHEST_PROTOCOL)
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
                    out.write(_ENTRY.pack(*key[2:]))
            self._ranked = RankedCards(self._root / "cards.jsonl", order, self._count)
        return self._ranked

    def _merged(self) -> Iterator[SortKey]:
        self._keys.sort()
        if not self._runs:
            yield from self._keys
            return
        yield from heapq.merge(*(_read_run(path) for path in self._runs), iter(self._keys))


def _read_run(path: Path) -> Iterator[SortKey]:
    with path.open("rb") as frames:
        while frames.peek(1):
            frame: list[SortKey] = pickle.load(frames)
            yield from frame


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
        offset, length, _, _ = _ENTRY.unpack(entry)
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
        data = self._data.fileno()
        with open(self._order.name, "rb") as order:
            rank = 0
            while entry := order.read(_ENTRY.size):
                rank += 1
                offset, length, head, split = _ENTRY.unpack(entry)
                # One read of the JSON alone: the compact form is not decoded.
                line = os.pread(data, length - head - 1, offset + head).decode(
                    "utf-8", "surrogatepass")
                yield cardjson.ranked_line(line, split, rank)

    def __bool__(self) -> bool:
        return self._count > 0


def spool_dir() -> str | None:
    """Where spools go: ``RELIABILITY_SPOOL_DIR`` when set, else the system temp folder."""
    return os.environ.get("RELIABILITY_SPOOL_DIR") or None
