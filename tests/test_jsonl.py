"""The JSON Lines reader: news-please and trafilatura records, bad lines, hostile input."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.errors import ParseError
from archive.ingest.jsonl import iter_jsonl
from archive.ingest.record import Credit, ParsedArticle

NEWS_PLEASE = {
    "authors": ["Jane Doe", "Reuters"],
    "date_download": "2021-10-22 10:00:13",
    "date_modify": None,
    "date_publish": "2021-10-21 09:51:00",
    "description": "Talks in Moscow.",
    "filename": "https%3A%2F%2Fexample.com%2Fa.json",
    "image_url": "https://example.com/a.jpg",
    "language": "en",
    "localpath": None,
    "maintext": "First paragraph.\nSecond   paragraph.\n\n",
    "source_domain": "example.com",
    "title": "Moscow talks",
    "title_page": None,
    "title_rss": None,
    "url": "https://example.com/a",
}

TRAFILATURA = {
    "title": "Kabul airport reopens",
    "author": "AFP; John Smith",
    "hostname": "news.example.org",
    "sitename": "Example News",
    "date": "2021-09-05",
    "categories": "World;Asia",
    "tags": "Afghanistan",
    "fingerprint": "c0ffee",
    "id": None,
    "license": None,
    "comments": "",
    "raw_text": "Flights resumed on Sunday. The airport had been closed.",
    "text": "Flights resumed on Sunday.\nThe airport had been closed.",
    "language": "en-GB",
    "image": None,
    "pagetype": "article",
    "source": "https://news.example.org/kabul",
    "source-hostname": "Example News",
    "excerpt": "Flights resumed.",
}


def one(record: dict) -> ParsedArticle:
    [(origin, article)] = list(iter_jsonl(json.dumps(record), "feed.jsonl"))
    assert origin == "feed.jsonl:1"
    assert isinstance(article, ParsedArticle), article
    return article


def test_good_lines_a_bad_line_and_a_blank_line():
    text = "\n".join(
        [json.dumps(NEWS_PLEASE), "", "not json", json.dumps(TRAFILATURA), "   ", "[1, 2]",
         json.dumps({"title": "x"})]
    )
    results = list(iter_jsonl(text + "\n", "feed.jsonl"))
    assert [origin for origin, _ in results] == [
        "feed.jsonl:1", "feed.jsonl:3", "feed.jsonl:4", "feed.jsonl:6", "feed.jsonl:7",
    ]  # fmt: skip
    assert [type(r).__name__ for _, r in results] == [
        "ParsedArticle", "ParseError", "ParsedArticle", "ParseError", "ParseError",
    ]  # fmt: skip
    assert str(results[1][1]) == "line 3: not valid JSON (Expecting value at column 1)"
    assert str(results[3][1]) == "line 6: not a JSON object (an array)"
    assert str(results[4][1]) == "line 7: no article text (no maintext, text or raw_text)"
    assert results[2][1].origin == "feed.jsonl:4"


def test_news_please_fields():
    a = one(NEWS_PLEASE)
    assert a.title == "Moscow talks" and a.title_origin == "jsonl"
    assert a.body == "First paragraph.\n\nSecond paragraph."
    assert (a.published.iso, a.published.precision) == ("2021-10-21T09:51", "minute")
    assert a.published.text == "2021-10-21 09:51:00"
    assert a.published_origin == "jsonl:date_publish"
    # date_download is when the page was fetched: retrieval, never publication
    assert (a.retrieved.iso, a.retrieved.precision) == ("2021-10-22T10:00:13", "second")
    assert a.url == "https://example.com/a"
    assert a.language == "en"
    assert a.authors == ["Jane Doe"]
    assert Credit("example.com", "publisher", "source_domain: example.com") in a.credits
    assert Credit("Reuters", "wire", "authors: Reuters") in a.credits
    assert a.provenance["description"] == "Talks in Moscow."
    assert a.provenance["extra"] == {
        "filename": "https%3A%2F%2Fexample.com%2Fa.json",
        "image_url": "https://example.com/a.jpg",
        "localpath": None,
        "title_page": None,
        "title_rss": None,
    }


def test_trafilatura_fields():
    a = one(TRAFILATURA)
    assert a.title == "Kabul airport reopens"
    # text before raw_text; one paragraph per line
    assert a.body == "Flights resumed on Sunday.\n\nThe airport had been closed."
    assert (a.published.iso, a.published.precision) == ("2021-09-05", "day")
    assert a.published_origin == "jsonl:date"
    assert a.retrieved is None
    assert a.url == "https://news.example.org/kabul"
    assert a.language == "en"
    assert a.provenance["language_tag"] == "en-GB"
    assert a.authors == ["John Smith"]
    assert ("AFP", "wire") in {(c.name, c.role) for c in a.credits}
    assert Credit("Example News", "publisher", "sitename: Example News") in a.credits
    assert a.provenance["hostname"] == "news.example.org"
    assert a.provenance["categories"] == "World;Asia"
    assert a.provenance["tags"] == "Afghanistan"
    assert a.provenance["description"] == "Flights resumed."
    assert a.provenance["extra"]["fingerprint"] == "c0ffee"
    assert a.provenance["extra"]["pagetype"] == "article"


def test_unknown_and_unusable_fields_are_kept():
    a = one({"text": "Body.", "score": 0.9, "nested": {"a": [1]}, "date": "not a date", "title": 7})
    extra = {"score": 0.9, "nested": {"a": [1]}, "date": "not a date", "title": 7}
    assert a.provenance["extra"] == extra
    assert a.published is None and a.title is None


@pytest.mark.parametrize(
    "stamp, iso, precision",
    [
        ("2021-10-21", "2021-10-21", "day"),
        ("2021-10-21 00:00:00", "2021-10-21", "day"),
        ("2021-10-21 09:51:00", "2021-10-21T09:51", "minute"),
        ("2021-10-21T09:51:30+02:00", "2021-10-21T09:51:30", "second"),
        ("Thursday, October 21, 2021 | 9:51 am.", "2021-10-21T09:51", "minute"),
    ],
)
def test_date_precision(stamp, iso, precision):
    a = one({"maintext": "Body.", "date_publish": stamp})
    assert (a.published.iso, a.published.precision, a.published.text) == (iso, precision, stamp)


@pytest.mark.parametrize(
    "line, reason",
    [
        ('{"maintext": "x"', "line 1: not valid JSON (Expecting ',' delimiter at column 17)"),
        ('"just a string"', "line 1: not a JSON object (a string)"),
        ("null", "line 1: not a JSON object (null)"),
        ('{"maintext": "   "}', "line 1: no article text (no maintext, text or raw_text)"),
        ("[" * 100_000, "line 1: not valid JSON (nested too deeply)"),
    ],
)
def test_bad_line_reasons(line, reason):
    [(origin, error)] = list(iter_jsonl(line, "x.jsonl"))
    assert isinstance(error, ParseError)
    assert str(error) == reason


def test_bom_and_crlf_lines():
    text = "\ufeff" + json.dumps({"text": "One."}) + "\r\n" + json.dumps({"text": "Two."}) + "\r\n"
    assert [a.body for _, a in iter_jsonl(text, "w.jsonl")] == ["One.", "Two."]


_FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_JSON = st.recursive(
    _SCALARS,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids),
    max_leaves=12,
)
_KEYS = st.sampled_from(list(NEWS_PLEASE) + list(TRAFILATURA))


def _only_parse_errors(text: str) -> None:
    for origin, result in iter_jsonl(text, "random.jsonl"):
        assert origin.startswith("random.jsonl:")
        assert isinstance(result, (ParsedArticle, ParseError))
        if isinstance(result, ParseError):
            assert "\n" not in str(result) and str(result).startswith("line ")


@_FAST
@given(st.text(max_size=2000))
def test_random_text_yields_only_parse_errors(text):
    _only_parse_errors(text)


@_FAST
@given(st.binary(max_size=2000).map(lambda b: b.decode("latin-1")))
def test_random_latin1_bytes_yield_only_parse_errors(text):
    _only_parse_errors(text)


@_FAST
@given(st.lists(st.dictionaries(_KEYS, _JSON, max_size=8), max_size=5))
def test_records_with_known_keys_and_odd_values(records):
    _only_parse_errors("\n".join(json.dumps(r) for r in records))


def test_a_number_too_long_for_python_is_a_bad_line_not_a_crash():
    [(_, error)] = list(iter_jsonl('{"text": "x", "n": ' + "1" * 5000 + "}", "x.jsonl"))
    assert isinstance(error, ParseError)
    assert str(error).startswith("line 1: not valid JSON (Exceeds the limit")
