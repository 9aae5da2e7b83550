"""``reliability evaluate``: score labelled articles and report how well the score separates them.

Articles come in any input format (usually JSONL); the label is the value of one field of each
article's metadata (``--label``), mapped onto two classes by ``--reliable`` and
``--unreliable`` (comma-separated values, repeatable). Articles whose label is in neither class
are counted and left out, as are inputs that cannot be scored. Exit 2 when the rules cannot be
loaded or a class is empty.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from engine.config import find_config, load_config
from engine.errors import EXIT_ERROR, LoadError
from engine.evaluate.render import EvaluateFormat, render
from engine.evaluate.study import evaluate
from engine.layers import rule_dirs as layered_rule_dirs
from engine.model import Article, Scorecard
from engine.pipeline import score_article
from engine.report.write import write_atomic
from engine.ruleset import Ruleset, RulesetConfig, load_ruleset
from engine.sources import iter_inputs


def _values(_ctx: click.Context, _param: click.Parameter, value: Sequence[str]) -> frozenset[str]:
    out = frozenset(v.strip() for item in value for v in item.split(",") if v.strip())
    if not out:
        raise click.BadParameter("give at least one label value, e.g. fake,satire")
    return out


def _ruleset(config_path: Path | None, rule_dirs: Sequence[Path], disable: Sequence[str]
             ) -> tuple[Ruleset, dt.date | None]:
    """The run's ruleset (shipped, then config, then flags) and the config's as-of date."""
    try:
        project = load_config(config_path or find_config(Path.cwd()))
        config = RulesetConfig(
            rule_dirs=layered_rule_dirs(project.rule_dirs, rule_dirs),
            disabled=project.disabled | frozenset(disable), weights=project.weights)
        return load_ruleset(config), project.as_of
    except LoadError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(exc.problems)} problem(s); nothing was evaluated.", err=True)
        sys.exit(EXIT_ERROR)


def _label_of(article: Article, field: str) -> str | None:
    value = article.meta.get(field)
    return None if value is None else str(value).strip()


@click.command("evaluate")
@click.argument("paths", nargs=-1, required=True)
@click.option("--label", "label_field", required=True, metavar="FIELD",
              help="Metadata field holding each article's label, e.g. label.")
@click.option("--reliable", multiple=True, required=True, callback=_values,
              metavar="VALUE[,VALUE]", help="Label value(s) of reliable articles.")
@click.option("--unreliable", multiple=True, required=True, callback=_values,
              metavar="VALUE[,VALUE]", help="Label value(s) of unreliable articles.")
@click.option("--format", "fmt", type=click.Choice([f.value for f in EvaluateFormat]),
              default="table", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (atomically) instead of stdout.")
@click.option("--bootstrap", "rounds", type=click.IntRange(0, 100_000), default=1000,
              show_default=True, help="Bootstrap rounds for the 95 % intervals (0: none).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed of the bootstrap, so intervals are reproducible.")
@click.option("--rules", "rule_dirs", multiple=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Extra rule directory (repeatable).")
@click.option("--disable", multiple=True, metavar="ID|CATEGORY",
              help="Disable a rule or a whole category (repeatable).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Reference date for the run (default: config, else today).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (default: reliability.toml or [tool.reliability]).")
def evaluate_command(paths: tuple[str, ...], label_field: str, reliable: frozenset[str],
                     unreliable: frozenset[str], fmt: str, output: Path | None, rounds: int,
                     seed: int, rule_dirs: tuple[Path, ...], disable: tuple[str, ...],
                     as_of: dt.datetime | None, config_path: Path | None) -> None:
    """Score labelled PATH... and print ROC AUC with intervals, ablations and band F1."""
    overlap = reliable & unreliable
    if overlap:
        raise click.BadParameter(f"{', '.join(sorted(overlap))} given as both reliable and "
                                 "unreliable", param_hint="--reliable/--unreliable")
    ruleset, config_as_of = _ruleset(config_path, rule_dirs, disable)
    when = as_of.date() if as_of else config_as_of or dt.date.today()
    reliable_cards: list[Scorecard] = []
    unreliable_cards: list[Scorecard] = []
    other = skipped = 0
    for item in iter_inputs(paths, sys.stdin):
        if not isinstance(item, Article):
            skipped += 1
            continue
        label = _label_of(item, label_field)
        if label not in reliable and label not in unreliable:
            other += 1
            continue
        card = score_article(item, ruleset, when)
        (unreliable_cards if label in unreliable else reliable_cards).append(card)
    try:
        result = evaluate(reliable_cards, unreliable_cards, ruleset, rounds, seed)
    except ValueError as exc:
        click.echo(f"error: {exc} (label field {label_field!r}; {other} article(s) had "
                   "another label)", err=True)
        sys.exit(EXIT_ERROR)
    text = render(result, fmt)
    if output is not None:
        write_atomic(output, text)
    else:
        click.echo(text, nl=not text.endswith("\n"))
    if other or skipped:
        click.echo(f"left out: {other} article(s) with another or no label, {skipped} input(s) "
                   "that could not be scored", err=True)
