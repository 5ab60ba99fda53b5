"""Dates as news sites print them, with their precision, and never a guessed year.

``parse_date("Thursday, October 21, 2021 | 9:51 am.")`` gives
``DateValue("2021-10-21T09:51", "minute", ...)``; ``parse_date("14 Sep, 13:08")`` gives
precision ``no-year`` and ``iso=None``: the year is not in the text, so it is not invented.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from urllib.parse import urlsplit

from archive.ingest.record import DateValue, ParsedArticle

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (
    r"(?P<hour>[0-2]?\d)[:.h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?"

_PATTERNS = [
    # 2021-10-21, 2021-10-21T09:51:00Z, 2021/10/21 09:51
    re.compile(
        r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)"
        r"(?:[T\s]+(?P<hour>[0-2]\d):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
        r"(?:\.\d+)?(?P<tz>Z|[+-]\d\d:?\d\d)?)?\b",
        re.I,
    ),
    # October 21, 2021 [| 9:51 am]
    re.compile(
        rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b(?:[\s,|@-]*(?:at\s+)?{_TIME})?", re.I
    ),
    # 21 October 2021 [, 13:08]
    re.compile(
        rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b(?:[\s,|@-]*(?:at\s+)?{_TIME})?",
        re.I,
    ),
    # 9:51 am, October 21, 2021 / 12:30, 1 January 2023
    re.compile(rf"{_TIME}[\s,|-]+(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"{_TIME}[\s,|-]+(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    # 14 Sep, 13:08   (no year)
    re.compile(rf"\b{_DAY}\s+{_MONTH}(?![a-z])(?:[\s,|@-]*(?:at\s+)?{_TIME})?", re.I),
    # Sep 14, 13:08   (no year)
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*\d{{4}})(?:[\s,|@-]*(?:at\s+)?{_TIME})?", re.I),
    # October 2021
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.I),
]

_LABELS = re.compile(
    r"^\s*(?:[•·*\-–|]\s*)?(?P<label>published(?:\s+on)?|posted(?:\s+on)?|date|updated(?:\s+on)?|"
    r"last\s+updated|modified|printable\s+version|print\s+version|created|first\s+published|"
    r"retrieved(?:\s+on)?|accessed(?:\s+on)?)?\s*[:|]?\s*",
    re.I,
)
# A date in a file name ("breitbart_2016-10-12_slug.txt", "VOA_2014.06.04.txt"): one separator
# used twice, so that ids and 8-digit numbers are not read as dates.
NAME_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[-_.])(?P<month>[01]\d)(?P=sep)(?P<day>[0-3]\d)(?!\d)"
)
# A date in a URL path: "/2016/10/12/", "/2016/10/12" at the end, or "2016-10-12" in a segment.
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?=/|$|\.html?$)"
    r"|(?<![\d])(?P<year2>(?:19|20)\d\d)-(?P<month2>[01]\d)-(?P<day2>[0-3]\d)(?!\d)"
)
_RETRIEVAL_LABELS = ("printable", "print version", "retrieved", "accessed")
_UPDATE_LABELS = ("updated", "modified", "last updated")


def parse_date(text: str) -> DateValue | None:
    """The first date in ``text``, or ``None``."""
    match = _first_match(text)
    return _value(match, text) if match else None


def _first_match(text: str):
    best = None
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if m and _valid(m) and (best is None or m.start() < best.start()):
            best = m
    return best


def _valid(m) -> bool:
    groups = m.groupdict()
    month = _month_number(groups["month"])
    if not month:
        return False
    day = groups.get("day")
    if day is not None:
        year = int(groups["year"]) if groups.get("year") else 2000  # 2000 is a leap year
        if not 1 <= int(day) <= calendar.monthrange(year, month)[1]:
            return False
    hour = groups.get("hour")
    if hour is not None and int(hour) > 23:
        return False
    return True


def _month_number(value: str) -> int | None:
    if value.isdigit():
        n = int(value)
        return n if 1 <= n <= 12 else None
    return MONTHS.get(value.lower().rstrip("."))


def _value(m, text: str) -> DateValue:
    g = m.groupdict()
    month = _month_number(g["month"])
    raw = m.group(0).strip(" ,|")
    year = g.get("year")
    day = g.get("day")
    hour = g.get("hour")
    if hour is not None:
        h = int(hour)
        ampm = (g.get("ampm") or "").lower()
        if ampm == "p" and h < 12:
            h += 12
        elif ampm == "a" and h == 12:
            h = 0
        time = f"{h:02d}:{g['minute']}"
        precision = "minute"
        if g.get("second"):
            time += f":{g['second']}"
            precision = "second"
    else:
        time, precision = None, "day"
    if not year:
        month_day = f"--{month:02d}-{int(day):02d}"
        return DateValue(iso=None, precision="no-year", text=raw, month_day=month_day)
    if day is None:
        return DateValue(iso=f"{year}-{month:02d}", precision="month", text=raw)
    iso = f"{year}-{month:02d}-{int(day):02d}"
    if time:
        iso += f"T{time}"
    return DateValue(iso=iso, precision=precision, text=raw)


def classify_date_line(line: str) -> tuple[str, DateValue] | None:
    """If ``line`` is a date line (nothing but a date and a label), say which kind.

    Returns ``("published" | "updated" | "retrieved", value)`` or ``None`` when the line
    is prose that merely contains a date.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > 90:
        return None
    label_match = _LABELS.match(stripped)
    label = (label_match.group("label") or "").lower() if label_match else ""
    rest = stripped[label_match.end():] if label_match else stripped
    m = _first_match(rest)
    if not m:
        return None
    leftover = (rest[: m.start()] + " " + rest[m.end():]).lower()
    leftover = re.sub(_WEEKDAY, " ", leftover)
    leftover = re.sub(r"\b(?:at|on|gmt|utc|ist|est|edt|pst|msk|irst|local time|am|pm|"
                      r"a\.m\.|p\.m\.|\+\d{4}|[+-]\d\d:?\d\d)\b", " ", leftover)
    if re.search(r"[a-z0-9]", leftover):
        return None
    value = _value(m, rest)
    if any(label.startswith(x) for x in _RETRIEVAL_LABELS):
        return "retrieved", value
    if any(label.startswith(x) for x in _UPDATE_LABELS):
        return "updated", value
    return "published", value


def date_in_name(name: str | None) -> DateValue | None:
    """The date in a file name (``breitbart_2016-10-12_slug.txt`` -> 2016-10-12, ``day``)."""
    if not name:
        return None
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    m = NAME_DATE.search(base)
    return _calendar_day(m["year"], m["month"], m["day"], m.group(0)) if m else None


def date_in_url(url: str | None) -> DateValue | None:
    """The date in a URL's path (``https://x.com/2016/10/12/slug/`` -> 2016-10-12, ``day``)."""
    if not url:
        return None
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    m = _URL_DATE.search(path)
    if not m:
        return None
    if m["year"]:
        return _calendar_day(m["year"], m["month"], m["day"], m.group(0).strip("/"))
    return _calendar_day(m["year2"], m["month2"], m["day2"], m.group(0))


def _calendar_day(year: str, month: str, day: str, text: str) -> DateValue | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    if found > date.today() + timedelta(days=1):  # not a publication date yet
        return None
    return DateValue(iso=found.isoformat(), precision="day", text=text)


def date_from_names(article: ParsedArticle, name: str | None) -> None:
    """No publication date in the text: the one in the URL, else in the file name, with
    ``published_origin`` ``url`` or ``filename`` saying where it came from."""
    if article.published is not None:
        return
    for value, origin in ((date_in_url(article.url), "url"), (date_in_name(name), "filename")):
        if value is not None:
            article.published, article.published_origin = value, origin
            return
