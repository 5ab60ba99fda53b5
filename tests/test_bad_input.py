"""Bad files: a one-line error naming the file, an import_errors row, the batch goes on."""

import pytest

from archive.cli import cli
from dbutil import rows


@pytest.fixture
def bad_folder(tmp_path, seeds):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_bytes((seeds / "001_bd88f0e7e579e5a1.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "doc.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (folder / "furniture.txt").write_text("Related news\nLeave a Comment\n", encoding="utf-8")
    (folder / "nul.txt").write_bytes(b"\x00\x01\x02\x03" * 500)
    return folder


def test_bad_files_are_reported_recorded_and_skipped(runner, db_path, bad_folder, monkeypatch):
    monkeypatch.chdir(bad_folder.parent)
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", "mixed"])
    assert result.exit_code == 1
    errors = sorted(line for line in result.output.splitlines() if line.startswith("Error:"))
    assert errors == [
        "Error: mixed/doc.pdf: binary file (PDF document), not an article",
        "Error: mixed/empty.txt: empty file",
        "Error: mixed/furniture.txt: no article body (no paragraph of prose found)",
        "Error: mixed/image.png: binary file (PNG image), not an article",
        "Error: mixed/nul.txt: binary content (too many control characters), not an article",
    ]
    assert result.output.splitlines()[-1] == (
        f"1 new article stored in {db_path} (6 files seen, 0 already stored, 5 failed; run 1)."
    )
    assert rows(db_path, "select count(*) from articles") == [(1,)]
    assert rows(db_path, "select count(*) from import_errors where import_run_id = 1") == [(5,)]
    assert rows(db_path, "select n_failed, n_imported, status from import_runs") == [(5, 1, "finished")]


def test_missing_path_is_an_error_not_a_crash(runner, db_path, tmp_path):
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert f"Error: {tmp_path / 'nope'}: no such file or directory" in result.output


def test_windows_1251_and_utf16_files_decode(runner, db_path, tmp_path, seeds):
    text = (seeds / "004_3dc87db143e1ef87.txt").read_text(encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "utf16.txt").write_bytes(text.encode("utf-16"))
    russian = ("Москва — Россия провела переговоры по Афганистану в среду с участием представителей "
               "движения Талибан и других фракций. Министр иностранных дел Сергей Лавров выступил "
               "с речью на открытии встречи и призвал к формированию инклюзивного правительства.\n")
    (tmp_path / "in" / "cp1251.txt").write_bytes(russian.encode("cp1251"))
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", str(tmp_path / "in")])
    assert result.exit_code == 0, result.output
    languages = dict(rows(db_path, "select encoding, language from articles"))
    assert languages.get("utf-16") == "en"
    assert any(lang == "ru" for lang in languages.values())


def test_interrupted_import_leaves_no_half_written_article(db_path, seeds, monkeypatch):
    from archive import load
    from archive.config import resolve

    calls = {"n": 0}
    original = load._Loader._insert_article

    def boom(self, conn, prepared):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return original(self, conn, prepared)

    monkeypatch.setattr(load._Loader, "_insert_article", boom)
    report = load.import_paths(resolve(str(db_path)), [str(seeds)], batch_size=2)
    assert report.interrupted
    assert rows(db_path, "select count(*) from articles") == [(2,)]
    assert rows(db_path, "select count(*) from article_attributions "
                         "where article_id not in (select id from articles)") == [(0,)]
    assert rows(db_path, "select status, n_imported from import_runs") == [("interrupted", 2)]
    monkeypatch.undo()
    report = load.import_paths(resolve(str(db_path)), [str(seeds)])
    assert len(report.stored) == 3 and len(report.duplicates) == 2
