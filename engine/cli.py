"""The ``reliability`` command: click wiring of sources -> ruleset -> pipeline -> report.

Exit codes are a contract (README, "Output and exit codes"): 0 ok; 1 an article scored below
``--fail-under`` (each one named on stderr); 2 usage, rule, config or input errors, including a
missing path and a run with nothing scorable; 3 an internal error (a bug: one line on stderr,
the traceback in a file); 130 interrupted by Ctrl-C. Reports are written whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from engine.cli_common import configure_or_exit
from engine.cli_common import load_or_exit as _load
from engine.cli_common import read_inputs as _read_inputs
from engine.cli_score import load_reviews, opener, prepare, require_dask
from engine.crash import bug_message, save_traceback
from engine.errors import (
    EXIT_BELOW_THRESHOLD,
    EXIT_ERROR,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
)
from engine.lazy import imported
from engine.report import Format, render
from engine.report._shared import printable
from engine.report.write import OutputError, output_target, write_atomic
from engine.run import run
from engine.version import __version__


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


rules_option = click.option("--rules", "rule_dirs", multiple=True,
                            type=click.Path(file_okay=False, path_type=Path),
                            help="Extra rule directory (repeatable); its rules override "
                                 "shipped ones with the same id.")
disable_option = click.option("--disable", multiple=True, metavar="ID|CATEGORY",
                              help="Disable a rule or a whole category (repeatable).")
as_of_option = click.option("--as-of", callback=_date, metavar="DATE",
                            help="Reference date for the run (default: config, else today).")
config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False,
                             path_type=Path), help="Config file (default: reliability.toml or "
                             "[tool.reliability] in ./pyproject.toml).")


def _fail(message: str) -> None:
    """Print ``message`` (made terminal-safe) on stderr and exit 2."""
    click.echo(printable(message), err=True)
    sys.exit(EXIT_ERROR)


def _check_paths(paths: Sequence[str]) -> None:
    """A path that does not exist is a usage error: exit 2 before any work, naming each."""
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        for path in missing:
            click.echo(printable(f"{path}: no such file or directory"), err=True)
        _fail(f"{len(missing)} path(s) not found; nothing was scored.")


def _emit(text: str, output: Path | None) -> None:
    """The report to ``output`` (atomically) or stdout. Lone surrogates become escapes."""
    safe = text.encode("utf-8", "backslashreplace").decode("utf-8")
    if output is not None:
        try:
            write_atomic(output, safe)
        except OutputError as exc:
            _fail(str(exc))
        except OSError as exc:
            _fail(f"{output}: cannot write the report: {exc.strerror or exc}")
    else:
        click.echo(safe, nl=not safe.endswith("\n"))


LAZY_COMMANDS = {
    "kb": "engine.cli_kb:kb",
    "cache": "engine.cli_cache:cache_group",
    "evaluate": "engine.cli_evaluate:evaluate_command",
    "review": "engine.cli_review:review",
    "diff": "engine.cli_diff:diff_command",
}
"""Commands whose module is imported only when the command is run (or listed by --help):
``score`` is the one run over and over, and a cached ``score`` takes a fraction of a second,
of which importing every other command would be a third."""


class _Guarded(click.Group):
    """Turns Ctrl-C into exit 130 and an unexpected exception into exit 3 with a bug report;
    loads the :data:`LAZY_COMMANDS` when asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            self.add_command(imported(LAZY_COMMANDS[cmd_name]), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("\ninterrupted; no report was written.", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as exc:
            click.echo(bug_message(exc, save_traceback(exc)), err=True)
            sys.exit(EXIT_INTERNAL)


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reliability")
def main() -> None:
    """Score news articles for source reliability with declarative rules."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice([f.value for f in Format]), default="table",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE (atomically) instead of stdout.")
@click.option("--fail-under", type=float, metavar="N",
              help="Exit 1 when any article scores below N.")
@rules_option
@disable_option
@as_of_option
@config_option
@click.option("--jobs", type=click.IntRange(0, 64), default=1, show_default=True,
              help="Worker processes (0: one per core).")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Score on the Dask scheduler at ADDRESS (e.g. tcp://host:8786) instead of "
                   "local workers; needs the [dask] extra.")
@click.option("--cache/--no-cache", "use_cache", default=True, show_default=True,
              help="Reuse the scorecards of unchanged articles under an unchanged ruleset "
                   "(see `reliability cache info`).")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress bar and no notes on stderr; errors are still printed.")
@click.option("--reviews", "reviews_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Apply reviewer decisions (JSONL from `reliability review`; default: "
                   "the config's reviews).")
def score(paths: tuple[str, ...], fmt: str, output: Path | None, fail_under: float | None,
          rule_dirs: tuple[Path, ...], disable: tuple[str, ...], as_of: dt.date | None,
          config_path: Path | None, jobs: int, dask_address: str | None, use_cache: bool,
          quiet: bool, reviews_path: Path | None) -> None:
    """Score PATH... (files, folders, or - for stdin) and write a ranked scorecard.

    Exit 0 ok, 1 an article below --fail-under, 2 a usage, rule, config or input error
    (a missing path; nothing scorable), 3 an internal error.
    """
    if output is not None:
        try:
            output_target(output)  # refuse a device or FIFO before doing any work
        except OutputError as exc:
            _fail(str(exc))
    _check_paths(paths)
    if dask_address is not None:
        require_dask()
    config, project = configure_or_exit(config_path, rule_dirs, disable)
    when = as_of or project.as_of or dt.date.today()
    reviews_path = reviews_path or project.reviews
    try:
        with prepare(config, when, jobs, use_cache, dask_address) as prepared:
            reviews = (load_reviews(reviews_path, prepared.ruleset())
                       if reviews_path is not None else None)
            outcome = run(paths, prepared.header, when, Format(fmt), opener(output),
                          prepared.scorer, reviews=reviews, fail_under=fail_under,
                          recall=prepared.recall,
                          progress=not quiet)
    except OutputError as exc:
        _fail(str(exc))
    except OSError as exc:
        if output is None or exc.filename not in (None, str(output)):
            raise
        _fail(f"{output}: cannot write the report: {exc.strerror or exc}")
    for line in reviews.unmatched() if reviews is not None else ():
        click.echo(line, err=True)
    if not outcome.scored:
        _fail(f"nothing was scored: all {len(outcome.skipped)} input(s) were skipped "
              "(see the report's skipped list)")
    if outcome.skipped and not quiet:
        click.echo(f"{len(outcome.skipped)} input(s) skipped; see the report's skipped list.",
                   err=True)
    if fail_under is not None and outcome.below:
        for article_id, value, path in outcome.below:
            click.echo(printable(f"below --fail-under {fail_under:g}: {article_id} "
                                 f"scored {value:g} ({path})"), err=True)
        sys.exit(EXIT_BELOW_THRESHOLD)


@main.command()
@click.argument("path")
@rules_option
@disable_option
@as_of_option
@config_option
def explain(path: str, rule_dirs: tuple[Path, ...], disable: tuple[str, ...],
            as_of: dt.date | None, config_path: Path | None) -> None:
    """Explain one article's score in full: every finding, quote and line of arithmetic."""
    from engine.pipeline import run_report, score_article  # see LAZY_COMMANDS

    _check_paths([path])
    ruleset, project = _load(config_path, rule_dirs, disable)
    when = as_of or project.as_of or dt.date.today()
    articles, skipped = _read_inputs([path])
    if not articles:
        reasons = "; ".join(s.reason for s in skipped) or "no article found"
        _fail(f"{path}: cannot be scored: {reasons}")
    cards = [score_article(a, ruleset, when) for a in articles]
    _emit(render(run_report(cards, skipped, ruleset, when), Format.MARKDOWN), None)


@main.group()
def rules() -> None:
    """List, show, validate, test and document the rules."""


@rules.command("list")
@rules_option
@config_option
def rules_list(rule_dirs: tuple[Path, ...], config_path: Path | None) -> None:
    """One line per rule: id, kind, points and title."""
    from tabulate import tabulate

    ruleset, _ = _load(config_path, rule_dirs, ())
    active = {r.spec.id for r in ruleset.rules}
    rows = [(s.id, s.kind, s.points if s.points is not None else "bands",
             "on" if s.id in active else "off", s.title) for s in ruleset.all_specs]
    click.echo(tabulate(rows, headers=["id", "kind", "points", "state", "title"]))


@rules.command("show")
@click.argument("rule_id")
@rules_option
@config_option
def rules_show(rule_id: str, rule_dirs: tuple[Path, ...], config_path: Path | None) -> None:
    """Everything about one rule."""
    ruleset, _ = _load(config_path, rule_dirs, ())
    spec = ruleset.get(rule_id)
    if spec is None:
        click.echo(f"no rule {rule_id!r}; see `reliability rules list`", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"{spec.id} ({spec.kind}, {spec.category}) — {spec.title}")
    click.echo(f"defined at {spec.path}:{spec.line}")
    click.echo(f"points: {spec.points}  max_points: {spec.max_points}  bands: "
               f"{[(b.at_least, b.below, b.points) for b in spec.bands] or '-'}")
    click.echo(f"explain: {spec.explain}")
    click.echo(f"options: {dict(spec.options)}")
    click.echo(f"\n{spec.rationale}")
    for label, examples in (("fires", spec.examples_fire), ("passes", spec.examples_pass)):
        for example in examples:
            click.echo(f"  {label}: {example.text}")


@rules.command("validate")
@rules_option
@config_option
def rules_validate(rule_dirs: tuple[Path, ...], config_path: Path | None) -> None:
    """Check every rule and knowledge file; print every problem as path:line:col; exit 2."""
    ruleset, _ = _load(config_path, rule_dirs, ())
    click.echo(f"ok: {len(ruleset.all_specs)} rules, "
               f"{sum(len(v) for v in ruleset.knowledge.sections.values())} knowledge entries")


@rules.command("test")
@rules_option
@config_option
@click.option("-v", "--verbose", is_flag=True, help="Print every example, not only failures.")
def rules_test(rule_dirs: tuple[Path, ...], config_path: Path | None, verbose: bool) -> None:
    """Run every rule's own fires/passes examples; exit 1 if any fails."""
    from engine.rule_tests import run_all

    ruleset, _ = _load(config_path, rule_dirs, ())
    results = run_all(ruleset)
    failed = [r for r in results if not r.ok]
    for result in results:
        if verbose or not result.ok:
            status = "ok  " if result.ok else "FAIL"
            click.echo(f"{status} {result.name}: {result.text[:100]!r}")
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if failed:
        sys.exit(EXIT_BELOW_THRESHOLD)


@rules.command("docs")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (default: stdout).")
@rules_option
@config_option
def rules_docs(output: Path | None, rule_dirs: tuple[Path, ...],
               config_path: Path | None) -> None:
    """Write the rule reference generated from rule metadata."""
    from engine.docs import rules_reference

    ruleset, _ = _load(config_path, rule_dirs, ())
    _emit(rules_reference(ruleset), output)

