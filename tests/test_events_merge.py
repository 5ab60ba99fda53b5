"""The cross-article merge rule: one happening = one event; different ones stay apart;
disagreements between reports of one event are listed by event_conflicts."""

from archive.cli import cli
from dbutil import rows

ARTICLES = {
    "a.txt": ("Iran and Pakistan discuss Afghanistan", "July 5, 2022",
              "Iranian Foreign Minister Hossein Amir-Abdollahian met Pakistani Foreign Minister Bilawal "
              "Bhutto Zardari in Islamabad on July 4, 2022, to discuss the situation in Afghanistan and "
              "border trade between the two neighbours."),
    "b.txt": ("Tehran hosts Pakistani minister", "July 6, 2022",
              "Visiting Pakistani Foreign Minister Bilawal Bhutto Zardari met his Iranian counterpart "
              "Hossein Amir-Abdollahian in Tehran on July 4, 2022. Energy supplies, a gas pipeline, "
              "smuggling across the Baluchistan frontier and refugees were on the agenda of the day."),
    "c.txt": ("Iran and Turkey discuss Afghanistan", "July 5, 2022",
              "Iranian Foreign Minister Hossein Amir-Abdollahian met Turkish Foreign Minister Mevlut "
              "Cavusoglu in Ankara on July 4, 2022, to discuss the situation in Afghanistan and trade "
              "between the two countries."),
}


def test_merge_and_conflicts(runner, tmp_path, db_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (title, date, body) in ARTICLES.items():
        (folder / name).write_text(f"{title}\n\n{date}\n\n{body}\n", encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", str(folder)])
    assert result.exit_code == 0, result.output
    meetings = rows(db_path, "select event_id, location, n_articles from event_timeline "
                             "where event_type = 'meeting' and date_start = '2022-07-04' order by event_id")
    assert [m[2] for m in meetings] == [2, 1]  # Iran-Pakistan reported twice; Iran-Turkey once
    conflicts = rows(db_path, "select event_id, field, \"values\" from event_conflicts")
    assert rows(db_path, "select count(*) from articles where duplicate_of_id is not null") == [(0,)]
    assert conflicts == [(meetings[0][0], "location", "Islamabad,Tehran")]


def test_statements_merge_in_an_article_only_by_speaker():
    # two speakers' remarks are two statement events; one speaker's remarks over several
    # sentences are one (WikiEvents dev, scenario_en_kairos_73, AP: Elliott's testimony)
    from archive.extract.entities import LexEntity, Mention
    from archive.extract.eventmerge import merge_in_article
    from archive.extract.events import extract_events
    from archive.extract.sentences import split

    elliott, mendeloff = LexEntity("ee", "Eldon Elliott", "person"), LexEntity("sm", "Scott Mendeloff", "person")
    text = ('"Who was it?" Mendeloff asked. "Timothy McVeigh," Elliott replied. '
            '"Right over there. Blue shirt." "No," Elliott replied.')
    ms = []
    for surface, entity in (("Mendeloff", mendeloff), ("Elliott", elliott)):
        i = text.find(surface)
        while i >= 0:
            ms.append(Mention(entity, i, i + len(surface), surface, "name"))
            i = text.find(surface, i + 1)
    ms.sort(key=lambda m: m.start)
    records = [r for r in extract_events(text, split(text), ms, None) if r.event_type == "statement"]
    assert len(records) >= 3
    reports = merge_in_article(records, {"body": text})
    speakers = sorted(sorted(r.parties) for r in reports)
    assert speakers == [["ee"], ["sm"]]
