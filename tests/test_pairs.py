"""entity_cooccurrence and entity_overview read aggregates (entity_pairs, entity_stats): they
must equal the plain queries after every kind of change (import, re-extraction, a new
version, merge, promotion)."""

from archive.cli import cli
from dbutil import rows

SELF_JOIN = """
SELECT ea.name, eb.name, COUNT(*)
FROM article_entity_counts AS ca
JOIN article_entity_counts AS cb ON cb.article_id = ca.article_id AND cb.entity_id <> ca.entity_id
JOIN articles AS a ON a.id = ca.article_id
JOIN entities AS ea ON ea.id = ca.entity_id
JOIN entities AS eb ON eb.id = cb.entity_id
WHERE a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
  AND ea.status <> 'unresolved' AND eb.status <> 'unresolved'
  AND (ea.name < eb.name OR (ea.name = eb.name AND ea.id < eb.id))
GROUP BY ea.id, ea.name, eb.id, eb.name
"""


OVERVIEW = """
SELECT e.id, COUNT(c.article_id), SUM(c.n_mentions), COUNT(DISTINCT a.source_id),
       MIN(a.published_at), MAX(a.published_at)
FROM entities AS e
JOIN article_entity_counts AS c ON c.entity_id = e.id
JOIN articles AS a ON a.id = c.article_id
WHERE a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
GROUP BY e.id
"""


def exact(db) -> bool:
    expected = sorted(rows(db, SELF_JOIN))
    actual = sorted(rows(db, "select entity_a, entity_b, n_articles from entity_cooccurrence"))
    overview = sorted(rows(db, OVERVIEW))
    stored = sorted(rows(db, "select entity_id, n_articles, n_mentions, n_sources, first_seen, "
                             "last_seen from entity_overview"))
    assert expected, "no pairs at all"
    return expected == actual and overview == stored


def test_pairs_stay_exact(runner, seeded_db, seeds):
    assert exact(seeded_db)
    assert runner.invoke(cli, ["--db", str(seeded_db), "reextract"]).exit_code == 0
    assert exact(seeded_db)
    path = seeds / "001_bd88f0e7e579e5a1.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Russia, China and Iran began talks",
                                                             "Russia, China, India and Iran began talks"),
                    encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(seeded_db), "import", "seeds"])
    assert "New version: seeds/001_bd88f0e7e579e5a1.txt" in result.output
    assert exact(seeded_db)
    assert runner.invoke(cli, ["--db", str(seeded_db), "entities", "merge", "Taliban", "TTP"]).exit_code == 0
    assert exact(seeded_db)
    assert runner.invoke(cli, ["--db", str(seeded_db), "entities", "add", "Ghulam Farooq Aleem",
                               "--type", "person"]).exit_code == 0
    assert exact(seeded_db)
