import pytest

from archive.ingest.dates import classify_date_line, date_from_names, date_in_name, date_in_url, parse_date
from archive.ingest.record import DateValue, ParsedArticle


@pytest.mark.parametrize(
    "line,kind,iso,precision",
    [
        ("  • 14 Sep, 13:08", "published", None, "no-year"),
        ("Thursday, October 21, 2021 | 9:51 am.", "published", "2021-10-21T09:51", "minute"),
        ("January 25, 2022, 5:49", "published", "2022-01-25T05:49", "minute"),
        ("Printable version | Nov 29, 2021 9:19:51 AM |", "retrieved", "2021-11-29T09:19:51", "second"),
        ("Updated: 2021-10-21T09:51:00Z", "updated", "2021-10-21T09:51:00", "second"),
        ("Published on 3 March 2022", "published", "2022-03-03", "day"),
        ("Sept. 11, 2021", "published", "2021-09-11", "day"),
        ("March 2022", "published", "2022-03", "month"),
        ("October 21, 2021 at 9:51 pm", "published", "2021-10-21T21:51", "minute"),
        ("12:30 am, 1 January 2023", "published", "2023-01-01T00:30", "minute"),
    ],
)
def test_date_lines(line, kind, iso, precision):
    found = classify_date_line(line)
    assert found is not None
    assert found[0] == kind
    assert found[1].iso == iso
    assert found[1].precision == precision


def test_no_year_keeps_month_day_and_invents_nothing():
    _, value = classify_date_line("14 Sep, 13:08")
    assert value.iso is None
    assert value.month_day == "--09-14"


@pytest.mark.parametrize(
    "line",
    [
        "Russia hosts talks on October 20, 2021, in Moscow",
        "• Iran",
        "Envoys From Region Hold Talks on Afghanistan in Dushanbe",
        "February 30, 2021",
        "",
    ],
)
def test_not_date_lines(line):
    assert classify_date_line(line) is None


def test_parse_date_in_prose():
    value = parse_date("in Moscow, Russia on October 20, 2021.")
    assert (value.iso, value.precision) == ("2021-10-20", "day")


@pytest.mark.parametrize(
    "name,iso,text",
    [
        # news-dev/polnear and news-dev/wikievents file names
        ("breitbart_2016-10-12_stealth-over-health-hillary-clin.txt", "2016-10-12", "2016-10-12"),
        ("articles/32_VOA_EN_NW_2014.06.04.1929720.txt", "2014-06-04", "2014.06.04"),
        ("news_2016_09_30_rally.html", "2016-09-30", "2016_09_30"),
        ("2016-10-12/report.txt", None, None),  # a folder's name is not the file's
        ("_news_463048_Afghanistan-conflict-neighbors-reading.txt", None, None),
        ("report-20161012.txt", None, None),  # eight digits: an id as much as a date
        ("x_2016-02-30_y.txt", None, None),  # no such day
        ("x_2016-10_12_y.txt", None, None),  # two different separators
        (None, None, None),
    ],
)
def test_date_in_name(name, iso, text):
    value = date_in_name(name)
    if iso is None:
        assert value is None
    else:
        assert (value.iso, value.precision, value.text) == (iso, "day", text)


@pytest.mark.parametrize(
    "url,iso,text",
    [
        ("https://www.washingtonpost.com/politics/2016/10/12/some-slug/", "2016-10-12", "2016/10/12"),
        ("https://www.nytimes.com/2016/09/08/us/politics/obama-climate.html", "2016-09-08", "2016/09/08"),
        ("https://example.com/2016/9/8", "2016-09-08", "2016/9/8"),
        ("https://example.com/news/2016-10-12-trump-rally", "2016-10-12", "2016-10-12"),
        ("https://www.tehrantimes.com/news/463048/Afghanistan-conflict-neighbors-reading", None, None),
        ("https://example.com/2016/10/", None, None),  # a month is not a day
        ("https://example.com/a?date=2016-10-12", None, None),  # the query is not the path
        ("https://example.com/2016/13/40/x", None, None),
        ("not a url", None, None),
    ],
)
def test_date_in_url(url, iso, text):
    value = date_in_url(url)
    if iso is None:
        assert value is None
    else:
        assert (value.iso, value.precision, value.text) == (iso, "day", text)


def test_a_date_from_names_only_when_the_text_gives_none():
    article = ParsedArticle(origin="a.txt", body="x", url="https://example.com/2016/10/12/a")
    date_from_names(article, "breitbart_2016-10-11_a.txt")
    assert (article.published.iso, article.published_origin) == ("2016-10-12", "url")
    article = ParsedArticle(origin="a.txt", body="x")
    date_from_names(article, "breitbart_2016-10-11_a.txt")
    assert (article.published.iso, article.published_origin) == ("2016-10-11", "filename")
    given = DateValue("2016-10-10", "day", "October 10, 2016")
    article = ParsedArticle(origin="a.txt", body="x", published=given, published_origin="dateline")
    date_from_names(article, "breitbart_2016-10-11_a.txt")
    assert (article.published, article.published_origin) == (given, "dateline")
