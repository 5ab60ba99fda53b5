"""Speakers of quotes (archive.extract.quotes): the words before a cue that name the speaker,
and what they resolve to (a mentioned person, organisation or country; a described person named
before; the name words when nobody mentioned them)."""

from __future__ import annotations

import re

from archive.extract.fastregex import trie_pattern

from archive.extract.entities import LexEntity
from archive.extract.entities import Mention
from archive.extract.quotes_text import MASK
from archive.extract.quotes_text import TITLE_WORDS
from archive.extract.quotes_text import ORG_HEAD_WORDS, head_name
from archive.extract.quotes_vocab import (
    _POSS_NP_BEFORE,
    _ROLE_NOUNS,
    _VERBS,
    _CLAUSE_START, _COORDINATED, _FINITE_AFTER, _GAP, _GENERIC_ROLES, _GIVEN_BEFORE, _GOVERNED, _INDEFINITE,
    _LEAD_ADVERBIAL, _LEAD_NAME, _NAME_BEFORE, _NP_BEFORE, _ORG_HEADS, _PERSON_NOUNS, _PLURAL_ROLE,
    _POSS_ROLE, _PRONOUNS, _PRONOUN_BEFORE, _QUALIFIER_AFTER, _ROLE_AFTER_NAME, _ROLE_BEFORE_NAME,
    _ROLE_KEY, _ROLE_NP_START, _ROLE_OF, _ROLE_RE, _ROLE_SYNONYMS, _SINGLE_NAME_BEFORE, _STATEMENT_NP,
    _STOPWORDS,
)
from archive.extract.quotes_state import (
    _State, _gender, _in_quote, _lead_ok, _looks_like_name, _names_someone,
)


_TRAILING_ADVERBS = re.compile(r"(?:\s+(?:has|have|had|also|is|was|would|will|did|does|then|again|further|later|now|often|"
                               r"still|long|never|always|even|just|once|[a-z]{3,}ly))+$")
_CUE_WORDS = frozenset(_VERBS)  # "Said Ellis": no given name
_ORG_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*\s+)*?([A-Z][\w'’-]*)\s+(?:of|on|for)\s+(?:the\s+)?$")


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


def _resolve(st: _State, a: int, b: int, cue_at: int) -> tuple[LexEntity | None, str, list[LexEntity]] | None:
    """Speaker from the words ``text[a:b]``; None when they are not a usable speaker."""
    # "Ivanka Trump" when only "Trump" was taken: a given name right before the words
    left = _GIVEN_BEFORE.search(st.text, max(0, a - 25), a) if " " not in st.text[a:b].strip() else None
    if left and left.group(1).lower() not in _STOPWORDS and left.group(1).lower() not in TITLE_WORDS and \
            left.group(1).lower() not in _CUE_WORDS and \
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
        if in_head and not person and len(name.split()) >= 3 and \
                not any(m.start <= head[0] and m.end >= head[1] for m in in_head):
            return None, name, []  # "Commission on Presidential Debates", of which "Presidential Debates" was taken
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
        name = _recent_unknown(st, cue_at, raw)
        if name is not None:
            return None, name, []  # "Sen. Ron Wyden ... the senator said": the name words
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


_ROLE_LAST_WORDS = frozenset(w for r in _ROLE_NOUNS for w in (r.split()[-1], r.split()[-1].rstrip('.')))
_WINDOW_WORD = re.compile(rf"[a-zà-ÿ'’{MASK}]+")  # MASK: an abbreviation's period ("sen.")
_WINDOW_COMPOUND = re.compile(rf"[a-zà-ÿ'’{MASK}-]+")


def _index_people(st: _State) -> None:
    st.persons = []
    st.roles = {}
    text = st.text
    for m in st.mentions:
        if m.entity.type != "person" or _in_quote(m.start, st.quoted):
            continue
        st.persons.append((m.start, m.entity))
        keys = set()
        window = text[max(0, m.start - 60):m.start]
        # the regex only where a role noun's last word is in the window (it is slow to fail)
        lowered = window.lower()
        pre = _ROLE_BEFORE_NAME.search(window) if (
            _ROLE_LAST_WORDS.intersection(_WINDOW_WORD.findall(lowered))
            or _ROLE_LAST_WORDS.intersection(_WINDOW_COMPOUND.findall(lowered))) else None
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


_TITLED_NAME = re.compile(r"(?<![\w\u02d1])((?i:" + trie_pattern(_ROLE_NOUNS) + r"))s?\s+"
                          r"([A-Z][\w'’\u02d1-]*(?:\s+(?:(?:de|van|von|bin|da|al)\s+)?[A-Z][\w'’\u02d1-]*){1,3})")


def _recent_unknown(st: _State, at: int, phrase: str) -> str | None:
    """The most recent person nobody mentioned (a name in ``st.people``) introduced with the
    role of a description: "Sen. Ron Wyden ..." for "the senator"."""
    wanted = role_keys(phrase, head_only=True)
    if not wanted or wanted <= _GENERIC_ROLES:
        return None
    for off, person, name in reversed(st.people):
        if at - off > 2500:
            return None
        if person is not None or not name:
            continue
        first = st.text.find(name)
        if first < 0:
            continue
        keys = set()
        pre = _ROLE_BEFORE_NAME.search(st.text, max(0, first - 60), first)
        if pre:
            keys |= role_keys(pre.group("role"))
        post = _ROLE_AFTER_NAME.match(st.text, first + len(name))
        if post:
            keys |= role_keys(post.group("role"))
        if wanted & keys:
            return name
    # a name written after its title and never a speaker: "Mayor Bill de Blasio described ..."
    found = None
    for m in _TITLED_NAME.finditer(st.text, max(0, at - 2500), at):
        if wanted & role_keys(m.group(1)) and not st.mentions_in(m.start(2), m.end(2)):
            found = m.group(2)
    return found


def _clause_start(st: _State, pos: int) -> int:
    sent = st.sentences[st.sentence_at(pos)]
    seg = st.text[sent.start:pos]
    starts = [m.end() for m in _CLAUSE_START.finditer(seg)]
    return sent.start + (starts[-1] if starts else 0)


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
        if m.entity.type in ("organization", "person"):
            # "the Commission on Presidential Debates" when the mention is "Presidential Debates"
            # (a candidate name may come typed as a person)
            org = _ORG_BEFORE.search(text, max(a, m.start - 60), m.start)
            if org is not None and org.group(1).lower() in ORG_HEAD_WORDS:
                return org.start(), m.end
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
    poss = _POSS_NP_BEFORE.search(seg)
    if poss:  # "Clinton’s team says", "Pagliano's lawyer has said"
        trail = _TRAILING_ADVERBS.search(seg, poss.start(1), poss.end(1))
        return a + poss.start(1), a + (trail.start() if trail else poss.end(1))
    single = _SINGLE_NAME_BEFORE.search(seg)
    if single and single.group(1).lower() not in _STOPWORDS and not single.group(1).endswith("ing"):
        return _with_governor(text, a, a + single.start(1), a + single.end(1))
    return None


def _with_governor(text: str, a: int, s: int, e: int) -> tuple[int, int] | None:
    """A name that is the object of a preposition ("Head of the Azerbaijan Institute for
    Democracy and Human Rights says") is not the speaker: the phrase from the clause start is."""
    gov = _GOVERNED.search(text, max(0, s - 12), s)
    if gov is None:
        return s, e
    if gov.start() < a or text.startswith("and", gov.start()):
        return None  # "... for Democracy and Human Rights says": the subject is further back
    return a + len(text[a:s]) - len(text[a:s].lstrip()), e


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
        # "Dean, a former Democratic National Committee chairman ..., poked at ..., tweeting":
        # the name opening the sentence, when its verb comes after the appositive
        lead = _LEAD_NAME.match(text, sent.start, cue_start)
        if lead is not None and _lead_ok(text, lead.start(1), lead.end(1)):
            verb = _FINITE_AFTER.match(text, lead.end(1), cue_start)
            if verb is not None and (finite is None or lead.end(1) < finite[0] < verb.end()):
                return lead.start(1), lead.end(1)
        if finite is not None:
            return finite
        span = _subject_of_clause(st, a, cue_start) if a > sent.start else None
        return span or _subject_of_clause(st, sent.start, cue_start)
    return _adjacent_speaker(st, a, cue_start)
