"""Statement events from reported speech: who said (told, urged, asked, claimed ...) what to whom.

Wire copy reports most of what actors do as speech: "X said", "X told reporters", "X urged Y
to ...", "X claimed responsibility", "“...,” X declared". Each such act by a *named*
communicator (a person, an organisation or a country; pronouns resolved) is a ``statement``
event. The speech acts and their speakers come from the quotes extractor's public output
(:func:`archive.extract.quotes.extract_quotes`, records with ``speaker``, ``speakers``,
``cue``, ``start``, ``end``, ``sentence_index``); this module only turns them into event
records:

- **participants**: the speaker(s) (role ``speaker``) and the speaker's country; the addressee
  (role ``addressee``) when a party is named right after a directed cue ("told Reuters",
  "urged Pakistan to", "asked Elliott"). An act without a named communicator ("officials
  said", "one source said") is no event: an event is who did what to whom.
- **type**: always ``statement``; the PLOVER category follows the cue (``speech_acts`` of the
  statement type in ``data/event_types.json``: urged/asked/called on -> REQUEST,
  accused/blamed/condemned -> ACCUSE, warned/threatened -> THREATEN, denied/rejected ->
  REJECT), with the cue class as ``mode``.
- not an event: source citations ("according to X"), continuations of a quote already
  counted, speech that reads out a meeting or a call (the statement type's ``not_if``: "during
  the talks, Lavrov said": the meeting is the event), and a speech act in a sentence that
  already has a statement event from a trigger ("issued a statement"): its speaker joins it.
- **status / date**: as for any event, read around the cue (its clause).
"""

from __future__ import annotations

import re

from archive.extract.eventparties import _CAPTION, _as_party, _mentions_between
from archive.extract.events import EventRecord, Participant, _Context, vocabulary
from archive.extract.eventtime import _after_publication, _clauses, _is_historical, _nearest_date

_DIRECTED = re.compile(
    r"^(?:told|tells|telling|asked|asks|asking|urged|urges|urging|called\s+on|calls\s+on|called\s+upon|"
    r"ordered|orders|instructed|instructs|warned|warns|assured|reassured|informed|briefed|begged|requested|"
    r"promised|pledged|accused|accuses|blamed|blames)\b", re.I)
_NEGATED_CUE = re.compile(r"\b(?:not|never|n['’]t|refused\s+to|declined\s+to|would|could|might|may|will)\s+(?:\w+\s+)?$", re.I)
_ADDRESSEE_GAP = re.compile(r"^\s*(?:the\s+)?$")
_PARTY = {"person", "organization", "country"}


def _speech_acts():
    voc = vocabulary()
    spec = voc.types["statement"]
    acts = getattr(_speech_acts, "cache", None)
    if acts is None:
        acts = [(re.compile(a["pattern"], re.I), a["plover"], a.get("mode")) for a in spec.get("speech_acts", [])]
        skip = re.compile(spec.get("speech_skip", r"(?!)"), re.I)
        not_if = re.compile(spec["not_if"], re.I) if spec.get("not_if") else None
        # plain attributions ("said", "added"): statements unless the vocabulary leaves them out
        comment_cues = re.compile(spec["speech_comment_cues"], re.I)
        comments = None if spec.get("speech_comments", True) else comment_cues
        acts.append((comment_cues, spec["plover"], "remarks"))  # plain attributions: mode remarks
        acts = _speech_acts.cache = (acts, skip, not_if, comments)
    return acts


_INDEFINITE = re.compile(r"^(?:a|an|one|some|another|several|many|two|three)\s", re.I)
_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i|the\s+\w+(?:\s+\w+)?)$", re.I)
_IN_PHRASE = re.compile(r"\b(?:in|throughout|across|of|over|from|to|at|on|with|against|into|for|near|inside)\s+(?:the\s+)?"
                        r"(?:[A-Z][\w'’.-]*\s+){0,3}(?:(?:,|and|or)\s+(?:the\s+)?)?$")
_UNKNOWN_PERSON_AFTER = re.compile(r"^['’]?s?\s+(?:[a-z-]+\s+){1,3}(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]+$")


def _named_speaker(ctx: _Context, q, e, sent) -> bool:
    """Whether ``e`` is the communicator the speaker words name, not an affiliation or a place
    in them: "Justice Department prosecutor Scott Mendeloff" (a person the entities missed),
    "an authority with jurisdiction throughout France", "the Afghan side" are not."""
    words = (q.speaker_text or "").strip(" ,;:“”\"'")
    if _INDEFINITE.match(words):
        return False  # "an Islamic body declared": nobody named
    own_sent = ctx.sentences[q.sentence_index]
    here = _mentions_between(ctx, min(sent.start, own_sent.start), max(sent.end, own_sent.end))
    if any(q.start <= m.start < q.end and m.entity.ref == e.ref for m in here) \
            and not any(m.surface in words for m in here if m.entity.ref == e.ref):
        return False  # "He said McVeigh used the name": the speaker is not who the content is about
    if e.type == "person":
        return True
    if not words or _PRONOUN.match(words):
        return True  # resolved by the quotes extractor
    own = [m for m in here if m.entity.ref == e.ref]
    inside = [m for m in own if m.surface in words]
    if not inside:
        return True
    m = inside[0]
    if _IN_PHRASE.search(ctx.text, max(0, m.start - 50), m.start):
        return False
    if _as_party(ctx, ctx.text, m, "statement") is None:
        return False  # a bare demonym ("the Afghan side")
    tail = words[words.find(m.surface) + len(m.surface):]
    return not _UNKNOWN_PERSON_AFTER.match(tail)


def _cue_at(text: str, cue: str, sentences, si: int, q) -> tuple[int, int]:
    """Where the cue of quote ``q`` is (the occurrence nearest the content) and in which
    sentence: the quote's own, else the next or the previous one ('"Who was it?"' and
    'Mendeloff asked.' are two sentences to the splitter)."""
    for k in (si, si + 1, si - 1):
        if not 0 <= k < len(sentences):
            continue
        sent = sentences[k]
        best, best_d = -1, None
        i = text.find(cue, sent.start, sent.end)
        while i >= 0:
            d = min(abs(i - q.start), abs(i - q.end))
            if best_d is None or d < best_d:
                best, best_d = i, d
            i = text.find(cue, i + 1, sent.end)
        if best >= 0:
            return best, k
    return -1, si


def speech_events(ctx: _Context, quotes, events: list[EventRecord]) -> list[EventRecord]:
    """Statement events of the quote records ``quotes``; ``events`` (the trigger events of the
    same text) take a speaker instead when their sentence already has a statement."""
    acts, skip, not_if, comments = _speech_acts()
    voc = vocabulary()
    text = ctx.text
    by_sentence = {}
    for ev in events:
        if ev.event_type == "statement":
            by_sentence.setdefault(ev.sentence_index, ev)
    out: list[EventRecord] = []
    for q in quotes:
        cue = (q.cue or "").strip()
        if not cue or skip.search(cue) or (comments is not None and comments.match(cue)):
            continue
        speakers = [e for e in ([q.speaker] if q.speaker is not None else []) + list(q.speakers or [])
                    if e is not None and e.type in _PARTY]
        si = q.sentence_index
        if not speakers or si is None or not (0 <= si < len(ctx.sentences)):
            continue
        at, si = _cue_at(text, cue, ctx.sentences, si, q)
        if at < 0:
            continue
        sent = ctx.sentences[si]
        speakers = [e for e in speakers if _named_speaker(ctx, q, e, sent)]
        if not speakers:
            continue
        if (not_if is not None and not_if.search(sent.text)) or _CAPTION.search(sent.text):
            continue
        parts: list[Participant] = []
        seen = set()

        def add(entity, role):
            if entity is None or entity.ref in seen:
                return
            seen.add(entity.ref)
            parts.append(Participant(entity, role))

        for e in speakers:
            add(e, "speaker")
            if e.type == "person":
                add(getattr(e, "country", None), "speaker")
        cue_end = at + len(cue)
        if _DIRECTED.match(cue):
            after = _mentions_between(ctx, cue_end, cue_end + 31)
            if after and after[0].entity.type in _PARTY and _ADDRESSEE_GAP.match(text[cue_end:after[0].start]):
                add(after[0].entity, "addressee")
        existing = by_sentence.get(sent.index)
        if existing is not None:
            known = {p.entity.ref for p in existing.participants}
            existing.participants.extend(p for p in parts if p.entity.ref not in known)
            continue
        plover, mode = voc.types["statement"]["plover"], None
        for rx, pl, md in acts:
            if rx.match(cue):
                plover, mode = pl, md
                break
        clauses = _clauses(text, sent.start, sent.end)
        clause = next(((a, b) for a, b in clauses if a <= at < b), (sent.start, sent.end))
        status = "negated" if _NEGATED_CUE.search(text, max(sent.start, at - 30), at) else "occurred"
        direction = "past" if status == "occurred" else None
        date = _nearest_date(ctx, si, sent, clause, at, cue_end, direction)
        if date is not None and status == "occurred":
            if date.tense == "future" or _after_publication(date, ctx.published):
                date = None
            elif _is_historical(date, ctx.ref_year):
                status = "historical"
        if status == "occurred" and voc.historical.search(text, clause[0], clause[1]):
            status = "historical"
        ev = EventRecord(
            event_type="statement", plover_type=plover, mode=mode, status=status,
            date_start=date.date_start if date else None, date_end=date.date_end if date else None,
            date_precision=date.precision if date else "unknown", date_text=date.text if date else None,
            date_resolution=date.resolution if date else "unknown", location=None, participants=parts,
            field=ctx.field, sentence_index=sent.index, start=sent.start, end=sent.end, trigger=text[at:cue_end],
        )
        by_sentence[sent.index] = ev
        out.append(ev)
    return out
