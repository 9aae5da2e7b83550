"""``reliability cache info|clear``: the scorecard cache (:mod:`engine.cache`)."""

from __future__ import annotations

import click

from engine import compiled
from engine.cache import CardCache


@click.group("cache")
def cache_group() -> None:
    """Show or clear the scorecard cache (RELIABILITY_CACHE_DIR, else the user cache folder)."""


@cache_group.command("info")
def cache_info() -> None:
    """Where the cache is, how many scorecards it holds and its size on disk."""
    with CardCache() as cache:
        info = cache.info()
    click.echo(f"{info.path}: {info.entries} scorecard(s), {info.size / 1e6:.1f} MB")


@cache_group.command("clear")
def cache_clear() -> None:
    """Remove every cached scorecard and compiled ruleset (the next run starts cold)."""
    with CardCache() as cache:
        removed = cache.clear()
    rulesets = compiled.clear(cache.path.parent)
    click.echo(f"removed {removed} scorecard(s) and {rulesets} compiled ruleset(s) from "
               f"{cache.path.parent}")
