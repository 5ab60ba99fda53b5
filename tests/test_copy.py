"""``archive copy --to``: the whole archive into another (empty) database."""

import sqlite3

from archive.cli import cli


def test_copy_to_sqlite(runner, seeded_db, tmp_path):
    dest = tmp_path / "copy.db"
    result = runner.invoke(cli, ["--db", str(seeded_db), "copy", "--to", str(dest)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Copied 5 articles (")
    with sqlite3.connect(seeded_db) as a, sqlite3.connect(dest) as b:
        for table in ("articles", "entities", "mentions", "events", "event_reports", "quotes"):
            assert a.execute(f"select * from {table} order by 1").fetchall() == \
                b.execute(f"select * from {table} order by 1").fetchall(), table
        fts = "select rowid from articles_fts where articles_fts match 'inclusive' order by rowid"
        assert b.execute(fts).fetchall() == a.execute(fts).fetchall() != []
    again = runner.invoke(cli, ["--db", str(seeded_db), "copy", "--to", str(dest)])
    assert again.exit_code == 1
    assert again.output == (f"Error: {dest} already holds articles; copy into an empty database "
                            f"(or import files into it instead).\n")
