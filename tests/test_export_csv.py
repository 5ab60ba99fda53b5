"""``archive export`` on SQLite writes exactly the bytes csv.writer writes (the exporter's
previous implementation, inlined below as the reference), whichever path it takes: whole
chunks of clean rows rendered by SQLite, rows with special characters through csv.writer,
and the csv.writer path for relations with floats, blobs or single columns."""

from __future__ import annotations

import csv
import io
import math
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive import export, migrate
from archive.config import resolve

TEXTS = ["", "plain", "a,b", 'a"b', '"', '""', "line\nbreak", "cr\rx", "crlf\r\n", "\r\n", "tab\tx",
         "nul\x00x", "\x00", "back\\slash", "\\", "[bracket]", "]", "[", "][", "é ü ß", "日本語",
         "🙂 emoji", "\u2028sep", "\x1f\x1e", "\x7f", " lead", "trail ", "null", "0", "-1", "1e5",
         '{"json": [1, 2]}', "x" * 3000, "'quote'", ";", "a\x0bb", "\x85"]
INTS = [0, 1, -1, 2**63 - 1, -(2**63), 10**15, 42]
FLOATS = [0.1, 1e-7, 1.0, -0.0, 1e16, 1.7976931348623157e308, 0.30000000000000004, math.inf,
          -math.inf, 2.5, 5e-324, 123456789.123]
BLOBS = [b"", b"\x00\xff", b"abc", b'"quoted",']


def reference(db, name: str, bom: bool) -> bytes:
    """The exporter before the SQLite path: a cursor, csv.writer, fetchmany."""
    conn = sqlite3.connect(db)
    try:
        quoted = '"' + name.replace('"', '""') + '"'
        cursor = conn.execute(f"SELECT * FROM {quoted}")
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([d[0] for d in cursor.description])
        while rows := cursor.fetchmany(1000):
            writer.writerows(rows)
    finally:
        conn.close()
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")


@pytest.fixture
def archive_db(tmp_path):
    db = tmp_path / "x.db"
    migrate.upgrade(resolve(str(db)))
    return db


def _fill(db) -> list[str]:
    """Tables and views holding every awkward value; returns their names."""
    conn = sqlite3.connect(db)
    c = conn.execute
    c("CREATE TABLE t_text (id INTEGER PRIMARY KEY, a TEXT, b VARCHAR(20) NOT NULL, c CLOB, n INTEGER)")
    for i, t in enumerate(TEXTS):
        c("INSERT INTO t_text (a, b, c, n) VALUES (?, ?, ?, ?)",
          (t, TEXTS[-1 - i], None if i % 3 == 0 else t + ",", None if i % 4 == 0 else INTS[i % len(INTS)]))
    c("CREATE TABLE t_int (id INTEGER PRIMARY KEY, n INTEGER, m BIGINT NOT NULL, flag BOOLEAN, at DATETIME)")
    for i, v in enumerate(INTS):
        c("INSERT INTO t_int (n, m, flag, at) VALUES (?, ?, ?, ?)",
          (v, -v if v > -(2**63) else v, i % 2, None if i % 2 else "2024-01-02 03:04:05.000006"))
    c("INSERT INTO t_int (n, m) VALUES (NULL, 7)")
    c("CREATE TABLE t_float (id INTEGER PRIMARY KEY, r REAL, label TEXT)")
    for v in FLOATS:
        c("INSERT INTO t_float (r, label) VALUES (?, ?)", (v, repr(v)))
    c("CREATE TABLE t_int_real (id INTEGER PRIMARY KEY, n INTEGER, s TEXT)")  # 1.5 stays REAL
    c("INSERT INTO t_int_real (n, s) VALUES (1, 'a'), (1.5, 'b'), (3, 'c')")
    c("CREATE TABLE t_int_text (id INTEGER PRIMARY KEY, n INTEGER, s TEXT)")  # 'abc' stays TEXT
    c("INSERT INTO t_int_text (n, s) VALUES (1, 'a'), ('abc', 'b'), ('x,y', 'c')")
    c("CREATE TABLE t_blob (id INTEGER PRIMARY KEY, b BLOB, t TEXT)")
    for v in BLOBS:
        c("INSERT INTO t_blob (b, t) VALUES (?, ?)", (v, "x"))
    c("CREATE TABLE t_text_blob (id INTEGER PRIMARY KEY, t TEXT, u TEXT)")
    c("INSERT INTO t_text_blob (t, u) VALUES ('a', 'b'), (?, 'c')", (b"\x01\x02",))
    c("CREATE TABLE t_untyped (id INTEGER PRIMARY KEY, x, y)")
    for i, v in enumerate(TEXTS[:10] + INTS):
        c("INSERT INTO t_untyped (x, y) VALUES (?, ?)", (v, i))
    c("CREATE TABLE t_norowid (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID")
    for i, t in enumerate(TEXTS):
        c("INSERT INTO t_norowid VALUES (?, ?)", (f"{i:03d}{t}", i))
    c("CREATE TABLE t_sparse (id INTEGER PRIMARY KEY, s TEXT)")
    for rowid in (-(2**63), -5, 0, 7, 2**62, 2**63 - 1):
        c("INSERT INTO t_sparse VALUES (?, ?)", (rowid, f"row {rowid}"))
    c("CREATE TABLE t_one (a TEXT)")
    c("INSERT INTO t_one VALUES (''), (NULL), ('x'), ('a,b')")
    c("CREATE TABLE t_empty (a TEXT, b INTEGER)")
    c("CREATE TABLE t_cov (a TEXT, b TEXT)")
    c("CREATE INDEX ix_t_cov ON t_cov (b, a)")
    c("INSERT INTO t_cov VALUES ('1', 'z'), ('2', 'a'), ('3', 'm')")
    c('CREATE TABLE "odd ""name"" {x}" ("a,b" TEXT, "c""d" INTEGER, rowid_like TEXT)')
    c('INSERT INTO "odd ""name"" {x}" VALUES (\'v\', 1, \'w\'), (\'x,y\', 2, NULL)')
    c("CREATE VIEW v_text AS SELECT id, a, b, n FROM t_text")
    c("CREATE VIEW v_union AS SELECT id, b AS value FROM t_text UNION ALL SELECT id, r FROM t_float")
    c("CREATE VIEW v_counts AS SELECT n, COUNT(*) AS k, GROUP_CONCAT(a) AS a FROM t_text GROUP BY n")
    conn.commit()
    conn.close()
    return ["t_text", "t_int", "t_float", "t_int_real", "t_int_text", "t_blob", "t_text_blob",
            "t_untyped", "t_norowid", "t_sparse", "t_one", "t_empty", "t_cov", 'odd "name" {x}',
            "v_text", "v_union", "v_counts"]


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("chunk", [3, 2000])
def test_every_awkward_value_as_csv_writer_writes_it(archive_db, tmp_path, monkeypatch, bom, chunk):
    monkeypatch.setattr(export, "SQLITE_CHUNK", chunk)
    names = _fill(archive_db)
    out = tmp_path / "out"
    done = export.export_csv(resolve(str(archive_db)), names, out, bom=bom)
    assert [d.name for d in done] == names
    for item in done:
        assert item.path.read_bytes() == reference(archive_db, item.name, bom), item.name
    assert not list(out.glob("*.part"))


def test_the_fast_path_is_taken_and_declines_what_it_cannot_render(archive_db, tmp_path, monkeypatch):
    _fill(archive_db)
    slow = []
    original = export._write_rows
    monkeypatch.setattr(export, "_write_rows", lambda conn, name, tmp, bom: slow.append(name) or original(conn, name, tmp, bom))
    fast = ["t_text", "t_int", "t_untyped", "t_norowid", "t_sparse", "t_empty", "t_cov",
            "v_text", "v_counts", "mentions"]
    # floats, blobs, text in an INTEGER column (checked by a cast), a single column
    declined = ["t_float", "t_int_real", "t_int_text", "t_blob", "t_text_blob", "t_one", "v_union"]
    export.export_csv(resolve(str(archive_db)), fast + declined, tmp_path / "out")
    assert sorted(slow) == sorted(declined)


@pytest.mark.sqlite_only(reason="compares SQLite's fast path with csv.writer over a sqlite3 cursor "
                                "(PostgreSQL exports through csv.writer itself: test_cli_query)")
def test_archive_tables_and_views_byte_for_byte(seeded_db, tmp_path, monkeypatch):
    """Every table and view of the imported seeds (articles: bodies full of commas,
    quotes and newlines), in small chunks so rows of both kinds share chunks."""
    monkeypatch.setattr(export, "SQLITE_CHUNK", 5)
    done = export.export_csv(resolve(str(seeded_db)), [], tmp_path / "all", all_=True, bom=True)
    assert len(done) > 20
    for item in done:
        assert item.path.read_bytes() == reference(seeded_db, item.name, True), item.name


def test_a_failed_export_leaves_no_file(archive_db, tmp_path, monkeypatch):
    _fill(archive_db)

    def boom(*args):
        raise OSError("disk full")

    monkeypatch.setattr(export._CsvChunks, "_emit", boom)
    with pytest.raises(OSError):
        export.export_csv(resolve(str(archive_db)), ["t_text"], tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.one_of(st.none(), _text), _text,
                               st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1))), max_size=40))
def test_random_text_and_integers(archive_db, tmp_path_factory, rows):
    conn = sqlite3.connect(archive_db)
    conn.execute("DROP TABLE IF EXISTS t_random")
    conn.execute("CREATE TABLE t_random (id INTEGER PRIMARY KEY, a TEXT, b TEXT NOT NULL, n INTEGER)")
    conn.executemany("INSERT INTO t_random (a, b, n) VALUES (?, ?, ?)", rows)
    conn.commit()
    conn.close()
    out = tmp_path_factory.mktemp("random")
    (item,) = export.export_csv(resolve(str(archive_db)), ["t_random"], out)
    assert item.rows == len(rows)
    assert item.path.read_bytes() == reference(archive_db, "t_random", False)
