import pytest

from archive.ingest.dates import classify_date_line, parse_date


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
