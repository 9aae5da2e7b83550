"""Shared fixtures: the shipped ruleset (loaded once) and paths to project and shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.cache import ENV_DIR
from engine.ruleset import Ruleset, load_ruleset

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
AS_OF = "2026-11-21"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets an empty scorecard cache of its own (subprocesses inherit it): no test
    writes into the real user cache, and none sees another's cards."""
    monkeypatch.setenv(ENV_DIR, str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset()


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: third-party data lives only in the team's shared folder")
    return path
