"""Reported speech (archive.extract.quotes): "X said (that) ...", "..., X said.", "according
to X, ...", "X called on Y to ..."."""

from __future__ import annotations

import bisect
import re

from archive.extract.quotes_text import head_name
from archive.extract.sentences import Sentence
from archive.extract.quotes_vocab import (
    _ACCORDING, _AFTER_ALL, _AMBIGUOUS_NOUNS, _AS_CUES, _BARE_CUES, _CLAUSE_LIKE, _CONTENT_BAD_START,
    _CUE_ANY, _INVERTED, _NP_OBJECT, _PARTICIPLES, _PRONOUNS, _REPORTED_CUE, _REPORTED_TAIL,
    _SAID_NOT_CLAUSE, _SAY, _STOPWORDS, _STRICT_CUES, _THAT, _VERB_LIKE,
)
from archive.extract.quotes_state import (
    _Cand, _Quote, _State, _in_quote, _looks_like_name, _names_someone, _trim,
)
from archive.extract.quotes_speakers import _adjacent_speaker, _clause_start, _speaker_before


_SENTENCE_END = re.compile(r"\s*(?:,\s*according\s+to\s+[^,.;]+)?\s*[.!?]?[\"”]?\s*$")
_TOLD_OBJECT = re.compile(r"\s+(?:the\s+)?[A-Z][\w'’.\u02d1-]*(?:\s+[A-Z][\w'’.\u02d1-]*){0,4}|\s+(?:reporters|journalists)")
_TRANSITIVE = {"told", "tells", "asked", "asks", "informed", "reminded", "assured", "urged", "warned"}


def _entity_span(st: _State, span: tuple[int, int]) -> bool:
    """A pronoun or a known person, organisation or country (not a demonym)."""
    words = st.text[span[0]:span[1]].strip()
    if words.lower() in ("he", "she"):
        return True
    end = span[0] + len(st.text[span[0]:span[1]].rstrip(" ,"))
    return any(((m.entity.type in ("person", "organization", "country") and m.kind != "demonym") or m.kind == "metonym")
               and m.end == end for m in st.mentions_in(*span))


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
        if first in ("told", "tells") and _SENTENCE_END.match(rest) is None:
            # "..., Sen. Lindsey Graham (R-S.C.) told The Huffington Post on Thursday."
            obj = _TOLD_OBJECT.match(text, after_pos, sent.end)
            if obj is not None:
                tail2 = _REPORTED_TAIL.match(text, obj.end())
                end2 = tail2.end() if tail2 else obj.end()
                if _SENTENCE_END.match(text, end2, sent.end) and sent.end - end2 < 4:
                    after_pos, rest = end2, text[end2:sent.end]
        if re.match(r"\s*[:,]?\s*[“\"]", rest):
            continue  # introduces a direct quote
        participle = bool(re.fullmatch(_PARTICIPLES, low))
        cue_text = " ".join(text[m.start():after_pos].split()).strip(" ,")
        # "..., X said." closing the sentence
        if not participle and _SENTENCE_END.match(rest):
            spk = _adjacent_speaker(st, _clause_start(st, m.start()), m.start())
            if spk is None or (first in _AMBIGUOUS_NOUNS and not _entity_span(st, spk) and not _name_verb(st, spk, m)):
                continue
            comma = text.rfind(",", sent.start, spk[0])
            if comma < 0 or len(text[sent.start:comma].split()) < 4:
                continue
            a, b = _trim(text, sent.start, comma)
            return _Cand(a, b, "reported", cue=cue_text, cue_span=(m.start(), after_pos), spk_span=spk)
        # "..., regretted Velayati, who ...": the cue and then its speaker close the sentence
        # (not "told/asked X": their object follows them)
        inverted = _INVERTED.match(text, after_pos, sent.end) if not participle and first not in _TRANSITIVE else None
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
