"""Names imported at first use, written ``"module:attribute"``.

The command line, the report formats and the input parsers each pick one of several modules
per run; importing all of them up front is most of the start-up of a run served from the
cache. They name their choices with this, and import only the one they use.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any


@functools.cache
def imported(target: str) -> Any:
    """The attribute that ``"package.module:attribute"`` names, its module imported now."""
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)
