"""The views rewritten for speed in revision 0009 return exactly the rows of their previous
definitions (frozen in revision 0008), on real articles and on the edge cases the rewrite
touches: near-duplicates and superseded versions left out, publishers known only from
``articles.source_id`` or only from a credit, photo credits, conflicting dates and places,
unresolved names seen only in non-current articles. Two views are also checked against an
independent computation in Python."""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter, defaultdict

import pytest

from archive import migrate
from archive.views import render

from conftest import FIXTURES, SEEDS

BEFORE = "0008"
OLD = migrate.views_of(BEFORE)
CURRENT = migrate.views_of(migrate.script_directory().get_current_head())
AFTER = "0009"
NEW = migrate.views_of(AFTER)  # the rewrite; later revisions change views for other reasons
REWRITTEN = {"event_conflicts", "event_evidence", "event_timeline", "source_coverage", "theme_trends",
             "unresolved_names"}


def _norm(sql: str) -> str:
    return " ".join(sql.split())


def test_the_rewritten_views_are_the_ones_compared_here():
    changed = {n for n in NEW if _norm(NEW[n]) != _norm(OLD.get(n, ""))}
    assert changed == REWRITTEN


@pytest.fixture(scope="module")
def corpus_template(tmp_path_factory):
    """The seeds and the 51 Tehran Times articles, imported once for this module."""
    from click.testing import CliRunner

    from archive.cli import cli

    folder = tmp_path_factory.mktemp("views")
    path = folder / "corpus.db"
    result = CliRunner().invoke(cli, ["--db", str(path), "import", "-q", str(SEEDS),
                                      str(FIXTURES / "tehran_times" / "articles")])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def corpus(corpus_template, tmp_path):
    path = tmp_path / "corpus.db"
    shutil.copyfile(corpus_template, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    yield conn
    conn.close()


def _rows(conn, name: str, sql: str) -> Counter:
    rows = conn.execute(f"SELECT * FROM ({render(sql, 'sqlite')}) AS v").fetchall()
    if name == "event_conflicts":  # the order inside a comma-separated list is not a contract
        rows = [(r[0], r[1], tuple(sorted(r[2].split(","))), tuple(sorted(r[3].split(","))))
                for r in rows]
    return Counter(rows)


def _columns(conn, sql: str) -> list[str]:
    return [d[0] for d in conn.execute(f"SELECT * FROM ({render(sql, 'sqlite')}) AS v LIMIT 0").description]


def _assert_same(conn) -> None:
    for name in sorted(REWRITTEN):
        assert _columns(conn, NEW[name]) == _columns(conn, OLD[name]), name
        new, old = _rows(conn, name, NEW[name]), _rows(conn, name, OLD[name])
        assert new == old, f"{name}: only new {list((new - old).elements())[:3]}, only old {list((old - new).elements())[:3]}"
        # and the view in the database is the new definition (unless a later revision redefined it)
        if _norm(CURRENT[name]) == _norm(NEW[name]):
            assert Counter(_rows(conn, name, f"SELECT * FROM {name}")) == new, name


def test_same_rows_on_imported_articles(corpus):
    # names are 'extracted' since revision 0010; 0008 and 0009 listed them as 'unresolved'
    corpus.execute("UPDATE entities SET status = 'unresolved' WHERE status = 'extracted'")
    counts = {n: sum(_rows(corpus, n, NEW[n]).values()) for n in REWRITTEN}
    assert counts["event_timeline"] > 50 and counts["event_evidence"] > 100
    assert counts["source_coverage"] > 3 and counts["unresolved_names"] > 5
    _assert_same(corpus)


# -- edge cases --------------------------------------------------------------------------------


def _events_by_articles(conn) -> dict[int, list[int]]:
    out = defaultdict(set)
    for event_id, article_id in conn.execute("SELECT event_id, article_id FROM event_reports"):
        out[event_id].add(article_id)
    return {e: sorted(a) for e, a in out.items()}


def _edge_cases(conn) -> dict:
    """Make the corpus awkward in every way the rewritten views care about; returns what was
    done, for the assertions."""
    done = {}
    by_event = _events_by_articles(conn)
    multi = sorted(e for e, arts in by_event.items() if len(arts) >= 2)
    single = sorted(e for e, arts in by_event.items() if len(arts) == 1)
    assert len(multi) >= 2 and len(single) >= 3, "the corpus has too few events for the edge cases"
    all_articles = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]

    # an event whose only article becomes a near-duplicate: it leaves event_timeline
    gone = single[0]
    dup = by_event[gone][0]
    other = next(a for a in all_articles if a != dup)
    conn.execute("UPDATE articles SET duplicate_of_id = ? WHERE id = ?", (other, dup))
    # an event whose only article is superseded by a later version: it leaves too
    gone2 = next(e for e in single[1:] if by_event[e][0] != dup)
    superseded = by_event[gone2][0]
    conn.execute("UPDATE articles SET superseded_at = '2024-01-01 00:00:00' WHERE id = ?", (superseded,))
    done["gone"] = [e for e in (gone, gone2) if all(a in (dup, superseded) for a in by_event[e])]

    # a multi-article event: one more report by a fresh article that is a near-duplicate,
    # with a different date and place (neither a conflict nor counted)
    event = multi[0]
    first = by_event[event][0]
    conn.execute(
        "INSERT INTO articles (source_id, title, origin, published_at, published_precision, "
        "imported_at, body, words, content_hash, duplicate_of_id) "
        "SELECT source_id, title, origin || '#dup', published_at, published_precision, imported_at, "
        "body || ' (copy)', words, content_hash || 'dup', id FROM articles WHERE id = ?", (first,))
    copy = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    places = [r[0] for r in conn.execute(
        "SELECT id FROM entities WHERE type IN ('location', 'country') ORDER BY id LIMIT 3")]
    conn.execute(
        "INSERT INTO event_reports (event_id, article_id, field, sentence_index, start, \"end\", "
        "sentence, status, date_start, date_precision, date_resolution, location_id, extractor_version) "
        "SELECT event_id, ?, field, sentence_index, start, \"end\", sentence, status, '1999-01-01', "
        "date_precision, date_resolution, ?, extractor_version FROM event_reports "
        "WHERE event_id = ? AND article_id = ? LIMIT 1", (copy, places[2], event, first))
    done["dup_only_conflict"] = event

    # another multi-article event: its current reports disagree on the date and the place
    # (one report without a place)
    event2 = multi[1]
    arts = by_event[event2]
    conn.execute("UPDATE event_reports SET date_start = '2030-05-05', location_id = ? "
                 "WHERE event_id = ? AND article_id = ?", (places[0], event2, arts[0]))
    conn.execute("UPDATE event_reports SET date_start = '2030-06-06', location_id = ? "
                 "WHERE event_id = ? AND article_id = ?", (places[1], event2, arts[1]))
    conn.execute("UPDATE event_reports SET location_id = NULL WHERE id = ("
                 "SELECT max(id) FROM event_reports WHERE event_id = ? AND article_id = ?)",
                 (event2, arts[1]))
    done["conflict"] = event2

    # publishers: one known only from articles.source_id (its credit row deleted), one article
    # with no publisher but a wire, a relay and a photo credit (and two roles of one source)
    sources = [r[0] for r in conn.execute("SELECT id FROM sources ORDER BY id")]
    assert len(sources) >= 3
    reporting = [a for e in multi for a in by_event[e] if a not in (dup, superseded)]
    a1, a2 = reporting[0], reporting[-1]
    conn.execute("UPDATE articles SET source_id = ? WHERE id = ?", (sources[0], a1))
    conn.execute("DELETE FROM article_attributions WHERE article_id = ? AND role = 'publisher'", (a1,))
    conn.execute("UPDATE articles SET source_id = NULL WHERE id = ?", (a2,))
    conn.execute("DELETE FROM article_attributions WHERE article_id = ?", (a2,))
    for source, role in ((sources[1], "wire"), (sources[1], "via"), (sources[2], "photo"), (sources[0], "via")):
        conn.execute("INSERT INTO article_attributions (article_id, source_id, role, evidence) "
                     "VALUES (?, ?, ?, 'test')", (a2, source, role))
    done["credited_only"] = a2

    # an unresolved name seen only in a near-duplicate, another in both kinds of article
    # (names are 'extracted' since revision 0010: two are made 'unresolved' as 0009 knew them)
    unresolved = [r[0] for r in conn.execute(
        "SELECT e.id FROM entities e WHERE e.status IN ('unresolved', 'extracted') AND EXISTS "
        "(SELECT 1 FROM article_entity_counts c WHERE c.entity_id = e.id) ORDER BY e.id LIMIT 2")]
    assert len(unresolved) == 2
    conn.execute(f"UPDATE entities SET status = 'unresolved' WHERE id IN ({unresolved[0]}, {unresolved[1]})")
    conn.execute("DELETE FROM article_entity_counts WHERE entity_id = ?", (unresolved[0],))
    conn.execute("INSERT INTO article_entity_counts (article_id, entity_id, n_mentions, first_start) "
                 "VALUES (?, ?, 3, 0)", (dup, unresolved[0]))
    conn.execute("INSERT OR IGNORE INTO article_entity_counts (article_id, entity_id, n_mentions, first_start) "
                 "VALUES (?, ?, 5, 0)", (superseded, unresolved[1]))
    done["unresolved_hidden"] = unresolved[0]
    conn.commit()
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return done


def test_same_rows_on_edge_cases(corpus):
    done = _edge_cases(corpus)
    _assert_same(corpus)
    timeline = {r[0] for r in corpus.execute("SELECT event_id FROM event_timeline")}
    assert done["gone"] and not timeline & set(done["gone"])
    conflicts = {(r[0], r[1]): r[2] for r in corpus.execute('SELECT event_id, field, "values" FROM event_conflicts')}
    assert sorted(conflicts[(done["conflict"], "date")].split(",")) == ["2030-05-05", "2030-06-06"]
    assert (done["conflict"], "location") in conflicts
    assert "1999-01-01" not in "".join(conflicts.values())
    names = {r[0] for r in corpus.execute("SELECT entity_id FROM unresolved_names")}
    assert done["unresolved_hidden"] not in names
    evidence = corpus.execute("SELECT DISTINCT source FROM event_evidence WHERE article_id = ?",
                              (done["credited_only"],)).fetchall()
    assert len(evidence) == 1 and evidence[0][0] is not None  # the first wire/relay credit by name


def test_timeline_and_unresolved_names_match_python(corpus):
    """An independent computation of the counts, on the edge cases."""
    _edge_cases(corpus)
    current = {r[0] for r in corpus.execute(
        "SELECT id FROM articles WHERE duplicate_of_id IS NULL AND superseded_at IS NULL")}
    publisher = dict(corpus.execute("SELECT id, source_id FROM articles"))
    credits = defaultdict(set)
    for article, source, role in corpus.execute("SELECT article_id, source_id, role FROM article_attributions"):
        if role in ("publisher", "wire", "via"):
            credits[article].add(source)
    expected = {}
    for event, articles in _events_by_articles(corpus).items():
        live = [a for a in articles if a in current]
        if live:
            sources = set().union(*(credits[a] | ({publisher[a]} if publisher[a] else set()) for a in live))
            expected[event] = (len(live), len(sources))
    got = {r[0]: (r[1], r[2]) for r in corpus.execute("SELECT event_id, n_articles, n_sources FROM event_timeline")}
    assert got == expected

    expected_names = defaultdict(lambda: [0, 0])
    for article, entity, n in corpus.execute(
            "SELECT c.article_id, c.entity_id, c.n_mentions FROM article_entity_counts c "
            "JOIN entities e ON e.id = c.entity_id WHERE e.status IN ('unresolved', 'extracted')"):
        if article in current:
            expected_names[entity][0] += 1
            expected_names[entity][1] += n
    got_names = {r[0]: [r[1], r[2]] for r in corpus.execute(
        "SELECT entity_id, n_articles, n_mentions FROM unresolved_names")}
    assert got_names == dict(expected_names)


def test_plans_read_indexes_not_article_rows(corpus):
    """The point of 0009: per-event counts come from the covering event_reports index, the
    non-current articles from ix_articles_current (SQLite plans, here with the statistics
    PRAGMA optimize left after the import)."""
    def plan(sql):
        return "\n".join(r[3] for r in corpus.execute(f"EXPLAIN QUERY PLAN {sql}"))

    timeline = plan("SELECT * FROM event_timeline")
    assert "COVERING INDEX ix_event_reports_event_article_date_location (event_id=?)" in timeline
    assert "ix_articles_current" in timeline
    conflicts = plan("SELECT * FROM event_conflicts")
    assert "SCAN c USING COVERING INDEX ix_event_reports_event_article_date_location" in conflicts
    trends = plan("SELECT * FROM theme_trends").splitlines()
    assert trends[1].startswith("SEARCH a USING COVERING INDEX ix_articles_current"), trends
    coverage = plan("SELECT * FROM source_coverage").splitlines()
    # the articles in the order of the (article, source) pairs, whatever the statistics say
    assert coverage.index("SCAN x") < coverage.index("SEARCH a USING INTEGER PRIMARY KEY (rowid=?)")
