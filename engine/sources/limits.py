"""Limits that keep one hostile input from taking the run down. Read at call time, so that
tests and callers may lower them."""

from __future__ import annotations

MAX_BYTES = 5 * 1024 * 1024
"""A file (after gunzipping), stdin or one JSONL record larger than this is skipped, with its
size and this limit as the reason. A JSONL file may be any size: the limit is per record."""

MAX_FRONT_MATTER_BYTES = 64 * 1024
"""Front matter is a few ``key: value`` lines; more than this is not front matter."""

MAX_DEPTH = 64
"""Metadata (JSON fields, front matter) nested deeper than this is skipped: nothing an article
carries needs it, and walking it would cost recursion depth."""

MAX_NUMBER_DIGITS = 64
"""A metadata number written with more digits than this is kept as its text, not converted:
Python refuses to convert integers of over 4,300 digits, and no real field needs 65."""

PROBE_BYTES = 8 * 1024
"""How much of a file's head is probed for NUL bytes to tell binary files from text."""
