"""People named after their titles ("Syrian Chief of Staff Maj. Gen. Ali al-Naasan"), and whether
two spellings name one person. Shared by the ``role-conflict`` and ``host-conflict`` checks.

Extraction (``PeopleFinder``): a title from the rule's ``titles`` (matched case-blind, optionally
after a deputy word such as "Deputy"), then any ranks ("Maj. Gen."), then one to four
capitalised name tokens ("Ali", "al-Naasan", "Yunus-Bek"). What stands before the title says
whose office it is:

* a country word from ``countries`` ("Syrian", "Syria's", "U.S.") gives the country;
* other capitalised words or a possessive ("White House", "Army", "Trump's") give a
  *qualifier*: "White House Chief of Staff" and "Army Chief of Staff" are different offices,
  and a possessive pronoun ("his chief of staff") makes the office unique to that mention;
* a historical word from ``historical_words`` ("former", "then-", "outgoing") marks the mention
  as not current, as does a sentence matching ``succession`` ("replaced", "succeeded") or a
  sentence naming a year before the article's reference year.

Country of a mention without a country word (documented choice): first, a country word heading
a group in the same sentence ("Syrian delegation included Defence Minister A, Chief of Staff
B": ``group_marker``); else the article's dominant country, when one country accounts for at
least ``dominant_share`` of all country words and is named at least ``dominant_min`` times;
else none. A mention with no country is comparable only with other mentions with no country,
so "Russian Foreign Minister Lavrov met Foreign Minister X" never makes X Russian.

Identity (``same_person``): two names are one person when the knowledge base maps both to the
same officeholder, or when their transliteration keys agree. A key lower-cases the name, strips
accents and apostrophes, splits it at blanks and hyphens, drops Arabic article particles
("al", "el", "ad", ...), and reduces each token to its first letter plus its consonants with
doubled letters collapsed ("al-Naasan", "Al-Nassan" -> "nsn"; "Mohammed", "Muhammad" ->
"mhmd"). The surname keys (last tokens) must be equal and the given names compatible: one side
has none, or the first given names agree, or one side's given names all occur in the other's.
Headline lines (Title Case, no full stop) are skipped: every word there is capitalised.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine.consistency.base import (
    alternation,
    compile_option,
    escape,
    group_start,
    is_headline,
    line_of,
    sentence_of,
)
from engine.regex import compile_re2
from engine.rule import ArticleContext, CompileEnv

STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string", "minLength": 1}}

# Options shared by the checks that read people after titles (JSON Schema properties).
PEOPLE_OPTIONS: dict[str, Any] = {
    "titles": {"type": "object", "minProperties": 1,
               "additionalProperties": {**STRINGS, "minItems": 1},
               "description": "role key -> the titles articles write for it"},
    "deputy_words": STRINGS,
    "ranks": STRINGS,
    "countries": {"type": "object", "additionalProperties": {"type": "string", "minLength": 1},
                  "description": "country word as written ('Syrian', 'U.S.') -> country"},
    "name_stopwords": STRINGS,
    "historical_words": STRINGS,
    "succession": {"type": "string"},
    "group_marker": {"type": "string"},
    "dominant_share": {"type": "number", "exclusiveMinimum": 0.5, "maximum": 1},
    "dominant_min": {"type": "integer", "minimum": 1},
}
PEOPLE_REQUIRED = ("titles", "countries")

# Arabic article and kinship particles, dropped from name keys ("al-Naasan" ~ "Naasan").
_PARTICLES = frozenset({
    "al", "el", "ad", "ah", "as", "ash", "an", "ar", "at", "az", "ed", "es", "ez"
})
# Lower-case words that may open a name token ("bin Salman", "al-Assad", "de Mistura").
_NAME_PARTICLES = "al|el|ad|as|ash|an|ar|at|az|bin|ibn|bint|abu|de|da|di|del|van|von|der|le|la|du"
_TOKEN = (rf"(?:(?:{_NAME_PARTICLES})[- ])?\p{{Lu}}[\p{{L}}'’]*(?:-\p{{L}}[\p{{L}}'’]*)*"
          r"|\p{Lu}\.")
_NAME = rf"(?P<name>(?:{_TOKEN})(?:[ \t]+(?:{_TOKEN})){{0,3}})"
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its", "our", "my", "your"})
_WINDOW = 80  # characters before a title read for its country, qualifier and framing
_YEAR = compile_re2(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class TitleMention:
    """One "Title [Rank] Name" in the text.

    ``start``: where the quoted phrase starts (the country word if any, else the title);
    ``end``: end of the name. ``country``: stated or resolved as the module docstring says, or
    None; ``country_from`` says how: "text" (a country word at the title), "group" (a group
    marker in the sentence), "knowledge" (the knowledge base's tenure), "dominant" (the
    article's dominant country) or "" (none). ``qualifier``: lower-case organisation words
    before the title ("white house"), "" when none. ``historical``: framed as past, not current.
    """

    start: int
    end: int
    title_start: int
    name_start: int
    role: str
    title: str
    deputy: bool
    country: str | None
    country_from: str
    qualifier: str
    name: str
    historical: bool


def _fold(text: str) -> str:
    """Lower case without accents or apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in plain.casefold() if ch not in "'’ʿʾ`‘")


def _token_key(token: str) -> str:
    """First letter plus consonants, doubled letters collapsed: transliterations differ mostly
    in vowels and doubling ("Naasan"/"Nassan", "Mohammed"/"Muhammad")."""
    if not token:
        return ""
    skeleton = token[0] + "".join(ch for ch in token[1:] if ch not in "aeiouy")
    out = [skeleton[0]]
    for ch in skeleton[1:]:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


def name_key(name: str) -> tuple[tuple[str, ...], str]:
    """(given-name keys, surname key) of a name; see the module docstring."""
    tokens = [t for t in _fold(name).replace("-", " ").split() if t.strip(".")]
    tokens = [t.strip(".") for t in tokens if t.strip(".") not in _PARTICLES]
    keys = [_token_key(t) for t in tokens if t]
    if not keys:
        return (), ""
    return tuple(keys[:-1]), keys[-1]


def keys_compatible(a: str, b: str) -> bool:
    """Whether two spellings can name one person by their transliteration keys alone."""
    given_a, surname_a = name_key(a)
    given_b, surname_b = name_key(b)
    if not surname_a or surname_a != surname_b:
        return False
    if not given_a or not given_b or given_a[0] == given_b[0]:
        return True
    return set(given_a) <= set(given_b) or set(given_b) <= set(given_a)


def kb_people(ctx: ArticleContext, name: str) -> frozenset[str]:
    """Canonical names of the knowledge-base officeholders ``name`` is a spelling of."""
    index = ctx.knowledge.index("officeholders.by_name") or {}
    return frozenset(t.name for t in index.get(name.casefold(), ()))


def known_spellings(ctx: ArticleContext, canonical: frozenset[str]) -> list[str]:
    """Every name and alias the knowledge base lists for these officeholders."""
    table: dict[str, list[str]] | None = ctx.memo.get("consistency.kb_spellings")
    if table is None:
        table = {}
        for tenure in ctx.knowledge.entries("officeholders"):
            table.setdefault(tenure.name, []).extend(tenure.names)
        ctx.memo["consistency.kb_spellings"] = table
    return [name for person in sorted(canonical) for name in table.get(person, ())]


def same_person(ctx: ArticleContext, a: str, b: str) -> bool:
    """Whether names ``a`` and ``b`` can be one person (module docstring: Identity)."""
    if _fold(a) == _fold(b):
        return True
    known_a, known_b = kb_people(ctx, a), kb_people(ctx, b)
    if known_a and known_b:
        return bool(known_a & known_b)
    spellings_a = [a, *known_spellings(ctx, known_a)]
    spellings_b = [b, *known_spellings(ctx, known_b)]
    return any(keys_compatible(x, y) for x in spellings_a for y in spellings_b)


class PeopleFinder:
    """The compiled people options of one rule; ``mentions(ctx)`` lists TitleMentions."""

    def __init__(self, options: Mapping[str, Any], env: CompileEnv) -> None:
        self.ok = True
        self.role_of: dict[str, str] = {}
        self.roles = frozenset(options["titles"])
        self.titles: dict[str, str] = {}  # folded title -> title as the rule writes it
        for role, titles in options["titles"].items():
            for title in titles:
                self.role_of[" ".join(title.casefold().split())] = role
                self.titles[" ".join(title.casefold().split())] = title
        self.countries: dict[str, str] = dict(options["countries"])
        self.stopwords = frozenset(w.casefold() for w in options.get("name_stopwords", ()))
        self.share = float(options.get("dominant_share", 0.6))
        self.minimum = int(options.get("dominant_min", 3))
        deputy = alternation(options.get("deputy_words", ["Deputy"]))
        ranks = alternation([r.replace(".", "") for r in options.get("ranks", ["Gen"])])
        # Each rank word may carry a full stop ("Maj. Gen."), written or not.
        ranks = ranks.replace(r"[ \t]+", r"\.?[ \t]+")
        titles = alternation(list(self.titles.values()))
        keys = alternation(list(self.countries))
        self.mention_re = self._compile(
            env, "titles",
            rf"\b(?P<deputy>(?i:{deputy})(?:[ \t]+|-))?(?P<title>(?i:{titles}))[ \t]+"
            rf"(?:(?:{ranks})\.?,?[ \t]+){{0,3}}{_NAME}")
        self.country_before = self._compile(
            env, "countries",
            rf"(?:^|[^\p{{L}}.])(?P<c>{keys})(?:'s|’s)?[ \t]+"
            r"(?P<q>(?:\p{Lu}[\p{L}.&-]*[ \t]+){0,2})(?P<d>(?i:" + deputy + r")[ \t]+)?$")
        self.qualifier_before = compile_re2(
            r"(?:^|[^\p{L}'’])(?P<q>(?:\p{Lu}[\p{L}.&-]*|\p{L}+(?:'s|’s))"
            r"(?:[ \t]+\p{Lu}[\p{L}.&-]*){0,2})[ \t]+(?P<d>(?i:" + deputy + r")[ \t]+)?$")
        self.country_word = self._compile(env, "countries",
                                          rf"(?:^|[^\p{{L}}.])(?P<c>{keys})(?:[^\p{{L}}]|$)")
        words = alternation(options.get("historical_words", ["former"]))
        self.historical_re = self._compile(
            env, "historical_words",
            rf"(?i)(?:^|[^\p{{L}}])(?:{words})(?:[ \t]+|-)(?:[^ \t\n]+[ \t]+){{0,3}}$")
        self.succession_re = (compile_option(env, "succession", options["succession"], True)
                              if "succession" in options else None)
        self.group_re = None
        if "group_marker" in options:
            self.group_re = self._compile(
                env, "group_marker",
                rf"(?:^|[^\p{{L}}.])(?P<c>{keys})(?:'s|’s)?[ \t]+(?i:{options['group_marker']})")
        if self.succession_re is None and "succession" in options:
            self.ok = False

    def _compile(self, env: CompileEnv, key: str, pattern: str) -> Any:
        compiled = compile_option(env, key, pattern)
        if compiled is None:
            self.ok = False
        return compiled

    def role_title(self, role: str) -> str:
        """The first title the rule lists for ``role`` (for messages)."""
        return next((t for k, t in self.titles.items() if self.role_of[k] == role), role)

    def dominant_country(self, ctx: ArticleContext) -> str | None:
        """The country most of the article's country words name, when it clearly dominates."""
        counts: Counter[str] = Counter()
        for m in self.country_word.finditer(ctx.text):
            counts[self.countries[m.group("c")]] += 1
        if not counts:
            return None
        country, top = counts.most_common(1)[0]
        total = sum(counts.values())
        return country if top >= self.minimum and top >= self.share * total else None

    def country_in(self, text: str) -> str | None:
        """The last country word in ``text``, as its country."""
        found = None
        for m in self.country_word.finditer(text):
            found = self.countries[m.group("c")]
        return found

    def mentions(self, ctx: ArticleContext) -> list[TitleMention]:
        """Every title mention of the article, in text order (computed once per article)."""
        key = f"consistency.people.{id(self)}"
        cached = ctx.memo.get(key)
        if cached is None:
            cached = self._scan(ctx)
            ctx.memo[key] = cached
        result: list[TitleMention] = cached
        return result

    def _scan(self, ctx: ArticleContext) -> list[TitleMention]:
        text = ctx.text
        dominant = self.dominant_country(ctx)
        out: list[TitleMention] = []
        for m in self.mention_re.finditer(text):
            line_start, line_end = line_of(text, m.start())
            if is_headline(text[line_start:line_end]):
                continue
            name, name_end = self._clean_name(m.group("name"), group_start(m, "name"))
            if not name:
                continue
            out.append(self._mention(ctx, m, name, name_end, line_start, dominant))
        return out

    def _clean_name(self, raw: str, start: int) -> tuple[str, int]:
        """The name cut before its first stopword or country word, possessive removed."""
        kept: list[str] = []
        pos = 0
        end = start
        for token in raw.split():
            at = raw.index(token, pos)
            pos = at + len(token)
            bare = token.removesuffix("'s").removesuffix("’s")
            if bare.casefold() in self.stopwords or bare in self.countries:
                break
            kept.append(bare)
            end = start + at + len(bare)
            if bare != token:
                break  # "Abbas's visit": the name ends at the possessive
        return " ".join(kept), end

    def _mention(self, ctx: ArticleContext, m: Any, name: str, name_end: int, line_start: int,
                 dominant: str | None) -> TitleMention:
        text = ctx.text
        lo = max(line_start, m.start() - _WINDOW)
        before = text[lo:m.start()]
        deputy = m.group("deputy") is not None
        start = m.start()
        country: str | None = None
        qualifier = ""
        source = ""
        found = self.country_before.search(before)
        if found is not None:
            country, source = self.countries[found.group("c")], "text"
            qualifier = self._qualifier(found.group("q"))
            deputy = deputy or found.group("d") is not None
            start = lo + group_start(found, "c")
        else:
            q = self.qualifier_before.search(before)
            if q is not None:
                qualifier = self._qualifier(q.group("q"))
                deputy = deputy or q.group("d") is not None
                if qualifier.split("'")[0].split("’")[0] in _POSSESSIVE_PRONOUNS:
                    qualifier = f"#{m.start()}"  # "his chief of staff": whose, we cannot tell
                if qualifier:
                    start = lo + group_start(q, "q")
        sentence = sentence_of(ctx, m.start())
        if country is None:
            country = self._group_country(ctx, sentence[0], m.start())
            source = "group" if country else ""
        if country is None and dominant is not None:
            country, source = dominant, "dominant"
        historical = (self.historical_re.search(text[lo:start]) is not None
                      or self._historical_sentence(ctx, sentence))
        title_text = " ".join(m.group("title").casefold().split())
        return TitleMention(
            start=start, end=name_end, title_start=group_start(m, "title"),
            name_start=group_start(m, "name"),
            role=self.role_of.get(title_text, title_text), title=m.group("title"),
            deputy=deputy, country=country, country_from=source, qualifier=qualifier,
            name=name, historical=historical)

    def _qualifier(self, raw: str | None) -> str:
        words = (raw or "").split()
        while words and words[0].casefold().strip(".") in self.stopwords:
            words.pop(0)
        return " ".join(words).casefold()

    def _group_country(self, ctx: ArticleContext, lo: int, hi: int) -> str | None:
        if self.group_re is None:
            return None
        found = None
        for m in self.group_re.finditer(ctx.text[lo:hi]):
            found = self.countries[m.group("c")]
        return found

    def historical_at(self, ctx: ArticleContext, pos: int) -> bool:
        """Whether the sentence around ``pos`` frames its people as past (succession words, an
        earlier year)."""
        return self._historical_sentence(ctx, sentence_of(ctx, pos))

    def _historical_sentence(self, ctx: ArticleContext, sentence: tuple[int, int]) -> bool:
        body = ctx.text[sentence[0]:sentence[1]]
        if self.succession_re is not None and self.succession_re.search(body):
            return True
        reference = ctx.reference_date.year
        return any(int(y.group(1)) < reference for y in _YEAR.finditer(body))


def office_name(title: str, qualifier: str, country: str | None) -> str:
    """An office for messages: "Chief of Staff of Syria", "Chief of Staff (white house)"."""
    named = f"{title} ({qualifier})" if qualifier and not qualifier.startswith("#") else title
    return f"{named} of {country}" if country else named


def describe(mentions: Sequence[TitleMention]) -> str:
    """The distinct names of ``mentions`` joined for a message: "A", "A and B", "A, B and C"."""
    names: list[str] = []
    for mention in mentions:
        if mention.name not in names:
            names.append(mention.name)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


__all__ = ["PEOPLE_OPTIONS", "PEOPLE_REQUIRED", "PeopleFinder", "TitleMention", "describe",
           "escape", "keys_compatible", "name_key", "office_name", "same_person"]
