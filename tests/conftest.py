"""Shared fixtures: the shipped ruleset (loaded once) and paths to project and shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.ruleset import Ruleset, load_ruleset

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
AS_OF = "2026-11-21"


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset()


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: third-party data lives only in the team's shared folder")
    return path
