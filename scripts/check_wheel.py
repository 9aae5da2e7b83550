"""CI check: the built wheel works outside the checkout and ranks the seeds as `make score` does.

Builds the wheel, installs it into a fresh virtual environment in a temporary folder, then, from
another temporary folder (no rules/ or config nearby), scores a copy of seeds/ and compares the
ranking (id, score, band, in order) with the committed reports/seeds.json, which a test keeps
equal to what `make score` writes. Exits 1 on any mismatch, naming it.

    python scripts/check_wheel.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-21"


def _run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(map(str, args))}\n"
                 f"{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return done.stdout


def _ranking(report: dict[str, object]) -> list[tuple[str, float, str]]:
    articles = report["articles"]
    assert isinstance(articles, list)
    return [(str(a["id"]), float(a["score"]), str(a["band"])) for a in articles]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="reliability-wheel-") as tmp:
        base = Path(tmp)
        dist = base / "dist"
        _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ROOT, cwd=base)
        wheel = next(dist.glob("*.whl"))
        env = base / "venv"
        venv.create(env, with_pip=True)
        _run(env / "bin" / "pip", "install", "-q", wheel, cwd=base)
        work = base / "elsewhere"
        shutil.copytree(ROOT / "seeds", work / "seeds")
        exe = env / "bin" / "reliability"
        version = _run(exe, "--version", cwd=work).strip()
        # --no-cache: a check must not write into (or read from) the user's scorecard cache.
        installed = json.loads(_run(exe, "score", "seeds", "--as-of", AS_OF, "--format", "json",
                                    "--no-cache", cwd=work))
        committed = json.loads((ROOT / "reports" / "seeds.json").read_text(encoding="utf-8"))
    got, want = _ranking(installed), _ranking(committed)
    if got != want:
        print(f"installed wheel ranks the seeds differently:\n  wheel: {got}\n  make score: "
              f"{want}", file=sys.stderr)
        return 1
    if installed["ruleset_digest"] != committed["ruleset_digest"]:
        print("installed wheel loaded different rules: digest "
              f"{installed['ruleset_digest']} != {committed['ruleset_digest']}", file=sys.stderr)
        return 1
    print(f"ok: {wheel.name} ({version}) installed outside the checkout ranks "
          f"{len(got)} seeds as make score does")
    return 0


if __name__ == "__main__":
    sys.exit(main())
