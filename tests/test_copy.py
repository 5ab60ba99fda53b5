"""``archive copy --to``: the whole archive into another (empty) database of the same kind
(SQLite to PostgreSQL: tests/test_postgres.py)."""

from archive.cli import cli
from dbutil import BACKEND, rows

# the articles the search index finds for a word, read from the index itself
INDEXED = {
    "sqlite": "select rowid from articles_fts where articles_fts match 'inclusive' order by rowid",
    "postgresql": "select id from articles where search_vector @@ to_tsquery('english', 'inclusive') "
                  "order by id",
}[BACKEND]


def test_copy_to_an_empty_database(runner, seeded_db, new_db, tmp_path):
    dest = new_db(tmp_path / "copy.db")
    result = runner.invoke(cli, ["--db", str(seeded_db), "copy", "--to", str(dest)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Copied 5 articles (")
    for table in ("articles", "entities", "mentions", "events", "event_reports", "quotes"):
        sql = f"select * from {table} order by 1"
        assert rows(seeded_db, sql) == rows(dest, sql), table
    assert rows(dest, INDEXED) == rows(seeded_db, INDEXED) != []
    again = runner.invoke(cli, ["--db", str(seeded_db), "copy", "--to", str(dest)])
    assert again.exit_code == 1
    assert again.output == (f"Error: {dest} already holds articles; copy into an empty database "
                            f"(or import files into it instead).\n")
