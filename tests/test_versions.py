"""A changed file is a new version (the old row kept as history); the same story with another
footer or a few changed words is a near-duplicate, linked and not counted twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.cli import cli
from dbutil import rows as query

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
STORY = (SEEDS / "001_bd88f0e7e579e5a1.txt").read_text(encoding="utf-8")
OTHER = (SEEDS / "003_c1874abf04523e3a.txt").read_text(encoding="utf-8")
UPDATE = ("\n\nUpdate: Later on Wednesday, the three countries said they would meet the Taliban "
          "again in Moscow next month to discuss humanitarian aid and border security.\n")


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "in" / "other.txt").write_text(OTHER, encoding="utf-8")
    return tmp_path / "in"


def import_(runner, db_path, *paths):
    result = runner.invoke(cli, ["--db", str(db_path), "import", *paths])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


def test_changed_file_is_a_new_version_and_the_old_row_is_kept(runner, db_path, folder):
    import_(runner, db_path, "in")
    [(old_id, old_words)] = query(db_path, "select id, words from articles where origin = 'in/story.txt'")
    updated = STORY.replace("\nLeave a Comment", UPDATE + "\nLeave a Comment")
    assert updated != STORY
    (folder / "story.txt").write_text(updated, encoding="utf-8")

    result = import_(runner, db_path, "in")
    rows = query(db_path, "select id, words, superseded_at, previous_version_id, duplicate_of_id "
                          "from articles where origin = 'in/story.txt' order by id")
    assert len(rows) == 2
    (old, new) = rows
    assert old[0] == old_id and old[2] is not None and old[3] is None  # kept, superseded
    assert new[2] is None and new[3] == old_id and new[4] is None  # current, linked
    assert new[1] > old_words
    assert (f"New version: in/story.txt (article {new[0]} replaces article {old_id}, kept as "
            f"history; {old_words} -> {new[1]} words)") in result.output.splitlines()
    assert "Already stored: in/other.txt" in result.output
    assert "Near-duplicate" not in result.output  # a new version is not also a near-duplicate
    # only the current version is counted
    assert query(db_path, "select max(n_articles) from entity_overview") == [(2,)]
    assert query(db_path, "select count(*) from article_overview") == [(3,)]

    # importing the same again changes nothing
    result = import_(runner, db_path, "in")
    assert "New version" not in result.output
    assert query(db_path, "select count(*) from articles") == [(3,)]


def test_near_duplicate_is_linked_reported_and_not_counted_twice(runner, db_path, folder):
    import_(runner, db_path, "in")
    [(original,)] = query(db_path, "select id from articles where origin = 'in/story.txt'")
    footer = ("This story was first published by Example Wire. Republished with permission; "
              "all rights belong to the original publisher.\n\n")
    variant = (STORY.replace("began talks", "opened talks").replace("serious", "grave")
               .replace("Leave a Comment", footer + "Share this article"))
    assert variant.count("Example Wire") == 1
    (folder / "mirror").mkdir()
    (folder / "mirror" / "copy.txt").write_text(variant, encoding="utf-8")

    result = import_(runner, db_path, "in/mirror")
    [(copy, dup_of, superseded)] = query(
        db_path, "select id, duplicate_of_id, superseded_at from articles where origin = 'in/mirror/copy.txt'")
    assert dup_of == original and superseded is None
    [line] = [x for x in result.output.splitlines() if x.startswith("Near-duplicate:")]
    assert line.startswith(f"Near-duplicate: in/mirror/copy.txt (article {copy} ~ article {original}, ")
    assert line.endswith("% similar; not counted twice)")

    # the copy's entities are extracted, but entity_overview counts the story once
    per_article = dict(query(db_path, "select article_id, count(*) from article_entity_counts group by article_id"))
    assert per_article.get(copy, 0) > 0
    shared = query(db_path, f"""
        select e.name, o.n_articles from entities e join entity_overview o on o.entity_id = e.id
        where e.id in (select entity_id from article_entity_counts where article_id = {copy})
          and e.id in (select entity_id from article_entity_counts where article_id = {original})
          and e.id not in (select entity_id from article_entity_counts c join articles a
                           on a.id = c.article_id where a.origin = 'in/other.txt')""")
    assert shared, "the two versions of the story share no entity"
    assert all(n == 1 for _, n in shared), shared
    with_copy = query(db_path, f"select count(distinct article_id) from article_entity_counts "
                               f"where article_id in ({copy}, {original})")
    assert with_copy == [(2,)]


def test_unrelated_article_is_not_a_near_duplicate(runner, db_path, folder):
    result = import_(runner, db_path, "in")
    assert "Near-duplicate" not in result.output
    assert query(db_path, "select count(*) from articles where duplicate_of_id is not null") == [(0,)]
