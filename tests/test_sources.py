"""engine.sources: every input becomes exactly one Article or one Skipped, with a reason."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from engine import sources
from engine.model import Article, Skipped
from engine.sources import iter_inputs, limits

LATIN1_TEXT = ("Le président a annoncé à Genève une réforme très attendue; les élèves "
               "et les employés étaient présents. L'été sera chaud, déjà dit-on.")


def run(*args: str) -> tuple[dict[str, Article], dict[str, Skipped]]:
    articles: dict[str, Article] = {}
    skipped: dict[str, Skipped] = {}
    for item in iter_inputs(list(args)):
        assert item.id not in articles and item.id not in skipped, f"duplicate id {item.id}"
        if isinstance(item, Article):
            articles[item.id] = item
        else:
            skipped[item.id] = item
    return articles, skipped


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    """A folder with one input of every kind the brief names."""
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (tmp_path / "empty.txt").write_bytes(b"  \n\t\n")
    (tmp_path / "latin.txt").write_bytes(LATIN1_TEXT.encode("cp1252"))
    (tmp_path / "story.md").write_text(
        "---\ntitle: A Title\ndate: 2025-12-23\noutlet: Example Times\ntags: [a, b]\n---\n"
        "Body text here.\n", encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({
        "id": "json-1", "title": "J", "text": "JSON body", "date": "2026-02-04",
        "source": "Wire", "author": "A. B.", "url": "https://example.org/x",
        "extra": {"k": [1, 2]}}), encoding="utf-8")
    (tmp_path / "many.jsonl").write_text(
        '{"id": "ok-1", "text": "first", "lang": "en"}\n'
        "\n"
        '{"id": "bad", "text": \n'
        '{"title": "no text here"}\n'
        '{"text": "fourth, no id"}\n', encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")  # unsupported: listed
    return tmp_path


def test_every_input_lands_in_articles_or_skipped(mixed: Path) -> None:
    articles, skipped = run(str(mixed))
    assert set(articles) == {"latin.txt", "story.md", "json-1", "ok-1", "many.jsonl:5"}
    assert set(skipped) == {"image.txt", "empty.txt", "many.jsonl:3", "many.jsonl:4",
                            "notes.csv"}
    assert skipped["notes.csv"].reason == "unsupported type .csv"
    assert skipped["image.txt"].reason.startswith("binary")
    assert skipped["empty.txt"].reason.startswith("empty")
    assert skipped["many.jsonl:3"].line == 3
    assert "invalid JSON" in skipped["many.jsonl:3"].reason
    assert skipped["many.jsonl:4"].line == 4
    assert "text" in skipped["many.jsonl:4"].reason
    for item in skipped.values():
        assert item.path.startswith(str(mixed))


def test_latin1_file_is_decoded_and_its_encoding_recorded(mixed: Path) -> None:
    articles, _ = run(str(mixed / "latin.txt"))
    article = articles["latin.txt"]
    assert article.text == LATIN1_TEXT
    assert article.encoding == "cp1252"
    assert article.title is None


def test_markdown_front_matter(mixed: Path) -> None:
    articles, _ = run(str(mixed / "story.md"))
    article = articles["story.md"]
    assert article.title == "A Title"
    assert article.text == "Body text here.\n"
    assert article.meta == {"date": "2025-12-23", "source": "Example Times", "tags": ["a", "b"]}


def test_json_record_fields(mixed: Path) -> None:
    articles, _ = run(str(mixed / "one.json"))
    article = articles["json-1"]
    assert (article.title, article.text, article.path) == ("J", "JSON body",
                                                          str(mixed / "one.json"))
    assert article.meta == {"date": "2026-02-04", "source": "Wire", "author": "A. B.",
                            "url": "https://example.org/x", "extra": {"k": [1, 2]}}


def test_jsonl_keeps_extra_fields_and_defaults_ids(mixed: Path) -> None:
    articles, _ = run(str(mixed / "many.jsonl"))
    assert articles["ok-1"].meta == {"lang": "en"}
    assert articles["many.jsonl:5"].text == "fourth, no id"


@pytest.mark.parametrize("front_matter", [
    "---\ntitle: [unclosed\n---\nbody\n",
    "---\ntitle: x\nbody without a closing fence\n",
    "---\n- a list\n- not a mapping\n---\nbody\n",
])
def test_broken_front_matter_is_skipped(tmp_path: Path, front_matter: str) -> None:
    path = tmp_path / "bad.md"
    path.write_text(front_matter, encoding="utf-8")
    _, skipped = run(str(path))
    assert skipped["bad.md"].reason.startswith("broken front matter")


def test_markdown_without_front_matter_is_all_text_titled_by_its_heading(
        tmp_path: Path) -> None:
    (tmp_path / "plain.md").write_text("# Heading\n\nBody.\n", encoding="utf-8")
    articles, _ = run(str(tmp_path / "plain.md"))
    assert articles["plain.md"].text == "# Heading\n\nBody.\n"
    assert articles["plain.md"].title == "Heading"
    assert articles["plain.md"].origins == {"title": "markdown heading"}


def test_walk_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a/b/c.md", "c.json", ".hidden.txt", ".git/x.txt",
                 "a-b.txt", "d/e.jsonl"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = '{"text": "x"}' if name.endswith(("json", "jsonl")) else "x"
        path.write_text(text, encoding="utf-8")
    ids = [item.id for item in iter_inputs([str(tmp_path)])]
    assert ids == ["a/b/c.md", "a/z.txt", "a-b.txt", "b.txt", "c.json", "d/e.jsonl:1"]


def test_file_argument_id_is_its_name_and_path_as_given(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("hello", encoding="utf-8")
    folder_arg = str(tmp_path / "sub")
    [from_folder] = iter_inputs([folder_arg])
    [from_file] = iter_inputs([os.path.join(folder_arg, "x.txt")])
    assert (from_folder.id, from_folder.path) == ("x.txt", os.path.join(folder_arg, "x.txt"))
    assert (from_file.id, from_file.path) == ("x.txt", os.path.join(folder_arg, "x.txt"))


def test_explicit_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    (tmp_path / "notes.log").write_text("plain words", encoding="utf-8")
    articles, _ = run(str(tmp_path / "notes.log"))
    assert articles["notes.log"].text == "plain words"


def test_stdin_is_one_text_article() -> None:
    [item] = iter_inputs(["-"], stdin=io.StringIO("From stdin.\r\nSecond line."))
    assert isinstance(item, Article)
    assert (item.id, item.path, item.text, item.title) == ("-", "<stdin>",
                                                           "From stdin.\nSecond line.", None)


def test_stdin_bytes_are_decoded_like_a_file() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(LATIN1_TEXT.encode("cp1252")), encoding="utf-8")
    [item] = iter_inputs(["-"], stdin=stdin)
    assert isinstance(item, Article)
    assert (item.text, item.encoding) == (LATIN1_TEXT, "cp1252")


def test_empty_stdin_is_skipped() -> None:
    [item] = iter_inputs(["-"], stdin=io.StringIO("   \n"))
    assert isinstance(item, Skipped)
    assert item.reason.startswith("empty")


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_BYTES", 10)
    (tmp_path / "big.txt").write_text("x" * 11, encoding="utf-8")
    (tmp_path / "small.txt").write_text("x" * 10, encoding="utf-8")
    articles, skipped = run(str(tmp_path))
    assert set(articles) == {"small.txt"}
    assert "11 bytes" in skipped["big.txt"].reason
    assert "10 bytes" in skipped["big.txt"].reason


def test_stdin_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_BYTES", 10)
    [item] = iter_inputs(["-"], stdin=io.StringIO("y" * 50))
    assert isinstance(item, Skipped)
    assert "limit of 10 bytes" in item.reason


def test_duplicate_ids_get_suffixes(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    for folder in ("one", "two"):
        (tmp_path / folder / "same.txt").write_text("text", encoding="utf-8")
    (tmp_path / "recs.jsonl").write_text(
        '{"id": "same.txt", "text": "a"}\n{"id": "same.txt#2", "text": "b"}\n', encoding="utf-8")
    items = list(iter_inputs([str(tmp_path / "one"), str(tmp_path / "two"),
                              str(tmp_path / "recs.jsonl")]))
    assert [item.id for item in items] == ["same.txt", "same.txt#2", "same.txt#3",
                                           "same.txt#2#2"]
    assert items[1].path == str(tmp_path / "two" / "same.txt")


def test_missing_file_is_skipped_with_the_os_error(tmp_path: Path) -> None:
    _, skipped = run(str(tmp_path / "gone.txt"))
    assert "No such file" in skipped["gone.txt"].reason


def test_broken_link_in_a_folder_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    _, skipped = run(str(tmp_path))
    assert "No such file" in skipped["dangling.txt"].reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads files whatever their permissions")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    _, skipped = run(str(path))
    assert "Permission denied" in skipped["locked.txt"].reason


def test_utf8_bom_is_stripped_and_crlf_normalised(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfline one\r\nline two\r")
    articles, _ = run(str(tmp_path))
    assert articles["bom.txt"].text == "line one\nline two\n"
    assert articles["bom.txt"].encoding == "utf-8"


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    (tmp_path / "wide.txt").write_bytes("Zürich news".encode("utf-16"))
    articles, _ = run(str(tmp_path))
    assert articles["wide.txt"].text == "Zürich news"


@pytest.mark.parametrize(("line", "reason_part"), [
    ("[1, 2]", "JSON object"),
    ('{"text": 5}', "must be a string"),
    ('{"text": "   "}', "empty"),
])
def test_bad_jsonl_records(tmp_path: Path, line: str, reason_part: str) -> None:
    (tmp_path / "r.jsonl").write_text("\n" + line + "\n", encoding="utf-8")
    _, skipped = run(str(tmp_path / "r.jsonl"))
    assert reason_part in skipped["r.jsonl:2"].reason
    assert skipped["r.jsonl:2"].line == 2


def test_json_file_that_is_not_an_object_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text('[{"text": "a"}]', encoding="utf-8")
    _, skipped = run(str(tmp_path))
    assert "JSON object" in skipped["list.json"].reason


def test_os_error_while_reading_is_skipped_with_it(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("fine", encoding="utf-8")

    def refuse(path: str, mode: str = "r") -> None:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(sources, "open", refuse, raising=False)  # the package's own open()
    _, skipped = run(str(tmp_path))
    assert skipped["a.txt"].reason == "cannot read: Permission denied"
