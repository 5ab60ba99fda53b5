"""``archive sql``, ``export``, ``stats``, ``views`` and ``db`` commands."""

import csv
import json
import sqlite3

from archive.cli import cli


def run(runner, db, *args):
    return runner.invoke(cli, ["--db", str(db), *args])


def test_sql_table_output(runner, seeded_db):
    result = run(runner, seeded_db, "sql", "select id, published_precision from articles where id <= 2 order by id")
    assert result.exit_code == 0
    assert result.output == (
        "id  published_precision\n"
        "--  -------------------\n"
        "1   no-year\n"
        "2   minute\n"
    )


def test_sql_csv_json_and_bound_parameters(runner, seeded_db):
    result = run(runner, seeded_db, "sql", "select id, title from articles where id = :id", "-p", "id", "5", "--csv")
    assert result.output == "id,title\n5,\"Russia hosts Afghan talks, calls for inclusive government\"\n"
    result = run(runner, seeded_db, "sql", "select name from sources where name = :n", "-p", "n", "x' or '1'='1", "--json")
    assert json.loads(result.output) == []


def test_sql_refuses_writes_unless_asked(runner, seeded_db):
    result = run(runner, seeded_db, "sql", "delete from articles")
    assert result.exit_code == 1
    assert result.output == (
        "Error: Refused: this query writes to the database (attempt to write a readonly database). "
        "Add --write to allow changes.\n"
    )
    with sqlite3.connect(seeded_db) as conn:
        assert conn.execute("select count(*) from articles").fetchone() == (5,)
    result = run(runner, seeded_db, "sql", "update sources set kind = 'agency' where name = 'AFP'", "--write")
    assert result.exit_code == 0
    assert result.output == "1 row affected.\n"


def test_sql_error_is_one_line(runner, seeded_db):
    result = run(runner, seeded_db, "sql", "select nope from articles")
    assert result.exit_code == 1
    assert result.output == "Error: SQL error: no such column: nope\n"


def test_missing_database_says_how_to_create_it(runner, tmp_path):
    result = run(runner, tmp_path / "none.db", "stats")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: No database at {tmp_path / 'none.db'}. Create it with: archive import PATH "
        f"(or archive db upgrade)\n"
    )
    assert not (tmp_path / "none.db").exists()


def test_outdated_database_says_how_to_upgrade(runner, seeded_db):
    with sqlite3.connect(seeded_db) as conn:
        conn.execute("update alembic_version set version_num = '0000'")
    result = run(runner, seeded_db, "stats")
    assert result.exit_code == 1
    assert "which this version of archive does not know" in result.output


def test_empty_database_needs_upgrade(runner, tmp_path):
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    result = run(runner, path, "stats")
    assert result.output == f"Error: Database {path} is empty. Create its tables with: archive db upgrade\n"


def test_not_an_archive(runner, tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table t (x)")
    result = run(runner, path, "stats")
    assert result.output.startswith(f"Error: {path} is not an archive database")


def test_export_round_trips_through_csv_module(runner, seeded_db, tmp_path):
    out = tmp_path / "out"
    result = run(runner, seeded_db, "export", "articles", "article_overview", "-o", str(out))
    assert result.exit_code == 0
    assert result.output == f"{out / 'articles.csv'}: 5 rows\n{out / 'article_overview.csv'}: 5 rows\n"
    with sqlite3.connect(seeded_db) as conn:
        cur = conn.execute("select * from articles order by id")
        expected = [[("" if v is None else str(v)) for v in row] for row in cur.fetchall()]
        columns = [d[0] for d in cur.description]
    with open(out / "articles.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == columns
    assert rows[1:] == expected
    assert any("\n" in cell and '"' in cell or "“" in cell for row in rows[1:] for cell in row)


def test_export_all_and_bom(runner, seeded_db, tmp_path):
    result = run(runner, seeded_db, "export", "--all", "--bom", "-o", str(tmp_path / "all"))
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert "article_overview.csv" in names and "sources.csv" in names and "alembic_version.csv" not in names
    assert (tmp_path / "all" / "sources.csv").read_bytes().startswith(b"\xef\xbb\xbfid,key,name")


def test_export_unknown_name_lists_valid_names(runner, seeded_db, tmp_path):
    result = run(runner, seeded_db, "export", "nope", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert result.output.startswith("Error: No table or view named 'nope'. Valid names: article_attributions, article_entity_counts, article_shingles, articles,")


def test_stats(runner, seeded_db):
    from archive.migrate import head

    result = run(runner, seeded_db, "stats")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"Database: {seeded_db}"
    assert lines[1] == f"Schema: {head()}"
    assert any(line.split() == ["articles", "5"] for line in lines)


def test_views_lists_saved_views(runner, seeded_db):
    result = run(runner, seeded_db, "views", "--csv")
    rows = list(csv.reader(result.output.splitlines()))
    assert rows[0] == ["view", "description"]
    names = [r[0] for r in rows[1:]]
    assert "article_overview" in names and "source_coverage" in names
    assert all(r[1] for r in rows[1:])


def test_db_commands(runner, tmp_path):
    from archive.migrate import head

    path = tmp_path / "x.db"
    assert run(runner, path, "db", "upgrade").output == f"Upgraded {path} from schema empty to {head()}.\n"
    assert run(runner, path, "db", "upgrade").output == f"{path} is already at schema {head()}.\n"
    assert run(runner, path, "db", "current").output == f"{head()} (head)\n"
    assert run(runner, path, "db", "downgrade", "base").output == f"Downgraded {path} from schema {head()} to empty.\n"
    assert run(runner, path, "db", "current").output.startswith("empty (out of date")
    result = run(runner, path, "db", "downgrade", "nosuchrev")
    assert result.exit_code == 1 and result.output.startswith("Error: Cannot downgrade to 'nosuchrev'")
    history = run(runner, path, "db", "history").output
    assert history.splitlines()[0].startswith(f"{head()} (head)  ")
