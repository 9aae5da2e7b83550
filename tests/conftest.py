"""Shared fixtures: the shipped ruleset (loaded once) and paths to project and shared data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.cache import ENV_DIR
from engine.ruleset import Ruleset, load_ruleset

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
AS_OF = "2026-11-21"


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A scorecard cache for the whole session, set before any module- or session-scoped
    fixture scores a report (those run before the per-test cache below exists): nothing a
    test run does reaches the real user cache."""
    previous = os.environ.get(ENV_DIR)
    os.environ[ENV_DIR] = str(tmp_path_factory.mktemp("session-cache"))
    yield
    if previous is None:
        os.environ.pop(ENV_DIR, None)
    else:
        os.environ[ENV_DIR] = previous


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
