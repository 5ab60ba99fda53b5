"""Every proper name in a text, typed by evidence and resolved within the article.

The gazetteer finds the names it knows (:mod:`archive.extract.entities`); this module finds
all the others, bound to no list:

1. **Spans.** Capitalised words in a row (with the connectors names carry: "Bank *of*
   England", "Universidad *de* Los Andes", "Osama *bin* Laden", "al-Sukhnah"), acronyms
   ("FBI", "MI5"); "and" splits two names unless an organisation's name holds it
   ("Centre for Disease Prevention and Control"); "X of Y" stays one name only after a head
   word ("Bank of", "Straits of"), so "Secretary of State John Kerry" is a role and a name.
2. **Clean-up.** Titles and roles become the person's role ("Sen. Tim Kaine" is Tim Kaine,
   senator); possessives are stripped; a word that opens a sentence is a name only with
   evidence (it is not a common English word, or the article writes it capitalised
   mid-sentence too); adjectives ("Marxist regimes", "Kurdish-led militias") and calendar
   words are not names.
3. **Type from evidence.** An organisation head ("Ministry", "Party", "Court", "Corp") makes an
   organisation; a geographic head ("River", "Street", "Province") or a place in the place
   data makes a location; a title or a known first name makes a person; otherwise a run of
   name-like words is a person with a lower confidence.
4. **Resolution in the article.** A surname alone is the person of that surname named in full
   in the same article (the nearest one before it), a first name alone the only person of
   that first name, "Bill and Chelsea Clinton" two Clintons; a place inside a longer name is
   not a mention ("New Jersey" is not "Jersey", "Kabul University" is not Kabul).

Each name found becomes a :class:`Found`: an entity key (type + spelling without middle
initials, so "James B. Comey" and "James Comey's" are one), a display name, type, confidence,
role and the spans that mention it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from archive.extract.gazetteer import spelling_key
from archive.extract.namedata import NameData, fold, rules

_R = rules()  # archive/data/name_rules.json: closed classes of English, with provenance
_ABBREV = frozenset(_R["abbreviations"])
_OFFICE_OF_PERSON = frozenset(_R["office_of_person"])  # "Biden Administration" is Biden's
_IN_PLACE = frozenset(_R["in_place"])
_POINTS = frozenset(_R["compass_points"])
_COMPASS = frozenset(_R["compass"])
_CONTRACTIONS = frozenset(_R["contractions"])
_INITIAL_BEFORE = set(".!?:;“\"‘([{\n•*|=#>")
_HYPHEN_ADJECTIVE = tuple(_R["hyphen_adjectives"])
_FUNCTION = frozenset(_R["function_words"])


_FUNCTION_CAPS = frozenset(w.capitalize() for w in _FUNCTION
                           if len(w) > 1 and w not in _R["function_words_that_are_names"])


@dataclass
class Found:
    key: str
    name: str
    type: str
    confidence: float
    spans: list = field(default_factory=list)  # (start, end, surface, kind)
    role: str | None = None
    aliases: set = field(default_factory=set)  # spellings with an honorific that is part of the name


@dataclass
class _Tok:
    start: int
    end: int  # end of the word without a possessive
    text: str  # the word without a possessive or a period
    cap: bool
    initial: bool
    poss: bool
    after: int  # offset after the token as written (possessive, abbreviation period)


@dataclass
class _Group:
    toks: list
    role: list = field(default_factory=list)
    forced_type: str | None = None
    full_name: str | None = None  # "Bill" of "Bill and Chelsea Clinton" is Bill Clinton
    geo_suffix: str | None = None  # "province" after "Idlib"

    @property
    def start(self):
        return self.toks[0].start

    @property
    def end(self):
        return self.toks[-1].end

    def surface(self, text):
        return text[self.start:self.end]


def _upper_class() -> str:
    return "".join(re.escape(chr(c)) for c in range(0x41, 0x2000) if chr(c).isupper())


_UPPER = _upper_class()
_PARTICLE_HYPHEN = "(?:" + "|".join(_R["name_particles_with_hyphen"]) + ")"
# capitalised words only: the loop in Python runs over the few words that can be names
_CAP_TOKEN = re.compile(
    rf"(?<![\w&'’\-‐@#])(?:(?:[A-Z]\.){{2,}}|[{_UPPER}][\w&]*(?:['’\-‐][\w&]+)*"
    rf"|{_PARTICLE_HYPHEN}[\-‐][{_UPPER}][\w&]*(?:['’\-‐][\w&]+)*)"
)
_LOWER_WORD = re.compile(r"(?<![\w'’\-])[a-z][a-z'’\-]*")
_GAP_WORD = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['’]s?$")
# endings of place names in many languages: Kurdistan, Yekaterinburg, Islamabad, Kanpur, Novosibirsk
_PLACE_ENDINGS = tuple(_R["place_endings"])
_ABBREVIATED = re.compile(r"\.(?:\s|$|,)")
_PARTY_STATE = re.compile(r"^[RDI]-[A-Z][\w.]*$")
_APOSTROPHE = re.compile(r"['’]")


def _opens(text: str, s: int) -> bool:
    """Whether the word at ``s`` opens a sentence (or a quote, a heading, a list item): after
    the text's start, a line break, sentence punctuation (also when a closing quote follows it:
    "continue.” Regarding") or an opening quote or bracket."""
    j = s - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    if j < 0:
        return True
    c = text[j]
    if c in _INITIAL_BEFORE:
        return True
    if c in "”’\"')]":
        k = j - 1
        while k >= 0 and text[k] in "”’\"')]":
            k -= 1
        if k >= 0 and text[k] in ".!?":
            return True
    return c in "'’" and (j == 0 or not text[j - 1].isalnum())


def _tokens(text: str, d: NameData, marks: set | None = None) -> list[_Tok]:
    """The capitalised words; ``marks`` receives the start and end offsets of capitalised
    function words inside a sentence ("Calls Hillary Clinton A Liar *On* Live TV"), the sign of
    a line in Title Case."""
    out = []
    for m in _CAP_TOKEN.finditer(text):
        s, e = m.start(), m.end()
        word = m.group()
        poss = False
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word, e, poss = word[:-2], e - 2, True
        elif word[-1] in "'’":
            word, e, poss = word[:-1], e - 1, True
        if ("'" in word or "’" in word) and _APOSTROPHE.split(word)[-1].lower() in _CONTRACTIONS:
            continue
        if word in _FUNCTION_CAPS:
            if marks is not None and not _opens(text, s):
                marks.update((s, e))
            continue  # "The", "But", "He": never a name; left out, they still break a run
        after = m.end()
        if after < len(text) and text[after] == "." and (
                (len(word) == 1 and word.isupper()) or word.lower() in _ABBREV):
            after += 1
        out.append(_Tok(s, e, word, True, _opens(text, s), poss, after))
    return out


def _groups(text: str, toks: list[_Tok], d: NameData, marks: set = frozenset()) -> list[_Group]:
    """Runs of capitalised words, with up to two connectors between two of them."""
    groups = []
    run: list[_Tok] = []
    for t in toks:
        if run and not run[-1].poss:
            prev = run[-1]
            gap = text[prev.after:t.start]
            if gap == " ":
                run.append(t)
                continue
            if gap[:1] == " " and gap[-1:] == " " and len(gap) < 12:
                words = list(_GAP_WORD.finditer(gap))
                if len(words) <= 2 and gap == " " + " ".join(w.group() for w in words) + " " \
                        and all(w.group() in d.connectors for w in words):
                    for w in words:
                        ws = prev.after + w.start()
                        run.append(_Tok(ws, ws + len(w.group()), w.group(), False, False, False, ws + len(w.group())))
                    run.append(t)
                    continue
        if run:
            _close(run, groups, d, marks)
        run = [t]
    if run:
        _close(run, groups, d, marks)
    return groups


def _close(run: list[_Tok], groups: list, d: NameData, marks=frozenset()) -> None:
    title_case = len(run) >= 2 and (run[0].start - 1 in marks or run[-1].after + 1 in marks)
    if title_case or len(run) >= 3 and any(t.cap and t.text.lower() in _FUNCTION and t.after == t.end
                                           and t.text not in d.calendar_words for t in run[1:-1]):
        # A line in Title Case ("Hillary Asking Moderator To Fact Check Trump"): the names are
        # the runs of words that are not common English words
        part: list[_Tok] = []
        for t in run:
            if t.cap and not d.is_common(t.text) and t.text.lower() not in _FUNCTION:
                part.append(t)
            else:
                if part:
                    _close(part, groups, d)
                part = []
        if part:
            _close(part, groups, d)
        return
    if len(run) == 1:
        w = run[0].text
        if w.lower() in _FUNCTION or w in d.calendar_words:
            return  # most single capitals open a sentence: "The", "But", "On"
        groups.append(_Group(run))
        return
    groups.extend(_split(run, d))


def _headed(words, d: NameData) -> bool:
    """An organisation or place name by its head: "... Party", "Bank of ...", "Centre for ..."."""
    key = tuple(words)
    hit = _HEADED.get(key)
    if hit is None:
        if len(_HEADED) > 50_000:
            _HEADED.clear()
        hit = _HEADED[key] = _headed_uncached(key, d)
    return hit


_HEADED: dict = {}  # per process; the head words never change once loaded


def _headed_uncached(words, d: NameData) -> bool:
    if words[-1] in d.org_heads or words[-1] in d.geo_heads:
        return True
    if len(words) > 1 and (words[0] in d.org_heads or words[0] in d.geo_heads) and words[0] not in d.role_words \
            and not _is_acronym(words[0]) and not all(d.is_common(w) for w in words[1:]):
        return True  # "Hospital Universitario de Caracas", "Universidad de Los Andes"
    return any(w in d.org_heads or w in d.geo_heads for w, nxt in zip(words, words[1:]) if nxt in ("of", "for", "on", "de"))


def _split(run: list[_Tok], d: NameData) -> list[_Group]:
    """"and" and "of" inside a run: one name or two; a title inside it starts a person."""
    if not run:
        return []
    words = [t.text for t in run]
    org_like = _headed(words, d)
    # "GNB Brigade General Hector Hernández": a title before a first name starts the person
    for k in range(len(words) - 2, 0, -1):
        if words[k] in d.role_words and words[k + 1] in d.first_names:
            j = k
            while j > 0 and words[j - 1] in d.role_words:
                j -= 1  # "Senate Majority Leader Mitch McConnell": the whole title
            if j == 0:
                break
            return _split(run[:j], d) + [_Group(list(run[k + 1:]), role=words[j:k + 1], forced_type="person")]
    # "Chris Christie Calls ...", "Elizabeth Warren Hammers Wells Fargo": a headline's verb ends the name
    if words[0] in d.first_names:
        for k in range(2, len(words)):
            if words[k].endswith("s") and d.is_common(words[k]) and run[k].cap:
                return _split(run[:k], d) + _split(run[k + 1:], d)
    for k, w in enumerate(words):
        if w in ("and", "&") and 0 < k < len(words) - 1:
            left, right = run[:k], run[k + 1:]
            if org_like and any(x in ("of", "for") for x in words[:k]):
                continue  # Centre for Disease Prevention and Control
            if org_like and k == 1 and d.is_common(words[0]) and d.is_common(words[2]) \
                    and words[0] not in d.first_names and words[0] not in d.org_heads:
                continue  # Securities and Exchange Commission
            out = _split(left, d)
            rest = _split(right, d)
            # "Bill and Chelsea Clinton"
            if (len(left) == 1 and left[0].text in d.first_names and rest and len(rest[0].toks) >= 2
                    and rest[0].toks[0].text in d.first_names and out):
                out[-1].full_name = left[0].text + " " + rest[0].toks[-1].text
                out[-1].forced_type = "person"
            return out + rest
    for k, w in enumerate(words):
        if w in ("of", "for", "on", "the") and 0 < k < len(words) - 1:
            before = words[k - 1]
            if before in d.org_heads or before in d.geo_heads:
                continue
            if w == "the" and k >= 2 and words[k - 1] in ("of", "for", "on"):
                continue
            return _split(run[:k], d) + _split(run[k + 1:], d)
    return [_Group(list(run))]


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalnum() and letters.upper() == letters and any(c.isalpha() for c in letters)


class _Article:
    """What the rules read of the whole article."""

    def __init__(self, text: str, toks: list[_Tok], body_start: int):
        self.text = text
        self.lower_words = set(_LOWER_WORD.findall(text, body_start))
        self.mid_caps = {t.text for t in toks if t.cap and not t.initial and t.start >= body_start}
        self.country = None  # the country the article names most
        self.plurals = {t.text for t in toks if t.cap and t.text.endswith("s") and t.start >= body_start}


def _clean(g: _Group, art: _Article, d: NameData) -> _Group | None:
    toks = list(g.toks)
    words = [t.text for t in toks]
    headed = _headed(words, d)
    if len(words) > 1 and words[-1] in d.calendar_words and all(d.is_common(w) for w in words[:-1]):
        return None  # "Bloody Friday", "Black September": a day's name, not an entity
    # leading function and calendar words ("The", "But", "On Monday"), "Kurdish-led", "Pro-"
    while toks and (toks[0].text.lower() in _FUNCTION or toks[0].text in d.calendar_words
                    or toks[0].text in d.connectors
                    or toks[0].text.rsplit("-", 1)[-1].lower() in _HYPHEN_ADJECTIVE
                    or toks[0].text.lower().startswith(("pro-", "anti-", "ex-", "non-", "post-", "pre-"))):
        toks.pop(0)
    # leading titles and roles ("Former Vice President", "Sen.", "U.S. District Judge")
    role = []
    if not headed:
        while len(toks) > 1 and (toks[0].text in d.role_words or toks[0].text.lower() in d.titles):
            role.append(toks.pop(0).text)
    while toks and ((toks[-1].text in d.calendar_words and not (len(toks) > 1 and toks[-2].text in d.first_names))
                    or toks[-1].text in _FUNCTION
                    or toks[-1].text.lower() in d.connectors or toks[-1].text in d.not_names
                    or (not headed and len(toks) > 1 and toks[-1].text in d.role_words)):
        toks.pop()
    if not toks or (role and len(toks) == 1 and (toks[0].text in d.role_words or toks[0].text.lower() in d.titles)):
        return None  # "Major General", "Attorney General": a title without its holder
    out = _Group(toks, role=g.role + role, forced_type=g.forced_type, full_name=g.full_name)
    if role and any(r.rstrip(".") in d.honorifics for r in role) and not _is_acronym(toks[0].text):
        out.forced_type = out.forced_type or "person"
    return out


def _type(g: _Group, art: _Article, d: NameData, prev_word: str, next_word: str) -> tuple[str, float] | None:
    """(type, confidence) of a cleaned span, or None when it is no name."""
    toks = g.toks
    words = [t.text for t in toks]
    first, last = words[0], words[-1]
    if g.forced_type == "person" and len(words) <= 4:
        return "person", 0.9
    if g.forced_type == "location":
        return "location", 0.8
    if len(words) == 1:
        w = first
        if w in d.not_names or w in d.calendar_words or w.lower() in _FUNCTION or len(w) == 1 or w in _COMPASS \
                or w in d.suffixes:
            return None
        if any(c.isdigit() for c in w) and len(w) > 5:
            return None  # "P2qpm3h3Pm": a link's code, not a name
        if len(w) <= 4 and w.istitle() and _ABBREVIATED.match(art.text, toks[0].end) \
                and art.text[max(0, toks[0].start - 2):toks[0].start] == ", ":
            return None  # "Baltimore, Md.": a state's abbreviation
        if "." in w and len(w.replace(".", "")) < 3:
            return None  # "S.D.": initials
        if "-" in w and any(p in d.role_words or p in d.org_heads or p[:1].isdigit() for p in w.split("-")):
            return None  # "Director-General", "Consulate-General", "COVID-19"
        if w in d.group_words or w.endswith(("ism", "isms")):
            return None  # "Sunni", "Islamic", "Zionism": a faith, a people or a creed, not an entity
        if w.endswith("s") and not w.endswith(("ss", "us", "is", "os")) and w not in d.first_names \
                and fold(w) not in d.places and not w.isupper():
            return None  # "Hazaras", "Tsarnaevs": a plural is a group, not one name
        if w.endswith("s") and not w.endswith("ss") and not w.isupper() and (
                w[:-1] in art.mid_caps or _is_acronym(w[:-1]) or w.endswith(("ans", "ists", "ites", "ics"))):
            return None  # "Muslims", "Tsarnaevs", "IEDs": a group, not a name
        if w in d.role_words or w in d.org_heads or w in d.geo_heads:
            return None
        if next_word in d.geo_heads_lower:
            return "location", 0.8
        if w.isupper() and len(w) > 3 and not _is_acronym(w) and w.isalpha():
            return None  # "CROSSTALK", a transcript's "WALLACE:" not resolved to a person
        if _PARTY_STATE.match(w):
            return None  # "(R-IN)", "(D-Va.)": party and state
        if len(w) == 2 and w.isupper() and art.text[max(0, toks[0].start - 2):toks[0].start] == ", " \
                and prev_word[:1].isupper():
            return None  # "Washington, DC", "Austin, TX": a state's code after its city
        if _is_acronym(w):
            if w + "s" in art.plurals:
                return None  # "an IED" beside "IEDs": a common noun written in capitals
            if w.isupper() and len(w) > 3 and d.is_common(w) and w.title() not in d.places:
                return None  # shouting capitals
            title = w.title()
            if w.isalpha() and d.places.get(title, 0) >= 15000 and not d.is_common(w):
                return "location", 0.7
            return "organization", 0.6
        if toks[0].initial and w not in art.mid_caps and (
                w.lower() in art.lower_words or d.is_word(w) or w.endswith(("ing", "ed", "ly", "ness"))):
            return None  # "Government opponents ...", "Bemoaning the ...": a word opens the sentence
        if d.is_common(w) and next_word not in d.geo_heads_lower and d.places.get(fold(w), 0) < 50_000:
            return None  # "the Coalition", a heading's "Victims": a common word, not a name
        if next_word and next_word[:1].islower() and w.endswith(d.adjective_endings) and w not in d.places \
                and w not in d.first_names:
            return None  # "Marxist regimes", "Kurdish-led militias"
        if "-" in w and w.rsplit("-", 1)[-1].islower():
            return None  # "Kurdish-led", "Deep-pocketed", "God-given": a compound adjective
        if fold(w) in d.places:
            return "location", 0.7
        if prev_word.lower() in d.locative_before or (w.endswith(_PLACE_ENDINGS) and w not in d.first_names):
            return "location", 0.5
        if w in d.first_names:
            return "person", 0.5
        return "person", 0.4
    # several words
    if all(w.isupper() and len(w) > 1 for w in words) and not all(_is_acronym(w) for w in words):
        # a line in capitals ("NEWPORT NEWS, Va."): only a place it spells is taken
        return ("location", 0.6) if fold(" ".join(w.title() for w in words)) in d.places else None
    if any(w in d.group_words for w in words) and not _headed(words, d):
        return None  # "Shia Muslims"
    if any(w in d.event_words for w in words):
        return None  # "World War II", "Bloody Sunday": an event's name
    if next_word in d.geo_heads_lower:
        return "location", 0.85
    if _headed(words, d):
        head = last if (last in d.org_heads or last in d.geo_heads) else next(
            (w for w in words if w in d.org_heads or w in d.geo_heads), last)
        return ("organization", 0.85) if head in d.org_heads else ("location", 0.85)
    folded = fold(" ".join(words))
    if folded in d.places:
        return "location", 0.8
    if first in _COMPASS and fold(" ".join(words[1:])) in d.places:
        return "location", 0.8  # "East Belfast", "North Waziristan"
    if g.role or first in d.first_names:
        if len(words) <= 5 and all(w[:1].isupper() or w.lower() in d.inner_connectors for w in words):
            return "person", 0.85
    content = [w for w in words if w.lower() not in d.connectors]
    if all(d.is_common(w) for w in content):
        return None  # "Full Screen", "Caption People": capitalised common words
    if toks[0].initial and d.is_common(first) and first not in art.mid_caps and len(content) == 2:
        # "Government Opponents"-like openings where only the second word is a name
        return None
    if all(_is_acronym(w) for w in content):
        return "organization", 0.5
    if any(_is_acronym(w) for w in content):
        return "organization", 0.5  # "Provisional IRA"
    if any(d.is_common(w) and not _is_acronym(w) for w in content):
        return None  # no head, no first name and a common word in it: a phrase in capitals
    if prev_word.lower() in _IN_PLACE and not toks[-1].poss:
        return "location", 0.5  # "killed in IS attacks in Badia al-Sukhnah"
    if len(words) <= 4:
        return "person", 0.6
    return "organization", 0.5


def _key_name(name: str, type_: str, d: NameData) -> str:
    if type_ != "person":
        return name
    parts = name.split()
    if len(parts) > 2:
        parts = [parts[0]] + [p for p in parts[1:-1] if not (len(p.rstrip(".")) == 1)] + [parts[-1]]
    return " ".join(parts)


def entity_key(name: str, type_: str, d: NameData) -> str:
    return f"extracted:{type_}:{spelling_key(_key_name(name, type_, d))}"


def find(text: str, known: list, d: NameData, body_start: int = 0, kb_lookup=None) -> tuple[list[Found], set, list]:
    """The names in ``text`` that ``known`` (gazetteer mentions: objects with start, end,
    entity.type, surface, kind) does not cover.

    Returns the names found, the set of indexes of ``known`` mentions that a longer name
    swallows (they are no mentions: "Jersey" of "New Jersey"), and mentions of gazetteer
    entities the gazetteer's spellings missed ("Donald J. Trump", a bare surname): tuples
    (entity, start, end, surface, kind). ``kb_lookup(name)`` gives the gazetteer entity of a
    spelling, if any."""
    marks: set[int] = set()
    toks = _tokens(text, d, marks)
    art = _Article(text, toks, body_start)
    counts: dict = {}
    for m in known:
        if m.entity.type == "country" and m.start >= body_start:
            counts[m.entity.name] = counts.get(m.entity.name, 0) + 1
    art.country = min(counts, key=lambda n: (-counts[n], n)) if counts else None
    groups = _groups(text, toks, d, marks)
    known_spans = sorted((m.start, m.end, k) for k, m in enumerate(known))
    known_starts = [x[0] for x in known_spans]
    longest = max((e - s_ for s_, e, _ in known_spans), default=0)
    swallowed: set[int] = set()
    found: dict[str, Found] = {}
    pending_single: list[tuple[_Group, str]] = []
    known_extra: list[tuple] = []  # gazetteer entities met under a form the gazetteer lacks
    persons_kb: list[tuple] = []
    pending_aliases: dict[int, str] = {}
    persons: list[tuple[int, Found, list[str]]] = []

    def add(key, name, type_, conf, start, end, kind, role=None):
        f = found.get(key)
        if f is None:
            f = found[key] = Found(key, name, type_, conf, [], role)
        elif len(name) > len(f.name):
            f.name = name
        f.confidence = max(f.confidence, conf)
        if role and not f.role:
            f.role = role
        f.spans.append((start, end, text[start:end], kind))
        return f

    for g0 in groups:
        g = _clean(g0, art, d)
        if g is None:
            continue
        lo = bisect.bisect_left(known_starts, g.start - longest)
        if any(known[k].start <= g.start and known[k].end >= g.end
               for _, _, k in known_spans[lo:bisect.bisect_left(known_starts, g.end)]):
            continue  # the gazetteer has the whole name
        if kb_lookup is not None and len(g.toks) == 1 and kb_lookup(g.toks[0].text, True) is not None:
            continue  # a spelling the gazetteer knows but did not take here ("ethnic Tajik")
        if kb_lookup is not None and len(g.toks) >= 2:
            name = g.surface(text)
            entity = kb_lookup(name) or kb_lookup(_key_name(name, "person", d))
            if entity is not None:  # "Donald J. Trump": the gazetteer's Donald Trump
                lo = bisect.bisect_left(known_starts, g.start - longest)
                swallowed.update(k for s_, e_, k in known_spans[lo:bisect.bisect_left(known_starts, g.end)]
                                 if s_ < g.end and g.start < e_)
                known_extra.append((entity, g.start, g.end, name, "alias"))
                if entity.type == "person":
                    persons_kb.append((g.start, entity, name.split()))
                continue
        lo = bisect.bisect_left(known_starts, g.start - longest)
        inside = [k for s, e, k in known_spans[lo:bisect.bisect_left(known_starts, g.end)]
                  if s < g.end and g.start < e]
        if inside:
            cover = [k for k in inside if known[k].start <= g.start and known[k].end >= g.end]
            if cover:
                continue
            words = [t.text for t in g.toks]
            headed = _headed(words, d)
            kb_person = [k for k in inside if known[k].entity.type == "person"]
            extra_first = (len(words) >= 2 and words[0] in d.first_names and kb_person
                           and known[kb_person[0]].start == g.toks[1].start and known[kb_person[0]].end == g.end)
            compass = (words[0] in _POINTS and len(inside) == 1 and known[inside[0]].start > g.start
                       and known[inside[0]].entity.type in ("location", "country") and known[inside[0]].end == g.end)
            if compass:
                g.forced_type = "location"  # "North Caucasus", "Western Europe": a region of its own
            if extra_first and words[0] in known[kb_person[0]].entity.name.split():
                # "Ali Khamenei" around the gazetteer's "Khamenei" (Ayatollah Ali Khamenei): the same man
                swallowed.update(inside)
                known_extra.append((known[kb_person[0]].entity, g.start, g.end, g.surface(text), "alias"))
                persons_kb.append((g.start, known[kb_person[0]].entity, words))
                continue
            if headed and len(words) == 2 and kb_person and words[-1] in _OFFICE_OF_PERSON:
                headed = False  # "Biden Administration", "Trump Campaign": the person's, not a name
            if headed or extra_first or compass or (words[-1] in d.suffixes and kb_person):
                swallowed.update(inside)
            else:
                # the gazetteer's names stand; the words between them are read on their own
                rest = [t for t in g.toks if not any(known[k].start < t.end and t.start < known[k].end for k in inside)]
                for sub in _runs(rest, text):
                    sub_g = _clean(_Group(sub), art, d)
                    if sub_g is not None:
                        _place(sub_g, art, d, add, pending_single, persons, text, pending_aliases)
                continue
        _place(g, art, d, add, pending_single, persons, text, pending_aliases)

    # single words: a surname or first name of a person named in full, else a name of its own
    people: dict = {}  # key -> [first offset, full mentions, Found or gazetteer entity]
    surnames: dict[str, set] = {}
    firsts: dict[str, set] = {}

    def person(key, target, start, words):
        core = [w for w in words if w not in d.suffixes and w.rstrip(".") not in d.role_words]
        if len(core) < 2:
            return
        p = people.setdefault(key, [start, 0, target])
        p[0], p[1] = min(p[0], start), p[1] + 1
        surnames.setdefault(core[-1], set()).add(key)
        firsts.setdefault(core[0], set()).add(key)

    for start, f, words in persons:
        person(f.key, f, start, words)
    for start, entity, words in persons_kb:
        person(entity.ref, entity, start, words)
    for k, m in enumerate(known):
        if k not in swallowed and m.entity.type == "person" and m.kind in ("name", "alias"):
            person(m.entity.ref, m.entity, m.start, _POSSESSIVE.sub("", m.surface).split())

    def choose(keys):
        """The person a bare surname means: the only one, else the one the article names in
        full most often (the first named on a tie) -- not merely the most recent."""
        if not keys:
            return None
        return people[min(keys, key=lambda key: (-people[key][1], people[key][0]))][2]

    def mention(target, start, end, kind):
        if isinstance(target, Found):
            add(target.key, target.name, target.type, target.confidence, start, end, kind)
        else:
            known_extra.append((target, start, end, text[start:end], kind))

    for g, verdict, end in pending_single:
        w = g.toks[0].text
        target = choose(surnames.get(w)) or (choose(firsts.get(w)) if len(firsts.get(w, ())) == 1 else None)
        if target is None and w.isupper() and len(w) > 3:
            target = choose(surnames.get(w.title()))  # "WALLACE:" in a transcript
        if target is not None:
            mention(target, g.start, g.end, "surname" if w in surnames or w.title() in surnames else "alias")
            continue
        if verdict is None:
            continue
        type_, conf = verdict
        f = add(entity_key(w, type_, d), w, type_, conf, g.start, end, "name")
        if g.start in pending_aliases:
            f.aliases.add(pending_aliases[g.start])
    # a gazetteer surname in an article that names another person of that surname in full
    # ("Clinton" in an article about Bill Clinton is not Hillary)
    for k, m in enumerate(known):
        if k in swallowed or m.entity.type != "person" or " " in m.surface.strip():
            continue
        w = _POSSESSIVE.sub("", m.surface.strip())
        target = choose(surnames.get(w))
        if isinstance(target, Found):
            swallowed.add(k)
            mention(target, m.start, m.start + len(w), "surname")
    _definitions(text, found, known, swallowed, known_extra, kb_lookup)
    return list(found.values()), swallowed, known_extra


def _runs(toks: list[_Tok], text: str) -> list[list[_Tok]]:
    out, cur = [], []
    for t in toks:
        if cur and text[cur[-1].after:t.start] != " ":
            out.append(cur)
            cur = []
        cur.append(t)
    if cur:
        out.append(cur)
    return [r for r in out if r[0].cap]


_PREV_WORD = re.compile(r"([\w'’.\-]+)[^\w\n]*$")
_NEXT_WORD = re.compile(r" ([\w'’\-]+)")


def _place(g, art, d, add, pending_single, persons, text, pending_aliases):
    m = _PREV_WORD.search(text, max(0, g.start - 30), g.start)
    prev_word = m.group(1) if m else ""
    after = g.toks[-1].after
    m = _NEXT_WORD.match(text, after)
    next_word = m.group(1) if m else ""
    next_end = m.end() if m else after
    verdict = _type(g, art, d, prev_word, next_word)
    role = _role(g.role, d)
    if len(g.toks) == 1 and g.full_name is None:
        if g.forced_type == "person":
            verdict = ("person", 0.8)
        end = _end(g, verdict[0] if verdict else None, next_word, next_end, d)
        pending_single.append((g, verdict, end))
        honorific = [r for r in g.role if r.rstrip(".") in d.honorifics_in_name]
        if honorific:
            g.full_name = None
            pending_aliases[g.start] = " ".join(honorific + [g.toks[0].text])  # "Lord Carrington"
        return
    if verdict is None:
        return
    type_, conf = verdict
    name = g.full_name or g.surface(text)
    if type_ == "organization" and all(t.text.lower() in d.generic_office or t.text in d.connectors for t in g.toks):
        # "the Defense Ministry": every country has one; it is the one of the country the
        # article is about, and no name at all when the article names no country
        if art.country is None:
            return
        name = f"{name} ({art.country})"
    f = add(entity_key(name, type_, d), name, type_, conf, g.start, _end(g, type_, next_word, next_end, d),
            "name", role)
    honorific = [r for r in g.role if r.rstrip(".") in d.honorifics_in_name]
    if honorific and type_ == "person":
        f.aliases.add(" ".join(honorific + [name]))  # "Mawlawi Abdul Kabir", "Lord Carrington"
    if type_ == "person":
        persons.append((g.start, f, (g.full_name or name).split()))


def _end(g, type_, next_word, next_end, d) -> int:
    """"Idlib province": the lower-case geographic head belongs to the mention."""
    if type_ == "location" and next_word in d.geo_heads_lower:
        return next_end
    return g.end


_NOT_ROLES = frozenset(_R["not_roles"])


def _role(words: list[str], d: NameData) -> str | None:
    """"Sen." -> "senator", "Former Vice President" -> "former vice president"; "Mr." is no role."""
    out = [d.role_keep_as.get(w.rstrip("."), w.rstrip(".")).lower() for w in words]
    out = [w for w in out if w not in _NOT_ROLES]
    return " ".join(out) or None


_DEFINED = re.compile(r" \(([A-Z][A-Za-z&.\-]{1,11})\)")


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[\w’']+", name) if w[0].isupper())


def _definitions(text, found: dict, known: list, swallowed: set, known_extra: list, kb_lookup) -> None:
    """"North Atlantic Treaty Organization (NATO)": the long form and its acronym are one entity,
    the gazetteer's if it knows either, else the long form's."""
    if " (" not in text:
        return
    ends: dict[int, object] = {}
    for f in found.values():
        for s_, e_, _, _ in f.spans:
            ends[e_] = f
    for k, m in enumerate(known):
        if k not in swallowed:
            ends.setdefault(m.end, m.entity)
    for entity, s_, e_, _, _ in known_extra:
        ends.setdefault(e_, entity)
    for m in _DEFINED.finditer(text):
        acronym = m.group(1)
        long_form = ends.get(m.start())
        letters = acronym.replace(".", "").replace("-", "").replace("&", "")
        if long_form is None or not letters.isupper():
            continue
        initials = _initials(long_form.name)
        if not initials or letters[0] != initials[0] or len(letters) > len(initials) + 1:
            continue
        short = found.get(f"extracted:organization:{acronym.lower()}") or next(
            (f for f in found.values() if f.name == acronym), None)
        kb_short = kb_lookup(acronym, True) if kb_lookup is not None else None
        if isinstance(long_form, Found):
            target = kb_short
            if target is None:
                if short is not None and short is not long_form:
                    long_form.spans += [(a, b, sf, "alias") for a, b, sf, _ in short.spans]
                    found.pop(short.key, None)
                long_form.aliases.add(acronym)
                continue
            # the gazetteer knows the acronym: the long form is another spelling of it
            found.pop(long_form.key, None)
            known_extra.extend((target, a, b, sf, "alias") for a, b, sf, _ in long_form.spans)
        elif short is not None:
            found.pop(short.key, None)
            known_extra.extend((long_form, a, b, sf, "alias") for a, b, sf, _ in short.spans)
