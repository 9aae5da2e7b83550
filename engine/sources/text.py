"""Plain text (``.txt``, ``.text``, stdin) and Markdown (``.md``, ``.markdown``) files.

Title: front matter ``title`` (Markdown), else a first-level ``# Heading`` (Markdown), else the
first-line heuristic of ``titles``; ``origins["title"]`` says which. Line numbers count in the
file: the lines of front matter are the article's ``line_offset``.
"""

from __future__ import annotations

from engine.model import Article
from engine.sources.common import Unusable, make_article
from engine.sources.front_matter import split_front_matter
from engine.sources.titles import first_line_title, markdown_heading


def parse_text(article_id: str, path: str, text: str, encoding: str) -> Article:
    title = first_line_title(text)
    origins = {"title": "first line"} if title else {}
    return make_article(article_id, path, text, encoding, title=title, meta={}, fmt="txt",
                        origins=origins)


def parse_markdown(article_id: str, path: str, text: str, encoding: str) -> Article:
    fields, body, offset = split_front_matter(text)
    if not body.strip():
        raise Unusable("empty file (front matter but no text)")
    origins = {key: "front matter" for key in fields}
    title = fields.pop("title", None)
    if title is None:
        title, how = markdown_heading(body), "markdown heading"
        if title is None:
            title, how = first_line_title(body), "first line"
        if title is not None:
            origins["title"] = how
    return make_article(article_id, path, body, encoding, title=title, meta=fields, fmt="md",
                        line_offset=offset, origins=origins)
