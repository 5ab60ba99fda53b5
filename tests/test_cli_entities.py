"""``archive entities ...`` and ``archive reextract`` through CliRunner."""

from archive.cli import cli
from dbutil import rows


def run(runner, db, *args):
    return runner.invoke(cli, ["--db", str(db), *args])


def test_list_by_type(runner, seeded_db):
    result = run(runner, seeded_db, "entities", "list", "--type", "person", "--limit", "3", "--csv")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "id,entity,type,wikidata,status,articles,mentions"
    assert len(lines) == 4
    assert all(",person," in line for line in lines[1:])


def test_show_accepts_any_alias_any_case(runner, seeded_db):
    result = run(runner, seeded_db, "entities", "show", "sergei lavrov")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Sergey Lavrov  [person")
    assert "affiliation: Russia" in lines[1]
    assert lines[2] == "  Aliases: Lavrov, Sergei Lavrov, Sergey Viktorovich Lavrov"
    assert "  Articles: 2   mentions: 4" in lines
    assert "Evidence" in lines


def test_show_unknown_name_lists_closest(runner, seeded_db):
    result = run(runner, seeded_db, "entities", "show", "Lavrof")
    assert result.exit_code == 1
    assert result.output == "Error: No entity named 'Lavrof'. Closest: Lavrov, Lao, Laos. Add one with: archive entities add\n"


def test_add_promotes_candidate_and_reextract_finds_it(runner, seeded_db):
    result = run(runner, seeded_db, "entities", "add", "Ghulam Farooq Aleem", "--type", "person",
                 "--country", "Afghanistan", "--alias", "Farooq Aleem")
    assert result.output.startswith("Promoted Ghulam Farooq Aleem (person, id ")
    assert result.output.endswith("). Run archive reextract to find its mentions.\n")
    result = run(runner, seeded_db, "reextract")
    assert result.exit_code == 0
    assert ("Ghulam Farooq Aleem",) not in rows(seeded_db, "select name from unresolved_names")
    assert rows(seeded_db, "select e.status, c.name from entities e join entities c on c.id = e.country_id "
                           "where e.name = 'Ghulam Farooq Aleem'") == [("user", "Afghanistan")]


def test_add_existing_is_an_error(runner, seeded_db):
    result = run(runner, seeded_db, "entities", "add", "Iran", "--type", "country")
    assert result.exit_code == 1
    assert result.output == ("Error: An entity named 'Iran' already exists. Add spellings with: "
                             "archive entities alias 'Iran' ALIAS\n")


def test_alias_then_reextract(runner, seeded_db):
    assert run(runner, seeded_db, "entities", "alias", "Zamir Kabulov", "Kremlin emissary").output == \
        "Zamir Kabulov: 1 new alias.\n"
    run(runner, seeded_db, "reextract")
    assert rows(seeded_db, "select e.name from mentions m join entities e on e.id = m.entity_id "
                           "where m.surface = 'Kremlin emissary'") == [("Zamir Kabulov",)]


def test_merge_moves_mentions_and_aliases(runner, seeded_db):
    n_mentions = "select n_mentions from entity_overview where entity = :name"
    [(before,)] = rows(seeded_db, n_mentions, name="Taliban")
    [(other,)] = rows(seeded_db, n_mentions, name="Tehreek-e-Taliban Pakistan")
    result = run(runner, seeded_db, "entities", "merge", "Taliban", "TTP")
    assert result.output == "Merged Tehreek-e-Taliban Pakistan into Taliban.\n"
    [(after,)] = rows(seeded_db, n_mentions, name="Taliban")
    assert after == before + other
    gone = "select count(*) from entities where name = 'Tehreek-e-Taliban Pakistan'"
    assert rows(seeded_db, gone) == [(0,)]
    # a later re-extraction (which re-syncs the gazetteer) keeps the merge
    run(runner, seeded_db, "reextract")
    assert rows(seeded_db, gone) == [(0,)]


def test_load_user_gazetteer(runner, seeded_db, tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(
        '{"_provenance": {"title": "mine"}}\n'
        '{"id": "aleem", "name": "Ghulam Farooq Aleem", "type": "person", "aliases": ["G. F. Aleem"], "country": "afghanistan"}\n',
        encoding="utf-8")
    result = run(runner, seeded_db, "entities", "load", str(path))
    assert result.output == f"Loaded 1 entity from {path}. Run archive reextract to apply.\n"
    run(runner, seeded_db, "reextract")
    assert rows(seeded_db, "select status from entities where key = 'user:aleem'") == [("user",)]


def test_bad_user_gazetteer_is_one_line(runner, seeded_db, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "name": "X"}\n', encoding="utf-8")
    result = run(runner, seeded_db, "entities", "load", str(path))
    assert result.exit_code == 1
    assert result.output == f"Error: {path} line 1: missing field 'type'\n"
