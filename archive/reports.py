"""The analyst's questions: a timeline of events and trends per month (``archive report``).

Shared by :mod:`archive.search` and :mod:`archive.network` too: checking dates, finding
entities and sources by any spelling, and the date filters every report uses.

Every query here goes through an index (``articles.published_at``,
``article_entity_counts(entity_id)``, ``event_parties(entity_id)``, ``events.date_start``,
``theme_hits(theme)``) and only the rows a report shows reach Python.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text

from archive.config import Target
from archive.errors import ArchiveError
from archive.store import connect

EVENT_STATUSES = ("occurred", "planned", "historical", "negated")

# Appended to an --until date so that every stamp starting with it sorts before it:
# '2021-10-31T09:51' <= '2021-10-31~' (ISO stamps use digits, '-', 'T', ':', '+', 'Z').
_UNTIL_SUFFIX = "~"

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class InvalidDate(ArchiveError):
    """A --since/--until value that is not YYYY, YYYY-MM or YYYY-MM-DD."""


class UnknownSource(ArchiveError):
    """No source has that name."""


class UnknownValue(ArchiveError):
    """An event type or theme that does not occur in the archive."""


@dataclass(frozen=True)
class Period:
    """A validated ``--since``/``--until`` pair, as bounds for ISO date strings."""

    since: str | None = None
    until: str | None = None

    @property
    def until_bound(self) -> str | None:
        return self.until + _UNTIL_SUFFIX if self.until else None

    def sql(self, column: str, params: dict, prefix: str = "") -> list[str]:
        """WHERE terms bounding ``column`` (an indexed ISO date column) to the period."""
        terms = []
        if self.since:
            params[f"{prefix}since"] = self.since
            terms.append(f"{column} >= :{prefix}since")
        if self.until:
            params[f"{prefix}until"] = self.until_bound
            terms.append(f"{column} <= :{prefix}until")
        return terms


def check_date(value: str | None, option: str) -> str | None:
    """``value`` if it is YYYY, YYYY-MM or YYYY-MM-DD (a real date), else a domain error."""
    if value is None or value == "":
        return None
    value = value.strip()
    m = _DATE.match(value)
    ok = bool(m)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
        try:
            date(year, month, day)
        except ValueError:
            ok = False
    if not ok:
        raise InvalidDate(f"Invalid {option} date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD "
                          f"(e.g. 2021-10-20).")
    return value


def period(since: str | None, until: str | None) -> Period:
    since, until = check_date(since, "--since"), check_date(until, "--until")
    if since and until and since > until + _UNTIL_SUFFIX:
        raise InvalidDate(f"--since {since} is after --until {until}: swap them.")
    return Period(since, until)


def find_entity(conn, name: str) -> tuple[int, str]:
    """(id, canonical name) of the entity called ``name`` (any alias, any case)."""
    from archive.entities import find

    entity_id = find(conn, name)
    canonical = conn.execute(text("SELECT name FROM entities WHERE id = :id"),
                             {"id": entity_id}).scalar_one()
    return entity_id, canonical


def find_source(conn, name: str) -> tuple[int, str]:
    """(id, name) of the source called ``name``, however it is spelled (``sputniknews.com``)."""
    from archive.ingest.sources import registry

    key = registry().resolve(name).key
    row = conn.execute(
        text("SELECT id, name FROM sources WHERE key = :key OR lower(name) = :lower "
             "OR lower(domain) = :lower ORDER BY key = :key DESC, id LIMIT 1"),
        {"key": key, "lower": name.strip().lower()},
    ).first()
    if row is not None:
        return row.id, row.name
    names = [r[0] for r in conn.execute(text("SELECT name FROM sources ORDER BY name"))]
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.5)
    hint = f" Closest: {', '.join(close)}." if close else ""
    raise UnknownSource(f"No source named {name!r}.{hint} List them with: "
                        f"archive sql \"select name from sources\"")


def credited_articles_sql(param: str) -> str:
    """Articles a source published, wired or relayed (photo credits do not count)."""
    return (f"SELECT article_id FROM article_attributions WHERE source_id = :{param} "
            f"AND role <> 'photo' UNION SELECT id FROM articles WHERE source_id = :{param}")


def _limit(sql: str, limit: int | None, params: dict) -> str:
    if limit:
        params["limit"] = int(limit)
        return sql + " LIMIT :limit"
    return sql


# -- timeline ---------------------------------------------------------------------------------

TIMELINE_COLUMNS = ["event_id", "date_start", "date_end", "date_precision", "event_type", "status",
                    "location", "participants", "n_articles", "n_sources"]


def timeline(target: Target, *, since: str | None = None, until: str | None = None,
             entity: str | None = None, source: str | None = None, type_: str | None = None,
             status: str | None = None, limit: int | None = 100) -> tuple[list[str], list[tuple]]:
    """Events from the ``event_timeline`` view, oldest first (undated last)."""
    span = period(since, until)
    if status and status not in EVENT_STATUSES:
        raise UnknownValue(f"Unknown event status {status!r}: use one of {', '.join(EVENT_STATUSES)}.")
    with connect(target) as conn:
        params: dict = {}
        where = span.sql("t.date_start", params)
        if entity:
            params["entity"] = find_entity(conn, entity)[0]
            where.append("t.event_id IN (SELECT event_id FROM event_participants "
                         "WHERE entity_id = :entity)")
        if source:
            params["source"] = find_source(conn, source)[0]
            where.append("t.event_id IN (SELECT event_id FROM event_evidence WHERE article_id IN "
                         f"({credited_articles_sql('source')}))")
        if type_:
            _check_present(conn, "SELECT 1 FROM events WHERE event_type = :v LIMIT 1",
                           "SELECT DISTINCT event_type FROM events ORDER BY 1", type_,
                           "No events of type {v!r}. Types in the archive: {known}.",
                           empty_ok=True)
            params["type"] = type_
            where.append("t.event_type = :type")
        if status:
            params["status"] = status
            where.append("t.status = :status")
        sql = ("SELECT " + ", ".join(f"t.{c}" for c in TIMELINE_COLUMNS) + " FROM event_timeline AS t"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY t.date_start IS NULL, t.date_start, t.event_id")
        rows = [tuple(r) for r in conn.execute(text(_limit(sql, limit, params)), params)]
        return list(TIMELINE_COLUMNS), rows


def _check_present(conn, probe: str, listing: str, value: str, message: str, *,
                   empty_ok: bool = False) -> None:
    """A domain error listing the known values when ``value`` does not occur (a typo).
    With nothing known at all: fine if ``empty_ok`` (the result is simply empty)."""
    if conn.execute(text(probe), {"v": value}).first() is not None:
        return
    known = [r[0] for r in conn.execute(text(listing))]
    if known or not empty_ok:
        raise UnknownValue(message.format(v=value, known=", ".join(known) if known else "none yet"))


# -- trends -----------------------------------------------------------------------------------

TREND_COLUMNS = ["month", "kind", "series", "n_articles"]


def trends(target: Target, *, entities: list[str] = (), themes: list[str] = (),
           since: str | None = None, until: str | None = None) -> tuple[list[str], list[tuple]]:
    """Articles per month mentioning each entity, and touching each theme.

    One row per (month, series), every month from the first to the last (or from --since
    to --until, taken to the month) with zeros filled in. Undated articles, and those dated to the year only,
    have no month and are left out; near-duplicates and superseded versions are not counted.
    """
    if not entities and not themes:
        raise UnknownValue("Name at least one --entity or --theme, e.g. archive report trends "
                           "--entity Lavrov.")
    span = period(since, until)
    span = Period(span.since[:7] if span.since else None, span.until[:7] if span.until else None)
    series: list[tuple[str, str, dict[str, int]]] = []
    with connect(target) as conn:
        for name in entities:
            entity_id, canonical = find_entity(conn, name)
            params: dict = {"entity": entity_id}
            where = span.sql("a.published_at", params)
            sql = ("SELECT substr(a.published_at, 1, 7) AS month, count(*) AS n "
                   "FROM article_entity_counts AS c JOIN articles AS a ON a.id = c.article_id "
                   "WHERE c.entity_id = :entity AND a.duplicate_of_id IS NULL "
                   "AND a.superseded_at IS NULL AND length(a.published_at) >= 7"
                   + "".join(f" AND {w}" for w in where) + " GROUP BY month")
            series.append(("entity", canonical, {r.month: r.n for r in conn.execute(text(sql), params)}))
        for theme in themes:
            _check_present(conn, "SELECT 1 FROM theme_hits WHERE theme = :v LIMIT 1",
                           "SELECT DISTINCT theme FROM theme_hits ORDER BY 1", theme,
                           "No article touches theme {v!r}. Themes in the archive: {known}.")
            # (themes: an error even in an archive without theme hits, not a series of zeros)
            params = {"theme": theme}
            where = span.sql("t.month", params)
            sql = ("SELECT t.month AS month, t.n_articles AS n FROM theme_trends AS t "
                   "WHERE t.theme = :theme AND length(t.month) = 7"
                   + "".join(f" AND {w}" for w in where))
            series.append(("theme", theme, {r.month: r.n for r in conn.execute(text(sql), params)}))
    months = sorted({m for _, _, counts in series for m in counts})
    first = _month(span.since, "01") if span.since else (months[0] if months else None)
    last = _month(span.until, "12") if span.until else (months[-1] if months else None)
    rows = []
    for month in _months(first, last):
        for kind, name, counts in series:
            rows.append((month, kind, name, counts.get(month, 0)))
    return list(TREND_COLUMNS), rows


def _month(value: str, default: str) -> str:
    return value if len(value) == 7 else f"{value}-{default}"


def _months(first: str | None, last: str | None) -> list[str]:
    if not first or not last or first > last:
        return []
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out
