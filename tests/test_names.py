"""The name finder (archive/extract/names.py): every proper name, typed by evidence, resolved
in the article. Sentences are short passages of the development corpora (the file each comes
from is named; VOA texts are US government works, the others are quoted for testing only)."""

import pytest

from archive.extract.entities import Lexicon, LexEntity
from archive.extract.gazetteer import read_file
from archive.extract.pipeline import extract
from conftest import FIXTURES


@pytest.fixture(scope="module")
def lex():
    entries = {e.key: e for e in read_file(FIXTURES / "gazetteer" / "test_gazetteer.jsonl")}
    lexents = {key: LexEntity(ref=key, name=e.name, type=e.type, ambiguous=e.ambiguous) for key, e in entries.items()}
    spellings = [(s, lexents[k], kind) for k, e in entries.items() for s, kind in e.spellings()]
    prefixes = {s: (k, kind) for k, e in entries.items() if e.type == "country" for s, kind in e.spellings()}
    return Lexicon(spellings, prefixes), {k: v for k, v in lexents.items() if v.type == "country"}


def names(lex, text, title=None):
    """(surface, entity name, type, kind) of every mention."""
    lexicon, countries = lex
    result = extract(text, lexicon, countries, title=title)
    return [(text[m.start:m.end], m.entity.name, m.entity.type, m.kind) for m in result.mentions]


def entities(lex, text):
    return {(n, t) for _, n, t, _ in names(lex, text)}


def test_unknown_people_and_places_are_entities(lex):
    # wikievents 32_VOA_EN_NW_2014.06.04.1929720
    text = ("A citizen of Kyrgyzstan on Wednesday pleaded not guilty to charges of hampering the investigation "
            "into the Boston Marathon bombing. Khairullozhon Matanov, 23, faces one criminal count of destroying "
            "records. Matanov was a friend of Tamerlan Tsarnaev, who was killed in a shootout with police, and his "
            "brother Dzhokhar Tsarnaev. He is being held in a federal prison west of Boston.")
    found = names(lex, text)
    assert ("Matanov", "Khairullozhon Matanov", "person", "surname") in found
    assert {("Khairullozhon Matanov", "person"), ("Tamerlan Tsarnaev", "person"), ("Dzhokhar Tsarnaev", "person"),
            ("Boston", "location"), ("Kyrgyzstan", "location")} <= entities(lex, text)
    assert not {n for n, _ in entities(lex, text)} & {"Boston Marathon", "Wednesday", "A", "He"}


def test_titles_become_roles(lex):
    lexicon, countries = lex
    # polnear (Politico, 2016): "Sen." is a title, not part of the name
    result = extract("Democratic vice presidential nominee Sen. Tim Kaine said Sunday that he had not seen it.",
                     lexicon, countries)
    [kaine] = [c for c in result.candidates if c.type == "person"]
    assert (kaine.name, kaine.role) == ("Tim Kaine", "senator")
    # wikievents wiki_ied_bombings_1_news_4: "Mr Whitelaw" is Whitelaw
    assert ("Whitelaw", "person") in entities(lex, "Early today Mr Whitelaw gave an interview to the BBC.")


def test_a_surname_goes_to_the_person_of_this_article(lex):
    # polnear-style coordination: "Bill and Chelsea Clinton" are two Clintons, neither of them Hillary
    text = ("Bill and Chelsea Clinton arrived on Tuesday. Hillary Clinton spoke later. "
            "Clinton thanked the crowd.")
    got = entities(lex, text)
    assert {("Bill Clinton", "person"), ("Chelsea Clinton", "person"), ("Hillary Clinton", "person")} <= got
    # a tie goes to the person named first, never to the most famous
    assert ("Clinton", "Bill Clinton", "person", "surname") in names(lex, text)


def test_family_members_are_not_the_father(lex):
    text = "Melania Trump and Donald Trump Jr. stood beside Donald Trump at the rally."
    got = {n for n, t in entities(lex, text) if t == "person"}
    assert got == {"Melania Trump", "Donald Trump Jr", "Donald Trump"}


def test_middle_initials_and_possessives_make_one_person(lex):
    lexicon, countries = lex
    # polnear (New York Times style)
    result = extract("James B. Comey testified on Thursday. James Comey's letter reached Congress.", lexicon, countries)
    comey = [c for c in result.candidates if c.type == "person"]
    assert len(comey) == 1 and comey[0].name == "James B. Comey"
    assert [s[2] for s in comey[0].spans] == ["James B. Comey", "James Comey"]


def test_an_organisation_keeps_its_whole_name(lex):
    # wikievents road_ied_8, scenario_en_8
    got = entities(lex, "the Syrian Observatory for Human Rights said. The European Centre for Disease Prevention "
                        "and Control warned.")
    assert ("Syrian Observatory for Human Rights", "organization") in got
    assert ("European Centre for Disease Prevention and Control", "organization") in got


def test_a_place_inside_a_longer_name_is_no_mention(lex):
    # the gazetteer knows Washington; "Washington Post" and "New York University" are names of their own
    got = names(lex, "He wrote for the Washington Post and taught at New York University.")
    assert [n for _, n, _, _ in got] == ["Washington Post", "New York University"]


def test_geographic_heads_in_lower_case_belong_to_the_place(lex):
    # wikievents road_ied_12, 64_VOA_EN_NW_2017.06.05.3887168
    found = names(lex, "The blast hit a patrol in Arghandab district on Sunday, near the Didsbury mosque.")
    assert ("Arghandab district", "Arghandab", "location", "name") in found
    assert ("Didsbury mosque", "Didsbury", "location", "name") in found


@pytest.mark.parametrize("text", [
    # wikievents scenario_en_62: a sentence opener that the article writes in lower case too
    "Government opponents are begging voters to stay home. The government says otherwise.",
    # adjectives, faiths, groups, plurals and days are not entities
    "It hark back to old-school Marxist regimes and Kurdish-led militias.",
    "Sunni and Shia Muslims prayed together; the Tsarnaevs lived nearby.",
    "Bloody Friday was remembered on Monday.",
    # a share bar and a Title Case teaser line (wikievents scenario_en_kairos_60; polnear)
    "Whatsapp Tumblr Digg Send",
    "“I’m sure,” he said. “They’ve changed their tactics there.”",
])
def test_no_names_in(lex, text):
    assert names(lex, text) == []


def test_a_title_case_line_keeps_only_its_names(lex):
    # polnear (Breitbart, 2016): an embedded headline
    got = {n for _, n, _, _ in names(lex, "Watch: Chris Christie Calls Hillary Clinton A Liar On Live TV")}
    assert got == {"Chris Christie", "Hillary Clinton"}


def test_a_name_only_the_headline_gives_is_not_kept(lex):
    got = names(lex, "Officials said the blast killed three.", title="Government Opponents Beg Voters To Stay Home")
    assert got == []


def test_acronyms_are_organisations_unless_used_as_common_nouns(lex):
    # wikievents road_ied_12: "IED" beside "IEDs" is a common noun
    got = entities(lex, "The FBI said an IED exploded. IEDs are common there.")
    assert got == {("FBI", "organization")}


def test_an_acronym_defined_in_parentheses_is_its_long_form(lex):
    lexicon, countries = lex
    # Tehran Times development articles (CC BY 4.0, Mehr News Agency)
    text = "the Collective Security Treaty Organization (CSTO) met. The CSTO said so."
    [csto] = [c for c in extract(text, lexicon, countries).candidates]
    assert csto.name == "Collective Security Treaty Organization" and "CSTO" in csto.aliases
    assert [s[2] for s in csto.spans] == ["Collective Security Treaty Organization", "CSTO", "CSTO"]
    # the gazetteer knows the acronym: the long form is its spelling
    found = names(lex, "the Islamic State of Iraq and Syria (ISIS) claimed it.")
    assert {n for _, n, _, _ in found} == {"Islamic State"}


def test_a_fuller_name_of_a_gazetteer_person_is_that_person(lex):
    # the test gazetteer knows "Hamid Karzai" (and so his surname after a full mention)
    found = names(lex, "Hamid Karzai arrived. Later Hamid M. Karzai said the Karzai Administration had done it.")
    assert {n for _, n, _, _ in found} == {"Hamid Karzai"}


def test_a_state_code_after_its_city_is_no_name(lex):
    assert entities(lex, "He spoke in Charlotte, NC, and in Baltimore, Md., on Monday.") == {
        ("Charlotte", "location"), ("Baltimore", "location")}


def test_a_compass_point_makes_a_region_of_a_place_not_of_an_adjective(lex):
    # wikievents scenario_en_62 ("this South American country"); the test gazetteer knows
    # "America" as the United States, with "American" its demonym only in the full gazetteer
    found = names(lex, "Protests spread across Western China and this South American country.")
    assert ("Western China", "Western China", "location", "name") in found
    assert not any(surface == "South American" for surface, _, _, _ in found)


def test_lower_case_heads_and_places_after_of(lex):
    # Tehran Times development articles (CC BY 4.0, Mehr News Agency)
    found = names(lex, "Following the attacks, the ISIS Amaq news agency said on its Telegram channel. "
                       "Dr. Shams, the former governor of Badgheis, was present.")
    assert ("Amaq news agency", "Amaq", "organization", "name") in found
    assert ("Badgheis", "Badgheis", "location", "name") in found


def test_a_first_name_alone_before_the_full_name_is_someone_else(lex):
    # wikievents scenario_en_62 (Washington Post): José the bus driver is not José Luis Zapatero
    got = names(lex, "But José, a Caracas bus driver, said he was told to vote. Former Spanish prime "
                     "minister José Luis Rodríguez Zapatero came too.")
    assert ("José", "José", "person", "name") in got


def test_faith_words_and_acronyms_do_not_stick_to_a_name(lex):
    # wikievents wiki_ied_bombings_1_news_4 (The Guardian, 1972); wiki_drone_strikes_2_news_8 (E&T)
    got = entities(lex, "From at least two Ulster Protestant politicians came demands. A RAF Chinook landed.")
    assert ("RAF", "organization") in got
    assert not any(n in ("Ulster Protestant", "RAF Chinook") for n, _ in got)
