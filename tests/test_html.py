"""The HTML reader on annotated news pages (tests/fixtures/html) and on hostile input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.errors import ParseError
from archive.ingest.html import parse_html, stamp_value
from archive.ingest.record import ParsedArticle

from conftest import FIXTURES, ROOT

HTML = FIXTURES / "html"
GOLD = {page["file"].split("/")[-1]: page for page in json.loads((HTML / "gold.json").read_text())}


def parse(name: str) -> ParsedArticle:
    path = HTML / GOLD[name]["file"]
    return parse_html(path.read_text(encoding="utf-8"), str(path))


def credits(article):
    return {(c.name, c.role) for c in article.credits}


@pytest.mark.parametrize(
    "name",
    [
        "japantimes.co.jp.surgical.html",
        "thelocal.se.tattooed.html",
        "salon.com.emissions.html",
        "corkbeo.ie.level.html",
        "viconsortium.com-cocaine.html",
        "independent.co.uk.penalty.html",
        "wsvn.com-crash.html",
        "bostonherald.com-Brothel-catering.html",
    ],
)
def test_gold_page_title_date_and_body(name):
    gold = GOLD[name]
    article = parse(name)
    assert " ".join(article.title.split()) == " ".join(gold["title"].split())
    assert article.title_origin == "html"
    assert article.published.iso[:10] == gold["date"]
    for snippet in gold["body_must_contain"]:
        assert snippet in article.body
    for snippet in gold["body_must_not_contain"]:
        assert snippet not in article.body
    assert "\n\n" in article.body and "\n\n\n" not in article.body


def test_title_strips_site_name_and_prefers_the_visible_headline():
    # <title> "... | The Japan Times"; og:title differs from the <h1> on The Independent
    assert parse("japantimes.co.jp.surgical.html").title.endswith("Kobe hospital")
    assert parse("independent.co.uk.penalty.html").title.startswith("Coronavirus: £1,000 fine")


def test_date_keeps_the_raw_stamp_and_its_precision():
    a = parse("thelocal.se.tattooed.html")
    assert (a.published.iso, a.published.precision) == ("2020-04-28T08:11:49", "second")
    assert a.published.text == "2020-04-28T08:11:49+02:00"
    assert a.published_origin == "html-meta:article:published_time"
    assert a.provenance["updated"] == "2020-04-28T08:11:51+02:00"  # updated: provenance only


def test_date_midnight_stamp_is_a_day_and_htmldate_fallback_is_marked():
    rutgers = parse("rutgers.edu.robot.html")
    assert (rutgers.published.iso, rutgers.published.precision) == ("2020-02-05", "day")
    toi = parse("timesofisrael.com.washington.html")
    toi_date = (toi.published.iso, toi.published.precision, toi.published_origin)
    assert toi_date == ("2020-01-08", "day", "htmldate")


def test_credits_publisher_wire_via_and_photo():
    japan = parse("japantimes.co.jp.surgical.html")
    assert ("The Japan Times", "publisher") in credits(japan)
    assert ("JIJI", "wire") in credits(japan)  # <p class="credit">JIJI</p>
    local = parse("thelocal.se.tattooed.html")
    assert ("AFP", "wire") in credits(local)  # author "AFP; The Local"
    assert "AFP" not in local.authors
    assert ("Jonathan Nackstrand/AFP", "photo") in credits(local)  # "... Photo: J. N./AFP" caption
    assert "Photo: Jonathan Nackstrand" not in local.body
    salon = parse("salon.com.emissions.html")
    assert ("Grist", "via") in credits(salon)
    assert ("Clayton Aldern / Grist", "photo") in credits(salon)
    assert salon.captions and all("Credit:" not in p for p in salon.body.split("\n\n"))
    wsvn = parse("wsvn.com-crash.html")
    assert ("WSVN 7News", "publisher") in credits(wsvn)  # not the SEO tail of og:site_name


def test_url_language_authors_and_provenance():
    a = parse("nytimes.com.blackouts.html")
    assert a.url == "https://www.nytimes.com/2020/08/16/business/california-blackouts.html"
    assert a.language == "en"
    assert a.authors == ["Ivan Penn"]
    assert a.provenance["hostname"] == "nytimes.com"
    assert a.provenance["description"].startswith("Managers of the electric system")
    msn = parse("msn.com.university.html")
    assert msn.language is None  # no lang attribute, no meta
    assert ("theguardian.com", "publisher") in credits(msn)


@pytest.mark.parametrize(
    "body, reason",
    [
        ("", "HTML page with no article text"),
        ("<img src='x.png'>", "HTML page with no article text"),
        ("<nav><a href='/'>Home</a></nav>", "HTML page with no article text (only site furniture)"),
        ("<p>Advertisement</p><p>Sign up for our newsletter</p>",
         "HTML page with no article text (only site furniture)"),
    ],
)
def test_page_without_article_text_raises_the_exact_reason(body, reason):
    page = f"<html><head><title>Home</title></head><body>{body}</body></html>"
    with pytest.raises(ParseError) as err:
        parse_html(page, "nav.html")
    assert str(err.value) == reason


@pytest.mark.parametrize("page", ["", "   \n", "\x00\x00"])
def test_empty_page_raises_parse_error(page):
    with pytest.raises(ParseError, match="not an HTML page"):
        parse_html(page, "empty.html")


def test_deeply_nested_html_does_not_crash():
    words = "<p>" + "Words of a sentence that goes on for a while, as articles do. " * 20 + "</p>"
    page = "<html><body>" + "<div>" * 5000 + words + "</div>" * 5000 + "</body></html>"
    try:
        article = parse_html(page, "deep.html")
    except ParseError:
        return
    assert isinstance(article, ParsedArticle)


def test_a_short_article_page_parses_with_wire_dateline():
    para = "TOKYO (AP) — A strong earthquake struck off the coast on Tuesday, officials said. "
    para *= 4
    page = (
        '<html lang="en-GB"><head><title>Quake hits coast | Daily Planet</title>'
        '<meta property="og:site_name" content="Daily Planet">'
        '<meta property="article:published_time" content="2021-10-21T09:51:00Z"></head>'
        f"<body><article><h1>Quake hits coast</h1><p>{para}</p><p>{para.lower()}</p>"
        "<p>Advertisement</p></article></body></html>"
    )
    a = parse_html(page, "quake.html")
    assert a.title == "Quake hits coast"
    assert (a.published.iso, a.published.precision) == ("2021-10-21T09:51", "minute")
    assert a.language == "en"
    assert {("AP", "wire"), ("Daily Planet", "publisher")} <= credits(a)
    assert "Advertisement" not in a.body


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


PROSE = "<p>" + "A paragraph of the article, long enough to count as prose for any reader. " * 3
PROSE += "</p>"


def test_furniture_class_on_the_article_wrapper_does_not_remove_the_article():
    body = (f'<div class="paywall subscription">{PROSE * 6}</div>'
            '<div class="newsletter-promo"><p>Sign up for our daily newsletter</p></div>')
    page = _page("<title>Budget passes</title>", body)
    a = parse_html(page, "paywalled.html")
    assert a.body.count("A paragraph of the article") >= 18
    assert "newsletter" not in a.body


def test_title_from_metadata_only_loses_the_site_segment():
    page = _page("<title>Budget passes after long night | The Daily Planet</title>", PROSE * 3)
    assert parse_html(page, "t.html").title == "Budget passes after long night"


def test_standfirst_shown_on_the_page_is_kept_as_the_lead():
    lead = "Lawmakers agreed on the spending plan after an all-night session in the capital."
    body = f'<h1>Budget passes</h1><h2 class="standfirst">{lead}</h2><article>{PROSE * 3}</article>'
    page = _page(f'<meta name="description" content="{lead}">', body)
    a = parse_html(page, "lead.html")
    assert a.body.startswith(lead + "\n\n")


@pytest.mark.parametrize(
    "raw, iso, precision",
    [
        ("2020-10-13T16:00:32Z", "2020-10-13T16:00:32", "second"),
        ("2021-10-21 09:51:00", "2021-10-21T09:51", "minute"),
        ("2021-10-21T09:51", "2021-10-21T09:51", "minute"),
        ("2020-02-05T00:00:00-0500", "2020-02-05", "day"),
        ("2019-12-23", "2019-12-23", "day"),
        ("October 21, 2021", "2021-10-21", "day"),
    ],
)
def test_stamp_value_precision(raw, iso, precision):
    value = stamp_value(raw)
    assert (value.iso, value.precision, value.text) == (iso, precision, raw)


def test_stamp_value_rejects_impossible_dates():
    assert stamp_value("2021-02-30") is None


def test_importing_the_readers_does_not_load_trafilatura():
    code = "import sys, archive.ingest.html, archive.ingest.jsonl\n"
    code += "print('trafilatura' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


_SOUP = st.lists(
    st.sampled_from(
        ["<div>", "</div>", "<p>", "</p>", "<h1>", "</h1>", "<script>", "</script>", "<br/>",
         '<meta property="og:title" content="T">', '<html lang="xx-">', "<body>", "<!--",
         '<?xml version="1.0" encoding="utf-8"?>', "&amp;", "&#0;", "\x00", "\ufeff", "<![CDATA[",
         '<script type="application/ld+json">{"datePublished": 5, "publisher": []}</script>',
         '<time datetime="2021-99-99">', "Words in a sentence that ends. ", "é ü ß 中文 "]
    ),
    max_size=60,
).map("".join)

_FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_parse_errors(page: str) -> None:
    try:
        assert isinstance(parse_html(page, "random.html"), ParsedArticle)
    except ParseError:
        pass


@_FAST
@given(st.text(max_size=2000))
def test_random_text_raises_only_parse_error(page):
    _only_parse_errors(page)


@_FAST
@given(st.binary(max_size=2000).map(lambda b: b.decode("latin-1")))
def test_random_latin1_bytes_raise_only_parse_error(page):
    _only_parse_errors(page)


@_FAST
@given(_SOUP)
def test_random_tag_soup_raises_only_parse_error(page):
    _only_parse_errors(page)


def _titled(head: str, body: str = "") -> str | None:
    return parse_html(_page(head, body + f"<article>{PROSE * 4}</article>"), "t.html").title


@pytest.mark.parametrize(
    "head, body, title",
    [
        # og:title first, its "| Site" gone
        ('<meta property="og:title" content="Quake hits the coast overnight | CNN">', "",
         "Quake hits the coast overnight"),
        # the headline's own dash and segments stay, written as they were
        ('<meta property="og:title" content="Biden’s plan — and why it matters | The Daily Planet">', "",
         "Biden’s plan — and why it matters"),
        ('<meta property="og:title" content="Coronavirus: £1,000 fine for false reports">', "",
         "Coronavirus: £1,000 fine for false reports"),
        # a section label before the headline
        ('<meta property="og:title" content="Opinion | Why the budget deal fails everyone">', "",
         "Why the budget deal fails everyone"),
        # the site's logo in the <h1> is no headline; the <title> loses " - Site"
        ('<meta property="og:site_name" content="Daily Planet">'
         "<title>Quake hits the coast overnight - Daily Planet</title>", "<h1>Daily Planet</h1>",
         "Quake hits the coast overnight"),
        # a section name in the <h1> that the <title> also carries is no headline either
        ("<title>Trump wins the vote in Ohio | Politics | Daily Planet</title>", "<h1>Politics</h1>",
         "Trump wins the vote in Ohio"),
        # an og:title cut short: the full title that it begins
        ('<meta property="og:title" content="Brothel catering to politicians, doctors,…">'
         '<meta property="og:site_name" content="Boston Herald">'
         "<title>Brothel catering to politicians, doctors, lawyers busted in Boston – Boston Herald</title>", "",
         "Brothel catering to politicians, doctors, lawyers busted in Boston"),
        # the site named by its host, its domain, a known source's name
        ('<link rel="canonical" href="https://www.miamitodaynews.com/2020/01/02/transit/">'
         "<title>Transit tax trust rejects data - Miami Today</title>", "", "Transit tax trust rejects data"),
        ("<title>Despite everything, emissions dipped in 2019 | Salon.com</title>", "",
         "Despite everything, emissions dipped in 2019"),
        ("<title>Rolling Blackouts in California Have Power Experts Stumped - The New York Times</title>", "",
         "Rolling Blackouts in California Have Power Experts Stumped"),
        ('<link rel="canonical" href="https://www.bbc.co.uk/news/uk-1">'
         "<title>Rail strike called off after late talks - BBC News</title>", "",
         "Rail strike called off after late talks"),
        # a headline heading other than <h1> that the og:title confirms
        ('<meta property="og:title" content="Council approves new budget after long debate">',
         '<h1>Local News</h1><h2 class="entry-title">Council approves new budget after long debate</h2>',
         "Council approves new budget after long debate"),
        # the visible headline, confirmed by an og:title that writes its quotes and dashes otherwise
        ('<meta property="og:title" content="Trump\'s tax plan: what it means for you | CNN">',
         "<h1>Trump’s tax plan — what it means for you</h1>", "Trump’s tax plan — what it means for you"),
        # a pipe segment longer than the headline may be the headline's: kept
        ("<title>Trump wins | The Washington Post Magazine Weekly</title>", "",
         "Trump wins | The Washington Post Magazine Weekly"),
    ],
    ids=["og-pipe-site", "og-keeps-dash", "og-keeps-colon", "section-prefix", "logo-h1", "section-h1",
         "truncated-og", "host-suffix", "domain-suffix", "known-source", "host-prefix-of-segment",
         "h2-confirmed", "quotes-and-dashes", "long-pipe-segment-kept"],
)
def test_html_title_kinds(head, body, title):
    assert _titled(head, body) == title
