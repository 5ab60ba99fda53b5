"""House styles for the quote extractor: one spelling of the text to read quotes in, and
the name words of a speaker phrase.

``reading_text`` returns a text of the same length as the article body (every offset still
points at the same character) in which

- NYT-style ``''double apostrophes''`` read as straight quotes (an opening pair as ``␠"``,
  a closing one as ``"␠``);
- the periods of abbreviations ("Sen.", "Rep.", "Mr.", "G.K.", "Sept. 12", "Md.,") read as a
  letter, so that "Rep. G.K. Butterfield" is one name and not three sentences;
- party-state tags ("(D-N.C.)", "(R)", ", R-Ky.," with its commas) read as blanks (a comma
  after a tag moves up to the name), so that "Sen. Lindsey Graham (R-S.C.) said" is a name
  followed by a cue.

``head_name`` finds the name in a speaker phrase as a reader would: "Clinton campaign
spokesman Brian Fallon" -> "Brian Fallon", "Rep. Elijah Cummings of Maryland, the panel's
ranking Democrat" -> "Elijah Cummings", "Scott's niece, state Del. Marcia Price" -> "Marcia
Price", "Mr. King" -> "King", "the Commission on Presidential Debates" -> "Commission on
Presidential Debates"; a phrase whose head is not a name ("the Trump campaign", "the
Vermont senator") has none.

Word lists come from ``quote_words.json`` (titles, abbreviations, state abbreviations) and
``context_words.json`` (roles, organisation heads).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from archive.data.lexicon import load_words
from archive.extract.fastregex import trie_pattern

MASK = "\u02d1"  # a letter-like stand-in for an abbreviation's period ("Rep." -> "Repˑ")


@lru_cache(maxsize=1)
def quote_words() -> dict:
    data = json.loads(resources.files("archive.data").joinpath("quote_words.json").read_text("utf-8"))
    data.pop("_provenance", None)
    return data


_Q = quote_words()
_W = load_words()

_OPEN_DAP = re.compile(r"''")


def _dap(m: re.Match) -> str:
    """A closing pair (after a non-blank, before no letter) reads '"␠', an opening one '␠"'."""
    i, text = m.start(), m.string
    nxt = text[m.end():m.end() + 1]
    closing = i > 0 and not text[i - 1].isspace() and not (nxt.isalnum() or nxt == "_")
    return '" ' if closing else ' "'


# an abbreviation's period: found by the period (a literal the engine finds fast), then the
# word before it is read: a title or other abbreviation before a name or number ("Sen. Bernie",
# "Sept. 12", "Inc.,"), a state before a comma or lower case ("Md., who"), an initial ("G.K.
# Butterfield", "U.S. officials")
_DOT = re.compile(r"\.(?=[ \t]*[A-Za-z0-9(\"“'‘,;)’-]|[A-Z]\.)")
_ABBR_END = re.compile(r"(?:(?<![\w.])(?:(?P<t>" + trie_pattern(_Q["abbreviations"]) + r")|(?P<s>"
                       + trie_pattern(_Q["state_abbreviations"]) + r"))|(?<!\w)[A-Z])$")
_AFTER_TITLE = re.compile(r"[ \t]*[A-Z0-9(\"“'‘]|,")
_AFTER_STATE = re.compile(r"[,);]|[ \t]+[a-z]")
_NEXT_CAPITAL = re.compile(r"[ \t]+(?:The|A|An|In|On|He|She|It|They|We|This|But|However)\b")  # a sentence opener
_AFTER_INITIAL = re.compile(r"[A-Z]\.|[ \t]*[A-Za-z0-9,;)'’-]")


def _mask_periods(text: str) -> str:
    cut = []
    for m in _DOT.finditer(text):
        i = m.start()
        w = _ABBR_END.search(text, max(0, i - 8), i)
        if w is None:
            continue
        after = _AFTER_TITLE if w.group("t") else _AFTER_STATE if w.group("s") else _AFTER_INITIAL
        if after.match(text, i + 1) or (w.group("t") and w.group("s") and _AFTER_STATE.match(text, i + 1)):
            if after is _AFTER_INITIAL and text[i - 2:i - 1] == "." and _NEXT_CAPITAL.match(text, i + 1):
                continue  # "... in the U.S. The talks": an acronym may end a sentence
            cut.append(i)
    if not cut:
        return text
    parts = []
    prev = 0
    for i in cut:
        parts.append(text[prev:i])
        parts.append(MASK)
        prev = i + 1
    parts.append(text[prev:])
    return "".join(parts)


_PARTY_TAG = re.compile(r"[ \t]\((?:[RDI](?:-[A-Z][\w.]{0,12}(?:[ \t][A-Z][\w.]{0,8})?)?|[A-Z][a-z]{1,5}[.\u02d1])\)(?P<p>[,;:]?)"
                        r"|,[ \t][RDI]-[A-Z][\w.]{0,12}(?:[ \t][A-Z][\w.]{0,8})?,")


def _blank(m: re.Match) -> str:
    # the punctuation after a tag moves up to the name: "Jordan (R-Ohio), an" -> "Jordan,          an"
    p = m.group("p") or ""
    return p + " " * (m.end() - m.start() - len(p))


def reading_text(text: str) -> str:
    """The text to read quotes in (same length, same offsets): see the module docstring."""
    if "''" in text:
        text = _OPEN_DAP.sub(_dap, text)
    if "." in text:
        text = _mask_periods(text)
    if "(" in text or "-" in text:
        text = _PARTY_TAG.sub(_blank, text)
    if "--" in text or "—" in text or "–" in text:
        text = _DASH_APPOSITIVE.sub(_dash_commas, text)
    return text


# "Kall -- co-editor of Debating The Donald, a book ... -- said": an appositive between dashes
# reads as one between commas
_DASH_APPOSITIVE = re.compile(r"[ \t](--|—|–)[ \t]+([^\n—–.!?“”\"]{1,160}?)[ \t]*(--|—|–)(?=[ \t]*[a-z])")


def _dash_commas(m: re.Match) -> str:
    one, two = m.group(1), m.group(3)
    middle = m.string[m.end(1):m.start(3)]
    return " " + "," + " " * (len(one) - 1) + middle + "," + " " * (len(two) - 1)


def plain(s: str) -> str:
    """A phrase of the reading text as the article spells it (periods back, blanks squeezed)."""
    if MASK in s:
        s = s.replace(MASK, ".")
    return " ".join(s.split())


# --------------------------------------------------------------------------- name words

_TITLE_WORDS = ({w.lower().replace(".", MASK) for w in _Q["speaker_titles"]}
                | {w.lower().replace(".", MASK) for w in _W["titles"] if " " not in w}
                | {r.lower() for r in _W["roles"]})
ORG_HEAD_WORDS = frozenset(w.lower() for w in _W["org_heads"] if " " not in w)
_ORG_TAIL = re.compile(r"(?:the\s+)?[A-Z][\w'’\u02d1-]*(?:\s+(?:(?:of|for|on|and|&)\s+(?:the\s+)?)?[A-Z][\w'’\u02d1-]*)*")
TITLE_WORDS = frozenset(_TITLE_WORDS)  # lower case; an abbreviation's period as MASK
_LEADING = {"the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "but", "and", "yet", "so", "still",
            "meanwhile", "also", "now", "then", "however", "instead", "later", "earlier", "today"}
_PARTICLES = {"de", "da", "del", "della", "van", "von", "der", "den", "bin", "ibn", "la", "le", "di", "du"}
_WORD = re.compile(r"[\w'’-]+")
_SEGMENT = re.compile(r"[,;:(“”\"]|\s[-–—]+\s")
_CUT = re.compile(r"\s(?:of|at|in|from|for|with|who|whose|which|on|under|to|and|&|as|during|after|since|about)\s")
_POSS = re.compile(r"['’]s?$")


def _runs(seg: str, base: int):
    """(start, end, words) of each run of capitalised words in ``seg``: a title word or a
    possessive ends a run ("Clinton's campaign manager Robby Mook" -> Clinton, Robby Mook)."""
    out = []
    cur: list = []
    for m in _WORD.finditer(seg):
        w = m.group(0)
        poss = w.endswith(("'s", "’s")) and len(w) > 2
        core = w[:-2] if poss else w
        low = core.lower()
        capital = core[:1].isupper()
        if capital and not poss and low in _TITLE_WORDS:
            # a title word: before a name it is left out; as the run's last word it is
            # the name itself when a title preceded it ("Mr. King")
            if any(t[0] == "N" for t in cur):
                out.append(cur)
                cur = []
            cur.append(("T", m.start() + base, m.end() + base, core))
            continue
        if capital or (cur and low in _PARTICLES):
            cur.append(("N", m.start() + base, m.start() + len(core) + base, core))
            if poss:
                out.append(cur)
                cur = []
            continue
        if cur:
            out.append(cur)
        cur = []
    if cur:
        out.append(cur)
    return out


def head_name(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The span of the name a speaker phrase ``text[a:b]`` is about: the last run of
    capitalised non-title words of the first segment (before a comma, "of", "who" ...)
    that ends in one; failing that, of a later segment ("A lawyer for the news outlets,
    David Schulz"). None when the phrase is a description ("the Trump campaign")."""
    pos = a
    for sep in _SEGMENT.finditer(text, a, b):
        found = _segment_head(text, pos, sep.start())
        if found is not None:
            return found
        pos = sep.end()
    return _segment_head(text, pos, b)


def _segment_head(text: str, a: int, b: int):
    end = b
    cut = _CUT.search(text, a, b)
    if cut:
        b = cut.start()
    seg = text[a:b]
    if not seg.strip():
        return None
    runs = _runs(seg, a)
    if not runs:
        return None
    last = runs[-1]
    # the run must close the segment (up to blanks and closing punctuation)
    if text[last[-1][2]:b].strip(" .,'’\t\n"):
        return None
    names = [t for t in last if t[0] == "N"]
    while names and names[0][3].lower() in _LEADING:
        names = names[1:]
    if not names:
        # "Mr. King": a title run whose last word is the name
        if len(last) >= 2 and last[-1][0] == "T" and last[-2][0] == "T" and last[-2][3].endswith(MASK):
            return last[-1][1], last[-1][2]
        return None
    if names[-1][3].lower() in _TITLE_WORDS:
        return None
    if cut and names[-1][3].lower() in ORG_HEAD_WORDS and cut.group(0).strip() in ("of", "on", "for"):
        # "the Commission on Presidential Debates", "the University of Michigan": the name goes on
        tail = _ORG_TAIL.match(text, cut.end(), end)
        if tail:
            return names[0][1], tail.end()
    return names[0][1], names[-1][2]
