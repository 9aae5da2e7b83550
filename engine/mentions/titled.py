"""People named after their titles, known to the knowledge base or not: "Syrian Chief of Staff
Maj. Gen. Ali al-Naasan". Part of the one mention reader; the ``role-conflict`` and
``host-conflict`` consistency checks read it.

The knowledge-based reader (``engine.mentions.reader``) finds only people the knowledge knows;
this one reads any capitalised name after a title, so two unknown people given one office can
still be compared. Every word list is vocabulary from the knowledge base: titles from the
``roles`` section (option ``roles``: role ids; option ``titles`` only for offices the knowledge
does not have), country words from the ``countries`` section (and the lexicon's capitals),
ranks and forms of address, deputy words, name stopwords and historical words from the
``lexicon`` section (historical: its ``before`` cues and its transition words).

Extraction (``TitleReader``): a title (matched case-blind, optionally after a deputy word such
as "Deputy"), then any ranks ("Maj. Gen."), then one to four capitalised name tokens ("Ali",
"al-Naasan", "Yunus-Bek"). What stands before the title says whose office it is:

* a country word ("Syrian", "Syria's", "U.S.") gives the country;
* other capitalised words or a possessive ("White House", "Army", "Trump's") give a
  *qualifier*: "White House Chief of Staff" and "Army Chief of Staff" are different offices,
  and a possessive pronoun ("his chief of staff") makes the office unique to that mention;
* a historical or transition word ("former", "then-", "outgoing") marks the mention as not
  current, as does a sentence matching ``succession`` ("replaced", "succeeded") or a sentence
  naming a year before the article's reference year.

Country of a mention without a country word (documented choice): first, a country word heading
a group in the same sentence ("Syrian delegation included Defence Minister A, Chief of Staff
B": ``group_marker``); else the article's dominant country, when one country accounts for at
least ``dominant_share`` of all country words and is named at least ``dominant_min`` times;
else none. A mention with no country is comparable only with other mentions with no country,
so "Russian Foreign Minister Lavrov met Foreign Minister X" never makes X Russian.

Identity (``same_person``): two names are one person when the knowledge base maps both to the
same officeholder, or when their transliteration skeletons are compatible
(``engine.mentions.names.keys_compatible``). Headline lines (Title Case, no full stop) are
skipped: every word there is capitalised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engine.knowledge.entries import Tenure
from engine.knowledge.sections.officeholders import OFFICEHOLDERS, OFFICEHOLDERS_BY_NAME
from engine.knowledge.sections.roles import ROLES
from engine.mentions.names import ARTICLE_FORMS, CONNECTORS, PARTICLES, fold, keys_compatible
from engine.mentions.reader import mention_index, sentence_at
from engine.mentions.sentences import is_headline
from engine.regex import RegexError, compile_re2, literal_alternation
from engine.rule import MemoKey

if TYPE_CHECKING:
    from engine.rule import ArticleContext, CompileEnv

# Every name and alias of each officeholder, by canonical name: once per article.
KB_SPELLINGS: MemoKey[dict[str, list[str]]] = MemoKey("consistency.kb_spellings")

STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string", "minLength": 1}}

# Options shared by the checks that read people after titles (JSON Schema properties).
PEOPLE_OPTIONS: dict[str, Any] = {
    "roles": {**STRINGS, "minItems": 1,
              "description": "ids of roles-section roles compared; their titles are read"},
    "titles": {"type": "object", "minProperties": 1,
               "additionalProperties": {**STRINGS, "minItems": 1},
               "description": "office key -> titles, only for offices the roles section lacks"},
    "succession": {"type": "string"},
    "group_marker": {"type": "string"},
    "dominant_share": {"type": "number", "exclusiveMinimum": 0.5, "maximum": 1, "default": 0.6,
                       "description": "share of country words that makes a country dominant"},
    "dominant_min": {"type": "integer", "minimum": 1, "default": 3,
                     "description": "times a dominant country must be named"},
}
PEOPLE_REQUIRED = ("roles",)


@dataclass(frozen=True, kw_only=True)
class PeopleOptions:
    """``PEOPLE_OPTIONS`` read into a value (``engine.options.read_options``); a check with
    more options subclasses it (keyword-only, so its own fields may come without defaults)."""

    roles: list[str]
    dominant_share: float
    dominant_min: int
    titles: dict[str, list[str]] = field(default_factory=dict)
    succession: str | None = None
    group_marker: str | None = None

# Lower-case words that may open a name token ("bin Salman", "al-Assad", "de Mistura").
_NAME_PARTICLES = "|".join(sorted(PARTICLES | ARTICLE_FORMS | CONNECTORS | {"du"}))
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


def group_start(match: Any, name: str) -> int:
    """Start offset of a named group (google-re2 matches take group numbers only)."""
    start: int = match.start(match.re.groupindex[name])
    return start


def kb_people(ctx: ArticleContext, name: str) -> frozenset[str]:
    """Canonical names of the knowledge-base officeholders ``name`` is a spelling of."""
    index = ctx.knowledge.indexed(OFFICEHOLDERS_BY_NAME) or {}
    return frozenset(t.name for t in index.get(name.casefold(), ()))


def known_spellings(ctx: ArticleContext, canonical: frozenset[str]) -> list[str]:
    """Every name and alias the knowledge base lists for these officeholders."""
    table = ctx.cached(KB_SPELLINGS, lambda: _spellings(ctx.knowledge.of(OFFICEHOLDERS)))
    return [name for person in sorted(canonical) for name in table.get(person, ())]


def _spellings(tenures: Sequence[Tenure]) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for tenure in tenures:
        table.setdefault(tenure.name, []).extend(tenure.names)
    return table


def same_person(ctx: ArticleContext, a: str, b: str) -> bool:
    """Whether names ``a`` and ``b`` can be one person (module docstring: Identity)."""
    if fold(a) == fold(b):
        return True
    known_a, known_b = kb_people(ctx, a), kb_people(ctx, b)
    if known_a and known_b:
        return bool(known_a & known_b)
    spellings_a = [a, *known_spellings(ctx, known_a)]
    spellings_b = [b, *known_spellings(ctx, known_b)]
    return any(keys_compatible(x, y) for x in spellings_a for y in spellings_b)


class TitleReader:
    """The compiled title reading of one rule; ``mentions(ctx)`` lists TitleMentions."""

    def __init__(self, options: PeopleOptions, env: CompileEnv) -> None:
        self.ok = True
        # Each rule's reader has its own titles: its own per-article cache.
        self._memo: MemoKey[list[TitleMention]] = MemoKey(f"consistency.people.{id(self)}")
        self.role_of: dict[str, str] = {}
        self.titles: dict[str, str] = {}  # folded title -> title as written
        known = {role.id: role for role in env.knowledge.of(ROLES)}
        offices: dict[str, tuple[str, ...]] = {}
        for i, role_id in enumerate(options.roles):
            if role_id not in known:
                self._fail(env, ("roles", i), f"unknown role id {role_id!r}",
                           "use an id of the roles section (rules/knowledge/roles.yaml)")
            else:
                offices[role_id] = known[role_id].titles
        for key, written in options.titles.items():
            if key in known:
                self._fail(env, ("titles", key), f"office {key!r} is a role of the knowledge "
                           "base; its titles are read from there",
                           f"list {key!r} under `roles` and remove it from `titles`")
            offices[key] = tuple(written)
        for role, office_titles in offices.items():
            for title in office_titles:
                self.role_of[" ".join(title.casefold().split())] = role
                self.titles[" ".join(title.casefold().split())] = title
        self.roles = frozenset(offices)
        lexicon = mention_index(env.knowledge).lexicon
        self.countries: Mapping[str, str] = lexicon.country_words
        self.stopwords = lexicon.not_names
        self.share = options.dominant_share
        self.minimum = options.dominant_min
        deputy = literal_alternation(lexicon.deputies or ("Deputy",))
        ranks = literal_alternation([h.replace(".", "") for h in lexicon.honorifics] or ["Gen"])
        # Each rank word may carry a full stop ("Maj. Gen."), written or not.
        ranks = ranks.replace(r"[ \t]+", r"\.?[ \t]+")
        titles = literal_alternation(list(self.titles.values()))
        keys = literal_alternation(list(self.countries))
        self.mention_re = self._compile(
            env, "roles",
            rf"\b(?P<deputy>(?i:{deputy})(?:[ \t]+|-))?(?P<title>(?i:{titles}))[ \t]+"
            rf"(?:(?:{ranks})\.?,?[ \t]+){{0,3}}{_NAME}")
        self.country_before = self._compile(
            env, "roles",
            rf"(?:^|[^\p{{L}}.])(?P<c>{keys})(?:'s|’s)?[ \t]+"
            r"(?P<q>(?:\p{Lu}[\p{L}.&-]*[ \t]+){0,2})(?P<d>(?i:" + deputy + r")[ \t]+)?$")
        self.qualifier_before = compile_re2(
            r"(?:^|[^\p{L}'’])(?P<q>(?:\p{Lu}[\p{L}.&-]*|\p{L}+(?:'s|’s))"
            r"(?:[ \t]+\p{Lu}[\p{L}.&-]*){0,2})[ \t]+(?P<d>(?i:" + deputy + r")[ \t]+)?$")
        self.country_word = self._compile(env, "roles",
                                          rf"(?:^|[^\p{{L}}.])(?P<c>{keys})(?:[^\p{{L}}]|$)")
        # Not the settled current holder: the lexicon's historical cues that stand before a
        # title ("former", "then-", "the late"), and its transition words ("outgoing").
        historical = [p.rstrip("-") for p in lexicon.phrases.get(("historical", "before"), ())
                      if "{" not in p]
        words = literal_alternation([*historical, *lexicon.transition] or ["former"])
        self.historical_re = self._compile(
            env, "roles",
            rf"(?i)(?:^|[^\p{{L}}])(?:{words})(?:[ \t]+|-)(?:[^ \t\n]+[ \t]+){{0,3}}$")
        self.succession_re = (self._compile(env, "succession", options.succession, True)
                              if options.succession is not None else None)
        self.group_re = None
        if options.group_marker is not None:
            self.group_re = self._compile(
                env, "group_marker",
                rf"(?:^|[^\p{{L}}.])(?P<c>{keys})(?:'s|’s)?[ \t]+(?i:{options.group_marker})")

    def _fail(self, env: CompileEnv, key: Any, message: str, hint: str) -> None:
        env.problem(key, message, hint)
        self.ok = False

    def _compile(self, env: CompileEnv, key: str, pattern: str, ignore_case: bool = False,
                 ) -> Any:
        try:
            return compile_re2(pattern, ignore_case)
        except RegexError as exc:
            self._fail(env, key, f"invalid regex: {exc}",
                       "RE2 syntax: no lookaround or backreferences")
            return None

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
        return ctx.cached(self._memo, lambda: self._scan(ctx))

    def _scan(self, ctx: ArticleContext) -> list[TitleMention]:
        text = ctx.text
        # The dominant country is read only once a mention needs it: most articles have no
        # title mention, and counting every country word of each was most of this scan.
        dominant: list[str | None] = []
        out: list[TitleMention] = []
        # One headline test per line, lines found by bisection: scanning and slicing the
        # line for every mention was quadratic on a long line.
        headline: dict[int, bool] = {}
        for m in self.mention_re.finditer(text):
            line_start, line_end = ctx.index.line_range(m.start(), len(text))
            if line_start not in headline:
                headline[line_start] = is_headline(text[line_start:line_end])
            if headline[line_start]:
                continue
            name, name_end = self._clean_name(m.group("name"), group_start(m, "name"))
            if not name:
                continue
            if not dominant:
                dominant.append(self.dominant_country(ctx))
            out.append(self._mention(ctx, m, name, name_end, line_start, dominant[0]))
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
        sentence = sentence_at(ctx, m.start())
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
        return self._historical_sentence(ctx, sentence_at(ctx, pos))

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


__all__ = ["PEOPLE_OPTIONS", "PEOPLE_REQUIRED", "PeopleOptions", "TitleMention", "TitleReader",
           "describe", "keys_compatible", "office_name", "same_person"]
