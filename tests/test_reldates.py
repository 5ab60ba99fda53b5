"""Date phrases resolved against the publication date (archive.extract.reldates)."""

import pytest

from archive.extract.reldates import find_dates, resolve
from archive.ingest.record import DateValue

THURSDAY = DateValue("2021-10-21T09:51", "minute", "Thursday, October 21, 2021 | 9:51 am.")
NO_YEAR = DateValue(None, "no-year", "14 Sep, 13:08", "--09-14")


def one(phrase, published=THURSDAY, direction=None):
    d = resolve(phrase, published, direction)
    assert d is not None, phrase
    return d


@pytest.mark.parametrize(
    "phrase,start,end,precision",
    [
        ("October 20, 2021", "2021-10-20", "2021-10-20", "day"),
        ("Oct. 20, 2021", "2021-10-20", "2021-10-20", "day"),
        ("20 October 2021", "2021-10-20", "2021-10-20", "day"),
        ("on Monday, July 19, 2021", "2021-07-19", "2021-07-19", "day"),
        ("October 20-21, 2021", "2021-10-20", "2021-10-21", "day"),
        ("in 2003", "2003", "2003", "year"),
        ("from 1996 to 2001", "1996", "2001", "year"),
        ("in the 1980s", "1980", "1989", "year"),
        ("in May 2021", "2021-05", "2021-05", "month"),
        ("the fall 2001 invasion", "2001", "2001", "year"),
        ("on 2021-10-20", "2021-10-20", "2021-10-20", "day"),
    ],
)
def test_explicit_dates_need_no_publication_date(phrase, start, end, precision):
    for published in (None, THURSDAY):
        d = one(phrase, published)
        assert (d.date_start, d.date_end, d.precision, d.resolution) == (start, end, precision, "explicit")


@pytest.mark.parametrize(
    "phrase,start,end,precision",
    [
        ("on Wednesday", "2021-10-20", "2021-10-20", "day"),  # the most recent Wednesday
        ("on Thursday", "2021-10-21", "2021-10-21", "day"),  # the publication day itself
        ("last Thursday", "2021-10-14", "2021-10-14", "day"),
        ("In a Wednesday phone call", "2021-10-20", "2021-10-20", "day"),
        ("Sunday's meeting", "2021-10-17", "2021-10-17", "day"),
        ("yesterday", "2021-10-20", "2021-10-20", "day"),
        ("last week", "2021-10-11", "2021-10-17", "week"),
        ("this week", "2021-10-18", "2021-10-24", "week"),
        ("earlier this month", "2021-10", "2021-10", "month"),
        ("next month", "2021-11", "2021-11", "month"),
        ("last month", "2021-09", "2021-09", "month"),
        ("last year", "2020", "2020", "year"),
        ("23 years ago", "1998", "1998", "year"),
        ("on June 25", "2021-06-25", "2021-06-25", "day"),
        ("Sept. 11-12", "2021-09-11", "2021-09-12", "day"),
        ("on July 8 and 9", "2021-07-08", "2021-07-09", "day"),
        ("in mid-October", "2021-10", "2021-10", "month"),
        ("in February", "2021-02", "2021-02", "month"),
    ],
)
def test_relative_dates_resolve_against_the_publication_date(phrase, start, end, precision):
    d = one(phrase)
    assert (d.date_start, d.date_end, d.precision, d.resolution) == (start, end, precision, "relative")


def test_planned_events_look_forward():
    assert one("on Monday", direction="future").date_start == "2021-10-25"
    assert one("on Thursday", direction="future").date_start == "2021-10-21"
    assert one("next Thursday").date_start == "2021-10-28"
    # a month-day after the publication date is last year's for a past event, this year's ahead
    assert one("on December 3", direction="past").date_start == "2020-12-03"
    assert one("on December 3", direction="future").date_start == "2021-12-03"


@pytest.mark.parametrize("published", [None, NO_YEAR])
@pytest.mark.parametrize("phrase", ["on Wednesday", "last week", "earlier this month", "next month",
                                    "on June 25", "Sept. 11-12", "on Saturday", "in mid-October"])
def test_relative_dates_without_a_usable_publication_date_stay_unknown(phrase, published):
    d = one(phrase, published)
    assert d.date_start is None and d.date_end is None
    assert d.precision == "unknown" and d.resolution == "unknown"
    assert d.text  # the raw phrase is kept


def test_offsets_and_raw_text():
    text = "Russia, China and Iran began talks with the Taliban on Wednesday to guarantee stability."
    (d,) = find_dates(text, THURSDAY)
    assert text[d.start:d.end] == d.text == "on Wednesday"


def test_not_dates():
    for text in ("She may go.", "Friday prayers were held.", "more than 2000 troops", "the 9/11 attacks",
                 "March of the Taliban fighters", "The meeting"):
        assert find_dates(text, THURSDAY) == [], text


def test_overlapping_phrases_keep_the_longest():
    found = find_dates("The SCO was established on June 15, 2001, by the leaders", THURSDAY)
    assert [(d.text, d.date_start) for d in found] == [("June 15, 2001", "2001-06-15")]
