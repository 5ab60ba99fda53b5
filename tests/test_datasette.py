"""`archive datasette-metadata`: the metadata, served by Datasette's own test client."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlencode

import pytest

from archive.cli import cli
from test_html_report import add_sample_events

pytestmark = pytest.mark.sqlite_only(reason="Datasette serves SQLite files")

datasette_app = pytest.importorskip("datasette.app", reason="datasette is not installed")


def get_metadata(runner, db_path, tmp_path) -> dict:
    out = tmp_path / "metadata.json"
    result = runner.invoke(cli, ["--db", str(db_path), "datasette-metadata", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output and "datasette" in result.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_metadata_describes_views_search_and_queries(runner, seeded_db, tmp_path):
    from archive.views import load_all

    meta = get_metadata(runner, seeded_db, tmp_path)
    # Standard output gives the same document.
    result = runner.invoke(cli, ["--db", str(seeded_db), "datasette-metadata"])
    assert result.exit_code == 0 and json.loads(result.output) == meta

    db = meta["databases"]["test"]  # the file stem of test.db
    for view in load_all().values():
        assert db["tables"][view.name] == {**db["tables"][view.name], "title": view.title,
                                           "description": view.description}
    articles = db["tables"]["articles"]
    assert articles["fts_table"] == "articles_fts" and articles["fts_pk"] == "id"
    assert db["tables"]["alembic_version"]["hidden"] is True
    assert db["tables"]["entities"]["description"].startswith("A country, person")
    assert set(db["queries"]) >= {"timeline", "entity", "appears_with", "quotes_by", "coverage", "search"}
    assert db["queries"]["timeline"]["params"] == ["since", "until", "entity"]
    for query in db["queries"].values():
        assert query["title"] and query["description"] and query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))


def test_no_sqlite_file(runner, tmp_path):
    result = runner.invoke(cli, ["--db", "sqlite:///:memory:", "datasette-metadata"])
    assert result.exit_code == 1 and "Datasette serves SQLite files" in result.output
    result = runner.invoke(cli, ["--db", str(tmp_path / "none.db"), "datasette-metadata"])
    assert result.exit_code == 1 and "No database at" in result.output


def test_canned_queries_in_datasette(runner, seeded_db, tmp_path):
    add_sample_events(seeded_db)
    meta = get_metadata(runner, seeded_db, tmp_path)

    async def fetch(ds, path, **params):
        query = urlencode({"_shape": "array", **params})
        response = await ds.client.get(f"{path}.json?{query}")
        assert response.status_code == 200, (path, params, response.text[:500])
        return response.json()

    async def run():
        ds = datasette_app.Datasette([str(seeded_db)], metadata=meta)
        await ds.invoke_startup()
        out = {}
        q = "/test/"
        out["timeline_all"] = await fetch(ds, q + "timeline", since="", until="", entity="")
        out["timeline"] = await fetch(ds, q + "timeline", since="2021", until="2022-01", entity="taleban")
        out["timeline_2022"] = await fetch(ds, q + "timeline", since="2022-01-01", until="", entity="")
        out["entity"] = await fetch(ds, q + "entity", name="russian federation")
        out["entity_articles"] = await fetch(ds, q + "entity_articles", name="Lavrov")
        out["appears_with"] = await fetch(ds, q + "appears_with", entity="TALIBAN")
        out["quotes_by"] = await fetch(ds, q + "quotes_by", speaker="sergey lavrov")
        out["quotes_text"] = await fetch(ds, q + "quotes_by", speaker="joint")
        out["coverage"] = await fetch(ds, q + "coverage")
        out["search"] = await fetch(ds, q + "search", q="inclusive government")
        out["search_punct"] = await fetch(ds, q + "search", q='Lavrov\'s "talks')
        out["search_empty"] = await fetch(ds, q + "search", q="")
        out["search_fts"] = await fetch(ds, q + "search_fts", q='"inclusive government" OR summit*')
        out["table_search"] = await fetch(ds, q + "articles", _search="inclusive", _col="title")
        page = await ds.client.get(q + "event_timeline")
        out["view_page"] = page.text
        return out

    r = asyncio.run(run())
    assert [e["event_id"] for e in r["timeline_all"]] == [1, 2, 3, 4]  # undated last
    assert [e["event_id"] for e in r["timeline"]] == [1]
    assert r["timeline"][0]["participants"] == "Russia; Taliban" and r["timeline"][0]["location"] == "Moscow"
    assert [e["event_id"] for e in r["timeline_2022"]] == [2, 3]

    (russia,) = r["entity"]
    assert russia["name"] == "Russia" and russia["wikidata"] == "Q159"
    assert "Russian Federation" in russia["aliases"] and russia["n_articles"] == 5
    assert russia["n_events"] == 2 and "Taliban (5)" in russia["appears_with"]

    assert {a["article_id"] for a in r["entity_articles"]} >= {5}
    others = {row["other"]: row["n_articles"] for row in r["appears_with"]}
    assert others["Russia"] == 5 and "Taliban" not in others
    assert [q["quote"] for q in r["quotes_by"]] == [
        "forming a really inclusive government fully reflecting the interests of all"]
    assert [q["speaker"] for q in r["quotes_text"]] == ["a joint statement"]

    coverage = {row["source"]: row["n_articles"] for row in r["coverage"]}
    assert coverage["AFP"] == 2 and list(coverage)[0] == "AFP"

    assert r["search"][0]["article_id"] == 5 and "[inclusive] [government]" in r["search"][0]["snippet"]
    assert isinstance(r["search_punct"], list)  # no FTS5 syntax error on quotes/apostrophes
    assert r["search_empty"] == []
    assert 5 in {row["article_id"] for row in r["search_fts"]}
    assert {row["id"] for row in r["table_search"]} >= {5}
    assert "What happened, when, where, with whom" in r["view_page"]
