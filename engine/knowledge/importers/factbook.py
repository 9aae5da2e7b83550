"""``--format factbook``: the CIA World Factbook executive timeline (public domain).

Input: ``factbook_executive_timeline.csv`` with columns code, country, field, text,
first_seen, last_seen, superseded_on: one row per distinct "chief of state" / "head of
government" text, seen weekly from 2020-11-26. A text lists people as
``Title Given Names SURNAME (since 5 July 2024)``, separated by ``;``.

What the importer makes of it:

- each ``;`` part with a name in capitals becomes a mention: the words before the given names
  are the title, mapped onto a role (``Vocabulary.roles_for``); "King and Prime Minister" holds
  both; "represented by Governor-General ..." is the governor-general; notes, "vacant" and
  parts without a name in capitals (the Syrian "Ahmad al-Shara'" row) are skipped;
- names become title case ("Keir STARMER" -> "Keir Starmer", "CHARLES III" -> "Charles III");
  a long name also gets "First SURNAME" as an alias;
- one tenure per (country, role, person, since date): start is the "since" date, end the day
  the text changed to one without the person (``superseded_on``), or the successor's own
  "since" date when it falls between the last sighting and that change;
- a "since" date that the table itself contradicts (Romania's "since 23 June 2005" for 2025,
  while the predecessor was still listed) is replaced by the predecessor's last sighting and
  the fault is counted in ``skipped``;
- the code is the Factbook's GEC code (``countries`` ``gec``); entities that are not countries
  (oceans, "world", territories not in ``countries``) are skipped.

Coverage: heads of state and government of every listed country, 2020-11-26 to the last
snapshot, and each post further back to the "since" date of the holders listed on the first
snapshot (``_reach_back``). Absence after the last snapshot is unknown.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from engine.knowledge.entries import FuzzyDate
from engine.knowledge.importers import (
    ImportResult,
    Vocabulary,
    clean_text,
    rejected_row,
    table_rows,
    text_date,
)

FORMAT = "factbook"
SOURCE = {
    "source_id": "factbook",
    "title": "CIA World Factbook, chief of state and head of government (weekly 2020-2026)",
    "licence": "public domain (US government work)",
    "url": "https://github.com/factbook/factbook.json",
}
FIRST_SNAPSHOT = "2020-11-26"
# Similarity (difflib ratio) above which two names of one post and "since" day are one person.
RESPELLED = 0.6
HEAD_ROLES = ["president", "prime-minister", "chancellor", "monarch", "governor-general",
              "head-of-state", "head-of-government", "supreme-leader"]
# Words that belong to a title or an honorific, never to a person's given names.
_TITLE_TEXT = """president prime minister ministers king queen emir amir sultan grand
duke duchess prince princess supreme leader chancellor federal premier chairman chairwoman
chairperson chair chief executive governor governor-general general acting interim
transitional transition vice first second deputy state counsellor counselor co-prince captain
captains regent regents head of the government council presidency presidential sovereign
military junta crown emperor pope holy father secretary taoiseach lieutenant colonel col col.
gen gen. lt lt. maj maj. brig brig. field marshal dame sir dr dr. his her majesty highness
heir apparent commission affairs people's assembly commander-in-chief and mayor national
union transitional administrator commissioner representative interior defence defense
foreign sheikh"""
TITLE_WORDS = frozenset(_TITLE_TEXT.split())
# The date may close the part: "(since 24 November 2015; resigned ...)" is cut at the ";"
# before the part is read.
_SINCE = re.compile(r"\(\s*(?:[a-z ]*?)since ([^);]+?)\s*(?:[;)]|$)", re.IGNORECASE)
# A surname in capitals, perhaps behind a lower-case particle: "STARMER", "al-BASHIR".
_CAPS = re.compile(r"^(?:[a-z]{1,3}-)?(?:[A-Z][A-Z'’.\-]*[A-Z]|[A-Z])$")
_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")


@dataclass
class _Sighting:
    country: str
    role_id: str
    title: str
    name: str
    aliases: list[str]
    since: str | None
    first_seen: str
    last_seen: str
    superseded_on: str
    line: int


def read(path: Path, vocabulary: Vocabulary) -> ImportResult:
    result = ImportResult(SOURCE["source_id"])
    sightings: list[_Sighting] = []
    last_snapshot = ""
    for line, row in table_rows(path, result):
        last_snapshot = max(last_snapshot, row.get("last_seen") or "")
        country = vocabulary.country(row.get("country", ""), f"gec:{row.get('code', '')}")
        if country is None:
            result.skipped["entity not in the countries section"] += 1
            continue
        if not row.get("first_seen") or not row.get("last_seen"):
            result.rejected.append(rejected_row(path, line, "no first_seen/last_seen"))
            continue
        field_role = ("head-of-state" if row["field"] == "chief of state"
                      else "head-of-government")
        for part in _parts(row["text"]):
            parsed = _person(part)
            if parsed is None:
                result.skipped["part without a name in capitals"] += 1
                continue
            title, name, aliases, since = parsed
            role_ids = _roles(title, country, field_role, vocabulary)
            if not role_ids:
                result.skipped["title outside the role taxonomy"] += 1
                continue
            for role_id in role_ids:
                sightings.append(_Sighting(country, role_id, title or field_role, name,
                                           aliases, since, row["first_seen"],
                                           row["last_seen"], row.get("superseded_on") or "",
                                           line))
    result.tenures = _tenures(sightings, result)
    first_snapshot = min((s.first_seen for s in sightings), default=FIRST_SNAPSHOT)
    result.coverage = [{**SOURCE, "countries": ["*"], "role_ids": HEAD_ROLES,
                        "from": first_snapshot, "to": last_snapshot or "2026-01-22",
                        "notes": "Weekly snapshots: an end is exact to the week."},
                       *_reach_back(sightings, result.tenures, first_snapshot)]
    return result


def _reach_back(sightings: list[_Sighting], tenures: list[dict[str, str]],
                first_snapshot: str) -> list[dict[str, object]]:
    """Coverage before the first snapshot, from the "since" dates of the holders it lists.

    The holder of a post on the first snapshot "since 12 December 2019" held it from that
    day: the post is known (complete) from then, not only from the snapshot. A post with
    several holders listed at once is known from the latest of their starts; a post where
    one of them has no start is not extended. One entry per post.
    """
    present: dict[tuple[str, str], set[str]] = {}
    for s in sightings:
        if s.first_seen == first_snapshot and s.role_id in HEAD_ROLES:
            present.setdefault((s.country, s.role_id), set()).add(s.name)
    starts: dict[tuple[str, str], dict[str, str]] = {}
    for row in tenures:
        post = (row["country"], row["role_id"])
        names = {row["name"], *filter(None, row["aliases"].split("|"))}
        if post not in present or not names & present[post] or not row["start"]:
            continue
        if row["start"] > first_snapshot or (row["end"] and row["end"] <= first_snapshot):
            continue
        latest = FuzzyDate.parse(row["start"]).latest.isoformat()
        known = starts.setdefault(post, {})
        for name in names & present[post]:
            known[name] = max(latest, known.get(name, ""))
    out: list[dict[str, object]] = []
    for (country, role_id), holders in sorted(present.items()):
        known = starts.get((country, role_id), {})
        if holders - set(known):
            continue  # a holder without a start: the post's past is unknown
        since = max(known.values())
        if since < first_snapshot:
            out.append({**SOURCE, "countries": [country], "role_ids": [role_id],
                        "from": since, "to": first_snapshot,
                        "notes": f"Reaches back to the start of {', '.join(sorted(holders))}, "
                                 "listed on the first snapshot."})
    return out


def _parts(text: str) -> list[str]:
    out = []
    for part in clean_text(text).split(";"):
        part = part.strip()
        part = re.sub(r"^represented by\s+", "", part)
        if part.lower().startswith(("note", "vacant")):
            break  # the rest is prose, which may contain ";" and names in capitals
        if part and part[0].isupper():
            out.extend(_split_names(part))
    return out


def _split_names(part: str) -> list[str]:
    """"Deputy Prime Ministers Dan BARNA and Kelemen HUNOR (since ...)" -> one part each,
    the title and dates shared."""
    head, paren, tail = part.partition("(")
    pieces = re.split(r"\s+and\s+", head.strip())
    if len(pieces) < 2 or not all(any(_CAPS.match(t) for t in p.split()) for p in pieces):
        return [part]
    title = _title_of(pieces[0].split())
    return [pieces[0] + " " + paren + tail] + [
        f"{title} {p} {paren}{tail}".strip() for p in pieces[1:]]


def _title_of(tokens: list[str]) -> str:
    caps = [i for i, t in enumerate(tokens) if _CAPS.match(t)]
    start = caps[0] if caps else 0
    while start > 0 and tokens[start - 1].casefold() not in TITLE_WORDS:
        start -= 1
    return " ".join(tokens[:start])


def _person(part: str) -> tuple[str, str, list[str], str | None] | None:
    """(title, name, aliases, since) of one part, or None when it names nobody in capitals."""
    since_m = _SINCE.search(part)
    # "(since 12 August 2004, reelected 10 July 2020)": the date before the comma.
    since = (text_date(since_m.group(1)) or text_date(since_m.group(1).split(",")[0])
             if since_m else None)
    head = part.split("(", 1)[0].strip()
    tokens = head.split()
    caps = [i for i, t in enumerate(tokens) if _CAPS.match(t.strip(",")) and not _ROMAN.match(t)]
    if not caps:
        return None
    first = caps[0]
    start = first
    while start > 0 and tokens[start - 1].casefold() not in TITLE_WORDS:
        start -= 1
    title = " ".join(tokens[:start])
    if any("," in t for t in tokens[start:]):
        return None  # a list of several people ("A, B, C"): not one name
    name_tokens = [_title_case(t) for t in tokens[start:]]
    if not name_tokens or any(not _name_token(t) for t in name_tokens) \
            or any(t.casefold() in TITLE_WORDS for t in name_tokens[1:]):
        return None  # prose ("elected unanimously by ..."), not a name
    name = " ".join(name_tokens)
    aliases = []
    surname = [_title_case(t) for t in tokens[first:] if _CAPS.match(t) or _ROMAN.match(t)]
    if start < first and len(name_tokens) > 2 and surname:
        aliases.append(f"{name_tokens[0]} {' '.join(surname)}")
    return title, name, aliases, since


_PARTICLES = frozenset({"bin", "bint", "ibn", "al", "el", "de", "del", "della", "da", "das",
                        "do", "dos", "di", "du", "van", "von", "der", "den", "la", "le", "y",
                        "e", "ben", "abu", "ould", "ag", "wa", "ter", "af", "zu", "mac"})


def _name_token(token: str) -> bool:
    if any(ch.isdigit() for ch in token):
        return False
    return token[:1].isupper() or token.split("-")[0].casefold() in _PARTICLES


def _title_case(token: str) -> str:
    if _ROMAN.match(token) or not _CAPS.match(token):
        return token
    particle, _, rest = token.rpartition("-") if token[:1].islower() else ("", "", token)
    cased = re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), rest.lower())
    return f"{particle}-{cased}" if particle else cased


def _roles(title: str, country: str, field_role: str, vocabulary: Vocabulary
           ) -> tuple[str, ...]:
    if not title:
        return (field_role,)
    found: list[str] = []
    for piece in re.split(r"\s+and\s+", title):
        for role_id in vocabulary.roles_for(piece, country):
            if role_id not in found:
                found.append(role_id)
    return tuple(found)


def _respelled(a: str, b: str) -> bool:
    """Two spellings of one name ("golovchenko"/"halowchenka" 0.71, "elsisi"/"el-sisi"
    0.97), or one name and a shorter form of it ("sonexay" of "sonexay siphandon"); not two
    people (different people of one post score 0.43 or less)."""
    words_a, words_b = set(a.split()), set(b.split())
    return (a == b or words_a <= words_b or words_b <= words_a
            or difflib.SequenceMatcher(None, a, b).ratio() >= RESPELLED)


def _tenures(sightings: list[_Sighting], result: ImportResult) -> list[dict[str, str]]:
    groups: dict[tuple[str, str, str, str | None], list[_Sighting]] = {}
    # The Factbook respells people ("Lukashenko" -> "Lukashenka"): in one post, one exact
    # "since" day and a similar spelling is one tenure; the first spelling leads. Several
    # people share a "since" day in one post (deputy prime ministers, vice presidents and
    # presidency members appointed together), so a dissimilar name is someone else.
    spelling: dict[tuple[str, str, str], list[tuple[str, set[str]]]] = {}
    for s in sorted(sightings, key=lambda s: s.first_seen):
        person = s.name.casefold()
        if s.since and len(s.since) == 10:
            known = spelling.setdefault((s.country, s.role_id, s.since), [])
            names = {n.casefold() for n in (s.name, *s.aliases)}
            match = next((entry for entry in known
                          if any(_respelled(a, b) for a in entry[1] for b in names)), None)
            if match is None:
                known.append((person, names))
            else:
                person = match[0]
                match[1].update(names)
            if person != s.name.casefold() and s.name not in s.aliases:
                s.aliases.append(s.name)
        groups.setdefault((s.country, s.role_id, person, s.since), []).append(s)
    spans = []
    for key, group in groups.items():
        group.sort(key=lambda s: s.first_seen)
        last = max(group, key=lambda s: s.last_seen)
        spans.append((key, group[0], last))
    by_post: dict[tuple[str, str], list[tuple[str, str, str | None, str]]] = {}
    for (country, role_id, person, since), first, last in spans:
        by_post.setdefault((country, role_id), []).append((first.first_seen, last.last_seen,
                                                           since, person))
    out = []
    for (country, role_id, person, since), first, last in sorted(spans,
                                                                 key=lambda x: x[0][:3]):
        start = since
        # Other people in the post; the same person's other terms are no evidence here.
        others = [o[:3] for o in by_post[(country, role_id)] if o[3] != person]
        if since and len(since) == 10:
            # Someone else seen in the post after this "since" and before this person was:
            # the date is a typo (Romania, "since 23 June 2005" for 2025).
            # A year's slack: the Factbook lags by weeks or months, never by a year.
            # Only someone gone by this person's first sighting: a rotating chairmanship
            # (Bosnia's presidency) lists earlier chairmen again later, with other dates.
            slack = f"{int(since[:4]) + 1}{since[4:]}"
            earlier = [seen for seen_first, seen, their_since in others
                       if their_since != since and seen_first < first.first_seen
                       and slack < seen <= first.first_seen]
            if earlier:
                result.skipped["since date contradicted by the table (start corrected)"] += 1
                start = max(earlier)
        end = ""
        last_seen = last.last_seen
        # Only a successor is evidence of an end: a person who merely drops out of the text
        # (the US vice president when the field was shortened in 2024) is unknown after it.
        successors = [(seen_first, their_since) for seen_first, _, their_since in others
                      if last.last_seen < seen_first <= last.superseded_on]
        if last.superseded_on and successors:
            end = last.superseded_on
            for _, their_since in successors:
                if their_since and len(their_since) == 10 and (start or "") < their_since \
                        <= last.superseded_on:
                    end = min(end, their_since)
            last_seen = min(last_seen, end)
        aliases = list(dict.fromkeys(a for s in groups[(country, role_id, person, since)]
                                     for a in (s.name, *s.aliases) if a != first.name))
        out.append({
            "name": first.name, "aliases": "|".join(aliases), "role_id": role_id,
            "role": first.title, "country": country, "start": start or "", "end": end,
            # Listed before the "since" date (announced, or a corrected start): no sighting.
            "last_seen": last_seen if (not end or last_seen <= end)
            and last_seen >= (start or "") else "",
            "qid": "", "source_id": SOURCE["source_id"], "sources": SOURCE["url"],
            "verified": "true",
            "notes": f"Factbook rows from line {first.line}; seen {first.first_seen} to "
                     f"{last.last_seen}.",
        })
    return out
