"""Writing a report file so that readers never see a half-written one."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path
from typing import TextIO

_ATTEMPTS = 100


def _open_temp(directory: Path, name: str) -> tuple[Path, TextIO]:
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
            return candidate, os.fdopen(fd, "w", encoding="utf-8", newline="")
        except BaseException:
            os.close(fd)
            candidate.unlink()
            raise
    raise FileExistsError(f"could not create a temporary file next to {directory / name}")


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, newlines written as given) in one step.

    The text goes to a temporary file in the same directory (so the rename cannot cross file
    systems), is flushed to disk, then moved over ``path`` with ``os.replace``. Missing parent
    directories are created. An existing file's permission bits are kept. On any failure the
    temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp, handle = _open_temp(path.parent, path.name)
    try:
        with handle:
            handle.write(text)
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
