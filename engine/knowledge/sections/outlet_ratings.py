"""Section ``outlet-ratings``: a published table of news-domain ratings, kept in a CSV beside
the knowledge file so that ten thousand domains load in milliseconds.

Entry keys: ``id`` (short, e.g. ``lin2023``), ``title`` (how explanations name it: "Lin et al.
2023 aggregate"), ``citation``, ``date`` (when the ratings were published), ``scale``
(``low``, ``high``: the values of the worst and best rating), ``table`` (CSV file relative to
the knowledge file, header ``domain,rating``), ``sha256`` (of the table: a table edited without
regenerating its entry is caught, and the ruleset digest follows the table), plus ``sources``,
``verified`` and ``notes``. ``reliability kb import-outlets`` writes both files.

A bad table line (no domain, a rating that is not a number or is off the scale) is reported
as ``table.csv:line:col``; the other lines still load.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from engine.domains import is_host
from engine.errors import Diagnostic
from engine.knowledge import Section
from engine.knowledge.sections._fields import DATE, TEXT, EntryReader, entry_schema, slug_id
from engine.regex import compile_re2
from engine.yamlpos import Located, PathKey

NAME = "outlet-ratings"
TABLE_HEADER = ("domain", "rating")

ENTRY_SCHEMA: dict[str, Any] = entry_schema(
    {"id": slug_id("lin2023"),
     "title": TEXT, "citation": TEXT, "date": DATE,
     "scale": {"type": "object", "additionalProperties": False, "required": ["low", "high"],
               "properties": {"low": {"type": "number"}, "high": {"type": "number"}}},
     "table": {"type": "string", "pattern": r"^[\w.-]+\.csv$"},
     "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
    ["id", "title", "citation", "date", "scale", "table", "sha256"],
)


@dataclass(frozen=True)
class RatingSetInfo:
    """What the knowledge entry says about a table: its id, title, citation, scale, date
    (``kb import-outlets`` writes it before the table is read)."""

    id: str
    title: str
    citation: str
    date: str
    low: float
    high: float
    sources: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class RatingSet(RatingSetInfo):
    """One published rating table and the domain -> rating values it gives."""

    ratings: Mapping[str, float]
    origin: str


def table_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# What the importer writes: one ``domain,rating`` per line. A table that matches as a whole
# (one linear-time RE2 pass) is split without checking each line again, which keeps ten
# thousand domains to a few milliseconds at every start-up.
_WELL_FORMED_BODY = r"(?:[a-z0-9-]+(?:\.[a-z0-9-]+)+,\d+(?:\.\d+)?\n)*"


def read_table(path: Path, text: str, low: float, high: float,
               problems: list[Diagnostic]) -> dict[str, float]:
    """``domain -> rating`` of a table's text; every bad line becomes a located problem."""
    header, _, body = text.partition("\n")
    if (header.strip() == ",".join(TABLE_HEADER)
            and compile_re2(_WELL_FORMED_BODY).fullmatch(body) is not None):
        ratings = {domain: float(value)
                   for domain, _, value in (line.partition(",") for line in body.splitlines())}
        if all(low <= value <= high for value in ratings.values()):
            return ratings
    return _read_line_by_line(path, text, low, high, problems)


def _read_line_by_line(path: Path, text: str, low: float, high: float,
                       problems: list[Diagnostic]) -> dict[str, float]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != TABLE_HEADER:
        problems.append(Diagnostic.at(str(path), 1, 1, f"table header is {header!r}",
                                "the first line must be `domain,rating`"))
        return {}
    out: dict[str, float] = {}
    for row in reader:
        line = reader.line_num
        if len(row) != 2:
            problems.append(Diagnostic.at(str(path), line, 1, f"expected 2 fields, got {len(row)}",
                                    "write `domain,rating`"))
            continue
        domain = row[0].strip()
        if not is_host(domain):
            problems.append(Diagnostic.at(str(path), line, 1, f"{row[0]!r} is not a domain",
                                    "write a lower-case host name such as example.com"))
            continue
        try:
            value = float(row[1])
        except ValueError:
            value = float("nan")
        if not low <= value <= high:
            problems.append(Diagnostic.at(str(path), line, len(row[0]) + 2,
                                    f"rating {row[1]!r} is not a number in {low:g}..{high:g}",
                                    "fix the value or the entry's scale"))
            continue
        out[domain] = value
    return out


def build(raw: Mapping[str, Any], doc: Located, at: PathKey,
          problems: list[Diagnostic]) -> RatingSet | None:
    reader = EntryReader(raw, doc, at, problems)
    low, high = float(raw["scale"]["low"]), float(raw["scale"]["high"])
    if not low < high:
        reader.problem("scale", f"scale low {low:g} is not below high {high:g}",
                       "give the worst rating as low and the best as high")
        return None
    path = Path(doc.path).parent / raw["table"]
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        reader.problem("table", f"cannot read the table {path}: {exc.strerror or exc}",
                       "put the CSV beside the knowledge file, or regenerate both with "
                       "`reliability kb import-outlets`")
        return None
    if table_digest(text) != raw["sha256"]:
        reader.problem("sha256", f"{path.name} has changed since this entry was written "
                       f"(sha256 {table_digest(text)})",
                       "regenerate with `reliability kb import-outlets`, or write the new sha256")
        return None
    ratings = read_table(path, text, low, high, problems)
    return RatingSet(id=reader.text("id"), title=reader.text("title"),
                     citation=reader.text("citation"), date=reader.text("date"), low=low,
                     high=high, ratings=MappingProxyType(ratings), sources=reader.sources(),
                     origin=reader.origin)


RATING_SETS: Section[RatingSet] = Section(NAME, RatingSet)
