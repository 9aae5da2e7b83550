"""Load problems and the exception that carries all of them at once.

Rule, knowledge and config files are checked in full before anything runs: every problem is
collected (never only the first) and reported as ``path:line:col: what is wrong — how to fix``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Exit codes are a contract with scripts and CI jobs that call the CLI.
EXIT_OK = 0
EXIT_BELOW_THRESHOLD = 1
EXIT_ERROR = 2
EXIT_INTERNAL = 3  # a bug: the traceback goes to a file, one line to the terminal
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT (128 + 2)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class LoadError(Exception):
    """Raised with every problem found while loading rule, knowledge or config files."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
