"""``reliability kb import --format F FILE -o DIR``: run one importer and write its files.

The importer maps onto the shipped vocabulary (``countries`` and ``roles`` of
``rules/knowledge``). Rejected rows are printed with their line; they are the source's own
faults (see each format's module), so they do not fail the import. The written files are
loaded back with the shipped knowledge, and any problem there exits 2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from engine.errors import EXIT_ERROR, EXIT_OK
from engine.knowledge.importers import (
    ImportResult,
    Vocabulary,
    factbook,
    peppercat,
    tenure_csv,
    wikidata_heads,
    write_import,
)
from engine.knowledge.loader import load_knowledge

SHIPPED_KNOWLEDGE = Path(__file__).resolve().parents[3] / "rules" / "knowledge"


def shipped_vocabulary() -> Vocabulary:
    kb, _ = load_knowledge(sorted(SHIPPED_KNOWLEDGE.glob("*.yaml")))
    return Vocabulary.from_knowledge(kb)


def read_source(path: Path, table_format: str, vocabulary: Vocabulary,
                source: dict[str, str | None], as_of: dt.date | None) -> ImportResult:
    if table_format == factbook.FORMAT:
        return factbook.read(path, vocabulary)
    if table_format == wikidata_heads.FORMAT:
        return wikidata_heads.read(path, vocabulary)
    if table_format == "peppercat-historic":
        return peppercat.read_historic(path, vocabulary)
    if table_format == "peppercat-timeline":
        return peppercat.read_timeline(path, vocabulary)
    missing = [k for k in ("source_id", "title", "licence", "url") if not source.get(k)]
    if missing:
        raise click.UsageError("--format tenure-csv needs "
                               + ", ".join(f"--{k.replace('_', '-')}" for k in missing))
    return tenure_csv.read(path, vocabulary, source_id=str(source["source_id"]),
                           title=str(source["title"]), licence=str(source["licence"]),
                           url=str(source["url"]), as_of=as_of,
                           organisation=source.get("organisation"))


def import_source(path: Path, table_format: str, output: Path,
                  source: dict[str, str | None], as_of: dt.date | None) -> int:
    """Import ``path`` into the folder ``output``; return the exit code."""
    if output.exists() and not output.is_dir():
        raise click.BadParameter("with --format, -o is a knowledge folder", param_hint="-o")
    result = read_source(path, table_format, shipped_vocabulary(), source, as_of)
    for error in result.rejected:
        click.echo(str(error), err=True)
    written = write_import(result, output)
    skipped = ", ".join(f"{n} {why}" for why, n in result.skipped.most_common())
    click.echo(f"read {result.rows_read} row(s), {len(result.rejected)} rejected"
               + (f", skipped: {skipped}" if skipped else "")
               + f"; wrote {len(result.tenures)} tenure(s) to "
               + ", ".join(str(p) for p in written))
    _, problems = load_knowledge([*sorted(SHIPPED_KNOWLEDGE.glob("*.yaml")), *written])
    for problem in problems:
        click.echo(str(problem), err=True)
    return EXIT_ERROR if problems else EXIT_OK
