"""Direct quotes (archive.extract.quotes): the quoted spans with a cue next to them, after
("“...,” X said", "“...” ― Name") or before ("X said: “...”"), and continuations."""

from __future__ import annotations

import re

from archive.extract.quotes_text import head_name
from archive.extract.quotes_vocab import (
    _VERBS,
    _ACCORDING, _AFTER_CUE_SPK, _AFTER_SPK_CUE, _ANY_STATEMENT, _CUE_ANY, _DASH_SPK, _LEAD_WORDS,
    _PARTICIPLES, _STATEMENT_EXT, _TITLED, _TITLE_CASE, _VERB_AFTER,
)
from archive.extract.quotes_state import _Cand, _Quote, _State, _is_name, _lead_ok, _names_someone
from archive.extract.quotes_speakers import _statement_parties, _subject_of_clause


_SAID_NAME = re.compile(r"\s*(?P<cue>Said|Says|Added|Asked|Wrote)\s+(?P<spk>[A-Z][^,.;:“”\"]{1,60}?)\s*[:,]\s*$")
_CONTINUED = re.compile(r"[,?!…—–-]$")


_BEFORE_TITLE = re.compile(r"\b(?:on|of|to|in|at|for|from|with|the|his|her|its|their|[A-Z][\w-]*['’]s|(?:book|song|film|movie|"
                           r"show|program|programme|album|column|novel|memoir|essay|op-ed|poem|anthem|hymn|play|series)\s*,?)\s*$")
_PRESENT_VERBS = frozenset(_VERBS) | {"calls", "describes", "labels", "dubs", "brands", "terms", "deems", "considers"}


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
    word = verb.group(1)
    if word.endswith("s") and word not in _PRESENT_VERBS:
        return None  # "Afghanistan events", "SCO members": a noun, not a verb
    return subj, (verb.start(1), verb.end(1))


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
        if not body or _TITLED.search(text[max(0, q.open_at - 30):q.open_at]):
            continue
        attr = attrs[i]
        if _TITLE_CASE.fullmatch(body) and (attr is None or attr[0] != "after" or
                                            _BEFORE_TITLE.search(text, max(0, q.open_at - 25), q.open_at)):
            continue  # "On “Fox News Sunday,” Pence said" (but "“Timothy McVeigh,” Elliott said")
        n_words = len(body.split())
        lead = len(inner) - len(inner.lstrip())
        s = q.qs + lead
        e = s + len(body.rstrip(" ,"))
        if attr is None:
            sent = st.sentences[st.sentence_at(q.open_at)]
            if n_words >= 4 and len(text[sent.start:q.open_at].split()) > 2:
                # a quoted phrase inside a sentence with a subject of its own ("Pepper
                # called Friday's decision a “huge win for Ohio voters.”", "Obama called the
                # holiday “a celebration of ...”") is that subject's
                own = _subject_verb(st, sent.start, q.open_at)
                if own is not None:
                    spk, verb = own
                    out.append(_Cand(s, e, "direct", cue=" ".join(text[verb[0]:verb[1]].split()), cue_span=verb,
                                     spk_span=spk, quote_span=(q.open_at, q.close_at)))
                    last = i
                    continue
            if last is None or n_words < 4 or not re.search(r"[.!?…]\s*$", body):
                continue
            if st.sentence_at(q.qs) - st.sentence_at(quotes[last].qe) > 2:
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
    said = _SAID_NAME.match(seg)
    if said:  # "Said Ellis: “...”"
        return ("before", (seg_start + said.start("cue"), seg_start + said.end("cue")),
                (seg_start + said.start("spk"), seg_start + said.end("spk")))
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
    # "... super predator,’”": a nested quote closing with the sentence
    continued = bool(_CONTINUED.search(inner.rstrip("’'\"”"))) or window.startswith(",")
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
