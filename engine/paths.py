"""Where the shipped rule packs and knowledge are, installed or in a checkout.

A wheel carries ``rules/`` as ``engine/_rules`` (see setup.py); a checkout or an editable
install has no such folder and reads ``rules/`` next to the package. Imports nothing of the
engine, so every layer may use it.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_rules_dir() -> Path:
    """The folder of the shipped rule packs (``scoring.yaml``, ``*.yaml``, ``knowledge/``)."""
    installed = _PACKAGE / "_rules"
    if (installed / "scoring.yaml").is_file():
        return installed
    return _PACKAGE.parent / "rules"
