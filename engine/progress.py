"""A progress bar on stderr for long runs: count, rate and a true ETA, updated per article.

Shown only when stderr is a terminal, ``--quiet`` is off, and the run is still going after
``DELAY_SECONDS``: a quick run prints nothing, and pipes and logs never get bar frames.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # rich is imported only when a bar is shown: a quiet run never pays for it
    from rich.progress import Progress, TaskID

DELAY_SECONDS = 2.0


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def status_text(done: int, total: int, elapsed: float) -> str:
    """``"120/5000 · 41.3 articles/s · ETA 1:58"``: the rate and ETA over the whole run so far."""
    rate = done / elapsed if elapsed > 0 else 0.0
    eta = _clock((total - done) / rate) if rate > 0 else "?"
    return f"{done}/{total} · {rate:.1f} articles/s · ETA {eta}"


class ArticleProgress:
    """``with ArticleProgress(total) as bar: ... bar.advance()`` once per scored article."""

    def __init__(self, total: int, *, enabled: bool = True, stream: TextIO | None = None,
                 delay: float = DELAY_SECONDS) -> None:
        self.total = total
        self.done = 0
        self._stream = stream or sys.stderr
        self._enabled = enabled and self._stream.isatty() and total > 0
        self._delay = delay
        self._started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> ArticleProgress:
        self._started = time.monotonic()
        return self

    def advance(self) -> None:
        self.done += 1
        if not self._enabled:
            return
        elapsed = time.monotonic() - self._started
        if self._bar is None:
            if elapsed < self._delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn

            self._bar = Progress(TextColumn("scoring"), BarColumn(),
                                 TextColumn("{task.fields[status]}"),
                                 console=Console(file=self._stream), transient=True)
            self._task = self._bar.add_task("scoring", total=self.total, status="")
            self._bar.start()
        assert self._task is not None
        self._bar.update(self._task, completed=self.done,
                         status=status_text(self.done, self.total, elapsed))

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()
