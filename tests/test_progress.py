"""The progress bar: shown on a terminal after its delay, never on a pipe (rich is imported only
when it is shown)."""

from __future__ import annotations

import io

from engine.progress import ArticleProgress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_after_the_delay() -> None:
    stream = _Terminal()
    with ArticleProgress(3, stream=stream, delay=0.0) as bar:
        for _ in range(3):
            bar.advance()
    assert bar.done == 3
    assert stream.getvalue()  # rich drew (and, being transient, cleared) the bar


def test_a_pipe_gets_nothing() -> None:
    stream = io.StringIO()
    with ArticleProgress(3, stream=stream, delay=0.0) as bar:
        for _ in range(3):
            bar.advance()
    assert bar.done == 3 and stream.getvalue() == ""
