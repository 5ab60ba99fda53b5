"""Issue acceptance on the seeds: events merged across outlets, statuses, quotes' speakers."""

import pytest

from archive.cli import cli
from dbutil import rows as q


def test_moscow_talks_one_event_two_articles_two_sources(seeded_db):
    rows = q(seeded_db, "select event_id, date_start, date_precision, location, participants, n_articles, n_sources "
                        "from event_timeline where event_type = 'talks' and date_start = '2021-10-20'")
    assert len(rows) == 1
    event_id, date, precision, location, participants, n_articles, n_sources = rows[0]
    assert (date, precision, location, n_articles, n_sources) == ("2021-10-20", "day", "Moscow", 2, 2)
    assert {"Russia", "Taliban"} <= set(participants.split("; "))
    origins = {r[0] for r in q(seeded_db, "select origin from event_evidence where event_id = :event", event=event_id)}
    assert origins == {"seeds/001_bd88f0e7e579e5a1.txt", "seeds/004_3dc87db143e1ef87.txt"}


def test_quadrilateral_meeting_has_four_countries(seeded_db):
    rows = q(seeded_db, "select event_id from event_timeline where event_type = 'meeting'")
    found = []
    for (event_id,) in rows:
        countries = {r[0] for r in q(seeded_db, "select entity from event_participants where event_id = :event "
                                                "and entity_type = 'country'", event=event_id)}
        found.append(countries)
    assert {"China", "Russia", "Iran", "Pakistan"} in found


def test_putin_xi_phone_call(seeded_db):
    rows = q(seeded_db, "select event_id, date_start from event_timeline where event_type = 'phone_call'")
    assert len(rows) == 1
    people = {r[0] for r in q(seeded_db, "select entity from event_participants where event_id = :event "
                                         "and entity_type = 'person'", event=rows[0][0])}
    assert people == {"Vladimir Putin", "Xi Jinping"}
    assert rows[0][1] == "2022-01-19"  # "a Wednesday phone call" before Tuesday 25 January 2022


def test_sco_summit_in_kazakhstan_is_planned(seeded_db):
    rows = q(seeded_db, "select status from event_timeline where event_type = 'summit' and location = 'Kazakhstan'")
    assert rows == [("planned",)]


def test_no_event_defaults_to_the_publication_date(seeded_db):
    rows = q(seeded_db, "select date_resolution, date_start from event_timeline")
    assert all(res in ("explicit", "relative", "unknown") for res, _ in rows)
    assert all(start is None for res, start in rows if res == "unknown")


@pytest.mark.parametrize("speaker,words", [
    ("Zamir Kabulov", "Recognition will only come"),
    ("Sergey Lavrov", "We recognize the efforts"),
    ("Xi Jinping", "China is ready to bolster dialogue"),
    ("Ghulam Farooq Aleem", "The SCO’s approach to Afghanistan"),
])
def test_quotes_have_their_speakers(seeded_db, speaker, words):
    rows = q(seeded_db, "select speaker from quote_overview where quote like :words", words=words + "%")
    assert rows and rows[0][0] == speaker


def test_uncoded_articles_view_lists_reasons(seeded_db):
    rows = q(seeded_db, "select reason from uncoded_articles")
    assert all(r[0] in ("no event found",) or r[0].startswith(("language", "not extracted")) for r in rows)


def test_events_commands(runner, seeded_db):
    result = runner.invoke(cli, ["--db", str(seeded_db), "events", "--type", "phone_call", "--csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "event_id,date_start,date_end,date_precision,event_type,status,location,participants,n_articles,n_sources"
    assert lines[1].split(",")[1:6] == ["2022-01-19", "2022-01-19", "day", "phone_call", "occurred"]
    event_id = lines[1].split(",")[0]
    shown = runner.invoke(cli, ["--db", str(seeded_db), "events", "show", event_id])
    assert shown.exit_code == 0
    assert shown.output.startswith(f"Event {event_id}: phone_call (CONSULT, phone), occurred\n")
    assert "Sputnik, 2022-01-25T05:49, seeds/002_211e3199587ab92f.txt" in shown.output
    missing = runner.invoke(cli, ["--db", str(seeded_db), "events", "show", "9999"])
    assert missing.output == "Error: No event with id 9999. List events with: archive events\n"
    quotes = runner.invoke(cli, ["--db", str(seeded_db), "quotes", "--speaker", "kabulov", "--csv"])
    assert quotes.exit_code == 0
    assert all(",Zamir Kabulov," in line for line in quotes.output.splitlines()[1:])
