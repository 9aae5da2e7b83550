"""Anachronism checks: the article's facts do not fit its date, by the dated knowledge.

One module per check, registered in ``CHECKS`` below and nowhere else. A check module exposes
the same contract as a consistency check:

- ``NAME``: the value of the rule option ``check:`` that selects it;
- ``OPTIONS``: JSON Schema ``properties`` of its own rule keys, thresholds with their
  ``default`` (the rule schema is a discriminated ``oneOf``: beside ``check: NAME`` only that
  check's keys are valid);
- ``REQUIRED``: which of its keys a rule must give;
- ``build(options, env) -> Check | None``: compile the options once per run;
  ``Check.find(ctx)`` returns the article's ``Anachronism``s (``engine.anachronism.base``:
  the reference date, the shared ``Facts`` a finding quotes).

Vocabulary (historical framing, titles, countries) lives in ``rules/knowledge``, never here.
"""

from __future__ import annotations

from engine.anachronism import death, institution, role, stale
from engine.anachronism.base import AnachronismCheck
from engine.registry import by_name

CHECKS: dict[str, AnachronismCheck] = by_name(role, institution, death, stale)
