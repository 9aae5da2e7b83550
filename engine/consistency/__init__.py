"""Internal-consistency checks: places in one article that cannot all be true.

One module per check, registered in ``CHECKS`` below and nowhere else. A check module exposes:

- ``NAME``: the value of the rule option ``check:`` that selects it;
- ``OPTIONS``: JSON Schema ``properties`` of its own rule keys, thresholds with their
  ``default`` (the rule schema is a discriminated ``oneOf``: beside ``check: NAME`` only that
  check's keys are valid);
- ``REQUIRED``: which of its keys a rule must give;
- ``build(options, env) -> Check | None``: compile the options once per run, reporting problems
  through ``env.problem``; ``Check.find(ctx)`` returns the article's ``Conflict``s
  (``engine.consistency.base``), each quoting every side with its character range.

Data (titles, country words, outlet patterns, confusions, claims) lives in rule options or in
``rules/knowledge``, never in these modules.
"""

from __future__ import annotations

from engine.consistency import (
    dateline_conflict,
    event_after_publication,
    false_claim,
    host_conflict,
    known_confusion,
    number_conflict,
    outlet_conflict,
    role_conflict,
    weekday_mismatch,
)
from engine.consistency.base import ConsistencyCheck
from engine.registry import by_name

CHECKS: dict[str, ConsistencyCheck] = by_name(
    role_conflict, host_conflict, dateline_conflict, weekday_mismatch, event_after_publication,
    outlet_conflict, number_conflict, known_confusion, false_claim
)
