"""The shell around the engine: where reports go, what reaches a terminal, and exit codes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

import engine.pipeline
from engine.cli import main
from engine.report._shared import printable
from engine.report.write import OutputError, write_atomic
from tests.conftest import AS_OF, ROOT, SEEDS

ONE_SEED = str(SEEDS / "000_4bc2a55a7c4c4b04.txt")
CLEAR_SCREEN = "\x1b[2J"
OSC8_LINK = "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args])
    return result.exit_code, result.stdout, result.stderr


# --- -o: only regular files, through symlinks ------------------------------------------------


def test_output_onto_a_device_node_is_refused_and_the_node_untouched(tmp_path: Path) -> None:
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    before = os.stat(node)
    code, _, err = _run("score", ONE_SEED, "--as-of", AS_OF, "-o", str(node))
    assert code == 2
    assert "character device" in err and "regular file" in err
    after = os.stat(node)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert after.st_ino == before.st_ino
    assert sorted(os.listdir(tmp_path)) == ["null"]  # no .tmp left behind


def test_output_onto_a_fifo_or_directory_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = _run("score", ONE_SEED, "--as-of", AS_OF, "-o", str(fifo))
    assert code == 2 and "FIFO" in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    with pytest.raises(OutputError, match="directory"):
        write_atomic(tmp_path, "x")
    assert sorted(os.listdir(tmp_path)) == ["pipe"]


def test_output_through_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "report.json"
    link.symlink_to(fifo)
    with pytest.raises(OutputError, match="via a symlink"):
        write_atomic(link, "x")
    assert link.is_symlink() and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_onto_a_symlink_updates_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "latest.json"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(target)
    code, _, err = _run("score", ONE_SEED, "--as-of", AS_OF, "--format", "json",
                        "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["scored"] == 1
    assert sorted(os.listdir(target.parent)) == ["latest.json"]


def test_output_onto_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "report.md"
    link.symlink_to(tmp_path / "made.md")
    write_atomic(link, "hello\n")
    assert link.is_symlink() and (tmp_path / "made.md").read_text(encoding="utf-8") == "hello\n"


# --- terminal and markdown safety -------------------------------------------------------------


@pytest.fixture()
def hostile_article(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps({
        "id": f"id{CLEAR_SCREEN}", "title": f"Alert {CLEAR_SCREEN} {OSC8_LINK}",
        "text": f"Officials said on Monday the plan {CLEAR_SCREEN} was approved. "
                "Observers believe it will pass!"}), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["table", "lines", "markdown", "csv"])
def test_no_raw_escape_reaches_the_output(hostile_article: Path, fmt: str) -> None:
    code, out, _ = _run("score", str(hostile_article), "--as-of", AS_OF, "--format", fmt)
    assert code == 0
    assert "\x1b" not in out
    if fmt == "table":
        assert "Alert \\x1b[2J" in out  # shown, visibly, not run
    if fmt == "markdown":  # the same, with markdown's backslash escapes: renders as \x1b[2J
        assert "Alert \\\\x1b\\[2J" in out


def test_explain_output_has_no_raw_escape(hostile_article: Path) -> None:
    code, out, _ = _run("explain", str(hostile_article), "--as-of", AS_OF)
    assert code == 0 and "Alert" in out
    assert "\x1b" not in out


def test_markdown_of_a_path_with_newlines_and_script_renders_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "x\n\n<script>alert(1)\n\n"  # "/" would split the path
    folder.mkdir()
    (folder / "a.txt").write_text("Officials said on Monday it was fine.\n", encoding="utf-8")
    code, out, _ = _run("score", str(folder), "--as-of", AS_OF, "--format", "markdown")
    assert code == 0
    html = MarkdownIt("commonmark").render(out)  # how a markdown viewer would show it
    assert "<script" not in html and "&lt;script&gt;" in html
    path_lines = [line for line in out.splitlines() if line.startswith("- Path:")]
    assert len(path_lines) == 1 and "\\x0a\\x0a" in path_lines[0]
    assert path_lines[0].count("`") == 2  # one code span, opened and closed on the line


def test_printable_escapes_controls_bidi_and_surrogates() -> None:
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("x\u202ey\u2066") == "x\\u202ey\\u2066"
    assert printable("\ud800") == "\\ud800"
    assert printable("one\ntwo\tx", keep_newlines=True) == "one\ntwo\\x09x"
    assert printable("Größe – ok") == "Größe – ok"


# --- exit codes ----------------------------------------------------------------------------


def test_missing_path_exits_2_and_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = _run("score", ONE_SEED, str(missing), "--as-of", AS_OF)
    assert code == 2 and out == ""
    assert f"{missing}: no such file or directory" in err


def test_nothing_scorable_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, out, err = _run("score", str(tmp_path), "--as-of", AS_OF, "--format", "json")
    assert code == 2
    assert json.loads(out)["summary"] == {"scored": 0, "skipped": 1}  # the report still says why
    assert "nothing was scored" in err


def test_fail_under_names_each_article_below(tmp_path: Path) -> None:
    code, _, err = _run("score", str(SEEDS), "--as-of", AS_OF, "--fail-under", "40")
    assert code == 1
    named = [line for line in err.splitlines() if line.startswith("below --fail-under 40")]
    _, out, _ = _run("score", str(SEEDS), "--as-of", AS_OF, "--format", "json")
    below = {a["id"][:3] for a in json.loads(out)["articles"] if a["score"] < 40}
    assert {"003", "001"} <= below  # the AI-disclosed and the anachronistic seeds
    assert {line.split(": ")[1].split()[0][:3] for line in named} == below


def test_internal_error_exits_3_with_one_line_and_a_traceback_file(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(engine.pipeline, "score_article", broken)  # where scoring runs
    code, out, err = _run("score", ONE_SEED, "--as-of", AS_OF)
    assert code == 3 and out == ""
    assert len(err.strip().splitlines()) == 1 and "this is a bug" in err
    assert "Traceback" not in err
    saved = Path(err.split("traceback saved to ")[1].strip())
    try:
        assert "ZeroDivisionError: boom" in saved.read_text(encoding="utf-8")
    finally:
        saved.unlink()


def test_ctrl_c_exits_130_and_leaves_no_report(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine.pipeline, "score_article", interrupted)
    report = tmp_path / "report.md"
    code, _, err = _run("score", ONE_SEED, "--as-of", AS_OF, "-o", str(report))
    assert code == 130 and "interrupted" in err
    assert os.listdir(tmp_path) == []


def test_dash_h_is_help() -> None:
    code, out, _ = _run("score", "-h")
    assert code == 0 and "--fail-under" in out and "--quiet" in out


def test_real_process_exit_codes(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ok = subprocess.run([sys.executable, "-m", "engine", "score", ONE_SEED, "--as-of", AS_OF,
                         "--quiet"], capture_output=True, text=True, env=env, check=False)
    assert ok.returncode == 0 and ok.stderr == ""
    missing = subprocess.run([sys.executable, "-m", "engine", "score", str(tmp_path / "none")],
                             capture_output=True, text=True, env=env, check=False)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
