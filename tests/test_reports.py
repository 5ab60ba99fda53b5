"""``archive report timeline | network | trends`` on the seeds, with events and themes
inserted here with SQL (the extractors that fill them are tested elsewhere)."""

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from archive.cli import cli
from conftest import SEEDS
from dbutil import connect, rows as query, url

# (id, type, status, date_start, date_end, precision, location, parties {name: role}, articles)
EVENTS = [
    (1, "meeting", "occurred", "2021-10-20", "2021-10-20", "day", "Moscow",
     {"Russia": "host", "Taliban": "guest", "Sergey Lavrov": "speaker"}, [5, 2]),
    (2, "phone_call", "occurred", "2022-01-19", "2022-01-19", "day", None,
     {"Vladimir Putin": "participant", "Xi Jinping": "participant"}, [3]),
    (3, "summit", "planned", None, None, "unknown", "Kazakhstan",
     {"Shanghai Cooperation Organization": "host", "Taliban": "guest"}, [4]),
    (4, "meeting", "occurred", "2021-09-11", "2021-09-12", "day", "Dushanbe",
     {"China": "participant", "Iran": "participant", "Pakistan": "participant",
      "Russia": "participant"}, [1]),
    (5, "talks", "negated", None, None, "unknown", None,
     {"China": "participant", "Russia": "participant"}, [1]),
]
THEMES = [(2, "security", 3), (2, "diplomacy", 2), (3, "security", 1), (5, "security", 2)]


def add_events(db):
    with connect(db) as conn:
        def sql(statement, **params):
            return conn.execute(text(statement), params)

        # The importer extracts events, quotes and themes from the seeds: drop them, so these
        # tests exercise exactly the sample data below.
        for table in ("event_reports", "event_parties", "events", "quote_speakers", "quotes",
                      "theme_hits"):
            sql(f"DELETE FROM {table}")

        def entity(name):
            return sql("SELECT id FROM entities WHERE name = :name", name=name).scalar_one()

        for eid, type_, status, start, end, precision, place, parties, articles in EVENTS:
            sql("INSERT INTO events (id, event_type, status, date_start, date_end, date_precision, "
                "date_resolution, location_id, participants, extractor_version, created_at) "
                "VALUES (:eid, :type, :status, :start, :end, :precision, 'explicit', :place, "
                ":parties, 'test', '2026-01-01 00:00:00')",
                eid=eid, type=type_, status=status, start=start, end=end, precision=precision,
                place=entity(place) if place else None, parties="; ".join(sorted(parties)))
            for name, role in parties.items():
                sql("INSERT INTO event_parties (event_id, entity_id, role) VALUES (:eid, :entity, :role)",
                    eid=eid, entity=entity(name), role=role)
            for article in articles:
                sql("INSERT INTO event_reports (event_id, article_id, field, sentence_index, start, "
                    "\"end\", sentence, status, date_start, date_end, date_precision, "
                    "date_resolution, extractor_version) VALUES (:eid, :article, 'body', 0, 0, 10, "
                    "'A sentence.', :status, :start, :end, :precision, 'explicit', 'test')",
                    eid=eid, article=article, status=status, start=start, end=end, precision=precision)
        for article, theme, hits in THEMES:
            sql("INSERT INTO theme_hits (article_id, theme, hits) VALUES (:article, :theme, :hits)",
                article=article, theme=theme, hits=hits)


@pytest.fixture(scope="module")
def db(tmp_path_factory, databases):
    """The seeds imported once, plus the events and theme hits above (read-only tests)."""
    root = tmp_path_factory.mktemp("reports")
    shutil.copytree(SEEDS, root / "seeds")
    path = databases.new(root / "reports.db")
    result = CliRunner().invoke(cli, ["--db", str(path), "import", str(root / "seeds")])
    assert result.exit_code == 0, result.output
    add_events(path)
    yield path
    databases.drop(path)


@pytest.fixture
def db_copy(db, tmp_path, new_db):
    return new_db(tmp_path / "copy.db", template=db)


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), "report", *args])


def rows(db, *args):
    result = run(db, *args, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.output)))


def column(db, name, *args):
    table = rows(db, *args)
    i = table[0].index(name)
    return [row[i] for row in table[1:]]


# -- timeline ---------------------------------------------------------------------------------


def test_timeline_table(db):
    result = run(db, "timeline")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "event_id  date_start  date_end    date_precision  event_type  status    location    participants                                n_articles  n_sources\n"
        "--------  ----------  ----------  --------------  ----------  --------  ----------  ------------------------------------------  ----------  ---------\n"
        "4         2021-09-11  2021-09-12  day             meeting     occurred  Dushanbe    China; Iran; Pakistan; Russia               1           2\n"
        "1         2021-10-20  2021-10-20  day             meeting     occurred  Moscow      Russia; Sergey Lavrov; Taliban              2           2\n"
        "2         2022-01-19  2022-01-19  day             phone_call  occurred              Vladimir Putin; Xi Jinping                  1           1\n"
        "3                                 unknown         summit      planned   Kazakhstan  Shanghai Cooperation Organization; Taliban  1           1\n"
        "5                                 unknown         talks       negated               China; Russia                               1           2\n"
    )


def test_timeline_json(db):
    result = run(db, "timeline", "--entity", "lavrov", "--format", "json")
    assert json.loads(result.output) == [{
        "event_id": 1, "date_start": "2021-10-20", "date_end": "2021-10-20", "date_precision": "day",
        "event_type": "meeting", "status": "occurred", "location": "Moscow",
        "participants": "Russia; Sergey Lavrov; Taliban", "n_articles": 2, "n_sources": 2,
    }]


@pytest.mark.parametrize("args,expected", [
    (["--entity", "russia"], ["4", "1", "5"]),
    (["--entity", "Sergei Lavrov"], ["1"]),
    (["--source", "AFP"], ["1"]),  # article 2 credits AFP as its wire
    (["--source", "interfax.ru"], ["3"]),
    (["--source", "Amu TV"], ["4", "5"]),
    (["--source", "Associated Press"], []),  # a photo credit does not report an event
    (["--type", "meeting"], ["4", "1"]),
    (["--status", "planned"], ["3"]),
    (["--since", "2021-10"], ["1", "2"]),
    (["--until", "2021-10-20"], ["4", "1"]),
    (["--since", "2021", "--until", "2021"], ["4", "1"]),
    (["--limit", "2"], ["4", "1"]),
    (["--entity", "Taliban", "--type", "summit", "--status", "planned"], ["3"]),
])
def test_timeline_filters(db, args, expected):
    assert column(db, "event_id", "timeline", *args) == expected


def test_timeline_errors(db):
    result = run(db, "timeline", "--type", "parade")
    assert result.exit_code == 1
    assert result.output == ("Error: No events of type 'parade'. Types in the archive: meeting, "
                             "phone_call, summit, talks.\n")
    assert run(db, "timeline", "--since", "20211").output == (
        "Error: Invalid --since date '20211': use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2021-10-20).\n")
    assert run(db, "timeline", "--status", "occurred", "--since", "2030").output == "No events match.\n"


# -- network ----------------------------------------------------------------------------------


def test_network_table(db):
    result = run(db, "network", "--limit", "5")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "entity_a      type_a    entity_b      type_b        articles  events\n"
        "------------  --------  ------------  ------------  --------  ------\n"
        "Russia        country   Taliban       organization  5         1\n"
        "Afghanistan   country   Kabul         location      5         0\n"
        "Afghanistan   country   Russia        country       5         0\n"
        "Afghanistan   country   Taliban       organization  5         0\n"
        "Kabul         location  Russia        country       5         0\n"
        "Kabul         location  Taliban       organization  5         0\n"
        "Afghanistan   country   Central Asia  location      4         0\n"
        "Central Asia  location  Kabul         location      4         0\n"
        "Central Asia  location  Russia        country       4         0\n"
        "Central Asia  location  Taliban       organization  4         0\n"
    )


def test_network_matches_the_cooccurrence_view(db):
    table = rows(db, "network", "--limit", "0")
    ours = {(min(a, b), max(a, b)): int(n) for a, _, b, _, n, _ in table[1:]}
    view = {(min(a, b), max(a, b)): n for a, b, n in
            query(db, "SELECT entity_a, entity_b, n_articles FROM entity_cooccurrence")}
    assert ours == view and len(ours) == 881  # 825 before the name finder added the names no gazetteer knows


def test_network_ego_and_filters(db):
    # Lavrov and his 3 strongest ties (2 shared articles each; ties broken by name), and the
    # ties among them; the ego's ties are written ego first.
    assert rows(db, "network", "--entity", "lavrov", "--limit", "4", "--min-weight", "2") == [
        ["entity_a", "type_a", "entity_b", "type_b", "articles", "events"],
        ["Afghanistan", "country", "Central Asia", "location", "4", "0"],
        ["Afghanistan", "country", "Islamic State", "organization", "2", "0"],
        ["Central Asia", "location", "Islamic State", "organization", "2", "0"],
        ["Sergey Lavrov", "person", "Afghanistan", "country", "2", "0"],
        ["Sergey Lavrov", "person", "Central Asia", "location", "2", "0"],
        ["Sergey Lavrov", "person", "Islamic State", "organization", "2", "0"],
    ]
    lavrov = rows(db, "network", "--entity", "lavrov", "--type", "person")
    assert lavrov[1:] == [
        ["Sergey Lavrov", "person", "Vladimir Putin", "person", "1", "0"],
        ["Sergey Lavrov", "person", "Zabihullah Mujahid", "person", "1", "0"],
        ["Sergey Lavrov", "person", "Zamir Kabulov", "person", "1", "0"],
        ["Zabihullah Mujahid", "person", "Zamir Kabulov", "person", "1", "0"],
    ]
    assert run(db, "network", "--type", "person", "--min-weight", "2").output == "No ties match.\n"
    # 2022: article 3 (January 2022) names 8 people, all paired; the phone call of 2022-01-19.
    in_2022 = rows(db, "network", "--since", "2022", "--type", "person", "--limit", "0")
    assert len(in_2022) == 1 + 28 and all(r[4] == "1" for r in in_2022[1:])
    assert in_2022[1] == ["Vladimir Putin", "person", "Xi Jinping", "person", "1", "1"]
    strong = rows(db, "network", "--min-weight", "4", "--limit", "0")
    assert [r[4:] for r in strong[1:]] == [["5", "1"]] + [["5", "0"]] * 5 + [["4", "1"]] + [["4", "0"]] * 11
    assert strong[7] == ["China", "country", "Russia", "country", "4", "1"]  # and the Dushanbe meeting


def test_network_gexf_and_graphml_parse_back(db, tmp_path):
    table = rows(db, "network", "--limit", "12")
    n_edges = len(table) - 1
    names = {r[0] for r in table[1:]} | {r[2] for r in table[1:]}
    gexf, graphml = tmp_path / "net.gexf", tmp_path / "net.graphml"
    result = run(db, "network", "--limit", "12", "--format", "gexf", "-o", str(gexf))
    assert result.output == f"Wrote {len(names)} entities and {n_edges} ties to {gexf}.\n"
    run(db, "network", "--limit", "12", "--format", "graphml", "-o", str(graphml))

    ns = {"g": "http://gexf.net/1.3"}
    root = ET.parse(gexf).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    nodes = root.findall("g:graph/g:nodes/g:node", ns)
    edges = root.findall("g:graph/g:edges/g:edge", ns)
    assert len(nodes) == len(names) and len(edges) == n_edges
    assert {n.get("label") for n in nodes} == names
    titles = {a.get("id"): a.get("title") for a in root.findall("g:graph/g:attributes[@class='node']/g:attribute", ns)}
    russia = next(n for n in nodes if n.get("label") == "Russia")
    values = {titles[v.get("for")]: v.get("value") for v in russia.findall("g:attvalues/g:attvalue", ns)}
    assert values == {"type": "country", "wikidata": "Q159", "articles": "5"}
    by_label = {n.get("id"): n.get("label") for n in nodes}
    first = edges[0]
    assert (by_label[first.get("source")], by_label[first.get("target")], first.get("weight")) == (
        "Russia", "Taliban", "5")
    assert first.find("g:attvalues/g:attvalue", ns).get("value") == "1"

    ns = {"m": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(graphml).getroot()
    keys = {k.get("id"): (k.get("for"), k.get("attr.name")) for k in root.findall("m:key", ns)}
    assert set(keys.values()) == {("node", "label"), ("node", "type"), ("node", "wikidata"),
                                  ("node", "articles"), ("edge", "weight"), ("edge", "events")}
    graph = root.find("m:graph", ns)
    assert graph.get("edgedefault") == "undirected"
    assert len(graph.findall("m:node", ns)) == len(names)
    assert len(graph.findall("m:edge", ns)) == n_edges
    labels = {d.text for d in graph.findall("m:node/m:data[@key='label']", ns)}
    assert labels == names

    try:
        import networkx
    except ImportError:
        return
    g = networkx.read_graphml(graphml)
    assert g.number_of_nodes() == len(names) and g.number_of_edges() == n_edges


def test_network_errors_and_stdout(db):
    assert run(db, "network", "--entity", "Nobody Atall").output.startswith(
        "Error: No entity named 'Nobody Atall'.")
    assert run(db, "network", "--since", "2030").output == "No ties match.\n"
    out = run(db, "network", "--limit", "2", "--format", "graphml").output
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<graphml ')
    data = json.loads(run(db, "network", "--limit", "2", "--format", "json").output)
    assert [n["label"] for n in data["nodes"]] == ["Afghanistan", "Kabul"]  # 5 articles each, by name
    assert data["edges"] == [{"source": data["nodes"][0]["id"], "target": data["nodes"][1]["id"],
                              "entity_a": "Afghanistan", "entity_b": "Kabul",
                              "articles": 5, "events": 0}]


# -- trends -----------------------------------------------------------------------------------


def test_trends_table(db):
    result = run(db, "trends", "--entity", "Russia", "--entity", "sergei lavrov", "--theme", "security")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "month    kind    series         n_articles\n"
        "-------  ------  -------------  ----------\n"
        "2021-10  entity  Russia         1\n"
        "2021-10  entity  Sergey Lavrov  1\n"
        "2021-10  theme   security       1\n"
        "2021-11  entity  Russia         0\n"
        "2021-11  entity  Sergey Lavrov  0\n"
        "2021-11  theme   security       0\n"
        "2021-12  entity  Russia         0\n"
        "2021-12  entity  Sergey Lavrov  0\n"
        "2021-12  theme   security       0\n"
        "2022-01  entity  Russia         1\n"
        "2022-01  entity  Sergey Lavrov  0\n"
        "2022-01  theme   security       1\n"
    )


def test_trends_period_and_formats(db):
    assert rows(db, "trends", "--theme", "diplomacy", "--theme", "security",
                "--since", "2021-09-15", "--until", "2021-10") == [
        ["month", "kind", "series", "n_articles"],
        ["2021-09", "theme", "diplomacy", "0"],
        ["2021-09", "theme", "security", "0"],
        ["2021-10", "theme", "diplomacy", "1"],
        ["2021-10", "theme", "security", "1"],
    ]
    result = run(db, "trends", "--entity", "Putin", "--since", "2021", "--format", "json")
    data = json.loads(result.output)  # January 2021 to the last month with articles
    assert len(data) == 13 and data[-1] == {"month": "2022-01", "kind": "entity",
                                            "series": "Vladimir Putin", "n_articles": 1}
    assert data[0]["month"] == "2021-01" and all(d["n_articles"] == 0 for d in data[:-1])
    assert len(rows(db, "trends", "--entity", "Putin", "--until", "2022")) == 1 + 12


def test_trends_errors(db):
    result = run(db, "trends")
    assert result.exit_code == 2 and "Name at least one --entity or --theme." in result.output
    assert run(db, "trends", "--theme", "nope").output == (
        "Error: No article touches theme 'nope'. Themes in the archive: diplomacy, security.\n")
    assert run(db, "trends", "--entity", "Nobody Atall").exit_code == 1


# -- near-duplicates and superseded versions ---------------------------------------------------


def test_reports_leave_out_near_duplicates_and_superseded(db_copy):
    with connect(db_copy) as conn:
        conn.execute(text("UPDATE articles SET duplicate_of_id = 5 WHERE id = 2"))
        conn.execute(text("UPDATE articles SET superseded_at = '2026-01-01 00:00:00' WHERE id = 4"))
    # marks written by hand bypass the importer: recompute the aggregates as it would
    from archive.db import make_engine
    from archive.pairs import rebuild

    engine = make_engine(url(db_copy))
    with engine.begin() as conn:
        rebuild(conn)
    engine.dispose()
    assert column(db_copy, "event_id", "timeline") == ["4", "1", "2", "5"]  # 3: only in article 4
    assert column(db_copy, "n_articles", "timeline", "--entity", "lavrov") == ["1"]
    assert rows(db_copy, "trends", "--entity", "lavrov", "--theme", "security") == [
        ["month", "kind", "series", "n_articles"],
        ["2022-01", "entity", "Sergey Lavrov", "0"],
        ["2022-01", "theme", "security", "1"],
    ]
    table = rows(db_copy, "network", "--limit", "0")
    ours = {(min(a, b), max(a, b)): int(n) for a, _, b, _, n, _ in table[1:] if int(n)}
    view = {(min(a, b), max(a, b)): n for a, b, n in
            query(db_copy, "SELECT entity_a, entity_b, n_articles FROM entity_cooccurrence")}
    assert ours == view
    assert ["Sergey Lavrov", "person", "Russia", "country", "1", "1"] in rows(
        db_copy, "network", "--entity", "lavrov")
