"""Quotes and reported speech in an article body, with their speakers: plain records.

Direct quotes are the text between quotation marks (curly or straight, across sentences; a
paragraph that opens a quote without closing it runs into the next opening mark), attributed
by a cue next to them:

- after the quote: "“...,” Kabulov told a press conference", "“...,” said Ghulam Farooq
  Aleem, a former Afghan prosecutor", "“...,” the joint statement said", "“...,” he added";
- before it, in the same sentence: "Lavrov stressed ... that “...”", "Xi said: “...”",
  "X confirmed the meeting in a post on X, writing that he was “...”".

A quote without a cue of its own continues the previous quote when it follows it within two
sentences; scare quotes (under four words, no cue next to them) and titles ("titled “...”")
are not quotes.

Reported speech needs a named (or pronoun) speaker: "X said (that) ...", "X noted that ...",
"X called on Y to ...", "X urged Y to ...", "X described Y as ...", "..., X said.",
"according to X, ...", "..., according to X". Speech acts with a noun-phrase object
("stressed the importance of", "expressed concern") and generic sources ("officials say",
"some analysts believe") are not quotes.

Speakers resolve to the entities mentioned in the speaker words (a person first, then an
organisation, then a country); "he"/"she" to the most recent person speaker or sentence
subject; definite descriptions ("the Iranian foreign minister", "Pakistan's leader", "the UN
envoy") to the most recent person named with that role (read next to their names: "Foreign
Minister X", "X, the ... spokesman") and that country (their ``country`` affiliation, when the
entity has one); "the ministry" to the most recent organisation so named; "the joint
statement", "the statement", "it" to the parties named as issuing the statement
(``speakers`` holds them all). A name the gazetteer does not know stays ``speaker=None``
with its words in ``speaker_text``, and a later "he" is not given to someone else; plural or
generic speakers ("Pakistani officials", "some analysts") are not resolved. Pass the
mentions of unresolved candidate entities too, and such names resolve to them.

Cue verbs come from ``context_words.json`` (``speech_verbs``) plus phrases ("told a press
conference", "wrote in a post on X", "according to", "called on").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from archive.data.lexicon import load_words
from archive.extract.entities import LexEntity, Mention
from archive.extract.quote_text import MASK, TITLE_WORDS, head_name, plain, quote_words, reading_text
from archive.extract.sentences import Sentence, split
from archive.extract.fastregex import trie_pattern

EXTRACTOR_VERSION = "quotes-1"


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


# --------------------------------------------------------------------------- vocabulary

_W = load_words()
_EXTRA_VERBS = [
    "say", "tell", "posted", "reported", "reports", "quoted", "promised", "pledged", "vowed",
    "assured", "reassured", "regretted", "implied", "asked", "recalled", "clarified",
    "elaborated", "underscored", "remarks", "claim", "described", "agreed", "urged",
]
_QW = quote_words()
_VERBS = sorted({v for v in _W["speech_verbs"] if v not in ("called", "calls", "expressed", "voiced")} | set(_EXTRA_VERBS)
                | set(_QW["speech_verbs"]), key=len, reverse=True)
# speech acts that report a proposition only with "that" (else they take a noun phrase)
_NEEDS_THAT = {
    "stressed", "stresses", "emphasized", "emphasised", "emphasizes", "underlined", "underscored",
    "highlighted", "reiterated", "reiterates", "welcomed", "hailed", "condemned", "criticized",
    "criticised", "affirmed", "acknowledged", "admitted", "confirmed", "confirms", "announced",
    "announces", "declared", "expressed", "voiced", "mentioned", "commented", "replied",
    "responded", "continued", "concluded", "observed", "predicted", "cautioned", "lamented",
    "complained", "recalled", "clarified", "elaborated", "remarked", "suggested", "asked",
    "posted", "reported", "reports", "quoted", "tweeted", "wrote", "writes", "agreed", "vowed",
    "pledged", "promised", "assured", "reassured", "regretted", "implied", "opined", "pointed out",
    "denied",
} | set(_QW["need_that"])  # fmt: skip
_PHRASE_CUES = [
    r"expressed\s+(?:his|her|their|its|the)?\s*hope", r"voiced\s+hope", r"made\s+it\s+clear",
    r"called\s+on", r"calls\s+on", r"called\s+upon", r"called\s+for", r"calls\s+for", r"pointed\s+out",
    r"points\s+out",
]
_PARTICIPLE_WORDS = [
    "saying", "adding", "noting", "stressing", "emphasising", "emphasizing", "underlining", "warning", "explaining",
    "insisting", "arguing", "writing", "stating", "declaring", "pointing out", "asserting", "claiming", "reiterating",
    "calling on", "calling for", "urging", "telling", "tweeting", "confirming", "announcing", "describing",
    "underscoring", "highlighting",
]  # fmt: skip
# one trie (an alternation of words is tried word by word at every position)
_PARTICIPLES = trie_pattern(set(_PARTICIPLE_WORDS) | set(_QW["participles"]), space=r"\s+")
# the verbs as a trie (longest first, as the sorted list was): scanned at every word
_CUE = (r"(?:" + "|".join(_PHRASE_CUES) + "|" + trie_pattern(_VERBS, space=r"\s+") + r")")
# what may follow a cue before the content: "said on Thursday", "told a press conference in Moscow"
_CUE_TAIL = re.compile(
    r"(?:\s+(?:"
    r"in\s+(?:a|an|his|her|its|their|the)\s+(?:post|tweet|message|statement|interview|letter|speech|note|commentary|"
    r"article|op-ed|address|video)(?:\s+(?:on|to|with|published\s+on|posted\s+on)\s+(?:the\s+)?"
    r"(?:X|Twitter|Facebook|Telegram|Instagram|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}))?"
    r"|on\s+(?:X|Twitter|Facebook|Telegram|social\s+media)"
    r"|on\s+(?:its|his|her|their)\s+(?:official\s+)?(?:X|Twitter|Telegram|Facebook|Instagram)?\s*(?:channel|account|page|website)"
    r"|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|today|yesterday|(?:this|last)\s+(?:week|month|year|morning|evening)"
    r"|earlier|later|also|again|previously|recently|repeatedly|separately|once\s+again|last\s+(?:week|month)|"
    r"(?:on|in)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{1,2})?"
    r"|(?:a|the)\s+(?:press|news)\s+(?:conference|briefing)(?:\s+in\s+[A-Z][\w-]+)?"
    r"|reporters|journalists|the\s+press"
    r"|(?:at|to)\s+(?:a|the)\s+(?:meeting|session|gathering|ceremony|conference|forum)(?:\s+(?:of|in|on)\s+[^,.;]{1,40}?)?"
    r"(?=[,.;]|\s+that\b|\s+[“\"])"
    r"))*"
)
# reported speech: also any place or occasion before "that" ("says at a campaign stop in Toledo, Ohio, that")
_REPORTED_TAIL = re.compile(
    _CUE_TAIL.pattern[:-3] + r"|(?:at|during|in|on|before|after|while|when)\s+[^,.;:“”\"]{1,60}?"
    r"(?:,\s+[A-Z][\w.\u02d1-]*)?(?=,?\s+that\b)" + "))*")
_SPEAKER_WORDS = r"(?:he|she|they|it|we|i)"
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_ROLE_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _W["roles"]), key=len, reverse=True)) + r")s?\b", re.I)
_GENERIC_SPEAKER = re.compile(
    r"^(?:some|many|most|several|other|various|local|western|foreign|international|unnamed|anonymous|"
    r"two|three|four|five|a\s+number\s+of|experts?|analysts?|observers?|officials?|critics|sources?|reports?|"
    r"witnesses|residents|media|people|pundits|political\s+pundits)\b", re.I)
_NP_OBJECT = re.compile(
    r"^\s*(?:(?:the|his|her|its|their|our|a|an|iran['’]s|tehran['’]s)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:importance|need|necessity|significance|role|readiness|hope|concerns?|support|commitment|appreciation|"
    r"gratitude|condolences?|efforts?|position|stance|policy|satisfaction|regret|opposition|willingness|"
    r"interest|desire|views?|comments?|remarks|details|issue|matter|situation|news|meeting|visit|responsibility|credit)\b", re.I)
_THAT = re.compile(r"^\s*,?\s*that\b\s*", re.I)
_TITLED = re.compile(r"\b(?:titled|entitled|dubbed|called|named|so-called|the\s+slogan|the\s+hashtag|headlined)\s*[,:]?\s*$", re.I)
_STATEMENT_NP = re.compile(r"\b(?:joint\s+)?(?:statement|declaration|communiqu[eé]|readout|resolution)\b", re.I)
_STATEMENT_EXT = re.compile(r"\s*(?:,\s*)?(?:which|that)\s+(?:also\s+)?(?:includes?|included|involves?|involved|was\s+(?:also\s+)?"
                            r"(?:signed|issued|adopted)\s+by)\s+[^,.;]+|\s+(?:issued|signed|adopted|released)\s+by\s+[^,.;]+|\s+(?:of|by)\s+[^,.;]+")
_ANY_STATEMENT = re.compile(r"\b(?:joint\s+)?(?:statement|declaration|communiqu[eé])\b", re.I)


@dataclass
class _Quote:
    qs: int  # inner span
    qe: int
    closed: bool
    open_at: int
    close_at: int


_MARKS = re.compile(r'[“”"]')


def _direct_spans(text: str) -> list[_Quote]:
    """Quoted spans between double quotation marks of any style, mixed as copy mixes them
    ("...” and “..."): “ opens, ” closes, a straight " opens after a blank or an opening
    bracket and closes after a word or punctuation. An opening mark while a quote is open
    (a paragraph that opens a quote without closing it) ends that quote there; a quote
    open at the end runs to the end of its paragraph."""
    out: list[_Quote] = []
    open_at = -1
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
    return out


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


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


def _best_entity(ms: list[Mention], prefer_first: bool = True) -> Mention | None:
    for kind in ("person", "organization", "country"):
        cands = [m for m in ms if m.entity.type == kind and not (kind == "country" and m.kind == "demonym" and
                                                                     any(x.entity.type in ("person", "organization") for x in ms))]
        if cands:
            return cands[0] if prefer_first else cands[-1]
    # a capital standing for its government ("Tehran said")
    metonyms = [m for m in ms if m.kind == "metonym"]
    return metonyms[0] if metonyms else None


def _statement_parties(st: _State, a: int, b: int) -> list[LexEntity]:
    """The parties named around a statement: countries and organisations (capitals count
    as their countries) in the clause that names the statement."""
    out: list[LexEntity] = []
    seen = set()
    by_ref = {m.entity.ref: m.entity for m in st.mentions}
    for m in st.mentions_in(a, b):
        ent = m.entity
        if ent.type == "location" and ent.capital_of is not None:
            ent = by_ref.get(ent.capital_of)
            if ent is None:
                continue
        elif ent.type not in ("country", "organization", "person"):
            continue
        if m.kind == "demonym" and not re.match(r"\s+(?:government|delegations?|officials?|side|representatives?|negotiators?)", st.text[m.end:m.end + 30]):
            continue
        if re.search(r"\b(?:on|about|regarding|over|for|in|to|of|with)\s+(?:the\s+)?$", st.text[max(0, m.start - 12):m.start]) and \
                not re.search(r"\b(?:from|of)\s+(?:the\s+)?$", st.text[max(0, m.start - 8):m.start]):
            continue
        if ent.ref in seen:
            continue
        seen.add(ent.ref)
        out.append(ent)
    return out


_QUALIFIER_AFTER = re.compile(r"['’]s?\b|\s+(?:campaign|spokes(?:man|woman|person)|aides?|advis[eo]rs?|lawyers?|attorneys?|"
                              r"staff|team|camp|allies|officials?|supporters|surrogates?|press\s+secretary|representatives?|"
                              r"doctor|physician|administration|transition)\b", re.I)
_ORG_HEADS = re.compile(r"\b(ministry|office|embassy|council|agency|government|army|command|committee|commission|"
                        r"parliament|presidency|administration|authority|department|consulate|mission|foundation)\b", re.I)
_PERSON_NOUNS = re.compile(r"\b(?:witness(?:es)?|resident|source|man|woman|member|fighter|soldier|civilian|student|"
                           r"journalist|reporter|correspondent|activist|expert|analyst|observer|commander|spokes\w+|"
                           r"statement|declaration|report|agency|ministry|office|embassy|leader|official|diplomat|"
                           r"envoy|minister|president|ambassador|negotiator|representative|politician|professor|"
                           r"lawyer|attorney|historian|scholar|researcher|author|chief|head|secretary|authority|"
                           r"airport|police|army|military|government|council|command|spokesperson)\b", re.I)
_PLURAL_ROLE = re.compile(r"\b(?:officials|diplomats|sources|analysts|experts|observers|leaders|ministers|members|"
                          r"authorities|representatives|spokesmen|people|residents|witnesses|critics|officers)\b", re.I)


_GIVEN_BEFORE = re.compile(r"(?<![\w'’.\u02d1-])([A-Z][a-z]+)\s$")


def _resolve(st: _State, a: int, b: int, cue_at: int) -> tuple[LexEntity | None, str, list[LexEntity]] | None:
    """Speaker from the words ``text[a:b]``; None when they are not a usable speaker."""
    # "Ivanka Trump" when only "Trump" was taken: a given name right before the words
    left = _GIVEN_BEFORE.search(st.text, max(0, a - 25), a) if " " not in st.text[a:b].strip() else None
    if left and left.group(1).lower() not in _STOPWORDS and left.group(1).lower() not in TITLE_WORDS and \
            not st.mentions_in(left.start(1), left.end(1)):
        a = left.start(1)
    raw = st.text[a:b].strip(" ,;:“”\"'")
    if not raw:
        return None
    low = raw.lower()
    ms = [m for m in st.mentions_in(a, b)]
    # statements
    if _STATEMENT_NP.search(raw) and not any(m.entity.type == "person" for m in ms):
        parties = [m.entity for m in ms if m.entity.type in ("organization", "country") and m.kind != "demonym"]
        if not parties and st.last_statement is not None and cue_at - st.last_statement[0] < 1500:
            parties = list(st.last_statement[1])
        if not parties:
            parties = [m.entity for m in ms if m.entity.type in ("organization", "country")]
        if parties:
            return (parties[0] if len(parties) == 1 else None), raw, parties
        return None, raw, []
    if low in _PRONOUNS:
        if low in ("he", "she", "i") and st.last_person is not None:
            # the most recent person a "he" or "she" can be (not a woman for "he")
            want = {"he": "m", "she": "f"}.get(low)
            for off, person, name in reversed(st.people):
                if cue_at - off > 3000:
                    break
                if want and _gender(st, person, name) not in (None, want):
                    continue
                return (person, raw, [person]) if person is not None else (None, name or raw, [])
            return None, raw, []
        if low == "it" and st.last_statement is not None and cue_at - st.last_statement[0] < 800 and (
                st.last_speaker is None or st.last_statement[0] > st.last_speaker[0]):
            parties = list(st.last_statement[1])
            return (parties[0] if len(parties) == 1 else None), raw, parties
        if low in ("they", "it", "we") and st.last_speaker is not None and st.last_speaker[1] is not None:
            sp = st.last_speaker
            if _STATEMENT_NP.search(sp[2]) or sp[1].type == "person":
                return None, raw, []
            return sp[1], raw, list(sp[3]) or [sp[1]]
        return None, raw, []
    # the name the phrase is about ("Clinton campaign spokesman Brian Fallon", "Rep. Elijah
    # Cummings of Maryland, the panel's ranking Democrat"): a person named in it as someone's
    # boss or as a qualifier ("Clinton's", "a Clinton spokesman") does not get the words
    head = head_name(st.text, a, b)
    if head is not None:
        in_head = [m for m in ms if m.start < head[1] and m.end > head[0]]
        person = [m for m in in_head if m.entity.type == "person"]
        if person and not _other_first_name(st.text, head, person[-1]):
            return person[-1].entity, raw, [person[-1].entity]
        if person:
            in_head = []  # "Luis Rubio" is not the Marco Rubio a mention of "Rubio" stands for
        name = st.text[head[0]:head[1]]
        after_title = st.text[max(a, head[0] - 6):head[0]].rstrip().endswith(MASK)  # "Mr. King"
        if not in_head and (len(name.split()) >= 2 or name.lower() not in _STOPWORDS or after_title) and (
                not ms or any(m.entity.type == "person" for m in ms) or
                (len(name.split()) >= 2 and not _ORG_HEADS.search(name) and not _ROLE_RE.fullmatch(name))):
            return None, name, []
    ms = [m for m in ms if not (m.entity.type == "person" and _QUALIFIER_AFTER.match(st.text, m.end, b))]
    if not ms and head is None and any(m.entity.type == "person" for m in st.mentions_in(a, b)):
        return None, raw, []  # "a Clinton spokesman": the spokesman's words, with the affiliation
    if _PLURAL_ROLE.search(raw) and not any(m.entity.type == "person" for m in ms):
        # "Pakistani officials", "Taliban sources": several unnamed people
        return None, raw, []
    if ms and not any(m.entity.type == "person" for m in ms):
        # "Iranian Ambassador to China Mohammad Keshavarzzadeh": a name after the known words
        tail = st.text[max(m.end for m in ms):b].strip(" ,")
        name = re.fullmatch(r"(?:[A-Z][\w'’.-]*\s+){0,3}?((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)", tail)
        if name and (len(name.group(1).split()) >= 2 or _ROLE_RE.search(st.text[a:b])) and \
                not _ORG_HEADS.search(name.group(1)) and not _ROLE_RE.fullmatch(name.group(1)):
            return None, name.group(1), []
    if _INDEFINITE.match(raw) and _ROLE_RE.search(raw) and not any(m.entity.type == "person" for m in ms):
        # "a Taliban spokesman", "an unnamed Afghan government official": someone unnamed of
        # that organisation or country, who keeps the words (the affiliation in the words)
        return None, raw, []
    best = _best_entity(ms)
    if best is not None:
        if best.entity.type in ("country", "location") and (best.kind == "demonym" or re.search(r"['’]s\s", raw)):
            # "the Iranian foreign ministry", "Iran's foreign ministry": that country's organisation
            head = _ORG_HEADS.search(raw[best.end - a:]) if best.end - a < len(raw) else None
            if head:
                org = _country_org(st, best.entity, head.group(1))
                return (org, raw, [org]) if org is not None else (best.entity, raw, [best.entity])
            # "the Iranian envoy", "Pakistan's leader": a description of a person
            if _ROLE_RE.search(raw[best.end - a:]):
                person = _recent_person(st, cue_at, best.entity, raw)
                if person is not None:
                    return person, raw, [person]
                return None, raw, []
        return best.entity, raw, [best.entity]
    # "the ministry", "the Foreign Ministry": the most recent organisation with that head
    head = _ORG_HEADS.search(raw)
    if low.startswith("the ") and head and not _ROLE_RE.search(raw):
        org = _recent_org(st, cue_at, head.group(1))
        if org is not None:
            return org, raw, [org]
    # a definite role phrase: the most recent person
    if low.startswith("the ") and _ROLE_RE.search(raw):
        person = _recent_person(st, cue_at, None, raw)
        if person is not None:
            return person, raw, [person]
        return None, raw, []
    single_name = re.fullmatch(r"[A-Z][\w'’-]{2,}", raw) is not None and low not in _STOPWORDS
    if not _looks_like_name(raw) and not _PERSON_NOUNS.search(raw) and not single_name and not _names_someone(raw):
        return None  # "the question that should really be": not a speaker
    return None, raw, []


def _other_first_name(text: str, head: tuple[int, int], m: Mention) -> bool:
    """The name words before a person mention in the head are not that person's
    ("Ivanka Trump" read as a mention of Donald Trump)."""
    if m.start <= head[0]:
        return False
    extra = [w for w in text[head[0]:m.start].split() if w[:1].isupper()]
    known = set(m.entity.name.lower().split())
    return any(w.lower() not in known for w in extra)


def _recent_org(st: _State, at: int, head: str) -> LexEntity | None:
    head = head.lower()
    for m in reversed(st.mentions_in(max(0, at - 3000), at)):
        if m.entity.type == "organization" and head in m.entity.name.lower():
            return m.entity
    return None


def _country_org(st: _State, country: LexEntity, head: str) -> LexEntity | None:
    """An organisation of ``country`` named in the article whose name has ``head``."""
    head = head.lower()
    for m in st.mentions:
        e = m.entity
        if e.type != "organization" or head not in e.name.lower():
            continue
        affiliation = getattr(e, "country", None)
        if affiliation is not None and affiliation.ref == country.ref:
            return e
        if affiliation is None and country.name.lower() in e.name.lower():
            return e
    return None


# US titles read as roles ("Sen. Bernie Sanders" ... "the Vermont senator"), abbreviations as the reading text spells them
_US_ROLES = {"sen" + MASK: "senator", "rep" + MASK: "congressman", "gov" + MASK: "governor", "congresswoman": "congressman",
             "businesswoman": "businessman", "chairwoman": "chairman"}
_ROLE_NOUNS = sorted({r.lower() for r in _W["roles"]} | {"president", "prime minister", "foreign minister", "congressman",
                                                          "nominee", "candidate", "businessman", "mogul"} | set(_US_ROLES),
                     key=len, reverse=True)
_ROLE_KEY = re.compile(r"\b(?:(?P<q>foreign|prime|deputy|defen[cs]e|interior|energy|economy|vice|special|presidential)\s+)?"
                       r"(?P<n>" + trie_pattern(r for r in _ROLE_NOUNS if " " not in r) + r")s?\b", re.I)
# the role is read in any case, the name words after it only capitalised ("Sen. Bernie Sanders met "
# does not make the next person named a senator)
_ROLE_BEFORE_NAME = re.compile(r"(?P<role>(?i:(?:[A-Za-z'’-]+\s+){0,3}?" + trie_pattern(_ROLE_NOUNS) +
                               r"))\s+(?:(?:for|to|of|on|in)\s+(?:the\s+)?)?(?:[A-Z][\w'’.\u02d1-]*\s+){0,3}$")
_ROLE_AFTER_NAME = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,;:.“”\"]{2,80}?)(?:,|\.|$)")


_ROLE_SYNONYMS = {"representative": "envoy", "emissary": "envoy", "spokeswoman": "spokesman",
                  "spokesperson": "spokesman", "premier": "prime minister", "advisor": "adviser", **_US_ROLES}


def role_keys(phrase: str, head_only: bool = False) -> set[str]:
    """"the Iranian foreign minister" -> {"minister", "foreign minister"}; with ``head_only``
    only the last role of the phrase (its head: "President's Special Envoy" -> envoy)."""
    found = list(_ROLE_KEY.finditer(phrase))
    if head_only:
        found = found[-1:]
    keys = set()
    for m in found:
        n = m.group("n").lower()
        n = _ROLE_SYNONYMS.get(n, n)
        keys.add(n)
        if m.group("q"):
            keys.add(m.group("q").lower() + " " + n)
    return keys


def _index_people(st: _State) -> None:
    st.persons = []
    st.roles = {}
    text = st.text
    for m in st.mentions:
        if m.entity.type != "person" or _in_quote(m.start, st.quoted):
            continue
        st.persons.append((m.start, m.entity))
        keys = set()
        pre = _ROLE_BEFORE_NAME.search(text[max(0, m.start - 60):m.start])
        if pre:
            keys |= role_keys(pre.group("role"))
        post = _ROLE_AFTER_NAME.match(text, m.end)
        if post and _ROLE_KEY.search(post.group("role")):
            keys |= role_keys(post.group("role"))
        if keys:
            st.roles.setdefault(m.entity.ref, set()).update(keys)


def _recent_person(st: _State, at: int, country: LexEntity | None, phrase: str = "") -> LexEntity | None:
    """The person a definite description ("the Iranian foreign minister") most likely
    means: the most recent person named with that role (and that country), else the most
    recent person when nothing is known of their roles."""
    wanted = role_keys(phrase, head_only=True)
    specific = {k for k in wanted if " " in k} or wanted
    recent = [(o, e) for o, e in st.persons if o < at and at - o <= 2500]
    fallback = None
    seen = set()
    unknown_at = st.last_person[0] if st.last_person is not None and st.last_person[1] is None else -1
    for o, person in reversed(recent):
        if o < unknown_at and (not wanted or wanted <= _GENERIC_ROLES or not st.roles.get(person.ref)):
            return None  # someone the gazetteer does not know spoke more recently
        if person.ref in seen:
            continue
        seen.add(person.ref)
        affiliation = getattr(person, "country", None)
        if country is not None and affiliation is not None and affiliation.ref != country.ref:
            continue
        known = st.roles.get(person.ref, set())
        if wanted and known and not wanted <= _GENERIC_ROLES:
            qualified = specific != wanted
            if (specific & known) if qualified else (wanted & known):
                return person
            continue
        if fallback is None:
            fallback = person
        if not wanted or wanted <= _GENERIC_ROLES:
            return person
    return fallback


_GENERIC_ROLES = {"diplomat", "official", "politician", "leader", "member", "head", "chief"}


# --------------------------------------------------------------------------- patterns

_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|al-[\w'’-]+|bin|ibn|de|van|von)"
_SPEAKER_NP = (rf"(?:{_SPEAKER_WORDS}|(?:the|a|an)\s+[^,.;:“”\"!?]{{1,70}}?|(?:one|some|two|three)\s+of\s+[^,.;:“”\"!?]{{1,70}}?|"
               rf"[A-Z][\w'’.-]*(?:\s+{_NAME_TOKEN}){{0,6}}(?:['’]s\s+[^,.;:“”\"!?]{{1,40}}?)?)"
               rf"(?:(?:,\s*[^,.;:“”\"!?]{{2,150}}){{1,3}},)?")
# after a closing quote: “...,” Kabulov told / “...,” he added / “...,” the joint statement said
_AFTER_SPK_CUE = re.compile(
    rf"\s*[,.!?…]?\s*(?P<spk>{_SPEAKER_NP})\s+(?:(?:also|further|later|then|again|once\s+again|quickly|"
    rf"has|had|have)\s+)*(?<![-‐])(?-i:(?=[a-z]))(?P<cue>{_CUE}){_CUE_TAIL.pattern}",
    re.I,
)
# after a closing quote, inverted: “...,” said Ghulam Farooq Aleem, a former ...
_AFTER_CUE_SPK = re.compile(
    r"\s*[,.!?…]?\s*(?P<cue>said|says|added|adds|noted|notes|stated|wrote|writes|tweeted|explained|warned|"
    r"continued|asked|replied|insisted|argued|concluded|remarked|declared|stressed|emphasi[sz]ed|underlined|"
    r"told\s+[^,.;“”\"]{1,40}?)\s+(?P<spk>(?:the\s+|a\s+|an\s+)?[^,.;:“”\"!?]{1,80}?)(?=\s*[,.;:!?]|\s+(?:in|on|at|who|during|when)\b|$)",
)
_DASH_SPK = re.compile(r"[ \t]*(?P<cue>[―—]|--)[ \t]*(?P<spk>[A-Z][\w'’\u02d1-]*(?:[ \t]+[\w'’\u02d1-]+){0,5}?)[ \t]*[.,]?[ \t]*(?:\n|$)")
# a cue is a lower-case word, not the end of a hyphenated one ("the United States", "OIC-proposed")
_CUE_ANY = re.compile(rf"\b(?<![-‐])(?-i:(?=[a-z]))(?P<cue>{_CUE}|{_PARTICIPLES})\b{_CUE_TAIL.pattern}", re.I)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<spk>[^,.;:“”\"]{2,80}?)(?=\s*[,.;]|$)", re.I)
_CLAUSE_START = re.compile(r"[;:]\s+|\n|[“”\"]\s*|\b(?:and|but|while|whereas)\s+(?=[A-Z]|(?:he|she|they|it|the|its|his|her|their)\b)")


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


def extract_quotes(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[QuoteRecord]:
    """Quotes and reported speech of ``text`` (an article body), in text order."""
    if not text or not sentences:
        return []
    reading = reading_text(text)
    own = sentences
    if "''" in text:
        # "...reform.'' Then": the sentences of the reading text, where the pair reads as a quote
        own = split(reading)
    out = _extract(reading, own, mentions)
    starts = [s.start for s in sentences]
    for rec in out:
        rec.text = text[rec.start:rec.end]
        rec.speaker_text = plain(rec.speaker_text)
        rec.cue = plain(rec.cue)
        if own is not sentences:
            rec.sentence_index = max(0, bisect.bisect_right(starts, rec.start) - 1)
    return out


def _extract(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[QuoteRecord]:
    mentions = sorted((m for m in mentions if m.kind != "dateline"), key=lambda m: (m.start, -m.end))
    st = _State(text, mentions, [m.start for m in mentions], sentences, [s.start for s in sentences], people=[])
    quotes = _direct_spans(text)
    st.quoted = [(q.open_at, q.close_at) for q in quotes]
    _index_people(st)
    directs, markers, attr_cues = _direct_candidates(st, quotes)
    reported = _reported_candidates(st, quotes)
    # a cue that attributes a direct quote does not also report speech, unless the quote is
    # embedded in reported content ("said that the key message ... was that “time is ...”")
    def embeds(r) -> bool:
        inside = [d for d in directs if r.start <= d.quote_span[0] < r.end and r.cue_span[0] < d.quote_span[0]]
        return bool(inside) and len(text[r.start:min(d.quote_span[0] for d in inside)].split()) >= 3
    reported = [r for r in reported
                if not any(a < r.cue_span[1] and r.cue_span[0] < b for a, b in attr_cues) or embeds(r)]
    # reported speech around a direct quote: the quote wins unless the reported content
    # says something before it ("adding that China intends “to establish ...”")
    dropped: set[int] = set()
    kept_reported = []
    for r in reported:
        inside = [d for d in directs if r.start <= d.quote_span[0] < r.end or d.quote_span[0] <= r.start < d.quote_span[1]]
        if not inside:
            kept_reported.append(r)
            continue
        first = min(inside, key=lambda d: d.quote_span[0])
        lead_words = len(text[r.start:first.quote_span[0]].split())
        if lead_words >= 2 and first.quote_span[0] > r.start:
            kept_reported.append(r)
            dropped.update(id(d) for d in inside)
    directs = [d for d in directs if id(d) not in dropped]
    cands = sorted(directs + kept_reported + markers, key=lambda c: (c.start, c.kind != "marker"))
    out: list[QuoteRecord] = []
    noted = -1
    for c in cands:
        si = st.sentence_at(c.start)
        while noted < si:
            noted += 1
            _note_subject(st, noted)
        if c.kind == "marker":
            st.last_statement = (c.start, c.parties)
            continue
        rec = _build(st, c, si)
        if rec is None:
            continue
        if rec.speaker is not None and rec.speaker.type == "person":
            _set_person(st, rec.start, rec.speaker, rec.speaker.name)
        elif rec.speaker is None and not rec.speakers and (
                _looks_like_name(rec.speaker_text) or _is_name(rec.speaker_text)):
            _set_person(st, rec.start, None, rec.speaker_text)
        st.last_speaker = (rec.start, rec.speaker, rec.speaker_text, rec.speakers)
        out.append(rec)
    return out


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


_STOPWORDS = set(_W["name_stopwords"]) | set(_W["function_words"]) | {"he", "she", "it", "they", "we", "i"}
_UNKNOWN_SUBJECT = re.compile(rf"((?:[A-Z][\w'’-]+\s+){{0,3}}[A-Z][\w'’-]+)(?:,[^,]{{1,90}},)?\s+(?:(?:also|has|had)\s+)*"
                              rf"(?:{_CUE})\b")


def _note_subject(st: _State, si: int) -> None:
    """The first person of a sentence, when it opens the sentence, is its subject and the
    antecedent of a later "he"."""
    sent = st.sentences[si]
    lead = _LEAD_ADVERBIAL.match(sent.text)
    start = sent.start + (lead.end() if lead else 0)
    found = None
    for m in st.mentions_in(start, min(sent.end, start + 80)):
        if _in_quote(m.start, st.quoted):
            break
        if m.entity.type == "person":
            found = m
            break
        if m.entity.type in ("organization",) and m.start - start < 10:
            break
    # a person described by a relative clause ("Arnault, who has traveled to Tehran") is
    # the topic the next "he" most likely continues
    for m in st.mentions_in(start, sent.end):
        if m.entity.type == "person" and not _in_quote(m.start, st.quoted) and \
                re.match(r"(?:,\s*(?:[\w'’-]+\s+){0,6}?)?,?\s*who\s+(?:has|had|is|was)\b", st.text[m.end:m.end + 80]) and \
                (found is None or m.start > found.start):
            found = m
    if found is None:
        head = st.text[start:min(sent.end, start + 90)]
        # "Keshavarzzadeh told the Global Times ...": a person the gazetteer does not know
        unknown = _UNKNOWN_SUBJECT.match(head)
        if unknown and not st.mentions_in(start, start + unknown.end(1)) and \
                not any(w.lower() in _STOPWORDS for w in unknown.group(1).split()):
            words = unknown.group(1)
            h = head_name(words, 0, len(words))
            _set_person(st, start, None, words[h[0]:h[1]] if h else "")
            return
        # "The UN envoy, in turn, stressed ...": a description of someone named before
        role_np = _ROLE_NP_START.match(head)
        if role_np and role_np.group(1).lower().startswith("the ") and not _PLURAL_ROLE.search(role_np.group(1)):
            person = _recent_person(st, start, None, role_np.group(1))
            if person is not None:
                _set_person(st, start, person, person.name)
        return
    _set_person(st, found.start, found.entity, found.entity.name)


def _set_person(st: _State, offset: int, entity: LexEntity | None, name: str) -> None:
    st.last_person = (offset, entity, name)
    st.people.append(st.last_person)


_DEFINITE = re.compile(r"the\b|[A-Z]")
_DOCUMENT = re.compile(r"\b(?:report|poll|survey|study|analysis|article|statement|memo|letter|review|database|"
                       r"complaint|lawsuit|filing|commentary|editorial|brief|ruling|document|release|audit)\b", re.I)
_COORDINATION = re.compile(r"\s(?:and|or|both)\s")
_TWO_CAPITALS = re.compile(r"[A-Z][\w'’\u02d1-]*[\s-][A-Z]")
_LATER_CAPITAL = re.compile(r"\s[A-Z][\w'’\u02d1-]")


def _names_someone(phrase: str) -> bool:
    """A description that names its source ("the Clinton campaign", "a new Washington
    Post-ABC News poll", "the NAACP"), not a generic one ("officials", "some analysts")."""
    if _GENERIC_SPEAKER.match(phrase) or _PLURAL_ROLE.search(phrase) and not _DEFINITE.match(phrase):
        return False
    if len(phrase.split()) > 10 or _COORDINATION.search(phrase) or _PLURAL_ROLE.search(phrase):
        return False  # "the West Asian region and beyond the region"
    if _INDEFINITE.match(phrase):
        # "a new Washington Post-ABC News poll", not "an Iranian diplomat", "a source in Herat"
        return _TWO_CAPITALS.search(phrase, phrase.find(" ") + 1) is not None or (
            _DOCUMENT.search(phrase) is not None and _LATER_CAPITAL.search(phrase) is not None)
    return _LATER_CAPITAL.search(phrase) is not None or head_name(phrase, 0, len(phrase)) is not None


def _is_name(words: str) -> bool:
    """A name as the speaker words give it ("O'Neill", "G.K. Butterfield"), not a pronoun."""
    return words.lower() not in _PRONOUNS and head_name(words, 0, len(words)) == (0, len(words))


_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)[.\u02d1]?\s+(?:[A-Z][\w'’-]*\s+)?([A-Z][\w'’-]+)")
_FEMALE = frozenset(_QW["female_given_names"])
_MALE = frozenset(_QW["male_given_names"])


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


def _build(st: _State, c: _Cand, si: int) -> QuoteRecord | None:
    text = st.text
    body = text[c.start:c.end]
    if c.continuation:
        if st.last_speaker is None:
            return None
        _, sp, sp_text, sps = st.last_speaker
        return QuoteRecord(sp, sp_text, list(sps), "(continuation)", body, "direct", c.start, c.end, si)
    spk = c.spk_span
    if spk is None:
        spk = _speaker_before(st, c.cue_span[0], c.participle)
        if spk is None:
            return None
    resolved = _resolve(st, spk[0], spk[1], c.cue_span[0])
    if resolved is None:
        return None
    speaker, speaker_text, speakers = resolved
    speaker_text = _DATE_TAIL.sub("", speaker_text).strip(" ,")
    if c.kind == "reported":
        named = speaker is None and not speakers and speaker_text.lower() not in _PRONOUNS and \
            head_name(speaker_text, 0, len(speaker_text)) == (0, len(speaker_text)) and \
            not _GENERIC_SPEAKER.match(speaker_text) and not _PLURAL_ROLE.search(speaker_text)
        if speaker is None and not named and (_GENERIC_SPEAKER.match(speaker_text) or _INDEFINITE.match(speaker_text) and
                          not (speaker_text[:2].lower() in ("a ", "an") and _names_someone(speaker_text))):
            return None  # "some analysts", "a source" (but "a new Washington Post-ABC News poll")
        if speaker is None and not speakers and not named and not _looks_like_name(speaker_text) and \
                not _known_surname(st, speaker_text, c.start) and not _names_someone(speaker_text):
            return None  # reported speech needs a named speaker
    return QuoteRecord(speaker, speaker_text, speakers, c.cue, body, c.kind, c.start, c.end, si)


_INDEFINITE = re.compile(r"(?:a|an|some|many)\s", re.I)
_DATE_TAIL = re.compile(r"\s+(?:on|in|at|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                        r"January|February|March|April|May|June|July|August|September|October|November|December|week|month)\b.*$")


# --------------------------------------------------------------------------- direct quotes

# a title in quotation marks ("told “Fox News Sunday”", "“A Change Is Gonna Come”")
_SMALL = r"(?:a|an|the|and|or|of|in|on|at|to|for|with|by|is|be|as|from|up|de|la)"
_TITLE_CASE = re.compile(rf"[A-Z0-9][\w'’.-]*(?:\s+(?:[A-Z0-9][\w'’.-]*|{_SMALL})){{0,7}}[.,!?]?")


_VERB_AFTER = re.compile(r"\s*(?:(?:also|has|had|have|once\s+again|again|later|then|[a-z]{3,}ly)\s+)*"
                         r"((?:[a-z]+ed|[a-z]{3,}s|said|told|wrote|spoke|sang|made|gave|took|saw|put|set|went|came)\b)")


def _subject_verb(st: _State, a: int, limit: int):
    """(subject span, verb span) of a clause that opens with a named subject and a verb:
    "Ohio Democratic Party Chairman David Pepper called ..."."""
    lead = _LEAD_WORDS.match(st.text, a, limit)
    if lead is not None and _lead_ok(st.text, lead.start(1), lead.end(1)) and \
            _VERB_AFTER.match(st.text, lead.end(1), limit):
        subj = lead.start(1), lead.end(1)
    else:
        subj = _subject_of_clause(st, a, limit)
        if subj is None:
            return None
    words = st.text[subj[0]:subj[1]].strip()
    if words.lower() in ("it", "they", "we", "i") or not (_is_name(words) or _names_someone(words) or
                                                           words.lower() in ("he", "she") or
                                                           st.mentions_in(subj[0], subj[1])):
        return None
    verb = _VERB_AFTER.match(st.text, subj[1], limit)
    if verb is None:
        return None
    return subj, (verb.start(1), verb.end(1))


_LEAD_WORDS = re.compile(r"\s*((?:[A-Z][\w'’\u02d1-]*\s+){0,5}[A-Z][\w'’\u02d1-]*)")


def _direct_candidates(st: _State, quotes: list[_Quote]):
    text = st.text
    markers = []
    for m in _ANY_STATEMENT.finditer(text):
        sent = st.sentences[st.sentence_at(m.start())]
        end = m.end()
        ext = _STATEMENT_EXT.match(text, m.end())
        if ext and ext.end() <= sent.end:
            end = ext.end()
        if re.match(r"\s+(?:said|says|read|reads|added|noted|stated|stressed|emphasi[sz]ed|concluded|continued)\b", text[m.end():m.end() + 20]) \
                and re.search(r"\b(?:the|this|that|its|their)\s+(?:joint\s+)?$", text[max(0, m.start() - 12):m.start()], re.I):
            continue  # "the statement said": a reference to a statement named before
        parties = _statement_parties(st, sent.start, end)
        markers.append(_Cand(m.start(), m.start(), "marker", parties=parties))
    attrs = [_attribution(st, q, quotes, i) for i, q in enumerate(quotes)]
    # a quote left open at the end of a paragraph runs on into the next one: the next
    # quote's attribution is its own
    for i in range(len(quotes) - 2, -1, -1):
        q = quotes[i]
        if attrs[i] is None and not q.closed and attrs[i + 1] is not None:
            gap = text[q.qe - 3:quotes[i + 1].open_at]
            if text[q.qs:q.qe].lstrip()[:1].isupper() and ("\n" in gap or re.search(r"[.!?…]\s*$", text[q.qs:q.qe])):
                attrs[i] = attrs[i + 1]
    out = []
    attr_cues = []
    last = None
    for i, q in enumerate(quotes):
        inner = text[q.qs:q.qe]
        body = inner.strip()
        if not body or _TITLED.search(text[max(0, q.open_at - 30):q.open_at]) or _TITLE_CASE.fullmatch(body):
            continue
        attr = attrs[i]
        n_words = len(body.split())
        lead = len(inner) - len(inner.lstrip())
        s = q.qs + lead
        e = s + len(body.rstrip(" ,"))
        if attr is None:
            if last is None or n_words < 4 or not re.search(r"[.!?…]\s*$", body):
                continue
            if st.sentence_at(q.qs) - st.sentence_at(quotes[last].qe) > 2:
                continue
            sent = st.sentences[st.sentence_at(q.open_at)]
            if len(text[sent.start:q.open_at].split()) > 2:
                # a quoted phrase inside a sentence with a subject of its own ("Pepper
                # called Friday's decision a “huge win for Ohio voters.”") is that subject's
                own = _subject_verb(st, sent.start, q.open_at)
                if own is not None:
                    spk, verb = own
                    out.append(_Cand(s, e, "direct", cue=" ".join(text[verb[0]:verb[1]].split()), cue_span=verb,
                                     spk_span=spk, quote_span=(q.open_at, q.close_at)))
                    last = i
                    continue
            out.append(_Cand(s, e, "direct", continuation=True, quote_span=(q.open_at, q.close_at)))
            last = i
            continue
        where, cue_span, spk_span = attr
        if where != "after" and (n_words < 4 or (n_words < 6 and not re.search(r"[.!?…,]$", body))):
            continue  # scare quotes and quoted phrases
        cue = " ".join(text[cue_span[0]:cue_span[1]].split()).strip(" ,")
        if cue.lower().startswith("according to"):
            cue = "according to"
        attr_cues.append(cue_span)
        out.append(_Cand(s, e, "direct", cue=cue, cue_span=cue_span, spk_span=spk_span,
                         participle=bool(re.match(_PARTICIPLES, cue, re.I)), quote_span=(q.open_at, q.close_at)))
        last = i
    return out, markers, attr_cues


def _attribution(st: _State, q: _Quote, quotes: list[_Quote], i: int):
    """("after" | "before", cue span, speaker span or None) for a quote, or None."""
    text = st.text
    sent = st.sentences[st.sentence_at(q.open_at)]
    prev_close = quotes[i - 1].close_at if i > 0 else 0
    seg_start = max(sent.start, prev_close)
    seg = text[seg_start:q.open_at]
    cues = list(_CUE_ANY.finditer(seg))
    # a cue right before the quote ("he said: “...”", "X said, “...”") introduces it
    if cues and re.fullmatch(r"[\s,:]*(?:that\s*)?", seg[cues[-1].end():]):
        c = cues[-1]
        return ("before", (seg_start + c.start(), seg_start + c.end()), None)
    # after the quote: "“...,” X said" / "“...,” said X" / "“...” he said."
    nxt = quotes[i + 1].open_at if i + 1 < len(quotes) else len(text)
    window = text[q.close_at:min(len(text), q.close_at + 300, nxt)]
    stop = re.search(r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\b[A-Z])[.!?](?:\s|$)", window)
    if stop:
        window = window[:stop.start() + 1]
    inner = text[q.qs:q.qe].rstrip()
    continued = bool(re.search(r"[,?!…—–-]$", inner)) or window.startswith(",")
    # a signed quote: “...” ― Pamela Padilla (a name closing the paragraph)
    dash = _DASH_SPK.match(window)
    if dash and head_name(text, q.close_at + dash.start("spk"), q.close_at + dash.end("spk")) is not None:
        return ("after", (q.close_at + dash.start("cue"), q.close_at + dash.end("cue")),
                (q.close_at + dash.start("spk"), q.close_at + dash.end("spk")))
    for rx, order in ((_AFTER_CUE_SPK, "cue-first"), (_AFTER_SPK_CUE, "speaker-first")):
        m = rx.match(window)
        if not m:
            continue
        spk = m.group("spk")
        if re.match(r"(?:that|in|on|at|by|to|for|and|but|or|as|which|while|so|of)\b", spk, re.I):
            continue
        rest = window[m.end():]
        closes = bool(re.match(r"\s*(?:,\s*(?:adding|noting|saying|referring|according)\b.*|[.!?]?)\s*$", rest, re.S)) or \
            rest.lstrip().startswith(",")
        if not (continued or closes):
            continue
        cue_end = m.end() if order == "speaker-first" else m.end("cue")  # with "a press conference"
        cue_end = m.start("cue") + len(window[m.start("cue"):cue_end].rstrip(" ,."))
        return ("after", (q.close_at + m.start("cue"), q.close_at + cue_end),
                (q.close_at + m.start("spk"), q.close_at + m.end("spk")))
    # before the quote, in its sentence
    if cues:
        c = cues[-1]
        if len(seg) - c.end() <= 160:
            return ("before", (seg_start + c.start(), seg_start + c.end()), None)
    acc = _ACCORDING.search(seg)
    if acc:
        return ("before", (seg_start + acc.start(), seg_start + acc.start("spk")),
                (seg_start + acc.start("spk"), seg_start + acc.end("spk")))
    return None


_ADVERBS = (r"(?:also|further|later|then|again|once\s+again|has|had|have|quickly|now|often|still|long|never|always|even|"
            r"just|once|[a-z]{3,}ly(?<!family)(?<!ally)(?<!assembly)(?<!supply)(?<!rally)(?<!reply)(?<!apply)|reportedly|repeatedly|previously|"
            r"earlier|recently|separately|too|in\s+turn|however|meanwhile|already|officially|publicly|strongly|"
            r"clearly|firmly|explicitly|openly|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
            r"in\s+a\s+statement|on\s+Twitter|on\s+X|went\s+on\s+to|continued\s+to|proceeded\s+to|would|will|did|"
            r"does|is\s+reported\s+to\s+have|was\s+quoted\s+as)")
_GAP = re.compile(rf"^(?:['’]s?)?\s*(?:\([^)]{{0,40}}\)\s*)?(?:(?:,\s*[^,;:“”\"]{{1,150}}){{1,4}},\s*)?,?\s*(?:{_ADVERBS}[\s,]+)*$", re.I)
_PRONOUN_BEFORE = re.compile(rf"\b(he|she|they|it|we|I)\s+(?:{_ADVERBS}[\s,]+)*$", re.I)
_NP_BEFORE = re.compile(rf"(\b(?:the|a|an)\s+[^,.;:“”\"]{{1,60}}?)\s*(?:,\s*)?(?:{_ADVERBS}[\s,]+)*$", re.I)
_NAME_BEFORE = re.compile(rf"([A-Z][\w'’.-]*(?:\s+{_NAME_TOKEN}){{1,5}})\s*(?:,\s*[^,;:“”\"]{{1,150}}?,\s*)?,?\s*(?:{_ADVERBS}[\s,]+)*$")
_CONJUNCTIONS = {"but", "and", "so", "yet", "still", "meanwhile", "however", "also", "now", "then"}


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


_LEAD_NAME = re.compile(r"\s*((?:[A-Z][\w'’-]*\s+){0,4}[A-Z][\w'’-]*)\s*,")  # "Michael Mulgrew, president of ..."
_SINGLE_NAME_BEFORE = re.compile(rf"(?<![\w'’.-])([A-Z][\w'’-]{{2,}})\s*(?:,\s*[^,;:“”\"]{{1,150}}?,\s*)?,?\s*(?:{_ADVERBS}[\s,]+)*$")
_LEAD_ADVERBIAL = re.compile(r"^(?:(?:at|in|on|during|after|before|meanwhile|however|also|elsewhere|earlier|later|"
                             r"speaking|addressing|for\s+(?:his|her|its|their)\s+part)\b[^,]{0,90},\s*)+", re.I)
_COORDINATED = re.compile(rf"(?:,\s*)?\b(?:and|but)\s+(?:{_ADVERBS}\s+)*$", re.I)


def _clause_start(st: _State, pos: int) -> int:
    sent = st.sentences[st.sentence_at(pos)]
    seg = st.text[sent.start:pos]
    starts = [m.end() for m in _CLAUSE_START.finditer(seg)]
    return sent.start + (starts[-1] if starts else 0)


_ROLE_OF = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,6}?(?:[Ee]nvoy|[Aa]mbassador|[Rr]epresentative|[Mm]inister|[Ss]ecretary|"
                      r"[Ss]pokes(?:man|woman|person)|[Cc]hief|[Hh]ead|[Cc]oordinator|[Ee]missary|[Cc]ommander|[Dd]irector)"
                      r"\s+(?:to|for|of|on|in|at)\s+(?:the\s+)?)$")
_POSS_ROLE = re.compile(r"(['’]s\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(re.escape(r) for r in sorted(
    {r.lower() for r in _W["roles"]}, key=len, reverse=True)) + r")s?)\b(?=(?:\s+(?:also|further|has|had|have|once\s+again|again|later))*\s*,?\s*$)", re.I)


def _adjacent_speaker(st: _State, a: int, cue_start: int):
    """The speaker words ending right before a cue ("Lavrov also said", "Yue Xiaoyong, China's
    envoy, wrote", "the Iranian envoy said", "he added")."""
    text = st.text
    seg = text[a:cue_start]
    pron = _PRONOUN_BEFORE.search(seg)
    if pron:
        return a + pron.start(1), a + pron.end(1)
    best = None
    for m in st.mentions_in(a, cue_start):
        if m.entity.type not in ("person", "organization", "country", "location"):
            continue
        if m.entity.type == "location" and m.kind != "metonym" and m.entity.capital_of is None:
            continue
        if not _GAP.match(text[m.end:cue_start]):
            continue
        if m.kind == "demonym" and not re.match(r"\s*(?:government|officials?|side|authorities|embassy|ministry)\b", text[m.end:cue_start], re.I):
            continue
        rank = {"person": 0, "organization": 1, "country": 2, "location": 3}[m.entity.type]
        if best is None or rank <= best[0]:
            best = (rank, m)  # the nearest to the cue among the best kind
    if best is not None:
        # "Michael Mulgrew, president of the United Federation of Teachers, said": the name
        # before the appositive, not the organisation (or person) inside it
        for name in (_NAME_BEFORE.search(seg), _LEAD_NAME.match(seg)):
            if name and a + name.end(1) <= best[1].start and "," in text[a + name.end(1):best[1].start] \
                    and "," in text[best[1].end:cue_start] and _lead_ok(text, a + name.start(1), a + name.end(1)):
                return a + name.start(1), a + name.end(1)
    if best is not None:
        m = best[1]
        # an NP ending in a role right before the cue wins over a country inside it
        # ("the Iranian envoy said")
        np = _NP_BEFORE.search(seg)
        if m.entity.type in ("country", "location") and np and a + np.start(1) <= m.start:
            return a + np.start(1), a + np.end(1)
        if m.entity.type in ("country", "location", "organization"):
            # "Russian President's Special Envoy to Afghanistan said": the country qualifies a role
            qual = _ROLE_OF.search(text, max(a, m.start - 90), m.start)
            if qual:
                return qual.start(1), m.end
            poss = _POSS_ROLE.match(text, m.end, cue_start)
            if poss:
                return m.start, m.end + len(poss.group(1))
        return m.start, m.end
    # "Donna Sampson Rawlings, 59, of Ashton, Md., who watched ..., said": the name opening
    # the clause, then appositives only
    lead = _LEAD_NAME.match(seg)
    if lead and _GAP.match(seg[lead.end(1):]) and _lead_ok(text, a + lead.start(1), a + lead.end(1)):
        return a + lead.start(1), a + lead.end(1)
    np = _NP_BEFORE.search(seg)
    name = _NAME_BEFORE.search(seg)
    # "Erin Murphy, a former Clinton aide ..., said": the name, not its appositive
    if name and (np is None or name.start(1) < np.start(1)) and head_name(text, a + name.start(1), a + name.end(1)):
        return _with_governor(text, a, a + name.start(1), a + name.end(1))
    if np:
        # "... in the future of Afghanistan The deputy secretary-general said": a sentence
        # whose period the source lost starts at the capital
        cut = np.group(1).rfind(" The ")
        return a + np.start(1) + (cut + 1 if cut > 0 else 0), a + np.end(1)
    if name:
        return _with_governor(text, a, a + name.start(1), a + name.end(1))
    single = _SINGLE_NAME_BEFORE.search(seg)
    if single and single.group(1).lower() not in _STOPWORDS and not single.group(1).endswith("ing"):
        return _with_governor(text, a, a + single.start(1), a + single.end(1))
    return None


_GOVERNED = re.compile(r"\b(?:of|in|at|for|from|and|with|to|on|by)\s+(?:the\s+)?$")


def _with_governor(text: str, a: int, s: int, e: int) -> tuple[int, int] | None:
    """A name that is the object of a preposition ("Head of the Azerbaijan Institute for
    Democracy and Human Rights says") is not the speaker: the phrase from the clause start is."""
    gov = _GOVERNED.search(text, max(0, s - 12), s)
    if gov is None:
        return s, e
    if gov.start() < a or text.startswith("and", gov.start()):
        return None  # "... for Democracy and Human Rights says": the subject is further back
    return a + len(text[a:s]) - len(text[a:s].lstrip()), e


_ROLE_NP_START = re.compile(r"\s*((?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:" + "|".join(re.escape(r) for r in _ROLE_NOUNS) + r"))\b", re.I)


def _subject_of_clause(st: _State, a: int, limit: int):
    """The subject at the start of a clause (after a leading adverbial): "At the same time,
    he emphasised ..., and noted that" -> "he"."""
    text = st.text
    lead = _LEAD_ADVERBIAL.match(text[a:limit])
    start = a + (lead.end() if lead else 0)
    head = text[start:min(limit, start + 90)]
    pron = re.match(r"\s*(he|she|they|it|we|I)\b", head)
    if pron:
        return start + pron.start(1), start + pron.end(1)
    ms = [m for m in st.mentions_in(start, min(limit, start + 90)) if m.entity.type in ("person", "organization", "country")]
    role_np = _ROLE_NP_START.match(head)
    if role_np and not any(m.entity.type == "person" and m.start < start + role_np.end(1) + 40 for m in ms):
        return start + role_np.start(1), start + role_np.end(1)
    if not ms:
        np = re.match(r"\s*((?:the|a|an)\s+[^,.;:“”\"]{1,50}?)(?=\s+(?:has|have|had|is|was|were|are|also|\w+ed|\w+s)\b)", head)
        if np:
            return start + np.start(1), start + np.end(1)
        return None
    # the subject phrase: up to the first verb-like word after the first mention
    first = ms[0]
    group = [m for m in ms if m.start - first.end < 60 and _GAP.match(text[first.end:m.start]) or m is first]
    best = _best_entity(group)
    return (best.start, best.end) if best else (first.start, first.end)


_FINITE_AFTER = re.compile(
    r"(?:['’]s)?(?:,[^,;:“”\"]{1,100},)?\s+(?:(?:also|has|have|had|once\s+again|again|later|then|further|"
    r"recently|previously|earlier)\s+)*(?:[a-z]+ed|[a-z]{3,}s|is|was|were|are|said|told|met|held|made|gave|took|"
    r"went|saw|spoke|wrote|sent|called|paid|left|led|began|brought|sought|shed|set)\b")


def _finite_subject(st: _State, a: int, cue_start: int):
    """For "..., saying": the nearest party before the cue that is the subject of a finite
    verb ("Zarif showed ... by writing", "Raisi ... expressed ..., saying")."""
    text = st.text
    best = None
    for m in st.mentions_in(a, cue_start):
        if m.entity.type not in ("person", "organization", "country") or _in_quote(m.start, st.quoted):
            continue
        if m.kind == "demonym" and not re.match(r"\s+(?:government|officials?|side|authorities|embassy|ministry|foreign\s+ministry)\b",
                                                text[m.end:m.end + 30], re.I):
            continue
        if _FINITE_AFTER.match(text, m.end):
            best = (m.start, m.end)
    pron = None
    for pm in re.finditer(r"\b(he|she|they)\s+(?:also\s+|has\s+|had\s+)*(?:[a-z]+ed|[a-z]{3,}s|said|told|met|held|made|gave)\b",
                          text[a:cue_start], re.I):
        pron = (a + pm.start(1), a + pm.end(1))
    if pron and (best is None or pron[0] > best[0]):
        return pron
    return best


def _speaker_before(st: _State, cue_start: int, participle: bool):
    a = _clause_start(st, cue_start)
    text = st.text
    coordinated = _COORDINATED.search(text[a:cue_start])
    if participle or coordinated:
        sent = st.sentences[st.sentence_at(cue_start)]
        finite = _finite_subject(st, sent.start, cue_start)
        if finite is not None:
            return finite
        span = _subject_of_clause(st, a, cue_start) if a > sent.start else None
        return span or _subject_of_clause(st, sent.start, cue_start)
    return _adjacent_speaker(st, a, cue_start)


# --------------------------------------------------------------------------- reported speech

_REPORTED_CUE = re.compile(rf"\b(?<![-‐])(?-i:(?=[a-z]))(?P<cue>{_CUE}|{_PARTICIPLES})\b", re.I)
# cues that report a proposition without "that" ("Kabulov said delisting ... begins ...")
_BARE_CUES = {"said", "says", "say", "added", "adds", "told", "tells", "stated", "warned", "warns", "explained",
              "claimed", "claims", "insisted", "insists", "argued", "argues", "believes", "noted", "notes",
              "saying", "adding", "noting", "writing", "stating"}
_CONTENT_BAD_START = re.compile(r"(?:on|for|about|upon|in|at|with|to|over|from|by|of|and|but|or|as)\b|\w+ing\b", re.I)


_SAY = {"said", "says", "say"}
# cues of the broad list that take a noun phrase as often as a clause: reported speech only with "that"
_STRICT_CUES = frozenset(_QW["need_that"]) - set(_W["speech_verbs"]) - set(_EXTRA_VERBS)
# "said on Monday", "said about the talks" (but "said about 20 people have ...")
_SAID_NOT_CLAUSE = re.compile(r"(?:on|for|about(?!\s+\d)|upon|in|at|with|to|over|from|by|of|and|but|or|as)\b", re.I)
_AS_CUES = {"described", "describes", "emphasized", "emphasised", "stressed", "called", "termed", "considered",
            "regarded", "branded", "labeled", "labelled", "hailed", "praised"}
_CLAUSE_LIKE = re.compile(r"(?:[\w'’,-]+\s+){1,8}?(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|"
                          r"might|does|did|do)\b(?!\s+to\b)", re.I)
_INVERTED = re.compile(r"\s+(?P<spk>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})\s*(?:[,.]|\s+(?:who|whose|as)\b|$)")
_AMBIGUOUS_NOUNS = {"states", "notes", "claims", "claim", "remarks", "reports", "calls", "says", "tells", "adds", "argues", "warns", "insists"}


def _entity_span(st: _State, span: tuple[int, int]) -> bool:
    """A pronoun or a known person, organisation or country (not a demonym)."""
    words = st.text[span[0]:span[1]].strip()
    if words.lower() in ("he", "she"):
        return True
    end = span[0] + len(st.text[span[0]:span[1]].rstrip(" ,"))
    return any(((m.entity.type in ("person", "organization", "country") and m.kind != "demonym") or m.kind == "metonym")
               and m.end == end for m in st.mentions_in(*span))


_VERB_LIKE = {"says", "claims", "notes", "argues", "insists", "warns", "adds", "tells"}


def _name_verb(st: _State, span: tuple[int, int], cue: re.Match) -> bool:
    """"Batchelder says ...": a name right before a lower-case "says" (not "the claims")."""
    word = cue.group("cue")
    if word not in _VERB_LIKE:
        return False
    words = st.text[span[0]:span[1]].rstrip(" ,")
    if words.lower() in _STOPWORDS:
        return False  # "It claims"
    if word == "says" and _names_someone(words) and not any(
            m.entity.type in ("location", "country") and m.start <= span[0] and m.end >= span[0] + len(words)
            for m in st.mentions_in(span[0], span[1])):
        return True  # "The Clinton campaign says ..." ("says" is no noun)
    head = head_name(st.text, span[0], span[0] + len(words))
    return head is not None and head[1] == span[0] + len(words)  # "Mr. Castañeda argues"


def _named_span(st: _State, span: tuple[int, int]) -> bool:
    """A pronoun, a known entity or a capitalised name (not a common noun phrase)."""
    words = st.text[span[0]:span[1]].strip()
    if words.lower() in _PRONOUNS:
        return True
    if any(m.entity.type in ("person", "organization", "country") or m.kind == "metonym" for m in st.mentions_in(*span)):
        return True
    return _looks_like_name(words)


def _reported_candidates(st: _State, quotes: list[_Quote]) -> list[_Cand]:
    spans = [(q.open_at, q.close_at) for q in quotes]
    out = []
    for sent in st.sentences:
        i = bisect.bisect_right(spans, (sent.start, _AFTER_ALL[0])) - 1
        if i >= 0 and spans[i][1] >= sent.end:
            continue
        c = _reported_in_sentence(st, sent, spans)
        if c is not None:
            out.append(c)
    return out


_AFTER_ALL = (float("inf"), 0)


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


def _reported_in_sentence(st: _State, sent: Sentence, spans) -> _Cand | None:
    text = st.text
    found = _cue_reported(st, sent, spans)
    if found is not None:
        return found
    # according to X, ...  /  ..., according to X
    if any(a >= sent.start and a < sent.end for a, _ in spans) and _CUE_ANY.search(text, sent.start, sent.end):
        return None  # a cue introduces a quote here; "according to" only names the source
    for m in _ACCORDING.finditer(text, sent.start, sent.end):
        if _in_quote(m.start(), spans):
            continue
        if re.match(r"(?:which|whom|this|that|these|the\s+plan|reports?|sources?|media|some|many)\b", m.group("spk"), re.I):
            continue
        spk = (m.start("spk"), m.end("spk"))
        if not any(x.entity.type in ("person", "organization", "country") for x in st.mentions_in(*spk)) \
                and not _looks_like_name(text[spk[0]:spk[1]]) and not _names_someone(text[spk[0]:spk[1]]):
            continue
        content = (m.end("spk"), sent.end) if m.start() - sent.start < 5 else (sent.start, m.start())
        a, b = _trim(text, *content)
        if len(text[a:b].split()) < 4:
            continue
        return _Cand(a, b, "reported", cue="according to", cue_span=(m.start(), m.start("spk")), spk_span=spk)
    return None


def _cue_reported(st: _State, sent: Sentence, spans) -> _Cand | None:
    text = st.text
    for m in _REPORTED_CUE.finditer(text, sent.start, sent.end):
        if _in_quote(m.start(), spans):
            continue
        cue = " ".join(m.group("cue").split())
        low = cue.lower()
        first = low.split()[0]
        tail = _REPORTED_TAIL.match(text, m.end())
        after_pos = tail.end() if tail else m.end()
        rest = text[after_pos:sent.end]
        if re.match(r"\s*[:,]?\s*[“\"]", rest):
            continue  # introduces a direct quote
        participle = bool(re.fullmatch(_PARTICIPLES, low))
        cue_text = " ".join(text[m.start():after_pos].split()).strip(" ,")
        # "..., X said." closing the sentence
        if not participle and re.match(r"\s*(?:,\s*according\s+to\s+[^,.;]+)?\s*[.!?]?[\"”]?\s*$", rest):
            spk = _adjacent_speaker(st, _clause_start(st, m.start()), m.start())
            if spk is None or (first in _AMBIGUOUS_NOUNS and not _entity_span(st, spk) and not _name_verb(st, spk, m)):
                continue
            comma = text.rfind(",", sent.start, spk[0])
            if comma < 0 or len(text[sent.start:comma].split()) < 4:
                continue
            a, b = _trim(text, sent.start, comma)
            return _Cand(a, b, "reported", cue=cue_text, cue_span=(m.start(), after_pos), spk_span=spk)
        # "..., regretted Velayati, who ...": the cue and then its speaker close the sentence
        inverted = _INVERTED.match(text, after_pos, sent.end) if not participle else None
        if inverted and re.search(r",\s*$", text[max(sent.start, m.start() - 3):m.start()]) and \
                len(text[sent.start:m.start()].split()) >= 4:
            spk = (inverted.start("spk"), inverted.end("spk"))
            if _named_span(st, spk):
                a, b = _trim(text, sent.start, m.start())
                return _Cand(a, b, "reported", cue=cue_text, cue_span=(m.start(), after_pos), spk_span=spk)
        that = _THAT.match(rest)
        if low.startswith(("called on", "calls on", "called upon", "urged", "urging", "calling on")):
            if not re.search(r"\bto\s+\w+", rest[:160]):
                continue
            content = (after_pos, sent.end)
        elif low.startswith(("called for", "calls for", "calling for")):
            content = (after_pos, sent.end)
        elif first in _AS_CUES and not that:
            # "described his negotiations in Tehran as fruitful"
            if not re.search(r"\bas\s+\w+", rest[:120]):
                continue
            content = (after_pos, sent.end)
        elif that:
            content = (after_pos + that.end(), sent.end)
        else:
            r = rest.lstrip(" ,")
            if first in ("told", "tells"):
                tm = re.search(r"\bthat\b", rest[:80])
                if not tm:
                    continue
                content = (after_pos + tm.end(), sent.end)
            elif first in _SAY:
                # "said" reports a clause ("said the meeting aims to ...")
                if _SAID_NOT_CLAUSE.match(r) or \
                        re.match(_PARTICIPLES, r, re.I) or len(r.split()) < 4:
                    continue
                content = (after_pos + len(rest) - len(r), sent.end)
            else:
                if rest[:2].lstrip()[:1] == "," and "," not in text[max(sent.start, m.start() - 40):m.start()]:
                    continue  # "In a message posted Friday, Cruz said ...": not this cue's content
                if low in _STRICT_CUES:
                    continue  # "rejected the rumors": these report speech only with "that"
                clause_like = _CLAUSE_LIKE.match(r) is not None
                if _CONTENT_BAD_START.match(r) or (not clause_like and (first not in _BARE_CUES or _NP_OBJECT.match(r))):
                    continue
                if len(r.split()) < 4:
                    continue
                content = (after_pos + len(rest) - len(r), sent.end)
        spk = _speaker_before(st, m.start(), participle)
        if spk is None:
            continue
        if first in _AMBIGUOUS_NOUNS and not _entity_span(st, spk) and not _name_verb(st, spk, m):
            continue
        spk_words = text[spk[0]:spk[1]].strip().lower()
        if spk_words in ("i", "we", "they", "you"):
            continue  # a first-person or generic "they" in running text is not a reporter
        # a parenthetical cue: "In any case, Akbari said, the ethnic groups ..."
        if re.search(r",\s*$", text[sent.start:spk[0]]) and re.match(r"\s*,", text[after_pos:after_pos + 3]) \
                and spk[0] - sent.start > 3 and not participle:
            content = (sent.start, sent.end)
        a, b = _trim(text, *content)
        lead_that = re.match(r"that\s+", text[a:b])
        if lead_that:
            a += lead_that.end()
        if len(text[a:b].split()) < 3:
            continue
        return _Cand(a, b, "reported", cue=cue_text, cue_span=(m.start(), after_pos), spk_span=spk,
                     participle=participle)
    return None
