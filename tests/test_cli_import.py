"""``archive import`` through CliRunner, asserting exact output."""

import pytest

from archive.cli import cli
from dbutil import columns, rows

SEED_TABLE = """\
Created database {db} (schema {head}).
id  published                source     title
--  -----------------------  ---------  ------------------------------------------------------------
1   14 Sep, 13:08 (no year)  Amu TV     Envoys From Region Hold Talks on Afghanistan in Dushanbe
2   2021-10-21 09:51                    Russia, China and Iran defend collaboration with the Taliban
3   2022-01-25 05:49         Sputnik    Putin, Xi Agree on Joint Approach to ‘Open, Tolerant Intera…
4   unknown                             Taliban Seeks SCO Summit Participation Amid Regional Securi…
5   unknown                  The Hindu  Russia hosts Afghan talks, calls for inclusive government
5 new articles stored in {db} (5 files seen, 0 already stored, 0 failed; run 1).
"""


def head():
    from archive.migrate import head as h

    return h()


def test_import_seeds_exact_output_and_second_run_stores_nothing(runner, db_path, seeds, monkeypatch):
    monkeypatch.chdir(seeds.parent)
    result = runner.invoke(cli, ["--db", str(db_path), "import", "seeds"])
    assert result.exit_code == 0, result.output
    assert result.output == SEED_TABLE.format(db=db_path, head=head())

    again = runner.invoke(cli, ["--db", str(db_path), "import", "seeds"])
    assert again.exit_code == 0
    lines = again.output.splitlines()
    assert lines[0] == "Already stored: seeds/000_2286a57d6484c226.txt (article 1)"
    assert lines[-1] == f"0 new articles stored in {db_path} (5 files seen, 5 already stored, 0 failed; run 2)."

    assert rows(db_path, "select count(*) from articles") == [(5,)]
    runs = rows(db_path, "select n_seen, n_imported, n_duplicates, n_failed, status, tool_version "
                         "from import_runs order by id")
    assert runs == [(5, 5, 0, 0, "finished", "0.1.0"), (5, 0, 5, 0, "finished", "0.1.0")]


def test_same_content_under_another_name_is_a_duplicate(runner, db_path, seeds, monkeypatch):
    monkeypatch.chdir(seeds.parent)
    (seeds / "copy.txt").write_bytes((seeds / "001_bd88f0e7e579e5a1.txt").read_bytes())
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", "seeds"])
    assert result.exit_code == 0
    assert result.output == (
        f"5 new articles stored in {db_path} (6 files seen, 1 already stored, 0 failed; run 1).\n"
    )


def test_seed_dates_sources_and_attributions_in_the_database(seeded_db):
    assert rows(seeded_db, "select id, published_at, published_precision, published_text, "
                           "retrieved_at from articles order by id") == [
        (1, None, "no-year", "14 Sep, 13:08", None),
        (2, "2021-10-21T09:51", "minute", "Thursday, October 21, 2021 | 9:51 am.", None),
        (3, "2022-01-25T05:49", "minute", "January 25, 2022, 5:49", None),
        (4, None, "none", None, None),
        (5, None, "none", None, "2021-11-29T09:19:51"),
    ]
    credits = rows(seeded_db, "select a.article_id, s.name, a.role from article_attributions a "
                              "join sources s on s.id = a.source_id order by 1, 2, 3")
    assert credits == [
        (1, "Amu TV", "publisher"),
        (1, "The Caspian Post", "via"),
        (2, "AFP", "wire"),
        (3, "AFP", "photo"),
        (3, "Sputnik", "publisher"),
        (4, "Interfax", "wire"),
        (5, "Associated Press", "photo"),
        (5, "The Hindu", "publisher"),
    ]
    names = [r[0] for r in rows(seeded_db, "select name from sources order by name")]
    assert names == ["AFP", "Amu TV", "Associated Press", "Interfax", "Sputnik", "The Caspian Post", "The Hindu"]


def test_article_overview_view(seeded_db):
    sql = "select * from article_overview order by article_id"
    assert columns(seeded_db, sql) == ["article_id", "origin", "title", "source", "published_at",
                                       "published_precision", "words"]
    overview = rows(seeded_db, sql)
    assert overview[2][3] == "Sputnik"
    assert len(overview) == 5


def test_source_coverage_view(seeded_db):
    assert rows(seeded_db, "select * from source_coverage order by source")[0] == \
        ("AFP", 2, "2021-10-21T09:51", "2022-01-25T05:49")


def test_db_from_environment_variable(runner, new_db, tmp_path, seeds, monkeypatch):
    monkeypatch.chdir(seeds.parent)
    db = new_db(tmp_path / "env.db")
    monkeypatch.setenv("ARCHIVE_DB", str(db))
    result = runner.invoke(cli, ["import", "-q", "seeds/001_bd88f0e7e579e5a1.txt"])
    assert result.exit_code == 0, result.output
    assert rows(db, "select origin from articles") == [("seeds/001_bd88f0e7e579e5a1.txt",)]
    assert not (seeds.parent / "archive.db").exists()


@pytest.mark.sqlite_only(reason="the default database is the file archive.db in the current directory")
def test_default_database_is_archive_db_in_current_directory(runner, tmp_path, seeds, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARCHIVE_DB", raising=False)
    result = runner.invoke(cli, ["import", "-q", str(seeds / "001_bd88f0e7e579e5a1.txt")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "archive.db").exists()


def test_stdin(runner, db_path, seeds):
    text = (seeds / "004_3dc87db143e1ef87.txt").read_text(encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", "-"], input=text)
    assert result.exit_code == 0, result.output
    assert rows(db_path, "select origin, title from articles") == [
        ("-", "Russia hosts Afghan talks, calls for inclusive government")
    ]


def test_tehran_times_corpus_imports_cleanly(runner, db_path):
    from conftest import FIXTURES

    folder = FIXTURES / "tehran_times" / "articles"
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("51 new articles stored")
    assert rows(db_path, "select count(*) from articles "
                         "where title_origin = 'filename' and body not like '%Creative Commons%'") == [(51,)]


HEADLINE_BODY = (
    "The committee met on Thursday to hear the testimony of three witnesses, and its members asked "
    "for the documents that the department had promised to send before the vote.\n\n"
    "A second hearing is planned for next month, when the agency's director is expected to answer "
    "the questions that were left open.\n"
)


def test_headline_and_date_from_the_file_name_when_the_text_gives_none(runner, db_path, tmp_path, monkeypatch):
    # news-dev/polnear shapes: the headline (with a final stop) on the first line, the date only
    # in the file name; a date line in the text wins over the file name's
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    # politico_2016-09-22_judge-rejects-new-york-times-req.txt (headline line)
    (tmp_path / "in" / "politico_2016-09-22_judge-rejects-new-york-times-req.txt").write_text(
        "Judge rejects New York Times request to unseal Trump divorce file.\n\n" + HEADLINE_BODY,
        encoding="utf-8")
    (tmp_path / "in" / "daily_2016-09-23_hearing.txt").write_text(
        "Hearing adjourned until spring\n\nSeptember 21, 2016\n\n" + HEADLINE_BODY.replace("Thursday", "Monday"),
        encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", "in"])
    assert result.exit_code == 0, result.output
    assert rows(db_path, "select title, title_origin, published_at, published_precision, published_text, "
                         "published_origin from articles order by origin") == [
        ("Hearing adjourned until spring", "text", "2016-09-21", "day", "September 21, 2016", "dateline"),
        ("Judge rejects New York Times request to unseal Trump divorce file", "text",
         "2016-09-22", "day", "2016-09-22", "filename"),
    ]


def test_json_lines_take_a_date_from_the_record_url_never_from_the_file_name(runner, db_path, tmp_path):
    import json

    records = [
        {"title": "Judge rejects request", "url": "https://example.com/2016/09/22/judge-rejects/",
         "maintext": HEADLINE_BODY},
        {"title": "Hearing adjourned", "url": "https://example.com/hearing",
         "maintext": HEADLINE_BODY.replace("Thursday", "Monday")},
    ]
    path = tmp_path / "scrape_2016-10-01_batch.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", str(path)])
    assert result.exit_code == 0, result.output
    assert rows(db_path, "select title, published_at, published_origin from articles order by id") == [
        ("Judge rejects request", "2016-09-22", "url"),
        ("Hearing adjourned", None, None),
    ]
