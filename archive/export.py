"""Tables and views to RFC 4180 CSV files, streamed (a million rows need no memory).

The bytes are those of ``csv.writer`` (minimal quoting, CRLF line ends, a header row, UTF-8,
optionally a BOM) whichever way they are produced:

* PostgreSQL (and any relation the fast path below declines): rows from a server-side
  cursor through ``csv.writer``.
* SQLite: SQLite renders each row as a JSON array (``json_array``: integers as digits,
  text as a string with every quote, backslash and control character escaped) and
  concatenates a chunk of rows; Python turns a chunk without escapes, without commas or
  brackets inside the values into CSV with a few byte operations (drop the quotes and
  brackets). A row that does not pass goes through ``csv.writer`` after ``json.loads``
  (exact for text and integers). Values JSON would render differently from ``csv.writer``
  (floating-point numbers, blobs) or text that is not UTF-8 send the whole relation back to
  the ``csv.writer`` path. Tables are read in rowid chunks (the order of ``SELECT *``),
  other relations with ``fetchmany``.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sqlite3
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from archive.config import Target
from archive.errors import UnknownName
from archive.store import connect, relations

CHUNK = 10_000  # rows per fetch on the csv.writer path
SQLITE_CHUNK = 2_000  # rows per SQLite chunk (a few hundred KB of CSV)
_MIN_ROWID = -(2**63)


@dataclass(frozen=True)
class Exported:
    name: str
    path: Path
    rows: int


def export_csv(target: Target, names: list[str], out_dir: Path, *, all_: bool = False,
               bom: bool = False) -> list[Exported]:
    """Write ``<out_dir>/<name>.csv`` for each table or view named (or all of them)."""
    with connect(target) as conn:
        known = [r.name for r in relations(conn)]
        wanted = known if all_ else names
        unknown = [n for n in wanted if n not in known]
        if unknown:
            raise UnknownName(
                f"No table or view named {', '.join(repr(n) for n in unknown)}. "
                f"Valid names: {', '.join(known)}"
            )
        out_dir.mkdir(parents=True, exist_ok=True)
        done = []
        for name in wanted:
            path = out_dir / f"{name}.csv"
            done.append(Exported(name, path, _write(conn, name, path, bom)))
        return done


def _write(conn, name: str, path: Path, bom: bool) -> int:
    """Write one relation to ``path`` atomically (a ``.part`` file, then a rename)."""
    tmp = path.with_name(path.name + ".part")
    try:
        count = None
        if conn.dialect.name == "sqlite":
            try:
                count = _write_sqlite(conn.connection.dbapi_connection, name, tmp, bom)
            except _NotExact:
                count = None
        if count is None:
            count = _write_rows(conn, name, tmp, bom)
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return count


def _header(columns: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(columns)
    return buffer.getvalue()


# -- the csv.writer path -------------------------------------------------------------------------


def _write_rows(conn, name: str, tmp: Path, bom: bool) -> int:
    quoted = conn.dialect.identifier_preparer.quote(name)
    dbapi = conn.connection.dbapi_connection
    # PostgreSQL: a server-side cursor, or the whole result would be fetched at once
    cursor = dbapi.cursor(name="archive_export") if conn.dialect.name == "postgresql" else dbapi.cursor()
    count = 0
    try:
        cursor.execute(f"SELECT * FROM {quoted}")
        columns = [d[0] for d in cursor.description]
        with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(columns)
            while True:
                rows = cursor.fetchmany(CHUNK)
                if not rows:
                    break
                writer.writerows(rows)
                count += len(rows)
    finally:
        cursor.close()
    return count


# -- the SQLite path -----------------------------------------------------------------------------


class _NotExact(Exception):
    """A value the SQLite path would not render as csv.writer does: use the csv.writer path."""


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _affinity(declared: str) -> str:
    """SQLite's column affinity rules, reduced to what the JSON rendering needs to know."""
    declared = declared.upper()
    if "INT" in declared:
        return "integer"  # integers, or (rarely) reals, text or blobs: checked per value
    if "CHAR" in declared or "CLOB" in declared or "TEXT" in declared:
        return "text"  # text or blobs (numbers are stored as text); a blob stops json_array
    return "any"


def _json_argument(column: str, affinity: str, not_null: bool) -> str:
    """The value handed to json_array: integers and text as they are, NULL as '' (csv.writer
    writes None as an empty field), anything else as a blob, which json_array refuses."""
    c = _ident(column)
    if affinity == "integer":
        check = f"{c} = CAST({c} AS INTEGER)"  # false for reals, text and blobs
        if not_null:
            return f"CASE WHEN {check} THEN {c} ELSE x'' END"
        return f"CASE WHEN {c} IS NULL THEN '' WHEN {check} THEN {c} ELSE x'' END"
    if affinity == "text":
        return c if not_null else f"IFNULL({c}, '')"
    return (f"CASE typeof({c}) WHEN 'integer' THEN {c} WHEN 'text' THEN {c} "
            f"WHEN 'null' THEN '' ELSE x'' END")


class _CsvChunks:
    """Turns chunks of JSON-array lines (joined by CRLF) into CSV bytes on ``out``."""

    def __init__(self, out, n_columns: int):
        self.out = out
        self.commas = n_columns - 1
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")

    def write(self, data: bytes, k: int) -> None:
        if not data.isascii():
            try:
                data.decode("utf-8")  # csv.writer's path fails on text that is not UTF-8
            except UnicodeDecodeError:
                raise _NotExact from None
        self._emit(data, k)

    def _emit(self, data: bytes, k: int) -> None:
        # no escape anywhere, and only the delimiters' commas and brackets: every value is
        # an integer or text without a quote, comma, CR, LF or control character, which
        # csv.writer writes as it is; dropping the JSON quotes and brackets gives its line
        if (b"\\" not in data and data.count(b",") == k * self.commas
                and data.count(b"[") == k and data.count(b"]") == k):
            self.out.write(data.translate(None, b'"[]'))
            self.out.write(b"\r\n")
            return
        if k == 1:
            self.buffer.seek(0)
            self.buffer.truncate()
            self.writer.writerow(json.loads(data))
            self.out.write(self.buffer.getvalue().encode("utf-8"))
            return
        # the row holding an escape or ", " (never between JSON values) goes alone, or else
        # split at the row boundary nearest the middle; the clean rows around stay fast
        at = data.find(b"\\")
        if at < 0:
            at = data.find(b", ")
        if at >= 0:
            start = data.rfind(b"]\r\n[", 0, at)
            end = data.find(b"]\r\n[", at)
            before = data.count(b"]\r\n[", 0, start) + 1 if start >= 0 else 0
            after = data.count(b"]\r\n[", end) if end >= 0 else 0
            if before:
                self._emit(data[:start + 1], before)
            self._emit(data[start + 3 if start >= 0 else 0:end + 1 if end >= 0 else len(data)], 1)
            if after:
                self._emit(data[end + 3:], after)
            return
        middle = len(data) // 2
        cut = data.find(b"]\r\n[", middle)
        if cut < 0:
            cut = data.rindex(b"]\r\n[", 0, middle + 3)
        cut += 1
        first = data.count(b"]\r\n[", 0, cut) + 1
        self._emit(data[:cut], first)
        self._emit(data[cut + 2:], k - first)


def _write_sqlite(raw, name: str, tmp: Path, bom: bool) -> int:
    """The SQLite path (``raw``: the sqlite3 connection); raises _NotExact to decline."""
    ident = _ident(name)
    cursor = raw.execute(f"SELECT * FROM {ident} LIMIT 0")
    columns = [d[0] for d in cursor.description]
    cursor.close()
    if len(columns) < 2:
        raise _NotExact  # a lone empty field is written '""', and rarely matters
    kind = raw.execute("SELECT type FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    info = raw.execute(f"PRAGMA table_info({ident})").fetchall()
    if kind and kind[0] == "table" and [r[1] for r in info] == columns:
        keys = [r for r in info if r[5]]
        alias = keys[0][1] if len(keys) == 1 and (keys[0][2] or "").upper() == "INTEGER" else None
        arguments = [_ident(r[1]) if r[1] == alias and _has_rowid(raw, ident)  # the rowid itself
                     else _json_argument(r[1], _affinity(r[2] or ""), bool(r[3])) for r in info]
    else:  # views (a UNION may mix kinds under one declared type), or anything unexpected
        arguments = [_json_argument(c, "any", False) for c in columns]
    line = f"json_array({', '.join(arguments)})"
    by_rowid = kind is not None and kind[0] == "table" and _scans_in_rowid_order(raw, name, columns)
    count = 0
    with open(tmp, "wb") as fh:
        if bom:
            fh.write(codecs.BOM_UTF8)
        fh.write(_header(columns).encode("utf-8"))
        chunks = _CsvChunks(fh, len(columns))
        try:
            if by_rowid:
                # rowid order, as SELECT * reads the table; one string per chunk of rows
                first, then = (
                    "SELECT CAST(group_concat(x, char(13, 10)) AS BLOB), count(*), max(r) FROM "
                    f"(SELECT rowid AS r, {line} AS x FROM {ident} WHERE rowid {op} ? "
                    "ORDER BY rowid LIMIT ?)" for op in (">=", ">"))
                sql, after = first, _MIN_ROWID
                while True:
                    data, k, last = raw.execute(sql, (after, SQLITE_CHUNK)).fetchone()
                    if not k:
                        break
                    chunks.write(data, k)
                    count += k
                    sql, after = then, last
            else:
                cursor = raw.execute(f"SELECT CAST({line} AS BLOB) FROM {ident}")
                value = itemgetter(0)
                try:
                    while rows := cursor.fetchmany(SQLITE_CHUNK):
                        chunks.write(b"\r\n".join(map(value, rows)), len(rows))
                        count += len(rows)
                finally:
                    cursor.close()
        except sqlite3.OperationalError as exc:
            # a blob or a float (see _json_argument), or an SQLite built without JSON
            if "JSON cannot hold BLOB values" in str(exc) or "no such function" in str(exc):
                raise _NotExact from None
            raise
    return count


def _scans_in_rowid_order(raw, name: str, columns: list[str]) -> bool:
    """Whether ``SELECT *`` reads this table in rowid order (a plain table scan)."""
    if {c.lower() for c in columns} & {"rowid", "oid", "_rowid_"}:
        return False
    ident = _ident(name)
    if not _has_rowid(raw, ident):
        return False
    plan = raw.execute(f"EXPLAIN QUERY PLAN SELECT * FROM {ident}").fetchall()
    return len(plan) == 1 and plan[0][3].startswith("SCAN ") and "INDEX" not in plan[0][3]


def _has_rowid(raw, ident: str) -> bool:
    """Not a WITHOUT ROWID table (whose INTEGER PRIMARY KEY is an ordinary column)."""
    try:
        raw.execute(f"SELECT rowid FROM {ident} LIMIT 0").close()
    except sqlite3.Error:
        return False
    return True
