"""Reviewer decisions on findings: a JSONL file beside the corpus, applied when scoring.

A reviewer who has checked a finding records ``dismissed`` (a false positive) or
``confirmed`` with a note (``reliability review``). One decision is one JSON line::

    {"article_hash": "<sha256 of the article text>", "rule_id": "provenance.ai-aggregator-promo",
     "span": "Explore more exclusive insights at nextfin.ai", "decision": "dismissed",
     "reviewer": "ana", "note": "the outlet's own newsletter", "article": "002_...txt",
     "recorded": "2026-11-21T10:00:00+00:00"}

The key is (article content hash, rule id, quoted span): it survives re-runs, renamed or
moved files and a changed rule order, and stops matching when the text or the evidence
changes. ``article`` and ``recorded`` are for people reading the file. A later line for the
same key replaces an earlier one, so the file is append-only. ``score --reviews FILE``
applies the file: a dismissed finding stays on the scorecard, marked, and counts no points;
decisions whose article or finding is not in the run are reported, never dropped silently.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from engine.errors import Diagnostic, LoadError
from engine.model import Finding, Review, ReviewDecision, Scorecard
from engine.rule import RuleSpec
from engine.scoring import ScoringConfig, build_scorecard

if TYPE_CHECKING:  # only named in annotations: the review commands need no ruleset code
    from engine.ruleset import Ruleset

DECISIONS: tuple[str, ...] = get_args(ReviewDecision)
REQUIRED = ("article_hash", "rule_id", "span", "decision", "reviewer", "note")

Key = tuple[str, str, str]


def content_hash(text: str) -> str:
    """The SHA-256 of the article text (UTF-8): the same text has the same hash anywhere."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def quoted_span(finding: Finding) -> str:
    """The evidence a decision is keyed by: the finding's first quoted span, or ``""``."""
    return finding.spans[0].text if finding.spans else ""


def finding_key(article_hash: str, finding: Finding) -> Key:
    return (article_hash, finding.rule_id, quoted_span(finding))


@dataclass(frozen=True)
class Decision:
    """One line of a decisions file."""

    article_hash: str
    rule_id: str
    span: str
    review: Review
    article: str = ""
    recorded: str = ""
    line: int = 0

    @property
    def key(self) -> Key:
        return (self.article_hash, self.rule_id, self.span)

    def as_dict(self) -> dict[str, Any]:
        return {"article_hash": self.article_hash, "rule_id": self.rule_id, "span": self.span,
                **self.review.as_dict(), "article": self.article, "recorded": self.recorded}


def _decision(record: Any, path: str, line: int) -> Decision | Diagnostic:
    hint = ('each line is {"article_hash", "rule_id", "span", "decision", "reviewer", '
            '"note"}; record decisions with `reliability review`')
    if not isinstance(record, dict):
        return Diagnostic.at(path, line, 1, "a decision must be a JSON object", hint)
    missing = [key for key in REQUIRED if not isinstance(record.get(key), str)]
    if missing:
        return Diagnostic.at(path, line, 1, f"missing or non-text field(s): {', '.join(missing)}",
                       hint)
    if record["decision"] not in DECISIONS:
        return Diagnostic.at(path, line, 1, f"decision {record['decision']!r} is not one of "
                       f"{', '.join(DECISIONS)}", "use dismissed or confirmed")
    review = Review(record["decision"], record["reviewer"], record["note"])
    return Decision(record["article_hash"], record["rule_id"], record["span"], review,
                    str(record.get("article", "")), str(record.get("recorded", "")), line)


def load_decisions(path: Path) -> list[Decision]:
    """Every decision in ``path``, the last one per key winning; a missing file has none.

    Raises :class:`LoadError` with one problem per bad line (all of them at once).
    """
    if not path.exists():
        return []
    decisions: dict[Key, Decision] = {}
    problems: list[Diagnostic] = []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError([Diagnostic.at(str(path), 1, 1, f"cannot read the decisions file: {exc}",
                                 "give a UTF-8 JSONL file written by `reliability review`")]
                        ) from None
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(Diagnostic.at(str(path), number, exc.colno, f"not JSON: {exc.msg}",
                                    "one JSON object per line"))
            continue
        found = _decision(record, str(path), number)
        if isinstance(found, Diagnostic):
            problems.append(found)
        else:
            decisions.pop(found.key, None)  # re-insert: a re-review moves to the end
            decisions[found.key] = found
    if problems:
        raise LoadError(problems)
    return list(decisions.values())


def append_decision(path: Path, decision: Decision) -> None:
    """Add one line to the decisions file (created with its folder when missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(decision.as_dict(), ensure_ascii=False, sort_keys=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(line + "\n")


def _apply_one(card: Scorecard, by_key: dict[Key, Decision], used: set[Key],
               specs: dict[str, RuleSpec], scoring: ScoringConfig) -> Scorecard:
    article_hash = content_hash(card.article.text)
    findings: list[Finding] = []
    changed = False
    for finding in card.findings:
        decision = by_key.get(finding_key(article_hash, finding))
        if decision is None:
            findings.append(finding)
            continue
        used.add(decision.key)
        findings.append(dataclasses.replace(finding, review=decision.review))
        changed = True
    if not changed:
        return card
    return build_scorecard(card.article, card.date, findings, specs, scoring)


def apply_decisions(cards: Sequence[Scorecard], decisions: Iterable[Decision],
                    specs: dict[str, RuleSpec],
                    scoring: ScoringConfig) -> tuple[list[Scorecard], list[Decision]]:
    """The cards with every matching decision applied (rescored), and the decisions that
    matched nothing: their article is not in the run or no longer has that finding."""
    by_key = {d.key: d for d in decisions}
    used: set[Key] = set()
    applied = [_apply_one(card, by_key, used, specs, scoring) for card in cards]
    return applied, [d for d in by_key.values() if d.key not in used]


def describe_unmatched(path: Path, decision: Decision, article_hashes: set[str]) -> str:
    """One ``path:line:1: ...`` line saying why a decision no longer applies."""
    who = decision.article or decision.article_hash[:12]
    span = f' quoting "{decision.span}"' if decision.span else ""
    if decision.article_hash not in article_hashes:
        why = f"article {who} is not in this run (or its text changed)"
    else:
        why = f"article {who} no longer has a {decision.rule_id} finding{span}"
    return (f"{path}:{decision.line}:1: {decision.review.decision} decision not applied: "
            f"{why} — re-review it or delete the line")


class Reviews:
    """Reviewer decisions applied card by card; :meth:`unmatched` lists what matched nothing.

    Only articles whose text hash some decision names are rescored; the hashes seen are kept
    only for those, so memory stays bounded by the decisions file, not the corpus.
    """

    def __init__(self, path: Path, decisions: Sequence[Decision], ruleset: Ruleset) -> None:
        self.path = path
        self._decisions = list(decisions)
        self._by_hash: dict[str, list[Decision]] = {}
        for decision in decisions:
            self._by_hash.setdefault(decision.article_hash, []).append(decision)
        self._specs = {rule.spec.id: rule.spec for rule in ruleset.rules}
        self._scoring = ruleset.scoring
        self._used: set[tuple[str, str, str]] = set()
        self._seen: set[str] = set()

    def apply(self, card: Scorecard) -> Scorecard:
        digest = content_hash(card.article.text)
        relevant = self._by_hash.get(digest)
        if not relevant:
            return card
        self._seen.add(digest)
        (applied,), unmatched = apply_decisions([card], relevant, self._specs, self._scoring)
        missed = {d.key for d in unmatched}
        self._used.update(d.key for d in relevant if d.key not in missed)
        return applied

    def unmatched(self) -> list[str]:
        """One ``path:line:1: ...`` line per decision that no article of the run used."""
        return [describe_unmatched(self.path, d, self._seen) for d in self._decisions
                if d.key not in self._used]
