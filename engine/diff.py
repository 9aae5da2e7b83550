"""Two JSON reports of the same corpus compared: what a rule or knowledge change did.

Articles are matched by id. For each article in both runs: the score and band before and
after, and the findings added and removed (a finding is its rule, quoted spans and points).
For each rule: how many articles its contribution (after caps) changed, and by how much in
total. Category clamps can make an article's score move less than its rules' contributions
did; both are shown as they are. Pure: reads plain report dicts, renders text.
"""

from __future__ import annotations

import enum
import json
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.report._shared import one_line
from engine.report.markdown import cell

FindingKey = tuple[str, tuple[str, ...], float]


class DiffFormat(enum.StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"


@dataclass(frozen=True)
class ArticleChange:
    """One article present in both runs whose score, band or findings changed."""

    id: str
    old_score: float
    new_score: float
    old_band: str
    new_band: str
    added: tuple[FindingKey, ...] = ()
    removed: tuple[FindingKey, ...] = ()

    @property
    def delta(self) -> float:
        return round(self.new_score - self.old_score, 2)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "old_score": self.old_score, "new_score": self.new_score,
                "delta": self.delta, "old_band": self.old_band, "new_band": self.new_band,
                "findings_added": [_finding_dict(k) for k in self.added],
                "findings_removed": [_finding_dict(k) for k in self.removed]}


@dataclass(frozen=True)
class RuleChange:
    """How one rule's applied points changed across the articles in both runs."""

    rule_id: str
    articles: int
    total: float
    largest: float  # the change with the largest magnitude, signed

    def as_dict(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "articles": self.articles, "total": self.total,
                "largest": self.largest}


@dataclass(frozen=True)
class RunDiff:
    old_digest: str
    new_digest: str
    common: int
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    articles: tuple[ArticleChange, ...] = ()
    rules: tuple[RuleChange, ...] = field(default=())

    @property
    def moved(self) -> tuple[str, ...]:
        """Ids of the articles whose score changed."""
        return tuple(a.id for a in self.articles if a.delta != 0)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.articles)

    def as_dict(self) -> dict[str, Any]:
        return {"old_ruleset_digest": self.old_digest, "new_ruleset_digest": self.new_digest,
                "articles_in_both": self.common, "articles_added": list(self.added),
                "articles_removed": list(self.removed), "moved": list(self.moved),
                "band_changes": sum(a.old_band != a.new_band for a in self.articles),
                "articles": [a.as_dict() for a in self.articles],
                "rules": [r.as_dict() for r in self.rules]}


def _finding_dict(key: FindingKey) -> dict[str, Any]:
    return {"rule_id": key[0], "spans": list(key[1]), "points": key[2]}


def _finding_keys(article: Mapping[str, Any]) -> Counter[FindingKey]:
    return Counter((str(f["rule_id"]), tuple(str(s["text"]) for s in f.get("spans", [])),
                    float(f["points"])) for f in article.get("findings", []))


def _applied(article: Mapping[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in article.get("contributions", []):
        out[str(item["rule_id"])] = out.get(str(item["rule_id"]), 0.0) + float(item["applied"])
    return out


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> RunDiff:
    """The differences between two reports (``score --format json`` output)."""
    before = {str(a["id"]): a for a in old["articles"]}
    after = {str(a["id"]): a for a in new["articles"]}
    common = sorted(before.keys() & after.keys())
    changes: list[ArticleChange] = []
    moves: dict[str, list[float]] = {}
    for article_id in common:
        a, b = before[article_id], after[article_id]
        old_keys, new_keys = _finding_keys(a), _finding_keys(b)
        change = ArticleChange(article_id, float(a["score"]), float(b["score"]), str(a["band"]),
                               str(b["band"]), tuple(sorted((new_keys - old_keys).elements())),
                               tuple(sorted((old_keys - new_keys).elements())))
        if change.delta or change.added or change.removed or change.old_band != change.new_band:
            changes.append(change)
        old_applied, new_applied = _applied(a), _applied(b)
        for rule_id in old_applied.keys() | new_applied.keys():
            delta = round(new_applied.get(rule_id, 0.0) - old_applied.get(rule_id, 0.0), 2)
            if delta:
                moves.setdefault(rule_id, []).append(delta)
    rules = [RuleChange(rule_id, len(deltas), round(sum(deltas), 2), max(deltas, key=abs))
             for rule_id, deltas in moves.items()]
    rules.sort(key=lambda r: (-abs(r.total), r.rule_id))
    changes.sort(key=lambda c: (-abs(c.delta), c.id))
    return RunDiff(str(old.get("ruleset_digest", "")), str(new.get("ruleset_digest", "")),
                   len(common), tuple(sorted(after.keys() - before.keys())),
                   tuple(sorted(before.keys() - after.keys())), tuple(changes), tuple(rules))


def _signed(value: float) -> str:
    return f"{value + 0.0:+g}"


def _finding_text(key: FindingKey) -> str:
    quote = f' "{key[1][0]}"' if key[1] else ""
    return f"{key[0]} ({_signed(key[2])}){quote}"


def _sections(diff: RunDiff, clean: Callable[[str], str]
              ) -> list[tuple[str, list[str], list[list[str]]]]:
    """(heading, headers, rows) of each table; ``clean`` makes article text safe for it."""
    articles = [[clean(c.id), f"{c.old_score:g}", f"{c.new_score:g}", _signed(c.delta),
                 clean(c.old_band if c.old_band == c.new_band
                       else f"{c.old_band} -> {c.new_band}"),
                 clean("; ".join(f"+ {_finding_text(k)}" for k in c.added)),
                 clean("; ".join(f"- {_finding_text(k)}" for k in c.removed))]
                for c in diff.articles]
    rules = [[clean(r.rule_id), str(r.articles), _signed(r.total), _signed(r.largest)]
             for r in diff.rules]
    return [("Articles that changed", ["article", "old", "new", "change", "band",
                                       "findings added", "findings removed"], articles),
            ("Rules whose points changed (after caps)",
             ["rule", "articles moved", "total change", "largest change"], rules)]


def _summary(diff: RunDiff) -> str:
    digest = (f"ruleset {diff.old_digest} -> {diff.new_digest}"
              if diff.old_digest != diff.new_digest else f"ruleset {diff.old_digest} (same)")
    bands = sum(a.old_band != a.new_band for a in diff.articles)
    text = (f"{digest}; {diff.common} article(s) in both runs, {len(diff.moved)} moved, "
            f"{bands} changed band")
    if diff.added:
        text += f"; only in the new run: {', '.join(diff.added)}"
    if diff.removed:
        text += f"; only in the old run: {', '.join(diff.removed)}"
    return text


def render(diff: RunDiff, fmt: DiffFormat | str) -> str:
    fmt = DiffFormat(fmt)
    if fmt is DiffFormat.JSON:
        return json.dumps(diff.as_dict(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    from tabulate import tabulate  # on first use: a run writing other formats never loads it

    markdown = fmt is DiffFormat.MARKDOWN
    clean = cell if markdown else one_line
    parts = [("# Run diff\n\n" if markdown else "") + clean(_summary(diff)), ""]
    for title, headers, rows in _sections(diff, clean):
        parts.append(f"## {title}" if markdown else title)
        if markdown:
            parts.append("")
        parts.append(tabulate(rows, headers=headers, tablefmt="github" if markdown else "simple",
                              disable_numparse=True) if rows else "(none)")
        parts.append("")
    return "\n".join(parts)
