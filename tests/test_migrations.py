"""Migrations in the pytest-alembic style: single head, upgrade, model == DDL, round trip."""

import sqlite3

import pytest
from sqlalchemy import create_engine, inspect

from archive import migrate
from archive.config import resolve
from archive.db import Base
from archive.views import load_all
from dbutil import POSTGRES, rows


@pytest.fixture
def target(db_path):
    return resolve(str(db_path))


def test_single_head():
    heads = migrate.script_directory().get_heads()
    assert len(heads) == 1


def test_upgrade_from_empty_to_head(target):
    before, after = migrate.upgrade(target)
    assert before is None
    assert after == migrate.head()
    assert migrate.current(target) == migrate.head()


def test_model_matches_migrations(target):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    migrate.upgrade(target)
    engine = create_engine(target.url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={
            "compare_type": True,
            # PostgreSQL's search column and its index are made by migration 0005 alone
            "include_object": lambda obj, name, type_, reflected, compare_to: name not in (
                "search_vector", "ix_articles_search_vector"),
        })
        views = set(inspect(conn).get_view_names())
        diff = [d for d in compare_metadata(ctx, Base.metadata)
                if not (d[0] == "remove_table" and (d[1].name in views or migrate.is_internal_table(d[1].name)))]
    engine.dispose()
    assert diff == []


@pytest.mark.sqlite_only(reason="compares view SQL as SQLite stores it; PostgreSQL re-renders view "
                                "definitions (test_postgres.py checks that every view exists)")
def test_views_in_database_are_the_saved_view_files(target):
    migrate.upgrade(target)
    with sqlite3.connect(target.path) as conn:
        in_db = {name: sql for name, sql in conn.execute("select name, sql from sqlite_master where type = 'view'")}
    files = load_all()
    assert set(in_db) == set(files)
    for name, view in files.items():
        assert " ".join(in_db[name].split()) == " ".join(view.create_sql().split())


def test_head_revision_views_snapshot_matches_the_view_files():
    """A view file changed without a migration that freezes the change fails here."""
    frozen = {n: " ".join(sql.split()) for n, sql in migrate.views_of(migrate.head()).items()}
    files = {n: " ".join(v.sql.split()) for n, v in load_all().items()}
    assert frozen == files


def test_down_to_base_and_up_again(seeded_db):
    target = resolve(str(seeded_db))
    revisions = [r.revision for r in migrate.history()]  # newest first
    # step down one revision at a time, then back up, checking data at each step up
    for rev in revisions[1:] + ["base"]:
        migrate.downgrade(target, rev)
    assert migrate.current(target) is None
    migrate.upgrade(target)
    assert migrate.current(target) == migrate.head()


def test_step_by_step_upgrade_preserves_rows(seeded_db):
    """Rows survive every downgrade/upgrade step that keeps their table."""
    target = resolve(str(seeded_db))
    revisions = [r.revision for r in migrate.history()]
    articles = "select id, title, body, content_hash from articles order by id"
    before = rows(seeded_db, articles)
    [mentions] = rows(seeded_db, "select count(*) from mentions")
    assert mentions[0] > 100
    # one step down and up again: a batch rebuild of `articles` must not cascade into mentions
    migrate.downgrade(target, revisions[1])
    migrate.upgrade(target)
    assert rows(seeded_db, "select count(*) from mentions") == [mentions]
    first = revisions[-1]
    migrate.downgrade(target, first)  # the oldest revision still has the articles table
    migrate.upgrade(target)
    assert rows(seeded_db, articles) == before
    if not POSTGRES:  # PostgreSQL enforces foreign keys at all times; SQLite checks on request
        assert rows(seeded_db, "pragma foreign_key_check") == []


def test_naming_convention_names_every_constraint(target):
    migrate.upgrade(target)
    engine = create_engine(target.url)
    insp = inspect(engine)
    for table in insp.get_table_names():
        if table == "alembic_version":
            continue
        for fk in insp.get_foreign_keys(table):
            assert fk["name"] and fk["name"].startswith("fk_"), (table, fk)
        for uq in insp.get_unique_constraints(table):
            assert uq["name"] and uq["name"].startswith("uq_"), (table, uq)
    engine.dispose()


def test_foreign_keys_have_indexes(target):
    migrate.upgrade(target)
    engine = create_engine(target.url)
    insp = inspect(engine)
    for table in insp.get_table_names():
        indexed = {tuple(ix["column_names"]) for ix in insp.get_indexes(table)}
        indexed |= {tuple(uq["column_names"][:1]) for uq in insp.get_unique_constraints(table)}
        pk = tuple(insp.get_pk_constraint(table)["constrained_columns"])
        indexed |= {pk, pk[:1]}
        for fk in insp.get_foreign_keys(table):
            cols = tuple(fk["constrained_columns"])
            assert cols in indexed or any(ix[: len(cols)] == cols for ix in indexed), (table, cols)
    engine.dispose()


def test_foreign_keys_enforced(seeded_db):
    from archive.db import make_engine
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    engine = make_engine(resolve(str(seeded_db)).url)
    with pytest.raises(IntegrityError):
        with engine.begin() as conn:
            conn.execute(text("insert into article_attributions (article_id, source_id, role) values (999, 999, 'wire')"))
    engine.dispose()


def test_0010_extracted_names_survive_down_and_up(seeded_db):
    """The seeds hold names no gazetteer knows: 0010 stores them as 'extracted' with a
    confidence; down to 0009 they become the 'unresolved' candidates it knew, and up again
    they keep their rows (their confidence is gone with the column)."""
    target = resolve(str(seeded_db))
    extracted = rows(seeded_db, "select id, name from entities where status = 'extracted' order by id")
    assert ("Ghulam Farooq Aleem",) in [(n,) for _, n in extracted]
    assert rows(seeded_db, "select count(*) from entities where status = 'extracted' and confidence is null") == [(0,)]
    migrate.downgrade(target, "0009")
    assert rows(seeded_db, "select id, name from entities where status = 'unresolved' order by id") == extracted
    migrate.upgrade(target)
    assert rows(seeded_db, "select id, name from entities where status = 'unresolved' order by id") == extracted
    assert rows(seeded_db, "select name from unresolved_names where name = 'Ghulam Farooq Aleem'") == [
        ("Ghulam Farooq Aleem",)]
