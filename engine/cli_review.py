"""``reliability review``: record a reviewer's decision on one finding of one article.

The article is scored as ``score`` would score it (same rules, config and as-of date), the
finding is picked by rule id (and ``--span`` when the rule fired more than once), and one
line is appended to the decisions file (see :mod:`engine.review`). ``score --reviews FILE``
then applies it.
"""

from __future__ import annotations

import datetime as dt
import getpass
import sys
from pathlib import Path

import click

from engine.cli_common import decisions_or_exit, load_or_exit, read_inputs
from engine.errors import EXIT_ERROR
from engine.model import Finding, Review, Scorecard
from engine.pipeline import score_article
from engine.review import (
    Decision,
    append_decision,
    content_hash,
    quoted_span,
)


def _reviewer() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return ""


def _pick(card: Scorecard, rule_id: str, span: str | None) -> Finding:
    """The one finding meant, or exit 2 listing what the reviewer can choose from."""
    candidates = [f for f in card.findings if f.rule_id == rule_id]
    if span is not None:
        exact = [f for f in candidates if quoted_span(f) == span]
        candidates = exact or [f for f in candidates if any(span in s.text for s in f.spans)]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        fired = sorted({f.rule_id for f in card.findings})
        click.echo(f"{card.article.id}: no {rule_id} finding"
                   + (f" quoting {span!r}" if span else "")
                   + f"; rules that fired: {', '.join(fired) or 'none'}", err=True)
    else:
        click.echo(f"{card.article.id}: {len(candidates)} {rule_id} findings; choose one "
                   "with --span:", err=True)
        for finding in candidates:
            click.echo(f"  --span {quoted_span(finding)!r}", err=True)
    sys.exit(EXIT_ERROR)


@click.command()
@click.argument("article")
@click.option("--rule", "rule_id", required=True, help="Rule id of the finding.")
@click.option("--span", help="Quoted text of the finding (needed when the rule fired more "
                             "than once; a part of the quote is enough).")
@click.option("--decision", type=click.Choice(["dismissed", "confirmed"]), required=True,
              help="dismissed: a false positive, it counts no points; confirmed: checked.")
@click.option("--note", required=True, help="Why: shown on the scorecard.")
@click.option("--reviewer", default=_reviewer, show_default="login name",
              help="Who decided.")
@click.option("--reviews", "reviews_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Decisions file (JSONL) to append to, e.g. reviews.jsonl beside the corpus.")
@click.option("--rules", "rule_dirs", multiple=True,
              type=click.Path(file_okay=False, path_type=Path), help="As for score.")
@click.option("--disable", multiple=True, metavar="ID|CATEGORY", help="As for score.")
@click.option("--as-of", "as_of", metavar="DATE", help="As for score (YYYY-MM-DD).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="As for score.")
def review(article: str, rule_id: str, span: str | None, decision: str, note: str,
           reviewer: str, reviews_path: Path, rule_dirs: tuple[Path, ...],
           disable: tuple[str, ...], as_of: str | None, config_path: Path | None) -> None:
    """Record DECISION on one finding of ARTICLE, keyed by the article's content hash."""
    try:
        when = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise click.BadParameter(f"{as_of!r} is not a date; use YYYY-MM-DD",
                                 param_hint="--as-of") from None
    decisions_or_exit(reviews_path, "nothing was recorded")  # never append to a broken file
    ruleset, project = load_or_exit(config_path, rule_dirs, disable)
    articles, skipped = read_inputs([article])
    if len(articles) != 1:
        why = "; ".join(s.reason for s in skipped) or f"{len(articles)} articles in it"
        click.echo(f"{article}: review needs exactly one article ({why})", err=True)
        sys.exit(EXIT_ERROR)
    card = score_article(articles[0], ruleset, when or project.as_of or dt.date.today())
    finding = _pick(card, rule_id, span)
    record = Decision(content_hash(card.article.text), finding.rule_id, quoted_span(finding),
                      Review("dismissed" if decision == "dismissed" else "confirmed",
                             reviewer, note),
                      card.article.id, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    append_decision(reviews_path, record)
    click.echo(f"{decision}: {finding.rule_id} ({finding.points:+g}) in {card.article.id} "
               f"-> {reviews_path}")
