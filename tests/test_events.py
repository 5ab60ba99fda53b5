"""Events from the seed articles through the real text reader, the shipped gazetteer and the
extraction pipeline (archive.extract.events), plus small synthetic cases."""

import json
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest

from archive.extract.entities import LexEntity, Mention
from archive.extract.events import EXTRACTOR_VERSION, EventRecord, Participant, event_types, extract_events
from archive.extract.pipeline import _entities, extract
from archive.extract.sentences import split
from archive.ingest.record import DateValue
from archive.ingest.text import parse_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def matcher():
    from archive.evaluate import scratch_matcher

    return scratch_matcher()


def read(name: str, matcher):
    path = next(SEEDS.glob(name + "*"))
    article = parse_text(path.read_text(encoding="utf-8"), str(path))
    result = extract(article.body, matcher.lexicon, matcher.countries, title=article.title)
    return article, result


def body_events(name, matcher):
    article, result = read(name, matcher)
    return article, extract_events(article.body, result.sentences, result.mentions, article.published)


def names(ev: EventRecord) -> set[str]:
    return {p.entity.name for p in ev.participants}


def first(events, event_type, **where):
    for ev in events:
        if ev.event_type == event_type and all(getattr(ev, k) == v for k, v in where.items()):
            return ev
    raise AssertionError(f"no {event_type} event in {[(e.event_type, e.trigger) for e in events]}")


# ---------------------------------------------------------------------------- seeds


def test_seed_001_talks_begun_on_wednesday(matcher):
    article, events = body_events("001", matcher)
    ev = first(events, "talks")
    assert {"Russia", "China", "Iran", "Taliban"} <= names(ev)
    assert (ev.date_start, ev.date_end, ev.date_precision, ev.date_resolution) == ("2021-10-20", "2021-10-20", "day", "relative")
    assert ev.date_text == "on Wednesday"
    assert ev.status == "occurred" and ev.plover_type == "CONSULT" and ev.mode == "multilateral"
    assert article.body[ev.start:ev.end].startswith("Russia, China and Iran began talks")


def test_seed_001_joint_statement_and_historical_invasion(matcher):
    _, events = body_events("001", matcher)
    statement = first(events, "statement")
    assert {"Russia", "China", "Iran"} <= names(statement)
    invasion = first(events, "attack")
    assert invasion.status == "historical" and invasion.date_start == "2001"
    assert "United States" in names(invasion)


def test_seed_004_caption_talks_in_moscow(matcher):
    article, _ = read("004", matcher)
    caption = article.captions[0]
    mentions = _entities(caption, matcher.lexicon, matcher.countries)
    events = extract_events(caption, split(caption), mentions, article.published, field="caption")
    ev = first(events, "talks")
    assert (ev.date_start, ev.date_precision, ev.date_resolution) == ("2021-10-20", "day", "explicit")
    assert ev.location is not None and ev.location.name == "Moscow"
    assert ev.field == "caption"
    assert "Moscow" not in names(ev)  # the place is not a party
    assert {"Russia", "Zamir Kabulov"} <= names(ev)


def test_seed_004_body_without_publication_date(matcher):
    article, events = body_events("004", matcher)
    assert article.published is None
    talks = first(events, "talks")
    assert {"Russia", "Taliban"} <= names(talks)
    assert talks.date_text == "on Wednesday" and talks.date_start is None
    assert talks.date_precision == "unknown" and talks.date_resolution == "unknown"
    war = first(events, "attack", trigger="fought a")
    assert war.status == "historical" and "Soviet Union" in names(war)
    withdrawal = first(events, "deployment")
    assert withdrawal.status == "historical" and withdrawal.date_start == "1989"
    # "designated ... a terrorist organisation in 2003": background once the article's own
    # year (2021, from its photo caption) is known
    _, result = read("004", matcher)
    events = extract_events(article.body, result.sentences, result.mentions, None, reference_year=2021)
    listing = first(events, "sanctions")
    assert listing.date_start == "2003" and listing.status == "historical"


def test_seed_000_quadrilateral_meeting(matcher):
    article, events = body_events("000", matcher)
    ev = first(events, "meeting", sentence_index=0)
    countries = {p.entity.name for p in ev.participants if p.entity.type == "country"}
    assert countries == {"China", "Iran", "Russia", "Pakistan"}
    assert ev.location is not None and ev.location.name in ("Tajikistan", "Dushanbe")
    # "on Saturday" in an article dated "14 Sep" without a year cannot be resolved
    assert ev.date_text == "on Saturday" and ev.date_start is None and ev.date_resolution == "unknown"
    assert ev.mode == "multilateral"


def test_title_events(matcher):
    # "Envoys From Region Hold Talks on Afghanistan in Dushanbe": the talks name no party
    # (Afghanistan is their topic), so no event is made from the title alone
    article, result = read("000", matcher)
    assert extract_events(article.title, split(article.title), result.title_mentions, article.published,
                          field="title") == []
    title = "Iran, Pakistan hold talks on Afghanistan in Islamabad"
    mentions = _entities(title, matcher.lexicon, matcher.countries)
    ev = first(extract_events(title, split(title), mentions, None, field="title"), "talks")
    assert ev.field == "title" and names(ev) == {"Iran", "Pakistan"} and ev.location.name == "Islamabad"


def test_seed_002_putin_xi_phone_call(matcher):
    _, events = body_events("002", matcher)
    ev = first(events, "phone_call")
    assert {"Vladimir Putin", "Xi Jinping", "Russia", "China"} <= names(ev)
    assert "Taliban" not in names(ev)  # named in what they agreed on, not on the call
    assert ev.mode == "phone" and ev.plover_type == "CONSULT"
    # "In a Wednesday phone call", published Tuesday 2022-01-25: the Wednesday before
    assert (ev.date_start, ev.date_resolution) == ("2022-01-19", "relative")


def test_seed_003_upcoming_summit_is_planned(matcher):
    _, events = body_events("003", matcher)
    ev = first(events, "summit")
    assert ev.status == "planned"
    assert "Shanghai Cooperation Organization" in names(ev)
    assert ev.location is not None and ev.location.name == "Kazakhstan"
    assert "Russia" not in names(ev)  # "banned in Russia" is not a party


def test_no_event_is_dated_by_its_publication_date(matcher):
    for name in ("000", "001", "002", "003", "004"):
        article, events = body_events(name, matcher)
        for ev in events:
            if ev.date_start is not None:
                assert ev.date_text, ev
                assert ev.date_resolution in ("explicit", "relative")
            else:
                assert ev.date_precision == "unknown" and ev.date_resolution == "unknown"
            assert article.body[ev.start:ev.end] == [s for s in split(article.body) if s.index == ev.sentence_index][0].text
            assert ev.trigger.lower() in article.body[ev.start:ev.end].lower()
            assert ev.status in ("occurred", "planned", "historical", "negated")
            assert ev.participants


# ---------------------------------------------------------------------------- synthetic


def E(ref, name, type_, capital_of=None):
    return LexEntity(ref, name, type_, capital_of)


RUSSIA, CHINA, IRAN, TALIBAN = E("ru", "Russia", "country"), E("cn", "China", "country"), E("ir", "Iran", "country"), E("tb", "Taliban", "organization")
DUSHANBE = E("dyu", "Dushanbe", "location")


def mentions_for(text, entities):
    out = []
    for surface, entity in entities:
        start = text.index(surface)
        out.append(Mention(entity, start, start + len(surface), surface, "name"))
    return sorted(out, key=lambda m: m.start)


def run(text, entities, published=None):
    return extract_events(text, split(text), mentions_for(text, entities), published)


def test_status_planned_negated_historical():
    ent = [("Russia", RUSSIA), ("China", CHINA)]
    assert run("Russia and China will hold talks next month.", ent)[0].status == "planned"
    assert run("Russia and China are due to hold talks.", ent)[0].status == "planned"
    assert run("Russia and China did not hold talks.", ent)[0].status == "negated"
    assert run("Russia refused to hold talks with China.", ent)[0].status == "negated"
    assert run("If Russia and China hold talks, the region gains.", ent)[0].status == "negated"
    pub = DateValue("2021-10-21", "day", "October 21, 2021")
    ev = run("Russia and China held talks in 2003 on the border.", ent, pub)[0]
    assert ev.status == "historical" and ev.date_start == "2003"
    ev = run("Russia and China held talks on Wednesday.", ent, pub)[0]
    assert ev.status == "occurred" and ev.date_start == "2021-10-20"
    ev = run("Russia and China will hold talks on Monday.", ent, pub)[0]
    assert ev.status == "planned" and ev.date_start == "2021-10-25"


@dataclass(frozen=True)
class Affiliated(LexEntity):
    country: LexEntity | None = None


def test_a_person_brings_their_country_along():
    lavrov = Affiliated("lav", "Sergey Lavrov", "person", country=RUSSIA)
    wang = Affiliated("wang", "Wang Yi", "person", country=CHINA)
    text = "Lavrov met Wang in Dushanbe on Tuesday."
    ev = run(text, [("Lavrov", lavrov), ("Wang", wang), ("Dushanbe", DUSHANBE)])[0]
    assert ev.event_type == "meeting"
    assert names(ev) == {"Sergey Lavrov", "Russia", "Wang Yi", "China"}
    assert ev.location == DUSHANBE and ev.mode == "bilateral"


def test_pronoun_subject_takes_the_previous_sentence_person():
    lavrov = Affiliated("lav", "Sergey Lavrov", "person", country=RUSSIA)
    text = "Sergey Lavrov arrived on Monday. He later met Iranian officials and the Taliban delegation in Tehran."
    tehran = E("thr", "Tehran", "location", capital_of="ir")
    ms = mentions_for(text, [("Sergey Lavrov", lavrov), ("Taliban", TALIBAN), ("Tehran", tehran)])
    i = text.index("Iranian")
    ms.append(Mention(IRAN, i, i + 7, "Iranian", "demonym"))
    events = extract_events(text, split(text), sorted(ms, key=lambda m: m.start), None)
    ev = first(events, "meeting")
    assert {"Sergey Lavrov", "Russia", "Iran", "Taliban"} <= names(ev)
    assert ev.location == tehran


def test_topics_and_venues_are_not_parties():
    afg = E("af", "Afghanistan", "country")
    tjk = E("tj", "Tajikistan", "country")
    text = "Russia and China held talks on Afghanistan in Tajikistan."
    ev = run(text, [("Russia", RUSSIA), ("China", CHINA), ("Afghanistan", afg), ("Tajikistan", tjk)])[0]
    assert names(ev) == {"Russia", "China"} and ev.location == tjk


def test_vocabulary_file_documents_every_type():
    data = json.loads(resources.files("archive.data").joinpath("event_types.json").read_text("utf-8"))
    assert data["_provenance"]["sources"]
    types = {t["event_type"] for t in event_types()}
    assert types == {"meeting", "talks", "phone_call", "visit", "summit", "conference", "statement", "agreement",
                     "appointment", "recognition", "sanctions", "aid", "military_exercise", "deployment", "attack",
                     "arrest", "trial", "protest"}
    for t in event_types():
        assert t["plover_type"] and t["description"]
    assert EXTRACTOR_VERSION == "events-2"
    assert Participant(RUSSIA, "host").role == "host"


def test_empty_and_speed(matcher):
    assert extract_events("", [], [], None) == []
    article, result = read("002", matcher)
    t0 = time.perf_counter()
    for _ in range(20):
        extract_events(article.body, result.sentences, result.mentions, article.published)
    assert (time.perf_counter() - t0) / 20 < 0.05  # a few milliseconds in practice
