"""`archive report html`: a self-contained page that renders without errors."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from sqlalchemy import text

from archive.cli import cli
from dbutil import connect, rows

NASTY = '<script>alert("x")</script> & \'quoted\' </td>'


EXTRACTED = ("event_reports", "event_parties", "events", "quote_speakers", "quotes", "theme_hits")


def clear_extracted(db_path) -> None:
    """Drop the events, quotes and theme hits the importer extracted from the seeds."""
    with connect(db_path) as con:
        for table in EXTRACTED:
            con.execute(text(f"DELETE FROM {table}"))


def add_sample_events(db_path) -> None:
    """A few events, reports, participants, quotes and theme hits over the seed articles
    (the extractors that fill these tables are tested elsewhere); the extracted rows go
    first, so the tests see exactly these."""
    clear_extracted(db_path)
    with connect(db_path) as con:
        _add_sample_events(lambda sql, **params: con.execute(text(sql), params))


def _add_sample_events(sql) -> None:
    ids = {name: i for i, name in sql(
        "SELECT id, name FROM entities WHERE name IN ('Russia', 'Taliban', 'China', 'Iran', "
        "'Moscow', 'Dushanbe', 'Sergey Lavrov', 'Shanghai Cooperation Organization')")}
    assert len(ids) == 8, ids
    body = dict(sql("SELECT id, body FROM articles").all())
    stamp = "2026-01-01 00:00:00"
    events = [
        # id, type, status, start, precision, location, participants, [(article, sentence)]
        (1, "meeting", "occurred", "2021-10-20", "day", ids["Moscow"], "Russia; Taliban",
         [(5, body[5][:200]), (2, body[2][:160])], ["Russia", "Taliban"]),
        (2, "summit", "planned", "2022-01", "month", ids["Dushanbe"],
         "China; Russia; Shanghai Cooperation Organization",
         [(4, body[4][:180])], ["China", "Russia", "Shanghai Cooperation Organization"]),
        (3, "statement", "occurred", "2022-01-25", "day", None, "China; Iran",
         [(3, body[3][:150])], ["China", "Iran"]),
        (4, "accusation", "occurred", None, "unknown", None, NASTY,
         [(1, NASTY + " evidence")], ["Iran"]),
    ]
    for eid, etype, status, start, precision, loc, parts, reports, parties in events:
        sql("INSERT INTO events (id, event_type, plover_type, mode, status, date_start, date_end, "
            "date_precision, date_text, date_resolution, location_id, participants, "
            "extractor_version, created_at) VALUES (:eid, :etype, NULL, NULL, :status, :start, NULL, "
            ":precision, NULL, 'explicit', :loc, :parts, 'test', :stamp)",
            eid=eid, etype=etype, status=status, start=start, precision=precision, loc=loc,
            parts=parts, stamp=stamp)
        for article_id, sentence in reports:
            sql("INSERT INTO event_reports (event_id, article_id, field, sentence_index, start, "
                "\"end\", sentence, \"trigger\", status, date_start, date_end, date_precision, "
                "date_text, date_resolution, location_id, extractor_version) VALUES "
                "(:eid, :article, 'body', 0, 0, :end, :sentence, NULL, :status, :start, NULL, "
                ":precision, NULL, 'explicit', :loc, 'test')",
                eid=eid, article=article_id, end=len(sentence), sentence=sentence, status=status,
                start=start, precision=precision, loc=loc)
        for name in parties:
            sql("INSERT INTO event_parties (event_id, entity_id, role) VALUES (:eid, :entity, 'participant')",
                eid=eid, entity=ids[name])
    quotes = [
        (5, ids["Sergey Lavrov"], "Sergey Lavrov", "emphasised",
         "forming a really inclusive government fully reflecting the interests of all", "direct"),
        (2, None, "a joint statement", "said", NASTY, "reported"),
    ]
    for article_id, speaker, speaker_text, cue, quote, kind in quotes:
        [(quote_id,)] = sql(
            "INSERT INTO quotes (article_id, speaker_entity_id, speaker_text, cue, text, kind, "
            "start, \"end\", sentence_index, extractor_version) VALUES (:article, :speaker, "
            ":speaker_text, :cue, :quote, :kind, 0, 1, 0, 'test') RETURNING id",
            article=article_id, speaker=speaker, speaker_text=speaker_text, cue=cue, quote=quote,
            kind=kind).all()
        if speaker:
            sql("INSERT INTO quote_speakers (quote_id, entity_id) VALUES (:quote, :speaker)",
                quote=quote_id, speaker=speaker)
    for article_id, theme, hits in [
        (2, "diplomacy", 3), (3, "diplomacy", 1), (5, "diplomacy", 4), (3, "security", 2),
        (4, "security", 1), (2, "humanitarian", 2), (1, "diplomacy", 1),
    ]:
        sql("INSERT INTO theme_hits (article_id, theme, hits) VALUES (:article, :theme, :hits)",
            article=article_id, theme=theme, hits=hits)


class _Checker(HTMLParser):
    """Checks that non-void elements nest and close properly; collects ids and resources."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}
    SVG_LEAVES = {"rect", "circle", "line", "polyline", "path"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: set[str] = set()
        self.resources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("src", "href", "xlink:href", "action", "data", "poster", "srcset"):
            value = attrs.get(key)
            if value and not value.startswith("#"):
                self.resources.append(f"{tag} {key}={value}")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
            return
        self.stack.pop()


def make_report(runner, db_path, tmp_path, *args, name="report.html"):
    out = tmp_path / name
    result = runner.invoke(cli, ["--db", str(db_path), "report", "html", "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out, result.output


def assert_self_contained(page: str) -> None:
    assert not re.search(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", page, re.I)
    assert "@import" not in page and "<link" not in page.lower()
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert "http://" not in page and "https://" not in page
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp and "default-src 'none'" in html.unescape(csp.group(1))


def parse_svgs(page: str) -> list[ET.Element]:
    blocks = re.findall(r"<svg\b.*?</svg>", page, re.S)
    return [ET.fromstring(block) for block in blocks]


def test_report_with_events(runner, seeded_db, tmp_path):
    add_sample_events(seeded_db)
    out, output = make_report(runner, seeded_db, tmp_path, "--title", "Afghan talks <2021>")
    assert output.startswith(f"Wrote {out} (")
    assert "4 events" in output and "2 quotes" in output
    page = out.read_text(encoding="utf-8")

    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.problems == [] and checker.stack == []
    assert {"timeline", "network", "entities", "themes", "evidence", "quotes"} <= checker.ids
    assert {"event-1", "event-2", "event-3", "event-4"} <= checker.ids
    assert checker.resources == [], checker.resources
    assert_self_contained(page)

    # Escaping: the title and the hostile strings come out as text, never as markup.
    assert "<title>Afghan talks &lt;2021&gt;</title>" in page
    assert NASTY not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # only our own small filter script

    # Charts: well-formed SVG with real marks.
    svgs = parse_svgs(page)
    assert len(svgs) == 4  # events per month, network, themes, mentions
    for el in svgs:
        assert el.tag == "svg" and el.get("viewBox") and el.find("title") is not None
    events_chart, network_chart = svgs[0], svgs[1]
    assert events_chart.find("title").text == "Events per month by type"
    bar_titles = [r.find("title").text for r in events_chart.iter("rect") if r.find("title") is not None]
    assert "2021-10: meeting 1" in bar_titles and "2022-01: summit 1" in bar_titles
    assert len(network_chart.findall("circle")) == 25
    assert len(network_chart.findall("line")) > 10
    widths = {float(x.get("stroke-width")) for x in network_chart.findall("line")}
    assert len(widths) > 1  # edge width follows the weight

    # Sections with content.
    assert "No events yet" not in page and "No quotes yet" not in page
    assert "Moscow" in page and "Russia; Taliban" in page
    assert "forming a really inclusive government" in page  # quote
    evidence = page[page.index('id="evidence"'):page.index('id="quotes"')]
    assert "Russia hosted talks on Afghanistan on Wednesday" in evidence  # event 1, article 5
    # Article 5's publisher, "The Hindu", comes from its site furniture.
    assert 'The Hindu · <span class="origin">seeds/004_3dc87db143e1ef87.txt</span>' in evidence
    assert "Sputnik" in evidence and "002_211e3199587ab92f.txt" in evidence  # source and origin
    assert "diplomacy" in page and "Articles per theme per month" in page
    timeline = page[page.index('id="timeline"'):page.index('id="network"')]
    assert timeline.index("2021-10-20") < timeline.index("2022-01-25") < timeline.index("undated")
    assert "1 event without a month-precise date is listed but not charted" in timeline


def test_empty_sections_and_filters(runner, seeded_db, tmp_path):
    clear_extracted(seeded_db)
    out, output = make_report(runner, seeded_db, tmp_path)
    page = out.read_text(encoding="utf-8")
    assert "0 events" in output
    for message in ("No events yet", "No quotes yet", "No themes yet"):
        assert message in page
    assert "Sergey Lavrov" in page  # entities are there even without events
    assert_self_contained(page)
    for el in parse_svgs(page):
        assert el.tag == "svg"

    add_sample_events(seeded_db)
    # A date range keeps the events inside it (and undated ones out).
    out, output = make_report(runner, seeded_db, tmp_path, "--since", "2022-01", "--until", "2022",
                              name="2022.html")
    page = out.read_text(encoding="utf-8")
    assert "2 events" in output and "1 article," in output
    assert 'id="event-2"' in page and 'id="event-3"' in page
    assert 'id="event-1"' not in page and 'id="event-4"' not in page

    # Focus on one entity, named by an alias in another case.
    out, output = make_report(runner, seeded_db, tmp_path, "--entity", "TALEBAN", "--limit", "5",
                              name="taliban.html")
    page = out.read_text(encoding="utf-8")
    assert "articles mentioning Taliban (organization)" in page
    assert 'id="event-1"' in page and 'id="event-2"' not in page
    network = parse_svgs(page)[1]
    assert len(network.findall("circle")) == 5
    labels = [t.text for t in network.findall("text")]
    assert "Taliban" in labels

    # Standard output.
    result = runner.invoke(cli, ["--db", str(seeded_db), "report", "html", "-o", "-", "--limit", "3"])
    assert result.exit_code == 0 and result.output.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("args,message", [
    (["--since", "2021-13"], "--since '2021-13' is not a date"),
    (["--since", "2022", "--until", "2021-12"], "--since 2022 is after --until 2021-12"),
    (["--entity", "Nobody Atall"], "No entity named 'Nobody Atall'"),
])
def test_errors_are_one_line(runner, tmp_path, new_db, args, message):
    db = new_db(tmp_path / "empty.db")
    assert runner.invoke(cli, ["--db", str(db), "db", "upgrade"]).exit_code == 0
    result = runner.invoke(cli, ["--db", str(db), "report", "html", "-o", str(tmp_path / "r.html"), *args])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output
    assert result.output.count("\n") == 1


def test_no_database(runner, tmp_path, databases):
    result = runner.invoke(cli, ["--db", str(databases.missing(tmp_path / "none.db")), "report", "html"])
    assert result.exit_code == 1 and "No database at" in result.output


def test_numbers_match_the_views(seeded_db):
    """Unfiltered, the report's entities and pairs are exactly the saved views' rows."""
    from archive.config import resolve
    from archive.htmlreport import collect

    data = collect(resolve(str(seeded_db)), limit=10_000)
    overview = {r[0]: r[1:] for r in rows(
        seeded_db, "SELECT entity_id, n_articles, n_mentions, n_sources FROM entity_overview "
                   "WHERE status <> 'unresolved'")}
    assert {r[0]: (r[4], r[5], r[6]) for r in data.entities} == overview
    top = [r[0] for r in data.entities[:30]]
    pairs = {(min(a, b), max(a, b)): n for a, b, n in rows(
        seeded_db, "SELECT entity_a_id, entity_b_id, n_articles FROM entity_cooccurrence")}
    expected = {k: n for k, n in pairs.items() if k[0] in top and k[1] in top}
    assert {(a, b): n for a, b, n in data.pairs} == expected


def test_svg_helpers_escape_and_are_deterministic():
    from archive import svg

    nodes = [svg.Node(1, "A <&> B", "person", 3), svg.Node(2, "C", "country", 1),
             svg.Node(3, "D", "organization", 2)]
    edges = [svg.Edge(1, 2, 1), svg.Edge(2, 3, 4)]
    one = svg.network(nodes, edges, title="t")
    assert one == svg.network(list(reversed(nodes)), list(reversed(edges)), title="t")
    root = ET.fromstring(one)
    assert "A <&> B" in [t.text for t in root.iter("text")]
    bars = ET.fromstring(svg.stacked_bars(["2021-01"], [("x&y", [2])], title="<b>"))
    assert bars.find("title").text == "<b>"
    assert svg.nice_ticks(0) == [0, 1] and svg.nice_ticks(7)[-1] >= 7 and svg.nice_ticks(93)[-1] == 100


def test_month_range():
    from archive.htmlreport import month_range

    assert month_range(["2021-11", "2022-02"]) == ["2021-11", "2021-12", "2022-01", "2022-02"]
    assert month_range([]) == []


@pytest.fixture
def browser():
    import browser as helper

    if helper.chromium() is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium) - browser check skipped")
    return helper


def test_report_renders_in_chromium(browser, runner, seeded_db, new_db, tmp_path):
    add_sample_events(seeded_db)
    out, _ = make_report(runner, seeded_db, tmp_path)
    shot = tmp_path / "report.png"
    result = browser.render(out, shot)
    assert result.console_errors == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert "Actor network" in result.dom and "Russia hosted talks" in result.dom

    # An empty archive renders cleanly too.
    empty = new_db(tmp_path / "empty.db")
    assert runner.invoke(cli, ["--db", str(empty), "db", "upgrade"]).exit_code == 0
    out, _ = make_report(runner, empty, tmp_path, name="empty.html")
    assert "No entities yet" in out.read_text(encoding="utf-8")
    result = browser.render(out, tmp_path / "empty.png")
    assert result.console_errors == []


def test_browser_helper_catches_errors(browser, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html><head><title>bad</title></head><body><p>x</p>"
                    "<script>console.error('boom'); missing();</script>"
                    "<img src='nothere.png'></body></html>", encoding="utf-8")
    errors = " | ".join(browser.render(page, tmp_path / "bad.png").console_errors)
    assert "console.error: boom" in errors
    assert "missing is not defined" in errors
    assert "nothere.png" in errors
