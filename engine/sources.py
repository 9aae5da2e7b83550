"""Inputs: find the files named on the command line, read them, decode them, split them.

``iter_inputs`` turns arguments (files, folders, ``-`` for stdin) into a stream in which every
input ends up as exactly one ``Article`` or one ``Skipped`` with the reason: each file, and each
non-blank line of a ``.jsonl`` file. Nothing is dropped silently, except files of unknown type
met while walking a folder, and hidden files and folders there.

Formats, by extension (case-insensitive):

* ``.txt``: the whole file is the text; no title (none is guessed).
* ``.md``: optional YAML front matter between ``---`` lines at the very top (keys ``title``,
  ``date``, ``source`` or ``outlet``, ``author``, ``url``; any other keys kept in ``meta``); the
  text is the body after it. No title is guessed from a heading either.
* ``.json``: one article object with ``text`` and optionally ``id``, ``title``, ``date``,
  ``source``, ``author``, ``url``; other fields kept in ``meta``.
* ``.jsonl``: one such object per line; blank lines are ignored; a bad line is skipped with its
  line number and the rest of the file goes on.
* anything else named explicitly: read as ``.txt``.

Text is decoded as UTF-8 (a BOM stripped), else as the best guess of charset_normalizer, and its
line breaks are normalised to ``\\n`` so that offsets, lines and columns agree everywhere.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import PurePath
from typing import Any, TextIO

import charset_normalizer
import yaml

from engine.model import Article, Skipped

MAX_BYTES = 5 * 1024 * 1024
"""Files (and stdin) larger than this are skipped, with their size and this limit as reason."""

FORMATS = {".txt": "txt", ".md": "md", ".json": "json", ".jsonl": "jsonl"}
STDIN_ARG = "-"
STDIN_PATH = "<stdin>"

# A NUL byte in the head means binary; 8 KiB is enough to catch images, archives, PDFs.
_BINARY_PROBE_BYTES = 8 * 1024
# Byte-order marks of the encodings whose text is full of NUL bytes, checked before the NUL
# probe so that a UTF-16 file saved by Windows Notepad is read, not called binary. UTF-32 first:
# its little-endian BOM begins with UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset_normalizer often cannot tell cp1252 (Western European) from its Central European and
# Baltic cousins on short texts, and may rank the wrong one first: French "très" read as cp1250
# comes out "trčs". When cp1252 reads the bytes (almost) as well as the top guess, take it: it is
# by far the most common legacy encoding of news text. The cost: Central European text whose
# letters cp1252 also happens to decode plausibly may be misread; such files are rare, and UTF-8
# is unaffected. Margins: charset_normalizer's own "too close to call" for coherence, and a
# looser one for chaos, where its scores for these near-identical decodings drift most.
_PREFERRED_LEGACY = ("cp1252", "latin_1")
_CLOSE_CHAOS = 0.05
_CLOSE_COHERENCE = 0.02
_TEXT_KEYS = ("title", "text", "id")
_FRONT_MATTER_FENCE = "---"
_FRONT_MATTER_ENDS = ("---", "...")


class _Unusable(Exception):
    """Raised inside this module when an input cannot become an Article; carries the reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclasses.dataclass(frozen=True)
class _FoundFile:
    """A file to read: its id (path relative to its argument), the path shown, its format."""

    id: str
    path: str
    fmt: str


def iter_inputs(args: Sequence[str], stdin: TextIO | None = None
                ) -> Iterator[Article | Skipped]:
    """Every input named by ``args``, in order, as an Article or a Skipped with the reason.

    ``args`` are files and folders; folders are walked recursively in sorted order (hidden
    entries skipped, only known extensions taken, symlinked folders not followed); ``-`` reads
    ``stdin`` (default ``sys.stdin``) as one .txt article with id ``-`` and path ``<stdin>``.
    Ids are unique in the stream: a repeated id gets ``#2``, ``#3``... appended.
    """
    seen: set[str] = set()
    for item in _iter_raw(args, stdin):
        yield _with_unique_id(item, seen)


def _iter_raw(args: Sequence[str], stdin: TextIO | None) -> Iterator[Article | Skipped]:
    for arg in args:
        if arg == STDIN_ARG:
            yield _read_stdin(stdin if stdin is not None else sys.stdin)
            continue
        for found in _discover(arg):
            if isinstance(found, Skipped):
                yield found
            else:
                yield from _read_file(found)


def _with_unique_id(item: Article | Skipped, seen: set[str]) -> Article | Skipped:
    unique = item.id
    number = 1
    while unique in seen:
        number += 1
        unique = f"{item.id}#{number}"
    seen.add(unique)
    return item if unique == item.id else dataclasses.replace(item, id=unique)


# --- discovery -------------------------------------------------------------------------------


def _discover(arg: str) -> Iterator[_FoundFile | Skipped]:
    """The files an argument names: itself, or the known files under it if it is a folder."""
    name = PurePath(arg).name or arg
    try:
        is_dir = os.path.isdir(arg)
        if not is_dir:
            os.stat(arg)  # a missing or unreachable argument is reported, not ignored
    except OSError as exc:
        yield Skipped(name, arg, _os_reason(exc))
        return
    if not is_dir:
        yield _FoundFile(name, arg, _known_format(arg) or "txt")
        return
    yield from _walk(arg, ())


def _walk(root: str, parts: tuple[str, ...]) -> Iterator[_FoundFile | Skipped]:
    """Known files under root/parts, depth first, each folder's entries sorted by name."""
    folder = os.path.join(root, *parts)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield Skipped(_relative_id(parts) or PurePath(root).name or root, folder, _os_reason(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        entry_parts = (*parts, entry.name)
        if _is_real_dir(entry):
            yield from _walk(root, entry_parts)
            continue
        fmt = _known_format(entry.name)
        if fmt is not None:
            yield _walked_file(root, entry_parts, entry, fmt)


def _is_real_dir(entry: os.DirEntry[str]) -> bool:
    # Symlinked folders are not followed: a link back up the tree would never end.
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _walked_file(root: str, parts: tuple[str, ...], entry: os.DirEntry[str], fmt: str
                 ) -> _FoundFile | Skipped:
    """A file met while walking; a broken link or a pipe there is reported, never opened."""
    file_id, path = _relative_id(parts), os.path.join(root, *parts)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # opening a FIFO would wait for a writer
            return Skipped(file_id, path, "not a regular file")
    except OSError as exc:
        return Skipped(file_id, path, _os_reason(exc))
    return _FoundFile(file_id, path, fmt)


def _relative_id(parts: Iterable[str]) -> str:
    return PurePath(*parts).as_posix() if parts else ""


def _known_format(path: str) -> str | None:
    return FORMATS.get(os.path.splitext(path)[1].lower())


def _os_reason(exc: OSError) -> str:
    return f"cannot read: {exc.strerror or exc}"


# --- reading and decoding --------------------------------------------------------------------


def _read_file(found: _FoundFile) -> Iterator[Article | Skipped]:
    """The articles in one file; a file that cannot be read at all gives one Skipped."""
    try:
        text, encoding = _decode_bytes(_read_bytes(found.path))
        if found.fmt == "jsonl":
            yield from _parse_jsonl(found, text, encoding)
            return
        yield _PARSERS[found.fmt](found, text, encoding)
    except _Unusable as exc:
        yield Skipped(found.id, found.path, exc.reason)


def _read_bytes(path: str) -> bytes:
    """The file's bytes; raises _Unusable if it cannot be read or is over MAX_BYTES."""
    limit = MAX_BYTES  # read at call time: tests and callers may lower it
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise _Unusable(_too_large(size, limit))
            data = handle.read(limit + 1)  # a file growing while we read is caught too
    except OSError as exc:
        raise _Unusable(_os_reason(exc)) from None
    if len(data) > limit:
        raise _Unusable(_too_large(len(data), limit, at_least=True))
    return data


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    amount = f"at least {size}" if at_least else str(size)
    return f"too large: {amount} bytes, over the limit of {limit} bytes"


def _decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes: (text with ``\\n`` line breaks, name of the encoding used).

    UTF-16/32 with a BOM, else strict UTF-8 (a BOM stripped), else charset_normalizer's best
    guess. Raises _Unusable for binary data (a NUL byte in the first 8 KiB, or no encoding fits)
    and for empty or whitespace-only text.
    """
    text, encoding = _decode(data)
    if not text.strip():
        raise _Unusable("empty file (no text)")
    return _normalise_newlines(text), encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise _Unusable(f"binary file (not valid {encoding} despite its BOM)") from None
    if b"\x00" in data[:_BINARY_PROBE_BYTES]:
        raise _Unusable("binary file (NUL bytes in the first 8 KiB)")
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _guess_decode(data)


def _guess_decode(data: bytes) -> tuple[str, str]:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise _Unusable("binary file (no text encoding fits its bytes)")
    encoding = _preferred_close_to(best, matches) or best.encoding
    return data.decode(encoding), encoding.replace("_", "-")


def _preferred_close_to(best: Any, matches: Iterable[Any]) -> str | None:
    """The first of _PREFERRED_LEGACY that decodes the bytes about as well as ``best``."""
    close = [match for match in matches
             if abs(match.chaos - best.chaos) < _CLOSE_CHAOS
             and abs(match.coherence - best.coherence) <= _CLOSE_COHERENCE]
    for preferred in _PREFERRED_LEGACY:
        if any(preferred in match.could_be_from_charset for match in close):
            return preferred
    return None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_stdin(stdin: TextIO) -> Article | Skipped:
    """Stdin as one .txt article. Raw bytes are decoded like a file's when they can be had."""
    try:
        text, encoding = _stdin_text(stdin)
        return _article(STDIN_ARG, STDIN_PATH, text, encoding, title=None, meta={})
    except _Unusable as exc:
        return Skipped(STDIN_ARG, STDIN_PATH, exc.reason)


def _stdin_text(stdin: TextIO) -> tuple[str, str]:
    limit = MAX_BYTES
    raw = getattr(stdin, "buffer", None)
    try:
        if raw is not None:
            data = raw.read(limit + 1)
            if len(data) > limit:
                raise _Unusable(_too_large(len(data), limit, at_least=True))
            return _decode_bytes(data)
        text = stdin.read(limit + 1)
    except (OSError, UnicodeDecodeError) as exc:
        raise _Unusable(f"cannot read: {exc}") from None
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise _Unusable(_too_large(size, limit, at_least=True))
    if "\x00" in text[:_BINARY_PROBE_BYTES]:
        raise _Unusable("binary input (NUL characters in the first 8 KiB)")
    if not text.strip():
        raise _Unusable("empty input (no text)")
    return _normalise_newlines(text), getattr(stdin, "encoding", None) or "utf-8"


# --- formats ---------------------------------------------------------------------------------


def _parse_txt(found: _FoundFile, text: str, encoding: str) -> Article:
    return _article(found.id, found.path, text, encoding, title=None, meta={})


def _parse_md(found: _FoundFile, text: str, encoding: str) -> Article:
    fields, body = _split_front_matter(text)
    if not body.strip():
        raise _Unusable("empty file (front matter but no text)")
    title = fields.pop("title", None)
    return _article(found.id, found.path, body, encoding, title=title, meta=fields)


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter fields, body). No front matter: ({}, text). Raises _Unusable if broken."""
    lines = text.split("\n")
    if lines[0].rstrip() != _FRONT_MATTER_FENCE:
        return {}, text
    closing = next((number for number, line in enumerate(lines[1:], start=1)
                    if line.rstrip() in _FRONT_MATTER_ENDS), None)
    if closing is None:
        raise _Unusable("broken front matter: no closing '---' line after the opening one")
    try:
        fields = yaml.safe_load("\n".join(lines[1:closing]))
    except yaml.YAMLError as exc:
        raise _Unusable(f"broken front matter: {_yaml_problem(exc)}") from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise _Unusable("broken front matter: expected 'key: value' lines, got "
                        f"{type(fields).__name__}")
    body = "\n".join(lines[closing + 1:])
    return {str(key): _plain(value) for key, value in fields.items()}, body


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """PyYAML's message, on one line, with the line number counted in the whole file."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if mark is None or problem is None:
        return _one_line(str(exc))
    # The YAML text starts on the file's second line; PyYAML counts lines from 0.
    return f"{problem} (line {mark.line + 2}, column {mark.column + 1})"


def _plain(value: Any) -> Any:
    """YAML values as JSON-like ones: dates become ISO strings, like every other input's."""
    if isinstance(value, dt.date):  # datetime included
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _parse_json(found: _FoundFile, text: str, encoding: str) -> Article:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Unusable(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
                        ) from None
    return _article_from_record(record, found.id, found.path, encoding)


def _parse_jsonl(found: _FoundFile, text: str, encoding: str) -> Iterator[Article | Skipped]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        default_id = f"{found.id}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(default_id, found.path, f"invalid JSON: {exc.msg} (column {exc.colno})",
                          number)
            continue
        try:
            yield _article_from_record(record, default_id, found.path, encoding)
        except _Unusable as exc:
            yield Skipped(_record_id(record, default_id), found.path, exc.reason, number)


def _article_from_record(record: Any, default_id: str, path: str, encoding: str) -> Article:
    """An Article from one JSON object; raises _Unusable if it is not a usable one."""
    if not isinstance(record, dict):
        raise _Unusable(f"expected a JSON object, got {_json_type(record)}")
    text = record.get("text")
    if text is None:
        raise _Unusable("missing 'text'")
    if not isinstance(text, str):
        raise _Unusable(f"'text' must be a string, got {_json_type(text)}")
    if not text.strip():
        raise _Unusable("empty 'text'")
    meta = {key: value for key, value in record.items() if key not in _TEXT_KEYS}
    return _article(_record_id(record, default_id), path, _normalise_newlines(text), encoding,
                    title=record.get("title"), meta=meta)


def _record_id(record: Any, default_id: str) -> str:
    if isinstance(record, dict):
        value = record.get("id")
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return str(value)
    return default_id


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _article(article_id: str, path: str, text: str, encoding: str, title: Any,
             meta: Mapping[str, Any]) -> Article:
    return Article(id=article_id, path=path, text=text, title=_title(title),
                   meta=_normalise_meta(meta), encoding=encoding)


def _title(value: Any) -> str | None:
    if value is None:
        return None
    title = value if isinstance(value, str) else str(value)
    return title.strip() or None


def _normalise_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Meta with ``outlet`` renamed ``source`` (kept as ``outlet`` if both are given)."""
    fields = dict(meta)
    if "outlet" in fields and "source" not in fields:
        fields["source"] = fields.pop("outlet")
    return fields


def _one_line(message: str) -> str:
    return " ".join(message.split())


_PARSERS = {"txt": _parse_txt, "md": _parse_md, "json": _parse_json}
