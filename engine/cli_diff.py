"""``reliability diff OLD.json NEW.json``: what changed between two runs of the same corpus.

Exit 0, or 1 with ``--fail-on-change`` when anything changed (for a rule repository's CI);
2 when a report cannot be read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from engine.diff import DiffFormat, compare, render
from engine.errors import EXIT_BELOW_THRESHOLD, EXIT_ERROR, Diagnostic
from engine.report.write import write_atomic

REQUIRED_ARTICLE_KEYS = ("id", "score", "band", "findings", "contributions")


def _read(path: Path) -> dict[str, Any] | Diagnostic:
    hint = "give the output of `reliability score --format json`"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return Diagnostic.at(str(path), 1, 1, f"cannot read: {exc.strerror}", hint)
    except UnicodeDecodeError:
        return Diagnostic.at(str(path), 1, 1, "not UTF-8 text", hint)
    except json.JSONDecodeError as exc:
        return Diagnostic.at(str(path), exc.lineno, exc.colno, f"not JSON: {exc.msg}", hint)
    articles = data.get("articles") if isinstance(data, dict) else None
    if not isinstance(articles, list) or not all(
            isinstance(a, dict) and all(k in a for k in REQUIRED_ARTICLE_KEYS) for a in articles):
        return Diagnostic.at(str(path), 1, 1, "not a report: needs \"articles\", each with "
                             + ", ".join(REQUIRED_ARTICLE_KEYS), hint)
    report: dict[str, Any] = data
    return report


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice([f.value for f in DiffFormat]),
              default="table", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (atomically) instead of stdout.")
@click.option("--fail-on-change", is_flag=True,
              help="Exit 1 when any article, score, band or finding changed.")
def diff_command(old: Path, new: Path, fmt: str, output: Path | None,
                 fail_on_change: bool) -> None:
    """Compare two JSON reports: score and band changes, findings added and removed, and
    per rule how many articles it moved and by how much."""
    reports = [_read(old), _read(new)]
    problems = [r for r in reports if isinstance(r, Diagnostic)]
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(EXIT_ERROR)
    before, after = (r for r in reports if isinstance(r, dict))
    result = compare(before, after)
    text = render(result, fmt)
    if output is not None:
        write_atomic(output, text)
    else:
        click.echo(text, nl=not text.endswith("\n"))
    if fail_on_change and result.changed:
        sys.exit(EXIT_BELOW_THRESHOLD)
