"""The plain-text reader on the peculiarities of each seed, and on shapes seen elsewhere."""


import pytest

from archive.errors import ParseError
from archive.ingest.text import parse_text, title_from_filename

from conftest import FIXTURES, SEEDS


def seed(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return parse_text(path.read_text(encoding="utf-8"), str(path))


def credits(article):
    return {(c.name, c.role) for c in article.credits}


def test_seed_000_repeated_title_source_line_no_year_and_related_news():
    a = seed("000")
    assert a.title == "Envoys From Region Hold Talks on Afghanistan in Dushanbe"
    assert a.published.precision == "no-year"
    assert a.published.iso is None
    assert a.published.text == "14 Sep, 13:08"
    assert ("Amu Tv", "publisher") in credits(a)
    assert ("The Caspian Post", "via") in credits(a)
    assert a.provenance["tags"] == ["Iran"]
    assert "Related news" not in a.body
    # the lead repeated under "Related news" is not kept twice
    assert a.body.count("Special envoys from China, Iran, Russia and Pakistan") == 1
    assert not a.body.startswith("Envoys From Region")
    assert a.body.endswith("women’s work.")


def test_seed_001_weekday_date_afp_credit_and_leave_a_comment():
    a = seed("001")
    assert a.title == "Russia, China and Iran defend collaboration with the Taliban"
    assert (a.published.iso, a.published.precision) == ("2021-10-21T09:51", "minute")
    assert a.published.text == "Thursday, October 21, 2021 | 9:51 am."
    assert ("AFP", "wire") in credits(a) or ("AFP news agency", "wire") in credits(a)
    assert "Leave a Comment" not in a.body
    assert a.body.endswith("Lavrov stressed.")


def test_seed_002_date_before_title_sourse_typo_and_photo_captions():
    a = seed("002")
    assert a.title == "Putin, Xi Agree on Joint Approach to ‘Open, Tolerant Interaction’ With All Afghan Parties"
    assert (a.published.iso, a.published.precision) == ("2022-01-25T05:49", "minute")
    assert ("sputniknews.com", "publisher") in credits(a)
    assert ("AFP", "photo") in credits(a)
    assert "AFP 2021 /" not in a.body
    assert len(a.captions) == 2
    for furniture in ("Sourse:", "Related posts", "Leave a Reply", "Your email address"):
        assert furniture not in a.body
    assert a.body.startswith("Regional powers, including Iran and China")


def test_seed_003_summary_widget_interfax_and_teasers():
    a = seed("003")
    assert a.title == "Taliban Seeks SCO Summit Participation Amid Regional Security Talks"
    assert a.published is None
    assert ("Interfax", "wire") in credits(a)
    for furniture in ("No time to read?", "Get a summary", "Previous Article", "Next Article",
                      "Medvedev", "Wimbledon", "Queen Camilla", "Edinburgh", "[Source: Interfax]"):
        assert furniture not in a.body
    assert a.body.endswith("humanitarian responses at large.")


def test_seed_004_kicker_caption_printable_version_is_retrieval_not_publication():
    a = seed("004")
    assert a.title == "Russia hosts Afghan talks, calls for inclusive government"
    assert a.provenance["kicker_lines"] == ["Moscow Afghan talks International"]
    assert a.published is None  # the printable-version stamp is not a publication date
    assert (a.retrieved.iso, a.retrieved.precision) == ("2021-11-29T09:19:51", "second")
    assert ("AP", "photo") in credits(a)
    for furniture in ("Photo Credit", "Read more:", "Our code of editorial values",
                      "Please Email the Editor", "Printable version", "Next Story",
                      "closed for comments"):
        assert furniture not in a.body
    assert a.body.startswith("Russia hosted talks on Afghanistan on Wednesday")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_bodies_keep_paragraphs(prefix):
    a = seed(prefix)
    assert a.body.count("\n\n") >= 5
    assert a.language == "en"


def test_body_only_file_takes_title_from_file_name_and_drops_licence():
    path = FIXTURES / "tehran_times/articles/_news_463048_Afghanistan-conflict-neighbors-reading.txt"
    a = parse_text(path.read_text(encoding="utf-8"), str(path))
    assert a.title == "Afghanistan conflict neighbors reading"
    assert a.title_origin == "filename"
    assert "Creative Commons" not in a.body
    assert a.provenance["licence"].startswith("All Content by Mehr News Agency")
    assert a.body.count("\n\n") >= 3  # paragraph breaks restored


@pytest.mark.parametrize(
    "name,title",
    [
        ("_news_463144_U-S-is-responsible-for-crisis-in-Afghanistan.txt", "U.S. is responsible for crisis in Afghanistan"),
        ("_news_464102_Iran-reduces-diplomatic-staff-in-Kabul.txt", "Iran reduces diplomatic staff in Kabul"),
        ("_news_463279_Biden-following-Trump-s-policies-in-Afghanistan-analyst.txt", "Biden following Trump's policies in Afghanistan analyst"),
        ("000_2286a57d6484c226.txt", None),
        ("notes.txt", None),
    ],
)
def test_title_from_filename(name, title):
    assert title_from_filename(name) == title


def test_dateline_and_editor_initials():
    text = ("TEHRAN — Iran's foreign minister met his Pakistani counterpart on Monday to discuss "
            "the situation in Afghanistan and border trade. The two sides agreed to meet again. AM/PA")
    a = parse_text(text, "x.txt")
    assert a.provenance["dateline"] == "Tehran"
    assert a.provenance["editor_initials"] == "AM/PA"
    assert a.body.endswith("agreed to meet again.")


@pytest.mark.parametrize(
    "text,reason",
    [
        ("", "empty file (no text)"),
        ("   \n\n  ", "empty file (no text)"),
        ("Related news\nLeave a Comment\n", "no article body (no paragraph of prose found)"),
        ("Title only", "no article body (no paragraph of prose found)"),
    ],
)
def test_no_body_is_a_parse_error(text, reason):
    with pytest.raises(ParseError) as info:
        parse_text(text, "bad.txt")
    assert str(info.value) == reason
