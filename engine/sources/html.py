"""HTML pages (``.html``, ``.htm``): the article's main text and its metadata.

A page saved from a news site is mostly navigation, adverts and links; only its article text is
scored. ``trafilatura`` extracts that main text (paragraphs separated by blank lines); line:col
of findings then count in the extracted text, not in the markup, and the article says so
(``positions: extracted``).

Metadata, each field recorded in ``origins`` with where it came from, first source wins:

* title: JSON-LD ``headline`` (of a NewsArticle, Article, BlogPosting...), ``og:title``,
  ``<title>``;
* author: JSON-LD ``author`` (names joined with ", "), ``<meta name="author">``,
  ``article:author``;
* publisher (kept as ``source``, what outlet checks read): JSON-LD ``publisher.name``,
  ``og:site_name``;
* url: ``<link rel="canonical">``, ``og:url``, JSON-LD ``url``;
* date: JSON-LD ``datePublished``, ``article:published_time``, else ``htmldate`` (which reads
  ``<time datetime>``, other markup and the URL; no guessing from the body text). The date
  source of such an article is ``html``.

A page with no extractable text is skipped with that reason.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import lxml.etree
import lxml.html

from engine.model import Article
from engine.sources.common import Unusable, make_article, one_line
from engine.sources.records import loads

# trafilatura and htmldate log warnings about odd markup; with no handler, Python would print
# them on stderr in the middle of a report. The findings and skips are the report.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

_ARTICLE_TYPES = frozenset({
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "socialmediaposting",
    "webpage", "liveblogposting", "scholarlyarticle", "report",
})
_MAX_JSON_LD_OBJECTS = 200  # a page with more is not worth walking further


def parse_html(article_id: str, path: str, text: str, encoding: str) -> Article:
    """The article in an HTML page; raises Unusable when it has no main text."""
    tree = _tree(text)
    fields: dict[str, str] = {}
    origins: dict[str, str] = {}

    def take(key: str, value: Any, origin: str) -> None:
        cleaned = one_line(value) if isinstance(value, str) else ""
        if cleaned and key not in fields:
            fields[key] = cleaned
            origins[key] = origin

    ld = _json_ld_article(tree)
    meta = _meta_tags(tree)
    take("title", ld.get("headline"), "json-ld headline")
    take("title", meta.get("og:title"), "meta og:title")
    take("title", tree.findtext(".//title"), "html title")
    take("author", _names(ld.get("author")), "json-ld author")
    take("author", meta.get("author"), "meta author")
    take("author", meta.get("article:author"), "meta article:author")
    take("source", _names(ld.get("publisher")), "json-ld publisher")
    take("source", meta.get("og:site_name"), "meta og:site_name")
    take("site_name", meta.get("og:site_name"), "meta og:site_name")
    take("url", _canonical(tree), "link canonical")
    take("url", meta.get("og:url"), "meta og:url")
    take("url", ld.get("url") if isinstance(ld.get("url"), str) else None, "json-ld url")
    take("date", ld.get("datePublished"), "json-ld datePublished")
    take("date", meta.get("article:published_time"), "meta article:published_time")
    if "date" not in fields:
        take("date", _htmldate(text), "htmldate")
    body = _main_text(text)
    title = fields.pop("title", None)
    return make_article(article_id, path, body, encoding, title=title, meta=fields, fmt="html",
                        positions="extracted", origins=origins)


def _tree(text: str) -> Any:
    try:
        # Bytes, so that an XML declaration with an encoding is not refused for a str.
        return lxml.html.document_fromstring(text.encode("utf-8"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise Unusable(f"not an HTML page: {one_line(str(exc)) or 'no markup'}") from None


def _main_text(text: str) -> str:
    # trafilatura and htmldate take ~0.3 s to import: only runs that meet an HTML page pay it
    # (a fully cached run of JSONL input spends most of its time on imports otherwise).
    import trafilatura

    try:
        body = trafilatura.extract(text, include_comments=False, include_tables=False,
                                   deduplicate=False)
    except (ValueError, TypeError, lxml.etree.LxmlError, RecursionError) as exc:
        raise Unusable(f"HTML page unreadable: {one_line(str(exc))}") from None
    if not body or not body.strip():
        raise Unusable("HTML page without article text (nothing extractable)")
    # trafilatura separates paragraphs by single line breaks; a blank line between them
    # makes paragraphs visible to every paragraph-aware rule, as in a text file.
    return "\n\n".join(line.strip() for line in body.split("\n") if line.strip()) + "\n"


def _htmldate(text: str) -> str | None:
    import htmldate

    try:
        found = htmldate.find_date(text, extensive_search=False, original_date=True)
    except (ValueError, TypeError, lxml.etree.LxmlError, RecursionError, OverflowError):
        return None
    return found if isinstance(found, str) else None


def _meta_tags(tree: Any) -> dict[str, str]:
    """``<meta>`` values by lower-cased ``name`` or ``property``, first one of each kept."""
    tags: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        content = element.get("content")
        if key and isinstance(content, str) and content.strip():
            tags.setdefault(key, content)
    return tags


def _canonical(tree: Any) -> str | None:
    for element in tree.iter("link"):
        if "canonical" in (element.get("rel") or "").lower().split():
            href = element.get("href")
            return href if isinstance(href, str) else None
    return None


def _json_ld_article(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object of an article type (NewsArticle...), or {}."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = loads(script.text or "")
        except Unusable:
            continue  # a broken block of metadata is not a broken article
        for obj in _objects(data):
            types = obj.get("@type")
            names = types if isinstance(types, list) else [types]
            if any(isinstance(name, str) and name.lower() in _ARTICLE_TYPES for name in names):
                return obj
    return {}


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    """JSON-LD objects at the top, in lists and in ``@graph``, breadth first, bounded."""
    queue = [data]
    seen = 0
    while queue and seen < _MAX_JSON_LD_OBJECTS:
        item = queue.pop(0)
        if isinstance(item, list):
            queue.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        seen += 1
        yield item
        graph = item.get("@graph")
        if isinstance(graph, list):
            queue.extend(graph)


def _names(value: Any) -> str | None:
    """A JSON-LD person or organisation (a name, an object with ``name``, or a list)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else None
    if isinstance(value, list):  # one level: a list of names or of objects with a name
        names = [name for name in (_names(item) for item in value[:20]
                                   if isinstance(item, str | dict)) if name]
        return ", ".join(names) or None
    return None
