"""``reliability kb``: check the knowledge files, and import tenure tables into them.

``kb check`` loads the knowledge files that ``score`` and ``rules validate`` would load with the
same ``--rules DIR``s (``engine.layers``: ``DIR/knowledge/NAME.yaml`` replaces the earlier
``NAME.yaml``), prints every load problem and every cross-entry issue
(``engine.knowledge.check``), and exits 2 when there is any load problem or error; warnings
alone exit 0.

``kb import`` turns a CSV tenure table into ``NAME.yaml`` (section officeholders) and
``NAME.roles.yaml`` (its roles), then loads both to prove they are valid. Rejected rows are
printed with their CSV line and the rest is still written; the exit code is then 2, so that a
script cannot mistake a partial import for a complete one.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from engine import layers
from engine.config import find_config, load_config
from engine.errors import EXIT_ERROR, Diagnostic, LoadError
from engine.knowledge.check import check_knowledge
from engine.knowledge.importer import TableError, import_tenures
from engine.knowledge.loader import load_knowledge
from engine.knowledge.sections.roles import ROLE_ID_PATTERN

kb = click.Group("kb", help="Check the knowledge files and import tenure tables into them.")


def knowledge_files(rule_dirs: Sequence[Path], *, shipped: bool = True
                    ) -> tuple[tuple[Path, ...], tuple[Diagnostic, ...]]:
    """The knowledge files ``score`` and ``rules`` would load with the same directories (the
    project config's, then ``rule_dirs``), and a diagnostic per missing directory."""
    try:
        project = load_config(find_config(Path.cwd()))
    except LoadError as exc:
        return (), tuple(exc.problems)
    files = layers.layer_files(layers.rule_dirs(project.rule_dirs, rule_dirs, shipped=shipped))
    return files.knowledge, files.problems


@kb.command("check")
@click.option("--rules", "rule_dirs", multiple=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Extra rules directory (repeatable), layered as `score --rules` does: "
                   "its knowledge/NAME.yaml replaces the shipped NAME.yaml.")
@click.option("--shipped/--no-shipped", default=True, show_default=True,
              help="Include the shipped rules/knowledge files.")
def check_command(rule_dirs: tuple[Path, ...], shipped: bool) -> None:
    """Load the knowledge files and report problems; exit 2 on any error."""
    files, layer_problems = knowledge_files(rule_dirs, shipped=shipped)
    knowledge, load_problems = load_knowledge(files)
    problems = sorted({*layer_problems, *load_problems})
    issues = check_knowledge(knowledge)
    for diagnostic in [*problems, *issues]:
        click.echo(str(diagnostic))
    errors = sum(1 for d in [*problems, *issues] if d.is_error)
    warnings = len(problems) + len(issues) - errors
    entries = sum(len(v) for v in knowledge.sections.values())
    click.echo(f"{len(files)} file(s), {entries} entries: {errors} error(s), "
               f"{warnings} warning(s)")
    if errors:
        sys.exit(EXIT_ERROR)


def _role_map(pairs: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        office, sep, role_id = pair.partition("=")
        if not sep or not office.strip() or not re.fullmatch(ROLE_ID_PATTERN, role_id.strip()):
            raise click.BadParameter(f"{pair!r}: write OFFICE=ROLE_ID, e.g. "
                                     "'Prime Minister=prime-minister'", param_hint="--role")
        out[office.strip()] = role_id.strip()
    return out


@kb.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--jurisdiction", "-j", metavar="CODE",
              help="Import only rows with this jurisdiction (US, GB, ...).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Officeholders file to write, e.g. rules/knowledge/uk.yaml; the roles go to "
                   "uk.roles.yaml beside it.")
@click.option("--role", "role_pairs", multiple=True, metavar="OFFICE=ROLE_ID",
              help="Use an existing role for an office instead of generating one (repeatable).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date the table describes: open tenures are last seen then, and later "
                   "(scheduled) ends become open.")
def import_command(csv_file: Path, jurisdiction: str | None, output: Path,
                   role_pairs: tuple[str, ...], as_of: dt.datetime | None) -> None:
    """Import a CSV tenure table (person,aliases,office,organisation,jurisdiction,start_date,
    end_date,source) as knowledge files."""
    if output.suffix != ".yaml" or output.name.endswith(".roles.yaml"):
        raise click.BadParameter("write NAME.yaml (the roles go to NAME.roles.yaml)",
                                 param_hint="-o")
    roles_path = output.with_suffix(".roles.yaml")
    try:
        result = import_tenures(csv_file, jurisdiction, role_map=_role_map(role_pairs),
                                as_of=as_of.date() if as_of else None,
                                roles_file=roles_path.name)
    except TableError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    for rejected in result.rejected:
        click.echo(str(rejected), err=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(result.officeholders_yaml, encoding="utf-8")
    written = [output]
    if result.roles:
        roles_path.write_text(result.roles_yaml, encoding="utf-8")
        written.append(roles_path)
    click.echo(f"read {result.rows_read} row(s), {result.rows_selected} selected, "
               f"{len(result.rejected)} rejected; wrote {result.entries} tenure(s) to {output}"
               + (f" and {result.roles} role(s) to {roles_path}" if result.roles else ""))
    # Prove the output loads, so a bad import fails here and not in the next scoring run.
    _, problems = load_knowledge(written)
    for problem in problems:
        click.echo(str(problem), err=True)
    if result.rejected or problems:
        sys.exit(EXIT_ERROR)
