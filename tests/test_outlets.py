"""Outlet knowledge, resolution with evidence, the ``outlet`` kind and the ratings importer."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.domains import host_of, registrable_domain
from engine.knowledge.loader import load_knowledge
from engine.knowledge.sections.outlet_ratings import table_digest
from engine.model import Article, LineIndex, OutletInfo
from engine.outlet import resolve_outlet
from engine.pipeline import score_article
from engine.ruleset import Ruleset
from tests.conftest import AS_OF, ROOT, SEEDS, shared_path

KNOWLEDGE = ROOT / "rules" / "knowledge"


def _resolve(ruleset: Ruleset, text: str, **meta: Any) -> OutletInfo:
    return resolve_outlet(Article("t", "<test>", text, None, meta), ruleset.knowledge,
                          LineIndex(text))


def _seed(name: str) -> Path:
    return next(SEEDS.glob(f"{name}_*.txt"))


def _seed_outlet(ruleset: Ruleset, name: str) -> OutletInfo:
    path = _seed(name)
    text = path.read_text(encoding="utf-8")
    return _resolve(ruleset, text)


# --- seeds --------------------------------------------------------------------------------

def test_seed_002_resolves_to_nextfin_with_its_evidence(ruleset: Ruleset) -> None:
    info = _seed_outlet(ruleset, "002")
    claim = info.primary
    assert claim is not None
    assert claim.domain == "nextfin.ai"
    assert claim.span is not None
    text = _seed("002").read_text(encoding="utf-8")
    assert text[claim.span.start:claim.span.end] == claim.span.text
    assert claim.span.text == "Explore more exclusive insights at nextfin.ai"


def test_seed_001_resolves_to_its_self_identified_outlets(ruleset: Ruleset) -> None:
    info = _seed_outlet(ruleset, "001")
    found = {(c.name, c.via): c for c in info.claims}
    assert [c.name for c in info.claims] == ["Washington Insider Magazine",
                                             "russiaspivottoasia.com"]
    dateline = found[("Washington Insider Magazine", "dateline credit")]
    assert dateline.span is not None
    assert dateline.span.text.startswith("Damascus (Washington Insider Magazine)")
    credit = found[("russiaspivottoasia.com", "page or image credit")]
    assert credit.span is not None and credit.span.text == "Credit: russiaspivottoasia.com"
    assert credit.domain == "russiaspivottoasia.com"


def test_seed_000_quotes_an_outlet_but_names_no_publisher(ruleset: Ruleset) -> None:
    text = _seed("000").read_text(encoding="utf-8")
    assert "told The Media Line" in text
    assert _seed_outlet(ruleset, "000").primary is None


def test_unknown_outlet_is_said_in_the_scorecard() -> None:
    result = CliRunner().invoke(main, ["explain", str(_seed("000")), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    assert "- Outlet: unknown" in result.stdout
    result = CliRunner().invoke(main, ["score", str(_seed("000")), "--as-of", AS_OF,
                                       "--format", "json"])
    card = json.loads(result.stdout)["articles"][0]
    assert card["outlet"] == {"resolved": False, "claims": []}
    assert not any(f["category"] == "outlet" for f in card["findings"])


def test_resolved_outlet_is_in_the_markdown_scorecard() -> None:
    result = CliRunner().invoke(main, ["explain", str(_seed("002")), "--as-of", AS_OF])
    assert "- Outlet: nextfin.ai, from the promotion of the site's own pages" in result.stdout
    assert '"Explore more exclusive insights at nextfin.ai" (line 12:1)' in result.stdout


# --- domains, short links, aliases --------------------------------------------------------

@pytest.mark.parametrize(("value", "host", "registrable"), [
    ("http://author.addictinginfo.org/2016/09/x/", "author.addictinginfo.org",
     "addictinginfo.org"),
    ("https://www.Reuters.com:443/world", "reuters.com", "reuters.com"),
    ("news.bbc.co.uk", "news.bbc.co.uk", "bbc.co.uk"),
])
def test_hosts_and_registrable_domains(value: str, host: str, registrable: str) -> None:
    assert host_of(value) == host
    assert registrable_domain(host) == registrable


@pytest.mark.parametrize("value", ["Reuters", "", "not a url at all", "http://"])
def test_names_are_not_hosts(value: str) -> None:
    assert host_of(value) is None


@pytest.mark.parametrize(("meta", "domain", "name"), [
    ({"url": "http://politi.co/2cXzWzA"}, "politico.com", "Politico"),
    ({"url": "http://cnn.it/2dn1ZyV"}, "cnn.com", "CNN"),
    ({"url": "http://abcn.ws/2cVmGeK"}, "abcnews.go.com", "ABC News"),
    ({"url": "http://edition.cnn.com/2016/09/x"}, "edition.cnn.com", "CNN"),
    ({"url": "http://author.addictinginfo.org/2016/x"}, "addictinginfo.org",
     "addictinginfo.org"),
    ({"source": "The Associated Press"}, "apnews.com", "The Associated Press"),
    ({"publisher": {"@type": "Organization", "name": "Reuters"}}, "reuters.com", "Reuters"),
    ({"og:site_name": "Washington Insider Magazine"}, None, "Washington Insider Magazine"),
])
def test_metadata_resolution(ruleset: Ruleset, meta: dict[str, Any], domain: str | None,
                             name: str) -> None:
    claim = _resolve(ruleset, "The talks ended on Friday.", **meta).primary
    assert claim is not None
    assert (claim.domain, claim.name) == (domain, name)
    assert claim.via == f"metadata {next(iter(meta))}"
    assert claim.span is None


@pytest.mark.parametrize("url", ["https://www.facebook.com/somepage/posts/1",
                                 "https://goo.gl/abc", "https://t.co/xyz"])
def test_platform_links_name_no_publisher(ruleset: Ruleset, url: str) -> None:
    info = _resolve(ruleset, "WASHINGTON (Reuters) - The talks ended.", url=url)
    assert [(c.domain, c.via) for c in info.claims] == [("reuters.com", "dateline credit")]


@pytest.mark.parametrize("meta", [{"url": "javascript:alert(1)"}, {"url": "Reuters"},
                                  {"source": "javascript:alert('x')"}])
def test_unusable_metadata_names_no_outlet(ruleset: Ruleset, meta: dict[str, Any]) -> None:
    assert _resolve(ruleset, "The talks ended.", **meta).primary is None


def test_metadata_comes_before_the_text(ruleset: Ruleset) -> None:
    info = _resolve(ruleset, "WASHINGTON (Reuters) - The talks ended.",
                    url="https://eaglerising.com/1/x")
    assert [c.domain for c in info.claims] == ["eaglerising.com", "reuters.com"]


@pytest.mark.parametrize(("text", "domain", "via"), [
    ("WASHINGTON (Reuters) - The Senate passed the bill.", "reuters.com", "dateline credit"),
    ("The Senate passed the bill on Tuesday.\n— Reuters", "reuters.com", "sign-off"),
    ("By EagleRising.com\nThe foundation was accused.", "eaglerising.com",
     "byline naming a website"),
    ("Text.\n© 2017 ABC News", "abcnews.go.com", "copyright line"),
])
def test_self_identification(ruleset: Ruleset, text: str, domain: str, via: str) -> None:
    claim = _resolve(ruleset, text).primary
    assert claim is not None and (claim.domain, claim.via) == (domain, via)
    assert claim.span is not None and claim.span.text in text


@pytest.mark.parametrize("text", [
    "Col. Khaled Mansour told The Media Line that a deal would take years.",
    "According to Reuters, the talks ended without agreement.",
    "The full report is available at who.int and was published on Monday.",
    "The Senate passed the bill.\n— John Smith",
    "WASHINGTON - The Senate passed the bill on Tuesday.",
])
def test_quoted_outlets_and_people_are_not_the_publisher(ruleset: Ruleset, text: str) -> None:
    assert _resolve(ruleset, text).primary is None


# --- the outlet kind ----------------------------------------------------------------------

def test_rating_explanation_cites_value_source_and_scale(ruleset: Ruleset) -> None:
    article = Article("e", "<test>", "The foundation was accused of favours.", None,
                      {"url": "http://eaglerising.com/36899/charity/"})
    card = score_article(article, ruleset, dt.date(2026, 11, 21))
    finding = next(f for f in card.findings if f.category == "outlet")
    assert finding.message.startswith(
        "eaglerising.com: 0.25 on the Lin et al. 2023 aggregate (0 lowest, 1 highest), "
        "rated 2023-09")
    assert "metadata url" in finding.message
    lin = ruleset.knowledge.index("outlets.directory").ratings("eaglerising.com")[0]
    spec = ruleset.get("outlet.reputation")
    assert spec is not None
    band = spec.band_for(lin.normalised)
    assert band is not None and finding.points == band.points < 0
    assert card.subscores["outlet"] == finding.points


def test_well_rated_outlet_gains_points(ruleset: Ruleset) -> None:
    article = Article("r", "<test>", "The Senate passed the bill on Tuesday.", None,
                      {"url": "https://www.reuters.com/world/x"})
    card = score_article(article, ruleset, dt.date(2026, 11, 21))
    assert card.subscores["outlet"] > 0


def test_unrated_outlet_scores_nothing(ruleset: Ruleset) -> None:
    article = Article("u", "<test>", "The talks ended on Friday.", None,
                      {"url": "https://unrated-news-site.example.org/a"})
    card = score_article(article, ruleset, dt.date(2026, 11, 21))
    assert card.outlet is not None and card.outlet.primary is not None
    assert card.subscores["outlet"] == 0


# --- knowledge files and the importer -----------------------------------------------------

def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _rating_entry(table: str, sha: str) -> str:
    return (f"section: outlet-ratings\nentries:\n  - id: test\n    title: Test ratings\n"
            f"    citation: Test\n    date: '2024'\n    scale: {{low: 1, high: 5}}\n"
            f"    table: {table}\n    sha256: {sha}\n    sources: [https://example.org]\n"
            f"    verified: true\n")


def test_bad_table_lines_are_located(tmp_path: Path) -> None:
    table = "domain,rating\ngood.example.com,4\nBAD DOMAIN,3\nlow.example.com,9\n"
    _write(tmp_path / "t.csv", table)
    knowledge, problems = load_knowledge([_write(tmp_path / "t.yaml",
                                                 _rating_entry("t.csv", table_digest(table)))])
    where = sorted((Path(p.location.path).name, p.location.line) for p in problems)
    assert where == [("t.csv", 3), ("t.csv", 4)]
    assert knowledge.entries("outlet-ratings")[0].ratings == {"good.example.com": 4.0}


def test_edited_or_missing_table_is_caught(tmp_path: Path) -> None:
    _write(tmp_path / "t.csv", "domain,rating\na.example.com,4\n")
    _, problems = load_knowledge([_write(tmp_path / "t.yaml", _rating_entry("t.csv", "a" * 64))])
    assert len(problems) == 1 and "has changed" in problems[0].message
    assert problems[0].location.path.endswith("t.yaml") and problems[0].location.line > 1
    _, problems = load_knowledge([_write(tmp_path / "m.yaml", _rating_entry("m.csv", "a" * 64))])
    assert len(problems) == 1 and "cannot read the table" in problems[0].message


def test_bad_outlet_entries_are_located(tmp_path: Path) -> None:
    path = _write(tmp_path / "o.yaml", (
        "section: outlets\nentries:\n"
        "  - name: Shouty\n    domains: [Shouty.COM]\n    sources: [https://x.org]\n"
        "    verified: true\n"
        "  - name: Off scale\n    domains: [off.example.com]\n"
        "    ratings: [{value: 7, scale: {low: 0, high: 1}, source: X, date: '2024'}]\n"
        "    sources: [https://x.org]\n    verified: true\n"))
    _, problems = load_knowledge([path])
    assert [(p.location.line, "host name" in p.message or "scale" in p.message)
            for p in problems] == \
        [(4, True), (9, True)]


def test_import_any_domain_score_table(tmp_path: Path) -> None:
    source = _write(tmp_path / "scores.csv",
                    "site,score,other\nhttps://www.Example-News.com/,4.5,x\nfine.example.org,2,y\n"
                    "facebook.com/somepage,5,z\nnot a domain,3,z\nfine.example.org,1,dup\n"
                    "big.example.net,11,z\n")
    rules = tmp_path / "rules"
    (rules / "knowledge").mkdir(parents=True)
    out = rules / "knowledge" / "outlets.test.yaml"
    result = CliRunner().invoke(main, [
        "kb", "import-outlets", str(source), "-o", str(out), "--id", "test-set",
        "--title", "Test panel", "--citation", "A test panel (2024)", "--date", "2024",
        "--source", "https://example.org/panel", "--domain-column", "site",
        "--score-column", "score", "--low", "1", "--high", "5"])
    assert result.exit_code == 2  # some rows were rejected: a partial import is not "ok"
    rejected = [line for line in result.stderr.splitlines() if "row rejected" in line]
    assert [line.split(":")[1] for line in rejected] == ["4", "5", "6", "7"]
    assert out.with_suffix(".csv").read_text(encoding="utf-8") == \
        "domain,rating\nexample-news.com,4.5\nfine.example.org,2\n"

    # The imported set rates articles: 4.5 on 1..5 is 0.875 on 0..1.
    article = tmp_path / "a.json"
    article.write_text(json.dumps({"text": "The council met on Monday.",
                                   "url": "http://example-news.com/x"}), encoding="utf-8")
    scored = CliRunner().invoke(main, ["score", str(article), "--rules", str(rules),
                                       "--as-of", AS_OF, "--format", "json"])
    assert scored.exit_code == 0, scored.output
    finding = next(f for f in json.loads(scored.stdout)["articles"][0]["findings"]
                   if f["category"] == "outlet")
    assert finding["message"].startswith(
        "example-news.com: 4.50 on the Test panel (1 lowest, 5 highest)")
    assert finding["points"] > 0


def test_shipped_lin_table_is_a_faithful_import(tmp_path: Path) -> None:
    lin = shared_path("knowledge", "outlets", "lin2023_domain_ratings.csv")
    out = tmp_path / "outlets.lin2023.yaml"
    shipped = (KNOWLEDGE / "outlets.lin2023.yaml").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, [
        "kb", "import-outlets", str(lin), "-o", str(out), "--id", "lin2023",
        "--title", "x", "--citation", "x", "--date", "2023", "--source", "x",
        "--score-column", "pc1"])
    assert "wrote 11468 rating(s)" in result.stdout
    table = out.with_suffix(".csv").read_text(encoding="utf-8")
    assert table == (KNOWLEDGE / "outlets.lin2023.csv").read_text(encoding="utf-8")
    assert f"sha256: {table_digest(table)}" in shipped


def test_knowledge_override_replaces_the_shipped_table(tmp_path: Path) -> None:
    rules = tmp_path / "rules" / "knowledge"
    rules.mkdir(parents=True)
    table = "domain,rating\neaglerising.com,0.9\n"
    _write(rules / "outlets.lin2023.csv", table)
    shutil.copy(KNOWLEDGE / "outlets.lin2023.yaml", rules / "outlets.lin2023.yaml")
    text = (rules / "outlets.lin2023.yaml").read_text(encoding="utf-8")
    sha = next(line for line in text.splitlines() if "sha256:" in line)
    _write(rules / "outlets.lin2023.yaml", text.replace(sha, f"  sha256: {table_digest(table)}"))
    article = tmp_path / "a.json"
    article.write_text(json.dumps({"text": "Talks.", "url": "http://eaglerising.com/x"}),
                       encoding="utf-8")
    scored = CliRunner().invoke(main, ["score", str(article), "--rules", str(tmp_path / "rules"),
                                       "--as-of", AS_OF, "--format", "json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["articles"][0]["subscores"]["outlet"] > 0
