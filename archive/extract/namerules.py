"""The rules of the name finder (:mod:`archive.extract.names`): which runs of capitalised
words are names, how they are cleaned (titles become roles) and typed by evidence.

Word lists are data (``archive/data/name_rules.json`` and the lists of
:mod:`archive.extract.namedata`); nothing here reads the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    if not org_like and len(words) > 1:
        # "Ulster Protestant politicians", "ISIS Amaq": a faith or people word, or an acronym
        # before a name without a head, is not part of it
        for k, w in enumerate(words):
            if w in d.group_words and run[k].cap:
                return _split(run[:k], d) + _split(run[k + 1:], d)
        i = next((k for k, w in enumerate(words) if w.lower() not in _FUNCTION), len(words))
        if i < len(words) - 1 and _is_acronym(words[i]) and run[i + 1].cap \
                and not any(_is_acronym(w) for w in words[i + 1:]):
            return [_Group([run[i]])] + _split(run[i + 1:], d)
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


_NOT_ROLES = frozenset(_R["not_roles"])


def _role(words: list[str], d: NameData) -> str | None:
    """"Sen." -> "senator", "Former Vice President" -> "former vice president"; "Mr." is no role."""
    out = [d.role_keep_as.get(w.rstrip("."), w.rstrip(".")).lower() for w in words]
    out = [w for w in out if w not in _NOT_ROLES]
    return " ".join(out) or None
