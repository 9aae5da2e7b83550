"""Host names of news sites: normalised, and cut down to the registrable domain.

``edition.cnn.com`` and ``author.addictinginfo.org`` are pages of ``cnn.com`` and
``addictinginfo.org``; ``bbc.co.uk`` is registrable as a whole. Where a name ends is decided by
the Public Suffix List snapshot bundled with ``tldextract``, never fetched: scoring makes no
network calls.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import urlsplit

# A bare domain as articles and metadata write it ("nextfin.ai", "www.EagleRising.com/page").
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$")


@cache
def _extractor() -> Any:
    # Imported on first use: tldextract pulls in an HTTP stack that costs a second of start-up,
    # and most runs never need it (only a host absent from the outlet knowledge does).
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def is_host(text: str) -> bool:
    """Whether ``text`` is already a normalised host name (lower case, no scheme or path)."""
    return _DOMAIN.match(text) is not None


def host_of(value: str) -> str | None:
    """The normalised host of a URL or bare domain (lower case, no ``www.``, port or dot at
    the end); None when ``value`` is neither."""
    text = value.strip()
    if not text or any(ch.isspace() for ch in text):
        return None
    if "://" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return None
    host = host.rstrip(".").removeprefix("www.")
    return host if is_host(host) else None


def registrable_domain(host: str) -> str:
    """``host`` cut to the registrable domain (``edition.cnn.com`` -> ``cnn.com``); the host
    itself when the suffix list does not know its ending."""
    found = _extractor()(host)
    return str(found.top_domain_under_public_suffix or host)


def candidate_hosts(host: str) -> Iterator[str]:
    """``host``, then each parent down to its registrable domain, most specific first:
    ``news.example.co.uk``, ``example.co.uk``."""
    yield host
    floor = registrable_domain(host)
    labels = host.split(".")
    for i in range(1, len(labels)):
        parent = ".".join(labels[i:])
        if len(parent) < len(floor):
            return
        yield parent
