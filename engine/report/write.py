"""Writing a report file so that readers never see a half-written one, and only a file.

``-o`` may name a new path, a regular file, or a symlink to either (the link's target is
written and the link kept). Anything else (a device such as /dev/null, a FIFO, a socket, a
directory) is refused: renaming over it would replace a device node with a plain file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

_ATTEMPTS = 100
BUFFER_BYTES = 1 << 20
"""Write buffer of a report file: a report is written a line at a time, and a write call per
line through the default 8 KiB buffer costs more than producing the line."""


class OutputError(Exception):
    """The output path is not something a report may be written to; the message says why."""


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISSOCK, "a socket"))


def output_target(path: Path) -> Path:
    """The file a report for ``path`` is written to: ``path`` itself, or its symlink target.

    Raises :class:`OutputError` when that target exists and is not a regular file.
    """
    target = Path(os.path.realpath(path))  # through every symlink, even a dangling one
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        via = "" if target == Path(path).absolute() else f" (via a symlink to {target})"
        raise OutputError(f"{path} is {kind}{via}; -o writes only regular files — "
                          "name a new or regular file, or leave -o out to write to stdout")
    return target


def _open_temp(directory: Path, name: str, errors: str = "strict") -> tuple[Path, TextIO]:
    # os.open with mode 0o666 lets the umask decide the permissions, as a plain open() would;
    # tempfile.mkstemp would force 0o600 and the published report would end up owner-only.
    for _ in range(_ATTEMPTS):
        candidate = directory / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        try:
            # newline="": the renderers already produce "\n"; no platform translation.
            return candidate, os.fdopen(fd, "w", encoding="utf-8", newline="", errors=errors,
                                        buffering=BUFFER_BYTES)
        except BaseException:
            os.close(fd)
            candidate.unlink()
            raise
    raise FileExistsError(f"could not create a temporary file next to {directory / name}")


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, newlines written as given) in one step.

    A symlink is followed: its target is replaced and the link stays. A target that exists
    and is not a regular file raises :class:`OutputError` before anything is written. The
    text goes to a temporary file in the same directory (so the rename cannot cross file
    systems), is flushed to disk, then moved over ``path`` with ``os.replace``. Missing parent
    directories are created. An existing file's permission bits are kept. On any failure the
    temporary file is removed and ``path`` is left as it was.
    """
    with atomic_stream(path, errors="strict") as handle:
        handle.write(text)


@contextlib.contextmanager
def atomic_stream(path: Path, *, errors: str = "backslashreplace") -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` when the ``with`` block ends normally.

    The same guarantees as :func:`write_atomic` (which uses it): written to a temporary file
    beside ``path``, flushed to disk, renamed over it; on an exception the temporary file is
    removed and ``path`` is untouched. ``errors`` is the encoder's: by default a lone
    surrogate is written as a visible ``\\udcxx`` escape instead of failing the run.
    """
    path = output_target(Path(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    temp, handle = _open_temp(path.parent, path.name, errors)
    try:
        with handle:
            yield handle
            handle.flush()
            # Without fsync a crash right after the rename can leave an empty file in place.
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(temp, path)
    except BaseException:
        # BaseException: an interrupt (Ctrl-C) mid-write must not leave temp files behind.
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
