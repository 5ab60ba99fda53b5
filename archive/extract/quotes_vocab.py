"""Word lists and patterns of the quote extractor (archive.extract.quotes): cue verbs and phrases,
what may follow a cue, speaker phrases, appositives. Compiled once, at import."""

from __future__ import annotations

import re

from archive.data.lexicon import load_words
from archive.extract.fastregex import trie_pattern
from archive.extract.quotes_text import MASK
from archive.extract.quotes_text import quote_words

# --------------------------------------------------------------------------- vocabulary

_W = load_words()


_EXTRA_VERBS = [
    "say", "tell", "posted", "reported", "reports", "quoted", "promised", "pledged", "vowed",
    "assured", "reassured", "regretted", "implied", "asked", "recalled", "clarified",
    "elaborated", "underscored", "remarks", "claim", "described", "agreed", "urged",
]


_QW = quote_words()


_VERBS = sorted({v for v in _W["speech_verbs"] if v not in ("called", "calls", "expressed", "voiced")} | set(_EXTRA_VERBS)
                | set(_QW["speech_verbs"]), key=len, reverse=True)


# speech acts that report a proposition only with "that" (else they take a noun phrase)
_NEEDS_THAT = {
    "stressed", "stresses", "emphasized", "emphasised", "emphasizes", "underlined", "underscored",
    "highlighted", "reiterated", "reiterates", "welcomed", "hailed", "condemned", "criticized",
    "criticised", "affirmed", "acknowledged", "admitted", "confirmed", "confirms", "announced",
    "announces", "declared", "expressed", "voiced", "mentioned", "commented", "replied",
    "responded", "continued", "concluded", "observed", "predicted", "cautioned", "lamented",
    "complained", "recalled", "clarified", "elaborated", "remarked", "suggested", "asked",
    "posted", "reported", "reports", "quoted", "tweeted", "wrote", "writes", "agreed", "vowed",
    "pledged", "promised", "assured", "reassured", "regretted", "implied", "opined", "pointed out",
    "denied",
} | set(_QW["need_that"])  # fmt: skip


_PHRASE_CUES = [
    r"expressed\s+(?:his|her|their|its|the)?\s*hope", r"voiced\s+hope", r"made\s+it\s+clear",
    r"called\s+on", r"calls\s+on", r"called\s+upon", r"called\s+for", r"calls\s+for", r"pointed\s+out",
    r"points\s+out",
]


_PARTICIPLE_WORDS = [
    "saying", "adding", "noting", "stressing", "emphasising", "emphasizing", "underlining", "warning", "explaining",
    "insisting", "arguing", "writing", "stating", "declaring", "pointing out", "asserting", "claiming", "reiterating",
    "calling on", "calling for", "urging", "telling", "tweeting", "confirming", "announcing", "describing",
    "underscoring", "highlighting",
]  # fmt: skip


# one trie (an alternation of words is tried word by word at every position)
_PARTICIPLES = trie_pattern(set(_PARTICIPLE_WORDS) | set(_QW["participles"]), space=r"\s+")


# the verbs as a trie (longest first, as the sorted list was): scanned at every word
_CUE = (r"(?:" + "|".join(_PHRASE_CUES) + "|" + trie_pattern(_VERBS, space=r"\s+") + r")")


# what may follow a cue before the content: "said on Thursday", "told a press conference in Moscow"
_CUE_TAIL = re.compile(
    r"(?:\s+(?:"
    r"in\s+(?:a|an|his|her|its|their|the)\s+(?:post|tweet|message|statement|interview|letter|speech|note|commentary|"
    r"article|op-ed|address|video)(?:\s+(?:on|to|with|published\s+on|posted\s+on)\s+(?:the\s+)?"
    r"(?:X|Twitter|Facebook|Telegram|Instagram|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}))?"
    r"|on\s+(?:X|Twitter|Facebook|Telegram|social\s+media)"
    r"|on\s+(?:its|his|her|their)\s+(?:official\s+)?(?:X|Twitter|Telegram|Facebook|Instagram)?\s*(?:channel|account|page|website)"
    r"|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|today|yesterday|(?:this|last)\s+(?:week|month|year|morning|evening)"
    r"|earlier|later|also|again|previously|recently|repeatedly|separately|once\s+again|last\s+(?:week|month)|"
    r"(?:on|in)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{1,2})?"
    r"|(?:a|the)\s+(?:press|news)\s+(?:conference|briefing)(?:\s+in\s+[A-Z][\w-]+)?"
    r"|reporters|journalists|the\s+press"
    r"|(?:at|to)\s+(?:a|the)\s+(?:meeting|session|gathering|ceremony|conference|forum)(?:\s+(?:of|in|on)\s+[^,.;]{1,40}?)?"
    r"(?=[,.;]|\s+that\b|\s+[“\"])"
    r"))*"
)


# reported speech: also any place or occasion before "that" ("says at a campaign stop in Toledo, Ohio, that")
_REPORTED_TAIL = re.compile(
    _CUE_TAIL.pattern[:-3] + r"|(?:at|during|in|on|before|after|while|when)\s+[^,.;:“”\"]{1,60}?"
    r"(?:,\s+[A-Z][\w.\u02d1-]*)?(?=,?\s+that\b)" + "))*")


_SPEAKER_WORDS = r"(?:he|she|they|it|we|i)"


_PRONOUNS = {"he", "she", "they", "it", "we", "i"}


_ROLE_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _W["roles"]), key=len, reverse=True)) + r")s?\b", re.I)


_GENERIC_SPEAKER = re.compile(
    r"^(?:some|many|most|several|other|various|local|western|foreign|international|unnamed|anonymous|"
    r"two|three|four|five|a\s+number\s+of|experts?|analysts?|observers?|officials?|critics|sources?|reports?|"
    r"witnesses|residents|media|people|pundits|political\s+pundits)\b", re.I)


_NP_OBJECT = re.compile(
    r"^\s*(?:(?:the|his|her|its|their|our|a|an|iran['’]s|tehran['’]s)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:importance|need|necessity|significance|role|readiness|hope|concerns?|support|commitment|appreciation|"
    r"gratitude|condolences?|efforts?|position|stance|policy|satisfaction|regret|opposition|willingness|"
    r"interest|desire|views?|comments?|remarks|details|issue|matter|situation|news|meeting|visit|responsibility|credit)\b", re.I)


_THAT = re.compile(r"^\s*,?\s*that\b\s*", re.I)


_TITLED = re.compile(r"\b(?:titled|entitled|dubbed|called|named|so-called|the\s+slogan|the\s+hashtag|headlined)\s*[,:]?\s*$", re.I)


_STATEMENT_NP = re.compile(r"\b(?:joint\s+)?(?:statement|declaration|communiqu[eé]|readout|resolution)\b", re.I)


_STATEMENT_EXT = re.compile(r"\s*(?:,\s*)?(?:which|that)\s+(?:also\s+)?(?:includes?|included|involves?|involved|was\s+(?:also\s+)?"
                            r"(?:signed|issued|adopted)\s+by)\s+[^,.;]+|\s+(?:issued|signed|adopted|released)\s+by\s+[^,.;]+|\s+(?:of|by)\s+[^,.;]+")


_ANY_STATEMENT = re.compile(r"\b(?:joint\s+)?(?:statement|declaration|communiqu[eé])\b", re.I)


_MARKS = re.compile(r'[“”"]')


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


_QUALIFIER_AFTER = re.compile(r"['’]s?\b|\s+(?:campaign|spokes(?:man|woman|person)|aides?|advis[eo]rs?|lawyers?|attorneys?|"
                              r"staff|team|camp|allies|officials?|supporters|surrogates?|press\s+secretary|representatives?|"
                              r"doctor|physician|administration|transition)\b", re.I)


_ORG_HEADS = re.compile(r"\b(ministry|office|embassy|council|agency|government|army|command|committee|commission|"
                        r"parliament|presidency|administration|authority|department|consulate|mission|foundation)\b", re.I)


_PERSON_NOUNS = re.compile(r"\b(?:witness(?:es)?|resident|source|man|woman|member|fighter|soldier|civilian|student|"
                           r"journalist|reporter|correspondent|activist|expert|analyst|observer|commander|spokes\w+|"
                           r"statement|declaration|report|agency|ministry|office|embassy|leader|official|diplomat|"
                           r"envoy|minister|president|ambassador|negotiator|representative|politician|professor|"
                           r"lawyer|attorney|historian|scholar|researcher|author|chief|head|secretary|authority|"
                           r"airport|police|army|military|government|council|command|spokesperson)\b", re.I)


_PLURAL_ROLE = re.compile(r"\b(?:officials|diplomats|sources|analysts|experts|observers|leaders|ministers|members|"
                          r"authorities|representatives|spokesmen|people|residents|witnesses|critics|officers)\b", re.I)


_GIVEN_BEFORE = re.compile(r"(?<![\w'’.\u02d1-])([A-Z][a-z]+)\s$")


# US titles read as roles ("Sen. Bernie Sanders" ... "the Vermont senator"), abbreviations as the reading text spells them
_US_ROLES = {"sen" + MASK: "senator", "rep" + MASK: "congressman", "gov" + MASK: "governor", "congresswoman": "congressman",
             "businesswoman": "businessman", "chairwoman": "chairman"}


_ROLE_NOUNS = sorted({r.lower() for r in _W["roles"]} | {"president", "prime minister", "foreign minister", "congressman",
                                                          "nominee", "candidate", "businessman", "mogul"} | set(_US_ROLES),
                     key=len, reverse=True)


_ROLE_KEY = re.compile(r"\b(?:(?P<q>foreign|prime|deputy|defen[cs]e|interior|energy|economy|vice|special|presidential)\s+)?"
                       r"(?P<n>" + trie_pattern(r for r in _ROLE_NOUNS if " " not in r) + r")s?\b", re.I)


# the role is read in any case, the name words after it only capitalised ("Sen. Bernie Sanders met "
# does not make the next person named a senator)
_ROLE_BEFORE_NAME = re.compile(r"(?P<role>(?i:(?:[A-Za-z'’-]+\s+){0,3}?" + trie_pattern(_ROLE_NOUNS) +
                               r"))\s+(?:(?:for|to|of|on|in)\s+(?:the\s+)?)?(?:[A-Z][\w'’.\u02d1-]*\s+){0,3}$")


_ROLE_AFTER_NAME = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,;:.“”\"]{2,80}?)(?:,|\.|$)")


_ROLE_SYNONYMS = {"representative": "envoy", "emissary": "envoy", "spokeswoman": "spokesman",
                  "spokesperson": "spokesman", "premier": "prime minister", "advisor": "adviser", **_US_ROLES}


_GENERIC_ROLES = {"diplomat", "official", "politician", "leader", "member", "head", "chief"}


# --------------------------------------------------------------------------- patterns

_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|al-[\w'’-]+|bin|ibn|de|van|von)"


_SPEAKER_NP = (rf"(?:{_SPEAKER_WORDS}|(?:the|a|an)\s+[^,.;:“”\"!?]{{1,70}}?|(?:one|some|two|three)\s+of\s+[^,.;:“”\"!?]{{1,70}}?|"
               rf"[A-Z][\w'’.-]*(?:\s+{_NAME_TOKEN}){{0,6}}(?:['’]s\s+[^,.;:“”\"!?]{{1,40}}?)?)"
               rf"(?:(?:,\s*[^,.;:“”\"!?]{{2,150}}){{1,3}},)?")


# after a closing quote: “...,” Kabulov told / “...,” he added / “...,” the joint statement said
_AFTER_SPK_CUE = re.compile(
    rf"\s*[,.!?…]?\s*(?P<spk>{_SPEAKER_NP})\s+(?:(?:also|further|later|then|again|once\s+again|quickly|"
    rf"has|had|have)\s+)*(?<![-‐])(?-i:(?=[a-z]))(?P<cue>{_CUE}){_CUE_TAIL.pattern}",
    re.I,
)


# after a closing quote, inverted: “...,” said Ghulam Farooq Aleem, a former ...
_AFTER_CUE_SPK = re.compile(
    r"\s*[,.!?…]?\s*(?P<cue>said|says|added|adds|noted|notes|stated|wrote|writes|tweeted|explained|warned|"
    r"continued|asked|replied|insisted|argued|concluded|remarked|declared|stressed|emphasi[sz]ed|underlined|"
    r"told\s+[^,.;“”\"]{1,40}?)\s+(?P<spk>(?:the\s+|a\s+|an\s+)?[^,.;:“”\"!?]{1,80}?)(?=\s*[,.;:!?]|\s+(?:in|on|at|who|during|when)\b|$)",
)


_DASH_SPK = re.compile(r"[ \t]*(?P<cue>[―—]|--)[ \t]*(?P<spk>[A-Z][\w'’\u02d1-]*(?:[ \t]+[\w'’\u02d1-]+){0,5}?)[ \t]*[.,]?[ \t]*(?:\n|$)")


# a cue is a lower-case word, not the end of a hyphenated one ("the United States", "OIC-proposed")
_CUE_ANY = re.compile(rf"\b(?<![-‐])(?-i:(?=[a-z]))(?P<cue>{_CUE}|{_PARTICIPLES})\b{_CUE_TAIL.pattern}", re.I)


_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<spk>[^,.;:“”\"]{2,80}?)(?=\s*[,.;]|$)", re.I)


_CLAUSE_START = re.compile(r"[;:]\s+|\n|[“”\"]\s*|\b(?:and|but|while|whereas)\s+(?=[A-Z]|(?:he|she|they|it|the|its|his|her|their)\b)")


_STOPWORDS = set(_W["name_stopwords"]) | set(_W["function_words"]) | {"he", "she", "it", "they", "we", "i"}


_UNKNOWN_SUBJECT = re.compile(rf"((?:[A-Z][\w'’-]+\s+){{0,3}}[A-Z][\w'’-]+)(?:,[^,]{{1,90}},)?\s+(?:(?:also|has|had)\s+)*"
                              rf"(?:{_CUE})\b")


_DEFINITE = re.compile(r"the\b|[A-Z]")


_DOCUMENT = re.compile(r"\b(?:report|poll|survey|study|analysis|article|statement|memo|letter|review|database|"
                       r"complaint|lawsuit|filing|commentary|editorial|brief|ruling|document|release|audit)\b", re.I)


_COORDINATION = re.compile(r"\s(?:and|or|both)\s")


_TWO_CAPITALS = re.compile(r"[A-Z][\w'’\u02d1-]*[\s-][A-Z]")


_LATER_CAPITAL = re.compile(r"\s[A-Z][\w'’\u02d1-]")


_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)[.\u02d1]?\s+(?:[A-Z][\w'’-]*\s+)?([A-Z][\w'’-]+)")


_FEMALE = frozenset(_QW["female_given_names"])


_MALE = frozenset(_QW["male_given_names"])


_INDEFINITE = re.compile(r"(?:a|an|some|many)\s", re.I)


_DATE_TAIL = re.compile(r"\s+(?:on|in|at|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                        r"January|February|March|April|May|June|July|August|September|October|November|December|week|month)\b.*$")


# --------------------------------------------------------------------------- direct quotes

# a title in quotation marks ("told “Fox News Sunday”", "“A Change Is Gonna Come”")
_SMALL = r"(?:a|an|the|and|or|of|in|on|at|to|for|with|by|is|be|as|from|up|de|la)"


_TITLE_CASE = re.compile(rf"[A-Z0-9][\w'’.-]*(?:\s+(?:[A-Z0-9][\w'’.-]*|{_SMALL})){{0,7}}[.,!?]?")


_VERB_AFTER = re.compile(r"\s*(?:(?:also|has|had|have|once\s+again|again|later|then|[a-z]{3,}ly)\s+)*"
                         r"((?:[a-z]+ed|[a-z]{3,}s|said|told|wrote|spoke|sang|made|gave|took|saw|put|set|went|came)\b)")


_LEAD_WORDS = re.compile(r"\s*((?:[A-Z][\w'’\u02d1-]*\s+){0,5}[A-Z][\w'’\u02d1-]*)")


_ADVERBS = (r"(?:also|further|later|then|again|once\s+again|has|had|have|quickly|now|often|still|long|never|always|even|"
            r"just|once|[a-z]{3,}ly(?<!family)(?<!ally)(?<!assembly)(?<!supply)(?<!rally)(?<!reply)(?<!apply)|reportedly|repeatedly|previously|"
            r"earlier|recently|separately|too|in\s+turn|however|meanwhile|already|officially|publicly|strongly|"
            r"clearly|firmly|explicitly|openly|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
            r"in\s+a\s+statement|on\s+Twitter|on\s+X|went\s+on\s+to|continued\s+to|proceeded\s+to|would|will|did|"
            r"does|is\s+reported\s+to\s+have|was\s+quoted\s+as)")


_GAP = re.compile(rf"^(?:['’]s?)?\s*(?:\([^)]{{0,40}}\)\s*)?(?:(?:,\s*[^,;:“”\"]{{1,150}}){{1,4}},\s*)?,?\s*(?:{_ADVERBS}[\s,]+)*$", re.I)


_PRONOUN_BEFORE = re.compile(rf"\b(he|she|they|it|we|I)\s+(?:{_ADVERBS}[\s,]+)*$", re.I)


# "the minister, who met his counterpart, said": a description with a relative clause
_NP_BEFORE = re.compile(rf"(\b(?:the|a|an)\s+[^,.;:“”\"]{{1,60}}?)\s*(?:,\s*(?:who|whose|which)\s[^,;:“”\"]{{1,120}}?,\s*)?(?:,\s*)?"
                        rf"(?:{_ADVERBS}[\s,]+)*$", re.I)


_NAME_BEFORE = re.compile(rf"([A-Z][\w'’.-]*(?:\s+{_NAME_TOKEN}){{1,5}})\s*(?:,\s*[^,;:“”\"]{{1,150}}?,\s*)?,?\s*(?:{_ADVERBS}[\s,]+)*$")


_CONJUNCTIONS = {"but", "and", "so", "yet", "still", "meanwhile", "however", "also", "now", "then"}


_LEAD_NAME = re.compile(r"\s*((?:[A-Z][\w'’-]*\s+){0,4}[A-Z][\w'’-]*)\s*,")  # "Michael Mulgrew, president of ..."


_POSS_NP_BEFORE = re.compile(rf"(?<![\w'’.-])([A-Z][\w\u02d1-]*['’]s?\s+(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*)\s*,?\s*"
                             rf"(?:{_ADVERBS}[\s,]+)*$")
_SINGLE_NAME_BEFORE = re.compile(rf"(?<![\w'’.-])([A-Z][\w'’-]{{2,}})\s*(?:,\s*[^,;:“”\"]{{1,150}}?,\s*)?,?\s*(?:{_ADVERBS}[\s,]+)*$")


_LEAD_ADVERBIAL = re.compile(r"^(?:(?:at|in|on|during|after|before|meanwhile|however|also|elsewhere|earlier|later|"
                             r"speaking|addressing|for\s+(?:his|her|its|their)\s+part)\b[^,]{0,90},\s*)+", re.I)


_COORDINATED = re.compile(rf"(?:,\s*)?\b(?:and|but)\s+(?:{_ADVERBS}\s+)*$", re.I)


_ROLE_OF = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,6}?(?:[Ee]nvoy|[Aa]mbassador|[Rr]epresentative|[Mm]inister|[Ss]ecretary|"
                      r"[Ss]pokes(?:man|woman|person)|[Cc]hief|[Hh]ead|[Cc]oordinator|[Ee]missary|[Cc]ommander|[Dd]irector)"
                      r"\s+(?:to|for|of|on|in|at)\s+(?:the\s+)?)$")


_POSS_ROLE = re.compile(r"(['’]s\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(re.escape(r) for r in sorted(
    {r.lower() for r in _W["roles"]}, key=len, reverse=True)) + r")s?)\b(?=(?:\s+(?:also|further|has|had|have|once\s+again|again|later))*\s*,?\s*$)", re.I)


_GOVERNED = re.compile(r"\b(?:of|in|at|for|from|and|with|to|on|by)\s+(?:the\s+)?$")


_ROLE_NP_START = re.compile(r"\s*((?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:" + "|".join(re.escape(r) for r in _ROLE_NOUNS) + r"))\b", re.I)


_FINITE_AFTER = re.compile(
    r"(?:['’]s)?(?:,[^,;:“”\"]{1,100},)?\s+(?:(?:also|has|have|had|once\s+again|again|later|then|further|"
    r"recently|previously|earlier)\s+)*(?:[a-z]+ed|[a-z]{3,}s|is|was|were|are|said|told|met|held|made|gave|took|"
    r"went|saw|spoke|wrote|sent|called|paid|left|led|began|brought|sought|shed|set)\b")


# --------------------------------------------------------------------------- reported speech

_REPORTED_CUE = re.compile(rf"\b(?<![-‐])(?-i:(?=[a-z]))(?P<cue>{_CUE}|{_PARTICIPLES})\b", re.I)


# cues that report a proposition without "that" ("Kabulov said delisting ... begins ...")
_BARE_CUES = {"said", "says", "say", "added", "adds", "told", "tells", "stated", "warned", "warns", "explained",
              "claimed", "claims", "insisted", "insists", "argued", "argues", "believes", "noted", "notes",
              "saying", "adding", "noting", "writing", "stating"}


_CONTENT_BAD_START = re.compile(r"(?:on|for|about|upon|in|at|with|to|over|from|by|of|and|but|or|as)\b|\w+ing\b", re.I)


_SAY = {"said", "says", "say"}


# cues of the broad list that take a noun phrase as often as a clause: reported speech only with "that"
_STRICT_CUES = frozenset(_QW["need_that"]) - set(_W["speech_verbs"]) - set(_EXTRA_VERBS)


# "said on Monday", "said about the talks" (but "said about 20 people have ...")
_SAID_NOT_CLAUSE = re.compile(r"(?:on|for|about(?!\s+\d)|upon|in|at|with|to|over|from|by|of|and|but|or|as)\b", re.I)


_AS_CUES = {"described", "describes", "emphasized", "emphasised", "stressed", "called", "termed", "considered",
            "regarded", "branded", "labeled", "labelled", "hailed", "praised"}


_CLAUSE_LIKE = re.compile(r"(?:[\w'’,-]+\s+){1,8}?(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|"
                          r"might|does|did|do)\b(?!\s+to\b)", re.I)


_INVERTED = re.compile(r"\s+(?P<spk>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})\s*(?:[,.]|\s+(?:who|whose|as)\b|$)")


_AMBIGUOUS_NOUNS = {"states", "notes", "claims", "claim", "remarks", "reports", "calls", "says", "tells", "adds", "argues", "warns", "insists"}


_VERB_LIKE = {"says", "claims", "notes", "argues", "insists", "warns", "adds", "tells"}


_AFTER_ALL = (float("inf"), 0)
