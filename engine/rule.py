"""The contracts at the bottom of the house: what a rule is, and what its kind receives.

Every layer shares these types (the ruleset builds ``RuleSpec``s and ``CompileEnv``s, kinds
compile them into ``Evaluator``s, checks and readers work on an ``ArticleContext``), so this
module imports only values (``engine.model``, ``engine.errors``, ``engine.yamlpos``) and the
knowledge base; nothing above it.

A kind is one module in ``engine/kinds/`` exposing:

- ``NAME``: the string used as ``kind:`` in rule files;
- ``OPTIONS``: JSON Schema ``properties`` for its own keys (merged with the common rule keys,
  unknown keys rejected);
- ``REQUIRED``: which of its keys must be present;
- ``FIELDS``: the fields its explanation template may use;
- ``compile(rule, env) -> Evaluator``: check and prepare one rule; report problems via
  ``env.problem`` and return None when the rule cannot be used;
- optionally ``VARIANTS``: a family of sub-checks (``OptionSet``s keyed by ``NAME``) selected
  by the rule key ``DISCRIMINATOR`` (e.g. ``check:``); each has its own options, and the rule
  schema becomes a discriminated ``oneOf`` (one branch per variant, unknown keys rejected per
  branch), so a key of another variant is an error at its line.

An ``Evaluator`` turns one article (an ``ArticleContext``) into zero or more ``Finding``s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from engine.errors import Diagnostic
from engine.knowledge import KnowledgeBase
from engine.model import Article, DateInfo, Finding, LineIndex, Span
from engine.yamlpos import Located, PathKey

T = TypeVar("T")


@dataclass(frozen=True)
class Band:
    """``at_least``/``below`` threshold and the points awarded when it is the first band met;
    ``explain``, when given, replaces the rule's explanation for this band (a "no dates at all"
    band has no example to quote)."""

    points: float
    at_least: float | None = None
    below: float | None = None
    explain: str | None = None

    def holds(self, value: float) -> bool:
        if self.at_least is not None and value < self.at_least:
            return False
        return not (self.below is not None and value >= self.below)


@dataclass(frozen=True)
class Example:
    """One of a rule's own examples: an article and what the rule must do with it.

    ``name`` is the example's test id (else its position). A ``fires`` example may also say
    what the finding quotes (``quote``: the exact text of one of its spans) and what it is
    worth (``points``: the rule's findings added up, before any cap).
    """

    text: str
    name: str | None = None
    date: str | None = None
    as_of: str | None = None
    title: str | None = None
    author: str | None = None
    note: str | None = None
    quote: str | None = None
    points: float | None = None

    @classmethod
    def of(cls, value: str | Mapping[str, Any]) -> Example:
        """From a rule file: a bare string is the text."""
        if isinstance(value, str):
            return cls(value)
        points = value.get("points")
        return cls(**{**value, "points": float(points) if points is not None else None})


@dataclass(frozen=True)
class RuleSpec:
    """The common part of a rule, as written in its pack, plus its kind-specific options."""

    id: str
    kind: str
    category: str
    title: str
    rationale: str
    explain: str
    points: float | None
    max_points: float | None
    bands: tuple[Band, ...]
    options: Mapping[str, Any]
    examples_fire: tuple[Example, ...]
    examples_pass: tuple[Example, ...]
    path: str
    line: int
    link: str | None = None

    def band_for(self, value: float) -> Band | None:
        """The first band that holds for ``value``, else None."""
        return next((band for band in self.bands if band.holds(value)), None)

    def band_explain(self, band: Band) -> str:
        return band.explain if band.explain is not None else self.explain


class Prefilter(Protocol):
    """Many patterns searched for in one pass (``engine.regex.PatternSet``): a rule adds its
    pattern and gets a slot, then searches a text only when its slot is among the hits."""

    def add(self, regex: Any) -> int | None: ...
    def hits(self, text: str) -> frozenset[int]: ...


@dataclass
class CompileEnv:
    """What a kind may use while compiling a rule: the knowledge base, a problem sink and the
    ruleset's prefilter (None: every rule searches every text)."""

    knowledge: KnowledgeBase
    doc: Located
    at: PathKey
    problems: list[Diagnostic] = field(default_factory=list)
    prefilter: Prefilter | None = None

    def problem(self, key: str | PathKey, message: str, hint: str = "") -> None:
        sub = (key,) if isinstance(key, str) else tuple(key)
        self.problems.append(self.doc.problem((*self.at, *sub), message, hint))


@dataclass(frozen=True)
class MemoKey(Generic[T]):
    """A typed key of an analysis cached per article (``ctx.cached(SENTENCES, ...)`` returns
    what the key says, where ``ctx.memo["name"]`` is ``Any``)."""

    name: str


@dataclass
class ArticleContext:
    """One article as the kinds see it. ``memo`` shares work between rules of one article;
    ``cached`` is its typed door."""

    article: Article
    date: DateInfo
    as_of: dt.date
    knowledge: KnowledgeBase
    index: LineIndex
    word_count: int
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def reference_date(self) -> dt.date:
        """The date the article speaks from: its publication date, else the run's as-of date."""
        return self.date.date or self.as_of

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.article.text, start, end, self.index)

    def cached(self, key: MemoKey[T], compute: Callable[[], T]) -> T:
        """The analysis ``key`` of this article, computed by ``compute`` the first time."""
        if key.name not in self.memo:
            self.memo[key.name] = compute()
        value: T = self.memo[key.name]
        return value


class Evaluator(Protocol):
    def evaluate(self, ctx: ArticleContext) -> Sequence[Finding]: ...


class OptionSet(Protocol):
    """Anything with its own options: a kind, or one variant (sub-check) of a kind.

    Read-only members (a module's constants): a module whose ``REQUIRED`` is a tuple of two
    strings still is one."""

    @property
    def NAME(self) -> str: ...
    @property
    def OPTIONS(self) -> Mapping[str, Any]: ...
    @property
    def REQUIRED(self) -> tuple[str, ...]: ...


CheckT_co = TypeVar("CheckT_co", covariant=True)
Found_co = TypeVar("Found_co", covariant=True)


class Finder(Protocol[Found_co]):
    """A prepared check of a family: one article in, what it found out (a consistency
    ``Conflict``, an ``Anachronism``)."""

    def find(self, ctx: ArticleContext) -> Sequence[Found_co]: ...


class CheckModule(OptionSet, Protocol[CheckT_co]):
    """One module of a family of sub-checks (``engine/consistency/``, ``engine/anachronism/``):
    its options, and ``build`` compiling them once per run into the family's check type."""

    def build(self, options: Mapping[str, Any], env: CompileEnv) -> CheckT_co | None: ...


class Kind(OptionSet, Protocol):
    @property
    def FIELDS(self) -> tuple[str, ...]: ...

    def compile(self, rule: RuleSpec, env: CompileEnv) -> Evaluator | None: ...


def make_finding(rule: RuleSpec, points: float, message: str, spans: Sequence[Span]) -> Finding:
    return Finding(rule.id, rule.category, rule.title, round(points, 2), message, tuple(spans))
