"""Find gazetteer names in a text in one pass, and resolve them to entities.

Rules (see data/gazetteer/README.md): word boundaries; an upper-case letter in an alias must
be upper case in the text ("china" is porcelain, "us" is not the US); hyphens and spaces are
interchangeable ("Islamic State-Khorasan"); possessives are fine ("Iran's"); the longest
match wins; a person's surname resolves to that person after the full name appeared in the
article; demonyms ("Iranian ambassador") and capital metonymy ("Tehran said") are mentions of
the country with their own ``kind``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

EXTRACTOR_VERSION = "entities-2"

_WORDCHAR = re.compile(r"\w")
_LOCATIVE = {
    "in", "to", "from", "at", "near", "into", "via", "outside", "inside", "toward", "towards",
    "visit", "visited", "visiting", "visits", "reached", "left", "entered", "arrived", "around",
    "across", "through", "of", "between", "and", "travelled", "traveled", "flew", "returned",
}  # fmt: skip
_METONYM_VERBS = re.compile(
    r"^(?:['’]s\b|\s+(?:has|have|had|is|was|will|would|could|can|should|must|may|might|does|did|"
    r"says|said|say|wants|wanted|seeks|sought|accused|accuses|rejected|rejects|denied|denies|"
    r"hosted|hosts|urged|urges|called|calls|believes|believed|considers|insists|insisted|"
    r"announced|announces|warned|warns|sees|saw|supports|supported|opposed|opposes|recognized|"
    r"recognised|recognizes|refused|refuses|welcomed|welcomes|condemned|condemns|demanded|"
    r"demands|expects|expected|hopes|hoped|plans|planned|agreed|agrees|decided|decides|"
    r"responded|responds|stressed|stresses|sent|sends|imposed|imposes|backed|backs|played|plays|"
    r"tried|tries|continues|continued|reacted|reacts|officials|authorities|government|regime|"
    r"administration|leadership|accusing|seeking|calling|urging|hoping|trying|pushing|insisting|"
    r"refusing|demanding|hosting|backing|supporting|opposing|rejecting|denying|planning|"
    r"welcoming|warning|considers|regards|views|viewed|fears|feared|feels|felt|knows|knew|"
    r"understands|realizes|realises|claims|claimed|blames|blamed|wants|needs|needed)\b)",
)


@dataclass(frozen=True)
class LexEntity:
    """An entity as the matcher needs it."""

    ref: int | str  # database id (or gazetteer key in tests)
    name: str
    type: str
    capital_of: int | str | None = None  # the country this place is the capital of
    ambiguous: bool = False
    country: "LexEntity | None" = field(default=None, compare=False, repr=False)  # affiliation


@dataclass(frozen=True)
class Mention:
    entity: LexEntity
    start: int
    end: int
    surface: str
    kind: str  # name, alias, surname, demonym, metonym, dateline, candidate


def possessive_variants(spellings, country_of: dict) -> list[tuple[str, LexEntity, str]]:
    """"Iranian Foreign Ministry" also as "Iran's Foreign Ministry", for organisations
    affiliated with a country (``country_of``: organisation ref -> country ref)."""
    by_country: dict = {}
    for alias, ent, kind in spellings:
        if ent.type == "country" and kind in ("name", "alias", "demonym"):
            by_country.setdefault(ent.ref, []).append((alias, kind))
    out = []
    existing = {(a, ent.ref) for a, ent, _ in spellings}
    for alias, ent, kind in spellings:
        country = country_of.get(ent.ref)
        if country is None or country not in by_country:
            continue
        forms = by_country[country]
        for prefix, _ in forms:
            if alias.startswith(prefix + " "):
                rest = alias[len(prefix) + 1:]
                for other, okind in forms:
                    if okind in ("name", "alias") and other[:1].isupper():
                        variant = f"{other}'s {rest}"
                        if (variant, ent.ref) not in existing:
                            existing.add((variant, ent.ref))
                            out.append((variant, ent, "alias"))
                break
    return out


def _fold(text: str) -> str:
    """Lower case, with hyphens as spaces and curly apostrophes straight; same length."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lowered
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_FOLD_TABLE)


_FOLD_TABLE = str.maketrans({"-": " ", "‐": " ", "‑": " ", "–": " ", "’": "'", "‘": "'"})


class Lexicon:
    """Every spelling of every entity, in an Aho-Corasick automaton."""

    def __init__(self, spellings: list[tuple[str, LexEntity, str]],
                 country_prefixes: dict | None = None):
        import ahocorasick

        # spellings of countries and their demonyms that may open an organisation's name
        self.country_prefixes = country_prefixes or {}
        alternatives = sorted((p for p in self.country_prefixes if p), key=len, reverse=True)
        self.prefix_re = re.compile(
            "^(" + "|".join(map(re.escape, alternatives)) + r")(?:['’]s)? (?=\S)"
        ) if alternatives else None
        self.entities: dict[int | str, LexEntity] = {}
        grouped: dict[str, list[tuple[str, LexEntity, str]]] = {}
        for alias, entity, kind in spellings:
            alias = " ".join(alias.split())
            if len(alias) < 2:
                continue
            self.entities[entity.ref] = entity
            grouped.setdefault(_fold(alias), []).append((alias, entity, kind))
        self.automaton = ahocorasick.Automaton()
        for key, values in grouped.items():
            self.automaton.add_word(key, (len(key), values))
        if grouped:
            self.automaton.make_automaton()
        self.size = len(grouped)

    def lookup(self, name: str, any_kind: bool = False) -> LexEntity | None:
        """The entity of exactly this spelling (case rules as in running text), if any; with
        ``any_kind`` any entity that has the spelling, demonyms and ambiguous ones included."""
        if not self.size:
            return None
        name = " ".join(name.split())
        hit = self.automaton.get(_fold(name), None)
        if hit is None:
            return None
        if any_kind:
            fitting = [v for v in hit[1] if _case_fits(v[0], name)]
            return fitting[0][1] if fitting else None
        best = _best_candidate(name, hit[1], name, 0)
        return best[1] if best is not None and best[2] != "demonym" else None

    def find(self, text: str) -> list[Mention]:
        if not self.size:
            return []
        folded = _fold(text)
        found: list[Mention] = []
        for end_index, (length, values) in self.automaton.iter(folded):
            start = end_index - length + 1
            end = end_index + 1
            if not _boundaries(text, start, end):
                continue
            surface = text[start:end]
            best = _best_candidate(surface, values, text, start)
            if best is not None:
                alias, entity, kind = best
                found.append(Mention(entity, start, end, surface, kind))
        return _longest_first(found)


def _boundaries(text: str, start: int, end: int) -> bool:
    if start > 0 and (_WORDCHAR.match(text[start - 1]) or text[start - 1] in "@#"):
        return False
    if end < len(text) and _WORDCHAR.match(text[end]):
        return False
    return True


def _case_fits(alias: str, surface: str) -> bool:
    for a, s in zip(alias, surface):
        if a.isupper() and not s.isupper():
            return False
    # An all-capitals acronym of one or two letters must not be a lower-case word's start.
    return True


def _best_candidate(surface, values, text, start):
    fitting = [v for v in values if _case_fits(v[0], surface)]
    if not fitting:
        return None
    single_word = " " not in surface.strip() and "-" not in surface
    out = []
    for alias, entity, kind in fitting:
        if entity.ambiguous and single_word and (len(surface) <= 3 or _sentence_initial(text, start)):
            # "IS", "WHO", or a capitalised common word opening a sentence ("Dawn", "Chad")
            continue
        if kind == "demonym" and _preceded_by(text, start, ("ethnic",)):
            continue
        out.append((alias, entity, kind))
    if not out:
        return None
    # exact spelling first, then a non-demonym reading
    out.sort(key=lambda v: (v[0] != surface, v[2] == "demonym"))
    return out[0]


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:"


def _preceded_by(text: str, start: int, words: tuple[str, ...]) -> bool:
    before = text[max(0, start - 20):start].lower().split()
    return bool(before) and before[-1] in words


def _longest_first(found: list[Mention]) -> list[Mention]:
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    last_end = -1
    for m in found:
        if m.start >= last_end:
            kept.append(m)
            last_end = m.end
    return kept


def resolve_surnames(text: str, mentions: list[Mention]) -> list[Mention]:
    """Surnames of people named in full earlier resolve to them (unless two share it)."""
    surnames: dict[str, LexEntity | None] = {}
    for m in mentions:
        if m.entity.type != "person" or " " not in m.surface.strip():
            continue
        for source in (m.surface, m.entity.name):
            last = re.split(r"[\s]+", source.strip())[-1]
            if len(last) < 3 or not last[0].isupper():
                continue
            prior = surnames.get(last, m.entity)
            surnames[last] = m.entity if prior is m.entity or prior == m.entity else None
    surnames = {k: v for k, v in surnames.items() if v is not None}
    if not surnames:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    pattern = re.compile(r"\b(" + "|".join(re.escape(s) for s in surnames) + r")\b")
    extra = []
    for match in pattern.finditer(text):
        s, e = match.start(), match.end()
        if any(a < e and s < b for a, b in taken):
            continue
        if e < len(text) and text[e] in "-‐" and e + 1 < len(text) and text[e + 1].isalpha():
            continue
        extra.append(Mention(surnames[match.group(1)], s, e, match.group(1), "surname"))
    return sorted(mentions + extra, key=lambda m: m.start)


def resolve_short_forms(text: str, mentions: list[Mention], prefixes: dict,
                        countries: dict | None = None, prefix_re=None) -> list[Mention]:
    """An organisation named with its country ("Iran's Foreign Ministry", "Iranian Foreign
    Ministry") is meant by the bare rest ("the Foreign Ministry") later in the article."""
    shorts: dict[str, LexEntity | None] = {}
    nested: list[Mention] = []
    for m in mentions:
        if m.entity.type != "organization":
            continue
        match = prefix_re.match(m.surface) if prefix_re is not None else None
        if match is None:
            continue
        prefix = match.group(1)
        if countries is not None and prefixes[prefix][0] in countries:
            ref, kind = prefixes[prefix]
            nested.append(Mention(countries[ref], m.start, m.start + len(prefix), prefix, kind))
        rest = m.surface[match.end():]
        if rest and rest != m.surface and len(rest.split()) >= 2 and rest[0].isupper():
            prior = shorts.get(rest, m.entity)
            shorts[rest] = m.entity if prior == m.entity else None
    shorts = {k: v for k, v in shorts.items() if v is not None}
    mentions = sorted(mentions + nested, key=lambda m: (m.start, -m.end))
    if not shorts:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in sorted(shorts, key=len, reverse=True)) + r")(?![\w-])")
    extra = []
    for match in pattern.finditer(text):
        s, e = match.start(), match.end()
        if any(a < e and s < b for a, b in taken):
            continue
        extra.append(Mention(shorts[match.group(1)], s, e, match.group(1), "alias"))
    return sorted(mentions + extra, key=lambda m: m.start)


def add_metonymy(text: str, mentions: list[Mention], countries: dict, body_start: int = 0) -> list[Mention]:
    """A capital standing for its government ("Tehran said") also mentions the country."""
    out = []
    for i, m in enumerate(mentions):
        out.append(m)
        country_ref = m.entity.capital_of
        if country_ref is None or country_ref not in countries:
            continue
        if m.start == _body_start(text, body_start) and m.surface.isupper():
            out[-1] = Mention(m.entity, m.start, m.end, m.surface, "dateline")
            continue
        before = text[max(0, m.start - 25):m.start].lower().split()
        if before and before[-1].strip(",;:(") in _LOCATIVE:
            continue
        after = text[m.end:m.end + 40]
        if _METONYM_VERBS.match(after):
            out.append(Mention(countries[country_ref], m.start, m.end, m.surface, "metonym"))
    return out


def _body_start(text: str, offset: int = 0) -> int:
    rest = text[offset:]
    return offset + len(rest) - len(rest.lstrip())
