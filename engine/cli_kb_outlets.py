"""``reliability kb import-outlets``: a CSV of news-domain ratings -> knowledge files.

Writes ``NAME.yaml`` (section ``outlet-ratings``: the rating set's title, citation, scale and
date) and ``NAME.csv`` beside it (``domain,rating``), then loads them to prove they are valid.
Rejected rows are printed with their CSV line and the rest is still written; the exit code is
then 2, so that a script cannot mistake a partial import for a complete one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from engine.errors import EXIT_ERROR
from engine.knowledge.importer import TableError
from engine.knowledge.loader import load_knowledge
from engine.knowledge.outlet_import import (
    RatingSetInfo,
    knowledge_text,
    read_ratings,
    table_text,
)
from engine.report.write import write_atomic


@click.command("import-outlets")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Knowledge file to write, e.g. rules/knowledge/outlets.lin2023.yaml; the "
                   "table goes to the .csv of the same name beside it.")
@click.option("--id", "set_id", required=True, help="Short id of the rating set, e.g. lin2023.")
@click.option("--title", required=True,
              help='How explanations name it, e.g. "Lin et al. 2023 aggregate".')
@click.option("--citation", required=True, help="Full citation of the published ratings.")
@click.option("--date", "published", required=True, metavar="YYYY[-MM[-DD]]",
              help="When the ratings were published.")
@click.option("--source", "sources", multiple=True, required=True, metavar="URL",
              help="Where the table comes from (repeatable).")
@click.option("--domain-column", default="domain", show_default=True)
@click.option("--score-column", required=True, help="Column of the rating, e.g. pc1.")
@click.option("--low", type=float, default=0.0, show_default=True,
              help="Worst possible rating.")
@click.option("--high", type=float, default=1.0, show_default=True,
              help="Best possible rating.")
def import_outlets(csv_file: Path, output: Path, set_id: str, title: str, citation: str,
                   published: str, sources: tuple[str, ...], domain_column: str,
                   score_column: str, low: float, high: float) -> None:
    """Import a CSV of domain ratings (any domain and score columns) as knowledge files."""
    if output.suffix != ".yaml":
        raise click.BadParameter("write NAME.yaml (the table goes to NAME.csv)",
                                 param_hint="-o")
    if not low < high:
        raise click.BadParameter(f"--low {low:g} must be below --high {high:g}")
    try:
        found = read_ratings(csv_file, domain_column, score_column, low, high)
    except TableError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    for row_error in found.rejected:
        click.echo(str(row_error), err=True)
    table_path = output.with_suffix(".csv")
    table = table_text(found.ratings)
    info = RatingSetInfo(set_id, title, citation, published, low, high, sources)
    write_atomic(table_path, table)
    write_atomic(output, knowledge_text(info, table_path.name, table, len(found.ratings),
                                        f"{csv_file.name} (columns {domain_column}, "
                                        f"{score_column})"))
    click.echo(f"read {found.rows_read} row(s), {len(found.rejected)} rejected; wrote "
               f"{len(found.ratings)} rating(s) to {table_path} and their entry to {output}")
    # Prove the output loads, so a bad import fails here and not in the next scoring run.
    _, problems = load_knowledge([output])
    for problem in problems:
        click.echo(str(problem), err=True)
    if found.rejected or problems:
        sys.exit(EXIT_ERROR)
