"""One located diagnostic type for every loader, checker and importer, and the load exception.

Rule, knowledge and config files are checked in full before anything runs: every problem is
collected (never only the first). Every diagnostic prints in one format,
``path:line:col: severity: what is wrong — how to fix``, so editors and CI annotate it alike;
``code`` names the family of the problem for scripts that filter (``yaml``, ``schema``, ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

# Exit codes are a contract with scripts and CI jobs that call the CLI.
EXIT_OK = 0
EXIT_BELOW_THRESHOLD = 1
EXIT_ERROR = 2
EXIT_INTERNAL = 3  # a bug: the traceback goes to a file, one line to the terminal
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT (128 + 2)

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based place in a file. ``col`` is 0 where only the line is known (CSV rows,
    knowledge entries cited by their ``path:line`` origin), and is then not printed."""

    path: str
    line: int = 1
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" + (f":{self.col}" if self.col else "")

    @classmethod
    def parse(cls, origin: str) -> Location:
        """``path:line[:col]`` back into a Location (a path alone is line 1)."""
        head, _, last = origin.rpartition(":")
        if not last.isdigit():
            return cls(origin)
        path, _, line = head.rpartition(":")
        if line.isdigit():
            return cls(path, int(line), int(last))
        return cls(head, int(last))


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One thing wrong (or doubtful) at one location, with how to fix it."""

    location: Location
    message: str
    hint: str = ""
    severity: Severity = "error"
    code: str = "invalid"

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @classmethod
    def at(cls, path: str, line: int, col: int, message: str, hint: str = "", *,
           severity: Severity = "error", code: str = "invalid") -> Diagnostic:
        return cls(Location(path, line, col), message, hint, severity, code)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


class LoadError(Exception):
    """Raised with every problem found while loading rule, knowledge or config files."""

    def __init__(self, problems: Iterable[Diagnostic]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
