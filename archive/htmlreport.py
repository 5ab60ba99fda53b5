"""``archive report html``: one self-contained HTML page about the archive.

The page has no outside references at all (no CDN, no web fonts, no external scripts or
images; a Content-Security-Policy in the page forbids loading any), so it can be mailed,
archived or opened offline. Charts are inline SVG drawn by :mod:`archive.svg`.

Sections and where their numbers come from:

* **Event timeline**: events per month by type, and the list of events (view
  ``event_timeline``).
* **Actor network**: the most mentioned entities and how many articles each pair shares
  (as view ``entity_cooccurrence``, over the selected articles).
* **Top entities**: as view ``entity_overview``, over the selected articles.
* **Themes and mentions over time**: articles per theme per month (as view
  ``theme_trends``) and mentions per month of the top entities (``article_entity_counts``
  and ``articles``).
* **Evidence**: each event with the sentences that state it, their source and origin (view
  ``event_evidence``).
* **Who said what**: quotes (view ``quote_overview``).

"Selected articles" are the current versions (no near-duplicates, no superseded versions)
published within ``--since``/``--until`` (undated articles are left out when a date bound is
given) and, with ``--entity``, mentioning that entity. Bounds are inclusive and compared at
the coarser of the two precisions: an event dated "2022-01" is inside ``--since 2022-01-15``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from html import escape
from pathlib import Path

from sqlalchemy import Integer, String, bindparam, text

from archive import __version__, svg
from archive.config import Target
from archive.errors import ArchiveError
from archive.store import connect


class ReportError(ArchiveError):
    """A report option that cannot be used (a malformed date, an empty range...)."""


DEFAULT_LIMIT = 25
MAX_NETWORK_NODES = 30
MAX_LINES = 6  # entities / themes drawn in the line charts
MAX_EVIDENCE_PER_EVENT = 8

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_bound(value: str | None, option: str) -> str | None:
    """Check a ``--since``/``--until`` value: YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None or value == "":
        return None
    value = value.strip()
    ok = bool(_DATE.match(value))
    if ok:
        parts = [int(p) for p in value.split("-")]
        try:
            date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            ok = False
    if not ok:
        raise ReportError(f"{option} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.")
    return value


# -- data -----------------------------------------------------------------------------------


@dataclass
class EventRow:
    id: int
    event_type: str
    status: str
    date_start: str | None
    date_end: str | None
    date_precision: str
    location: str | None
    participants: str
    n_articles: int
    n_sources: int
    evidence: list[tuple] = field(default_factory=list)  # (source, origin, published, sentence)
    more_evidence: int = 0


@dataclass
class ReportData:
    title: str
    database: str
    generated_at: str
    since: str | None
    until: str | None
    focus: tuple[int, str, str] | None  # id, name, type
    limit: int
    n_articles: int = 0
    n_undated: int = 0
    n_sources: int = 0
    first_published: str | None = None
    last_published: str | None = None
    n_events_total: int = 0
    events_by_month: list[tuple[str, str, int]] = field(default_factory=list)  # month, type, n
    n_events_uncharted: int = 0
    events: list[EventRow] = field(default_factory=list)
    entities: list[tuple] = field(default_factory=list)  # id, name, type, wikidata, arts, ments, srcs, first, last
    n_entities_total: int = 0
    pairs: list[tuple[int, int, int]] = field(default_factory=list)  # a, b, n_articles
    mentions_by_month: list[tuple[int, str, int]] = field(default_factory=list)  # entity, month, mentions
    themes: list[tuple[str, int]] = field(default_factory=list)  # theme, n_articles
    themes_by_month: list[tuple[str, str, int]] = field(default_factory=list)  # theme, month, n
    quotes: list[tuple] = field(default_factory=list)  # published, speaker, cue, quote, kind, source, origin
    n_quotes_total: int = 0


@dataclass(frozen=True)
class ReportSummary:
    path: Path | None
    bytes: int
    articles: int
    entities: int
    events: int
    quotes: int


# Current versions published in the date range ...
_IN_RANGE = """
    a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
    AND (:since IS NULL
         OR SUBSTR(a.published_at, 1, LENGTH(:since)) >= SUBSTR(:since, 1, LENGTH(a.published_at)))
    AND (:until IS NULL
         OR SUBSTR(a.published_at, 1, LENGTH(:until)) <= SUBSTR(:until, 1, LENGTH(a.published_at)))
"""
# ... that mention the focus entity, if there is one.
_ARTICLES = _IN_RANGE + """
    AND (:focus IS NULL OR EXISTS (
        SELECT 1 FROM article_entity_counts AS f WHERE f.article_id = a.id AND f.entity_id = :focus))
"""


# The filters' parameters, typed: PostgreSQL cannot infer the type of a bare parameter that
# is only compared with NULL (":since IS NULL" when no --since is given).
_TYPED = {"since": String(), "until": String(), "focus": Integer()}


def _sql(statement: str):
    """``text(statement)`` with the filter parameters it uses typed (see ``_TYPED``)."""
    return text(statement).bindparams(*(
        bindparam(name, type_=type_) for name, type_ in _TYPED.items() if f":{name}" in statement))


def collect(target: Target, *, since: str | None = None, until: str | None = None,
            entity: str | None = None, limit: int = DEFAULT_LIMIT, title: str | None = None,
            generated_at: datetime | None = None) -> ReportData:
    """Read everything the report shows (read-only)."""
    since = parse_bound(since, "--since")
    until = parse_bound(until, "--until")
    if since and until and since[: len(until)] > until[: len(since)]:
        raise ReportError(f"--since {since} is after --until {until}.")
    if limit < 1:
        raise ReportError("--limit must be at least 1.")
    stamp = (generated_at or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    with connect(target) as conn:
        focus = None
        if entity:
            from archive.entities import find

            fid = find(conn, entity)
            row = conn.execute(_sql("SELECT id, name, type FROM entities WHERE id = :id"),
                               {"id": fid}).one()
            focus = (row.id, row.name, row.type)
        data = ReportData(
            title=title or f"News archive report: {target.label}",
            database=target.label, generated_at=stamp, since=since, until=until,
            focus=focus, limit=limit,
        )
        p = {"since": since, "until": until, "focus": focus[0] if focus else None}
        _read_articles(conn, data, p)
        _read_events(conn, data, p)
        _read_entities(conn, data, p)
        _read_themes(conn, data, p)
        _read_quotes(conn, data, p)
    return data


def _read_articles(conn, data: ReportData, p: dict) -> None:
    row = conn.execute(_sql(f"""
        SELECT COUNT(*) AS n, COUNT(DISTINCT a.source_id) AS n_sources,
               SUM(CASE WHEN a.published_at IS NULL THEN 1 ELSE 0 END) AS n_undated,
               MIN(a.published_at) AS first, MAX(a.published_at) AS last
        FROM articles AS a WHERE {_ARTICLES}"""), p).one()
    data.n_articles, data.n_sources = row.n, row.n_sources
    data.n_undated = row.n_undated or 0
    data.first_published, data.last_published = row.first, row.last


def _read_events(conn, data: ReportData, p: dict) -> None:
    where = """
        (:since IS NULL
         OR SUBSTR(t.date_start, 1, LENGTH(:since)) >= SUBSTR(:since, 1, LENGTH(t.date_start)))
        AND (:until IS NULL
         OR SUBSTR(t.date_start, 1, LENGTH(:until)) <= SUBSTR(:until, 1, LENGTH(t.date_start)))
        AND (:focus IS NULL OR t.event_id IN (
            SELECT ep.event_id FROM event_participants AS ep WHERE ep.entity_id = :focus))
    """
    rows = conn.execute(_sql(f"""
        SELECT t.event_id, t.event_type, t.status, t.date_start, t.date_end, t.date_precision,
               t.location, t.participants, t.n_articles, t.n_sources
        FROM event_timeline AS t WHERE {where}"""), p).all()
    data.n_events_total = len(rows)
    by_month: dict[tuple[str, str], int] = {}
    for r in rows:
        if r.date_start and len(r.date_start) >= 7:
            key = (r.date_start[:7], r.event_type)
            by_month[key] = by_month.get(key, 0) + 1
        else:
            data.n_events_uncharted += 1
    data.events_by_month = sorted((m, t, n) for (m, t), n in by_month.items())
    # The most reported events, shown in date order (undated last).
    top = sorted(rows, key=lambda r: (-r.n_articles, -r.n_sources, r.date_start or "9999", r.event_id))
    top = sorted(top[: data.limit], key=lambda r: (r.date_start is None, r.date_start or "", r.event_id))
    data.events = [EventRow(r.event_id, r.event_type, r.status, r.date_start, r.date_end,
                            r.date_precision, r.location, r.participants or "", r.n_articles,
                            r.n_sources) for r in top]
    if not data.events:
        return
    by_id = {e.id: e for e in data.events}
    q = _sql("""
        SELECT v.event_id, v.source, v.origin, v.published_at, v.sentence
        FROM event_evidence AS v
        WHERE v.event_id IN :ids
        ORDER BY v.event_id, v.published_at IS NULL, v.published_at, v.article_id, v.start
    """).bindparams(bindparam("ids", expanding=True))
    for r in conn.execute(q, {"ids": list(by_id)}):
        ev = by_id[r.event_id]
        if len(ev.evidence) < MAX_EVIDENCE_PER_EVENT:
            ev.evidence.append((r.source, r.origin, r.published_at, r.sentence))
        else:
            ev.more_evidence += 1


def _read_entities(conn, data: ReportData, p: dict) -> None:
    rows = conn.execute(_sql(f"""
        SELECT e.id, e.name, e.type, e.wikidata, COUNT(c.article_id) AS n_articles,
               COALESCE(SUM(c.n_mentions), 0) AS n_mentions, COUNT(DISTINCT a.source_id) AS n_sources,
               MIN(a.published_at) AS first_seen, MAX(a.published_at) AS last_seen
        FROM entities AS e
        JOIN article_entity_counts AS c ON c.entity_id = e.id
        JOIN articles AS a ON a.id = c.article_id
        WHERE {_ARTICLES} AND e.status <> 'unresolved'
        GROUP BY e.id, e.name, e.type, e.wikidata
        ORDER BY n_articles DESC, n_mentions DESC, e.name, e.id"""), p).all()
    data.n_entities_total = len(rows)
    data.entities = [tuple(r) for r in rows[: data.limit]]
    if not data.entities:
        return
    focus = p["focus"]
    nodes = [r[0] for r in rows[: min(data.limit, MAX_NETWORK_NODES)]]
    if focus is not None and focus not in nodes:
        nodes = [focus] + nodes[:-1]
    q = _sql(f"""
        SELECT ca.entity_id AS a_id, cb.entity_id AS b_id, COUNT(*) AS n
        FROM article_entity_counts AS ca
        JOIN article_entity_counts AS cb ON cb.article_id = ca.article_id AND cb.entity_id > ca.entity_id
        JOIN articles AS a ON a.id = ca.article_id
        WHERE {_ARTICLES} AND ca.entity_id IN :nodes AND cb.entity_id IN :nodes
        GROUP BY ca.entity_id, cb.entity_id""").bindparams(bindparam("nodes", expanding=True))
    data.pairs = sorted(((r.a_id, r.b_id, r.n) for r in conn.execute(q, {**p, "nodes": nodes})),
                        key=lambda t: (-t[2], t[0], t[1]))
    lines = [r[0] for r in rows[:MAX_LINES]]
    q = _sql(f"""
        SELECT c.entity_id, SUBSTR(a.published_at, 1, 7) AS month, SUM(c.n_mentions) AS n
        FROM article_entity_counts AS c JOIN articles AS a ON a.id = c.article_id
        WHERE {_ARTICLES} AND c.entity_id IN :ids AND LENGTH(a.published_at) >= 7
        GROUP BY c.entity_id, SUBSTR(a.published_at, 1, 7)""").bindparams(bindparam("ids", expanding=True))
    data.mentions_by_month = sorted(tuple(r) for r in conn.execute(q, {**p, "ids": lines}))


def _read_themes(conn, data: ReportData, p: dict) -> None:
    rows = conn.execute(_sql(f"""
        SELECT t.theme, SUBSTR(a.published_at, 1, 7) AS month, COUNT(*) AS n
        FROM theme_hits AS t JOIN articles AS a ON a.id = t.article_id
        WHERE {_ARTICLES}
        GROUP BY t.theme, SUBSTR(a.published_at, 1, 7)"""), p).all()
    totals: dict[str, int] = {}
    for r in rows:
        totals[r.theme] = totals.get(r.theme, 0) + r.n
    data.themes = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[: data.limit]
    data.themes_by_month = sorted((r.theme, r.month, r.n) for r in rows
                                  if r.month and len(r.month) == 7)


def _read_quotes(conn, data: ReportData, p: dict) -> None:
    rows = conn.execute(_sql(f"""
        SELECT q.published_at, q.speaker, q.cue, q.quote, q.kind, s.name AS source, q.origin
        FROM quote_overview AS q
        JOIN articles AS a ON a.id = q.article_id
        LEFT JOIN sources AS s ON s.id = a.source_id
        WHERE {_IN_RANGE}
          AND (:focus IS NULL OR q.speaker_entity_id = :focus OR q.quote_id IN (
              SELECT qs.quote_id FROM quote_speakers AS qs WHERE qs.entity_id = :focus))
        ORDER BY q.published_at IS NULL, q.published_at, q.quote_id"""), p).all()
    data.n_quotes_total = len(rows)
    data.quotes = [tuple(r) for r in rows[: data.limit]]


# -- rendering ------------------------------------------------------------------------------


def e(value) -> str:
    """Escape any value for HTML text or a quoted attribute (None -> empty)."""
    return "" if value is None else escape(str(value), quote=True)


def _day(value: str | None) -> str:
    return (value or "")[:10]


def month_range(months: list[str]) -> list[str]:
    """Every month from the first to the last of ``months`` (YYYY-MM), gaps filled."""
    if not months:
        return []
    y, m = map(int, min(months).split("-"))
    ly, lm = map(int, max(months).split("-"))
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _empty(message: str) -> str:
    return f'<p class="empty">{e(message)}</p>'


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _event_date(ev: EventRow) -> str:
    if not ev.date_start:
        return "undated"
    d = ev.date_start
    if ev.date_end and ev.date_end != ev.date_start:
        d += f" to {ev.date_end}"
    if ev.date_precision and ev.date_precision not in ("day",):
        d += f" ({ev.date_precision})"
    return d


def _section_timeline(data: ReportData) -> str:
    out = ['<section id="timeline"><h2>Event timeline</h2>']
    if not data.n_events_total:
        out.append(_empty("No events yet. Events appear here once extraction has found some "
                          "(see view event_timeline)."))
        return "".join(out) + "</section>"
    out.append(f'<p class="lead">{_plural(data.n_events_total, "event")} in the selection; '
               f'events per month by type (view <code>event_timeline</code>).</p>')
    months = month_range([m for m, _, _ in data.events_by_month])
    if months:
        types = sorted({t for _, t, _ in data.events_by_month},
                       key=lambda t: (-sum(n for _, tt, n in data.events_by_month if tt == t), t))
        counts = {(m, t): n for m, t, n in data.events_by_month}
        series = [(t, [counts.get((m, t), 0) for m in months]) for t in types]
        out.append(svg.stacked_bars(months, series, title="Events per month by type"))
    if data.n_events_uncharted:
        out.append(f'<p class="note">{_plural(data.n_events_uncharted, "event")} without a '
                   f'month-precise date {"is" if data.n_events_uncharted == 1 else "are"} '
                   f'listed but not charted.</p>')
    shown = len(data.events)
    if shown < data.n_events_total:
        out.append(f'<p class="note">Listing the {shown} most reported events of '
                   f'{data.n_events_total:,}; raise --limit to see more.</p>')
    out.append('<ol class="timeline">')
    for ev in data.events:
        where = f" in {e(ev.location)}" if ev.location else ""
        status = "" if ev.status == "occurred" else f' <span class="tag">{e(ev.status)}</span>'
        out.append(
            f'<li><span class="date">{e(_event_date(ev))}</span> '
            f'<span class="type">{e(ev.event_type)}</span>{status}{where}: '
            f'{e(ev.participants) or "<em>no named participants</em>"} '
            f'<a href="#event-{ev.id}">{_plural(ev.n_articles, "report")}'
            f'{", " + _plural(ev.n_sources, "source") if ev.n_sources else ""}</a></li>'
        )
    out.append("</ol></section>")
    return "".join(out)


def _section_network(data: ReportData) -> str:
    out = ['<section id="network"><h2>Actor network</h2>']
    if not data.entities:
        out.append(_empty("No entities yet."))
        return "".join(out) + "</section>"
    names = {r[0]: (r[1], r[2], r[4]) for r in data.entities}
    ranked = [r[0] for r in data.entities[:MAX_NETWORK_NODES]]
    if data.focus and data.focus[0] not in ranked:
        ranked = [data.focus[0]] + ranked[:-1]
    nodes = [svg.Node(i, names[i][0], names[i][1], names[i][2]) for i in ranked if i in names]
    if not data.pairs:
        out.append(_empty("No two entities share an article in the selection."))
        return "".join(out) + "</section>"
    edges = _prune([svg.Edge(a, b, n) for a, b, n in data.pairs if a in names and b in names],
                   max_edges=3 * len(nodes))
    focus_id = data.focus[0] if data.focus else None
    out.append(f'<p class="lead">The {len(nodes)} most mentioned entities'
               f'{" around " + e(data.focus[1]) if data.focus else ""}; a line joins two that '
               f'appear in the same articles, wider for more shared articles (as view '
               f'<code>entity_cooccurrence</code>; {len(edges)} strongest links drawn).</p>')
    out.append(svg.network(nodes, edges, title="Actor network", centre=focus_id))
    out.append('<details><summary>Strongest pairs</summary><table class="data"><thead><tr>'
               '<th>entity</th><th>entity</th><th class="num">articles</th></tr></thead><tbody>')
    for a, b, n in data.pairs[: data.limit]:
        out.append(f"<tr><td>{e(names[a][0])}</td><td>{e(names[b][0])}</td>"
                   f'<td class="num">{n}</td></tr>')
    out.append("</tbody></table></details></section>")
    return "".join(out)


def _prune(edges: list[svg.Edge], max_edges: int) -> list[svg.Edge]:
    """The strongest edges, but always each node's strongest one (so no node floats alone)."""
    ranked = sorted(edges, key=lambda x: (-x.weight, x.a, x.b))
    keep = set(ranked[:max_edges])
    best: dict[int, svg.Edge] = {}
    for ed in ranked:
        best.setdefault(ed.a, ed)
        best.setdefault(ed.b, ed)
    keep |= set(best.values())
    return [ed for ed in ranked if ed in keep]


def _section_entities(data: ReportData) -> str:
    out = ['<section id="entities"><h2>Top entities</h2>']
    if not data.entities:
        out.append(_empty("No entities yet."))
        return "".join(out) + "</section>"
    out.append(f'<p class="lead">{len(data.entities)} of {data.n_entities_total:,} entities, by '
               f'number of articles (as view <code>entity_overview</code>).</p>')
    out.append('<input type="search" class="filter" data-filter="entity-table" '
               'placeholder="Filter entities" aria-label="Filter entities">')
    out.append('<table class="data" id="entity-table"><thead><tr><th>entity</th><th>type</th>'
               '<th>Wikidata</th><th class="num">articles</th><th class="num">mentions</th>'
               '<th class="num">sources</th><th>first seen</th><th>last seen</th></tr></thead><tbody>')
    top = max(r[4] for r in data.entities) or 1
    for (_id, name, type_, wikidata, n_art, n_men, n_src, first, last) in data.entities:
        pct = round(100 * n_art / top)
        out.append(
            f'<tr><td>{e(name)}</td><td><span class="dot" style="background:'
            f'{svg.TYPE_COLOURS.get(type_, "#7F7F7F")}"></span>{e(type_)}</td><td>{e(wikidata)}</td>'
            f'<td class="num"><span class="bar" style="width:{pct}%"></span>{n_art}</td>'
            f'<td class="num">{n_men}</td><td class="num">{n_src}</td>'
            f'<td>{e(_day(first))}</td><td>{e(_day(last))}</td></tr>'
        )
    out.append("</tbody></table></section>")
    return "".join(out)


def _section_themes(data: ReportData) -> str:
    out = ['<section id="themes"><h2>Themes and mentions over time</h2>']
    out.append('<h3>Themes</h3>')
    if not data.themes:
        out.append(_empty("No themes yet (view theme_trends is empty for the selection)."))
    else:
        months = month_range([m for _, m, _ in data.themes_by_month])
        lines = [t for t, _ in data.themes[:MAX_LINES]]
        counts = {(t, m): n for t, m, n in data.themes_by_month}
        if months:
            out.append(f'<p class="lead">Articles per month touching the {len(lines)} most '
                       f'frequent themes (view <code>theme_trends</code>).</p>')
            out.append(svg.line_chart(months, [(t, [counts.get((t, m), 0) for m in months])
                                               for t in lines], title="Articles per theme per month"))
        out.append('<table class="data compact"><thead><tr><th>theme</th>'
                   '<th class="num">articles</th></tr></thead><tbody>')
        for theme, n in data.themes:
            out.append(f'<tr><td>{e(theme)}</td><td class="num">{n}</td></tr>')
        out.append("</tbody></table>")
    out.append('<h3>Mentions of the top entities</h3>')
    if not data.mentions_by_month:
        out.append(_empty("No dated mentions yet."))
    else:
        months = month_range([m for _, m, _ in data.mentions_by_month])
        names = {r[0]: r[1] for r in data.entities}
        ids = [r[0] for r in data.entities[:MAX_LINES]]
        counts = {(i, m): n for i, m, n in data.mentions_by_month}
        out.append('<p class="lead">Mentions per month of publication (undated articles left '
                   'out; from <code>article_entity_counts</code> and <code>articles</code>).</p>')
        out.append(svg.line_chart(months, [(names[i], [counts.get((i, m), 0) for m in months])
                                           for i in ids], title="Mentions per month"))
    out.append("</section>")
    return "".join(out)


def _section_evidence(data: ReportData) -> str:
    out = ['<section id="evidence"><h2>Events and their evidence</h2>']
    if not data.events:
        out.append(_empty("No events yet."))
        return "".join(out) + "</section>"
    out.append('<p class="lead">Each event with the sentences that state it, the publisher and '
               'the file or URL it came from (view <code>event_evidence</code>).</p>')
    out.append('<input type="search" class="filter" data-filter="evidence-table" '
               'placeholder="Filter events" aria-label="Filter events">')
    out.append('<table class="data" id="evidence-table"><thead><tr><th>event</th><th>date</th>'
               '<th>what, where, who</th><th>evidence</th></tr></thead><tbody>')
    for ev in data.events:
        where = f"<br>in {e(ev.location)}" if ev.location else ""
        items = []
        for source, origin, published, sentence in ev.evidence:
            items.append(f'<li><q>{e(sentence)}</q><div class="cite">{e(source or "unknown source")}'
                         f'{" · " + e(_day(published)) if published else ""} · '
                         f'<span class="origin">{e(origin)}</span></div></li>')
        more = (f'<li class="note">and {_plural(ev.more_evidence, "more report")}</li>'
                if ev.more_evidence else "")
        out.append(
            f'<tr id="event-{ev.id}"><td class="num">#{ev.id}</td><td class="nowrap">{e(_event_date(ev))}</td>'
            f'<td><strong>{e(ev.event_type)}</strong> <span class="tag">{e(ev.status)}</span>'
            f'{where}<br>{e(ev.participants)}</td><td><ul class="evidence">{"".join(items)}{more}'
            f"</ul></td></tr>"
        )
    out.append("</tbody></table></section>")
    return "".join(out)


def _section_quotes(data: ReportData) -> str:
    out = ['<section id="quotes"><h2>Who said what</h2>']
    if not data.quotes:
        out.append(_empty("No quotes yet."))
        return "".join(out) + "</section>"
    shown = len(data.quotes)
    extra = f" (first {shown} of {data.n_quotes_total:,})" if shown < data.n_quotes_total else ""
    out.append(f'<p class="lead">Quotes and reported statements{extra} (view '
               f'<code>quote_overview</code>).</p>')
    out.append('<table class="data"><thead><tr><th>date</th><th>speaker</th><th>quote</th>'
               '<th>source</th></tr></thead><tbody>')
    for published, speaker, cue, quote, kind, source, origin in data.quotes:
        out.append(f'<tr><td class="nowrap">{e(_day(published)) or "undated"}</td><td>{e(speaker)} '
                   f'<span class="cue">{e(cue)}</span></td><td><q>{e(quote)}</q> <span class="tag">'
                   f'{e(kind)}</span></td><td>{e(source or "unknown source")}<div class="origin">'
                   f'{e(origin)}</div></td></tr>')
    out.append("</tbody></table></section>")
    return "".join(out)


CSS = """
:root{--ink:#1d2430;--muted:#5f6b7a;--line:#e3e6ea;--bg:#f6f7f9;--accent:#0072B2}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
 font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
header{background:#1d2430;color:#fff;padding:28px 0 22px}
header h1{margin:0 0 4px;font-size:26px;font-weight:650}
header .meta{color:#c9d1dc;font-size:13px}
.wrap{max-width:1180px;margin:0 auto;padding:0 24px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:18px}
.card{background:rgba(255,255,255,.08);border-radius:8px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:20px}
.card span{font-size:12px;color:#c9d1dc}
nav{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line)}
nav a{display:inline-block;padding:10px 12px;color:var(--accent);text-decoration:none;font-size:14px}
nav a:hover{text-decoration:underline}
section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:18px 22px;margin:18px 0}
h2{margin:0 0 8px;font-size:20px}
h3{margin:18px 0 6px;font-size:16px}
.lead{color:var(--muted);margin:0 0 10px}
.note{color:var(--muted);font-size:13px}
.empty{color:var(--muted);font-style:italic;padding:18px;background:var(--bg);border-radius:8px;text-align:center}
svg.chart{display:block;width:100%;max-width:1100px;height:auto;margin:6px 0 10px}
svg.network{max-width:1060px;margin:0 auto}
a{color:var(--accent)}
section{scroll-margin-top:48px}
.nowrap{white-space:nowrap}
table.data{border-collapse:collapse;width:100%;font-size:14px}
table.data th{text-align:left;font-weight:600;border-bottom:2px solid var(--line);padding:6px 8px;color:var(--muted)}
table.data td{border-bottom:1px solid var(--line);padding:6px 8px;vertical-align:top}
table.data tbody tr:nth-child(even){background:#fafbfc}
table.compact{width:auto;min-width:320px}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.num{position:relative}
.bar{position:absolute;right:0;top:4px;bottom:4px;background:rgba(0,114,178,.12);border-radius:3px;z-index:0}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px}
.tag{display:inline-block;font-size:11px;padding:0 6px;border-radius:8px;background:#eef1f5;color:var(--muted)}
.cue{color:var(--muted);font-size:12px}
ol.timeline{padding-left:22px;margin:8px 0 0}
ol.timeline li{margin:3px 0}
.date{font-variant-numeric:tabular-nums;color:var(--muted);margin-right:4px}
.type{font-weight:600}
ul.evidence{margin:0;padding-left:16px}
ul.evidence li{margin:0 0 6px}
.cite{font-size:12px;color:var(--muted)}
.origin{font:11px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted);word-break:break-all}
input.filter{margin:4px 0 10px;padding:6px 10px;border:1px solid var(--line);border-radius:6px;width:260px;font:inherit}
details summary{cursor:pointer;color:var(--accent);margin:6px 0}
footer{color:var(--muted);font-size:12px;padding:8px 0 32px}
code{font-size:13px;background:#eef1f5;padding:0 4px;border-radius:4px}
"""

JS = """
(function () {
  var inputs = document.querySelectorAll('input[data-filter]');
  Array.prototype.forEach.call(inputs, function (input) {
    var table = document.getElementById(input.getAttribute('data-filter'));
    if (!table) { return; }
    input.addEventListener('input', function () {
      var q = input.value.toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = q !== '' && row.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });
})();
"""

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src data:; base-uri 'none'; form-action 'none'")


def render(data: ReportData) -> str:
    """The report as one HTML document (a string)."""
    filters = []
    if data.since or data.until:
        filters.append(f"published {data.since or '…'} to {data.until or '…'}")
    if data.focus:
        filters.append(f"articles mentioning {data.focus[1]} ({data.focus[2]})")
    span = ""
    if data.first_published:
        span = f"{_day(data.first_published)} to {_day(data.last_published)}"
    cards = [
        (f"{data.n_articles:,}", "articles"),
        (f"{data.n_sources:,}", "sources"),
        (f"{data.n_entities_total:,}", "entities"),
        (f"{data.n_events_total:,}", "events"),
        (f"{data.n_quotes_total:,}", "quotes"),
        (span or "no dates", "published"),
    ]
    undated = (f" {_plural(data.n_undated, 'article')} without a publication date "
               f"{'is' if data.n_undated == 1 else 'are'} counted but not charted."
               if data.n_undated else "")
    head = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="archive {e(__version__)}">'
        f"<title>{e(data.title)}</title><style>{CSS}</style></head><body>"
    )
    header = (
        f'<header><div class="wrap"><h1>{e(data.title)}</h1>'
        f'<div class="meta">Database {e(data.database)} · generated {e(data.generated_at)}'
        f'{" · " + e("; ".join(filters)) if filters else ""}</div><div class="cards">'
        + "".join(f"<div class=\"card\"><b>{e(v)}</b><span>{e(k)}</span></div>" for v, k in cards)
        + "</div></div></header>"
        '<nav><div class="wrap"><a href="#timeline">Timeline</a><a href="#network">Network</a>'
        '<a href="#entities">Entities</a><a href="#themes">Over time</a>'
        '<a href="#evidence">Evidence</a><a href="#quotes">Quotes</a></div></nav>'
    )
    body = "".join([_section_timeline(data), _section_network(data), _section_entities(data),
                    _section_themes(data), _section_evidence(data), _section_quotes(data)])
    footer = (f'<footer class="wrap">Generated by archive {e(__version__)}. Current article '
              f'versions only (near-duplicates and superseded versions left out).{e(undated)} '
              f'This page is self-contained: it loads nothing from the network.</footer>')
    return (head + header + f'<main class="wrap">{body}</main>' + footer
            + f"<script>{JS}</script></body></html>\n")


def build(target: Target, **options) -> tuple[str, ReportData]:
    """Collect and render: ``(html, data)``. Options as :func:`collect`."""
    data = collect(target, **options)
    return render(data), data


def write(target: Target, path: Path | None, **options) -> tuple[str, ReportSummary]:
    """Write the report to ``path`` (``None``: only return it). Returns the HTML and a summary."""
    html, data = build(target, **options)
    encoded = html.encode("utf-8")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(encoded)
        tmp.replace(path)
    summary = ReportSummary(path=path, bytes=len(encoded), articles=data.n_articles,
                            entities=data.n_entities_total, events=data.n_events_total,
                            quotes=data.n_quotes_total)
    return html, summary
