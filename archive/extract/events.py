"""Events in one text field (body, title or a photo caption): plain records, no database.

An event is found from a trigger of the vocabulary in ``data/event_types.json`` (readable
type -> PLOVER type and default mode, trigger patterns, status cues, and per type: the
parties it needs, a role it needs, reclassifications) and filled from its sentence:

- **participants**: the parties named in the trigger's clause (clauses are cut at ``;``,
  dashes and subordinate conjunctions such as ", which", "after the", "since ...,");
  violence, deployments and the like take the parties next to the trigger (and whole lists:
  "the U.S. and its NATO allies"); when a meeting's clause has none before the trigger the
  sentence's main clause supplies the subject, and a pronoun subject ("He met ...", "its
  troops") takes the earlier party of the sentence or the previous sentence's person.
  Excluded: places (a place is the event's ``location``), a country after "in" for meetings
  and the like ("talks in Tajikistan": the venue), topics ("talks on Afghanistan", "envoy to
  Afghanistan", "the Afghanistan situation", "Afghanistan's neighbours"), what an event
  happens on the sidelines of, news media and platforms, sources ("according to ..."), the
  reporter of a reported event ("Kirby said ... explosions"), demonyms that do not name a
  government, officials or forces ("an Afghan neighbour"), and anything inside quotation
  marks unless the trigger is inside them too. For meetings, talks, calls, statements and
  agreements the window ends at the first infinitive or participle after the trigger ("agreed
  to cooperate on ... the Taliban takeover": the Taliban are not on the call). A person brings
  their country along when that country is mentioned in the sentence or is the person's
  affiliation (``getattr(entity, "country", None)``); a place where an attack or a deployment
  happens brings its country as the target (``country`` attribute, or the country the place
  is the capital of when that country is mentioned in the text). Meetings, talks, calls,
  agreements and summits need two parties (a person and their country are one), a visit its
  visitor, a deployment its actor, an appointment a person. An event is who did what to whom:
  an attack needs a named actor (a place's country or a victim alone is a passing mention);
  an arrest, a trial or a protest a named person or organisation (a country only as the
  acting government: "a citizen of Kyrgyzstan pleaded not guilty" names no defendant).
- **roles follow the sentence**: before a passive trigger, before a trigger with a "by"
  agent, or before "survived"/"suffered", a party is the target ("Putin's site gets attacked
  by hackers", "Maduro survived an attack"); forces after a violent verb are its victims
  ("killed 23 Afghan soldiers"). Not parties: who reacts to or speaks of a violent event
  ("Carter responded to the bombing", "Macron called the explosion an attack", witnesses),
  relatives and friends of a named person ("a friend of bombing suspect X"), what a charge is
  about ("charged with the assassination of X"), compounds ("a pro-Assad militia"; but
  "anti-Taliban protesters" protest against the Taliban).
- **not events**: idioms and compounds ("attack-dog fashion", "attack helicopters"), agent
  nouns ("the suspected bombers"), accidents ("accidental explosions"), adjectival
  participles ("a recognized Islamic State follower", "U.S.-sanctioned"), and every sentence
  that is a photo caption or credit inside the body ("FILE - X is seen in this image taken
  from CCTV", "image caption", "(AP Photo/...)", gallery widgets).
- **type**: talks between officials ("X held talks with Y", a person or a role noun on
  either side) are a meeting; a meeting of ministers or of a group of countries is a
  conference; a meeting of delegations without named people is talks. A statement that reads
  out a meeting or a call is not a statement event; "this meeting", "such talks" refer back.
- **status**: ``negated`` (negation or hypothesis before the trigger in its clause: "did
  not", "refused to", "would", "if", "no rush in"), ``planned`` ("will", "upcoming", "to be
  held", "plans to", "next month", a date after publication), ``historical`` (a date two or
  more years before the publication year, or before the latest year the text or
  ``reference_year`` names when there is no publication date; a decade; the Soviet Union),
  else ``occurred``.
- **date**: the date phrase nearest to the trigger in its clause (else just before it in its
  sentence), resolved by :mod:`archive.extract.reldates` against the publication date (to
  the future for planned events); never the publication date by default.

Statements are also read from reported speech (:mod:`archive.extract.eventspeech`: "X said",
"X told Y", "X urged Y to"), one per speech act of a named communicator, with the PLOVER
category of the cue (REQUEST, ACCUSE, THREATEN, REJECT); blame and condemnation by a named
subject are ACCUSE statements from triggers ("Moscow blames ...").

One event per type per clause; merging the same event across sentences and articles is the
caller's job.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import lru_cache
from importlib import resources

from archive.data.lexicon import load_words
from archive.extract import reldates
from archive.extract.entities import LexEntity, Mention
from archive.extract.eventparties import (
    _ACTOR_TARGET,
    _ANAPHORA,
    _NOMINAL_TRIGGER,
    _TEMPORAL_REFERENCE,
    _VIOLENCE,
    _CAPTION,
    _CONSULT,
    _CUT_AT_INFINITIVE,
    _HOST_BEFORE,
    _INFINITIVE,
    _POSSESSIVE_FORCES,
    _PRONOUN_SUBJECT,
    _REACTION_BETWEEN,
    _CRITICIZED_FOR,
    _VERBAL_ATTACK,
    _VIDEO,
    _VIOLENT_CONTEXT,
    _as_party,
    _count_groups,
    _count_parties,
    _country_of_place,
    _entity_after,
    _excluded,
    _is_party,
    _local,
    _mentions_between,
    _persons_talk,
    _previous_subject,
    _pronoun_fits,
    _quote_spans,
    _role,
    location_start,
)
from archive.extract.eventtime import (
    _after_publication,
    _anchored,
    _clauses,
    _is_historical,
    _location,
    _main_clause,
    _nearest_date,
    _status,
)
from archive.extract.fastregex import required_factors
from archive.extract.sentences import Sentence
from archive.ingest.record import DateValue

EXTRACTOR_VERSION = "events-2"


@dataclass(frozen=True)
class Participant:
    entity: LexEntity
    role: str  # host, guest, participant, speaker, target, visitor, actor, appointee


@dataclass
class EventRecord:
    event_type: str
    plover_type: str
    mode: str | None
    status: str  # occurred, planned, historical, negated
    date_start: str | None
    date_end: str | None
    date_precision: str  # day, week, month, year, unknown
    date_text: str | None
    date_resolution: str  # explicit, relative, unknown
    location: LexEntity | None
    participants: list[Participant]
    field: str  # body, title, caption
    sentence_index: int
    start: int
    end: int
    trigger: str


# --------------------------------------------------------------------------- vocabulary

@dataclass
class _Trigger:
    type: str
    rx: re.Pattern
    kind: str  # verb / noun
    plover: str
    mode: str | None
    after: re.Pattern | None = None
    not_after: re.Pattern | None = None
    before: re.Pattern | None = None
    not_before: re.Pattern | None = None
    entity_after: str | None = None
    within: int = 40
    persons_only: bool = False
    needs_actor: bool = False
    anchor_strict: bool = False
    anchor_between: bool = False
    subject: str | None = None
    hosting: bool = False
    subject_near: int | None = None
    order: int = 0
    factors: frozenset | None = None  # one of these strings is in every match (lower case)


@dataclass
class _Vocabulary:
    types: dict
    triggers: list[_Trigger]
    planned: re.Pattern
    negated: re.Pattern
    historical: re.Pattern
    holding: re.Pattern
    topic: re.Pattern
    implied: list[tuple[re.Pattern, list[str]]]
    role_nouns: re.Pattern
    type_order: dict = dc_field(default_factory=dict)


def _any(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    data = json.loads(resources.files("archive.data").joinpath("event_types.json").read_text("utf-8"))
    triggers = []
    order = 0
    for type_name, spec in data["types"].items():
        for t in spec["triggers"]:
            flags = 0 if t.get("case") else re.I
            triggers.append(_Trigger(
                type=type_name,
                rx=re.compile(t["pattern"], flags),
                kind=t.get("kind", "verb"),
                plover=t.get("plover", spec["plover"]),
                mode=t.get("mode", spec.get("mode")),
                after=re.compile(t["after"]) if "after" in t else None,
                not_after=re.compile(t["not_after"], re.I) if "not_after" in t else None,
                before=re.compile(t["before"], re.I) if "before" in t else None,
                not_before=re.compile(t["not_before"], re.I) if "not_before" in t else None,
                entity_after=t.get("entity_after"),
                within=t.get("within", 40),
                persons_only=t.get("persons_only", False),
                needs_actor=t.get("needs_actor", False),
                anchor_strict=t.get("anchor_strict", False),
                anchor_between=t.get("anchor_between", False),
                subject=t.get("subject"),
                hosting=t.get("hosting", False),
                subject_near=t.get("subject_near"),
                order=order,
                factors=required_factors(t["pattern"]),
            ))
            order += 1
    words = load_words()
    roles = sorted({r.lower() for r in words["roles"]} | {"prime minister", "foreign minister", "counterpart",
                                                          "delegation", "delegations", "officials", "ministers"},
                   key=len, reverse=True)
    role_nouns = re.compile(r"\b(?:" + "|".join(re.escape(r) for r in roles) + r")s?\b", re.I)
    return _Vocabulary(
        types=data["types"],
        triggers=triggers,
        planned=_any(data["cues"]["planned"]),
        negated=_any(data["cues"]["negated"]),
        historical=re.compile("|".join(f"(?:{p})" for p in data["cues"]["historical"])),
        holding=re.compile(data["holding_verbs"], re.I),
        topic=re.compile(data["topic_markers"], re.I),
        implied=[(re.compile(k), v) for k, v in data["implied_participants"].items()],
        role_nouns=role_nouns,
        type_order={t: i for i, t in enumerate(data["types"])},
    )


def event_types() -> list[dict]:
    """The documented vocabulary: type, PLOVER type, default mode, description."""
    data = json.loads(resources.files("archive.data").joinpath("event_types.json").read_text("utf-8"))
    return [{"event_type": k, "plover_type": v["plover"], "mode": v.get("mode"), "description": v["description"]}
            for k, v in data["types"].items()]



@dataclass
class _Context:
    text: str
    sentences: list[Sentence]
    starts: list[int]
    mentions: list[Mention]
    mention_starts: list[int]
    published: DateValue | None
    ref_year: int | None
    by_ref: dict
    by_name: dict
    field: str
    dates: dict  # (sentence index, direction) -> list[DateMatch]


# --------------------------------------------------------------------------- main entry

def extract_events(text: str, sentences: list[Sentence], mentions: list[Mention],
                   published: DateValue | None, field: str = "body", *,
                   reference_year: int | None = None, quotes=None) -> list[EventRecord]:
    """Events of ``text`` (one field), in text order.

    ``reference_year`` (optional) is the year the article is about when it has no
    publication date (for instance the latest year named in its title, body and captions);
    with neither, the latest year named in ``text`` decides what is historical.

    Statements reported as speech ("X said", "X urged Y") come from the quote records of the
    body (:mod:`archive.extract.eventspeech`): pass ``quotes`` (the output of
    :func:`archive.extract.quotes.extract_quotes` for the same text and mentions) when the
    caller has them, else they are extracted here. Titles and captions have none.
    """
    given_mentions = mentions
    if not text or not sentences:
        return []
    voc = vocabulary()
    mentions = sorted((m for m in mentions if m.kind != "dateline"), key=lambda m: (m.start, -m.end))
    by_ref: dict = {}
    by_name: dict = {}
    for m in mentions:
        by_ref.setdefault(m.entity.ref, m.entity)
        by_name.setdefault(m.entity.name, m.entity)
    ctx = _Context(
        text=text, sentences=sentences, starts=[s.start for s in sentences], mentions=mentions,
        mention_starts=[m.start for m in mentions], published=published,
        ref_year=_reference_year(text, published, reference_year), by_ref=by_ref, by_name=by_name, field=field, dates={},
    )
    # every trigger occurrence, grouped by sentence
    hits: dict[int, list[tuple[int, int, _Trigger]]] = {}
    lowered = text.lower()
    # the required strings' places, unless lower case changed the text's length (offsets differ)
    places = _factor_places(voc, lowered) if len(lowered) == len(text) else None
    for k, trig in enumerate(voc.triggers):
        if places is not None and trig.factors is not None and k not in places:
            continue  # none of the strings every match of it holds is in the text
        for m in _trigger_matches(trig, text, places.get(k) if places is not None else None):
            si = bisect.bisect_right(ctx.starts, m.start()) - 1
            if si < 0 or m.start() >= sentences[si].end:
                continue
            hits.setdefault(si, []).append((m.start(), m.end(), trig))
    events: list[EventRecord] = []
    for si in sorted(hits):
        if _CAPTION.search(sentences[si].text):
            continue
        events.extend(_sentence_events(ctx, si, hits[si], voc))
    if field == "body":
        from archive.extract.eventspeech import speech_events

        if quotes is None:
            from archive.extract.quotes import extract_quotes

            quotes = extract_quotes(text, sentences, given_mentions)
        events = sorted(events + speech_events(ctx, quotes, events), key=lambda ev: (ev.start, ev.sentence_index))
    return events


_WINDOW = 160  # no trigger match is longer than this


def _factor_places(voc: _Vocabulary, lowered: str) -> dict[int, list[tuple[int, int]]]:
    """Trigger index -> (start, end) of every occurrence of its required strings in the text,
    from one pass of an Aho-Corasick automaton over all of them."""
    automaton = _factor_automaton(id(voc))
    places: dict[int, list[tuple[int, int]]] = {}
    for end, (length, triggers) in automaton.iter(lowered):
        for k in triggers:
            places.setdefault(k, []).append((end - length + 1, end + 1))
    return places


@lru_cache(maxsize=2)
def _factor_automaton(_voc_id: int):
    import ahocorasick

    owners: dict[str, list[int]] = {}
    for k, trig in enumerate(vocabulary().triggers):
        for f in trig.factors or ():
            owners.setdefault(f, []).append(k)
    automaton = ahocorasick.Automaton()
    for f, ks in owners.items():
        automaton.add_word(f, (len(f), tuple(ks)))
    automaton.make_automaton()
    return automaton


def _trigger_matches(trig: _Trigger, text: str, found: list | None):
    """The trigger's matches, searched only around ``found``, the places where one of its
    required strings occurs (every match contains one); everywhere when it has none or the
    places are not known (a text whose lower case changes its length)."""
    if trig.factors is None or found is None:
        yield from trig.rx.finditer(text)
        return
    spans = [(max(0, a - _WINDOW), min(len(text), b + _WINDOW)) for a, b in found]
    if not spans:
        return
    spans.sort()
    merged = [list(spans[0])]
    for a, b in spans[1:]:
        if a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    n = len(text)
    for a, b in merged:
        for m in trig.rx.finditer(text, a, b):
            if m.end() == b and b < n:
                # the window's end may have cut the match short: search again past it
                full = trig.rx.match(text, m.start())
                if full is not None:
                    yield full
                continue
            yield m


def _reference_year(text: str, published: DateValue | None, given: int | None = None) -> int | None:
    year = reldates.reference_year(published)
    if year is not None:
        return year
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)]
    if given is not None:
        years.append(given)
    return max(years) if years else None


def _sentence_events(ctx: _Context, si: int, hits, voc: _Vocabulary) -> list[EventRecord]:
    sent = ctx.sentences[si]
    clauses = _clauses(ctx.text, sent.start, sent.end)
    candidates = []
    for s, e, trig in hits:
        ev = _event_for(ctx, si, sent, clauses, s, e, trig, voc)
        if ev is not None:
            candidates.append((s, e, trig, ev))
    # overlapping triggers: the longest wins, then the type listed first
    candidates.sort(key=lambda c: (-(c[1] - c[0]), voc.type_order[c[2].type], c[2].order))
    kept = []
    for c in candidates:
        if any(k[0] < c[1] and c[0] < k[1] for k in kept):
            continue
        kept.append(c)
    kept.sort(key=lambda c: c[0])
    out: dict[tuple, EventRecord] = {}
    for s, e, trig, ev in kept:
        ci = next((i for i, (a, b) in enumerate(clauses) if a <= s < b), 0)
        key = (ev.event_type, ci)
        if key in out:
            continue  # one event per type per clause
        out[key] = ev
    return sorted(out.values(), key=lambda ev: ev.start)


def _event_for(ctx: _Context, si: int, sent: Sentence, clauses, s: int, e: int, trig: _Trigger, voc: _Vocabulary):
    text = ctx.text
    after_text = text[e:sent.end]
    before_text = text[sent.start:s]
    if trig.after is not None and not trig.after.search(after_text):
        return None
    if trig.not_after is not None and trig.not_after.search(after_text):
        return None
    if trig.before is not None and not trig.before.search(before_text[-60:]):
        return None
    if trig.not_before is not None and trig.not_before.search(before_text[-40:]):
        return None
    not_if = voc.types[trig.type].get("not_if")
    if not_if and re.search(not_if, sent.text, re.I):
        return None
    if trig.kind == "noun" and _ANAPHORA.search(before_text[-30:]):
        return None  # "this meeting", "such talks": the event is named elsewhere
    clause = next(((a, b) for a, b in clauses if a <= s < b), (sent.start, sent.end))
    in_sentence = _mentions_between(ctx, sent.start, sent.end)
    if any(m.start <= s and e <= m.end and m.entity.type in ("organization", "location") for m in in_sentence):
        return None  # inside a name ("Collective Security Treaty Organization")
    if trig.entity_after and not _entity_after(ctx, text, in_sentence, e, trig.entity_after, trig.within):
        return None

    # ------------------------------------------------------------------ window
    quotes = _quote_spans(ctx, si)
    in_quote = next(((a, b) for a, b in quotes if a <= s < b), None)
    if in_quote is not None:
        in_sentence = [m for m in in_sentence if in_quote[0] <= m.start < in_quote[1]]
    else:
        in_sentence = [m for m in in_sentence if not any(a <= m.start < b for a, b in quotes)]
    win_start, win_end = clause
    if trig.type in _CUT_AT_INFINITIVE:
        cut = _INFINITIVE.search(text, e, win_end)
        if cut:
            win_end = cut.start()
    window = [m for m in in_sentence if win_start <= m.start < win_end]
    if trig.type in _ACTOR_TARGET and trig.type != "appointment":
        window = _local(text, window, s, e)
    before = [m for m in window if m.start < s and _is_party(m)]
    pronoun = _PRONOUN_SUBJECT.match(text, win_start, s) if not before else None
    if pronoun is None and not before and trig.type in _ACTOR_TARGET:
        # "... that ended with its troops withdrawing": the owner of "its troops" acts
        pronoun = _POSSESSIVE_FORCES.search(text, max(win_start, s - 40), e + 25)
    borrowed: list[Mention] = []
    if pronoun is not None and trig.type in _VIOLENCE and _REACTION_BETWEEN.search(text, pronoun.end(), s):
        pronoun = None  # "She has called the police shootings ...": she is not a party
    if pronoun is not None:
        p = pronoun.group("p").lower()
        earlier = [m for m in in_sentence if m.end <= win_start and _is_party(m) and _pronoun_fits(p, m)]
        if earlier and clause != clauses[0]:
            # "its troops": the sentence's subject; "he", "they": the nearest before
            borrowed = [earlier[0] if p in ("its", "their") else earlier[-1]]
        elif si > 0 and clause == clauses[0]:
            borrowed = _previous_subject(ctx, si, p)
    elif not before and clause != _main_clause(ctx.text, clauses) and trig.type not in ("appointment",) \
            and trig.type not in _ACTOR_TARGET:
        first = _main_clause(ctx.text, clauses)
        window = [m for m in in_sentence if first[0] <= m.start < first[1]] + window

    # ------------------------------------------------------------------ location
    location, loc_mentions = _location(ctx, text, trig.type, in_sentence, (win_start, win_end), s, e)
    if trig.hosting and location is not None and not (e <= location_start(loc_mentions) <= e + 50):
        location, loc_mentions = None, set()

    # ------------------------------------------------------------------ participants
    parts: list[Participant] = []
    seen: set = set()

    def add(entity: LexEntity, role: str):
        if entity is None or entity.ref in seen:
            return
        seen.add(entity.ref)
        parts.append(Participant(entity, role))

    subjects = []  # parties named before the trigger (not brought along by a person)
    named_here = False  # a party named in the trigger's own window
    for m in window:
        if m in loc_mentions:
            continue
        entity = _as_party(ctx, text, m, trig.type)
        if entity is None:
            continue
        if _excluded(ctx, text, m, s, e, trig.type, voc, location):
            continue
        if m.start < s and (trig.subject_near is None or s - m.end <= trig.subject_near) and (
                trig.subject != "any" or m.start >= win_start):
            subjects.append(entity)
        role = _role(text, trig.type, m, s, e)
        if trig.hosting:
            role = "host" if m.start < s else "visitor"
        elif _HOST_BEFORE.search(text[max(0, m.start - 20):m.start]) or re.match(
                r"^\s*(?:,\s*which\s+)?(?:has\s+|had\s+|will\s+|is\s+to\s+|was\s+to\s+|is\s+due\s+to\s+)?(?:also\s+)?host(?:ed|s|ing)?\b",
                text[m.end:s]):
            role = "host"
        add(entity, role)
        # a country is arrested, tried or protests only as its government acting
        named_here = named_here or entity.type != "country" or role == "actor"
        if entity.type == "person":
            add(getattr(entity, "country", None), role)
    for m in borrowed:
        role = _role(text, trig.type, m, s, e, default_before=True)
        add(m.entity, role)
        if m.entity.type == "person":
            add(getattr(m.entity, "country", None), role)
    clause_text = text[win_start:win_end]
    for rx, names in voc.implied:
        if rx.search(clause_text):
            for name in names:
                add(ctx.by_name.get(name), "participant")
    if location is not None and trig.type in ("visit", "attack", "deployment") and not trig.hosting:
        role = "host" if trig.type == "visit" else "target"
        add(location if location.type == "country" else _country_of_place(ctx, location), role)

    # requirements
    if not parts:
        return None
    if trig.type in _VIOLENCE and _NOMINAL_TRIGGER.match(text[s:e]) and _TEMPORAL_REFERENCE.search(before_text[-70:]) \
            and location is None and not any(p.role == "target" for p in parts):
        # "in the aftermath of the Taliban takeover last week": a bare time reference, not a
        # report ("after the fall of Kabul to the Taliban" says what, where and to whom)
        return None
    if trig.needs_actor and not any(p.role == "actor" for p in parts):
        return None
    if trig.persons_only and not _persons_talk(ctx, text, in_sentence, s, e, window, voc):
        return None
    if trig.subject == "country_or_org" and not any(x.type in ("country", "organization") for x in subjects):
        return None
    if trig.subject == "any" and not subjects and not (borrowed and pronoun.group("p").lower() in ("he", "she", "they")):
        # "It also called on ...": "it" is as often the statement itself as a party
        return None
    etype = trig.type
    spec = voc.types[etype]
    for new_type, rule in spec.get("reclassify", {}).items():
        if rule.get("no_persons") and any(p.entity.type == "person" for p in parts):
            continue
        if re.search(rule["pattern"], sent.text, re.I):
            etype = new_type
            break
    plover = trig.plover if etype == trig.type else voc.types[etype]["plover"]
    mode = trig.mode
    if etype == "attack" and _VERBAL_ATTACK.fullmatch(text[s:e]) and (
            not _VIOLENT_CONTEXT.search(sent.text) or _CRITICIZED_FOR.match(text, e)):
        actors = [p for p in parts if p.role == "actor"]
        persons = [p.entity for p in actors if p.entity.type == "person"]
        their = {getattr(x, "country", None) and getattr(x, "country").ref for x in persons}
        if persons and all(p.entity.type == "person" or p.entity.ref in their for p in actors):
            etype, plover, mode = "statement", "ACCUSE", "criticize"
            parts = [Participant(p.entity, "speaker") if p.role == "actor" else p for p in parts]
    if _count_groups(parts) < voc.types[etype].get("min_parties", 1):
        return None
    needed_role = voc.types[etype].get("requires_role")
    if needed_role and not any(p.role == needed_role for p in parts):
        return None
    if voc.types[etype].get("requires_named") and not named_here:
        return None
    needed_type = voc.types[etype].get("requires_type")
    if needed_type and not any(p.entity.type == needed_type for p in parts):
        return None

    # ------------------------------------------------------------------ status and date
    status = _status(text, voc, clause, s, e, trig)
    direction = "future" if status == "planned" else "past" if status in ("occurred", "historical") else None
    date = _nearest_date(ctx, si, sent, clause, s, e, direction)
    if date is not None:
        if status == "occurred" and (date.tense == "future" or _after_publication(date, ctx.published)):
            status = "planned"
            date = _nearest_date(ctx, si, sent, clause, s, e, "future") or date
        if status == "occurred" and _is_historical(date, ctx.ref_year):
            status = "historical"
    if status == "occurred" and voc.historical.search(text, clause[0], clause[1]):
        status = "historical"

    if trig.kind == "noun" and not _anchored(ctx, text, voc, trig, sent, clause, s, e, date, location, in_sentence):
        return None

    # ------------------------------------------------------------------ mode
    if etype in _CONSULT and _VIDEO.search(sent.text):
        mode = "video"
    elif etype in ("meeting", "talks") and mode is None:
        parties = _count_parties(parts)
        mode = "multilateral" if parties >= 3 else "bilateral" if parties == 2 else None

    return EventRecord(
        event_type=etype,
        plover_type=plover,
        mode=mode,
        status=status,
        date_start=date.date_start if date else None,
        date_end=date.date_end if date else None,
        date_precision=date.precision if date else "unknown",
        date_text=date.text if date else None,
        date_resolution=date.resolution if date else "unknown",
        location=location,
        participants=parts,
        field=ctx.field,
        sentence_index=sent.index,
        start=sent.start,
        end=sent.end,
        trigger=text[s:e],
    )
