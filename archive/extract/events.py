"""Events in one text field (body, title or a photo caption): plain records, no database.

An event is found from a trigger of the vocabulary in ``data/event_types.json`` (readable
type -> PLOVER type and default mode, trigger patterns, status cues, and per type: the
parties it needs, a role it needs, reclassifications) and filled from its sentence:

- **participants**: the parties named in the trigger's clause (clauses are cut at ``;``,
  dashes and subordinate conjunctions such as ", which", "after the", "since ...,");
  violence, deployments and the like take the parties next to the trigger (and whole lists:
  "the U.S. and its NATO allies"); when a meeting's clause has none before the trigger the
  sentence's main clause supplies the subject, and a pronoun subject ("He met ...", "its
  troops") takes the earlier party of the sentence or the previous sentence's person.
  Excluded: places (a place is the event's ``location``), a country after "in" for meetings
  and the like ("talks in Tajikistan": the venue), topics ("talks on Afghanistan", "envoy to
  Afghanistan", "the Afghanistan situation", "Afghanistan's neighbours"), what an event
  happens on the sidelines of, news media and platforms, sources ("according to ..."), the
  reporter of a reported event ("Kirby said ... explosions"), demonyms that do not name a
  government, officials or forces ("an Afghan neighbour"), and anything inside quotation
  marks unless the trigger is inside them too. For meetings, talks, calls, statements and
  agreements the window ends at the first infinitive or participle after the trigger ("agreed
  to cooperate on ... the Taliban takeover": the Taliban are not on the call). A person brings
  their country along when that country is mentioned in the sentence or is the person's
  affiliation (``getattr(entity, "country", None)``); a place where an attack or a deployment
  happens brings its country as the target (``country`` attribute, or the country the place
  is the capital of when that country is mentioned in the text). Meetings, talks, calls,
  agreements and summits need two parties (a person and their country are one), a visit its
  visitor, a deployment its actor, an appointment a person. An event is who did what to whom:
  an attack needs a named actor (a place's country or a victim alone is a passing mention);
  an arrest, a trial or a protest a named person or organisation (a country only as the
  acting government: "a citizen of Kyrgyzstan pleaded not guilty" names no defendant).
- **roles follow the sentence**: before a passive trigger, before a trigger with a "by"
  agent, or before "survived"/"suffered", a party is the target ("Putin's site gets attacked
  by hackers", "Maduro survived an attack"); forces after a violent verb are its victims
  ("killed 23 Afghan soldiers"). Not parties: who reacts to or speaks of a violent event
  ("Carter responded to the bombing", "Macron called the explosion an attack", witnesses),
  relatives and friends of a named person ("a friend of bombing suspect X"), what a charge is
  about ("charged with the assassination of X"), compounds ("a pro-Assad militia"; but
  "anti-Taliban protesters" protest against the Taliban).
- **not events**: idioms and compounds ("attack-dog fashion", "attack helicopters"), agent
  nouns ("the suspected bombers"), accidents ("accidental explosions"), adjectival
  participles ("a recognized Islamic State follower", "U.S.-sanctioned"), and every sentence
  that is a photo caption or credit inside the body ("FILE - X is seen in this image taken
  from CCTV", "image caption", "(AP Photo/...)", gallery widgets).
- **type**: talks between officials ("X held talks with Y", a person or a role noun on
  either side) are a meeting; a meeting of ministers or of a group of countries is a
  conference; a meeting of delegations without named people is talks. A statement that reads
  out a meeting or a call is not a statement event; "this meeting", "such talks" refer back.
- **status**: ``negated`` (negation or hypothesis before the trigger in its clause: "did
  not", "refused to", "would", "if", "no rush in"), ``planned`` ("will", "upcoming", "to be
  held", "plans to", "next month", a date after publication), ``historical`` (a date two or
  more years before the publication year, or before the latest year the text or
  ``reference_year`` names when there is no publication date; a decade; the Soviet Union),
  else ``occurred``.
- **date**: the date phrase nearest to the trigger in its clause (else just before it in its
  sentence), resolved by :mod:`archive.extract.reldates` against the publication date (to
  the future for planned events); never the publication date by default.

Statements are also read from reported speech (:mod:`archive.extract.eventspeech`: "X said",
"X told Y", "X urged Y to"), one per speech act of a named communicator, with the PLOVER
category of the cue (REQUEST, ACCUSE, THREATEN, REJECT); blame and condemnation by a named
subject are ACCUSE statements from triggers ("Moscow blames ...").

One event per type per clause; merging the same event across sentences and articles is the
caller's job.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import lru_cache
from importlib import resources

from archive.data.lexicon import load_words
from archive.extract import reldates
from archive.extract.entities import LexEntity, Mention
from archive.extract.fastregex import required_factors
from archive.extract.sentences import Sentence
from archive.ingest.record import DateValue

EXTRACTOR_VERSION = "events-2"


@dataclass(frozen=True)
class Participant:
    entity: LexEntity
    role: str  # host, guest, participant, speaker, target, visitor, actor, appointee


@dataclass
class EventRecord:
    event_type: str
    plover_type: str
    mode: str | None
    status: str  # occurred, planned, historical, negated
    date_start: str | None
    date_end: str | None
    date_precision: str  # day, week, month, year, unknown
    date_text: str | None
    date_resolution: str  # explicit, relative, unknown
    location: LexEntity | None
    participants: list[Participant]
    field: str  # body, title, caption
    sentence_index: int
    start: int
    end: int
    trigger: str


# --------------------------------------------------------------------------- vocabulary

@dataclass
class _Trigger:
    type: str
    rx: re.Pattern
    kind: str  # verb / noun
    plover: str
    mode: str | None
    after: re.Pattern | None = None
    not_after: re.Pattern | None = None
    before: re.Pattern | None = None
    not_before: re.Pattern | None = None
    entity_after: str | None = None
    within: int = 40
    persons_only: bool = False
    needs_actor: bool = False
    anchor_strict: bool = False
    anchor_between: bool = False
    subject: str | None = None
    hosting: bool = False
    subject_near: int | None = None
    order: int = 0
    factors: frozenset | None = None  # one of these strings is in every match (lower case)


@dataclass
class _Vocabulary:
    types: dict
    triggers: list[_Trigger]
    planned: re.Pattern
    negated: re.Pattern
    historical: re.Pattern
    holding: re.Pattern
    topic: re.Pattern
    implied: list[tuple[re.Pattern, list[str]]]
    role_nouns: re.Pattern
    type_order: dict = dc_field(default_factory=dict)


def _any(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    data = json.loads(resources.files("archive.data").joinpath("event_types.json").read_text("utf-8"))
    triggers = []
    order = 0
    for type_name, spec in data["types"].items():
        for t in spec["triggers"]:
            flags = 0 if t.get("case") else re.I
            triggers.append(_Trigger(
                type=type_name,
                rx=re.compile(t["pattern"], flags),
                kind=t.get("kind", "verb"),
                plover=t.get("plover", spec["plover"]),
                mode=t.get("mode", spec.get("mode")),
                after=re.compile(t["after"]) if "after" in t else None,
                not_after=re.compile(t["not_after"], re.I) if "not_after" in t else None,
                before=re.compile(t["before"], re.I) if "before" in t else None,
                not_before=re.compile(t["not_before"], re.I) if "not_before" in t else None,
                entity_after=t.get("entity_after"),
                within=t.get("within", 40),
                persons_only=t.get("persons_only", False),
                needs_actor=t.get("needs_actor", False),
                anchor_strict=t.get("anchor_strict", False),
                anchor_between=t.get("anchor_between", False),
                subject=t.get("subject"),
                hosting=t.get("hosting", False),
                subject_near=t.get("subject_near"),
                order=order,
                factors=required_factors(t["pattern"]),
            ))
            order += 1
    words = load_words()
    roles = sorted({r.lower() for r in words["roles"]} | {"prime minister", "foreign minister", "counterpart",
                                                          "delegation", "delegations", "officials", "ministers"},
                   key=len, reverse=True)
    role_nouns = re.compile(r"\b(?:" + "|".join(re.escape(r) for r in roles) + r")s?\b", re.I)
    return _Vocabulary(
        types=data["types"],
        triggers=triggers,
        planned=_any(data["cues"]["planned"]),
        negated=_any(data["cues"]["negated"]),
        historical=re.compile("|".join(f"(?:{p})" for p in data["cues"]["historical"])),
        holding=re.compile(data["holding_verbs"], re.I),
        topic=re.compile(data["topic_markers"], re.I),
        implied=[(re.compile(k), v) for k, v in data["implied_participants"].items()],
        role_nouns=role_nouns,
        type_order={t: i for i, t in enumerate(data["types"])},
    )


def event_types() -> list[dict]:
    """The documented vocabulary: type, PLOVER type, default mode, description."""
    data = json.loads(resources.files("archive.data").joinpath("event_types.json").read_text("utf-8"))
    return [{"event_type": k, "plover_type": v["plover"], "mode": v.get("mode"), "description": v["description"]}
            for k, v in data["types"].items()]


# --------------------------------------------------------------------------- text helpers

_CLAUSE_BREAK = re.compile(
    r"\s*(?:;|:(?!\d)|—|–|\s-\s)\s*"
    r"|,\s*[\"“”]?\s*(?:which|who|whom|whose|where|while|whereas|although|though|but|as|since|after|before|when|amid|amidst|"
    r"saying|stating|adding|noting|citing|given|because|so\s+that|despite|according\s+to|even\s+though|stressing|"
    r"emphasi[sz]ing|warning|calling|urging|underlining|expressing|describing|referring)\b"
    r"|\s(?:since|because|although|whereas|while|amid|amidst|despite|after\s+(?:the|a|an|its|their|his|her)|"
    r"before\s+(?:the|a|an|its|their|his|her)|as\s+the|ahead\s+of|following\s+the|in\s+the\s+wake\s+of|"
    r"even\s+though|that\s+(?:ended|began|started|led|saw)|in\s+the\s+(?:immediate\s+)?aftermath\s+of)\s"
    r"|\s(?:after|before|when|since|as|once|until)\s+(?=(?:they|he|she|it|we)\s)",
    re.I,
)
_INFINITIVE = re.compile(
    r"\bto\s+(?!(?:the|a|an|this|that|these|those|its|their|his|her|our|my|be\s+held|be\s+hosted|[A-Z]|\d))"
    r"(?:[a-z]+)\b|\bin\s+order\s+to\b|\bresulting\s+from\b|\bthreatened\s+by\b|\bfocus(?:ed|ing)?\s+on\b"
    r"|\b(?:citing|saying|stating|calling|urging|warning|stressing|expressing|noting|adding|demanding)\b"
)
_POSSESSIVE_FORCES = re.compile(r"\b(?P<p>its|their)\s+(?:own\s+)?(?:troops|forces|soldiers|army|military|armies|fighters|units)\b", re.I)
_PRONOUN_SUBJECT = re.compile(
    r"\W*(?:(?:and|but|also|later|then|meanwhile|moreover|furthermore)\s+)?(?P<p>he|she|they|"
    r"it(?!\s+(?:emerged|is|was|has\s+been|had\s+been|seems|seemed|appears|appeared|remains|became|turned\s+out|"
    r"happened|took|came|means|meant)\b)|the\s+(?:minister|president|"
    r"envoy|official|diplomat|spokesman|spokesperson|ambassador|premier|prime\s+minister|foreign\s+minister|"
    r"special\s+envoy|special\s+representative|secretary|leader|chief|group))\b",
    re.I,
)
_LOCATIVE_BEFORE = re.compile(r"(?:\b(?:in|at|inside|near|outside|into|across|throughout)\s+(?:the\s+)?(?:[a-z]+\s+)?"
                              r"(?:(?:city|capital|province|provinces|town|region|village|district|airport|"
                              r"border\s+(?:city|town|crossing))\s+of\s+)?)$", re.I)
_DESTINATION_BEFORE = re.compile(r"\b(?:to|visit(?:ed|s|ing)?|toured|in|arrived\s+in|reached)\s+(?:the\s+)?$", re.I)
_SIDELINES = re.compile(r"\b(?:sidelines|sideline|fringes|margins|framework)\s+of\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,4}$", re.I)
_ATTRIBUTION_BEFORE = re.compile(
    r"(?:according\s+to|told|tells|telling|cited|citing|quoted|quoting|via|reported\s+by|carried\s+by|broadcast\s+by|"
    r"published\s+by|in\s+an\s+interview\s+with|interview\s+with|speaking\s+to|talking\s+to|spoke\s+to|said\s+to)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.I)
_ATTRIBUTION_AFTER = re.compile(
    r"['’]?s?\s*(?:,\s*)?(?:news\s+agency\s+|reported|reports|reporting|informs|quoted|quotes|cited|cites|"
    r"said|says|wrote|writes|learned|has\s+learned|correspondent|reporter)\b", re.I)
_HOST_BEFORE = re.compile(r"\bhosted\s+by\s+(?:the\s+)?$", re.I)
_MEDIA_NAME = re.compile(r"\b(?:News|Agency|TV|Television|Radio|Times|Post|Press|Daily|Tribune|Journal|Gazette|"
                         r"Herald|Broadcasting|Channel|Network|IRNA|ISNA|Tasnim|Reuters|Interfax|TASS|Sputnik|"
                         r"Xinhua|Al\s?Jazeera|Agence\s+France-Presse|BBC|CNN)\b")
_VIDEO = re.compile(r"\b(?:video\s*conference|videoconference|video\s+link|virtual(?:ly)?|online\s+meeting|via\s+video)\b", re.I)
_GOVERNMENT_WORDS = re.compile(r"\s*(?:the\s+)?(?:new\s+|interim\s+|caretaker\s+|Taliban['’]?s?\s+|Taliban-led\s+)*"
                               r"(?:government|regime|administration|rulers|authorities|Islamic\s+Emirate)\b", re.I)

_QUOTED = re.compile(r"“[^”]{3,}”|\"[^\"]{3,}\"")
_LIST_GAP = re.compile(r"^(?:['’]s)?\s*(?:,|,?\s*and|,?\s*or|,?\s*as\s+well\s+as)\s+(?:(?:the|its|their|his|her)\s+)?(?:[a-z-]+\s+)?$")
_DEMONYM_HEAD = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:president|prime|minister|ministers|foreign|deputy|government|officials?|authorities|"
    r"delegations?|delegates|representatives?|envoys?|ambassadors?|diplomats?|diplomacy|forces|troops|soldiers|army|"
    r"military|side|counterparts?|leaders?|leadership|negotiators?|spokes\w+|embassy|consul\w*|ministry|parliament|"
    r"lawmakers|politicians|figures|factions|parties|border\s+guards|police|presidential|acting|caretaker|interim|"
    r"top|senior|high-ranking|navy|intelligence|commanders?|chief|head|defen[cs]e|interior|energy|Taliban|peace|"
    r"premier|special|national\s+security|security\s+(?:council|forces|officials)|state|counterpart|emissary|"
    r"administration|regime|rulers|team|mission|groups?)s?\b",
    re.I,
)
_TOPIC_AFTER = re.compile(r"(?:['’]s)?\s+(?:situation|crisis|issue|file|question|problem|affairs|case|dossier)\b", re.I)
_COMPOUND_AFTER = re.compile(r"-(?:backed|based|born|made|funded|trained|educated|allied|aligned|friendly|centred|centered|"
                             r"oriented|style|related|bound|owned|registered)\b", re.I)
_FORCES_AFTER = re.compile(r"(?:['’]s)?\s+(?:troops|forces|soldiers|army|armies|military|personnel|marines|navy|air\s+force|fighters)\b", re.I)
_PLATFORM_AFTER = re.compile(r"(?:['’]s)?\s+(?:channel|account|page|website|feed|handle)\b", re.I)
# verbs that report what someone said (a reporter is not a party of the reported event);
# speech acts with an object ("expressed interest in attending") are not among them
_SPEECH_VERBS = (r"(?:said|says|told|tells|added|adds|noted|notes|stated|announced|confirmed|reported|stressed|"
                 r"emphasi[sz]ed|underlined|warned|explained|claimed|wrote|tweeted|declared|insisted|argued|"
                 r"believes|pointed\s+out|reiterated|asserted|remarked|predicted|cautioned)")
_REPORTER_AFTER = re.compile(r"(?:['’]s)?(?:,[^,]{1,90},)?\s+(?:(?:also|has|had|have|on\s+\w+day|in\s+a\s+statement)\s+)*" + _SPEECH_VERBS + r"\b", re.I)
_SPEECH_BETWEEN = re.compile(r"\b" + _SPEECH_VERBS + r"\b", re.I)
_POSSESSIVE = re.compile(r"['’]s?\s")
_ANAPHORA = re.compile(r"\b(?:this|that|these|those|such)\s+(?:[\w-]+\s+)?$", re.I)
_CONSULT = {"meeting", "talks", "phone_call", "visit", "summit", "conference"}
_CUT_AT_INFINITIVE = {"meeting", "talks", "phone_call", "summit", "conference", "statement", "agreement", "visit"}
_ACTOR_TARGET = {"attack", "deployment", "sanctions", "aid", "recognition", "appointment", "military_exercise",
                 "arrest", "trial", "protest"}
_PARTY_TYPES = {"country", "organization", "person"}
# violence and coercion: the party before a passive trigger, or before a trigger with a "by"
# agent after it, is the target ("Ukraine was attacked by Russia", "Putin's site gets attacked")
_VIOLENCE = {"attack", "arrest", "trial", "protest"}
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got|gotten|getting|came\s+under|comes?\s+under|"
                             r"under)\s+(?:(?:\w+ly|also|reportedly|allegedly|then|later|now)\s+)?$", re.I)
_AGENT_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?by\s+(?!(?:car|bus|train|air|road|phone|night|day|\d))", re.I)
_RELATION_BEFORE = re.compile(r"\b(?:friend|friends|wife|husband|son|daughter|brother|sister|father|mother|relative|"
                              r"relatives|cousin|widow|uncle|nephew|niece|neighbou?rs?|associate|associates|roommate|"
                              r"girlfriend|boyfriend|fianc[ée]e?)\s+of\s+(?:[\w'’-]+\s+){0,5}$", re.I)
_CHARGE_BETWEEN = re.compile(r"\b(?:of|in|for|with|over|about|during|after|to)\b", re.I)
_ACCUSE_VERB = re.compile(r"\b(?:accus|blam|condemn|denounc|critici[sz])", re.I)
_DIRECTED_VERB = re.compile(r"\b(?:accus|blam|condemn|denounc|critici[sz]|call|urg|demand|appeal)", re.I)
_PROTEST_TARGET = re.compile(r"\b(?:against|outside|in\s+front\s+of|demanding|denouncing)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)
_PASSIVE_BETWEEN = re.compile(r"\b(?:is|are|was|were|been|being|get|gets|got)\s+(?:(?:\w+ly|also|then|later)\s+)?"
                              r"(?:\w+ed|\w+en|slain|hit|shot|struck|caught|held|taken)\b", re.I)
_UNDERGO_BETWEEN = re.compile(r"\b(?:surviv\w*|escap\w*|suffer\w*|fac(?:ed|es|ing)|withstood|endur\w*|c[ao]me\s+under)\b", re.I)
# a party that only reacts to or speaks of a violent event is none of its parties ("X responded
# to the bombing", "X called the explosion an attack", "X opened a probe into the explosion")
_REACTION_BETWEEN = re.compile(
    r"\b(?:said|says|say|told|announced|stated|called|calls|described|describes|labell?ed|termed|branded|respond\w*|"
    r"react\w*|condemn\w*|denounc\w*|deplor\w*|mourn\w*|blam\w*|accus\w*|investigat\w*|prob\w*|report\w*|"
    r"confirm\w*|den(?:y|ied|ies)|warn\w*|express\w*|offer\w*\s+condolences|sent\s+condolences|learn\w*|"
    r"heard|knew|known|witness\w*|saw|monitor\w*|question\w*|fac(?:ed|es|ing)\s+(?:\w+\s+)?questions|recall\w*|remember\w*)\b", re.I)
# a sentence that is a photo caption or credit inside the body ("FILE - X is seen in this
# image taken from CCTV", "(AP Photo/...)"): no events
_CAPTION = re.compile(r"^\s*(?:FILE(?:\s+PHOTO)?\s*[-–—:]|PHOTO\s*[-–—:])|\b(?:is|are|was|were)\s+(?:\w+\s+){0,3}?"
                      r"(?:seen|pictured|shown)\s+(?:in\s+)?(?:this|a|an|the)\s+(?:\w+\s+){0,2}?(?:image|photo|picture|"
                      r"photograph|video|still|handout|file\s+photo)\b|\((?:AP|AFP|Reuters|Getty)\s*(?:Photo|Images)?\s*/|\b(?:View\s+Photos|Full\s+Screen|Skip\s+Ad|Autoplay|image\s+(?:copyright|caption))\b",
                      re.I)


_PLATFORMS = re.compile(r"^(?:Facebook|Twitter|X|Telegram|Instagram|YouTube|WhatsApp|TikTok|Signal)$")


def _is_media(e: LexEntity) -> bool:
    subtype = getattr(e, "subtype", None)
    if subtype in ("media", "news_agency", "platform") or _PLATFORMS.match(e.name):
        return True
    return e.type == "organization" and bool(_MEDIA_NAME.search(e.name))


_LEAD_SUBORDINATE = re.compile(r"(?:Since|After|Before|When|While|As|Although|Though|If|Because|Once|Until|Unless|Whereas)\s[^,;]{8,150}?,\s")


def _main_clause(text: str, clauses):
    """The first clause that is not a leading subordinate one ("Since ..., the Taliban ...")."""
    if len(clauses) > 1 and _LEAD_SUBORDINATE.match(text, clauses[0][0]):
        return clauses[1]
    return clauses[0]


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans inside ``text[start:end]``."""
    spans = []
    pos = start
    lead = _LEAD_SUBORDINATE.match(text, start, end)
    if lead:
        spans.append((start, lead.end() - 2))
        pos = lead.end()
    breaks = []
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if m.start() < pos:
            continue
        breaks.append((m.start(), m.end()))
        # a subordinate clause opened mid-sentence ("... since the Taliban seized the
        # capital last month, Qatar's foreign minister ...") ends at its next comma
        if _SUBORDINATOR.match(m.group(0)):
            comma = _CLAUSE_COMMA.search(text, m.end(), end)
            if comma:
                breaks.append((comma.start(), comma.end()))
    for a, b in sorted(breaks):
        if a < pos:
            continue
        if a > pos:
            spans.append((pos, a))
        pos = b
    if pos < end:
        spans.append((pos, end))
    return spans or [(start, end)]


_SUBORDINATOR = re.compile(r"\s(?:since|because|although|whereas|while|after|before|as\s+the|following\s+the|"
                           r"in\s+the\s+wake\s+of|even\s+though|when|once|until)\b", re.I)
_CLAUSE_COMMA = re.compile(r",\s+(?=[A-Z]|(?:the|a|an|its|his|her|their)\s+[A-Z])")


@dataclass
class _Context:
    text: str
    sentences: list[Sentence]
    starts: list[int]
    mentions: list[Mention]
    mention_starts: list[int]
    published: DateValue | None
    ref_year: int | None
    by_ref: dict
    by_name: dict
    field: str
    dates: dict  # (sentence index, direction) -> list[DateMatch]


# --------------------------------------------------------------------------- main entry

def extract_events(text: str, sentences: list[Sentence], mentions: list[Mention],
                   published: DateValue | None, field: str = "body", *,
                   reference_year: int | None = None, quotes=None) -> list[EventRecord]:
    """Events of ``text`` (one field), in text order.

    ``reference_year`` (optional) is the year the article is about when it has no
    publication date (for instance the latest year named in its title, body and captions);
    with neither, the latest year named in ``text`` decides what is historical.

    Statements reported as speech ("X said", "X urged Y") come from the quote records of the
    body (:mod:`archive.extract.eventspeech`): pass ``quotes`` (the output of
    :func:`archive.extract.quotes.extract_quotes` for the same text and mentions) when the
    caller has them, else they are extracted here. Titles and captions have none.
    """
    given_mentions = mentions
    if not text or not sentences:
        return []
    voc = vocabulary()
    mentions = sorted((m for m in mentions if m.kind != "dateline"), key=lambda m: (m.start, -m.end))
    by_ref: dict = {}
    by_name: dict = {}
    for m in mentions:
        by_ref.setdefault(m.entity.ref, m.entity)
        by_name.setdefault(m.entity.name, m.entity)
    ctx = _Context(
        text=text, sentences=sentences, starts=[s.start for s in sentences], mentions=mentions,
        mention_starts=[m.start for m in mentions], published=published,
        ref_year=_reference_year(text, published, reference_year), by_ref=by_ref, by_name=by_name, field=field, dates={},
    )
    # every trigger occurrence, grouped by sentence
    hits: dict[int, list[tuple[int, int, _Trigger]]] = {}
    lowered = text.lower() if len(text.lower()) == len(text) else None
    for trig in voc.triggers:
        for m in _trigger_matches(trig, text, lowered):
            si = bisect.bisect_right(ctx.starts, m.start()) - 1
            if si < 0 or m.start() >= sentences[si].end:
                continue
            hits.setdefault(si, []).append((m.start(), m.end(), trig))
    events: list[EventRecord] = []
    for si in sorted(hits):
        if _CAPTION.search(sentences[si].text):
            continue
        events.extend(_sentence_events(ctx, si, hits[si], voc))
    if field == "body":
        from archive.extract.eventspeech import speech_events

        if quotes is None:
            from archive.extract.quotes import extract_quotes

            quotes = extract_quotes(text, sentences, given_mentions)
        events = sorted(events + speech_events(ctx, quotes, events), key=lambda ev: (ev.start, ev.sentence_index))
    return events


_WINDOW = 160  # no trigger match is longer than this


def _trigger_matches(trig: _Trigger, text: str, lowered: str | None):
    """The trigger's matches, searched only around the places where one of its required
    strings occurs (every match contains one)."""
    if trig.factors is None or lowered is None:
        yield from trig.rx.finditer(text)
        return
    spans = []
    for f in trig.factors:
        i = lowered.find(f)
        while i >= 0:
            spans.append((max(0, i - _WINDOW), min(len(text), i + len(f) + _WINDOW)))
            i = lowered.find(f, i + 1)
    if not spans:
        return
    spans.sort()
    merged = [list(spans[0])]
    for a, b in spans[1:]:
        if a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    n = len(text)
    for a, b in merged:
        for m in trig.rx.finditer(text, a, b):
            if m.end() == b and b < n:
                # the window's end may have cut the match short: search again past it
                full = trig.rx.match(text, m.start())
                if full is not None:
                    yield full
                continue
            yield m


def _reference_year(text: str, published: DateValue | None, given: int | None = None) -> int | None:
    year = reldates.reference_year(published)
    if year is not None:
        return year
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)]
    if given is not None:
        years.append(given)
    return max(years) if years else None


def _sentence_events(ctx: _Context, si: int, hits, voc: _Vocabulary) -> list[EventRecord]:
    sent = ctx.sentences[si]
    clauses = _clauses(ctx.text, sent.start, sent.end)
    candidates = []
    for s, e, trig in hits:
        ev = _event_for(ctx, si, sent, clauses, s, e, trig, voc)
        if ev is not None:
            candidates.append((s, e, trig, ev))
    # overlapping triggers: the longest wins, then the type listed first
    candidates.sort(key=lambda c: (-(c[1] - c[0]), voc.type_order[c[2].type], c[2].order))
    kept = []
    for c in candidates:
        if any(k[0] < c[1] and c[0] < k[1] for k in kept):
            continue
        kept.append(c)
    kept.sort(key=lambda c: c[0])
    out: dict[tuple, EventRecord] = {}
    for s, e, trig, ev in kept:
        ci = next((i for i, (a, b) in enumerate(clauses) if a <= s < b), 0)
        key = (ev.event_type, ci)
        if key in out:
            continue  # one event per type per clause
        out[key] = ev
    return sorted(out.values(), key=lambda ev: ev.start)


def _event_for(ctx: _Context, si: int, sent: Sentence, clauses, s: int, e: int, trig: _Trigger, voc: _Vocabulary):
    text = ctx.text
    after_text = text[e:sent.end]
    before_text = text[sent.start:s]
    if trig.after is not None and not trig.after.search(after_text):
        return None
    if trig.not_after is not None and trig.not_after.search(after_text):
        return None
    if trig.before is not None and not trig.before.search(before_text[-60:]):
        return None
    if trig.not_before is not None and trig.not_before.search(before_text[-40:]):
        return None
    not_if = voc.types[trig.type].get("not_if")
    if not_if and re.search(not_if, sent.text, re.I):
        return None
    if trig.kind == "noun" and _ANAPHORA.search(before_text[-30:]):
        return None  # "this meeting", "such talks": the event is named elsewhere
    clause = next(((a, b) for a, b in clauses if a <= s < b), (sent.start, sent.end))
    in_sentence = _mentions_between(ctx, sent.start, sent.end)
    if any(m.start <= s and e <= m.end and m.entity.type in ("organization", "location") for m in in_sentence):
        return None  # inside a name ("Collective Security Treaty Organization")
    if trig.entity_after and not _entity_after(ctx, text, in_sentence, e, trig.entity_after, trig.within):
        return None

    # ------------------------------------------------------------------ window
    quotes = _quote_spans(ctx, si)
    in_quote = next(((a, b) for a, b in quotes if a <= s < b), None)
    if in_quote is not None:
        in_sentence = [m for m in in_sentence if in_quote[0] <= m.start < in_quote[1]]
    else:
        in_sentence = [m for m in in_sentence if not any(a <= m.start < b for a, b in quotes)]
    win_start, win_end = clause
    if trig.type in _CUT_AT_INFINITIVE:
        cut = _INFINITIVE.search(text, e, win_end)
        if cut:
            win_end = cut.start()
    window = [m for m in in_sentence if win_start <= m.start < win_end]
    if trig.type in _ACTOR_TARGET and trig.type != "appointment":
        window = _local(text, window, s, e)
    before = [m for m in window if m.start < s and _is_party(m)]
    pronoun = _PRONOUN_SUBJECT.match(text, win_start, s) if not before else None
    if pronoun is None and not before and trig.type in _ACTOR_TARGET:
        # "... that ended with its troops withdrawing": the owner of "its troops" acts
        pronoun = _POSSESSIVE_FORCES.search(text, max(win_start, s - 40), e + 25)
    borrowed: list[Mention] = []
    if pronoun is not None:
        p = pronoun.group("p").lower()
        earlier = [m for m in in_sentence if m.end <= win_start and _is_party(m) and _pronoun_fits(p, m)]
        if earlier and clause != clauses[0]:
            # "its troops": the sentence's subject; "he", "they": the nearest before
            borrowed = [earlier[0] if p in ("its", "their") else earlier[-1]]
        elif si > 0 and clause == clauses[0]:
            borrowed = _previous_subject(ctx, si, p)
    elif not before and clause != _main_clause(ctx.text, clauses) and trig.type not in ("appointment",) \
            and trig.type not in _ACTOR_TARGET:
        first = _main_clause(ctx.text, clauses)
        window = [m for m in in_sentence if first[0] <= m.start < first[1]] + window

    # ------------------------------------------------------------------ location
    location, loc_mentions = _location(ctx, text, trig.type, in_sentence, (win_start, win_end), s, e)
    if trig.hosting and location is not None and not (e <= location_start(loc_mentions) <= e + 50):
        location, loc_mentions = None, set()

    # ------------------------------------------------------------------ participants
    parts: list[Participant] = []
    seen: set = set()

    def add(entity: LexEntity, role: str):
        if entity is None or entity.ref in seen:
            return
        seen.add(entity.ref)
        parts.append(Participant(entity, role))

    subjects = []  # parties named before the trigger (not brought along by a person)
    named_here = False  # a party named in the trigger's own window
    for m in window:
        if m in loc_mentions:
            continue
        entity = _as_party(ctx, text, m, trig.type)
        if entity is None:
            continue
        if _excluded(ctx, text, m, s, e, trig.type, voc, location):
            continue
        if m.start < s and (trig.subject_near is None or s - m.end <= trig.subject_near) and (
                trig.subject != "any" or m.start >= win_start):
            subjects.append(entity)
        role = _role(text, trig.type, m, s, e)
        if trig.hosting:
            role = "host" if m.start < s else "visitor"
        elif _HOST_BEFORE.search(text[max(0, m.start - 20):m.start]) or re.match(
                r"^\s*(?:,\s*which\s+)?(?:has\s+|had\s+|will\s+|is\s+to\s+|was\s+to\s+|is\s+due\s+to\s+)?(?:also\s+)?host(?:ed|s|ing)?\b",
                text[m.end:s]):
            role = "host"
        add(entity, role)
        # a country is arrested, tried or protests only as its government acting
        named_here = named_here or entity.type != "country" or role == "actor"
        if entity.type == "person":
            add(getattr(entity, "country", None), role)
    for m in borrowed:
        role = _role(text, trig.type, m, s, e, default_before=True)
        add(m.entity, role)
        if m.entity.type == "person":
            add(getattr(m.entity, "country", None), role)
    clause_text = text[win_start:win_end]
    for rx, names in voc.implied:
        if rx.search(clause_text):
            for name in names:
                add(ctx.by_name.get(name), "participant")
    if location is not None and trig.type in ("visit", "attack", "deployment") and not trig.hosting:
        role = "host" if trig.type == "visit" else "target"
        add(location if location.type == "country" else _country_of_place(ctx, location), role)

    # requirements
    if not parts:
        return None
    if trig.needs_actor and not any(p.role == "actor" for p in parts):
        return None
    if trig.persons_only and not _persons_talk(ctx, text, in_sentence, s, e, window, voc):
        return None
    if trig.subject == "country_or_org" and not any(x.type in ("country", "organization") for x in subjects):
        return None
    if trig.subject == "any" and not subjects and not borrowed:
        return None
    etype = trig.type
    spec = voc.types[etype]
    for new_type, rule in spec.get("reclassify", {}).items():
        if rule.get("no_persons") and any(p.entity.type == "person" for p in parts):
            continue
        if re.search(rule["pattern"], sent.text, re.I):
            etype = new_type
            break
    if _count_groups(parts) < voc.types[etype].get("min_parties", 1):
        return None
    needed_role = voc.types[etype].get("requires_role")
    if needed_role and not any(p.role == needed_role for p in parts):
        return None
    if voc.types[etype].get("requires_named") and not named_here:
        return None
    needed_type = voc.types[etype].get("requires_type")
    if needed_type and not any(p.entity.type == needed_type for p in parts):
        return None

    # ------------------------------------------------------------------ status and date
    status = _status(text, voc, clause, s, e, trig)
    direction = "future" if status == "planned" else "past" if status in ("occurred", "historical") else None
    date = _nearest_date(ctx, si, sent, clause, s, e, direction)
    if date is not None:
        if status == "occurred" and (date.tense == "future" or _after_publication(date, ctx.published)):
            status = "planned"
            date = _nearest_date(ctx, si, sent, clause, s, e, "future") or date
        if status == "occurred" and _is_historical(date, ctx.ref_year):
            status = "historical"
    if status == "occurred" and voc.historical.search(text, clause[0], clause[1]):
        status = "historical"

    if trig.kind == "noun" and not _anchored(ctx, text, voc, trig, sent, clause, s, e, date, location, in_sentence):
        return None

    # ------------------------------------------------------------------ mode
    mode = trig.mode
    if etype in _CONSULT and _VIDEO.search(sent.text):
        mode = "video"
    elif etype in ("meeting", "talks") and mode is None:
        parties = _count_parties(parts)
        mode = "multilateral" if parties >= 3 else "bilateral" if parties == 2 else None

    return EventRecord(
        event_type=etype,
        plover_type=trig.plover if etype == trig.type else voc.types[etype]["plover"],
        mode=mode,
        status=status,
        date_start=date.date_start if date else None,
        date_end=date.date_end if date else None,
        date_precision=date.precision if date else "unknown",
        date_text=date.text if date else None,
        date_resolution=date.resolution if date else "unknown",
        location=location,
        participants=parts,
        field=ctx.field,
        sentence_index=sent.index,
        start=sent.start,
        end=sent.end,
        trigger=text[s:e],
    )


# --------------------------------------------------------------------------- participants

def _mentions_between(ctx: _Context, start: int, end: int) -> list[Mention]:
    i = bisect.bisect_left(ctx.mention_starts, start)
    out = []
    while i < len(ctx.mentions) and ctx.mentions[i].start < end:
        out.append(ctx.mentions[i])
        i += 1
    return out


def _is_party(m: Mention) -> bool:
    return m.entity.type in _PARTY_TYPES


def _pronoun_fits(pronoun: str, m: Mention) -> bool:
    if pronoun in ("he", "she") or pronoun.startswith("the "):
        return m.entity.type == "person"
    if pronoun in ("its", "their"):
        return m.entity.type in ("organization", "country")
    return m.entity.type in ("organization", "country") or pronoun == "they"


def _quote_spans(ctx: _Context, si: int) -> list[tuple[int, int]]:
    key = ("q", si)
    if key not in ctx.dates:
        sent = ctx.sentences[si]
        ctx.dates[key] = [(sent.start + m.start(), sent.start + m.end()) for m in _QUOTED.finditer(sent.text)]
    return ctx.dates[key]


def _as_party(ctx: _Context, text: str, m: Mention, etype: str) -> LexEntity | None:
    """The party a mention stands for, or None: a demonym only as the modifier of an
    official, a government or forces ("Russian President", "Afghan forces"), a capital
    only when it is not a place ("representatives from Moscow", "Dushanbe rushed troops")."""
    e = m.entity
    if e.type in ("person", "organization"):
        return e
    if e.type == "country":
        if m.kind == "demonym" and not _DEMONYM_HEAD.match(text, m.end) and not _plural_noun(text, m):
            return None
        return e
    if e.type == "location" and e.capital_of is not None:
        pre = text[max(0, m.start - 40):m.start]
        if re.search(r"\b(?:in|at|to|into|near|inside|outside|around|across|through|toward|towards|via|of|on)\s+(?:the\s+)?$", pre, re.I):
            return None
        if re.search(r"\bfrom\s+(?:the\s+)?$", pre, re.I) and etype not in _CONSULT | {"statement", "agreement"}:
            return None
        if re.search(r"[,]\s*$|\band\s+$", pre) and not re.search(
                r"(?:from|representatives|officials|delegations?|envoys)\s+(?:[A-Z][\w'’-]+,?\s+(?:and\s+)?)*$", pre):
            return None
        return ctx.by_ref.get(e.capital_of)
    return None


def location_start(mentions) -> int:
    return min((m.start for m in mentions), default=-1)


def _plural_noun(text: str, m: Mention) -> bool:
    """"the Americans left", "Soviets": a plural nationality used as a noun."""
    return m.surface.endswith("s") and m.surface[:1].isupper()


def _local(text: str, window: list[Mention], s: int, e: int) -> list[Mention]:
    """Mentions next to the trigger (within a short span each side), with whole lists
    ("the U.S. and its NATO allies")."""
    inside = [m for m in window if (s - 70 <= m.end <= s) or (e <= m.start <= e + 70)]
    if not inside:
        return []
    idx = [window.index(m) for m in inside]
    lo, hi = min(idx), max(idx)
    while lo > 0 and _LIST_GAP.match(text[window[lo - 1].end:window[lo].start]):
        lo -= 1
    while hi + 1 < len(window) and _LIST_GAP.match(text[window[hi].end:window[hi + 1].start]):
        hi += 1
    return window[lo:hi + 1]


def _entity_after(ctx, text, in_sentence, e, what, within) -> bool:
    if what == "org_or_country_or_government" and _GOVERNMENT_WORDS.match(text, e):
        return True
    for m in in_sentence:
        if m.start < e or m.start > e + within:
            continue
        t = m.entity.type
        if what == "any" and t in ("person", "organization", "country", "location"):
            return True
        if what == "person" and t == "person":
            return True
        if what == "place" and t in ("location", "country"):
            return True
        if what == "org_or_person" and t in ("organization", "person"):
            return True
        if what == "org_or_country_or_government" and t in ("organization", "country"):
            return True
    return False


def _excluded(ctx: _Context, text: str, m: Mention, s: int, e: int, etype: str, voc: _Vocabulary, location) -> bool:
    pre = text[max(0, m.start - 70):m.start]
    if voc.topic.search(pre) or _TOPIC_AFTER.match(text, m.end) or _COMPOUND_AFTER.match(text, m.end):
        return True
    if _PLATFORM_AFTER.match(text, m.end):
        return True  # "on its Telegram channel"
    if pre.endswith(("pro-", "anti-", "Pro-", "Anti-", "post-", "pre-", "ex-")) and not (
            etype == "protest" and pre.endswith(("anti-", "Anti-"))):
        return True  # "a pro-Assad militia": an adjective, not the party ("anti-Taliban protesters": the target)
    if _RELATION_BEFORE.search(pre):
        return True  # "a friend of Boston Marathon bombing suspect X", "wife of the playwright X": someone else
    if etype == "statement" and m.start >= e and _DIRECTED_VERB.search(text, s, e) and (
            m.start - e > 30 or _CHARGE_BETWEEN.search(text, e, m.start)):
        return True  # "condemns this attack on members of the Afghan forces": the accused is the object
    if etype in ("arrest", "trial") and m.start >= e and _CHARGE_BETWEEN.search(text, e, m.start):
        return True  # "charged with complicity in the assassination of X": what the charge is about
    if etype in ("arrest", "trial") and m.end <= s and re.search(r"\b(?:to|of|with|for|in|from|against|by)\s+(?:the\s+)?$", pre[-20:], re.I):
        return True  # "Leftists sympathetic to ETA were arrested": ETA is not arrested
    if etype == "protest":
        # the protesters are named next to the trigger ("Afghan protesters", "the opposition
        # marched"), the target after "against"; anyone else in the clause is neither
        gap = text[m.end:s].split()
        if m.end <= s and (len(gap) > 2 or any(w.endswith("ed") or w[:1].isdigit() for w in gap)):
            return True  # "the Parachute Regiment killed 13 protesters": not a protester
        if m.start >= e and not _PROTEST_TARGET.search(text, max(e, m.start - 40), m.start) \
                and not pre.endswith(("anti-", "Anti-")):
            return True
    if etype in _VIOLENCE and m.end <= s and _REACTION_BETWEEN.search(text, m.end, s):
        return True  # "Carter responded to the bombing": he reacts, he is not a party
    if etype != "statement" and m.end <= s:
        rep = _REPORTER_AFTER.match(text, m.end)
        between = text[rep.end():s] if rep else ""
        reported = re.search(r"\bthat\b|[“\"]", between) or not re.search(
            r"\b(?:after|before|during|when|while|following|ahead\s+of|at|on\s+the\s+sidelines)\b", between, re.I)
        if rep and reported and not re.search(r"(?:^|\bthat)\s*(?:he|she|they|it|we)\b", between, re.I):
            return True  # "Kirby said ... explosions": the reporter is not a party
    if m.entity.type == "country" and m.kind != "metonym" and _POSSESSIVE.match(text, m.end) and not _DEMONYM_HEAD.match(text, _POSSESSIVE.match(text, m.end).end() - 1):
        return True  # "Afghanistan's neighbours", "Russia's position": not the party itself
    if _SIDELINES.search(pre) and not (m.end <= s <= m.end + 40):
        return True
    if m.entity.type == "person" and re.search(r"\baccording\s+to\s+(?:[\w'’.-]+\s+){0,3}$", pre[-45:], re.I) and etype != "statement":
        return True
    if m.entity.type == "organization":
        attributed = bool(_ATTRIBUTION_BEFORE.search(pre[-45:]))
        if _is_media(m.entity):
            if etype != "statement" or attributed or _ATTRIBUTION_AFTER.match(text, m.end):
                return True
        elif attributed:
            return True
    if m.entity.type == "country" and etype in _CONSULT and etype != "visit":
        # "talks in Tajikistan": the venue, not a party
        if _LOCATIVE_BEFORE.search(pre[-30:]) and re.search(r"\bin\s+(?:the\s+)?$", pre[-10:], re.I):
            return True
        if location is not None and location.type == "location" and re.search(r",\s*$", pre[-3:]) and \
                text[max(0, m.start - 40):m.start].rstrip(", ").endswith(tuple(_surfaces_of(ctx, location))):
            return True  # "in Moscow, Russia"
    if m.kind == "metonym" and location is not None and location.ref != m.entity.ref:
        # "in Kabul" never yields a metonym, but "Kabul's decision" does; keep it
        return False
    return False


def _surfaces_of(ctx: _Context, entity: LexEntity) -> set[str]:
    return {m.surface for m in ctx.mentions if m.entity.ref == entity.ref} or {entity.name}


def _role(text: str, etype: str, m: Mention, s: int, e: int, default_before: bool = False) -> str:
    before = m.start < s or default_before
    if etype == "visit":
        if not before and re.search(r"\bby\s+(?:the\s+)?$", text[max(0, m.start - 8):m.start], re.I):
            return "visitor"
        return "visitor" if before else "participant"
    if etype == "statement":
        # "Moscow blames X", "Iran condemned the attack by X": who is accused comes after the verb
        if before or not _DIRECTED_VERB.search(text, s, e):
            return "speaker"
        return "target" if _ACCUSE_VERB.search(text, s, e) else "addressee"  # "urged the Taliban to"
    if etype == "appointment":
        if not before and m.entity.type == "person":
            return "appointee"
        if before and m.entity.type == "person" and re.search(
                r"\b(?:was|has\s+been|had\s+been|is|been|will\s+be)\s+(?:officially\s+)?$", text[m.end:s], re.I):
            return "appointee"
        return "actor" if before else "participant"
    if etype == "protest" and text[max(0, m.start - 5):m.start].endswith(("anti-", "Anti-")):
        return "target"
    if etype in _ACTOR_TARGET:
        pre = text[max(0, m.start - 14):m.start]
        if not before and re.search(r"\b(?:by|to)\s+(?:the\s+)?$", pre, re.I) and (
                re.search(r"\bby\s+(?:the\s+)?$", pre, re.I) or re.search(r"\bfell\s+to\s+(?:the\s+)?$", text[max(0, m.start - 20):m.start], re.I)):
            return "actor"
        if before and etype in _VIOLENCE and (_PASSIVE_BEFORE.search(text, max(0, s - 30), s)
                                              or _AGENT_AFTER.match(text, e)
                                              or _PASSIVE_BETWEEN.search(text, m.end, s)
                                              or _UNDERGO_BETWEEN.search(text, m.end, s)):
            return "target"  # "Putin's site gets attacked (by hackers)", "Maduro survived an attack"
        if _FORCES_AFTER.match(text, m.end):
            if not before and etype in _VIOLENCE:
                return "target"  # "killed 23 Afghan soldiers"
            return "actor"  # "U.S. forces"
        if etype in ("deployment", "aid", "military_exercise") and not before and re.search(r"\bof\s+(?:the\s+)?$", pre, re.I):
            return "actor"  # "the withdrawal of the United States"
        if m.entity.type == "country" and (re.search(r"\b(?:in|into|from|to|on|against|of|throughout|across|inside|near|"
                                                     r"outside|at)\s+(?:the\s+)?$", pre, re.I)
                                            or re.search(r"\b(?:in|at|near)\s+(?:[A-Z][\w'’.-]*\s+){1,4}(?:[\w'’.-]+\s+){0,3}?"
                                                         r"(?:[A-Z][\w'’.-]*,\s+){1,3}$", text[max(0, m.start - 80):m.start])):
            return "target"  # "throughout France", "at the cafe in Calle del Correo, Madrid, Spain": where, not who
        if not before and re.search(r"\bbetween\s+(?:the\s+)?$", text[max(0, m.start - 14):m.start], re.I):
            return "participant"
        return "actor" if before else "target"
    return "participant"


def _previous_subject(ctx: _Context, si: int, pronoun: str) -> list[Mention]:
    prev = ctx.sentences[si - 1]
    ms = [m for m in _mentions_between(ctx, prev.start, prev.end) if _is_party(m)]
    if not ms:
        return []
    if pronoun in ("he", "she") or pronoun.startswith("the "):
        persons = [m for m in ms if m.entity.type == "person"]
        if persons:
            return [persons[0]]
        return []
    first = ms[0]
    return [first]


def _persons_talk(ctx, text, in_sentence, s, e, window, voc) -> bool:
    """Talks between officials (a person or a role noun on either side) are a meeting."""
    w = re.search(r"\bwith\b", text[s:min(len(text), e + 100)])
    if w is None:
        return False
    at = s + w.end()
    stop = _CLAUSE_BREAK.search(text, at, min(len(text), at + 90))
    end = stop.start() if stop else min(len(text), at + 90)
    for m in in_sentence:
        if at <= m.start < end and m.entity.type == "person":
            return True
    if voc.role_nouns.search(text, at, end):
        return True
    # the subject side
    before = [m for m in window if m.start < s and m.entity.type == "person"]
    return bool(before)


def _count_groups(parts: list[Participant]) -> int:
    """Distinct parties: a person or an organisation affiliated with a country counts with it."""
    groups = set()
    for p in parts:
        country = getattr(p.entity, "country", None) if p.entity.type in ("person", "organization") else None
        groups.add(country.ref if country is not None else p.entity.ref)
    return len(groups)


def _count_parties(parts: list[Participant]) -> int:
    countries = {p.entity.ref for p in parts if p.entity.type in ("country", "organization")}
    persons_without = [p for p in parts if p.entity.type == "person" and getattr(p.entity, "country", None) is None]
    return len(countries) + len(persons_without)


def _country_of_place(ctx: _Context, place: LexEntity) -> LexEntity | None:
    country = getattr(place, "country", None)
    if country is not None:
        return country
    if place.capital_of is not None:
        return ctx.by_ref.get(place.capital_of)
    return None


# --------------------------------------------------------------------------- location

def _location(ctx, text, etype, in_sentence, clause, s, e):
    """The place of the event and the mentions that are that place."""
    best = None
    best_dist = None
    for m in in_sentence:
        if m.entity.type not in ("location", "country") or m.kind in ("demonym", "metonym"):
            continue
        if not (clause[0] <= m.start < clause[1]) or m.start > e + 120 or m.end < s - 120:
            continue
        pre = text[max(0, m.start - 40):m.start]
        if m.entity.type == "country":
            if etype == "visit":
                ok = bool(_DESTINATION_BEFORE.search(pre))
            elif etype in _CONSULT:
                ok = bool(re.search(r"\bin\s+$", pre))
            else:
                ok = False
        else:
            ok = bool(_LOCATIVE_BEFORE.search(pre)) or (etype == "visit" and bool(_DESTINATION_BEFORE.search(pre)))
            if etype in ("attack", "deployment") and not ok and m.end <= s:
                # "Herat is controlled by", "Kabul fell to": the place is the subject
                ok = bool(re.fullmatch(r"(?:['’]s)?\s*(?:(?:is|was|has|had|have|been|now|also|reportedly|finally|city|province)\s+)*",
                                       text[m.end:s], re.I))
            if etype in ("attack",) and not ok:
                ok = bool(re.search(r"\b(?:seiz\w*|captur\w*|took|take|overran|stormed|fall\s+of|entered|swept\s+into|"
                                    r"control\s+of|attack\w*\s+on|retook|retaken|recaptured)\s+(?:the\s+)?(?:city\s+of\s+|"
                                    r"capital\s+)?$", pre, re.I))
        if not ok:
            continue
        dist = m.start - e if m.start >= e else (s - m.end) * 2
        if best is None or dist < best_dist:
            best, best_dist = m, dist
    if best is None:
        return None, set()
    same = {m for m in in_sentence if m.start == best.start and m.end == best.end}
    return best.entity, same


# --------------------------------------------------------------------------- status and dates

def _status(text: str, voc: _Vocabulary, clause, s: int, e: int, trig: _Trigger) -> str:
    lead_start = max(clause[0], s - 90)
    lead = text[lead_start:s]
    tail = text[e:min(clause[1], e + 25)]
    if voc.negated.search(lead) or re.match(r"^\s*(?:was|were|has|have|had|is|are)?\s*(?:not|never)\b", tail, re.I):
        return "negated"
    if voc.planned.search(lead) or re.match(r"^\s*(?:to\s+be\s+held|will|is\s+(?:due|scheduled|set|expected)|"
                                            r"are\s+(?:due|scheduled|set|expected)|planned|scheduled|slated)\b", tail, re.I):
        return "planned"
    return "occurred"


def _dates_of(ctx: _Context, si: int, direction: str | None):
    key = (si, direction)
    if key not in ctx.dates:
        sent = ctx.sentences[si]
        ctx.dates[key] = [
            reldates.DateMatch(d.text, d.start + sent.start, d.end + sent.start, d.date_start, d.date_end,
                               d.precision, d.resolution, d.tense)
            for d in reldates.find_dates(sent.text, ctx.published, direction)
        ]
    return ctx.dates[key]


def _nearest_date(ctx, si, sent, clause, s, e, direction):
    dates = _dates_of(ctx, si, direction)
    if not dates:
        return None
    inside = [d for d in dates if clause[0] <= d.start < clause[1]]
    pool = inside or [d for d in dates if _same_span_ok(ctx.text, d, s, e)]
    if not pool:
        return None
    return min(pool, key=lambda d: d.start - e if d.start >= e else (s - d.end) * 1.5)


def _same_span_ok(text: str, d, s: int, e: int) -> bool:
    """A date outside the trigger's clause still dates it when nothing but a comma or a
    short phrase separates them ("On Monday, the Taliban seized ...")."""
    if d.end <= s:
        gap = text[d.end:s]
        return len(gap) < 60 and not re.search(r"[;:]|\b(?:since|after|before|when|which|who)\b", gap)
    return False


def _after_publication(date: reldates.DateMatch, published: DateValue | None) -> bool:
    ref = reldates.reference_date(published)
    if ref is None or date.date_start is None:
        return False
    if date.precision == "day":
        return date.date_start > ref.isoformat()
    if date.precision == "month":
        return date.date_start > ref.isoformat()[:7]
    if date.precision == "year":
        return date.date_start > ref.isoformat()[:4]
    return False


def _is_historical(date: reldates.DateMatch, ref_year: int | None) -> bool:
    if date.date_start is None:
        return False
    end_year = int((date.date_end or date.date_start)[:4])
    if ref_year is None:
        return False
    return end_year <= ref_year - 2


def _anchored(ctx, text, voc, trig, sent, clause, s, e, date, location, in_sentence) -> bool:
    """A noun trigger ("talks", "meeting") is an event only when something pins it down."""
    if date is not None or location is not None:
        return True
    near = text[max(clause[0], s - 60):min(clause[1], e + 60)]
    if voc.holding.search(near):
        return True
    after = text[e:min(sent.end, e + 50)]
    if trig.anchor_strict and not (trig.anchor_between and re.match(r"^\s*(?:between|among)\b", after, re.I)):
        return False
    if re.match(r"^\s*(?:with|between|among)\b", after, re.I):
        return any(e <= m.start <= e + 60 and _is_party(m) for m in in_sentence)
    return False
