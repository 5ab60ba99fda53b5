"""What the name finder and the quote extractor find in an article does not depend on what was
imported before it: the seeds and 24 Tehran Times articles give the same entities (with their
mention counts per article) and the same quotes in one run as in three runs in another order."""

import shutil
import sqlite3

from click.testing import CliRunner

from archive.cli import cli
from conftest import FIXTURES, SEEDS


def _facts(db):
    con = sqlite3.connect(db)
    entities = sorted(con.execute(
        "SELECT a.origin, e.name, e.type, c.n_mentions FROM article_entity_counts c "
        "JOIN entities e ON e.id = c.entity_id JOIN articles a ON a.id = c.article_id"))
    quotes = sorted(con.execute("SELECT a.origin, q.speaker, q.quote FROM quote_overview q "
                                "JOIN articles a ON a.id = q.article_id"))
    con.close()
    strip = lambda rows: [(origin.rsplit("/", 1)[-1],) + tuple(rest) for origin, *rest in rows]
    return strip(entities), strip(quotes)


def test_same_entities_and_quotes_whatever_the_order(tmp_path):
    articles = sorted((FIXTURES / "tehran_times" / "articles").glob("*.txt"))[:24]
    parts = [tmp_path / name for name in ("a", "b", "c")]
    for k, part in enumerate(parts):
        part.mkdir()
        for path in articles[k::3]:
            shutil.copy(path, part / path.name)
    for path in SEEDS.iterdir():
        shutil.copy(path, parts[2] / path.name)
    runner = CliRunner()
    one, three = tmp_path / "one.db", tmp_path / "three.db"
    assert runner.invoke(cli, ["--db", str(one), "import", "-q", "--jobs", "1", *map(str, parts)]).exit_code == 0
    for part in reversed(parts):
        assert runner.invoke(cli, ["--db", str(three), "import", "-q", "--jobs", "1", str(part)]).exit_code == 0
    entities, quotes = _facts(one)
    assert len(entities) > 400 and len(quotes) > 100
    assert (entities, quotes) == _facts(three)
