"""``archive import DIR --manifest meta.csv``: side-car metadata overrides what extraction finds."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from archive.cli import cli
from dbutil import dicts, rows as query, tables

TEHRAN = Path(__file__).resolve().parent / "fixtures" / "tehran_times"
NAMES = [
    "_news_463048_Afghanistan-conflict-neighbors-reading.txt",
    "_news_463144_U-S-is-responsible-for-crisis-in-Afghanistan.txt",
    "_news_463182_Iran-insists-talks-is-only-solution-to-Afghan-crisis.txt",
]


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    """tt/articles/ with three Tehran Times articles; the rows of their manifest."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tt" / "articles").mkdir(parents=True)
    for name in NAMES:
        shutil.copy(TEHRAN / "articles" / name, tmp_path / "tt" / "articles" / name)
    return tmp_path / "tt"


def manifest_rows() -> dict[str, dict[str, str]]:
    with open(TEHRAN / "manifest.csv", encoding="utf-8", newline="") as fh:
        rows = {Path(r["file"]).name: r for r in csv.DictReader(fh)}
    return {name: rows[name] for name in NAMES}


def write_manifest(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def articles(db) -> dict[str, dict]:
    stored = dicts(db, "select a.*, s.name as source_name from articles a "
                       "left join sources s on s.id = a.source_id")
    return {Path(r["origin"]).name: r for r in stored}


def test_titles_and_urls_come_from_the_manifest_and_provenance_says_so(runner, db_path, corpus):
    rows = manifest_rows()
    table = [[r["file"], r["url"], r["title_from_url"]] for r in rows.values()]
    table[0][2] = "Afghanistan: the conflict and its neighbours"  # differs from the file name's
    write_manifest(corpus / "manifest.csv", ["file", "url", "title_from_url"], table)
    result = runner.invoke(cli, ["--db", str(db_path), "import", "tt/articles",
                                 "--manifest", "tt/manifest.csv"])
    assert result.exit_code == 0, result.output
    stored = articles(db_path)
    assert sorted(stored) == sorted(NAMES)
    for (file, url, title), name in zip(table, NAMES):
        row = stored[name]
        assert (row["title"], row["title_origin"], row["url"]) == (title, "manifest", url)
        provenance = json.loads(row["provenance"])
        assert provenance["title"] == "manifest"
        assert provenance["manifest"]["file"] == "tt/manifest.csv"
        assert provenance["manifest"]["title"] == title and provenance["manifest"]["url"] == url
    overridden = json.loads(stored[NAMES[0]]["provenance"])["manifest"]
    assert overridden["title_extracted"] == "Afghanistan conflict neighbors reading"
    assert "Afghanistan: the conflict and its neighbours" in result.output


@pytest.mark.parametrize(
    "header, values, expect",
    [
        (["path", "link"], ["https://example.org/a"],
         {"url": "https://example.org/a", "title_origin": "filename"}),
        (["filename", "headline"], ["Only a headline"],
         {"title": "Only a headline", "title_origin": "manifest", "url": None}),
        (["File_Name", "Date", "Publisher", "Lang"], ["2021-07-12", "Tehran Times", "EN"],
         {"published_at": "2021-07-12", "published_precision": "day", "published_origin": "manifest",
          "source_name": "Tehran Times", "language": "en", "title_origin": "filename"}),
        ([" FILE ", "canonical_url", "title", "published_at", "source_domain", "language"],
         ["https://x.org/b", "All of them", "2022-01-25T05:49:00", "tehrantimes.com", "en"],
         {"url": "https://x.org/b", "title": "All of them", "published_at": "2022-01-25T05:49:00",
          "published_precision": "second", "title_origin": "manifest"}),
    ],
    ids=["path+link", "filename+headline", "date+publisher+lang", "every-column"],
)
def test_any_subset_of_columns_with_alternative_names(runner, db_path, corpus, header, values, expect):
    write_manifest(corpus / "meta.csv", header,
                   [[f"articles/{name}", *values] for name in NAMES])
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", "tt/articles",
                                 "--manifest", "tt/meta.csv"])
    assert result.exit_code == 0, result.output
    stored = articles(db_path)
    assert sorted(stored) == sorted(NAMES)
    for row in stored.values():
        assert {k: row[k] for k in expect} == expect
        if "source_name" in expect:
            assert json.loads(row["provenance"])["manifest"]["source"] == expect["source_name"]


def test_manifest_without_a_file_column_is_one_line_error_and_nothing_is_imported(runner, db_path, corpus):
    write_manifest(corpus / "meta.csv", ["url", "title_from_url"], [["https://x.org/a", "A title"]])
    result = runner.invoke(cli, ["--db", str(db_path), "import", "tt/articles",
                                 "--manifest", "tt/meta.csv"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: Manifest tt/meta.csv has no file column (expected one of: file, path, "
        "filename, file_name; found: url, title_from_url)\n"
    )
    assert "articles" not in tables(db_path) or articles(db_path) == {}


def test_manifest_naming_a_missing_file_reports_it_and_imports_the_rest(runner, db_path, corpus):
    rows = manifest_rows()
    table = [[r["file"], r["url"], r["title_from_url"]] for r in rows.values()]
    table.append(["articles/_news_999999_Not-here.txt", "https://example.org/gone", "Not here"])
    write_manifest(corpus / "manifest.csv", ["file", "url", "title_from_url"], table)
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", "tt/articles",
                                 "--manifest", "tt/manifest.csv"])
    assert result.exit_code == 1
    missing = (corpus / "articles" / "_news_999999_Not-here.txt").resolve()
    assert result.stderr.splitlines() == [
        f"Error: {missing}: named in manifest tt/manifest.csv but missing"
    ]
    assert result.stdout.splitlines()[-1] == (
        f"3 new articles stored in {db_path} (4 files seen, 0 already stored, 1 failed; run 1)."
    )
    assert sorted(articles(db_path)) == sorted(NAMES)
    assert query(db_path, "select path, reason from import_errors") == [
        (str(missing), "named in manifest tt/manifest.csv but missing")
    ]


def test_manifest_inside_the_imported_folder_is_not_an_article(runner, db_path, corpus):
    rows = manifest_rows()
    write_manifest(corpus / "articles" / "meta.csv", ["file", "title"],
                   [[name, r["title_from_url"]] for name, r in rows.items()])
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", "tt/articles",
                                 "--manifest", "tt/articles/meta.csv"])
    assert result.exit_code == 0, result.output
    assert sorted(articles(db_path)) == sorted(NAMES)
    assert all(r["title_origin"] == "manifest" for r in articles(db_path).values())


def test_a_date_in_the_manifest_url_is_the_publication_date_when_nothing_else_gives_one(runner, db_path, corpus):
    rows = manifest_rows()
    table = [[r["file"], r["url"]] for r in rows.values()]
    table[0][1] = "https://www.tehrantimes.com/news/2021/07/12/afghanistan-conflict"
    write_manifest(corpus / "manifest.csv", ["file", "url"], table)
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", "tt/articles",
                                 "--manifest", "tt/manifest.csv"])
    assert result.exit_code == 0, result.output
    stored = articles(db_path)
    got = {name: (r["published_at"], r["published_precision"], r["published_text"], r["published_origin"])
           for name, r in stored.items()}
    assert got == {
        NAMES[0]: ("2021-07-12", "day", "2021/07/12", "url"),
        NAMES[1]: (None, "none", None, None),
        NAMES[2]: (None, "none", None, None),
    }
