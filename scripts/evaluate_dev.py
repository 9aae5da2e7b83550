"""The calibration figures on the labelled dev corpora (../shared/corpora/dev): a thin wrapper
that runs ``reliability evaluate`` on each corpus with its own label mapping.

Usage: python scripts/evaluate_dev.py [--corpora DIR] [--format table|markdown|json]
       [any other ``reliability evaluate`` option, e.g. --disable outlet]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from engine.cli_evaluate import evaluate_command

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "dev"
# corpus file -> (reliable labels, unreliable labels)
CORPORA = {
    "fakenewsnet_politifact_buzzfeed.jsonl": ("real", "fake"),
    "horne2017.jsonl": ("real", "fake,satire"),
    # Human originals against AI text that gives itself away (a disclaimer or a refusal).
    "llm_generated_news.jsonl": ("human", "ai_with_disclaimer,ai_refusal"),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    args, passthrough = parser.parse_known_args(argv)
    if not args.corpora.is_dir():
        print(f"no corpora at {args.corpora}", file=sys.stderr)
        return 2
    if "--as-of" not in passthrough:
        passthrough += ["--as-of", "2026-11-21"]
    for name, (reliable, unreliable) in CORPORA.items():
        print(f"# {name}: reliable = {reliable}; unreliable = {unreliable}", flush=True)
        try:
            evaluate_command([str(args.corpora / name), "--label", "label", "--reliable", reliable,
                 "--unreliable", unreliable, *passthrough], prog_name="reliability evaluate",
                standalone_mode=False)
        except SystemExit as exc:
            if exc.code:
                return int(exc.code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
