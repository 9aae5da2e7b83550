"""The HTML scorecard in a real browser: headless Chromium over the DevTools protocol.

Skips with the reason when Debian's ``chromium`` is not installed (``.ci/run`` installs it
where it can). Checks what only a browser can: the highlights as rendered, the sort script,
and that a hostile article runs nothing (no console message, no DOM change).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cdp import Browser, Page, find_chromium
from tests.conftest import SEEDS
from tests.test_html import HOSTILE, score_cli


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does it "
                    "when it runs as root)")
    chromium = Browser(executable, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chromium
    finally:
        chromium.close()


def _open(browser: Browser, html: str, folder: Path) -> Page:
    page_file = folder / "report.html"
    page_file.write_text(html, encoding="utf-8")
    return browser.open(page_file.as_uri())


def test_highlights_sorting_and_screenshot(browser: Browser, tmp_path: Path) -> None:
    report = json.loads(score_cli(str(SEEDS), "--format", "json"))
    page = _open(browser, score_cli(str(SEEDS), "--format", "html"), tmp_path)
    spans = {f"a{rank}-f{f}-s{s}": span["text"]
             for rank, article in enumerate(report["articles"], start=1)
             for f, finding in enumerate(article["findings"])
             for s, span in enumerate(finding["spans"])}
    shown = page.evaluate("""(() => {
        const text = {};
        for (const mark of document.querySelectorAll('mark.hl')) {
          for (const key of mark.dataset.spans.split(' ')) {
            text[key] = (text[key] || '') + mark.textContent;
          }
        }
        return text; })()""")
    assert len(spans) > 20
    assert shown == spans
    # Every highlight is visibly coloured (the stylesheet applied under the policy).
    colours = page.evaluate("""[...new Set([...document.querySelectorAll('mark.hl')]
        .map(m => getComputedStyle(m).backgroundColor))]""")
    assert len(colours) >= 4 and "rgba(0, 0, 0, 0)" not in colours

    def column(key: str) -> list[str]:
        return list(page.evaluate(f"""[...document.querySelectorAll('#ranking tbody tr')]
            .map(r => r.getAttribute('data-{key}'))"""))

    ranked = [float(x) for x in column("score")]
    assert ranked == sorted(ranked, reverse=True)
    page.evaluate("document.querySelector('th[data-key=score] button').click()")
    ascending = [float(x) for x in column("score")]
    assert ascending == sorted(ranked)
    page.evaluate("document.querySelector('th[data-key=id] button').click()")
    assert column("id") == sorted(column("id"))
    assert page.evaluate("document.querySelector('th[data-key=id]').getAttribute('aria-sort')"
                         ) == "ascending"
    # A filter hides the rows and sections of other bands.
    page.evaluate("""(() => { const s = document.querySelector('select[data-filter=band]');
        s.value = 'unreliable'; s.dispatchEvent(new Event('change')); })()""")
    visible = page.evaluate("""[...document.querySelectorAll('#ranking tbody tr')]
        .filter(r => !r.hidden).map(r => r.getAttribute('data-band'))""")
    expected = [a["band"] for a in report["articles"] if a["band"] == "unreliable"]
    assert visible == expected and expected
    hidden_sections = page.evaluate("document.querySelectorAll('section.article[hidden]').length")
    assert hidden_sections == len(report["articles"]) - len(expected)
    shot = page.screenshot()
    assert shot.startswith(b"\x89PNG") and len(shot) > 10_000
    (tmp_path / "report.png").write_bytes(shot)
    assert page.messages() == []


def test_hostile_article_runs_nothing(browser: Browser, tmp_path: Path) -> None:
    page = _open(browser, score_cli(str(HOSTILE), "--format", "html"), tmp_path)
    before = page.evaluate("document.documentElement.outerHTML")
    # Hover every highlight and link in the article text: no handler may fire.
    page.evaluate("""document.querySelectorAll('.article *').forEach(el => {
        el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); })""")
    time.sleep(0.5)
    assert page.messages() == []
    assert page.evaluate("document.documentElement.outerHTML") == before
    assert page.evaluate("document.body.hasAttribute('data-pwned')") is False
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("document.images.length") == 0
    assert page.evaluate("document.querySelectorAll('[style], [onerror], [onload], "
                         "[onmouseover], a[href^=javascript]').length") == 0
    assert page.evaluate("getComputedStyle(document.body).display") == "block"
    text = page.evaluate("document.querySelector('.article-text').textContent")
    assert "<script>document.body.setAttribute('data-pwned','script')</script>" in text
    assert "<style>body { display: none !important; }</style>" in text
    title = page.evaluate("document.querySelector('.article h2').textContent")
    assert "<script>" in title
