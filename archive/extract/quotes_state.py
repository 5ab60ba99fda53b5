"""The quote extractor's records and state (archive.extract.quotes): quoted spans of every mark
style, the per-article state, and the tests a speaker phrase passes (a name, a described source,
a he/she antecedent's gender)."""

from __future__ import annotations

import bisect
import re

from dataclasses import dataclass
from archive.extract.entities import LexEntity
from archive.extract.entities import Mention
from archive.extract.quotes_text import head_name
from archive.extract.sentences import Sentence
from archive.extract.quotes_vocab import (
    _AFTER_ALL, _CONJUNCTIONS, _COORDINATION, _DEFINITE, _DOCUMENT, _FEMALE, _GENERIC_SPEAKER, _HONORIFIC,
    _INDEFINITE, _LATER_CAPITAL, _MALE, _MARKS, _PARAGRAPH_BREAK, _PLURAL_ROLE, _PRONOUNS, _STOPWORDS,
    _TWO_CAPITALS,
)


@dataclass
class QuoteRecord:
    speaker: LexEntity | None
    speaker_text: str
    speakers: list[LexEntity]
    cue: str
    text: str
    kind: str  # direct or reported
    start: int
    end: int
    sentence_index: int


@dataclass
class _Quote:
    qs: int  # inner span
    qe: int
    closed: bool
    open_at: int
    close_at: int


def _direct_spans(text: str) -> list[_Quote]:
    """Quoted spans between double quotation marks of any style, mixed as copy mixes them
    ("...” and “..."): “ opens, ” closes, a straight " opens after a blank or an opening
    bracket and closes after a word or punctuation. An opening mark while a quote is open
    (a paragraph that opens a quote without closing it) ends that quote there; a quote
    open at the end runs to the end of its paragraph."""
    out: list[_Quote] = []
    open_at = -1
    depth = 0
    n = len(text)
    for m in _MARKS.finditer(text):
        i = m.start()
        ch = m.group(0)
        if ch == '"':
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < n else " "
            if before.isspace() or before in "([{—–-/":
                opening = not after.isspace() or open_at < 0 and after not in " \n"
                if after.isspace():
                    if open_at < 0:
                        continue  # a stray mark between blanks
                    opening = False
            else:
                opening = open_at < 0 and after.isalnum()
        else:
            opening = ch == "“"
            if opening and open_at >= 0 and _PARAGRAPH_BREAK.search(text, open_at, i) is None and _nested(text, i):
                depth += 1  # “... what he calls “hell” than ...”: a quote inside the quote
                continue
            if not opening and depth:
                depth -= 1
                continue
        if opening:
            if open_at >= 0:
                out.append(_Quote(open_at + 1, i, False, open_at, i))
            open_at = i
        elif open_at >= 0:
            out.append(_Quote(open_at + 1, i, True, open_at, i + 1))
            open_at = -1
    if open_at >= 0:
        end = _paragraph_end(text, open_at)
        out.append(_Quote(open_at + 1, end, False, open_at, end))
    if not out and ("‘" in text or "'" in text):
        out = _single_spans(text)
    return out


def _nested(text: str, i: int) -> bool:
    """A “ at ``i`` inside an open quote opens a nested one when, before the paragraph ends and
    before another “, two ” follow (the nested close and the outer one)."""
    end = _paragraph_end(text, i)
    nxt = text.find("“", i + 1, end)
    stop = end if nxt < 0 else nxt
    first = text.find("”", i + 1, stop)
    return first >= 0 and text.find("”", first + 1, stop) >= 0


def _single_spans(text: str) -> list[_Quote]:
    """British style, in a text with no double quotation marks: ‘...’ or '...' (an opening mark
    after a blank and before a letter, a closing one after a non-blank and before no letter,
    so that apostrophes — don’t, Clinton’s — are neither), within a paragraph."""
    out: list[_Quote] = []
    pos = 0
    while True:
        o = _SINGLE_OPEN.search(text, pos)
        if o is None:
            return out
        c = _SINGLE_CLOSE.search(text, o.end())
        if c is None:
            return out
        brk = _PARAGRAPH_BREAK.search(text, o.end(), c.start())
        if brk is not None:
            pos = brk.end()
            continue
        out.append(_Quote(o.end(), c.start(), True, o.start(), c.end()))
        pos = c.end()


_SINGLE_OPEN = re.compile(r"(?<![^\s(\[—–-])[‘'](?=[A-Za-z0-9])")
# not a plural possessive ("the students’ union")
_SINGLE_CLOSE = re.compile(r"(?<=\S)[’'](?![A-Za-z0-9])(?!(?<=s[’'])\s+[a-z])")


def _paragraph_end(text: str, a: int) -> int:
    m = _PARAGRAPH_BREAK.search(text, a)
    return m.start() if m else len(text)


# --------------------------------------------------------------------------- speakers

@dataclass
class _State:
    text: str
    mentions: list[Mention]
    starts: list[int]
    sentences: list[Sentence]
    sent_starts: list[int]
    last_person: tuple[int, LexEntity | None, str] | None = None  # (offset, entity, name)
    last_speaker: tuple[int, LexEntity | None, str, list] | None = None
    last_statement: tuple[int, list[LexEntity]] | None = None
    persons: list = None  # (offset, entity) of every person mention, in order
    roles: dict = None  # entity ref -> role keys read next to its mentions
    quoted: list = None  # (open, close) of every quoted span
    people: list = None  # every last_person, in order: the antecedents of "he" and "she"
    genders: dict = None  # surname -> "m" | "f", from "Mr. X" / "Mrs. X" / "Ms. X"

    def mentions_in(self, a: int, b: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, a)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < b:
            if self.mentions[i].end <= b:
                out.append(self.mentions[i])
            i += 1
        return out

    def sentence_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, offset) - 1)


# --------------------------------------------------------------------------- main

@dataclass
class _Cand:
    start: int  # content span
    end: int
    kind: str  # direct, reported, marker
    cue: str = ""
    cue_span: tuple[int, int] | None = None
    spk_span: tuple[int, int] | None = None
    participle: bool = False
    continuation: bool = False
    parties: list | None = None
    quote_span: tuple[int, int] | None = None


def _known_surname(st: _State, word: str, before: int) -> bool:
    """"Keshavarzzadeh" after "Mohammad Keshavarzzadeh" was named: an unknown person's surname."""
    if not re.fullmatch(r"[A-Z][\w'’-]{2,}", word or ""):
        return False
    return re.search(r"[A-Z][\w'’.-]+\s+" + re.escape(word) + r"\b", st.text[:before]) is not None


def _looks_like_name(words: str) -> bool:
    ws = words.split()
    if len(ws) == 1 and re.fullmatch(r"[A-Z]{2,6}", ws[0]):
        return True  # an acronym ("ACAA")
    return 2 <= len(ws) <= 5 and all(w[:1].isupper() for w in ws)


def _set_person(st: _State, offset: int, entity: LexEntity | None, name: str) -> None:
    st.last_person = (offset, entity, name)
    st.people.append(st.last_person)


_POSSESSOR = re.compile(r"[A-Z][\w\u02d1-]*['’]s?\s+[a-z]")
_RELATIVE = re.compile(r"\s(?:which|that|who|whom|whose)$|\s(?:which|that|who|whom|whose)\s")
_AT_PLACE = re.compile(r"\s(?:at|in|near|outside|inside|on|from|of)\s+(?:the\s+)?$")


def _names_someone(phrase: str) -> bool:
    """A description that names its source ("the Clinton campaign", "a new Washington
    Post-ABC News poll", "the NAACP"), not a generic one ("officials", "some analysts")."""
    if phrase.lower() in _PRONOUNS or phrase.lower() in _STOPWORDS:
        return False  # "It claimed"
    if _GENERIC_SPEAKER.match(phrase) or _PLURAL_ROLE.search(phrase) and not _DEFINITE.match(phrase):
        return False
    if len(phrase.split()) > 10 or _COORDINATION.search(phrase) or _PLURAL_ROLE.search(phrase) or \
            _RELATIVE.search(phrase):
        return False  # "the West Asian region and beyond the region", "a denunciation of X which"
    if _INDEFINITE.match(phrase):
        # "a new Washington Post-ABC News poll", not "an Iranian diplomat", "a source in Herat",
        # "a two-hour emergency meeting at Stormont Castle"
        two = _TWO_CAPITALS.search(phrase, phrase.find(" ") + 1)
        if two is not None and _AT_PLACE.search(phrase, 0, two.start()) is None:
            return True
        return _DOCUMENT.search(phrase) is not None and _LATER_CAPITAL.search(phrase) is not None
    return _LATER_CAPITAL.search(phrase) is not None or head_name(phrase, 0, len(phrase)) is not None or \
        _POSSESSOR.match(phrase) is not None  # "Clinton’s team", "Pagliano's lawyer"


def _is_name(words: str) -> bool:
    """A name as the speaker words give it ("O'Neill", "G.K. Butterfield"), not a pronoun."""
    return words.lower() not in _PRONOUNS and head_name(words, 0, len(words)) == (0, len(words))


def _gender(st: _State, person: LexEntity | None, name: str) -> str | None:
    """"m", "f" or None (not known) for a person: from "Mr. X" / "Mrs. X" in the article,
    else from the first name."""
    if st.genders is None:
        st.genders = {}
        for m in _HONORIFIC.finditer(st.text):
            st.genders.setdefault(m.group(2), "m" if m.group(1) == "Mr" else "f")
    words = (person.name if person is not None else name or "").split()
    if not words:
        return None
    g = st.genders.get(words[-1])
    if g is not None:
        return g
    if words[0] in _FEMALE and words[0] not in _MALE:
        return "f"
    if words[0] in _MALE and words[0] not in _FEMALE:
        return "m"
    return None


def _lead_ok(text: str, a: int, b: int) -> bool:
    """Capitalised words opening a clause that are a name ("Michael Mulgrew"), not an
    adverbial ("In June", "Similarly") or a generic plural ("Residents")."""
    words = text[a:b].split()
    if words and words[0].lower() in _CONJUNCTIONS:
        words = words[1:]  # "But Megan Hester, ..."
    if not words or words[0].lower() in _STOPWORDS or _GENERIC_SPEAKER.match(words[0]):
        return False
    if len(words) == 1 and (words[0].endswith("ly") or _PLURAL_ROLE.fullmatch(words[0])):
        return False
    return head_name(text, a, b) is not None


def _in_quote(pos: int, spans) -> bool:
    """``pos`` inside one of ``spans`` (sorted, not overlapping)."""
    i = bisect.bisect_right(spans, (pos, _AFTER_ALL[0])) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " ,;:":
        a += 1
    while b > a and text[b - 1] in " ,.;:":
        b -= 1
    return a, b
