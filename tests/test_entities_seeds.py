"""Entities on the seed articles, through the real importer and the shipped gazetteer."""

import pytest

from archive.cli import cli
from dbutil import rows as q


def entity_of(db, surface):
    return q(db, "select distinct e.name, e.type from mentions m join entities e on e.id = m.entity_id "
                 "where m.surface = :surface", surface=surface)


def test_spelling_variants_are_one_entity(seeded_db):
    assert entity_of(seeded_db, "Sergei Lavrov") == entity_of(seeded_db, "Sergey Lavrov") == [("Sergey Lavrov", "person")]
    assert entity_of(seeded_db, "Putin") == entity_of(seeded_db, "Vladimir Putin") == [("Vladimir Putin", "person")]
    assert entity_of(seeded_db, "Lavrov") == [("Sergey Lavrov", "person")]


@pytest.mark.parametrize(
    "name,affiliation",
    [
        ("Zamir Kabulov", "Russia"),
        ("Yue Xiaoyong", "China"),
        ("Zabihullah Mujahid", "Afghanistan"),
        ("Hamid Karzai", "Afghanistan"),
        ("Abdullah Abdullah", "Afghanistan"),
        ("Gulbuddin Hekmatyar", "Afghanistan"),
        ("Antony Blinken", "United States"),
        ("Wang Yi", "China"),
        ("Dominic Raab", "United Kingdom"),
    ],
)
def test_people_with_affiliation(seeded_db, name, affiliation):
    rows = q(seeded_db, "select e.type, c.name from article_entities ae join entities e on e.id = ae.entity_id "
                        "left join entities c on c.id = e.country_id where ae.entity = :name", name=name)
    assert rows and rows[0] == ("person", affiliation)


@pytest.mark.parametrize(
    "name,type_,wikidata",
    [
        ("Shanghai Cooperation Organization", "organization", "Q485207"),
        ("Collective Security Treaty Organization", "organization", None),
        ("China", "country", "Q148"),
        ("Russia", "country", "Q159"),
        ("Iran", "country", "Q794"),
        ("Pakistan", "country", "Q843"),
        ("Afghanistan", "country", "Q889"),
    ],
)
def test_types_and_wikidata(seeded_db, name, type_, wikidata):
    rows = q(seeded_db, "select entity_type, wikidata_id from entity_overview where entity = :name", name=name)
    assert rows[0][0] == type_
    if wikidata:
        assert rows[0][1] == wikidata


def test_boilerplate_never_yields_entities(seeded_db):
    names = {r[0] for r in q(seeded_db, "select entity from article_entities")}
    for teaser in ("Dmitry Medvedev", "Wimbledon", "Queen Camilla", "Edinburgh", "Medvedev"):
        assert teaser not in names


def test_mentions_point_at_their_surface_in_the_body(seeded_db):
    rows = q(seeded_db, "select case m.field when 'title' then a.title else a.body end, m.start, m.\"end\", "
                        "m.surface from mentions m join articles a on a.id = m.article_id")
    assert rows
    for text, start, end, surface in rows:
        assert text[start:end] == surface


def test_unresolved_names_view(seeded_db):
    rows = q(seeded_db, "select name, n_articles, n_mentions from unresolved_names")
    assert ("Ghulam Farooq Aleem", 1, 1) in rows


def test_cooccurrence_each_pair_once(seeded_db):
    rows = q(seeded_db, "select entity_a, entity_b, n_articles from entity_cooccurrence")
    pairs = [(a, b) for a, b, _ in rows]
    assert len(pairs) == len(set(pairs))
    assert all(a <= b for a, b in pairs)
    assert ("Afghanistan", "Taliban", 5) in rows


def test_every_extracted_row_records_the_extractor_version(seeded_db):
    from archive.extract.pipeline import EXTRACTOR_VERSION

    assert q(seeded_db, "select distinct extractor_version from mentions") == [(EXTRACTOR_VERSION,)]
    assert q(seeded_db, "select count(*), min(status) from extractions") == [(5, "done")]


def test_reextract_is_idempotent(runner, seeded_db):
    before = q(seeded_db, "select article_id, entity_id, start, \"end\", kind from mentions order by 1, 3, 2")
    result = runner.invoke(cli, ["--db", str(seeded_db), "reextract", "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Re-extracted 5 articles: ")
    after = q(seeded_db, "select article_id, entity_id, start, \"end\", kind from mentions order by 1, 3, 2")
    assert after == before


def test_non_english_article_is_stored_but_not_extracted(runner, db_path, tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text("La Russie et la Chine ont discuté de la situation en Afghanistan avec les talibans "
                    "lors d'une réunion à Moscou, selon le ministère des affaires étrangères.\n", encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(db_path), "import", "-q", str(path)])
    assert result.exit_code == 0, result.output
    assert q(db_path, "select status, note from extractions") == [
        ("skipped", "language fr: extraction runs on English text only")]
