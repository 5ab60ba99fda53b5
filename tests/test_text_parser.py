"""The plain-text reader on the peculiarities of each seed, and on shapes seen elsewhere."""


import pytest

from archive.errors import ParseError
from archive.ingest.text import is_section_label, parse_text, title_from_filename

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
        # news-dev/polnear names: the outlet and the date are no title words
        ("breitbart_2016-09-12_stealth-over-health-hillary-clin.txt", "Stealth over health hillary clin"),
        ("trump-wins-2016-11-09.txt", "Trump wins"),
        ("2016-11-09.txt", None),
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


# -- headlines, section labels, decks (news-dev/polnear; only the short header lines are
# copied, each from the file named beside it; the bodies below are written for the tests) --

BODY = ("The committee met on Thursday to hear the testimony of three witnesses, and its members "
        "asked for the documents that the department had promised to send before the vote.\n\n"
        "A second hearing is planned for next month, when the agency's director is expected to "
        "answer the questions that were left open.")


@pytest.mark.parametrize(
    "name,header,title",
    [
        # breitbart_2016-09-12_stealth-over-health-hillary-clin.txt: a headline ending with a stop
        ("breitbart_2016-09-12_stealth-over-health-hillary-clin.txt",
         "Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to Avoid Bad Optics.",
         "Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to Avoid Bad Optics"),
        # politico_2016-09-28_axelrod-calls-on-dean-to-apologi.txt: sentence case, no slug name
        ("4f1c2a9e.txt",
         "Axelrod calls on Dean to apologize for suggesting Trump uses cocaine.",
         "Axelrod calls on Dean to apologize for suggesting Trump uses cocaine"),
        # breitbart_2016-09-28_mary-j-blige-sings-to-hillary-cl.txt: the stop inside the quote
        ("breitbart_2016-09-28_mary-j-blige-sings-to-hillary-cl.txt",
         "Mary J. Blige sings to Hillary Clinton in preview clip of ‘The 411.’",
         "Mary J. Blige sings to Hillary Clinton in preview clip of ‘The 411’"),
        # wash-post_2016-09-08_virginian-could-make-history-aga.txt: two sentences keep their stops
        ("wash-post_2016-09-08_virginian-could-make-history-aga.txt",
         "Virginian could make history. Again.", "Virginian could make history. Again."),
        # wash-post_2016-09-18_e-u-leaders-weigh-plans-for-grea.txt: "E.U." is no sentence end
        ("wash-post_2016-09-18_e-u-leaders-weigh-plans-for-grea.txt",
         "E.U. leaders weigh plans for greater military coordination.",
         "E.U. leaders weigh plans for greater military coordination"),
        # usa-today_2016-09-23_ready-for-trump-vs-clinton-his-p.txt: "vs." is no sentence end
        ("usa-today_2016-09-23_ready-for-trump-vs-clinton-his-p.txt",
         "Ready for Trump vs. Clinton?;\nHis primary debate tricks won't work in the three upcoming faceoffs.",
         "Ready for Trump vs. Clinton?; His primary debate tricks won't work in the three upcoming faceoffs"),
    ],
    ids=["title-case-stop", "sentence-case-stop", "stop-in-quote", "two-sentences", "initialism",
         "semicolon-vs"],
)
def test_first_line_is_the_headline_even_ending_with_a_stop(name, header, title):
    a = parse_text(f"{header}\n\n{BODY}", name)
    assert (a.title, a.title_origin) == (title, "text")
    assert a.body.startswith("The committee met on Thursday")


@pytest.mark.parametrize(
    "header,title,labels",
    [
        # nyt_2016-09-12_visa-program-up-for-renewal-amid-.txt
        ("Visa Program Up for Renewal Amid Allegations of Fraud.\n\nABSTRACT.",
         "Visa Program Up for Renewal Amid Allegations of Fraud", ["ABSTRACT."]),
        # usa-today_2016-09-16_hold-melania-trump-to-her-husban.txt
        ("Hold Melania Trump to her husband's standards.\n\nLETTERS.",
         "Hold Melania Trump to her husband's standards", ["LETTERS."]),
        # usa-today_2016-09-29_can-you-imagine-if-trump-were-a-.txt
        ("Can you imagine if Trump were a woman?\n\nLetters.",
         "Can you imagine if Trump were a woman?", ["Letters."]),
        # breitbart_2016-10-03_the-latest-trump-s-leaked-taxes-.txt (a live file's time stamp)
        ("The Latest: Trump’s leaked taxes not from Connecticut.\n\n2:45 p.m.",
         "The Latest: Trump’s leaked taxes not from Connecticut", ["2:45 p.m."]),
        # wash-post_2016-09-25_phone-video-is-first-public-look.txt: a fragment and a deck
        ("Phone video is first public look at Charlotte death.\n\nIn her recording,.\n\n"
         "Keith Lamont Scott's wife pleads for his life.",
         "Phone video is first public look at Charlotte death", ["In her recording,."]),
        # a named section above the headline (archive/data/section_labels.txt)
        ("Opinion\n\nThe budget deal leaves the hard choices to the next Congress",
         "The budget deal leaves the hard choices to the next Congress", ["Opinion"]),
    ],
    ids=["abstract", "letters-caps", "letters", "time-stamp", "fragment", "named-label"],
)
def test_section_labels_are_never_titles(header, title, labels):
    a = parse_text(f"{header}\n\n{BODY}", "x.txt")
    assert (a.title, a.title_origin) == (title, "text")
    assert a.provenance["section_labels"] == labels


def test_a_deck_after_the_headline_is_not_the_title():
    # nyt_2016-09-30_keep-the-returns-trump-just-give.txt (headline, then a one-line deck)
    text = f"Keep the Returns, Trump; Just Give Us a Few Figures.\n\nMr. Trump, I have a deal for you.\n\n{BODY}"
    a = parse_text(text, "nyt_2016-09-30_keep-the-returns-trump-just-give.txt")
    assert a.title == "Keep the Returns, Trump; Just Give Us a Few Figures"
    assert a.provenance["deck_lines"] == ["Mr. Trump, I have a deal for you."]
    assert "kicker_lines" not in a.provenance


@pytest.mark.parametrize(
    "name,header,title,from_body",
    [
        # usa-today_2016-09-22_derelict-obama-and-clinton-trump.txt: a short second line
        ("usa-today_2016-09-22_derelict-obama-and-clinton-trump.txt",
         "Derelict Obama and Clinton; \nTrump will go on offense against radical Islamic terrorism.",
         "Derelict Obama and Clinton; Trump will go on offense against radical Islamic terrorism", False),
        # usa-today_2016-09-08_candidates-vie-for-vets-support-.txt: a second line read as prose
        ("usa-today_2016-09-08_candidates-vie-for-vets-support-.txt",
         "Candidates vie for vets' support; \n"
         "Trump and Clinton point out own credentials, each other's failings during leadership forum.",
         "Candidates vie for vets' support; Trump and Clinton point out own credentials, "
         "each other's failings during leadership forum", True),
    ],
)
def test_a_headline_ending_with_a_semicolon_goes_on_in_the_next_line(name, header, title, from_body):
    a = parse_text(f"{header}\n\n{BODY}", name)
    assert a.title == title
    assert ("title_second_line" in a.provenance) is from_body
    assert "deck_lines" not in a.provenance
    assert a.body.startswith("The committee met on Thursday")


def test_wire_dateline_line_opens_the_body_and_full_text_label_is_dropped():
    # breitbart_2016-09-30_the-latest-trump-urges-supporter.txt (AP's "The Latest" file);
    # nyt_2016-09-08_obama-on-climate-change-the-tren.txt ("ABSTRACT." ... "FULL TEXT.")
    text = ("The Latest: Trump urges supporters to monitor polling places.\n\n"
            "WASHINGTON (AP) — The Latest on the U.S. presidential race (all times EDT):\n\n7 p.m.\n\n"
            f"{BODY}\n\nFULL TEXT.\n\nThe hearing ended after four hours, and the committee adjourned until the spring.")
    a = parse_text(text, "breitbart_2016-09-30_the-latest-trump-urges-supporter.txt")
    assert a.title == "The Latest: Trump urges supporters to monitor polling places"
    assert a.body.startswith("WASHINGTON (AP) — The Latest on the U.S. presidential race")
    assert "FULL TEXT." not in a.body
    assert ("AP", "wire") in credits(a)


@pytest.mark.parametrize(
    "name,first",
    [
        # tehran-times-2k: body-only files named after a slug that the lead does not share
        ("_news_149767_National-interests-Iran-s-redline-in-signing-peace-pipeline.txt",
         "Iran has asked the Indian and Pakistani officials to sign the final contract this year."),
        # a dateline paragraph is never a headline, whatever the file name
        ("notes.txt", "TEHRAN — Iran's foreign minister met his Pakistani counterpart on Monday."),
        # breitbart_2016-09-26_green-party-candidate-jill-stein.txt (the dateline of its lead)
        ("notes.txt", "HEMPSTEAD, N.Y., Sept. 26 (UPI) — Green Party presidential candidate Jill Stein was removed."),
    ],
)
def test_a_short_lead_paragraph_is_not_taken_for_a_headline(name, first):
    a = parse_text(f"{first}\n\n{BODY}", name)
    assert a.body.startswith(first)
    assert a.title_origin in ("filename", None)


@pytest.mark.parametrize(
    "line,label",
    [
        ("ABSTRACT.", True), ("FULL TEXT.", True), ("Letters.", True), ("7 p.m.", True),
        ("12:50 p.m.", True), ("10:30 a.m. EDT", True), ("In her recording,.", True),
        ("Analysis:", True), ("Breaking News", True),
        ("U.S.", False), ("Caddell continued:", False), ("Trump wins", False),
        ("Moscow Afghan talks International", False),
        ("WHAT IT’S LIKE TO GIVE BIRTH IN GAZA", False),
    ],
)
def test_is_section_label(line, label):
    assert is_section_label(line) is label


@pytest.mark.parametrize(
    "header,title,kickers",
    [
        ("The Hindu\n\nRussia hosts Afghan talks, calls for inclusive government",
         "Russia hosts Afghan talks, calls for inclusive government", ["The Hindu"]),  # a source's name
        ("World › Asia\n\nRussia hosts Afghan talks, calls for inclusive government",
         "Russia hosts Afghan talks, calls for inclusive government", ["World › Asia"]),  # a breadcrumb
        ("Tehran Times\n\nPolitics\n\nRussia hosts Afghan talks, calls for inclusive government",
         "Russia hosts Afghan talks, calls for inclusive government", ["Tehran Times"]),
        # a short headline before a longer deck stays the title
        ("Obama Visits Hiroshima\n\nPresident pays tribute to the victims of the bomb",
         "Obama Visits Hiroshima", None),
    ],
    ids=["source-name", "breadcrumb", "masthead-and-section", "short-headline"],
)
def test_kicker_lines_above_the_headline(header, title, kickers):
    a = parse_text(f"{header}\n\n{BODY}", "x.txt")
    assert a.title == title
    assert a.provenance.get("kicker_lines") == kickers
