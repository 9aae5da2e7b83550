"""Rule packs and knowledge, validated in layers and compiled once per run.

Layers: YAML syntax -> pack JSON Schema (common keys plus the kind's own, unknown keys
rejected) -> the kind's own checks (regexes compile under RE2, templates name real fields) ->
cross-file checks (duplicate ids). Every problem of every file is collected before failing.

Rule directories are layered by ``engine.layers`` (shipped, project config, ``--rules DIR``);
a rule in a later directory replaces the rule with the same id from an earlier one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from engine.errors import Diagnostic, LoadError
from engine.kinds import KINDS
from engine.knowledge import KnowledgeBase
from engine.knowledge.loader import load_knowledge
from engine.layers import SCORING_FILE, SHIPPED_RULES, layer_files
from engine.layers import RulesetConfig as RulesetConfig  # re-exported: the public recipe
from engine.model import RuleInfo, RunHeader, RunSettings
from engine.regex import PatternSet, RegexError, compile_re2, group_names
from engine.rule import Band, CompileEnv, Evaluator, Example, OptionSet, RuleSpec
from engine.scoring import CategoryCap, ScoreBand, ScoringConfig
from engine.template import template_problems
from engine.yamlpos import Located, read_located, schema_problems


@cache
def load_schema(name: str) -> dict[str, Any]:
    text = resources.files("engine.schemas").joinpath(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@dataclass(frozen=True)
class CompiledRule:
    """A rule as it runs: its spec, and the evaluator its kind compiled from it once per run."""

    spec: RuleSpec
    evaluator: Evaluator

    @property
    def min_words(self) -> int:
        """The fewest words an article needs for this rule to judge it (0: any article).
        Kinds with a length threshold expose it as their evaluator's ``min_words``."""
        words: int = getattr(self.evaluator, "min_words", 0)
        return words


@dataclass(frozen=True)
class Ruleset:
    config: RulesetConfig
    rules: tuple[CompiledRule, ...]
    knowledge: KnowledgeBase
    scoring: ScoringConfig
    digest: str
    all_specs: tuple[RuleSpec, ...]  # including disabled ones, for `rules list`

    def __reduce__(self) -> tuple[Any, ...]:
        # Compiled RE2 objects do not pickle: a worker process rebuilds from the same recipe.
        return (load_ruleset, (self.config,))

    def get(self, rule_id: str) -> RuleSpec | None:
        return next((s for s in self.all_specs if s.id == rule_id), None)

    # Asked once per article: worked out once per run (cached in the instance's __dict__,
    # which a frozen dataclass allows; not part of its fields, so never pickled).
    @cached_property
    def specs_by_id(self) -> Mapping[str, RuleSpec]:
        """The running rules' specs by id."""
        return {rule.spec.id: rule.spec for rule in self.rules}

    @cached_property
    def length_limits(self) -> tuple[tuple[str, int], ...]:
        """(id, min words) of the running rules that judge only articles of some length."""
        return tuple((rule.spec.id, rule.min_words) for rule in self.rules if rule.min_words)

    @cached_property
    def header(self) -> RunHeader:
        """What a report says about this ruleset (the cache keeps it per ruleset)."""
        rules = tuple(RuleInfo(r.spec.id, r.spec.category, r.spec.title, r.spec.kind)
                      for r in self.rules)
        bands = tuple((b.name, b.at_least, b.meaning) for b in self.scoring.bands)
        settings = RunSettings(self.config.config_file, tuple(sorted(self.config.disabled)),
                               tuple(sorted(self.config.weights.items())))
        return RunHeader(self.digest, rules, bands, settings)


def load_ruleset(config: RulesetConfig | None = None) -> Ruleset:
    """Load, validate and compile; raise LoadError with every problem found."""
    config = config or RulesetConfig()
    problems: list[Diagnostic] = []
    digest = hashlib.sha256()
    files = layer_files(config.rule_dirs)
    problems.extend(files.problems)
    for path in files.all:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())

    if config.disabled or config.weights:
        # Same files, different switches: a different ruleset, so a different digest.
        digest.update(json.dumps({"disabled": sorted(config.disabled),
                                  "weights": sorted(config.weights.items())}).encode())
    knowledge, kb_problems = load_knowledge(files.knowledge)
    problems.extend(kb_problems)
    scoring = _load_scoring(files.scoring, problems)
    categories = set(scoring.categories) if scoring else set()

    specs: dict[str, tuple[RuleSpec, Located, tuple[str | int, ...]]] = {}
    for path in files.packs:
        for spec, doc, at in _load_pack(path, categories, problems):
            previous = specs.get(spec.id)
            if previous is not None and Path(previous[0].path).parent == path.parent:
                problems.append(doc.problem((*at, "id"), f"duplicate rule id {spec.id!r}",
                                            f"first defined at {previous[0].path}:"
                                            f"{previous[0].line}; rename one of them"))
                continue
            specs[spec.id] = (spec, doc, at)  # a later directory overrides an earlier one

    known_targets = set(specs) | categories
    for target in sorted(config.disabled | set(config.weights)):
        if target not in known_targets:
            problems.append(Diagnostic.at("<config>", 1, 1, f"unknown rule or category {target!r}",
                                    "see `reliability rules list` for valid ids"))

    compiled: list[CompiledRule] = []
    all_specs: list[RuleSpec] = []
    prefilter = PatternSet()  # one scan of each article for every rule's pattern
    for rule_id in sorted(specs):
        spec, doc, at = specs[rule_id]
        spec = _weighted(spec, config.weights)
        all_specs.append(spec)
        env = CompileEnv(knowledge, doc, at, prefilter=prefilter)
        evaluator = KINDS[spec.kind].compile(spec, env)
        problems.extend(env.problems)
        if evaluator is None or env.problems:
            continue
        enabled = doc.data["rules"][at[1]].get("enabled", True)
        if enabled and rule_id not in config.disabled and spec.category not in config.disabled:
            compiled.append(CompiledRule(spec, evaluator))
    if problems or scoring is None:
        raise LoadError(problems)
    return Ruleset(config, tuple(compiled), knowledge, scoring, digest.hexdigest()[:16],
                   tuple(all_specs))


def rule_schema(kind: str | None) -> dict[str, Any]:
    """The pack schema, with the rule's properties extended by the kind's own options.

    A kind with ``VARIANTS`` gets a discriminated ``oneOf``: one branch per variant, selected by
    the value of ``DISCRIMINATOR``, holding that variant's options and rejecting any other key.
    The common keys are validated once, at the rule level; a branch only names them.
    """
    schema: dict[str, Any] = json.loads(json.dumps(load_schema("rule-pack.schema.json")))
    rule = schema["$defs"]["rule"]
    if kind in KINDS:
        module = KINDS[kind]
        # A kind may name a common key (``points``, ``bands``) to require and describe it:
        # its description joins the common schema, which still says what the value is.
        for key, prop in module.OPTIONS.items():
            rule["properties"][key] = {**rule["properties"].get(key, {}), **prop}
        rule["required"] = [*rule["required"], *module.REQUIRED]
        variants: Mapping[str, OptionSet] = getattr(module, "VARIANTS", {})
        if variants:
            key = str(getattr(module, "DISCRIMINATOR", "check"))
            named: dict[str, Any] = {name: {} for name in rule["properties"]}
            rule["discriminator"] = {"propertyName": key}
            rule["oneOf"] = [
                {"title": f"{key}: {name}", "type": "object", "additionalProperties": False,
                 "required": [key, *variant.REQUIRED],
                 "properties": {**named, **variant.OPTIONS, key: {"const": name}}}
                for name, variant in variants.items()]
            return schema
    rule["additionalProperties"] = False
    return schema


LoadedRule = tuple[RuleSpec, Located, tuple[str | int, ...]]


def _load_pack(path: Path, categories: set[str],
               problems: list[Diagnostic]) -> Iterable[LoadedRule]:
    doc, errs = read_located(path)
    problems.extend(errs)
    if doc is None:
        return
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), "a rule pack must be a mapping with `pack` and `rules`",
                                    "start the file with `pack: NAME` and `rules:`"))
        return
    top = {k: v for k, v in doc.data.items() if k != "rules"}
    shape = load_schema("rule-pack.schema.json")
    top_schema = {**shape, "properties": {**shape["properties"], "rules": {"type": "array"}}}
    problems.extend(schema_problems(Located(doc.path, {**top, "rules": []}, doc.marks,
                                            doc.key_marks), top_schema))
    rules = doc.data.get("rules")
    if not isinstance(rules, list):
        return
    for i, raw in enumerate(rules):
        at: tuple[str | int, ...] = ("rules", i)
        if not isinstance(raw, dict):
            problems.append(doc.problem(at, "a rule must be a mapping", "start it with `- id:`"))
            continue
        kind = raw.get("kind")
        if kind not in KINDS:
            problems.append(doc.problem((*at, "kind"), f"unknown kind {kind!r} in rule "
                                        f"{raw.get('id', '?')}",
                                        f"valid kinds: {', '.join(sorted(KINDS))}"))
            continue
        schema = rule_schema(kind)
        rule_only = {**schema["$defs"]["rule"], "$defs": schema["$defs"]}
        errs = schema_problems(doc, rule_only, at)
        if errs:
            problems.extend(errs)
            continue
        spec = _spec(raw, doc, at)
        problems.extend(_example_name_problems(spec, doc, at))
        if categories and spec.category not in categories:
            problems.append(doc.problem((*at, "category"), f"unknown category {spec.category!r}",
                                        f"valid categories: {', '.join(sorted(categories))}"))
            continue
        prefix = spec.id.split(".", 1)[0]
        if prefix != spec.category:
            problems.append(doc.problem((*at, "id"), f"rule id {spec.id!r} is not namespaced "
                                        f"by its category {spec.category!r}",
                                        f"rename it {spec.category}.{spec.id.split('.', 1)[1]}"))
        module = KINDS[kind]
        groups = _pattern_groups(raw)
        for message in template_problems(spec.explain, module.FIELDS, groups):
            problems.append(doc.problem((*at, "explain"), f"rule {spec.id}: {message}",
                                        "fix the {field} names in `explain`"))
        for index, band in enumerate(spec.bands):
            for message in template_problems(band.explain or "", module.FIELDS, groups):
                problems.append(doc.problem((*at, "bands", index, "explain"),
                                            f"rule {spec.id}: {message}",
                                            "fix the {field} names in the band's `explain`"))
        yield spec, doc, at


def _pattern_groups(raw: Mapping[str, Any]) -> set[str]:
    names: set[str] = set()
    value = raw.get("pattern")
    for pattern in [value] if isinstance(value, str) else list(value or []):
        with contextlib.suppress(RegexError):  # reported by the kind, with the rule id
            names |= group_names(compile_re2(pattern))
    return names


def _spec(raw: Mapping[str, Any], doc: Located, at: tuple[str | int, ...]) -> RuleSpec:
    common = set(load_schema("rule-pack.schema.json")["$defs"]["rule"]["properties"])
    examples = raw["examples"]
    return RuleSpec(
        id=raw["id"], kind=raw["kind"], category=raw["category"], title=raw["title"],
        rationale=raw["rationale"].strip(), explain=raw["explain"],
        points=raw.get("points"), max_points=raw.get("max_points"),
        bands=tuple(Band(b["points"], b.get("at_least"), b.get("below"), b.get("explain"))
                    for b in raw.get("bands", [])),
        options={k: v for k, v in raw.items() if k not in common},
        examples_fire=tuple(Example.of(e) for e in examples["fires"]),
        examples_pass=tuple(Example.of(e) for e in examples["passes"]),
        path=doc.path, line=doc.where(at)[0], link=raw.get("link"))


def _example_name_problems(spec: RuleSpec, doc: Located,
                           at: tuple[str | int, ...]) -> list[Diagnostic]:
    """Example names are test ids: one name twice in a rule would hide one of them."""
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    for expect, examples in (("fires", spec.examples_fire), ("passes", spec.examples_pass)):
        for i, example in enumerate(examples):
            if example.name is None:
                continue
            if f"{expect}:{example.name}" in seen:
                problems.append(doc.problem((*at, "examples", expect, i, "name"),
                                            f"rule {spec.id}: two {expect} examples are named "
                                            f"{example.name!r}", "give each example its own name"))
            seen.add(f"{expect}:{example.name}")
    return problems


def _weighted(spec: RuleSpec, weights: Mapping[str, float]) -> RuleSpec:
    factor = weights.get(spec.id, weights.get(spec.category))
    if factor is None:
        return spec
    return replace(
        spec,
        points=None if spec.points is None else spec.points * factor,
        max_points=None if spec.max_points is None else spec.max_points * abs(factor),
        bands=tuple(replace(b, points=b.points * factor) for b in spec.bands))


def _load_scoring(path: Path | None, problems: list[Diagnostic]) -> ScoringConfig | None:
    if path is None:
        problems.append(Diagnostic.at(str(SHIPPED_RULES / SCORING_FILE), 1, 1,
                                "no scoring.yaml in any rule directory",
                                "restore rules/scoring.yaml (base, categories, bands)"))
        return None
    doc, errs = read_located(path)
    problems.extend(errs)
    if doc is None:
        return None
    errs = schema_problems(doc, load_schema("scoring.schema.json"))
    if errs:
        problems.extend(errs)
        return None
    data = doc.data
    return ScoringConfig(
        base=float(data["base"]),
        categories={name: CategoryCap(float(c["min"]), float(c["max"]), c.get("title", ""))
                    for name, c in data["categories"].items()},
        bands=tuple(sorted((ScoreBand(b["name"], float(b["at_least"]), b["meaning"])
                            for b in data["bands"]), key=lambda b: -b.at_least)))


def specs_by_category(specs: Sequence[RuleSpec]) -> dict[str, list[RuleSpec]]:
    out: dict[str, list[RuleSpec]] = {}
    for spec in specs:
        out.setdefault(spec.category, []).append(spec)
    return out
