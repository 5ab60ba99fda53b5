"""``archive sql``, ``export``, ``stats``, ``views`` and ``db`` commands."""

import csv
import json

from archive.cli import cli
from dbutil import BACKEND, columns, execute, rows


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
    engine_says = {"sqlite": "attempt to write a readonly database",
                   "postgresql": "cannot execute DELETE in a read-only transaction"}[BACKEND]
    assert result.output == (
        f"Error: Refused: this query writes to the database ({engine_says}). "
        "Add --write to allow changes.\n"
    )
    assert rows(seeded_db, "select count(*) from articles") == [(5,)]
    result = run(runner, seeded_db, "sql", "update sources set kind = 'agency' where name = 'AFP'", "--write")
    assert result.exit_code == 0
    assert result.output == "1 row affected.\n"


def test_sql_error_is_one_line(runner, seeded_db):
    result = run(runner, seeded_db, "sql", "select nope from articles")
    assert result.exit_code == 1
    engine_says = {"sqlite": "no such column: nope", "postgresql": 'column "nope" does not exist'}[BACKEND]
    assert result.output == f"Error: SQL error: {engine_says}\n"


def test_missing_database_says_how_to_create_it(runner, tmp_path, databases):
    missing = databases.missing(tmp_path / "none.db")
    result = run(runner, missing, "stats")
    assert result.exit_code == 1
    how = {"sqlite": "Create it with: archive import PATH (or archive db upgrade)",
           "postgresql": "Create it on the server (e.g. createdb no_such_database), "
                         "then run: archive db upgrade"}[BACKEND]
    assert result.output == f"Error: No database at {missing}. {how}\n"
    assert not (tmp_path / "none.db").exists()


def test_outdated_database_says_how_to_upgrade(runner, seeded_db):
    execute(seeded_db, "update alembic_version set version_num = '0000'")
    result = run(runner, seeded_db, "stats")
    assert result.exit_code == 1
    assert "which this version of archive does not know" in result.output


def test_empty_database_needs_upgrade(runner, tmp_path, new_db):
    path = new_db(tmp_path / "empty.db")
    execute(path)  # connecting creates the (empty) SQLite file
    result = run(runner, path, "stats")
    assert result.output == f"Error: Database {path} is empty. Create its tables with: archive db upgrade\n"


def test_not_an_archive(runner, tmp_path, new_db):
    path = new_db(tmp_path / "other.db")
    execute(path, "create table t (x integer)")
    result = run(runner, path, "stats")
    assert result.output.startswith(f"Error: {path} is not an archive database")


def test_export_round_trips_through_csv_module(runner, seeded_db, tmp_path):
    out = tmp_path / "out"
    result = run(runner, seeded_db, "export", "articles", "article_overview", "-o", str(out))
    assert result.exit_code == 0
    assert result.output == f"{out / 'articles.csv'}: 5 rows\n{out / 'article_overview.csv'}: 5 rows\n"
    sql = "select * from articles order by id"
    expected = [[("" if v is None else str(v)) for v in row] for row in rows(seeded_db, sql)]
    with open(out / "articles.csv", newline="", encoding="utf-8") as fh:
        exported = list(csv.reader(fh))
    assert exported[0] == columns(seeded_db, sql)
    assert exported[1:] == expected
    assert any("\n" in cell and '"' in cell or "“" in cell for row in exported[1:] for cell in row)


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


def test_db_commands(runner, tmp_path, new_db):
    from archive.migrate import head

    path = new_db(tmp_path / "x.db")
    assert run(runner, path, "db", "upgrade").output == f"Upgraded {path} from schema empty to {head()}.\n"
    assert run(runner, path, "db", "upgrade").output == f"{path} is already at schema {head()}.\n"
    assert run(runner, path, "db", "current").output == f"{head()} (head)\n"
    assert run(runner, path, "db", "downgrade", "base").output == f"Downgraded {path} from schema {head()} to empty.\n"
    assert run(runner, path, "db", "current").output.startswith("empty (out of date")
    result = run(runner, path, "db", "downgrade", "nosuchrev")
    assert result.exit_code == 1 and result.output.startswith("Error: Cannot downgrade to 'nosuchrev'")
    history = run(runner, path, "db", "history").output
    assert history.splitlines()[0].startswith(f"{head()} (head)  ")
