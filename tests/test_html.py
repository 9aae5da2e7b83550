"""The HTML scorecard without a browser: policy, escaping, highlights, committed seed report."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.report.html import _Mark, highlight, linkify
from tests.conftest import AS_OF, ROOT, SEEDS

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3",
                "p", "span", "code", "section", "div", "figure", "figcaption", "svg", "text",
                "rect", "line", "polyline", "ul", "ol", "li", "form", "label", "select",
                "option", "output", "table", "thead", "tbody", "tr", "th", "td", "a", "br",
                "dl", "dt", "dd", "pre", "strong", "mark", "script"}


class Collector(HTMLParser):
    """Every start tag with its attributes, script/style bodies, and the text of each span key."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self.span_text: dict[str, str] = {}
        self._stack: list[list[str]] = []
        self._in_raw: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in self.raw:
            self._in_raw = tag
        if tag == "mark":
            self._stack.append((attributes.get("data-spans") or "").split())

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._stack.pop()
        if tag == self._in_raw:
            self._in_raw = None

    def handle_data(self, data: str) -> None:
        if self._in_raw:
            self.raw[self._in_raw].append(data)
        for keys in self._stack:
            for key in keys:
                self.span_text[key] = self.span_text.get(key, "") + data


def parse(page: str) -> Collector:
    collector = Collector()
    collector.feed(page)
    collector.close()
    return collector


def score_cli(*args: str) -> str:
    """stdout of `reliability score ARGS --as-of AS_OF`, which must succeed."""
    result = CliRunner().invoke(main, ["score", *args, "--as-of", AS_OF],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def seeds_html() -> str:
    return score_cli(str(SEEDS), "--format", "html")


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return score_cli(str(HOSTILE), "--format", "html")


def test_committed_html_seed_report_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    committed = (ROOT / "reports" / "seeds.html").read_text(encoding="utf-8")
    assert score_cli("seeds", "--format", "html") == committed, \
        "reports/seeds.html is stale: run `make score`"


def _sha(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_policy_allows_only_the_pages_own_style_and_script(seeds_html: str) -> None:
    page = parse(seeds_html)
    assert page.tags[:3] == [("html", {"lang": "en"}), ("head", {}), ("meta", {"charset": "utf-8"})]
    tag, policy_meta = page.tags[3]
    assert tag == "meta" and policy_meta["http-equiv"] == "Content-Security-Policy"
    policy = dict(part.strip().split(" ", 1)
                  for part in (policy_meta["content"] or "").split(";"))
    assert policy["default-src"] == "'none'"
    (script,) = page.raw["script"]
    (style,) = page.raw["style"]
    assert policy["script-src"] == f"'sha256-{_sha(script)}'"
    assert policy["style-src"] == f"'sha256-{_sha(style)}'"
    # No inline handlers or style attributes (the policy would block them anyway).
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on") or a == "style"], (tag, attrs)
    assert not [attrs for tag, attrs in page.tags if attrs.get("src")]


def test_every_finding_span_is_highlighted_with_its_own_text(seeds_html: str) -> None:
    report = json.loads(score_cli(str(SEEDS), "--format", "json"))
    page = parse(seeds_html)
    expected = {}
    for rank, article in enumerate(report["articles"], start=1):
        for f, finding in enumerate(article["findings"]):
            for s, span in enumerate(finding["spans"]):
                expected[f"a{rank}-f{f}-s{s}"] = span["text"]
    assert len(expected) > 20
    assert page.span_text == expected
    anchors = [a["id"] for tag, a in page.tags if tag == "span" and a.get("class") == "anchor"]
    assert sorted(anchors) == sorted(expected)


def test_overlapping_spans_split_into_pieces_that_keep_each_span_whole() -> None:
    text = "one two three four"
    marks = [_Mark(0, 13, "a", "fa", "c0", "A", False),
             _Mark(4, 18, "b", "fb", "c1", "B <b>", False),
             _Mark(8, 13, "c", "fc", "c2", "C", True)]
    page = parse(highlight(text, marks))
    assert page.span_text == {"a": "one two three", "b": "two three four", "c": "three"}
    described = {a.get("aria-describedby") for tag, a in page.tags if tag == "mark"}
    assert described == {"fa", "fa fb", "fa fb fc", "fb"}


def test_hostile_article_stays_text(hostile_html: str) -> None:
    page = parse(hostile_html)
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    assert [tag for tag, _ in page.tags].count("script") == 1
    assert [tag for tag, _ in page.tags].count("style") == 1
    for _, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), name
            assert not (value or "").strip().lower().startswith("javascript:"), value
    assert "data-pwned" not in "".join(page.raw["script"])
    # The payloads are shown as text, escaped, where the article has them.
    assert "&lt;script&gt;document.body.setAttribute(&#x27;data-pwned&#x27;" in hostile_html
    assert "&lt;style&gt;body { display: none !important; }&lt;/style&gt;" in hostile_html


def test_only_http_links_become_links() -> None:
    out = linkify("see https://example.org/a?b=1&c=2. and javascript:alert(1) <x>")
    assert ('<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">'
            in out)
    assert out.endswith("and javascript:alert(1) &lt;x&gt;")
    assert re.findall(r"<a ", out) == ["<a "]


def test_knowledge_sources_in_messages_are_links(seeds_html: str) -> None:
    page = parse(seeds_html)
    links = [a["href"] for tag, a in page.tags if tag == "a" and (a.get("href") or "")
             .startswith("http")]
    assert any("trt.global" in (link or "") for link in links)


def test_html_writes_through_output_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["score", str(SEEDS), "--as-of", AS_OF, "--format", "html",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
