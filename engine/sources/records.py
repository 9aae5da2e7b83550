"""JSON inputs: one article per ``.json`` file, one per line of a ``.jsonl`` file.

A record is an object with ``text`` and optionally ``id``, ``title``, ``date``, ``source`` (or
``outlet``), ``author``, ``url``; other fields are kept in ``meta``. Line:col of a record's
findings count in its ``text`` (``positions: record``); the article carries the record's line
in the file (``record_line``) so that reports can name the record.

JSONL is streamed: one line is read, parsed and handed on before the next is read, so a file
of any size works in constant memory, and ``limits.MAX_BYTES`` applies to each record. Blank
lines are ignored; a bad line (invalid JSON, too large, not an object, no text) is one Skipped
with its line number, and the rest of the file goes on.

Hostile JSON is refused, never fatal: nesting deeper than ``limits.MAX_DEPTH`` (or deep enough
to exhaust the parser's recursion), ``NaN``/``Infinity`` (kept as the text "NaN"), and numbers of
more than ``limits.MAX_NUMBER_DIGITS`` digits (kept as their digits).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

from engine.model import Article, Skipped
from engine.sources import limits
from engine.sources.common import (
    WIDE_BOMS,
    Unusable,
    decode_text,
    guess_decode,
    make_article,
    normalise_newlines,
    sanitise,
    too_large,
)

_TEXT_KEYS = ("title", "text", "id")
_READ_CHUNK = 1024 * 1024


def loads(text: str) -> Any:
    """``json.loads`` that raises Unusable, never anything else, on hostile input."""
    try:
        return json.loads(text, parse_constant=str, parse_int=_int, parse_float=_float)
    except json.JSONDecodeError as exc:
        raise Unusable(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
                       ) from None
    except RecursionError:
        raise Unusable("invalid JSON: nested too deeply") from None
    except ValueError as exc:
        raise Unusable(f"invalid JSON: {exc}") from None


def _int(digits: str) -> int | str:
    return digits if len(digits) > limits.MAX_NUMBER_DIGITS else int(digits)


def _float(digits: str) -> float | str:
    if len(digits) > limits.MAX_NUMBER_DIGITS:
        return digits
    value = float(digits)
    return digits if value in (float("inf"), float("-inf")) else value


def parse_json_file(article_id: str, path: str, text: str, encoding: str) -> Article:
    return article_from_record(loads(text), article_id, path, encoding, None)


def iter_jsonl(article_id: str, path: str, handle: IO[bytes]) -> Iterator[Article | Skipped]:
    """Every record of an open JSONL file, one at a time (see the module docstring)."""
    head = handle.peek(limits.PROBE_BYTES) if hasattr(handle, "peek") else b""
    if any(head.startswith(bom) for bom, _ in WIDE_BOMS):
        yield from _wide_jsonl(article_id, path, handle)
        return
    if b"\x00" in head[:limits.PROBE_BYTES]:
        yield Skipped(article_id, path, "binary file (NUL bytes in the first 8 KiB)")
        return
    for item in jsonl_lines(article_id, path, handle):
        if isinstance(item, Skipped):
            yield item
            continue
        number, raw = item
        parsed = parse_line(article_id, path, number, raw)
        if parsed is not None:
            yield parsed


def jsonl_lines(article_id: str, path: str, handle: IO[bytes]
                ) -> Iterator[tuple[int, bytes] | Skipped]:
    """(line number, bytes) of each line of an open UTF-8 JSONL file, not yet parsed
    (:func:`parse_line` parses one), or a Skipped for a line over the size limit."""
    for number, raw in _lines(handle):
        if raw is None:
            yield Skipped(f"{article_id}:{number}", path,
                          f"record too large: over the limit of {limits.MAX_BYTES} bytes",
                          number)
            continue
        yield number, raw


def parse_line(article_id: str, path: str, number: int, raw: bytes) -> Article | Skipped | None:
    """The record on line ``number`` of a JSONL file (None: a blank line)."""
    if number == 1:
        raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        line, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            line, encoding = guess_decode(raw)
        except Unusable as exc:
            return Skipped(f"{article_id}:{number}", path, exc.reason, number)
    if not line.strip():
        return None
    return _record(article_id, path, number, line, encoding)


def is_wide_or_binary(handle: IO[bytes]) -> bool:
    """Whether an open JSONL file is UTF-16/32 or binary: :func:`iter_jsonl` reads those whole
    (or refuses them), not line by line."""
    head = handle.peek(limits.PROBE_BYTES) if hasattr(handle, "peek") else b""
    return any(head.startswith(bom) for bom, _ in WIDE_BOMS) or b"\x00" in head[:limits.PROBE_BYTES]


def _lines(handle: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line without its break) for each line; None for a line over the limit,
    which is read past in chunks, never held whole."""
    limit = limits.MAX_BYTES
    number = 0
    while True:
        raw = handle.readline(limit + 2)  # the limit, a "\r" and the "\n"
        if not raw:
            return
        number += 1
        if raw.endswith(b"\n") or len(raw) < limit + 2:  # the whole line was read
            body = raw.rstrip(b"\r\n")
            yield number, body if len(body) <= limit else None
            continue
        while raw and not raw.endswith(b"\n"):
            raw = handle.readline(_READ_CHUNK)
        yield number, None


def _wide_jsonl(article_id: str, path: str, handle: IO[bytes]) -> Iterator[Article | Skipped]:
    """A UTF-16/32 JSONL file (rare: Windows tools), read whole within the size limit."""
    data = handle.read(limits.MAX_BYTES + 1)
    if len(data) > limits.MAX_BYTES:
        yield Skipped(article_id, path, "UTF-16/32 JSONL " + too_large(
            len(data), limits.MAX_BYTES, at_least=True) + "; convert it to UTF-8")
        return
    try:
        text, encoding = decode_text(data)
    except Unusable as exc:
        yield Skipped(article_id, path, exc.reason)
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _record(article_id, path, number, line, encoding)


def _record(article_id: str, path: str, number: int, line: str,
            encoding: str) -> Article | Skipped:
    default_id = f"{article_id}:{number}"
    record: Any = None
    try:
        record = loads(line)
        return article_from_record(record, default_id, path, encoding, number)
    except Unusable as exc:
        return Skipped(record_id(record, default_id), path, exc.reason, number)


def article_from_record(record: Any, default_id: str, path: str, encoding: str,
                        record_line: int | None) -> Article:
    """An Article from one JSON object; raises Unusable if it is not a usable one."""
    if not isinstance(record, dict):
        raise Unusable(f"expected a JSON object, got {_json_type(record)}")
    text = record.get("text")
    if text is None:
        raise Unusable("missing 'text'")
    if not isinstance(text, str):
        raise Unusable(f"'text' must be a string, got {_json_type(text)}")
    if not text.strip():
        raise Unusable("empty 'text'")
    meta = {key: value for key, value in record.items() if key not in _TEXT_KEYS}
    title = record.get("title")
    origins = {"title": "record"} if title is not None else {}
    origins.update({key: "record" for key in ("date", "author", "source", "outlet", "url")
                    if key in meta})
    return make_article(record_id(record, default_id), path, normalise_newlines(text),
                        encoding, title=title, meta=meta, fmt="jsonl" if record_line else "json",
                        positions="record", record_line=record_line, origins=origins)


def record_id(record: Any, default_id: str) -> str:
    if isinstance(record, dict):
        value = record.get("id")
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return sanitise(str(value))
    return default_id


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
