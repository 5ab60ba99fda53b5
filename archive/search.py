"""Full-text search over article titles and bodies (the library behind ``archive search``).

SQLite FTS5 (table ``articles_fts(title, body)``, porter stemming, kept in sync with
``articles`` by triggers; see migration 0005): phrases ``"inclusive government"``, boolean
``AND``/``OR``/``NOT``, prefixes ``talib*``, ``NEAR(a b, 10)`` and column filters
``title: taliban``. Results are ranked by bm25 with the title weighted above the body.

The ranking query returns ids only; snippets are made for the returned page alone, so a
common word over 100,000 articles costs one ranked scan of the index, not 100,000 snippets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import exc, text

from archive.config import Target
from archive.errors import ArchiveError
from archive.reports import credited_articles_sql, find_entity, find_source, period
from archive.store import connect

TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0
SNIPPET_TOKENS = 12
_PAGE = 1000  # up to this many results: rank ids first, then snippets for those alone
PLAIN_MARKERS = ("**", "**")
COLUMNS = ["id", "published", "source", "title", "snippet"]

# Private markers around matches in snippets (control characters never stored in articles).
_OPEN, _CLOSE = "\x02", "\x03"
_MATCH = re.compile(f"{_OPEN}(.*?){_CLOSE}", re.S)
_EXAMPLE = '"inclusive government"'


class InvalidSearch(ArchiveError):
    """A search query FTS5 cannot parse."""


class SearchUnavailable(ArchiveError):
    """The database has no full-text index (not SQLite)."""


@dataclass(frozen=True)
class Hit:
    id: int
    published_at: str | None
    published_precision: str | None
    published_text: str | None
    source: str | None
    title: str | None
    marked_snippet: str  # matches between private markers; see snippet()

    def snippet(self, open_: str = PLAIN_MARKERS[0], close: str = PLAIN_MARKERS[1]) -> str:
        """The snippet with each match between ``open_`` and ``close``."""
        return self.marked_snippet.replace(_OPEN, open_).replace(_CLOSE, close)

    def styled_snippet(self, style: Callable[[str], str]) -> str:
        """The snippet with each match passed through ``style`` (e.g. bold on a terminal)."""
        return _MATCH.sub(lambda m: style(m.group(1)), self.marked_snippet)

    @property
    def published(self) -> str:
        """The publication date for people: ISO with a space, or what is known of it."""
        if self.published_at:
            return self.published_at.replace("T", " ")
        if self.published_precision == "no-year" and self.published_text:
            return f"{self.published_text} (no year)"
        return "unknown"


def search(target: Target, query: str, *, entity: str | None = None, source: str | None = None,
           since: str | None = None, until: str | None = None, limit: int | None = 20,
           all_versions: bool = False) -> list[Hit]:
    """Articles matching the FTS5 ``query``, best first, with highlighted snippets."""
    if not query or not query.strip():
        raise InvalidSearch(f"Empty search query: give words to search for, e.g. "
                            f"archive search '{_EXAMPLE}'.")
    span = period(since, until)
    with connect(target) as conn:
        postgres = conn.dialect.name == "postgresql"
        if conn.dialect.name not in ("sqlite", "postgresql"):
            raise SearchUnavailable(f"Full-text search is not available on {conn.dialect.name}.")
        if postgres:
            from archive.search_pg import QuerySyntaxError, tsquery_sql

            params: dict = {}
            try:
                tsquery = tsquery_sql(query, params)
            except QuerySyntaxError as error:
                raise _invalid_message(query, str(error)) from None
            where = [f"a.search_vector @@ {tsquery}"]
        else:
            params = {"q": query}
            where = ["articles_fts MATCH :q"]
        if not all_versions:
            where.append("a.duplicate_of_id IS NULL AND a.superseded_at IS NULL")
        where += span.sql("a.published_at", params)
        if entity:
            params["entity"] = find_entity(conn, entity)[0]
            where.append("a.id IN (SELECT article_id FROM article_entity_counts "
                         "WHERE entity_id = :entity)")
        if source:
            params["source"] = find_source(conn, source)[0]
            where.append(f"a.id IN ({credited_articles_sql('source')})")
        if postgres:
            return _search_postgres(conn, where, params, limit, tsquery)
        rank = f"bm25(articles_fts, {TITLE_WEIGHT}, {BODY_WEIGHT})"
        try:
            if limit and limit <= _PAGE:
                # Rank ids first, then make snippets for this page only.
                params["limit"] = int(limit)
                sql = (f"SELECT articles_fts.rowid AS id FROM articles_fts "
                       f"JOIN articles AS a ON a.id = articles_fts.rowid "
                       f"WHERE {' AND '.join(where)} ORDER BY {rank}, a.id LIMIT :limit")
                ids = [r[0] for r in conn.execute(text(sql), params)]
                if not ids:
                    return []
                params = {"q": query}
                where = ["articles_fts MATCH :q", f"articles_fts.rowid IN ({_bind(params, ids)})"]
                hits = {h.id: h for h in _details(conn, where, params, "")}
                return [hits[i] for i in ids]
            order = f" ORDER BY {rank}, a.id"
            if limit:
                params["limit"] = int(limit)
                order += " LIMIT :limit"
            return _details(conn, where, params, order)
        except exc.OperationalError as error:
            raise _invalid(query, error) from None


def _search_postgres(conn, where: list[str], params: dict, limit: int | None, query: str) -> list[Hit]:
    """PostgreSQL: a weighted tsvector (title A, body B) with a GIN index, ranked by
    ts_rank_cd; ``query`` is the FTS5 query as a tsquery expression (archive.search_pg)."""
    params = {**params, "open": _OPEN, "close": _CLOSE}
    order = f" ORDER BY ts_rank_cd(a.search_vector, {query}) DESC, a.id"
    if limit:
        params["limit"] = int(limit)
        order += " LIMIT :limit"
    sql = (f"SELECT a.id, a.title, a.published_at, a.published_precision, a.published_text, "
           f"s.name AS source, ts_headline('english', a.body, {query}, "
           f"'StartSel=' || :open || ', StopSel=' || :close || ', MaxWords={SNIPPET_TOKENS + 4}, "
           f"MinWords={max(3, SNIPPET_TOKENS // 2)}, MaxFragments=1, FragmentDelimiter=…') AS snippet "
           f"FROM articles AS a LEFT JOIN sources AS s ON s.id = a.source_id "
           f"WHERE {' AND '.join(where)}{order}")
    return _hits(conn.execute(text(sql), params))


def _hits(rows) -> list[Hit]:
    """Result rows (id, title, dates, source, snippet) as hits, snippets on one line."""
    return [
        Hit(r.id, r.published_at, r.published_precision, r.published_text, r.source, r.title,
            " ".join((r.snippet or "").split()))
        for r in rows
    ]


def _bind(params: dict, values: list[int]) -> str:
    for i, value in enumerate(values):
        params[f"id{i}"] = value
    return ", ".join(f":id{i}" for i in range(len(values)))


def _details(conn, where: list[str], params: dict, order: str) -> list[Hit]:
    params = {**params, "open": _OPEN, "close": _CLOSE}
    sql = (f"SELECT articles_fts.rowid AS id, "
           f"snippet(articles_fts, -1, :open, :close, '…', {SNIPPET_TOKENS}) AS snippet, "
           f"a.title, a.published_at, a.published_precision, a.published_text, s.name AS source "
           f"FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid "
           f"LEFT JOIN sources AS s ON s.id = a.source_id "
           f"WHERE {' AND '.join(where)}{order}")
    return _hits(conn.execute(text(sql), params))


def _invalid(query: str, error: exc.OperationalError) -> ArchiveError:
    message = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    return _invalid_message(query, message)


def _invalid_message(query: str, message: str) -> ArchiveError:
    if message.startswith("fts5: "):
        message = message[len("fts5: "):]
    if message == "unterminated string":
        reason = "a double quote is not closed"
    elif message.startswith("no such column"):
        column = message.split(":", 1)[-1].strip()
        reason = (f"'{column}:' or '-{column}' asks for a column named {column} "
                  f"(the columns are title and body)")
    elif message.startswith("unknown special query"):
        reason = "nothing to search for"
    elif message.startswith("syntax error"):
        near = message[len("syntax error near "):]
        reason = f"syntax error near {near}" if near.strip('"') else "the query ends too soon"
    else:
        return ArchiveError(f"Search failed for {query!r}: {message}.")
    words = " ".join(query.replace('"', " ").split())
    suggestion = f'"{words}"' if re.search(r"\w", words) else _EXAMPLE
    return InvalidSearch(f"Invalid search query {query!r}: {reason}. Put words and phrases "
                         f"with punctuation or AND/OR/NOT in double quotes, e.g. "
                         f"archive search '{suggestion}'.")


def render(hits: list[Hit], fmt: str, *, bold: Callable[[str], str] | None = None) -> str:
    """``hits`` as a table (matches passed through ``bold``, else between ** markers),
    CSV or JSON (plain ** markers; ``published`` is the ISO stamp or null)."""
    from archive import formatting

    if fmt in ("csv", "json"):
        rows = [(h.id, h.published_at, h.source, h.title, h.snippet()) for h in hits]
        if fmt == "csv":
            return formatting.to_csv(COLUMNS, rows)
        return formatting.to_json(COLUMNS, rows)
    plain = [h.snippet() for h in hits]
    rows = [(h.id, h.published, h.source, _clip(h.title or "", 60), s) for h, s in zip(hits, plain)]
    # The snippet is the last column: not clipped, and styled after alignment so that the
    # escape codes of bold text never count as width.
    lines = formatting.table(COLUMNS, rows, max_width=10**9).split("\n")
    if bold is not None:
        for i, (hit, snippet) in enumerate(zip(hits, plain), start=2):
            if snippet and lines[i].endswith(snippet):
                lines[i] = lines[i][: len(lines[i]) - len(snippet)] + hit.styled_snippet(bold)
    return "\n".join(lines)


def _clip(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"
