"""``archive report coverage`` on the seeds: which outlets cover what, single-source events."""

from archive.cli import cli


def test_coverage_on_the_seeds(runner, seeded_db):
    result = runner.invoke(cli, ["--db", str(seeded_db), "report", "coverage", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("source,kind,articles,entities,events,single_source_events,"
                        "first_published,last_published")
    by_source = {line.split(",")[0]: line.split(",") for line in lines[1:]}
    assert set(by_source) == {"AFP", "Amu TV", "Interfax", "Sputnik", "The Caspian Post", "The Hindu"}
    # AFP is a wire credit in seed 001 (a photo credit in seed 002 does not count)
    assert by_source["AFP"][1:3] == ["agency", "1"]
    assert by_source["AFP"][6:] == ["2021-10-21T09:51", "2021-10-21T09:51"]
    # the Moscow talks are reported by AFP and The Hindu: not single-source for either
    assert int(by_source["The Hindu"][5]) < int(by_source["The Hindu"][4])


def test_coverage_filtered_by_entity(runner, seeded_db):
    result = runner.invoke(cli, ["--db", str(seeded_db), "report", "coverage", "--entity", "Xi Jinping",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert [line.split(",")[0] for line in result.output.splitlines()[1:]] == ["Sputnik"]
