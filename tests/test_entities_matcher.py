"""The matcher's rules on a test-only gazetteer (tests/fixtures/gazetteer)."""

import pytest

from archive.extract.entities import Lexicon, LexEntity, possessive_variants
from archive.extract.gazetteer import read_file
from archive.extract.pipeline import extract
from conftest import FIXTURES


@pytest.fixture(scope="module")
def lex():
    entries = {e.key: e for e in read_file(FIXTURES / "gazetteer" / "test_gazetteer.jsonl")}
    capitals = {e.data["capital"]: key for key, e in entries.items() if e.data.get("capital")}
    lexents = {
        key: LexEntity(ref=key, name=e.name, type=e.type, capital_of=capitals.get(key), ambiguous=e.ambiguous)
        for key, e in entries.items()
    }
    spellings = [(s, lexents[k], kind) for k, e in entries.items() for s, kind in e.spellings()]
    spellings += possessive_variants(spellings, {k: e.country for k, e in entries.items()
                                                 if e.type == "organization" and e.country})
    prefixes = {s: (k, kind) for k, e in entries.items() if e.type == "country" for s, kind in e.spellings()}
    countries = {k: v for k, v in lexents.items() if v.type == "country"}
    return Lexicon(spellings, prefixes), countries


def found(lex, text):
    lexicon, countries = lex
    result = extract(text, lexicon, countries)
    return [(text[m.start:m.end], m.entity.name, m.kind) for m in result.mentions]


def test_case_rules(lex):
    assert found(lex, "The US and China met.") == [("US", "United States", "alias"), ("China", "China", "name")]
    assert found(lex, "let us buy fine china") == []


def test_possessive_and_word_boundaries(lex):
    assert found(lex, "Iran's envoy; the Iranians; Iranianism") == [
        ("Iran", "Iran", "name"), ("Iranians", "Iran", "demonym")]


def test_longest_match_and_hyphen_folding(lex):
    assert found(lex, "Islamic State-Khorasan claimed it.") == [("Islamic State-Khorasan", "Islamic State-Khorasan", "name")]
    assert found(lex, "Islamic State Khorasan claimed it.")[0][1] == "Islamic State-Khorasan"
    assert found(lex, "the Islamic State group")[0][1] == "Islamic State"


def test_ambiguous_short_alias_needs_more_than_two_letters(lex):
    assert found(lex, "It is what IS is.") == []
    assert found(lex, "Fighters of ISIS and Daesh.") == [("ISIS", "Islamic State", "alias"), ("Daesh", "Islamic State", "alias")]


def test_surname_after_full_name(lex):
    text = "Sergei Lavrov arrived. Later, Lavrov said no. Mr. Lavrov's aide left."
    assert found(lex, text) == [
        ("Sergei Lavrov", "Sergey Lavrov", "alias"),
        ("Lavrov", "Sergey Lavrov", "surname"),
        ("Lavrov", "Sergey Lavrov", "surname"),
    ]


def test_surname_alone_is_not_resolved(lex):
    assert found(lex, "Karzai spoke.") == []


def test_demonym_and_metonymy(lex):
    assert found(lex, "Tehran said the Chinese envoy went to Beijing.") == [
        ("Tehran", "Tehran", "name"), ("Tehran", "Iran", "metonym"),
        ("Chinese", "China", "demonym"), ("Beijing", "Beijing", "name"),
    ]
    assert found(lex, "Washington's policy failed.")[1] == ("Washington", "United States", "metonym")


def test_ethnic_group_is_not_the_country(lex):
    assert found(lex, "ethnic Tajik leaders met the Tajik president") == [("Tajik", "Tajikistan", "demonym")]


def test_dateline(lex):
    assert found(lex, "DUSHANBE — Officials met.")[0] == ("DUSHANBE", "Dushanbe", "dateline")


def test_country_qualified_organisation_short_form(lex):
    text = "Iran's Foreign Ministry said so. Later the Foreign Ministry added more."
    names = found(lex, text)
    assert names == [
        ("Iran's Foreign Ministry", "Ministry of Foreign Affairs of Iran", "alias"),
        ("Iran", "Iran", "name"),
        ("Foreign Ministry", "Ministry of Foreign Affairs of Iran", "alias"),
    ]
    assert ("Iranian", "Iran", "demonym") in found(lex, "The Iranian Foreign Ministry said so.")


@pytest.mark.parametrize(
    "text,name,type_",
    [
        ("Abdul Qayyum Soleimani, caretaker of the Afghan embassy in Tehran, told reporters.", "Abdul Qayyum Soleimani", "person"),
        ("Iran's ambassador to Iraq, Kazem Jalali, said on Monday that talks went well.", "Kazem Jalali", "person"),
        ("The delegation met Mawlawi Abdul Kabir in Kabul.", "Abdul Kabir", "person"),
        ("“We will not accept it,” said Nozar Shafiei in the interview.", "Nozar Shafiei", "person"),
        ("He heads the World Assembly on Islamic Awakening in Tehran.", "World Assembly on Islamic Awakening", "organization"),
    ],
)
def test_candidates(lex, text, name, type_):
    lexicon, countries = lex
    result = extract(text, lexicon, countries)
    assert (name, type_) in [(c.name, c.type) for c in result.candidates]


def test_an_honorific_is_a_role_and_its_spelling_an_alias(lex):
    lexicon, countries = lex
    [kabir] = [c for c in extract("The delegation met Mawlawi Abdul Kabir in Kabul.", lexicon, countries).candidates
               if c.type == "person"]
    assert (kabir.name, kabir.role, kabir.aliases) == ("Abdul Kabir", "mawlawi", {"Mawlawi Abdul Kabir"})


@pytest.mark.parametrize("text", [
    "The Foreign Ministry said so.",
    "On Monday The President said nothing.",
])
def test_no_generic_candidates(lex, text):
    lexicon, countries = lex
    assert extract(text, lexicon, countries).candidates == []
