"""Property tests: random text and bytes at every reader entry point.

Nothing but :class:`archive.errors.ParseError` (or, for a manifest, another
:class:`archive.errors.ArchiveError`) may escape, whatever the input. The HTML and JSON Lines
parsers have their own such tests (tests/test_html.py, tests/test_jsonl.py); here they are
reached through :func:`archive.load.parse_file`.
"""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archive.errors import ArchiveError, ParseError
from archive.ingest.dates import classify_date_line, parse_date
from archive.ingest.files import DecodedFile, InputFile, decode, display_name, repair_mojibake
from archive.ingest.manifest import read_manifest
from archive.ingest.record import DateValue, ParsedArticle
from archive.ingest.text import parse_text
from archive.load import Failure, parse_file, sniff_format

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Pieces of real scrapes, so that random text reaches the interesting branches.
_FRAGMENTS = [
    "Russia, China and Iran defend collaboration with the Taliban",
    "Thursday, October 21, 2021 | 9:51 am.", "14 Sep, 13:08", "Printable version | Nov 29, 2021",
    "Updated: 2021-10-22T10:00:13Z", "January 25, 2022, 5:49", "31 February 2021", "Sep 99, 25:61",
    "Source: Amu Tv", "Sourse: sputniknews.com", "[Source: Interfax]", "Photo Credit: AP",
    "AFP 2021 / WAKIL KOHSAR", "• Afghanistan", "No time to read? Get a summary", "Related news",
    "Leave a Comment", "Previous Article", "Our code of editorial values", "Read more: x",
    "All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 "
    "International License.",
    "MOSCOW (Sputnik) — Russian Foreign Minister Sergey Lavrov said on Wednesday that the talks "
    "were constructive, the TASS news agency reported.",
    "The delegation met officials in Kabul on Tuesday to discuss trade, security and aid. AB/CD",
    "By Jane Doe", "", " ", "\t", "\u00a0", "\ufeff", "\x00", "\r", "\u2028", "’", "“", "”",
    "â€™", "Ã©", "中文", "Москва", "é" * 3, "a" * 300, "." * 50, "(", "[", "{", '{"title": 1}',
    "<html><body>", "<p>x</p>",
]
_LINES = st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=80)), max_size=40)
TEXT = st.one_of(st.text(max_size=3000), _LINES.map("\n".join), _LINES.map("\n\n".join),
                 _LINES.map(" ".join))
_MAGIC = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff",
          b"%PDF", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"MZ", b"\x00"]
BYTES = st.one_of(
    st.binary(max_size=3000),
    st.tuples(st.sampled_from(_MAGIC), st.binary(max_size=500)).map(b"".join),
    TEXT.flatmap(lambda t: st.sampled_from(
        ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "cp1251", "latin-1"]
    ).map(lambda enc: t.encode(enc, errors="replace"))),
    TEXT.map(lambda t: t.encode("utf-8")).flatmap(  # UTF-8 cut anywhere, even mid-character
        lambda b: st.integers(0, len(b)).map(lambda n: b[:n])),
)
SUFFIXES = st.sampled_from(["", ".txt", ".md", ".html", ".htm", ".jsonl", ".json", ".csv", ".bin"])


def _only_parse_errors(fn, *args):
    try:
        return fn(*args)
    except ParseError:
        return None


@SETTINGS
@given(BYTES)
@example(b"")
@example(b"\x00" * 10)
@example("Valid text, then a cut character: ’".encode()[:-1])
def test_decode_returns_text_or_raises_parse_error(data):
    decoded = _only_parse_errors(decode, data)
    if decoded is not None:
        assert isinstance(decoded, DecodedFile)
        assert isinstance(decoded.text, str) and decoded.text.strip("\x00").strip()
        decoded.text.encode("utf-8")  # storable: no lone surrogates


@SETTINGS
@given(TEXT)
def test_parse_text_returns_an_article_or_raises_parse_error(text):
    article = _only_parse_errors(parse_text, text, "random.txt")
    if article is not None:
        assert isinstance(article, ParsedArticle)
        assert article.body.strip()


@SETTINGS
@given(BYTES)
def test_parse_text_of_any_decoding_raises_only_parse_error(data):
    _only_parse_errors(parse_text, data.decode("latin-1"), "random.txt")


@SETTINGS
@given(TEXT)
def test_dates_never_raise(text):
    for line in itertools.chain([text], text.splitlines()[:20]):
        value = parse_date(line)
        assert value is None or isinstance(value, DateValue)
        found = classify_date_line(line)
        assert found is None or (found[0] in ("published", "updated", "retrieved")
                                 and isinstance(found[1], DateValue))


_CSV_PIECES = st.sampled_from(
    ["file", "path", "title", "url", "date", "published", "source", "language", ",", ",", "\n",
     "\r\n", '"', '""', "a.txt", "../x.txt", "/abs/b.txt", "\x00", "\ufeff", "2021-10-21",
     "’", "\xff", " "])
CSV_BYTES = st.one_of(
    st.binary(max_size=1000),
    st.lists(st.one_of(_CSV_PIECES, st.text(max_size=10)), max_size=60).map(
        lambda parts: "".join(parts).encode("utf-8", errors="surrogatepass")),
)


@SETTINGS
@given(CSV_BYTES)
@example(b"file,title\n\"unterminated,x\n")
@example(b"file\x00,title\na.txt,T\n")
@example("file,title\n\ud800.txt,x\n".encode("utf-8", "surrogatepass"))
def test_read_manifest_raises_only_archive_errors(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("manifest") / "meta.csv"
    path.write_bytes(data)
    try:
        manifest = read_manifest(path)
    except ArchiveError:
        return
    for file in manifest.rows:
        manifest.lookup(file)
    manifest.missing_files()


@SETTINGS
@given(st.text(max_size=40), TEXT)
def test_sniff_format_always_answers(origin, text):
    assert sniff_format(origin or "-", text) in ("html", "jsonl", "text")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(SUFFIXES, BYTES)
def test_parse_file_returns_articles_or_raises_parse_error(tmp_path_factory, suffix, data):
    path = tmp_path_factory.mktemp("parse") / f"random{suffix}"
    path.write_bytes(data)
    out = _only_parse_errors(parse_file, InputFile(origin=str(path), path=path))
    for origin, parsed in out or []:
        assert isinstance(parsed, (ParsedArticle, Failure))
        assert origin.startswith(str(path))
        if isinstance(parsed, ParsedArticle):
            assert parsed.body.strip()
            parsed.body.encode("utf-8")  # storable


def _garble(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 (undefined bytes kept as C1 controls, like Latin-1)."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


@SETTINGS
@given(st.text(max_size=200))
@example("Iran’s “constructive” talks — café, São Paulo, 中文, Москва, 😀")
def test_repair_mojibake_undoes_exactly_the_garbling(text):
    fixed, n = repair_mojibake(text)
    assert n >= 0 and (n > 0 or fixed == text)
    if n:  # the text itself looks like mojibake: nothing more to say
        return
    garbled = _garble(text)
    assert repair_mojibake(garbled)[0] == text


@SETTINGS
@given(st.text(max_size=60))
def test_display_name_is_one_storable_line(name):
    shown = display_name(name)
    assert len(shown.splitlines()) <= 1
    shown.encode("utf-8")


def test_display_name_of_undecodable_bytes():
    import os

    assert display_name(os.fsdecode(b"bad\xffname.txt")) == "bad\\xffname.txt"
    assert display_name("new\nline.txt") == "new\\nline.txt"
    assert display_name("plain ü 名.txt") == "plain ü 名.txt"
