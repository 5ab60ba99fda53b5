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
from archive.extract.namedata import NameData, rules
from archive.extract.namerules import (
    _Article,
    _Group,
    _OFFICE_OF_PERSON,
    _POINTS,
    _POSSESSIVE,
    _clean,
    _groups,
    _headed,
    _role,
    _runs,
    _tokens,
    _type,
)


@dataclass
class Found:
    key: str
    name: str
    type: str
    confidence: float
    spans: list = field(default_factory=list)  # (start, end, surface, kind)
    role: str | None = None
    aliases: set = field(default_factory=set)  # spellings with an honorific that is part of the name


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
    pending_single: list[tuple] = []  # (group, verdict, end, alias with an honorific or None)
    known_extra: list[tuple] = []  # gazetteer entities met under a form the gazetteer lacks
    persons_kb: list[tuple] = []
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
                       and known[inside[0]].entity.type in ("location", "country") and known[inside[0]].end == g.end
                       and known[inside[0]].kind != "demonym")  # "South American" is an adjective
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
                        _place(sub_g, art, d, add, pending_single, persons, text)
                continue
        _place(g, art, d, add, pending_single, persons, text)

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

    for g, verdict, end, alias in pending_single:
        w = g.toks[0].text
        first_of = firsts.get(w, ())
        # a first name alone is the only person of that first name named in full before it
        target = choose(surnames.get(w)) or (
            choose(first_of) if len(first_of) == 1 and people[next(iter(first_of))][0] < g.start else None)
        if target is None and w.isupper() and len(w) > 3:
            target = choose(surnames.get(w.title()))  # "WALLACE:" in a transcript
        if target is not None:
            mention(target, g.start, g.end, "surname" if w in surnames or w.title() in surnames else "alias")
            continue
        if verdict is None:
            continue
        type_, conf = verdict
        f = add(entity_key(w, type_, d), w, type_, conf, g.start, end, "name")
        if alias:
            f.aliases.add(alias)
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


_PREV_WORD = re.compile(r"([\w'’.\-]+)[^\w\n]*$")
_NEXT_WORD = re.compile(r" ([\w'’\-]+)(?: ([\w'’\-]+))?")
# organisation heads written in lower case after a name; the places "X of" points to
_ORG_AFTER = frozenset(rules()["org_heads_lower"])
_OF_A_PLACE = frozenset(rules()["of_a_place"])


def _place(g, art, d, add, pending_single, persons, text):
    m = _PREV_WORD.search(text, max(0, g.start - 30), g.start)
    prev_word = m.group(1) if m else ""
    if prev_word == "of":
        before = _PREV_WORD.search(text, max(0, m.start() - 30), m.start())
        if before and before.group(1).lower() in _OF_A_PLACE:
            prev_word = "in"  # "the former governor of Badgheis": a place
    after = g.toks[-1].after
    m = _NEXT_WORD.match(text, after)
    next_word = m.group(1) if m else ""
    next_end = m.end(1) if m else after
    verdict = _type(g, art, d, prev_word, next_word)
    if m and verdict and verdict[0] == "person" and not g.role:
        head = m.group(1).lower() + (" " + m.group(2).lower() if m.group(2) else "")
        words = next((h for h in (head, m.group(1).lower()) if h in _ORG_AFTER), None)
        if words:  # "the ISIS Amaq news agency", "the Wagner group": the head belongs to the name
            verdict = ("organization", 0.8)
            next_word, next_end = words, after + 1 + len(words)
    role = _role(g.role, d)
    # an honorific that is part of how a person is called gives an alias ("Lord Carrington")
    honorific = [r for r in g.role if r.rstrip(".") in d.honorifics_in_name]
    if len(g.toks) == 1 and g.full_name is None:
        if g.forced_type == "person":
            verdict = ("person", 0.8)
        end = _end(g, verdict[0] if verdict else None, next_word, next_end, d)
        alias = " ".join(honorific + [g.toks[0].text]) if honorific else None
        pending_single.append((g, verdict, end, alias))
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
    if honorific and type_ == "person":
        f.aliases.add(" ".join(honorific + [name]))  # "Mawlawi Abdul Kabir", "Lord Carrington"
    if type_ == "person":
        persons.append((g.start, f, (g.full_name or name).split()))


def _end(g, type_, next_word, next_end, d) -> int:
    """"Idlib province", "Amaq news agency": the lower-case head belongs to the mention."""
    if (type_ == "location" and next_word in d.geo_heads_lower) or (type_ == "organization" and next_word in _ORG_AFTER):
        return next_end
    return g.end


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
