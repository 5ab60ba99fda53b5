"""Date phrases in running text, resolved against the publication date when there is one.

``find_dates(text, published)`` returns every date phrase of ``text`` with its offsets and
its value:

- explicit phrases carry their own year ("October 20, 2021", "in 2003", "20-21 October 2021",
  "in the 1980s", "May 2021") and resolve without a publication date
  (``resolution = "explicit"``);
- relative phrases ("on Wednesday", "last week", "earlier this month", "next month",
  "yesterday", "three years ago") and partial ones ("on June 25", "Sept. 11-12",
  "in mid-October") need the publication date (``resolution = "relative"``); without one (or
  with a publication date that has no year) they stay ``unknown``: the raw phrase is kept
  and nothing is guessed.

Weekdays resolve to the most recent such day on or before the publication date ("on
Wednesday" in an article of Thursday 2021-10-21 is 2021-10-20), or to the next one on or
after it when the caller says the event lies ahead (``direction="future"``: "will meet on
Monday"). Month-day phrases without a year take the publication year, moved a year back
(or forward for future events) when that lands on the wrong side of the publication date.

Values are ISO strings truncated to their precision (``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``); a week is given as its Monday and Sunday with precision ``week``; a
decade ("the 1990s") as its first and last year with precision ``year``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from archive.ingest.record import DateValue

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None,
    "few": None, "a few": None,
}  # fmt: skip


@dataclass(frozen=True)
class DateMatch:
    """One date phrase of a text and what it resolves to."""

    text: str  # the raw phrase
    start: int  # offsets in the text searched
    end: int
    date_start: str | None
    date_end: str | None
    precision: str  # day, week, month, year, unknown
    resolution: str  # explicit, relative, unknown
    tense: str | None = None  # "past" / "future" when the phrase itself says so ("last", "next", "ago")

    @property
    def year(self) -> int | None:
        return int(self.date_start[:4]) if self.date_start else None


# --------------------------------------------------------------------------- patterns

# Month names are matched capitalised ("May", not the modal "may"); abbreviations may carry
# a full stop ("Sept.").
_MONTH_NAMES = sorted({k.capitalize() for k in MONTHS}, key=len, reverse=True)
_MON = r"(?:" + "|".join(_MONTH_NAMES) + r")(?![a-z])\.?"
_WD_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WD = r"(?:" + "|".join(_WD_NAMES) + r")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PART = r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of)"
_NUMW = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few|few)"

_P = {
    # 20-21 October 2021, 8 and 9 July 2021
    "dm_range_y": rf"\b(?P<d1>{_DAY})\s*(?:-|–|and|to)\s*(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m>{_MON}),?\s+(?P<y>{_YEAR})\b",
    # October 20-21, 2021 / July 8 and 9, 2021
    "md_range_y": rf"\b(?P<m>{_MON})\s+(?P<d1>{_DAY})\s*(?:-|–|and|to)\s*(?P<d2>{_DAY}),?\s+(?P<y>{_YEAR})\b",
    # (Monday,) October 20, 2021
    "mdy": rf"(?:\b(?P<wd>{_WD}),?\s+)?\b(?P<m>{_MON})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b",
    # (Monday,) 20 October 2021
    "dmy": rf"(?:\b(?P<wd>{_WD}),?\s+)?\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MON}),?\s+(?P<y>{_YEAR})\b",
    "iso": r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b",
    # Sept. 11-12 / July 8 and 9 (no year)
    "md_range": rf"\b(?P<m>{_MON})\s+(?P<d1>{_DAY})\s*(?:-|–|and|to)\s*(?P<d2>{_DAY})\b(?!\s*(?:,\s*)?\d)",
    "dm_range": rf"\b(?P<d1>{_DAY})\s*(?:-|–|and|to)\s*(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m>{_MON})(?!\s*,?\s*\d)",
    # (Monday,) June 25 / 25 June (no year)
    "md": rf"(?:\b(?P<wd>{_WD}),?\s+)?\b(?P<m>{_MON})\s+(?P<d>{_DAY})\b(?!\s*(?:,\s*)?\d)(?!\s*(?:-|–)\s*\d)",
    "dm": rf"(?:\b(?P<wd>{_WD}),?\s+)?\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MON})(?!\s*,?\s*\d)",
    # (mid-)October 2021
    "my": rf"\b(?:(?P<part>(?i:{_PART}))[-\s]+)?(?P<m>{_MON}),?\s+(?:of\s+)?(?P<y>{_YEAR})\b",
    # in October / in mid-October / last August / earlier in September
    "m": (rf"\b(?:(?P<rel>(?i:last|next|this|past|coming))\s+|(?i:(?:in|since|until|till|by|during|from|"
          rf"before|after|early|late|earlier|later)\s+(?:the\s+)?(?:(?:month\s+of|end\s+of|beginning\s+of|"
          rf"middle\s+of|start\s+of)\s+)?)(?:(?P<part>(?i:early|mid|late))[-\s]+)?)(?P<m>{_MON})(?!\s*\d)"),
    # 1996 to 2001 / between 2011 and 2013 / 2011-2013
    "y_range": (rf"(?i:\b(?:from|between)\s+(?P<y1>{_YEAR})\s+(?:to|and|until|till|through)\s+(?P<y2>{_YEAR})\b)"
                rf"|\b(?P<y3>{_YEAR})\s*(?:-|–)\s*(?P<y4>{_YEAR}|\d\d)\b"),
    # the 1980s
    "decade": r"(?i:\b(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?P<dec>1[89]\d0|20[0-9]0)['’]?s\b)",
    # in 2003, since 2012, the fall 2001 invasion, the year 2001
    "y": (rf"(?i:\b(?P<lead>in|since|until|till|by|from|during|before|after|of|early|mid|late|fall|autumn|"
          rf"spring|summer|winter|year|the|its|in\s+early|in\s+late|in\s+mid)[-\s]+(?P<y>{_YEAR})\b(?![-–/]\d))"),
    # on Wednesday / last Monday / Wednesday's meeting / a Wednesday phone call
    "wd": (rf"\b(?:(?P<rel>(?i:last|next|this|on|past|coming|since|until|by|from|early|late|earlier|later))\s+)?"
           rf"(?P<wd>{_WD})(?P<poss>['’]s)?(?:\s+(?i:morning|afternoon|evening|night))?\b"),
    # yesterday / today / tomorrow
    "deictic": r"(?i:\b(?P<deic>yesterday|today|tomorrow|tonight)\b)",
    # last week, earlier this month, next year, later this week
    "period": (r"(?i:\b(?P<rel>last|next|this|earlier\s+this|later\s+this|early\s+this|late\s+this|"
               r"earlier\s+in\s+the|later\s+in\s+the|the\s+past|the\s+previous|the\s+following|the\s+coming|"
               r"the\s+next|the\s+last)\s+(?P<unit>week|month|year|weekend)\b)"),
    # three years ago, a week ago
    "ago": rf"(?i:\b(?P<n>{_NUMW})\s+(?P<unit>day|week|month|year)s?\s+ago\b)",
}  # fmt: skip

# Month and weekday names must be capitalised ("May" the month, not the modal "may"); the
# words around them are case-insensitive through scoped (?i:...) groups.
_COMPILED = [(name, re.compile(pattern)) for name, pattern in _P.items()]
_PRIORITY = {name: i for i, name in enumerate(_P)}
# what a text must contain for a pattern to be worth running (a cheap prefilter)
_DIGIT = re.compile(r"\d")
_MONTH_ANY = re.compile(_MON)
_NEEDS = {name: "digit" for name in _P}
_NEEDS.update({"m": "month", "wd": ("day",), "deictic": ("day", "tomorrow", "tonight"),
               "period": ("week", "month", "year"), "ago": (" ago",)})


# --------------------------------------------------------------------------- reference

def reference_date(published: DateValue | None) -> date | None:
    """The publication day, when the publication date is known to the day."""
    if published is None or not published.iso or len(published.iso) < 10:
        return None
    try:
        return date(int(published.iso[0:4]), int(published.iso[5:7]), int(published.iso[8:10]))
    except ValueError:
        return None


def reference_month(published: DateValue | None) -> tuple[int, int] | None:
    if published is None or not published.iso or len(published.iso) < 7:
        return None
    return int(published.iso[0:4]), int(published.iso[5:7])


def reference_year(published: DateValue | None) -> int | None:
    if published is None or not published.iso:
        return None
    return int(published.iso[0:4])


# --------------------------------------------------------------------------- helpers

def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= d <= calendar.monthrange(y, m)[1]


def _iso(d: date) -> str:
    return d.isoformat()


def _year_for(month: int, day: int | None, ref: date, direction: str | None) -> int:
    """The year of a month(-day) without one, next to the publication date."""
    y = ref.year
    probe = date(y, month, min(day or 1, calendar.monthrange(y, month)[1]))
    if day is None:
        ref_key, probe_key = (ref.year, ref.month), (y, month)
        if direction == "future":
            return y if probe_key >= ref_key else y + 1
        if direction == "past":
            return y if probe_key <= ref_key else y - 1
        # nearest: a month more than six months ahead is last year's
        return y if month - ref.month <= 6 else y - 1 if month > ref.month else y
    if direction == "future":
        return y if probe >= ref else y + 1
    if direction == "past":
        return y if probe <= ref else y - 1
    delta = (probe - ref).days
    if delta > 183:
        return y - 1
    if delta < -183:
        return y + 1
    return y


def _number(s: str) -> int | None:
    s = " ".join(s.lower().split())
    if s.isdigit():
        return int(s)
    return NUMBERS.get(s)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _week(d: date) -> tuple[str, str]:
    monday = d - timedelta(days=d.weekday())
    return _iso(monday), _iso(monday + timedelta(days=6))


# --------------------------------------------------------------------------- resolution

def _resolve(name: str, g: dict, ref: date | None, ref_year: int | None, direction: str | None):
    """(date_start, date_end, precision, resolution, tense) for one match."""
    unknown = (None, None, "unknown", "unknown")
    if name in ("dm_range_y", "md_range_y"):
        y, m, d1, d2 = int(g["y"]), _month(g["m"]), _day(g["d1"]), _day(g["d2"])
        if not (_valid(y, m, d1) and _valid(y, m, d2)) or d2 < d1:
            return None
        return (f"{y}-{m:02d}-{d1:02d}", f"{y}-{m:02d}-{d2:02d}", "day", "explicit", None)
    if name in ("mdy", "dmy"):
        y, m, d = int(g["y"]), _month(g["m"]), _day(g["d"])
        if not _valid(y, m, d):
            return None
        v = f"{y}-{m:02d}-{d:02d}"
        return (v, v, "day", "explicit", None)
    if name == "iso":
        y, m, d = int(g["y"]), int(g["mn"]), int(g["d"])
        if not _valid(y, m, d):
            return None
        v = f"{y}-{m:02d}-{d:02d}"
        return (v, v, "day", "explicit", None)
    if name in ("md_range", "dm_range", "md", "dm"):
        m = _month(g["m"])
        d1 = _day(g.get("d1") or g.get("d"))
        d2 = _day(g.get("d2") or g.get("d1") or g.get("d"))
        if d1 > 31 or d2 > 31 or d2 < d1 or not _valid(2000, m, d1) or not _valid(2000, m, d2):
            return None
        if ref is None:
            return (*unknown, None)
        y = _year_for(m, d1, ref, direction)
        if not _valid(y, m, d1) or not _valid(y, m, d2):
            return None
        return (f"{y}-{m:02d}-{d1:02d}", f"{y}-{m:02d}-{d2:02d}", "day", "relative", None)
    if name == "my":
        y, m = int(g["y"]), _month(g["m"])
        v = f"{y}-{m:02d}"
        return (v, v, "month", "explicit", None)
    if name == "m":
        m = _month(g["m"])
        rel = (g.get("rel") or "").lower()
        if ref is None:
            return (*unknown, "past" if rel in ("last", "past") else "future" if rel in ("next", "coming") else None)
        if rel in ("last", "past"):
            y = ref.year if m < ref.month else ref.year - 1
            tense = "past"
        elif rel in ("next", "coming"):
            y = ref.year if m > ref.month else ref.year + 1
            tense = "future"
        elif rel == "this":
            y, tense = ref.year, None
        else:
            y, tense = _year_for(m, None, ref, direction), None
        v = f"{y}-{m:02d}"
        return (v, v, "month", "relative", tense)
    if name == "y_range":
        y1 = g.get("y1") or g.get("y3")
        y2 = g.get("y2") or g.get("y4")
        y1 = int(y1)
        y2 = int(y2) if len(y2) == 4 else int(str(y1)[:2] + y2)
        if y2 <= y1 or y2 - y1 > 60:
            return None
        return (str(y1), str(y2), "year", "explicit", None)
    if name == "decade":
        d = int(g["dec"])
        return (str(d), str(d + 9), "year", "explicit", None)
    if name == "y":
        y = g["y"]
        return (y, y, "year", "explicit", None)
    if name == "wd":
        rel = (g.get("rel") or "").lower()
        wd = WEEKDAYS[g["wd"].lower()]
        tense = "past" if rel in ("last", "past", "since", "earlier") else "future" if rel in ("next", "coming", "until", "by") else None
        if ref is None:
            return (*unknown, tense)
        if rel == "next" or (tense == "future") or (tense is None and direction == "future"):
            diff = (wd - ref.weekday()) % 7
            if rel == "next" and diff == 0:
                diff = 7
            d = ref + timedelta(days=diff)
        else:
            diff = (ref.weekday() - wd) % 7
            if rel == "last" and diff == 0:
                diff = 7
            d = ref - timedelta(days=diff)
        return (_iso(d), _iso(d), "day", "relative", tense)
    if name == "deictic":
        word = g["deic"].lower()
        tense = {"yesterday": "past", "tomorrow": "future"}.get(word)
        if ref is None:
            return (*unknown, tense)
        d = ref + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
        return (_iso(d), _iso(d), "day", "relative", tense)
    if name == "period":
        rel = " ".join(g["rel"].lower().split())
        unit = g["unit"].lower()
        if unit == "weekend":
            return None
        if rel in ("last", "the past", "the previous", "the last"):
            n, tense = -1, "past"
        elif rel in ("next", "the following", "the coming", "the next"):
            n, tense = 1, "future"
        else:
            n = 0
            tense = "past" if rel.startswith("earlier") else "future" if rel.startswith("later") else None
        if rel in ("the past", "the last") and unit != "week":
            return None  # "the past year" is a span ending now, not a calendar unit
        if unit == "year":
            if ref_year is None:
                return (*unknown, tense)
            v = str(ref_year + n)
            return (v, v, "year", "relative", tense)
        if ref is None:
            if unit == "month" and ref_year is None:
                return (*unknown, tense)
            if ref is None:
                return (*unknown, tense)
        if unit == "month":
            y, m = _add_months(ref.year, ref.month, n)
            v = f"{y}-{m:02d}"
            return (v, v, "month", "relative", tense)
        s, e = _week(ref + timedelta(days=7 * n))
        return (s, e, "week", "relative", tense)
    if name == "ago":
        n = _number(g["n"])
        unit = g["unit"].lower()
        if n is None:
            return None
        if unit == "year":
            if ref_year is None:
                return (*unknown, "past")
            v = str(ref_year - n)
            return (v, v, "year", "relative", "past")
        if ref is None:
            return (*unknown, "past")
        if unit == "day":
            v = _iso(ref - timedelta(days=n))
            return (v, v, "day", "relative", "past")
        if unit == "week":
            s, e = _week(ref - timedelta(days=7 * n))
            return (s, e, "week", "relative", "past")
        y, m = _add_months(ref.year, ref.month, -n)
        v = f"{y}-{m:02d}"
        return (v, v, "month", "relative", "past")
    return None


def find_dates(text: str, published: DateValue | None = None, direction: str | None = None) -> list[DateMatch]:
    """Every date phrase of ``text``, longest first where they overlap, in text order.

    ``direction`` ("past" or "future") says on which side of the publication date partial
    dates ("on Monday", "June 25") lie; ``None`` takes the most recent weekday and the
    nearest month-day.
    """
    ref = reference_date(published)
    ref_year = reference_year(published)
    found = []
    has_digit = _DIGIT.search(text) is not None
    low = text.lower()
    has_month = has_digit or _MONTH_ANY.search(text) is not None
    for name, rx in _COMPILED:
        need = _NEEDS[name]
        if need == "digit" and not has_digit:
            continue
        if need == "month" and not has_month:
            continue
        if need not in ("digit", "month") and not any(w in low for w in need):
            continue
        for m in rx.finditer(text):
            g = m.groupdict()
            if name == "y" and g.get("lead", "").lower() in ("the", "its") and not _adjectival_year(text, m.end()):
                continue
            if name == "wd" and not _weekday_context(text, m, g):
                continue
            value = _resolve(name, g, ref, ref_year, direction)
            if value is None:
                continue
            s, e = m.start(), m.end()
            if name == "y" and g["lead"].lower() in ("the", "its", "of", "year"):
                s = m.start("y") if g["lead"].lower() in ("the", "its", "of") else s
            found.append((s, e, _PRIORITY[name], name, value))
    out: list[DateMatch] = []
    for s, e, _, name, (ds, de, prec, res, tense) in sorted(found, key=lambda f: (-(f[1] - f[0]), f[2], f[0])):
        if any(o.start < e and s < o.end for o in out):
            continue
        out.append(DateMatch(text[s:e].strip(), s, e, ds, de, prec, res, tense))
    out.sort(key=lambda d: d.start)
    return out


def resolve(phrase: str, published: DateValue | None = None, direction: str | None = None) -> DateMatch | None:
    """The first date phrase in ``phrase`` (convenience for single phrases)."""
    found = find_dates(phrase, published, direction)
    return found[0] if found else None


_ADJ_YEAR = re.compile(r"\s*(?:[a-z]+\s+){0,2}?(?:invasion|attacks?|agreement|deal|accord|war|election|elections|"
                       r"withdrawal|takeover|summit|conference|talks|treaty|bombing|bombings|occupation|"
                       r"coup|revolution|uprising|negotiations|meeting|visit|offensive|fall|collapse)\b", re.I)


def _adjectival_year(text: str, end: int) -> bool:
    """"the 2001 invasion", "its 2020 agreement": a year used as a date of an event noun."""
    return bool(_ADJ_YEAR.match(text, end))


def _weekday_context(text: str, m, g: dict) -> bool:
    """A weekday is a date, not part of a name ("Black Friday", "Friday prayers")."""
    after = text[m.end():m.end() + 12].lower()
    if re.match(r"\s+prayers?\b", after):
        return False
    return True
