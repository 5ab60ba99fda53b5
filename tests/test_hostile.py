"""A hostile corpus, generated here, imported in one ``archive import``: nothing lost.

Every file ends one of two ways: a one-line ``Error: <file>: <reason>`` plus an
``import_errors`` row, or a stored article whose content is the legitimate text. The rest of
the batch is imported, the exit code is 1, no traceback, and it all takes seconds (articles
larger than ``MAX_ARTICLE_CHARS`` are refused before parsing, not parsed for minutes).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest
from click.testing import CliRunner

from archive.cli import cli
from archive.ingest.files import MAX_ARTICLE_CHARS, display_name
from archive.ingest.text import parse_text
from dbutil import dicts

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEHRAN = sorted((FIXTURES / "tehran_times" / "articles").glob("*.txt"))
RUSSIAN = ("Москва — Россия провела переговоры по Афганистану в среду с участием представителей "
           "движения Талибан и других фракций. Министр иностранных дел Сергей Лавров выступил "
           "с речью на открытии встречи и призвал к формированию инклюзивного правительства.\n")
PROSE = ("The delegation met officials in Kabul on Tuesday to discuss trade, security and "
         "humanitarian aid for the region, the ministry said in a statement. ")


@dataclass
class Expect:
    error: str | None = None  # a part of the reason; None: stored
    check: Callable[[dict], None] | None = None  # on the stored article row


def _body_of(text: str) -> str:
    return parse_text(text, "x.txt").body


def _garble(text: str) -> str:
    """UTF-8 read as Windows-1252 and saved again (bytes cp1252 lacks kept as C1 controls)."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def _tehran(i: int) -> str:
    return TEHRAN[i].read_text(encoding="utf-8")


def build_corpus(root: Path) -> dict[str, Expect]:
    """Write the hostile folder; return what each file (by its display name) must give."""
    root.mkdir()
    expect: dict[str, Expect] = {}

    def put(name: str | bytes, data: bytes, outcome: Expect) -> Path | None:
        path = os.path.join(os.fsencode(root), os.fsencode(name))
        try:
            with open(path, "wb") as fh:
                fh.write(data)
        except OSError:  # a file system that refuses such a name: nothing to test
            return None
        expect[display_name(os.fsdecode(path))] = outcome
        return Path(os.fsdecode(path))

    def same_body(text: str, encoding: str | None = None, note: str | None = None) -> Expect:
        want = _body_of(text)

        def check(row: dict) -> None:
            assert row["body"] == want
            if encoding:
                assert row["encoding"] == encoding
            if note:
                assert note in json.loads(row["provenance"]).get("decoding", "")
        return Expect(check=check)

    # -- good articles, in awkward shapes -------------------------------------------------
    put("plain.txt", _tehran(0).encode(), same_body(_tehran(0), "utf-8"))
    put("name with spaces.txt", _tehran(1).encode(), Expect(check=lambda row: (
        row["title"] == "A title from the manifest" and row["title_origin"] == "manifest"
        and row["url"] == "https://example.org/spaces" or pytest.fail(str(row)))))
    put("ünïcödé 名前 файл.txt", _tehran(2).encode(), same_body(_tehran(2)))
    put("new\nline.txt", _tehran(3).encode(), same_body(_tehran(3)))
    put(b"latin1-\xe9t\xe9.txt", _tehran(4).encode(), same_body(_tehran(4)))
    put("utf16le-nobom.txt", _tehran(5).encode("utf-16-le"), same_body(_tehran(5), "utf-16-le"))
    put("utf16be-nobom.txt", _tehran(6).encode("utf-16-be"), same_body(_tehran(6), "utf-16-be"))
    # a valid article cut in the middle of a multi-byte character
    text = _tehran(7)
    cut = text.index("’", len(text) // 3)
    data = text.encode()[: len(text[:cut].encode()) + 2]
    put("truncated.txt", data, same_body(text[:cut], "utf-8", "truncated UTF-8"))
    # NUL bytes: stray ones in the text, or padding after it (a crash), are not binary
    text = _tehran(8)
    put("stray-nul.txt", text[:100].encode() + b"\x00" + text[100:200].encode() + b"\x00\x00"
        + text[200:].encode(), same_body(text))
    put("nul-padded.txt", _tehran(9).encode() + b"\x00" * 8192, same_body(_tehran(9)))
    # Windows-1251, and mojibake (UTF-8 once read as Windows-1252) that is repaired
    put("cp1251.txt", RUSSIAN.encode("cp1251"), Expect(check=lambda row: (
        "Москва" in row["body"] and row["language"] == "ru" or pytest.fail(str(row)))))
    text = _tehran(10)
    assert "’" in text
    put("mojibake.txt", _garble(text).encode("utf-8"), same_body(text, "utf-8", "mojibake"))
    secret = put("secret.txt", _tehran(11).encode(), None)
    # a good HTML page
    shutil.copy(FIXTURES / "html" / "pages" / "pamelaandersonfoundation.org.yellow.html",
                root / "page.html")
    expect[str(root / "page.html")] = Expect(check=lambda row: (
        row["title"] == "Yellow Vests and I" or pytest.fail(str(row))))
    # JSON Lines: good records around a line that is not JSON and one with a lone surrogate
    lines = [
        json.dumps({"title": "First record", "maintext": _tehran(12), "url": "https://x.org/1"}),
        "this line is { not JSON",
        json.dumps({"title": "Broken \ud800 surrogate", "maintext": "Text \ud800 " + _tehran(13)}),
        json.dumps({"title": "Last record", "maintext": _tehran(14), "url": "https://x.org/4"}),
    ]
    feed = root / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    expect[f"{feed}:1"] = Expect(check=lambda row: row["title"] == "First record" or pytest.fail(str(row)))
    expect[f"{feed}:2"] = Expect(error="line 2: not valid JSON")
    expect[f"{feed}:3"] = Expect(check=lambda row: (
        row["title"] == "Broken \ufffd surrogate" and "\ufffd" in row["body"] or pytest.fail(str(row))))
    expect[f"{feed}:4"] = Expect(check=lambda row: row["title"] == "Last record" or pytest.fail(str(row)))

    # -- files that are not articles --------------------------------------------------------
    put("empty.txt", b"", Expect(error="empty file"))
    put("blank.txt", b" \n\n\t \r\n", Expect(error="empty file"))
    put("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, Expect(error="binary file (PNG image)"))
    put("paper.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        Expect(error="binary file (PDF document)"))
    with zipfile.ZipFile(root / "articles.zip", "w") as zf:
        zf.writestr("inside.txt", _tehran(15))
    expect[str(root / "articles.zip")] = Expect(error="binary file (ZIP archive")
    put("bad\nname.png", b"\x89PNG\r\n\x1a\n" + bytes(64), Expect(error="binary file (PNG image)"))
    put("nul-binary.txt", b"\x00\x01\x02\x03" * 500, Expect(error="binary content"))
    put("nothing-but-nuls.txt", b"\x00" * 1000, Expect(error="empty file (only NUL bytes)"))
    too_large = Expect(error="too large for one article (")
    paragraph = ("Headline of an enormous file\n\n" + PROSE * 6 + "\n\n").encode()
    put("fifty-megabytes.txt", paragraph * (50 * 1024 * 1024 // len(paragraph) + 1), too_large)
    line = (PROSE * (10 * 1024 * 1024 // len(PROSE) + 1)).encode()
    put("ten-megabyte-line.txt", line, too_large)
    put("no-body.html", b"<html><head><title>Nothing here</title></head></html>",
        Expect(error="HTML page with no article text"))
    put("nested.html", ("<html><head><title>Deep</title></head><body>" + "<div>" * 10_000
                        + "<p>" + PROSE * 3 + "</p>" + "</div>" * 10_000 + "</body></html>").encode(),
        Expect(error="nested 10,0"))
    (root / "meta.csv").write_text(
        "path,headline,link\n"
        "name with spaces.txt,A title from the manifest,https://example.org/spaces\n"
        "gone.txt,A missing article,https://example.org/gone\n"
        "sub/also gone.txt,Another missing one,\n",
        encoding="utf-8")
    for missing in ("gone.txt", "sub/also gone.txt"):
        expect[str((root / missing).resolve())] = Expect(error="named in manifest")

    # -- things in the tree that are not files -----------------------------------------------
    (root / "loop").mkdir()
    (root / "loop" / "inner.txt").write_text(_tehran(16), encoding="utf-8")
    expect[str(root / "loop" / "inner.txt")] = same_body(_tehran(16))
    os.symlink("..", root / "loop" / "parent")  # a directory symlink pointing to its parent
    expect[str(root / "loop" / "parent")] = Expect(error="symbolic link loop")
    os.symlink("nowhere.txt", root / "dangling.txt")
    expect[str(root / "dangling.txt")] = Expect(error="broken symbolic link")
    os.symlink("ping.txt", root / "pong.txt")
    os.symlink("pong.txt", root / "ping.txt")
    expect[str(root / "ping.txt")] = Expect(error="symbolic link loop")
    expect[str(root / "pong.txt")] = Expect(error="symbolic link loop")
    if hasattr(os, "mkfifo"):  # reading a FIFO would block for ever
        os.mkfifo(root / "pipe.txt")
        expect[str(root / "pipe.txt")] = Expect(error="not a regular file (named pipe)")

    # -- permissions: root reads anything, so then the article is legitimately imported ------
    os.chmod(secret, 0)
    expect[str(secret)] = (same_body(_tehran(11)) if os.access(secret, os.R_OK)
                           else Expect(error="permission denied"))
    locked = root / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(_tehran(17), encoding="utf-8")
    os.chmod(locked, 0)
    if os.access(locked, os.R_OK | os.X_OK):
        expect[str(locked / "inside.txt")] = same_body(_tehran(17))
    else:
        expect[str(locked)] = Expect(error="ermission denied")
    return expect


@dataclass
class Run:
    root: Path
    expect: dict[str, Expect]
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None
    seconds: float
    db: Path | str  # see conftest.Databases


@pytest.fixture(scope="module")
def run(tmp_path_factory, databases) -> Iterator[Run]:
    base = tmp_path_factory.mktemp("hostile")
    root = base / "corpus"
    expect = build_corpus(root)
    db = databases.new(base / "hostile.db")
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(root),
                                      "--manifest", str(root / "meta.csv")])
    seconds = time.monotonic() - started
    os.chmod(root / "locked", 0o755)
    os.chmod(root / "secret.txt", 0o644)
    yield Run(root, expect, result.exit_code, result.stdout, result.stderr, result.exception,
              seconds, db)
    databases.drop(db)


def _rows(db, sql: str, **params) -> list[dict]:
    return dicts(db, sql, **params)


def test_exit_code_1_no_traceback_no_hang(run):
    assert run.exit_code == 1, run.stdout + run.stderr
    assert isinstance(run.exception, SystemExit)
    assert "Traceback" not in run.stdout + run.stderr
    assert run.seconds < 30, f"import took {run.seconds:.1f} s"


def test_every_failure_is_one_error_line_naming_the_file_and_the_reason(run):
    expected = {k: e.error for k, e in run.expect.items() if e.error}
    lines = run.stderr.splitlines()
    assert all(line.startswith("Error: ") for line in lines), lines  # one line each
    by_origin = {}
    for line in lines:
        origin = next((o for o in expected if line.startswith(f"Error: {o}: ")), None)
        assert origin is not None, f"unexpected error line: {line!r}"
        assert origin not in by_origin, f"two error lines for {origin!r}"
        by_origin[origin] = line[len(f"Error: {origin}: "):]
    assert sorted(by_origin) == sorted(expected)
    for origin, reason in by_origin.items():
        assert expected[origin] in reason, (origin, reason)


def test_every_failure_has_an_import_errors_row(run):
    rows = _rows(run.db, "select path, reason from import_errors where import_run_id = 1")
    lines = {line for line in run.stderr.splitlines()}
    assert sorted(f"Error: {r['path']}: {r['reason']}" for r in rows) == sorted(lines)
    assert len(rows) == sum(1 for e in run.expect.values() if e.error)


def test_every_good_file_is_stored_with_its_legitimate_content(run):
    stored = {r["origin"]: r for r in _rows(run.db, "select * from articles")}
    expected = {k: e for k, e in run.expect.items() if not e.error}
    assert sorted(stored) == sorted(expected)
    for origin, e in expected.items():
        row = stored[origin]
        assert "\x00" not in row["body"] and row["body"].strip()
        if e.check:
            e.check(row)


def test_the_run_is_recorded_and_summarised(run):
    n_failed = sum(1 for e in run.expect.values() if e.error)
    n_stored = len(run.expect) - n_failed
    [row] = _rows(run.db, "select * from import_runs")
    assert (row["status"], row["n_imported"], row["n_failed"], row["n_duplicates"]) == (
        "finished", n_stored, n_failed, 0)
    last = run.stdout.splitlines()[-1]
    assert last.startswith(f"{n_stored} new articles stored in ")
    assert f"{n_failed} failed; run 1)." in last
    assert f"Error: {run.root / 'meta.csv'}:" not in run.stderr  # the manifest is no article


def test_huge_files_are_refused_with_the_limit_named(run):
    big = run.root / "fifty-megabytes.txt"
    size = big.stat().st_size
    assert f"Error: {big}: too large for one article ({size:,} characters of text, the limit is " \
           f"{MAX_ARTICLE_CHARS:,}); split it into articles" in run.stderr.splitlines()


def test_mojibake_was_repaired(run):
    [row] = _rows(run.db, "select body, provenance from articles where origin = :origin",
                  origin=str(run.root / "mojibake.txt"))
    assert "’" in row["body"] and "â€" not in row["body"]
    assert "repaired" in json.loads(row["provenance"])["decoding"]


def test_importing_the_corpus_again_stores_nothing_new(run, tmp_path):
    os.chmod(run.root / "locked", 0)
    os.chmod(run.root / "secret.txt", 0)
    try:
        result = CliRunner().invoke(cli, ["--db", str(run.db), "import", "-q", str(run.root)])
    finally:
        os.chmod(run.root / "locked", 0o755)
        os.chmod(run.root / "secret.txt", 0o644)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].startswith("0 new articles stored in ")
    assert "Traceback" not in result.output
