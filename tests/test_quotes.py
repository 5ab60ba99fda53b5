"""Quotes and their speakers on the seed articles (real text reader, shipped gazetteer,
extraction pipeline) and on small synthetic texts (archive.extract.quotes)."""

from pathlib import Path

import pytest

from archive.extract.entities import LexEntity, Mention
from archive.extract.pipeline import extract
from archive.extract.quotes import EXTRACTOR_VERSION, QuoteRecord, extract_quotes
from archive.extract.sentences import split
from archive.ingest.text import parse_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def matcher():
    from archive.evaluate import scratch_matcher

    return scratch_matcher()


def seed_quotes(name, matcher, extra_mentions=()):
    path = next(SEEDS.glob(name + "*"))
    article = parse_text(path.read_text(encoding="utf-8"), str(path))
    result = extract(article.body, matcher.lexicon, matcher.countries, title=article.title)
    mentions = sorted(list(result.mentions) + list(extra_mentions), key=lambda m: (m.start, -m.end))
    return article, extract_quotes(article.body, result.sentences, mentions)


def starting(quotes, words) -> QuoteRecord:
    for q in quotes:
        if q.text.startswith(words):
            return q
    raise AssertionError(f"no quote starting {words!r} in {[q.text[:40] for q in quotes]}")


def test_kabulov_told_a_press_conference(matcher):
    article, quotes = seed_quotes("001", matcher)
    q = starting(quotes, "Recognition will only come")
    assert q.speaker is not None and q.speaker.name == "Zamir Kabulov"
    assert q.speaker_text == "Kabulov" and q.speakers == [q.speaker]
    assert q.cue == "told a press conference" and q.kind == "direct"
    assert article.body[q.start:q.end] == q.text


def test_lavrov_stressed_and_added(matcher):
    _, quotes = seed_quotes("001", matcher)
    q = starting(quotes, "numerous terrorist groups")
    assert q.speaker.name == "Sergey Lavrov" and q.cue == "stressed" and q.kind == "direct"
    q = starting(quotes, "We recognize the efforts")
    assert q.speaker.name == "Sergey Lavrov" and q.speaker_text == "Lavrov" and q.cue == "stressed"
    q = starting(quotes, "There is a real risk")  # "..., he added"
    assert q.speaker.name == "Sergey Lavrov" and q.speaker_text == "he" and q.cue == "added"


def test_joint_statement_is_attributed_to_its_parties(matcher):
    _, quotes = seed_quotes("001", matcher)
    q = starting(quotes, "Any future engagement with Afghanistan")
    assert q.speaker_text == "the joint statement"
    assert {"Russia", "China", "Iran"} <= {e.name for e in q.speakers}
    assert q.speaker is None  # several parties: no single speaker


def test_kabulov_called_on_the_taliban(matcher):
    _, quotes = seed_quotes("001", matcher)
    q = starting(quotes, "the Taliban to abide by their commitments")
    assert q.speaker.name == "Zamir Kabulov" and q.kind == "reported" and q.cue == "called on"


def test_xi_said(matcher):
    _, quotes = seed_quotes("002", matcher)
    q = starting(quotes, "China is ready to bolster dialogue")
    assert q.speaker.name == "Xi Jinping" and q.speaker_text == "Xi" and q.cue == "said"


def test_speaker_unknown_to_the_gazetteer(matcher):
    # the name finder finds the name the gazetteer does not know, and the quote resolves to it
    article, quotes = seed_quotes("000", matcher)
    q = starting(quotes, "The SCO’s approach to Afghanistan")
    assert q.speaker.name == "Ghulam Farooq Aleem" and q.speaker.ref == "extracted:person:ghulam farooq aleem"
    assert q.speaker_text == "Ghulam Farooq Aleem" and q.cue == "said" and q.kind == "direct"
    # the next paragraph continues the same quote
    q2 = starting(quotes, "That is why they see")
    assert q2.speaker_text == "Ghulam Farooq Aleem"


def test_yue_writing_in_a_post(matcher):
    _, quotes = seed_quotes("000", matcher)
    q = starting(quotes, "pleased to participate in the quadrilateral meeting")
    assert q.speaker.name == "Yue Xiaoyong" and q.cue == "writing"


def test_lavrov_emphasised_in_seed_004(matcher):
    _, quotes = seed_quotes("004", matcher)
    q = starting(quotes, "forming a really inclusive government")
    assert q.speaker.name == "Sergey Lavrov" and q.cue == "emphasised"
    q = starting(quotes, "there must be no rush")
    assert q.speaker.name == "Vladimir Putin" and q.kind == "reported" and q.cue == "noted"


def test_offsets_point_at_the_quoted_text(matcher):
    for name in ("000", "001", "002", "003", "004"):
        article, quotes = seed_quotes(name, matcher)
        for q in quotes:
            assert article.body[q.start:q.end] == q.text
            assert q.kind in ("direct", "reported")
            assert q.cue


# ---------------------------------------------------------------------------- synthetic

ZARIF = LexEntity("zarif", "Mohammad Javad Zarif", "person")
ARNAULT = LexEntity("arnault", "Jean Arnault", "person")
IRAN = LexEntity("iran", "Iran", "country")
IRNA = LexEntity("irna", "Islamic Republic News Agency", "organization")


def run(text, entities):
    ms = []
    for surface, entity in entities:
        start = 0
        while (i := text.find(surface, start)) >= 0:
            ms.append(Mention(entity, i, i + len(surface), surface, "name"))
            start = i + len(surface)
    ms.sort(key=lambda m: (m.start, -m.end))
    return extract_quotes(text, split(text), ms)


def test_reported_speech_forms():
    text = ("Zarif said that intra-Afghan talks are the only solution to the crisis. "
            "According to Arnault, no country alone will be able to solve the problems of Afghanistan. "
            "Iran is ready to host such a meeting in Tehran, Zarif added. "
            "Officials say the talks will resume next week. "
            "Zarif stressed the importance of dialogue between the Afghan parties.")
    quotes = run(text, [("Zarif", ZARIF), ("Arnault", ARNAULT), ("Iran", IRAN)])
    got = [(q.speaker.name if q.speaker else None, q.cue, q.text[:25], q.kind) for q in quotes]
    assert got == [
        ("Mohammad Javad Zarif", "said", "intra-Afghan talks are th", "reported"),
        ("Jean Arnault", "according to", "no country alone will be ", "reported"),
        ("Mohammad Javad Zarif", "added", "Iran is ready to host suc", "reported"),
    ]  # generic "Officials say" and the noun-phrase "stressed the importance of" are not quotes


def test_multi_sentence_quote_and_pronoun_speaker():
    text = ("Zarif met Arnault in Tehran on Sunday. "
            "“We are ready. We will host the talks,” he said. "
            "“The time is short for every side,” Arnault told IRNA.")
    quotes = run(text, [("Zarif", ZARIF), ("Arnault", ARNAULT), ("IRNA", IRNA), ("Iran", IRAN)])
    assert [(q.text, q.speaker.name, q.speaker_text) for q in quotes] == [
        ("We are ready. We will host the talks", "Mohammad Javad Zarif", "he"),
        ("The time is short for every side", "Jean Arnault", "Arnault"),
    ]
    assert quotes[1].cue.startswith("told")


def test_scare_quotes_and_titles_are_not_quotes():
    text = ("Iran hosted a conference titled “Afghanistan, Sustainable Peace, and Security” on Monday. "
            "Zarif called the withdrawal “irresponsible” in Tehran.")
    assert run(text, [("Zarif", ZARIF), ("Iran", IRAN)]) == []


def test_version_and_empty():
    assert EXTRACTOR_VERSION == "quotes-2"
    assert extract_quotes("", [], []) == []


# ---------------------------------------------------------------------------- house styles
# Short sentences from the PolNeAR development articles (copyrighted news: single sentences
# only, each with its source file under news-dev/polnear/articles/).

HILLARY = LexEntity("hillary", "Hillary Clinton", "person")
MARCO_RUBIO = LexEntity("rubio", "Marco Rubio", "person")
UFT = LexEntity("uft", "United Federation of Teachers", "organization")


def got(quotes):
    return [(q.kind, q.speaker.name if q.speaker else None, q.speaker_text, q.cue, q.text) for q in quotes]


def test_nyt_double_apostrophe_quotes():
    # nyt_2016-09-28_what-mexico-could-do-when-up-aga.txt; the gazetteer's Marco Rubio is
    # not "Luis Rubio"
    text = ("''That's Mexico's vulnerability,'' said Luis Rubio, who heads the Center of Research for "
            "Development in Mexico City. ''There is nothing more important in Mexico than Nafta.''")
    assert got(run(text, [("Rubio", MARCO_RUBIO)])) == [
        ("direct", None, "Luis Rubio", "said", "That's Mexico's vulnerability"),
        ("direct", None, "Luis Rubio", "(continuation)", "There is nothing more important in Mexico than Nafta."),
    ]


def test_title_abbreviation_and_party_tag_are_not_the_speaker():
    # huff-post_2016-09-16_black-lawmakers-rip-donald-trump.txt ("Rep" was the speaker)
    text = ("“This is a disgusting day,” said Rep. G.K. Butterfield (D-N.C.), head of the Congressional "
            "Black Caucus. “Donald Trump is a disgusting fraud.”")
    assert got(run(text, [])) == [
        ("direct", None, "G.K. Butterfield", "said", "This is a disgusting day"),
        ("direct", None, "G.K. Butterfield", "(continuation)", "Donald Trump is a disgusting fraud."),
    ]
    # west-journal_2016-09-23_clinton-breaks-with-obama-on-law.txt
    text = "“Our assumption is that the veto will be overridden,” Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday."
    assert got(run(text, [])) == [
        ("direct", None, "Mitch McConnell", "said Tuesday", "Our assumption is that the veto will be overridden"),
    ]


def test_mixed_quotation_marks_and_long_appositives():
    # politico_2016-09-15_trump-s-favorite-tv-doctor-has-a.txt: opens straight, closes curly
    text = ("\"Oz has a huge bully pulpit, with the entire Oprah empire behind him,” said David Gorski, an "
            "associate professor of surgery at the Wayne State University School of Medicine.")
    assert got(run(text, [])) == [
        ("direct", None, "David Gorski", "said", "Oz has a huge bully pulpit, with the entire Oprah empire behind him"),
    ]
    # huff-post_2016-09-27_obama-power-plant-rules-face-key.txt: two appositives
    text = ("“It’s an invasion, in our estimation, of the state regulatory domain,” Scott Pruitt, the Republican "
            "attorney general of Oklahoma, one of the states suing the EPA, said at a Washington event this month.")
    assert got(run(text, [])) == [
        ("direct", None, "Scott Pruitt", "said", "It’s an invasion, in our estimation, of the state regulatory domain"),
    ]


def test_signed_quote():
    # huff-post_2016-09-27_latinos-share-their-most-honest-.txt
    text = ("“He can’t even answer a question without scaring people about something else first.” ― Esther Tapia\n\n"
            "Next paragraph.")
    assert got(run(text, [])) == [
        ("direct", None, "Esther Tapia", "―", "He can’t even answer a question without scaring people about something else first."),
    ]


def test_the_boss_does_not_get_the_spokesmans_words():
    # politico_2016-09-12_former-dnc-chairman-calls-for-cl.txt
    text = ("“I think by the middle of the week she’ll be out there campaigning as aggressively as ever,” "
            "Clinton campaign spokesman Brian Fallon said on Monday.")
    assert got(run(text, [("Clinton", HILLARY)])) == [
        ("direct", None, "Brian Fallon", "said on Monday",
         "I think by the middle of the week she’ll be out there campaigning as aggressively as ever"),
    ]
    # politico_2016-09-22_judge-rejects-new-york-times-req.txt
    text = "\"We are pleased with the Court's well-reasoned decision and order,\" Trump lawyer Marc Kasowitz said."
    trump = LexEntity("trump", "Donald Trump", "person")
    assert got(run(text, [("Trump", trump)])) == [
        ("direct", None, "Marc Kasowitz", "said", "We are pleased with the Court's well-reasoned decision and order"),
    ]


def test_name_before_an_appositive_naming_an_organisation():
    # huff-post_2016-10-07_frustrated-parents-rally-nationw.txt
    text = ("Michael Mulgrew, president of the United Federation of Teachers, which represents New York City "
            "educators, said he hopes the day of action sends a message.")
    assert got(run(text, [("United Federation of Teachers", UFT)])) == [
        ("reported", None, "Michael Mulgrew", "said", "he hopes the day of action sends a message"),
    ]


def test_reported_speech_of_a_bare_surname_and_broad_cues():
    # politico_2016-09-17_de-blasio-says-chelsea-explosion.txt
    text = "O'Neill said officials are in possession of video that shows the explosion."
    assert got(run(text, [])) == [
        ("reported", None, "O'Neill", "said", "officials are in possession of video that shows the explosion"),
    ]
    # wash-post_2016-09-08_virginian-could-make-history-aga.txt
    text = "Scott joked that, among African Americans, Trump ranks fourth in a two-way race."
    assert got(run(text, [])) == [
        ("reported", None, "Scott", "joked", "among African Americans, Trump ranks fourth in a two-way race"),
    ]


def test_quoted_titles_are_not_quotes():
    # wash-post_2016-09-26_charlotte-struggles-to-return-to.txt
    text = "Pence told CNN's \"State of the Union.\" that he would not comment on the videos."
    assert [q for q in run(text, []) if q.kind == "direct"] == []


def test_she_said_is_the_nearest_woman_named():
    # politico_2016-09-15_trump-s-favorite-tv-doctor-has-a.txt (the first sentence is ours):
    # "she" is not Donald Trump, named last, but the senator the text names before
    trump = LexEntity("trump", "Donald Trump", "person")
    text = ("Democratic Sen. Claire McCaskill (D-Mo.) scolded him: “The scientific community is almost monolithic "
            "against you in terms of the efficacy of the three products you called ‘miracles,’” she said. "
            "Donald Trump did not answer. “When you call a product a miracle, and it’s something you can buy, "
            "I don’t understand why you need to go there,” she said.")
    assert [(q.speaker, q.speaker_text) for q in run(text, [("Donald Trump", trump)])] == [
        (None, "Claire McCaskill"), (None, "Claire McCaskill"),
    ]


def test_the_senator_said_is_the_senator_named_before():
    # politico_2016-09-16_sanders-clinton-needs-to-get-awa.txt (shortened)
    sanders = LexEntity("sanders", "Bernie Sanders", "person")
    text = ("Sen. Bernie Sanders met Hillary Clinton in Vermont. "
            "The senator said he would introduce legislation in the next session of Congress.")
    quotes = run(text, [("Bernie Sanders", sanders), ("Hillary Clinton", HILLARY)])
    assert got(quotes) == [
        ("reported", "Bernie Sanders", "The senator", "said",
         "he would introduce legislation in the next session of Congress"),
    ]


def test_name_with_an_appositive_before_or_after_it():
    # politico_2016-09-22_judge-rejects-new-york-times-req.txt
    assert got(run("A lawyer for the news outlets, David Schulz, said no immediate decision had been made on an appeal.", [])) == [
        ("reported", None, "David Schulz", "said", "no immediate decision had been made on an appeal"),
    ]
    # wash-post_2016-09-16_burma-leader-s-visit-to-washingt.txt (shortened)
    text = "Erin Murphy, a former Clinton aide who accompanied her to Burma in 2011, said McConnell's trip was perhaps more important."
    assert got(run(text, [])) == [
        ("reported", None, "Erin Murphy", "said", "McConnell's trip was perhaps more important"),
    ]
    # politico_2016-09-23_partisan-fireworks-over-clinton-.txt (shortened)
    text = ("“If the FBI wanted any other American’s laptops, they’d just go get them,” Rep. Jim Jordan (R-Ohio), "
            "an oversight panel member, said in a phone interview.")
    assert got(run(text, [])) == [
        ("direct", None, "Jim Jordan", "said", "If the FBI wanted any other American’s laptops, they’d just go get them"),
    ]


def test_courtesy_title_before_a_surname_that_is_also_a_title():
    # nyt_2016-09-19_old-hands-help-russia-navigate-u.txt (shortened)
    text = "''I have never -- never -- been told what to say,'' Mr. King, 82, told The New York Times."
    assert got(run(text, [])) == [("direct", None, "King", "told", "I have never -- never -- been told what to say")]


def test_reported_speech_of_described_sources_and_long_appositives():
    # breitbart_2016-10-03_the-latest-trump-s-leaked-taxes-.txt: the campaign, not Hillary Clinton
    assert got(run("The Clinton campaign says the ad will air on national cable stations.", [("Clinton", HILLARY)])) == [
        ("reported", None, "The Clinton campaign", "says", "the ad will air on national cable stations"),
    ]
    # politico_2016-09-25_poll-clinton-and-trump-in-dead-h.txt
    text = ("HIllary Clinton and Donald Trump are virtually tied heading into their first debate, according to "
            "a new Washington Post-ABC News national poll.")
    assert got(run(text, [])) == [
        ("reported", None, "a new Washington Post-ABC News national poll", "according to",
         "HIllary Clinton and Donald Trump are virtually tied heading into their first debate"),
    ]
    # nyt_2016-09-25_obama-says-african-american-muse.txt (shortened)
    text = ("Donna Sampson Rawlings, 59, of Ashton, Md., who watched the ceremony on a screen on the Mall, said "
            "the event brought back memories of her father.")
    assert got(run(text, [])) == [
        ("reported", None, "Donna Sampson Rawlings", "said", "the event brought back memories of her father"),
    ]
    # breitbart_2016-09-30_the-latest-trump-urges-supporter.txt
    text = ("City Attorney Brad Holm said in the letter that the advertisement “unmistakably and wrongfully” "
            "suggests that Phoenix and its officers support Trump’s campaign.")
    assert got(run(text, [])) == [
        ("reported", None, "Brad Holm", "said in the letter",
         "the advertisement “unmistakably and wrongfully” suggests that Phoenix and its officers support Trump’s campaign"),
    ]


def test_quoted_phrase_in_a_sentence_with_its_own_subject():
    # wash-post_2016-09-25_federal-court-rules-against-ohio.txt (the first sentence is ours):
    # the phrase is Pepper's, not a continuation of Husted's quote
    husted = LexEntity("husted", "Jon Husted", "person")
    text = ("“We will comply with the ruling,” Husted said. "
            "Ohio Democratic Party Chairman David Pepper called Friday's decision a \"huge win for Ohio voters.\"")
    assert got(run(text, [("Husted", husted)])) == [
        ("direct", "Jon Husted", "Husted", "said", "We will comply with the ruling"),
        ("direct", None, "David Pepper", "called", "huge win for Ohio voters."),
    ]


def test_hyphenated_and_capitalised_words_are_not_cues():
    # tehran-times-dev _news_468276_Inclusive-government-in-Afghanistan-key-to-sust.txt (CC BY 4.0,
    # Mehr News Agency / Tehran Times): "OIC-proposed" is no cue, "the United States" no speaker
    text = "Commenting on the OIC-proposed mechanism, Qureshi said that the mechanism has been established, and donations will be made."
    assert got(run(text, [])) == [
        ("reported", None, "Qureshi", "said", "the mechanism has been established, and donations will be made"),
    ]
    # tehran-times-dev _news_465018_High-Qatari-delegation-visits-Afghanistan.txt
    text = ('The Taliban added, the Doha agreement, signed by the United States and the Taliban, was a '
            '"landmark achievement, all sides should adhere to its implementation".')
    assert [q.cue for q in run(text, [])] == ["added"]


def test_an_unnamed_spokesperson_keeps_the_words():
    # tehran-times-dev _news_464121_Ex-Afghan-President-Ashraf-Ghani-in-UAE-says-in-talks-to-return.txt
    # (CC BY 4.0, Mehr News Agency; shortened): the affiliation stays in the words, the IMF is not
    # the speaker (it was before)
    imf = LexEntity("imf", "International Monetary Fund", "organization")
    text = "“There is currently a lack of clarity within the international community,” an IMF spokesperson said."
    assert got(run(text, [("IMF", imf)])) == [
        ("direct", None, "an IMF spokesperson", "said", "There is currently a lack of clarity within the international community"),
    ]
    # wash-post_2016-10-05_international-monetary-fund-slas.txt: "International" opens a name here
    text = "The International Monetary Fund announced Tuesday that it is lowering its forecast for U.S. growth this year."
    assert got(run(text, [("International Monetary Fund", imf)])) == [
        ("reported", "International Monetary Fund", "International Monetary Fund", "announced Tuesday",
         "it is lowering its forecast for U.S. growth this year"),
    ]


def test_parenthetical_cue_after_a_courtesy_title():
    # nyt_2016-09-28_what-mexico-could-do-when-up-aga.txt
    text = "If this argument fails to persuade, Mr. Castañeda argues, there are other tools in the toolbox."
    assert got(run(text, [])) == [("reported", None, "Castañeda", "argues", text[:-1])]


def test_single_quotation_marks_in_a_text_without_double_ones():
    # tehran-times-2k _news_117195_Annan-calls-for-5-Ds-to-fight-terrorism.txt (CC BY 4.0, Mehr
    # News Agency / Tehran Times; shortened): straight single quotes; "he" is Annan
    text = ("'I believe all five are interlinked conditions crucial to the success of any strategy against "
            "terrorism,' Annan told the UN General Assembly. 'To succeed, we will need to make progress on all "
            "those fronts,' he said.")
    annan = LexEntity("annan", "Kofi Annan", "person")
    assert [(q.speaker.name, q.speaker_text, q.cue, q.text[:20]) for q in run(text, [("Annan", annan)])] == [
        ("Kofi Annan", "Annan", "told", "I believe all five a"),
        ("Kofi Annan", "he", "said", "To succeed, we will "),
    ]
    # curly single quotes; the plural possessive is no closing mark (our sentence)
    text = "The minister, who met his counterpart, said: ‘The students’ union will not decide this for us.’"
    assert [(q.speaker_text, q.text) for q in run(text, [])] == [
        ("The minister", "The students’ union will not decide this for us."),
    ]


def test_quote_ending_in_a_nested_quote_then_a_speaker_with_an_appositive():
    # huff-post_2016-10-07_ava-duvernay-s-th-explores-the-e.txt (shortened)
    text = ("“This narrative is being pushed by media, where we find the labels of ‘criminal, super predator,’” "
            "Malkia Cyril, the executive director at the Center of Media Justice, told The Huffington Post.")
    assert got(run(text, [])) == [
        ("direct", None, "Malkia Cyril", "told",
         "This narrative is being pushed by media, where we find the labels of ‘criminal, super predator,’"),
    ]


def test_participle_cue_after_the_sentence_subject_and_its_appositive():
    # politico_2016-09-28_axelrod-calls-on-dean-to-apologi.txt: not the committee in the appositive
    dnc = LexEntity("dnc", "Democratic National Committee", "organization")
    text = ("Dean, a former Democratic National Committee chairman and presidential candidate, poked at Trump's "
            "persistent sniffing during the Monday night debate, tweeting, “Notice Trump sniffing all the time. Coke user?”")
    assert got(run(text, [("Democratic National Committee", dnc)])) == [
        ("direct", None, "Dean", "tweeting", "Notice Trump sniffing all the time. Coke user?"),
    ]


def test_organisation_names_with_a_preposition():
    # breitbart_2016-09-30_the-latest-trump-urges-supporter.txt: the name goes on after "on";
    # a mention of part of it does not stand for it
    debates = LexEntity("debates", "Presidential Debates", "organization")
    text = ("The nonpartisan Commission on Presidential Debates says there was indeed a problem with "
            "Donald Trump’s microphone during Monday night’s first general election debate.")
    assert [(q.speaker, q.speaker_text) for q in run(text, [("Presidential Debates", debates)])] == [
        (None, "Commission on Presidential Debates"),
    ]


def test_a_quote_inside_a_quote_in_the_same_marks():
    # huff-post_2016-09-27_latinos-share-their-most-honest-.txt
    text = ("“As a young, Hispanic woman....I’d rather live in what he calls “hell” than live in a world where he "
            "is president.” ― Adriana Rodarte\n")
    assert got(run(text, [])) == [
        ("direct", None, "Adriana Rodarte", "―", text[1:text.index("” ―")]),
    ]


def test_said_before_the_name():
    # politico_2016-10-04_trump-not-walking-the-walk-on-hi.txt (shortened)
    text = "Experts say her plans would make the code more complicated. Said Ellis: “I don’t get the sense she’s interested.”"
    assert got(run(text, [])) == [("direct", None, "Ellis", "Said", "I don’t get the sense she’s interested.")]


def test_continuation_after_a_sentence_about_someone_else():
    # wash-post_2016-09-26_charlotte-struggles-to-return-to.txt (shortened; the first sentence is ours)
    pence = LexEntity("pence", "Mike Pence", "person")
    sanders = LexEntity("sanders", "Bernie Sanders", "person")
    text = ("“We need to step away from efforts to demean law enforcement,” Pence said. "
            "On \"Face the Nation,\" Sen. Bernie Sanders (Vt.), who lost the Democratic primaries to Clinton, "
            "identified young voters' exhaustion with bigotry as one of the reasons. "
            "\"The younger people are ... more than any generation in American history, are sick and tired of "
            "discrimination and racism.\"")
    quotes = run(text, [("Pence", pence), ("Bernie Sanders", sanders)])
    assert [(q.speaker.name, q.cue) for q in quotes] == [("Mike Pence", "said"), ("Bernie Sanders", "(continuation)")]


def test_the_mayor_said_is_the_mayor_named_before():
    # politico_2016-09-17_de-blasio-says-chelsea-explosion.txt: nobody mentioned him, his name
    # words stand for "the mayor"
    text = ("Twenty-nine people were injured tonight in a densely packed Chelsea neighborhood by an explosion that "
            "Mayor Bill de Blasio described as “an intentional act.”\n\n"
            "\"We do not see a link to terrorism,\" the mayor said, adding that it would take \"more hours” before "
            "details emerge.")
    assert [(q.kind, q.speaker_text, q.cue) for q in run(text, [])] == [
        ("direct", "Bill de Blasio", "said"), ("reported", "Bill de Blasio", "adding"),
    ]


def test_told_a_named_outlet_closing_the_sentence():
    # huff-post_2016-09-22_trump-the-dealmaker-could-addres.txt
    text = ("Republican presidential nominee Donald Trump could embrace a clean energy policy as president, but only "
            "if he can be convinced that it’s a good business decision, Sen. Lindsey Graham (R-S.C.) told The "
            "Huffington Post on Thursday.")
    assert [(q.kind, q.speaker_text, q.cue, q.text[:30]) for q in run(text, [])] == [
        ("reported", "Lindsey Graham", "told The Huffington Post on Thursday", "Republican presidential nomine"),
    ]


def test_possessive_description_as_source():
    # politico_2016-09-12_former-dnc-chairman-calls-for-cl.txt; politico_2016-09-22_house-panel-votes-to-hold-clinto.txt
    assert [(q.speaker_text, q.cue) for q in run("Clinton’s team says she’ll continue her march toward Election Day.", [])] == [
        ("Clinton’s team", "says"),
    ]
    assert [(q.speaker_text, q.cue) for q in run("Pagliano's lawyer has said he will refuse to answer any questions.", [])] == [
        ("Pagliano's lawyer", "said"),
    ]


def test_quoted_phrase_after_the_subject_and_its_verb():
    # west-journal_2016-09-12_obama-seeks-more-muslim-refugees.txt
    obama = LexEntity("obama", "Barack Obama", "person")
    text = ("Obama called the holiday “a celebration of the ways faith can transcend any differences or boundaries "
            "and unite us under the banners of fellowship and love.”")
    assert [(q.speaker, q.cue, q.text[:15]) for q in run(text, [("Obama", obama)])] == [(obama, "called", "a celebration o")]


def test_appositive_between_dashes():
    # usa-today_2016-09-23_trump-questions-the-fairness-of-.txt (shortened)
    text = ("Kall -- co-editor of Debating The Donald, a book analyzing Trump's performances at GOP primary debates -- "
            "said the candidate tended to make announcements at those encounters.")
    assert got(run(text, [])) == [
        ("reported", None, "Kall", "said", "the candidate tended to make announcements at those encounters"),
    ]


def test_a_quoted_name_is_a_quote_but_a_quoted_title_is_not():
    # wikievents/articles/scenario_en_kairos_73.txt (trial testimony: a name as the whole answer) and
    # nyt_2016-09-25_obama-says-african-american-muse.txt (a song title)
    text = '"Who was it?" Mendeloff asked. "Timothy McVeigh," Elliott said.'
    assert [(q.speaker_text, q.text) for q in run(text, [])] == [("Mendeloff", "Who was it?"), ("Elliott", "Timothy McVeigh")]
    text = ("Ms. LaBelle got a huge roar from the crowd when, at the end of her emotional rendition of the civil rights "
            "anthem ''A Change Is Gonna Come,'' she added the words, ''Hillary Clinton.''")
    assert "A Change Is Gonna Come" not in [q.text for q in run(text, [])]


def test_person_mentions_of_the_coming_detector():
    # politico_2016-09-08_flynn-says-trump-absolutely-righ.txt (shortened): when every name
    # arrives as a person mention, the campaign manager still gets his words, not his boss
    mook = LexEntity("candidate:Robby Mook", "Robby Mook", "person")
    text = ("Hillary Clinton’s campaign manager Robby Mook said in an interview that Trump “lashed out at our "
            "nation's generals when he was asked for details.”")
    quotes = run(text, [("Hillary Clinton", HILLARY), ("Robby Mook", mook)])
    assert [(q.speaker, q.speaker_text) for q in quotes] == [(mook, "Robby Mook")]
    # the same words with no mention of him: his name words
    quotes = run(text, [("Hillary Clinton", HILLARY)])
    assert [(q.speaker, q.speaker_text) for q in quotes] == [(None, "Robby Mook")]
