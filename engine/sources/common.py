"""What every input format shares: the reason an input is unusable, decoding of bytes, and
turning clean fields into an ``Article`` (text sanitised so that no later stage can crash)."""

from __future__ import annotations

import codecs
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

from engine.model import Article, Positions
from engine.sources import limits


class Unusable(Exception):
    """An input cannot become an Article; ``reason`` says why (it ends up in ``skipped``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# Byte-order marks of the encodings whose text is full of NUL bytes, checked before the NUL
# probe so that a UTF-16 file saved by Windows Notepad is read, not called binary. UTF-32 first:
# its little-endian BOM begins with UTF-16's.
WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset_normalizer often cannot tell cp1252 (Western European) from its Central European and
# Baltic cousins on short texts, and may rank the wrong one first: French "très" read as cp1250
# comes out "trčs". When cp1252 reads the bytes (almost) as well as the top guess, take it: it is
# by far the most common legacy encoding of news text. The cost: Central European text whose
# letters cp1252 also happens to decode plausibly may be misread; such files are rare, and UTF-8
# is unaffected. Margins: charset_normalizer's own "too close to call" for coherence, and a
# looser one for chaos, where its scores for these near-identical decodings drift most.
_PREFERRED_LEGACY = ("cp1252", "latin_1")
_CLOSE_CHAOS = 0.05
_CLOSE_COHERENCE = 0.02
_REPLACEMENT = "\ufffd"


def too_large(size: int, limit: int, at_least: bool = False) -> str:
    amount = f"at least {size}" if at_least else str(size)
    return f"too large: {amount} bytes, over the limit of {limit} bytes"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes: (text with ``\\n`` line breaks, name of the encoding used).

    UTF-16/32 with a BOM, else strict UTF-8 (a BOM stripped), else charset_normalizer's best
    guess. Raises Unusable for binary data (a NUL byte in the first 8 KiB, or no encoding fits)
    and for empty or whitespace-only text.
    """
    text, encoding = _decode(data)
    if not text.strip():
        raise Unusable("empty file (no text)")
    return normalise_newlines(text), encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in WIDE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise Unusable(f"binary file (not valid {encoding} despite its BOM)") from None
    if b"\x00" in data[:limits.PROBE_BYTES]:
        raise Unusable("binary file (NUL bytes in the first 8 KiB)")
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return guess_decode(data)


def guess_decode(data: bytes) -> tuple[str, str]:
    """charset_normalizer's best decoding of bytes that are not UTF-8."""
    # Imported here: most inputs are UTF-8, and the import costs more than reading them.
    import charset_normalizer

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise Unusable("binary file (no text encoding fits its bytes)")
    encoding = _preferred_close_to(best, matches) or best.encoding
    return data.decode(encoding), encoding.replace("_", "-")


def _preferred_close_to(best: Any, matches: Iterable[Any]) -> str | None:
    """The first of _PREFERRED_LEGACY that decodes the bytes about as well as ``best``."""
    close = [match for match in matches
             if abs(match.chaos - best.chaos) < _CLOSE_CHAOS
             and abs(match.coherence - best.coherence) <= _CLOSE_COHERENCE]
    for preferred in _PREFERRED_LEGACY:
        if any(preferred in match.could_be_from_charset for match in close):
            return preferred
    return None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sanitise(text: str) -> str:
    """``text`` with every unpaired surrogate replaced by U+FFFD.

    JSON may spell a lone surrogate (``"\\ud800"``); Python keeps it in the string, but it has
    no UTF-8 form, so RE2 (which matches UTF-8) and every writer would fail on it.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join(_REPLACEMENT if "\ud800" <= ch <= "\udfff" else ch for ch in text)


def clean_value(value: Any, depth: int = 0) -> Any:
    """A metadata value made safe to keep and to write out as JSON.

    Strings are sanitised; NaN and infinities become their text ("nan"), which every report
    can write; nesting deeper than ``limits.MAX_DEPTH`` raises Unusable.
    """
    if depth > limits.MAX_DEPTH:
        raise Unusable(f"metadata nested deeper than {limits.MAX_DEPTH} levels")
    if isinstance(value, str):
        return sanitise(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dt.date):  # datetime included: dates are ISO text in every input
        return value.isoformat()
    if isinstance(value, Mapping):
        return {sanitise(str(key)): clean_value(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_value(item, depth + 1) for item in value]
    return value


def make_article(article_id: str, path: str, text: str, encoding: str, *, title: Any,
                 meta: Mapping[str, Any], fmt: str, positions: Positions = "file",
                 line_offset: int = 0, record_line: int | None = None,
                 origins: Mapping[str, str] | None = None) -> Article:
    """An Article with sanitised text, title and metadata (``outlet`` renamed ``source``)."""
    fields = clean_value(dict(meta))
    where = dict(origins or {})
    if "outlet" in fields and "source" not in fields:
        fields["source"] = fields.pop("outlet")
        if "outlet" in where:
            where["source"] = where.pop("outlet")
    return Article(id=sanitise(article_id), path=path, text=sanitise(text),
                   title=clean_title(title), meta=fields, encoding=encoding, format=fmt,
                   positions=positions, line_offset=line_offset, record_line=record_line,
                   origins=where)


def clean_title(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    title = sanitise(value if isinstance(value, str) else str(value))
    return " ".join(title.split()) or None


def one_line(message: str) -> str:
    return " ".join(message.split())
