"""Who appears with whom: a co-occurrence network of entities (``archive report network``).

Two entities are tied when one article mentions both (``weight`` = the number of such
articles; near-duplicates, superseded versions and unresolved name candidates do not count)
and when they are parties of one event (``events`` = the number of such events; negated
events and events known only from near-duplicates or superseded versions do not count).

The nodes are chosen first, then only the ties among them are counted, so the cost follows
the articles of the chosen entities, not the square of the archive:

* without ``entity``: the ``limit`` entities mentioned in most articles;
* with ``entity`` (an ego network): the entity and its ``limit - 1`` strongest ties, and
  the ties among those too.

Output: rows (table, CSV), node-link JSON, GEXF 1.3 or GraphML (both written with
``xml.etree``; nodes carry label, type, wikidata and articles, edges weight and events).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import text

from archive import __version__
from archive.config import Target
from archive.errors import ArchiveError
from archive.reports import find_entity, period
from archive.store import connect

FORMATS = ("table", "csv", "json", "gexf", "graphml")
ENTITY_TYPES = ("country", "person", "organization", "location")
EDGE_COLUMNS = ["entity_a", "type_a", "entity_b", "type_b", "articles", "events"]

GEXF_NS = "http://gexf.net/1.3"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

_DEAD = ("SELECT id FROM articles WHERE duplicate_of_id IS NOT NULL "
         "UNION SELECT id FROM articles WHERE superseded_at IS NOT NULL")
_MAX_BOUND = 500  # more chosen entities than this: filter in SQL by join, then in Python


class NetworkError(ArchiveError):
    """A network that cannot be built or written as asked."""


@dataclass(frozen=True)
class Node:
    id: int
    label: str
    type: str
    wikidata: str | None
    articles: int


@dataclass(frozen=True)
class Edge:
    source: int
    target: int
    articles: int
    events: int


@dataclass
class Network:
    nodes: list[Node]
    edges: list[Edge]
    ego: int | None = None

    def _index(self) -> dict[int, Node]:
        return {n.id: n for n in self.nodes}


def network(target: Target, *, entity: str | None = None, type_: str | None = None,
            since: str | None = None, until: str | None = None, min_weight: int = 1,
            limit: int | None = 50) -> Network:
    """The co-occurrence network, strongest ties first."""
    if type_ and type_ not in ENTITY_TYPES:
        raise NetworkError(f"Unknown entity type {type_!r}: use one of {', '.join(ENTITY_TYPES)}.")
    if min_weight < 1:
        raise NetworkError(f"--min-weight must be 1 or more (got {min_weight}).")
    span = period(since, until)
    with connect(target) as conn:
        ego = find_entity(conn, entity)[0] if entity else None
        counts = _choose_nodes(conn, ego, type_, span, min_weight, limit)
        ids = sorted(counts)
        by_pair: dict[tuple[int, int], list[int]] = {}
        for a, b, n in _article_ties(conn, ids, span):
            by_pair.setdefault((a, b), [0, 0])[0] = n
        for a, b, n in _event_ties(conn, ids, span):
            by_pair.setdefault((a, b), [0, 0])[1] = n
        meta = _entities(conn, ids)
    kept = [(a, b, w) for (a, b), w in by_pair.items() if max(w) >= min_weight]
    used = {x for a, b, _ in kept for x in (a, b)} | ({ego} if ego in meta else set())
    nodes = [Node(i, meta[i][0], meta[i][1], meta[i][2], counts.get(i, 0))
             for i in ids if i in used]
    nodes.sort(key=lambda n: (n.id != ego, -n.articles, n.label, n.id))
    label = {n.id: n.label for n in nodes}

    def oriented(a: int, b: int) -> tuple[int, int]:
        if b == ego or (a != ego and (label[b], b) < (label[a], a)):
            return b, a
        return a, b

    edges = [Edge(*oriented(a, b), w[0], w[1]) for a, b, w in kept]
    edges.sort(key=lambda e: (-e.articles, -e.events, label[e.source], label[e.target]))
    return Network(nodes, edges, ego)


def _choose_nodes(conn, ego, type_, span, min_weight, limit) -> dict[int, int]:
    """Chosen entity id -> number of current articles mentioning it (within the period)."""
    if ego is None:
        return _article_counts(conn, span, type_=type_, limit=limit)
    # Ego network: the entity's strongest ties (their own counts follow).
    params: dict = {"ego": ego, "min_weight": min_weight}
    where = ["x.entity_id = :ego", _live_filter(conn, "x.article_id", span, params),
             "e.status <> 'unresolved'"]
    if type_:
        params["type"] = type_
        where.append("e.type = :type")
    sql = ("SELECT c.entity_id AS id FROM article_entity_counts AS x "
           "JOIN article_entity_counts AS c ON c.article_id = x.article_id AND c.entity_id <> x.entity_id "
           "JOIN entities AS e ON e.id = c.entity_id "
           f"WHERE {' AND '.join(where)} GROUP BY c.entity_id, e.name "
           "HAVING count(*) >= :min_weight ORDER BY count(*) DESC, e.name, c.entity_id")
    if limit:
        sql += " LIMIT :limit"
        params["limit"] = max(limit - 1, 0)
    ids = [ego] + ([r.id for r in conn.execute(text(sql), params)] if limit != 1 else [])
    counts: dict[int, int] = {}
    for start in range(0, len(ids), _MAX_BOUND):
        counts.update(_article_counts(conn, span, ids=ids[start:start + _MAX_BOUND]))
    return {i: counts.get(i, 0) for i in ids}


def _article_counts(conn, span, *, ids=None, type_=None, limit=None) -> dict[int, int]:
    """Current articles (in the period) per resolved entity, most first.

    Without a period: the mentions per entity (counted on the entity_id index alone) minus
    the mentions in the few near-duplicate and superseded articles (looked up by article id).
    With a period: the articles of the period, from the published_at index.
    """
    params: dict = {}
    marks = _bind(params, "n", ids) if ids is not None else None
    entity_terms = [f"e.id IN ({marks})"] if marks else ["e.status <> 'unresolved'"]
    if type_:
        params["type"] = type_
        entity_terms.append("e.type = :type")
    ent = " AND ".join(entity_terms)
    plus, cross = _hints(conn)
    if span.since or span.until:
        # CROSS JOIN: SQLite must walk the period's articles, not every entity of a type.
        sql = ("SELECT c.entity_id AS id, count(*) AS n FROM article_entity_counts AS c "
               f"{cross} entities AS e ON e.id = c.entity_id "
               f"WHERE {_live_filter(conn, 'c.article_id', span, params)} AND {ent} "
               "GROUP BY c.entity_id, e.name ORDER BY n DESC, e.name, c.entity_id")
    else:
        pick = f"WHERE entity_id IN ({marks}) " if marks else ""
        and_pick = f"AND {plus}entity_id IN ({marks}) " if marks else ""
        sql = ("SELECT t.entity_id AS id, t.n - coalesce(d.n, 0) AS n "
               f"FROM (SELECT entity_id, count(*) AS n FROM article_entity_counts {pick}"
               "GROUP BY entity_id) AS t "
               "LEFT JOIN (SELECT entity_id, count(*) AS n FROM article_entity_counts "
               f"WHERE article_id IN ({_DEAD}) {and_pick}GROUP BY entity_id) AS d "
               "ON d.entity_id = t.entity_id "
               "JOIN entities AS e ON e.id = t.entity_id "
               f"WHERE {ent} AND t.n - coalesce(d.n, 0) > 0 ORDER BY n DESC, e.name, t.entity_id")
    if limit:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return {r.id: r.n for r in conn.execute(text(sql), params)}


def _hints(conn) -> tuple[str, str]:
    """SQLite query planner hints, or their plain equivalents elsewhere: a unary ``+`` keeps a
    term off its index and ``CROSS JOIN ... ON`` fixes the join order on SQLite; PostgreSQL
    plans for itself (and has no ``CROSS JOIN ... ON``, nor ``+`` on a time stamp)."""
    return ("+", "CROSS JOIN") if conn.dialect.name == "sqlite" else ("", "JOIN")


def _live_filter(conn, column: str, span, params: dict) -> str:
    """A WHERE term keeping ``column`` (an article id) to current articles of the period."""
    if span.since or span.until:
        terms = span.sql("published_at", params)
        plus, _ = _hints(conn)
        # '+': the published_at index finds the period (not the index of duplicate_of_id).
        return (f"{column} IN (SELECT id FROM articles WHERE {' AND '.join(terms)} "
                f"AND {plus}duplicate_of_id IS NULL AND {plus}superseded_at IS NULL)")
    return f"{column} NOT IN ({_DEAD})"


def _bind(params: dict, prefix: str, values) -> str:
    names = []
    for i, value in enumerate(values):
        params[f"{prefix}{i}"] = value
        names.append(f":{prefix}{i}")
    return ", ".join(names) or "NULL"


def _article_ties(conn, ids: list[int], span) -> list[tuple[int, int, int]]:
    """(a, b, articles) for a < b among ``ids``.

    The mentions are walked in article order (the primary key, a covering index), each
    article's mentions of the chosen entities paired within that article.
    """
    if not ids:
        return []
    params: dict = {}
    where = ["c1.article_id > 0", _live_filter(conn, "c1.article_id", span, params)]
    joins = ""
    if len(ids) <= _MAX_BOUND:
        marks = _bind(params, "n", ids)
        plus, _ = _hints(conn)
        # '+' keeps SQLite from driving the join by the entity index (random lookups).
        where += [f"{plus}c1.entity_id IN ({marks})", f"{plus}c2.entity_id IN ({marks})"]
    else:  # (nearly) every entity: join instead of binding thousands of ids
        joins = ("JOIN entities AS e1 ON e1.id = c1.entity_id "
                 "JOIN entities AS e2 ON e2.id = c2.entity_id ")
        where += ["e1.status <> 'unresolved'", "e2.status <> 'unresolved'"]
    chosen = set(ids)
    sql = ("SELECT c1.entity_id, c2.entity_id, count(*) FROM article_entity_counts AS c1 "
           "JOIN article_entity_counts AS c2 "
           "ON c2.article_id = c1.article_id AND c2.entity_id > c1.entity_id "
           f"{joins}WHERE {' AND '.join(where)} GROUP BY c1.entity_id, c2.entity_id")
    return [(a, b, n) for a, b, n in conn.execute(text(sql), params) if a in chosen and b in chosen]


def _event_ties(conn, ids: list[int], span) -> list[tuple[int, int, int]]:
    if not ids:
        return []
    params: dict = {}
    where = ["ev.status <> 'negated'"] + span.sql("ev.date_start", params)
    where.append("EXISTS (SELECT 1 FROM event_reports AS r JOIN articles AS a ON a.id = r.article_id "
                 "WHERE r.event_id = ev.id AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL)")
    chosen = set(ids)
    if len(ids) <= _MAX_BOUND:
        marks = _bind(params, "n", ids)
        where += [f"p1.entity_id IN ({marks})", f"p2.entity_id IN ({marks})"]
    sql = ("SELECT p1.entity_id, p2.entity_id, count(DISTINCT p1.event_id) FROM event_parties AS p1 "
           "JOIN event_parties AS p2 ON p2.event_id = p1.event_id AND p2.entity_id > p1.entity_id "
           "JOIN events AS ev ON ev.id = p1.event_id "
           f"WHERE {' AND '.join(where)} GROUP BY p1.entity_id, p2.entity_id")
    return [(a, b, n) for a, b, n in conn.execute(text(sql), params) if a in chosen and b in chosen]


def _entities(conn, ids: list[int]) -> dict[int, tuple[str, str, str | None]]:
    out = {}
    for start in range(0, len(ids), _MAX_BOUND):
        chunk = ids[start:start + _MAX_BOUND]
        params: dict = {}
        marks = _bind(params, "n", chunk)
        for r in conn.execute(text(f"SELECT id, name, type, wikidata FROM entities "
                                   f"WHERE id IN ({marks})"), params):
            out[r.id] = (r.name, r.type, r.wikidata)
    return out


# -- output -----------------------------------------------------------------------------------


def rows(net: Network) -> tuple[list[str], list[tuple]]:
    """One row per tie: entity_a, type_a, entity_b, type_b, articles, events."""
    index = net._index()
    out = []
    for e in net.edges:
        a, b = index[e.source], index[e.target]
        out.append((a.label, a.type, b.label, b.type, e.articles, e.events))
    return list(EDGE_COLUMNS), out


def render(net: Network, fmt: str) -> str:
    """The network as text in ``fmt`` (one of FORMATS)."""
    from archive import formatting

    if fmt == "gexf":
        return to_gexf(net)
    if fmt == "graphml":
        return to_graphml(net)
    if fmt == "json":
        index = net._index()
        edges = [{"source": e.source, "target": e.target, "entity_a": index[e.source].label,
                  "entity_b": index[e.target].label, "articles": e.articles, "events": e.events}
                 for e in net.edges]
        return json.dumps({"nodes": [asdict(n) for n in net.nodes], "edges": edges},
                          ensure_ascii=False, indent=2)
    columns, data = rows(net)
    if fmt == "csv":
        return formatting.to_csv(columns, data)
    if fmt == "table":
        return formatting.table(columns, data)
    raise NetworkError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")


def write(net: Network, fmt: str, path: Path) -> None:
    """Write the network to ``path`` (UTF-8)."""
    content = render(net, fmt)
    try:
        path.write_text(content if content.endswith("\n") else content + "\n", encoding="utf-8")
    except OSError as error:
        raise NetworkError(f"Cannot write {path}: {error.strerror or error}. "
                           f"Choose another -o FILE.") from None


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def to_gexf(net: Network) -> str:
    """GEXF 1.3 (Gephi): an undirected graph, edge ``weight`` = articles, attributes
    type/wikidata/articles on nodes and events on edges."""
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("xsi", XSI_NS)
    q = lambda tag: f"{{{GEXF_NS}}}{tag}"  # noqa: E731
    root = ET.Element(q("gexf"), {"version": "1.3",
                                  f"{{{XSI_NS}}}schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd"})
    meta = ET.SubElement(root, q("meta"))
    ET.SubElement(meta, q("creator")).text = f"archive {__version__}"
    ET.SubElement(meta, q("description")).text = (
        "Entities mentioned in the same articles (weight) and parties of the same events (events)")
    graph = ET.SubElement(root, q("graph"), {"defaultedgetype": "undirected", "mode": "static"})
    node_attrs = ET.SubElement(graph, q("attributes"), {"class": "node", "mode": "static"})
    for i, (title, kind) in enumerate((("type", "string"), ("wikidata", "string"),
                                       ("articles", "integer"))):
        ET.SubElement(node_attrs, q("attribute"), {"id": str(i), "title": title, "type": kind})
    edge_attrs = ET.SubElement(graph, q("attributes"), {"class": "edge", "mode": "static"})
    ET.SubElement(edge_attrs, q("attribute"), {"id": "0", "title": "events", "type": "integer"})
    nodes = ET.SubElement(graph, q("nodes"))
    for n in net.nodes:
        node = ET.SubElement(nodes, q("node"), {"id": str(n.id), "label": n.label})
        values = ET.SubElement(node, q("attvalues"))
        for i, value in enumerate((n.type, n.wikidata, n.articles)):
            if value is not None:
                ET.SubElement(values, q("attvalue"), {"for": str(i), "value": str(value)})
    edges = ET.SubElement(graph, q("edges"))
    for i, e in enumerate(net.edges):
        edge = ET.SubElement(edges, q("edge"), {"id": str(i), "source": str(e.source),
                                                "target": str(e.target), "weight": str(e.articles)})
        values = ET.SubElement(edge, q("attvalues"))
        ET.SubElement(values, q("attvalue"), {"for": "0", "value": str(e.events)})
    return _xml(root)


def to_graphml(net: Network) -> str:
    """GraphML: an undirected graph with keys label/type/wikidata/articles on nodes and
    weight (= articles)/events on edges."""
    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("xsi", XSI_NS)
    q = lambda tag: f"{{{GRAPHML_NS}}}{tag}"  # noqa: E731
    root = ET.Element(q("graphml"), {
        f"{{{XSI_NS}}}schemaLocation": f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"})
    keys = [("label", "node", "string"), ("type", "node", "string"), ("wikidata", "node", "string"),
            ("articles", "node", "int"), ("weight", "edge", "double"), ("events", "edge", "int")]
    for name, domain, kind in keys:
        ET.SubElement(root, q("key"), {"id": name, "for": domain, "attr.name": name,
                                       "attr.type": kind})
    graph = ET.SubElement(root, q("graph"), {"id": "archive", "edgedefault": "undirected"})
    for n in net.nodes:
        node = ET.SubElement(graph, q("node"), {"id": f"n{n.id}"})
        for key, value in (("label", n.label), ("type", n.type), ("wikidata", n.wikidata),
                           ("articles", n.articles)):
            if value is not None:
                ET.SubElement(node, q("data"), {"key": key}).text = str(value)
    for i, e in enumerate(net.edges):
        edge = ET.SubElement(graph, q("edge"), {"id": f"e{i}", "source": f"n{e.source}",
                                                "target": f"n{e.target}"})
        ET.SubElement(edge, q("data"), {"key": "weight"}).text = str(e.articles)
        ET.SubElement(edge, q("data"), {"key": "events"}).text = str(e.events)
    return _xml(root)
