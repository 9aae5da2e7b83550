"""A set of strings in a few dozen bytes each, whatever their length: the ids of a long run.

The input stream renames a repeated article id (``#2``...), so it remembers every id it has
seen: as a Python ``set`` of strings that costs ~100 bytes an id, 120 MB for a million articles,
the one part of a streaming run's memory that still grows with the corpus. :class:`IdSet` is a
plain set up to ``SMALL`` ids (fast, ~20 MB at most), then keeps a 127-bit BLAKE2b digest per id
in an open-addressing table of machine words instead (16 bytes a slot, at most 70 % full). Two
different ids share a digest with probability ~2^-127 per pair: never, for any real corpus.
"""

from __future__ import annotations

import hashlib
from array import array

SMALL = 200_000
"""Ids held as a plain set before the table takes over."""
_START = 1 << 19  # slots once the table takes over (SMALL fits under the load limit)
_MAX_LOAD = 0.7


def _digest(text: str) -> tuple[int, int]:
    raw = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    # The low bit set: a zero word marks an empty slot.
    return int.from_bytes(raw[:8], "little") | 1, int.from_bytes(raw[8:], "little")


class IdSet:
    """``add`` and ``in`` for strings, as a ``set`` would, in bounded memory per entry."""

    def __init__(self) -> None:
        self._small: set[str] | None = set()
        self._capacity = 0
        self._slots = array("Q")  # (high, low) word pairs
        self._count = 0

    def __len__(self) -> int:
        return len(self._small) if self._small is not None else self._count

    def _to_table(self, texts: set[str]) -> None:
        self._small = None
        self._capacity = _START
        self._slots = array("Q", bytes(16 * _START))
        for text in texts:
            self.add(text)

    def _find(self, high: int, low: int) -> tuple[int, bool]:
        slots, mask = self._slots, self._capacity - 1
        index = high & mask
        while True:
            word = slots[2 * index]
            if word == 0:
                return index, False
            if word == high and slots[2 * index + 1] == low:
                return index, True
            index = (index + 1) & mask  # linear probing

    def __contains__(self, text: object) -> bool:
        if self._small is not None:
            return text in self._small
        return isinstance(text, str) and self._find(*_digest(text))[1]

    def add(self, text: str) -> None:
        if self._small is not None:
            self._small.add(text)
            if len(self._small) > SMALL:
                self._to_table(self._small)
            return
        high, low = _digest(text)
        index, found = self._find(high, low)
        if found:
            return
        self._slots[2 * index] = high
        self._slots[2 * index + 1] = low
        self._count += 1
        if self._count > self._capacity * _MAX_LOAD:
            self._grow()

    def _grow(self) -> None:
        old = self._slots
        self._capacity *= 2
        self._slots = array("Q", bytes(16 * self._capacity))
        for index in range(0, len(old), 2):
            if old[index]:
                slot, _ = self._find(old[index], old[index + 1])
                self._slots[2 * slot] = old[index]
                self._slots[2 * slot + 1] = old[index + 1]
