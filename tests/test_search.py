"""``archive search``: FTS5 over titles and bodies, ranking, snippets, filters, formats, errors.

On PostgreSQL (a weighted tsvector; FTS5 queries are translated by ``archive.search_pg``)
the same query syntax, errors, filters and formats hold; the ranking function and the
snippet text are each database's own (``FTS5`` marks below)."""

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from archive.cli import cli
from conftest import SEEDS
from dbutil import POSTGRES, execute
from dbutil import rows as query

# FTS5 behaviour PostgreSQL's text search does not have (by design, README)
HYPHENS = pytest.mark.sqlite_only(
    reason="PostgreSQL's parser keeps a hyphenated word whole ('al-qaeda' is not 'al' 'qaeda')")
FTS5_SNIPPETS = pytest.mark.sqlite_only(
    reason="the exact text of FTS5 snippet(); PostgreSQL's ts_headline picks other words "
           "(test_ranked_hits_any_backend checks the rest)")


@pytest.fixture(scope="module")
def db(tmp_path_factory, databases):
    """The seeds imported once for the read-only tests of this module."""
    root = tmp_path_factory.mktemp("search")
    shutil.copytree(SEEDS, root / "seeds")
    path = databases.new(root / "search.db")
    result = CliRunner().invoke(cli, ["--db", str(path), "import", str(root / "seeds")])
    assert result.exit_code == 0, result.output
    yield path
    databases.drop(path)


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), "search", *args])


def ids(db, *args):
    result = run(db, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.output)]


def test_ranked_hits_any_backend(db):
    """Ranking (the title match first), the columns and ISO dates; the snippet's words are
    the search engine's, with the matches between ** markers."""
    hits = json.loads(run(db, '"inclusive government"', "--format", "json").output)
    assert [{k: v for k, v in hit.items() if k != "snippet"} for hit in hits] == [
        {"id": 5, "published": None, "source": "The Hindu",
         "title": "Russia hosts Afghan talks, calls for inclusive government"},
        {"id": 2, "published": "2021-10-21T09:51", "source": None,
         "title": "Russia, China and Iran defend collaboration with the Taliban"},
    ]
    for hit in hits:
        assert "**inclusive" in hit["snippet"] and "government**" in hit["snippet"], hit
    table = run(db, '"inclusive government"').output.splitlines()
    expected = [
        "5   unknown           The Hindu  Russia hosts Afghan talks, calls for inclusive government",
        "2   2021-10-21 09:51             Russia, China and Iran defend collaboration with the Taliban",
    ]
    assert len(table) == 4, table
    assert all(line.startswith(e) for line, e in zip(table[2:], expected)), table
    assert [hit["id"] for hit in json.loads(run(db, "putin", "--format", "json").output)] == [3, 5]


@FTS5_SNIPPETS
def test_phrase_ranks_title_match_first_with_snippets(db):
    result = run(db, '"inclusive government"')
    assert result.exit_code == 0, result.output
    assert result.output == (
        "id  published         source     title                                                         snippet\n"
        "--  ----------------  ---------  ------------------------------------------------------------  ------------------------------------------------------------------------\n"
        "5   unknown           The Hindu  Russia hosts Afghan talks, calls for inclusive government     Russia hosts Afghan talks, calls for **inclusive government**\n"
        "2   2021-10-21 09:51             Russia, China and Iran defend collaboration with the Taliban  …on its request for an “**inclusive” government** to be formed in Kabul…\n"
    )


@FTS5_SNIPPETS
def test_csv_and_json_use_plain_markers_and_iso_dates(db):
    result = run(db, '"inclusive government"', "--format", "csv")
    assert result.output == (
        "id,published,source,title,snippet\n"
        '5,,The Hindu,"Russia hosts Afghan talks, calls for inclusive government",'
        '"Russia hosts Afghan talks, calls for **inclusive government**"\n'
        '2,2021-10-21T09:51,,"Russia, China and Iran defend collaboration with the Taliban",'
        "…on its request for an “**inclusive” government** to be formed in Kabul…\n"
    )
    assert json.loads(run(db, "putin", "--format", "json").output) == [
        {"id": 3, "published": "2022-01-25T05:49", "source": "Sputnik",
         "title": "Putin, Xi Agree on Joint Approach to ‘Open, Tolerant Interaction’ With All Afghan Parties",
         "snippet": "…In a Wednesday phone call, Russian President Vladimir **Putin** and Chinese President…"},
        {"id": 5, "published": None, "source": "The Hindu",
         "title": "Russia hosts Afghan talks, calls for inclusive government",
         "snippet": "…Last week, Russian President Vladimir **Putin** noted that there must be no…"},
    ]


def test_bold_on_a_terminal():
    import click

    from archive.search import Hit, render

    hit = Hit(5, None, "none", None, None, "Title", "calls for \x02inclusive government\x03 now")
    plain = render([hit], "table")
    bold = render([hit], "table", bold=lambda s: click.style(s, bold=True))
    assert plain.splitlines()[-1].endswith("calls for **inclusive government** now")
    assert bold.splitlines()[-1].endswith("calls for \x1b[1minclusive government\x1b[0m now")
    assert bold.splitlines()[1] == plain.splitlines()[1]  # widths ignore the escape codes


@pytest.mark.parametrize("query,expected", [
    ("kabulov OR lavrov", [2, 5]),
    ("lavrov NOT kabulov", [5]),
    ("Inclusive AND government", [5, 2, 4]),
    ("kabul*", [4, 2, 1, 3, 5]),
    ("title: taliban", [4, 2]),
    ("title: afghan*", [1, 5, 3]),
    ("taliban -title: taliban", [2, 1, 3, 5, 4]),  # in the body
    ("taliban NOT title: taliban", [1, 3, 5]),
    ("(lavrov OR kabulov) AND taliban", [2, 5]),
    ("lavrov OR kabulov AND china", [2, 5]),  # AND binds tighter
    ("negotiation", [2]),  # porter stemming: "negotiations"
    # punctuation inside quotes: "Al Qaeda" and "al-Qaeda"
    pytest.param('"al-Qaeda"', [2, 3], marks=HYPHENS),
    ("nonexistentword", []),
])
def test_query_syntax(db, query, expected):
    if POSTGRES:  # its own ranking function: the same articles, maybe in another order
        assert sorted(ids(db, query)) == sorted(expected)
    else:
        assert ids(db, query) == expected


def test_near_on_sqlite_and_a_clear_error_on_postgresql(db):
    result = run(db, "NEAR(lavrov inclusive, 10)")
    if not POSTGRES:
        assert ids(db, "NEAR(lavrov inclusive, 10)") == [5]
        return
    assert result.exit_code == 1
    assert result.output == ("Error: Search failed for 'NEAR(lavrov inclusive, 10)': NEAR() has no "
                             "PostgreSQL counterpart: use a phrase or AND.\n")


@pytest.mark.parametrize("query,message", [
    pytest.param('"unbalanced', "Error: Invalid search query '\"unbalanced': a double quote is not "
                 "closed. Put words and phrases with punctuation or AND/OR/NOT in double quotes, "
                 "e.g. archive search '\"unbalanced\"'.\n"),
    pytest.param("AND", "Error: Invalid search query 'AND': syntax error near \"AND\". Put words and "
                 "phrases with punctuation or AND/OR/NOT in double quotes, e.g. "
                 "archive search '\"AND\"'.\n"),
    pytest.param("title:", "Error: Invalid search query 'title:': the query ends too soon. Put words "
                 "and phrases with punctuation or AND/OR/NOT in double quotes, e.g. "
                 "archive search '\"title:\"'.\n"),
    pytest.param("U.S.", "Error: Invalid search query 'U.S.': syntax error near \".\". Put words and "
                 "phrases with punctuation or AND/OR/NOT in double quotes, e.g. "
                 "archive search '\"U.S.\"'.\n"),
    pytest.param("russia-china", "Error: Invalid search query 'russia-china': 'china:' or '-china' "
                 "asks for a column named china (the columns are title and body). Put words and "
                 "phrases with punctuation or AND/OR/NOT in double quotes, e.g. "
                 "archive search '\"russia-china\"'.\n"),
    ("  ", "Error: Empty search query: give words to search for, e.g. "
           "archive search '\"inclusive government\"'.\n"),
])
def test_malformed_queries_give_one_line(db, query, message):
    result = run(db, query)
    assert result.exit_code == 1
    assert result.output == message


def test_filters(db):
    assert ids(db, "talks") == [5, 1, 4, 2]
    assert ids(db, "talks", "--entity", "sergei lavrov") == [5, 2]  # an alias, any case
    assert ids(db, "talks", "--entity", "SCO") == [1, 4]
    assert ids(db, "taliban", "--source", "AFP") == [2]  # credited as wire
    assert ids(db, "taliban", "--source", "sputniknews.com") == [3]  # publisher, another spelling
    assert ids(db, "taliban", "--source", "Associated Press") == []  # a photo credit is not a source
    assert ids(db, "taliban", "--since", "2022") == [3]
    assert ids(db, "taliban", "--until", "2021-10-21") == [2]  # the whole day
    assert ids(db, "taliban", "--since", "2021-10", "--until", "2021-10") == [2]
    assert ids(db, "talks", "--limit", "2") == [5, 1]


def test_filter_errors(db):
    result = run(db, "talks", "--entity", "Nobody Atall")
    assert result.exit_code == 1
    assert result.output.startswith("Error: No entity named 'Nobody Atall'.")
    result = run(db, "talks", "--source", "Interfacs")
    assert result.output == ("Error: No source named 'Interfacs'. Closest: Interfax. List them with: "
                             "archive sql \"select name from sources\"\n")
    result = run(db, "talks", "--since", "2021-13")
    assert result.output == ("Error: Invalid --since date '2021-13': use YYYY, YYYY-MM or YYYY-MM-DD "
                             "(e.g. 2021-10-20).\n")
    result = run(db, "talks", "--since", "2022", "--until", "2021")
    assert result.output == "Error: --since 2022 is after --until 2021: swap them.\n"


def test_no_match_says_so(db):
    assert run(db, "nonexistentword").output == "No articles match 'nonexistentword'.\n"
    assert run(db, "nonexistentword", "--format", "csv").output == "id,published,source,title,snippet\n"
    assert run(db, "nonexistentword", "--format", "json").output == "[]\n"


def _fts_consistent(db):
    """The search index matches the articles' titles and bodies (or this raises)."""
    if POSTGRES:  # a generated column: recompute it
        assert query(db, "SELECT count(*) FROM articles WHERE search_vector IS DISTINCT FROM "
                         "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
                         "setweight(to_tsvector('english', coalesce(body, '')), 'B')") == [(0,)]
        return
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")


def test_versions_and_near_duplicates_are_excluded_and_index_stays_in_sync(runner, seeded_db, seeds):
    # A near-duplicate under another name, and a new version of seed 004 (article 5).
    original = seeds / "004_3dc87db143e1ef87.txt"
    text = original.read_text(encoding="utf-8")
    (seeds / "copy_of_004.txt").write_text(
        text.replace("Another sweeping military exercise", "A further large military exercise"),
        encoding="utf-8")
    original.write_text(text.replace("inclusive government", "representative government"),
                        encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(seeded_db), "import", "seeds"])
    assert result.exit_code == 0, result.output
    assert "New version: seeds/004_3dc87db143e1ef87.txt (article 6 replaces article 5" in result.output
    assert "Near-duplicate: seeds/copy_of_004.txt (article 7 ~ article 5" in result.output
    _fts_consistent(seeded_db)

    def check():
        assert ids(seeded_db, '"inclusive government"') == [2]
        assert ids(seeded_db, '"inclusive government"', "--all-versions") == [5, 7, 2]
        assert ids(seeded_db, '"representative government"') == [6]
        assert ids(seeded_db, "sweeping") == [6]
        # (a phrase without stop words: PostgreSQL's English configuration drops "further")
        assert sorted(ids(seeded_db, 'sweeping OR "large military exercise"', "--all-versions")) == [5, 6, 7]

    check()
    result = runner.invoke(cli, ["--db", str(seeded_db), "reextract"])
    assert result.exit_code == 0, result.output
    _fts_consistent(seeded_db)
    check()
    # Titles and bodies changed in place are re-indexed by the triggers.
    execute(seeded_db, "UPDATE articles SET title = 'Moscow format meeting' WHERE id = 6")
    _fts_consistent(seeded_db)
    if POSTGRES:  # no column filter in websearch syntax: ask the index for title (weight A) words
        assert query(seeded_db, "SELECT id FROM articles "
                                "WHERE search_vector @@ to_tsquery('english', 'moscow:A')") == [(6,)]
    else:
        assert ids(seeded_db, "title: moscow") == [6]
    assert ids(seeded_db, '"representative government"') == [6]


@pytest.mark.parametrize("query", [
    "the", "the*", "title: the", "“Taliban”", "Kabul—Moscow", "a OR", "OR b", "(", "()", "(a",
    "a)", "title:: x", "-", "-title", "-title:", "x:y", '""', '"" OR x', "*", "talib* OR",
    "NOT", "a NOT", "a AND AND b", "naïve café", "日本", "x'; DROP TABLE articles; --",
])
def test_any_query_gives_results_or_one_line(db, query):
    result = run(db, "--format", "json", "--", query)
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
    else:
        json.loads(result.output)
