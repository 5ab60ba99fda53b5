"""Who takes part in an event and in which role (no database): the text patterns and rules
:mod:`archive.extract.events` reads a trigger's clause with (parties, exclusions, roles,
pronoun subjects, media, captions). See that module's docstring for the rules themselves."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from archive.extract.entities import LexEntity, Mention

if TYPE_CHECKING:  # annotations only
    from archive.extract.events import Participant, _Context, _Vocabulary

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
                             r"inspired|linked|affiliated|sympathi[sz]ing|"
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
# a violent event named as the time of another ("in the wake of the Taliban takeover", "after
# his arrest", "since the 2014 attack") is referred to, not reported
_TEMPORAL_REFERENCE = re.compile(
    r"\b(?:after|since|following|amid|amidst|before|ahead\s+of|prior\s+to|in\s+the\s+(?:immediate\s+)?(?:wake|aftermath)\s+of|"
    r"in\s+the\s+(?:days|weeks|months|years|hours)\s+(?:after|since|before|following))\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|"
    r"their\s+|its\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)
_NOMINAL_TRIGGER = re.compile(
    r"(?:[\w-]+\s+)?(?:takeover|attacks?|bombings?|invasion|fall\s+of|arrests?|trials?|protests?|explosions?|blasts?|"
    r"killings?(?:\s+of)?|assassination|offensive|massacre|clashes|shelling|airstrikes?|capture|seizure|occupation|"
    r"shootings?|detention(?:\s+of)?|arrest\s+of)$", re.I)
# "Kabul fell to the Taliban", "the fall of Kabul to the Taliban": the Taliban took it
_FELL_TO = re.compile(r"\b(?:fell|fall(?:en|s)?\s+of\s+(?:the\s+)?(?:[\w'’.-]+\s+){1,5}?)\s*to\s+(?:the\s+)?$", re.I)
# "Trump attacked Machado in early-morning tweets": a person's verbal attack with no violence
# in the sentence is criticism (a statement, PLOVER ACCUSE), not an assault
_VERBAL_ATTACK = re.compile(r"attack(?:ed|ing)", re.I)
_CRITICIZED_FOR = re.compile(r"\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:for|over)\s")  # "attacked Clinton for her support ..."
_VIOLENT_CONTEXT = re.compile(
    r"\b(?:kill\w*|dead|death\w*|died|wound\w*|injur\w*|gun\w*|shot|shoot\w*|bomb\w*|explos\w*|blasts?|troops|forces|"
    r"soldiers|militar\w*|army|armed|weapons?|knife|knives|stabb\w*|rockets?|missiles?|drones?|air\s*strikes?|fighters|"
    r"militants?|insurgents?|terror\w*|police|hostages?|civilians|casualt\w*|assault\w*|mob|beat(?:en|ing)?|rifle\w*|"
    r"grenades?|shell\w*|raid\w*|ambush\w*|convoy|checkpoint|base)\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got|gotten|getting|came\s+under|comes?\s+under|"
                             r"under)\s+(?:(?:\w+ly|also|reportedly|allegedly|then|later|now)\s+)?$", re.I)
_AGENT_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?by\s+(?!(?:car|bus|train|air|road|phone|night|day|\d))", re.I)
_RELATION_BEFORE = re.compile(r"\b(?:friend|friends|wife|husband|son|daughter|brother|sister|father|mother|relative|"
                              r"relatives|cousin|widow|uncle|nephew|niece|neighbou?rs?|associate|associates|roommate|"
                              r"girlfriend|boyfriend|fianc[ée]e?)\s+of\s+(?:[\w'’-]+\s+){0,5}$", re.I)
_CHARGE_BETWEEN = re.compile(r"\b(?:of|in|for|with|over|about|during|after|to)\b", re.I)
_ACCUSE_VERB = re.compile(r"\b(?:accus|blam|condemn|denounc|critici[sz])", re.I)
_DIRECTED_VERB = re.compile(r"\b(?:accus|blam|condemn|denounc|critici[sz]|call|urg|demand|appeal|interview)", re.I)
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
    r"heard|knew|known|witness\w*|saw|support\w*|oppos\w*|endors\w*|vot(?:ed|es|ing)|prais\w*|welcom\w*|justif\w*|monitor\w*|question\w*|fac(?:ed|es|ing)\s+(?:\w+\s+)?questions|recall\w*|remember\w*)\b", re.I)
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
                re.search(r"\bby\s+(?:the\s+)?$", pre, re.I) or _FELL_TO.search(text, max(0, m.start - 70), m.start)):
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
