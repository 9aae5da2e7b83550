"""Property-based: hostile articles and mutated rule files never crash the command line.

Whatever hypothesis throws at ``reliability score`` (arbitrary unicode with lone surrogates and
control characters, JSON nested a thousand deep, 5,000-digit numbers, NaN, impossible dates,
random edits of the shipped rule files), the run ends with exit 0, 1 or 2, never a traceback,
and every input is accounted for: scored + skipped = given.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from engine.cli import main
from engine.ruleset import SHIPPED_RULES
from tests.conftest import AS_OF, ROOT

# No shrinking phase: a failure prints its (unshrunk) example; shrinking whole CLI runs can
# take many minutes on a loaded machine, and the runtime of the suite must stay bounded.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate]
SETTINGS = settings(max_examples=20, deadline=None, derandomize=True, phases=PHASES,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Every code point, surrogates and controls included: what a hostile file can hold.
any_text = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=300)
words = st.lists(st.sampled_from(["Officials", "said", "on", "Monday", "Observers", "believe",
                                  "President", "Bashar", "al-Assad", "2024", "1,000", "!",
                                  "\n", "\x1b[2J", "\u202e", "\ud800", "—", "AI-generated"]),
                 max_size=60).map(" ".join)
article_text = st.one_of(any_text, words)
# Raw JSON number tokens, put into the text after json.dumps (which cannot write them all).
huge_number = st.sampled_from(["9" * 5000, "-1e400", "NaN", "Infinity", "1e308"]).map(
    lambda token: f"@@RAW{token}@@")
odd_date = st.sampled_from(["2024-02-30", "0000-00-00", "9999-99-99", "yesterday", "", 20240230])


def _nested(depth: int) -> str:
    # As a raw token: json.dumps itself would hit the recursion limit near 1,000 levels.
    return "@@RAW" + "[" * depth + "]" * depth + "@@"


record = st.fixed_dictionaries(
    {"text": article_text},
    optional={"id": any_text, "title": article_text, "date": odd_date, "source": any_text,
              "count": huge_number, "deep": st.integers(1, 1500).map(_nested),
              "author": st.one_of(any_text, st.none(), st.integers())})


def _json(value: Any) -> str:
    # json.dumps escapes lone surrogates; raw tokens become bare 5,000-digit numbers, NaN, ...
    return re.sub(r'"@@RAW(.*?)@@"', r"\1", json.dumps(value))


@st.composite
def inputs(draw: st.DrawFn) -> list[tuple[str, bytes, int]]:
    """(file name, bytes, how many inputs it holds) for 1-4 files of assorted formats."""
    files = []
    for i in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["txt", "md", "json", "jsonl", "raw"]))
        if kind == "txt":
            data = draw(article_text).encode("utf-8", "surrogatepass")
            files.append((f"a{i}.txt", data, 1))
        elif kind == "md":
            front = draw(st.sampled_from(["title: x", "date: 2024-02-30", "a: &a [*a]",
                                          "x: [" * 50, "count: .nan", "t: \"\\ud800\""]))
            body = draw(article_text)
            files.append((f"a{i}.md", f"---\n{front}\n---\n{body}".encode("utf-8",
                                                                         "surrogatepass"), 1))
        elif kind == "json":
            files.append((f"a{i}.json", _json(draw(record)).encode(), 1))
        elif kind == "jsonl":
            records = draw(st.lists(record, min_size=1, max_size=4))
            lines = "\n".join(_json(r) for r in records) + "\n"
            files.append((f"a{i}.jsonl", lines.encode(), len(records)))
        else:
            files.append((f"a{i}.txt", draw(st.binary(max_size=200)), 1))
    return files


def _write(folder: Path, files: list[tuple[str, bytes, int]]) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data, _ in files:
        (folder / name).write_bytes(data)
    return sum(count for _, _, count in files)


def _check(exit_code: int, stdout: str, stderr: str, given_count: int | None) -> None:
    assert "Traceback" not in stdout + stderr, stderr[-2000:]
    assert exit_code in (0, 1, 2), (exit_code, stderr[-2000:])
    if exit_code == 0 or (given_count is not None and stdout.startswith("{")):
        report = json.loads(stdout)
        summary = report["summary"]
        if given_count is not None:
            assert summary["scored"] + summary["skipped"] == given_count, summary


@SETTINGS
@given(files=inputs())
def test_hostile_articles_never_crash_and_are_all_accounted_for(
        files: list[tuple[str, bytes, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        count = _write(Path(tmp) / "in", files)
        result = CliRunner().invoke(main, ["score", str(Path(tmp) / "in"), "--format", "json",
                                           "--as-of", AS_OF, "--quiet"])
    _check(result.exit_code, result.stdout, result.stderr, count)
    assert result.exit_code in (0, 2)  # no --fail-under: 2 only when nothing was scorable
    if result.exit_code == 2:
        assert "nothing was scored" in result.stderr


MUTATIONS = ["delete", "duplicate", "nan", "inf", "huge", "negative", "width", "alias",
             "garbage", "truncate", "string", "indent"]


def _mutate(text: str, how: str, at: int) -> str:
    lines = text.splitlines()
    i = at % len(lines)
    line = lines[i]
    if how == "delete":
        del lines[i]
    elif how == "duplicate":
        lines.insert(i, line)
    elif how in ("nan", "inf", "huge", "negative", "string"):
        value = {"nan": ".nan", "inf": "-.inf", "huge": "1" + "0" * 5000, "negative": "-7",
                 "string": "'seven'"}[how]
        numbers = [j for j, ln in enumerate(lines) if re.search(r":\s*-?\d+(\.\d+)?\s*$", ln)]
        if numbers:
            j = numbers[at % len(numbers)]
            lines[j] = re.sub(r"-?\d+(\.\d+)?\s*$", value, lines[j])
    elif how == "width":
        lines = [re.sub(r"\{count\}", "{count:>999999999}", ln) for ln in lines]
    elif how == "alias":
        lines.insert(0, "bomb: &a [" + ", ".join(["x"] * 10) + "]")
        for k in range(8):
            lines.insert(k + 1, f"b{k}: &b{k} [" + ", ".join([f"*{'a' if k == 0 else f'b{k-1}'}"]
                                                               * 10) + "]")
    elif how == "garbage":
        lines[i] = line[: len(line) // 2] + "\x00\x1b[2J: : - [{"
    elif how == "truncate":
        lines = lines[:i]
    elif how == "indent":
        lines[i] = "   " + line
    return "\n".join(lines) + "\n"


@st.composite
def mutated_rules(draw: st.DrawFn) -> list[tuple[str, str, int]]:
    packs = sorted(p.relative_to(SHIPPED_RULES).as_posix() for p in SHIPPED_RULES.rglob("*.yaml"))
    return draw(st.lists(st.tuples(st.sampled_from(packs), st.sampled_from(MUTATIONS),
                                   st.integers(0, 10_000)), min_size=1, max_size=3))


def _mutated_copy(base: Path, edits: list[tuple[str, str, int]]) -> Path:
    copy = base / "rules"
    shutil.copytree(SHIPPED_RULES, copy)
    for name, how, at in edits:
        path = copy / name
        path.write_text(_mutate(path.read_text(encoding="utf-8"), how, at), encoding="utf-8")
    return copy


SAMPLE = ('{"id": "one", "title": "T", "text": "Officials said on Monday that the plan was '
          'approved. Observers believe it will pass."}\n{"id": "two", "text": "Short."}\n')


@settings(max_examples=15, deadline=None, derandomize=True, phases=PHASES,
          suppress_health_check=[HealthCheck.too_slow])
@given(edits=mutated_rules())
def test_mutated_rule_files_give_located_errors_or_a_full_report(
        edits: list[tuple[str, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        rules = _mutated_copy(base, edits)
        (base / "in.jsonl").write_text(SAMPLE, encoding="utf-8")
        result = CliRunner().invoke(main, ["score", str(base / "in.jsonl"), "--rules",
                                           str(rules), "--format", "json", "--as-of", AS_OF,
                                           "--quiet"])
    _check(result.exit_code, result.stdout, result.stderr, 2)
    if result.exit_code == 2 and "problem(s)" in result.stderr:
        problems = [ln for ln in result.stderr.splitlines() if ": error: " in ln]
        assert problems and all(re.match(r"^.+:\d+(:\d+)?: error: ", ln) for ln in problems)


def test_real_processes_survive_hostile_inputs_and_rules(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    folder = tmp_path / "in"
    count = _write(folder, [
        ("deep.json", _json({"text": "Officials said.", "deep": _nested(1200)}).encode(), 1),
        ("nan.jsonl", b'{"text": "x said", "n": NaN}\n{"text": "\\ud800 said", "n": '
         + b"9" * 5000 + b"}\n", 2),
        ("ctl.txt", b"Officials said \x1b]8;;http://x\x1b\\ on Monday.", 1)])
    run = subprocess.run([sys.executable, "-m", "engine", "score", str(folder), "--format",
                          "json", "--as-of", AS_OF], capture_output=True, text=True, env=env,
                         check=False)
    _check(run.returncode, run.stdout, run.stderr, count)
    rules = _mutated_copy(tmp_path, [("scoring.yaml", "nan", 0), ("style.yaml", "alias", 0)])
    run = subprocess.run([sys.executable, "-m", "engine", "score", str(folder), "--rules",
                          str(rules), "--as-of", AS_OF], capture_output=True, text=True,
                         env=env, check=False)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "not finite" in run.stderr and "alias" in run.stderr
