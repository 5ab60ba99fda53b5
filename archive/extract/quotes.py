"""Quotes and reported speech in an article body, with their speakers: plain records.

The text is first read in a spelling of the same length (``quotes_text.reading_text``): NYT
``''double apostrophes''`` read as quotation marks, abbreviation periods ("Sen.", "Rep.",
"G.K.", "Md.,") as letters, party tags ("(D-N.C.)", ", R-Ky.,") as blanks. Offsets, quote
text, cue and speaker words in the records are those of the body itself.

Direct quotes are the text between double quotation marks of any style, mixed as copy mixes
them (“ ” and " and ''; across sentences; a paragraph that opens a quote without closing it
runs into the next opening mark), attributed by a cue next to them:

- after the quote: "“...,” Kabulov told a press conference", "“...,” said Rep. G.K.
  Butterfield (D-N.C.), head of ...", "“...,” X, the ..., one of ..., said", "“...,” the joint
  statement said", "“...,” he added", a signed quote "“...” ― Pamela Padilla";
- before it, in the same sentence: "Lavrov stressed ... that “...”", "Xi said: “...”";
- a quoted phrase in a sentence with a named subject and a verb is the subject's ("Pepper
  called Friday's decision a “huge win for Ohio voters.”").

A quote without a cue of its own continues the previous quote when it opens its sentence
within two sentences of it; scare quotes (under four words, no cue next to them) and titles
("titled “...”", a title-case phrase: "“Face the Nation,”") are not quotes.

Reported speech needs a named (or pronoun) speaker or a described source that names someone
("the Clinton campaign says", "according to a new Washington Post-ABC News poll"): "X said
(that) ...", "X says at a campaign stop in Toledo, Ohio, that ...", "X noted that ...", "X
called on Y to ...", "X described Y as ...", "..., X said.", "..., Mr. X argues, ...",
"according to X, ...", "..., according to X". Speech acts with a noun-phrase object
("stressed the importance of", "rejected the rumors") and generic sources ("officials say",
"some analysts believe") are not quotes.

Speakers: the name a speaker phrase is about ("Clinton campaign spokesman Brian Fallon",
"Rep. Elijah Cummings of Maryland, the panel's ranking Democrat", "Michael Mulgrew, president
of the United Federation of Teachers, ... said"); titles, roles, possessives and party tags
are never the speaker. The name resolves to the person mentioned there; a person named in the
phrase as the boss or a qualifier ("Hillary Clinton's campaign manager Robby Mook", "a Clinton
spokesman") does not get the words, and an unnamed spokesperson or official keeps them with
the affiliation in ``speaker_text`` ("an IMF spokesperson"). A name no mention covers stays
``speaker=None`` with the name words in ``speaker_text`` ("G.K. Butterfield"); a mention under
another given name ("Luis Rubio" for a mention of Marco Rubio) is not that person. "he"/"she"
resolve to the most recent person speaker or sentence subject they can be (not a woman for
"he": "Mr./Mrs./Ms." in the article, else a given-names hint), unknown names included;
definite descriptions ("the Iranian foreign minister", "the Vermont senator", "the UN envoy")
to the most recent person named with that role (read next to their names: "Foreign Minister
X", "Sen. X", "X, the ... spokesman") and that country; "the ministry" to the most recent
organisation so named; "the joint statement", "the statement", "it" to the parties named as
issuing the statement (``speakers`` holds them all); plural or generic speakers ("Pakistani
officials", "some analysts") are not resolved. Pass the mentions of unresolved candidate
entities too, and such names resolve to them.

Cue verbs come from ``context_words.json`` (``speech_verbs``) and ``quote_words.json`` (a broad
list: insists, gushed, conceded, ...; those that as often take a noun phrase need "that"), plus
phrases ("told a press conference", "wrote in a post on X", "according to", "called on").

Modules: ``quotes_text`` (reading text, name words), ``quotes_vocab`` (word lists, patterns),
``quotes_state`` (records, quoted spans, speaker tests), ``quotes_speakers``, ``quotes_direct``,
``quotes_reported``; this module runs them.
"""

from __future__ import annotations

import bisect
import re

from archive.extract.entities import Mention
from archive.extract.quotes_text import head_name
from archive.extract.quotes_text import plain, quote_words
from archive.extract.quotes_text import reading_text
from archive.extract.sentences import Sentence
from archive.extract.sentences import split
from archive.extract.quotes_vocab import (
    _DATE_TAIL, _GENERIC_SPEAKER, _INDEFINITE, _LEAD_ADVERBIAL, _PLURAL_ROLE, _PRONOUNS, _ROLE_NP_START,
    _STOPWORDS, _UNKNOWN_SUBJECT,
)
from archive.extract.quotes_state import (
    QuoteRecord, _Cand, _State, _direct_spans, _in_quote, _is_name, _known_surname, _looks_like_name,
    _names_someone, _set_person,
)
from archive.extract.quotes_speakers import _index_people, _recent_person, _resolve, _speaker_before
from archive.extract.quotes_direct import _direct_candidates
from archive.extract.quotes_reported import _reported_candidates


EXTRACTOR_VERSION = "quotes-2"


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


def _common_word(text: str, words: str) -> bool:
    """A one-word speaker the article also writes in lower case ("Prosecutors said", "Others
    say"): a common noun opening a sentence, not a name."""
    if " " in words:
        return False
    low = words.lower()
    return low in _GENERIC_SOURCES or f" {low} " in text or f" {low}," in text or f" {low}." in text


_GENERIC_SOURCES = frozenset(quote_words()["generic_sources"])  # "Prosecutors said", "Critics say"


def _build(st: _State, c: _Cand, si: int) -> QuoteRecord | None:
    text = st.text
    body = text[c.start:c.end]
    if c.continuation:
        if st.last_speaker is None:
            return None
        at, sp, sp_text, sps = st.last_speaker
        lp = st.last_person
        if lp is not None and lp[0] > at and st.sentence_at(at) < st.sentence_at(lp[0]) < si and \
                (lp[1] is not None or lp[2]) and not (sp is not None and lp[1] is not None and lp[1].ref == sp.ref) \
                and not (lp[1] is None and lp[2] == sp_text):
            # a sentence about someone else came between: "... Sen. Bernie Sanders ... identified
            # young voters' exhaustion ... “The younger people are ...”" is Sanders's
            person, name = lp[1], lp[2]
            return QuoteRecord(person, name if person is None else person.name, [person] if person else [],
                               "(continuation)", body, "direct", c.start, c.end, si)
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
        if speaker is None and not speakers and _common_word(st.text, speaker_text):
            return None
        if speaker is None and not named and (_GENERIC_SPEAKER.match(speaker_text) or _INDEFINITE.match(speaker_text) and
                          not (speaker_text[:2].lower() in ("a ", "an") and _names_someone(speaker_text))):
            return None  # "some analysts", "a source" (but "a new Washington Post-ABC News poll")
        if speaker is None and not speakers and not named and not _looks_like_name(speaker_text) and \
                not _known_surname(st, speaker_text, c.start) and not _names_someone(speaker_text):
            return None  # reported speech needs a named speaker
    return QuoteRecord(speaker, speaker_text, speakers, c.cue, body, c.kind, c.start, c.end, si)
