"""Who published an article, with the evidence: metadata first, else the article's own words.

Metadata is read defensively, since inputs differ in what they carry: a canonical URL (HTML
input), ``url``, ``source`` (a URL or a name), ``publisher`` (a name, or JSON-LD's
``{"name": ...}``), ``site_name`` / ``og:site_name``. Then the text's self-identifications
(knowledge section ``outlet-cues``: dateline credits, promotion lines, sign-offs, credits), in
cue order. An outlet the article merely quotes ("told The Media Line") is no cue's match.

Hosts and names are looked up in the outlet knowledge (``outlets.directory``): a short-link
or edition domain stands for its outlet's main domain (``cnn.it`` -> ``cnn.com``), a known name
for its outlet ("AP" -> apnews.com), any other host for its registrable domain.

Resolution runs once per article; ``outlet_of`` caches it on the article's context.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from engine.domains import host_of
from engine.knowledge import KnowledgeBase
from engine.knowledge.sections.outlet_cues import OUTLET_CUES, OutletCue
from engine.knowledge.sections.outlets import OUTLET_DIRECTORY, OutletDirectory, name_key
from engine.model import Article, LineIndex, OutletClaim, OutletInfo, Span
from engine.rule import ArticleContext, MemoKey

# Metadata keys in the order they are trusted: a page's own canonical URL names the publisher
# best; a free-text site name least. Both spellings of the HTML keys are read.
META_KEYS = ("canonical_url", "canonical", "og:url", "url", "source", "publisher", "site_name",
             "og:site_name")
URL_KEYS = frozenset({"canonical_url", "canonical", "og:url", "url"})
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
MAX_NAME = 80  # a longer "name" is prose that a cue caught by accident
OUTLET: MemoKey[OutletInfo] = MemoKey("outlet")
_EMPTY_DIRECTORY = OutletDirectory((), ())


def outlet_of(ctx: ArticleContext) -> OutletInfo:
    """The article's outlet, resolved on first use and cached on ``ctx``."""
    return ctx.cached(OUTLET, lambda: resolve_outlet(ctx.article, ctx.knowledge, ctx.index))


def resolve_outlet(article: Article, knowledge: KnowledgeBase, index: LineIndex) -> OutletInfo:
    directory = knowledge.indexed(OUTLET_DIRECTORY) or _EMPTY_DIRECTORY
    claims: list[OutletClaim] = []
    seen: set[str] = set()
    for claim in (*_from_metadata(article, directory),
                  *_from_text(article.text, knowledge.of(OUTLET_CUES), directory, index)):
        key = claim.domain or name_key(claim.name)
        if key not in seen:
            seen.add(key)
            claims.append(claim)
    return OutletInfo(tuple(claims))


def _meta_text(value: Any) -> str | None:
    """A metadata value as one string: JSON-LD objects give their name or URL, lists their
    first usable item."""
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("url") or value.get("@id")
    if isinstance(value, list | tuple):
        value = next((v for v in map(_meta_text, value) if v), None)
    if isinstance(value, str) and value.strip() and len(value.strip()) <= 2000:
        return value.strip()
    return None


def _from_metadata(article: Article, directory: OutletDirectory) -> Iterator[OutletClaim]:
    for key in META_KEYS:
        text = _meta_text(article.meta.get(key))
        # A URL field names a host or nothing; and no name starts with a scheme
        # ("javascript:..."): such a value is not an outlet, whatever the field.
        if text is not None and host_of(text) is None and (key in URL_KEYS
                                                           or _SCHEME.match(text)):
            continue
        if text is not None:
            # Where an HTML page's field came from ("link canonical", "json-ld publisher").
            origin = article.origins.get(key)
            via = f"metadata {key}" + (f" ({origin})" if origin else "")
            claim = _claim(text, directory, via, text, None, names="any")
            if claim is not None:
                yield claim


def _from_text(text: str, cues: tuple[OutletCue, ...], directory: OutletDirectory,
               index: LineIndex) -> Iterator[OutletClaim]:
    for cue in cues:
        offset, window = cue.window(text)
        for match in cue.regex.finditer(window):
            raw = match.group("outlet")
            if not raw:
                continue
            start, end = offset + match.start(), offset + match.end()
            # The evidence is the whole cue ("Explore more ... at nextfin.ai"), trimmed.
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            span = Span.of(text, start, end, index)
            claim = _claim(raw, directory, cue.via, span.text, span, cue.names)
            if claim is not None:
                yield claim


def _claim(raw: str, directory: OutletDirectory, via: str, evidence: str, span: Span | None,
           names: str) -> OutletClaim | None:
    """What ``raw`` (a URL, a domain or a name) identifies, or None when it identifies nothing
    (or, for ``names="known"``, nothing the knowledge knows)."""
    host = host_of(raw) if "." in raw else None
    if host is not None:
        domain, outlet = directory.domain_for_host(host)
        if outlet is not None and outlet.platform:
            return None  # a post or a link on a platform: its author is not known from the host
        return OutletClaim(outlet.name if outlet else domain, domain, via, evidence, span)
    name = " ".join(raw.split()).strip(" .,;:-–—")
    if not name or len(name) > MAX_NAME:
        return None
    outlet = directory.outlet_named(name)
    if outlet is not None:
        return OutletClaim(outlet.name, outlet.domain, via, evidence, span)
    if names == "known":
        return None
    return OutletClaim(name, None, via, evidence, span)
