"""Inputs: find the files named on the command line, read them, decode them, split them.

``iter_inputs`` turns arguments (files, folders, ``-`` for stdin) into a lazy stream in which
every input ends up as exactly one ``Article`` or one ``Skipped`` with the reason: each file,
and each non-blank line of a ``.jsonl`` file. Nothing given is dropped silently: inside a
folder, a file of an unsupported type is listed as skipped ("unsupported type .pdf"); only
hidden files and folders (names starting with ".") are passed over there.

Formats, by extension (case-insensitive), each in its own module:

* ``.txt``, ``.text`` (``text``): the whole file is the text; the title is guessed from the
  first lines (``titles.first_line_title``).
* ``.md``, ``.markdown`` (``text``): optional YAML front matter between ``---`` lines at the
  very top (``front_matter``: keys ``title``, ``date``, ``source`` or ``outlet``, ``author``,
  ``url``; any other keys kept in ``meta``); the text is the body after it, and line numbers
  count in the whole file. Title: front matter, else a ``# Heading``, else the first line.
* ``.json``, ``.jsonl`` (``records``): one article object per file or per line; JSONL is
  streamed record by record, the size limit applying per record.
* ``.html``, ``.htm`` (``html``): the main text extracted by trafilatura, metadata from
  JSON-LD, meta tags and htmldate.
* any of these gzipped (``.txt.gz``, ``.jsonl.gz``, ``.html.gz``...): read through gzip; the
  size limit applies to the uncompressed bytes.
* anything else named explicitly: read as ``.txt`` (a binary file is then skipped as binary).

A FIFO, device or socket is skipped ("not a regular file") without being opened: opening a
FIFO would wait for a writer forever. Text is decoded as UTF-8 (a BOM stripped), else as the
best guess of charset_normalizer, line breaks normalised to ``\\n`` and unpaired surrogates
replaced, so that offsets, lines and columns agree everywhere and no later stage can crash.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import itertools
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import PurePath
from typing import IO, Any, Protocol, TextIO

from engine.idset import IdSet
from engine.lazy import imported
from engine.model import Article, Skipped
from engine.sources import limits
from engine.sources.common import Unusable, decode_text, normalise_newlines, sanitise, too_large
from engine.sources.records import (
    is_wide_or_binary,
    iter_jsonl,
    jsonl_lines,
    parse_line,
)

FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".json": "json",
           ".jsonl": "jsonl", ".html": "html", ".htm": "html"}
GZIP_SUFFIX = ".gz"
STDIN_ARG = "-"
STDIN_PATH = "<stdin>"

Parser = Callable[[str, str, str, str], Article]
"""A file format's parser: (id, path, text, encoding) -> the article; raises Unusable."""
_PARSERS = {"txt": "engine.sources.text:parse_text", "md": "engine.sources.text:parse_markdown",
            "json": "engine.sources.records:parse_json_file",
            "html": "engine.sources.html:parse_html"}
"""Each file format's parser (engine.lazy): a JSONL run never loads the HTML or YAML code."""
_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a folder"))


@dataclasses.dataclass(frozen=True)
class _FoundFile:
    """A file to read: its id (path relative to its argument), the path shown, its format,
    and whether it is gzipped."""

    id: str
    path: str
    fmt: str
    gzipped: bool = False


@dataclasses.dataclass(frozen=True)
class RawInput:
    """One input as read, before it is decoded or parsed: a JSONL line or a whole file.
    ``header`` says where it is (format, id, path, line): that shapes the article as much as
    ``data`` does, so a cache keyed on both knows the article without parsing it."""

    header: str
    data: bytes


@dataclasses.dataclass(frozen=True)
class Recalled:
    """An input whose result the caller already had, found by its :class:`RawInput`: never
    parsed. ``id`` and ``path`` are its article's; ``value`` is what the caller gave back."""

    id: str
    path: str
    value: Any


class Recall(Protocol):
    """What :func:`iter_recalled` asks before parsing (a scorecard cache answers)."""

    def recall(self, raws: Sequence[RawInput]) -> Sequence[Recalled | None]:
        """What is known of each of ``raws``, in order (None: parse it)."""

    def parsed(self, raw: RawInput, article: Article) -> None:
        """``raw`` was parsed into ``article``, which kept its id: a result for it may be
        recalled next time."""


@dataclasses.dataclass(frozen=True)
class _Pending:
    """An input read but not parsed yet (None from ``parse``: a blank JSONL line)."""

    raw: RawInput
    parse: Callable[[], Article | Skipped | None]


RECALL_BATCH = 256
"""Inputs asked about at once: one cache query for many records."""


def iter_inputs(args: Sequence[str], stdin: TextIO | None = None
                ) -> Iterator[Article | Skipped]:
    """Every input named by ``args``, in order, as an Article or a Skipped with the reason.

    ``args`` are files and folders; folders are walked recursively in sorted order (hidden
    entries skipped, symlinked folders not followed); ``-`` reads ``stdin`` (default
    ``sys.stdin``) as one .txt article with id ``-`` and path ``<stdin>``. Ids are unique in
    the stream: a repeated id gets ``#2``, ``#3``... appended. Lazy: a file is read only when
    the stream reaches it, and a JSONL file one record at a time.
    """
    seen = IdSet()  # every id of the run, in a few dozen bytes each (engine.idset)
    for item in _iter_raw(args, stdin):
        parsed = item.parse() if isinstance(item, _Pending) else item
        if parsed is not None:
            yield _with_unique_id(parsed, seen)


def iter_recalled(args: Sequence[str], stdin: TextIO | None, recall: Recall
                  ) -> Iterator[Article | Skipped | Recalled]:
    """:func:`iter_inputs`, where ``recall`` is asked about each file and JSONL record by its
    bytes before it is decoded or parsed: an input it knows comes out as its ``Recalled``.

    The stream is the same otherwise: a recalled id counts for uniqueness as a parsed one,
    and a recalled input whose id was already seen is parsed, to be renamed ``#2``.
    """
    seen = IdSet()
    stream = _iter_raw(args, stdin)
    while batch := list(itertools.islice(stream, RECALL_BATCH)):
        raws = [item.raw for item in batch if isinstance(item, _Pending)]
        known = iter(recall.recall(raws) if raws else ())
        for item in batch:
            if not isinstance(item, _Pending):
                yield _with_unique_id(item, seen)
                continue
            hit = next(known)
            if hit is not None and hit.id not in seen:
                seen.add(hit.id)
                yield hit
                continue
            parsed = item.parse()
            if parsed is None:
                continue
            unique = _with_unique_id(parsed, seen)
            if unique is parsed and isinstance(parsed, Article):
                recall.parsed(item.raw, parsed)
            yield unique


Raw = Article | Skipped | _Pending


def _iter_raw(args: Sequence[str], stdin: TextIO | None) -> Iterator[Raw]:
    for arg in args:
        if arg == STDIN_ARG:
            yield _read_stdin(stdin if stdin is not None else sys.stdin)
            continue
        for found in _discover(arg):
            if isinstance(found, Skipped):
                yield found
            else:
                yield from _read_file(found)


def _with_unique_id(item: Article | Skipped, seen: IdSet) -> Article | Skipped:
    # File names may hold undecodable bytes (surrogate escapes): no writer could print them.
    base, path = sanitise(item.id), sanitise(item.path)
    unique = base
    number = 1
    while unique in seen:
        number += 1
        unique = f"{base}#{number}"
    seen.add(unique)
    if (unique, path) == (item.id, item.path):
        return item
    return dataclasses.replace(item, id=unique, path=path)


# --- discovery -------------------------------------------------------------------------------


def format_of(path: str) -> tuple[str | None, bool, str]:
    """(format or None, gzipped, the extension shown when unsupported) of a file name."""
    name = PurePath(path).name.lower()
    gzipped = name.endswith(GZIP_SUFFIX) and len(name) > len(GZIP_SUFFIX)
    inner = name[: -len(GZIP_SUFFIX)] if gzipped else name
    ext = os.path.splitext(inner)[1]
    shown = (ext + GZIP_SUFFIX if gzipped else ext) or "(no extension)"
    return FORMATS.get(ext), gzipped, shown


def _discover(arg: str) -> Iterator[_FoundFile | Skipped]:
    """The files an argument names: itself, or the files under it if it is a folder."""
    name = PurePath(arg).name or arg
    try:
        mode = os.stat(arg).st_mode  # a missing or unreachable argument is reported
    except OSError as exc:
        yield Skipped(name, arg, _os_reason(exc))
        return
    if stat.S_ISDIR(mode):
        yield from _walk(arg, ())
        return
    if not stat.S_ISREG(mode):
        yield Skipped(name, arg, _not_regular(mode))
        return
    fmt, gzipped, _ = format_of(arg)
    yield _FoundFile(name, arg, fmt or "txt", gzipped)


def _walk(root: str, parts: tuple[str, ...]) -> Iterator[_FoundFile | Skipped]:
    """Files under root/parts, depth first, each folder's entries sorted by name."""
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
        yield _walked_file(root, entry_parts)


def _is_real_dir(entry: os.DirEntry[str]) -> bool:
    # Symlinked folders are not followed: a link back up the tree would never end.
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _walked_file(root: str, parts: tuple[str, ...]) -> _FoundFile | Skipped:
    """A file met while walking; a broken link, a pipe or an unsupported type is reported."""
    file_id, path = _relative_id(parts), os.path.join(root, *parts)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return Skipped(file_id, path, _os_reason(exc))
    if not stat.S_ISREG(mode):
        return Skipped(file_id, path, _not_regular(mode))
    fmt, gzipped, shown = format_of(path)
    if fmt is None:
        return Skipped(file_id, path, f"unsupported type {shown}")
    return _FoundFile(file_id, path, fmt, gzipped)


def _not_regular(mode: int) -> str:
    kind = next((name for test, name in _KINDS if test(mode)), "not a file")
    return f"not a regular file ({kind}); not opened"


def _relative_id(parts: Iterable[str]) -> str:
    return PurePath(*parts).as_posix() if parts else ""


def _os_reason(exc: OSError) -> str:
    return f"cannot read: {exc.strerror or exc}"


# --- reading ---------------------------------------------------------------------------------


def _read_file(found: _FoundFile) -> Iterator[Raw]:
    """The inputs in one file, read but not parsed; a file that cannot be read at all gives
    one Skipped."""
    try:
        with _open(found) as handle:
            if found.fmt == "jsonl":
                yield from _jsonl(found, handle)
                return
            data = _read_limited(handle, found)
    except Unusable as exc:
        yield Skipped(found.id, found.path, exc.reason)
        return
    except OSError as exc:  # gzip.BadGzipFile is one
        yield Skipped(found.id, found.path, _read_error(exc, found))
        return
    except (EOFError, zlib.error) as exc:
        yield Skipped(found.id, found.path, f"broken gzip file: {exc}")
        return
    yield _Pending(RawInput(f"{found.fmt}\0{found.id}\0{found.path}", data),
                   functools.partial(_parse_file, found, data))


def _jsonl(found: _FoundFile, handle: IO[bytes]) -> Iterator[Raw]:
    if is_wide_or_binary(handle):  # read whole, or refused: parsed at once
        yield from iter_jsonl(found.id, found.path, handle)
        return
    for item in jsonl_lines(found.id, found.path, handle):
        if isinstance(item, Skipped):
            yield item
            continue
        number, raw = item
        yield _Pending(RawInput(f"jsonl\0{found.id}\0{found.path}\0{number}", raw),
                       functools.partial(parse_line, found.id, found.path, number, raw))


def _parse_file(found: _FoundFile, data: bytes) -> Article | Skipped:
    try:
        text, encoding = decode_text(data)
        parse: Parser = imported(_PARSERS[found.fmt])
        return parse(found.id, found.path, text, encoding)
    except Unusable as exc:
        return Skipped(found.id, found.path, exc.reason)


def _open(found: _FoundFile) -> IO[bytes]:
    handle = open(found.path, "rb")  # noqa: SIM115 (closed by the caller's with)
    if not found.gzipped:
        return handle
    return gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[return-value]


def _read_limited(handle: IO[bytes], found: _FoundFile) -> bytes:
    """The (uncompressed) bytes; raises Unusable when over the limit."""
    limit = limits.MAX_BYTES
    if not found.gzipped:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise Unusable(too_large(size, limit))
    data = handle.read(limit + 1)  # a file growing while we read, or a gzip bomb, stops here
    if len(data) > limit:
        raise Unusable(too_large(len(data), limit, at_least=True)
                       + (" uncompressed" if found.gzipped else ""))
    return data


def _read_error(exc: OSError, found: _FoundFile) -> str:
    if found.gzipped and not exc.strerror:
        return f"broken gzip file: {exc}"
    return _os_reason(exc)


def _read_stdin(stdin: TextIO) -> Article | Skipped:
    """Stdin as one .txt article. Raw bytes are decoded like a file's when they can be had."""
    try:
        text, encoding = _stdin_text(stdin)
        parse: Parser = imported(_PARSERS["txt"])
        return parse(STDIN_ARG, STDIN_PATH, text, encoding)
    except Unusable as exc:
        return Skipped(STDIN_ARG, STDIN_PATH, exc.reason)


def _stdin_text(stdin: TextIO) -> tuple[str, str]:
    limit = limits.MAX_BYTES
    raw = getattr(stdin, "buffer", None)
    try:
        if raw is not None:
            data = raw.read(limit + 1)
            if len(data) > limit:
                raise Unusable(too_large(len(data), limit, at_least=True))
            return decode_text(data)
        text = stdin.read(limit + 1)
    except (OSError, UnicodeDecodeError) as exc:
        raise Unusable(f"cannot read: {exc}") from None
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise Unusable(too_large(size, limit, at_least=True))
    if "\x00" in text[:limits.PROBE_BYTES]:
        raise Unusable("binary input (NUL characters in the first 8 KiB)")
    if not text.strip():
        raise Unusable("empty input (no text)")
    return normalise_newlines(text), getattr(stdin, "encoding", None) or "utf-8"
