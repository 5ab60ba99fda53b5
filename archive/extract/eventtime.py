"""Where and when an event is, and whether it happened (no database): clauses of a sentence,
the event's place, its status (occurred, planned, historical, negated), its date and the
anchoring of noun triggers. Used by :mod:`archive.extract.events`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from archive.extract import reldates
from archive.extract.eventparties import _CLAUSE_BREAK, _CONSULT, _DESTINATION_BEFORE, _LOCATIVE_BEFORE, _is_party
from archive.ingest.record import DateValue

if TYPE_CHECKING:  # annotations only
    from archive.extract.events import _Context, _Trigger, _Vocabulary

_LEAD_SUBORDINATE = re.compile(r"(?:Since|After|Before|When|While|As|Although|Though|If|Because|Once|Until|Unless|Whereas)\s[^,;]{8,150}?,\s")


def _main_clause(text: str, clauses):
    """The first clause that is not a leading subordinate one ("Since ..., the Taliban ...")."""
    if len(clauses) > 1 and _LEAD_SUBORDINATE.match(text, clauses[0][0]):
        return clauses[1]
    return clauses[0]


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans inside ``text[start:end]``."""
    spans = []
    pos = start
    lead = _LEAD_SUBORDINATE.match(text, start, end)
    if lead:
        spans.append((start, lead.end() - 2))
        pos = lead.end()
    breaks = []
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if m.start() < pos:
            continue
        breaks.append((m.start(), m.end()))
        # a subordinate clause opened mid-sentence ("... since the Taliban seized the
        # capital last month, Qatar's foreign minister ...") ends at its next comma
        if _SUBORDINATOR.match(m.group(0)):
            comma = _CLAUSE_COMMA.search(text, m.end(), end)
            if comma:
                breaks.append((comma.start(), comma.end()))
    for a, b in sorted(breaks):
        if a < pos:
            continue
        if a > pos:
            spans.append((pos, a))
        pos = b
    if pos < end:
        spans.append((pos, end))
    return spans or [(start, end)]


_SUBORDINATOR = re.compile(r"\s(?:since|because|although|whereas|while|after|before|as\s+the|following\s+the|"
                           r"in\s+the\s+wake\s+of|even\s+though|when|once|until)\b", re.I)
_CLAUSE_COMMA = re.compile(r",\s+(?=[A-Z]|(?:the|a|an|its|his|her|their)\s+[A-Z])")


# --------------------------------------------------------------------------- location

def _location(ctx, text, etype, in_sentence, clause, s, e):
    """The place of the event and the mentions that are that place."""
    best = None
    best_dist = None
    for m in in_sentence:
        if m.entity.type not in ("location", "country") or m.kind in ("demonym", "metonym"):
            continue
        if not (clause[0] <= m.start < clause[1]) or m.start > e + 120 or m.end < s - 120:
            continue
        pre = text[max(0, m.start - 40):m.start]
        if m.entity.type == "country":
            if etype == "visit":
                ok = bool(_DESTINATION_BEFORE.search(pre))
            elif etype in _CONSULT:
                ok = bool(re.search(r"\bin\s+$", pre))
            else:
                ok = False
        else:
            ok = bool(_LOCATIVE_BEFORE.search(pre)) or (etype == "visit" and bool(_DESTINATION_BEFORE.search(pre)))
            if etype in ("attack", "deployment") and not ok and m.end <= s:
                # "Herat is controlled by", "Kabul fell to": the place is the subject
                ok = bool(re.fullmatch(r"(?:['’]s)?\s*(?:(?:is|was|has|had|have|been|now|also|reportedly|finally|city|province)\s+)*",
                                       text[m.end:s], re.I))
            if etype in ("attack",) and not ok:
                ok = bool(re.search(r"\b(?:seiz\w*|captur\w*|took|take|overran|stormed|fall\s+of|entered|swept\s+into|"
                                    r"control\s+of|attack\w*\s+on|retook|retaken|recaptured)\s+(?:the\s+)?(?:city\s+of\s+|"
                                    r"capital\s+)?$", pre, re.I))
        if not ok:
            continue
        dist = m.start - e if m.start >= e else (s - m.end) * 2
        if best is None or dist < best_dist:
            best, best_dist = m, dist
    if best is None:
        return None, set()
    same = {m for m in in_sentence if m.start == best.start and m.end == best.end}
    return best.entity, same


# --------------------------------------------------------------------------- status and dates

def _status(text: str, voc: _Vocabulary, clause, s: int, e: int, trig: _Trigger) -> str:
    lead_start = max(clause[0], s - 90)
    lead = text[lead_start:s]
    tail = text[e:min(clause[1], e + 25)]
    if voc.negated.search(lead) or re.match(r"^\s*(?:was|were|has|have|had|is|are)?\s*(?:not|never)\b", tail, re.I):
        return "negated"
    if voc.planned.search(lead) or re.match(r"^\s*(?:to\s+be\s+held|will|is\s+(?:due|scheduled|set|expected)|"
                                            r"are\s+(?:due|scheduled|set|expected)|planned|scheduled|slated)\b", tail, re.I):
        return "planned"
    return "occurred"


def _dates_of(ctx: _Context, si: int, direction: str | None):
    key = (si, direction)
    if key not in ctx.dates:
        sent = ctx.sentences[si]
        ctx.dates[key] = [
            reldates.DateMatch(d.text, d.start + sent.start, d.end + sent.start, d.date_start, d.date_end,
                               d.precision, d.resolution, d.tense)
            for d in reldates.find_dates(sent.text, ctx.published, direction)
        ]
    return ctx.dates[key]


def _nearest_date(ctx, si, sent, clause, s, e, direction):
    dates = _dates_of(ctx, si, direction)
    if not dates:
        return None
    inside = [d for d in dates if clause[0] <= d.start < clause[1]]
    pool = inside or [d for d in dates if _same_span_ok(ctx.text, d, s, e)]
    if not pool:
        return None
    return min(pool, key=lambda d: d.start - e if d.start >= e else (s - d.end) * 1.5)


def _same_span_ok(text: str, d, s: int, e: int) -> bool:
    """A date outside the trigger's clause still dates it when nothing but a comma or a
    short phrase separates them ("On Monday, the Taliban seized ...")."""
    if d.end <= s:
        gap = text[d.end:s]
        return len(gap) < 60 and not re.search(r"[;:]|\b(?:since|after|before|when|which|who)\b", gap)
    return False


def _after_publication(date: reldates.DateMatch, published: DateValue | None) -> bool:
    ref = reldates.reference_date(published)
    if ref is None or date.date_start is None:
        return False
    if date.precision == "day":
        return date.date_start > ref.isoformat()
    if date.precision == "month":
        return date.date_start > ref.isoformat()[:7]
    if date.precision == "year":
        return date.date_start > ref.isoformat()[:4]
    return False


def _is_historical(date: reldates.DateMatch, ref_year: int | None) -> bool:
    if date.date_start is None:
        return False
    end_year = int((date.date_end or date.date_start)[:4])
    if ref_year is None:
        return False
    return end_year <= ref_year - 2


def _anchored(ctx, text, voc, trig, sent, clause, s, e, date, location, in_sentence) -> bool:
    """A noun trigger ("talks", "meeting") is an event only when something pins it down."""
    if date is not None or location is not None:
        return True
    near = text[max(clause[0], s - 60):min(clause[1], e + 60)]
    if voc.holding.search(near):
        return True
    after = text[e:min(sent.end, e + 50)]
    if trig.anchor_strict and not (trig.anchor_between and re.match(r"^\s*(?:between|among)\b", after, re.I)):
        return False
    if re.match(r"^\s*(?:with|between|among)\b", after, re.I):
        return any(e <= m.start <= e + 60 and _is_party(m) for m in in_sentence)
    return False
