"""What the command line does with an exception nobody expected: a bug report, not a traceback.

Bad input never reaches here (it is a skipped article or a located load error, exit 2). What
does is a bug: the user sees one line saying so and where the traceback was saved, and the
process exits 3, a code no expected outcome uses.
"""

from __future__ import annotations

import os
import tempfile
import traceback
from pathlib import Path

from engine.version import __version__


def save_traceback(exc: BaseException) -> Path | None:
    """Write ``exc``'s traceback to a new temp file; its path, or None if that fails."""
    try:
        fd, name = tempfile.mkstemp(prefix="reliability-crash-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(f"reliability {__version__}\n")
            handle.write("".join(traceback.format_exception(exc)))
        return Path(name)
    except OSError:
        return None


def bug_message(exc: BaseException, saved: Path | None) -> str:
    """The one line shown for an internal error."""
    where = f"traceback saved to {saved}" if saved else "the traceback could not be saved"
    kind = type(exc).__name__
    return (f"reliability: internal error ({kind}); this is a bug, please report it with "
            f"the command you ran — {where}")
