"""Names the gazetteer does not know, found by their context, kept as candidates.

A capitalised name after a title or role ("Mawlawi X", "spokesman X", "envoy X"), before a
role apposition ("X, the ... minister"), before or after a speech verb ("X said", "said X"),
or a capitalised phrase headed by an organisation word ("World Assembly on Islamic
Awakening") becomes a candidate: stored as an ``unresolved`` entity with its mentions, listed
by the ``unresolved_names`` view, promotable with ``archive entities add``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.data.lexicon import load_words
from archive.extract.fastregex import trie_pattern

_W = load_words()

_TOKEN = r"(?:[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+)"
_PARTICLE = r"(?:al-|el-|bin |ibn |van |von |de |ul-|ud-)"
_NAME = rf"(?:{_PARTICLE}?{_TOKEN})(?:\s+{_PARTICLE}?{_TOKEN}){{1,3}}"

_TITLE_RE = re.compile(
    r"\b" + trie_pattern(_W["titles"]) + r"\s+"
    rf"(?P<name>{_NAME})"
)
_SPEECH_AFTER = re.compile(
    rf"(?P<name>{_NAME})\s+(?:has\s+|had\s+)?"
    + trie_pattern(_W["speech_verbs"]) + r"\b"
)
_SPEECH_BEFORE = re.compile(
    r"\b" + trie_pattern(_W["speech_verbs"]) + rf"\s+(?P<name>{_NAME})\b(?!\s+(?:of|for)\b)"
)
_APPOSITION = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){{0,5}}?"
    + trie_pattern(_W["roles"]) + r"\b"
)
# "Russia's ambassador to Iran, Levan Dzhagaryan, said"
_ROLE_BEFORE = re.compile(
    r"\b" + trie_pattern(_W["roles"]) + r"(?:\s+(?:to|of|for|in|at|on)\s+(?:the\s+)?"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4})?,\s+"
    rf"(?P<name>{_NAME}),"
)
# "Special Envoy for Afghanistan Jean Arnault", "Secretary General of the OIC Yousef X"
_TITLE_OF = re.compile(
    r"\b" + trie_pattern(_W["titles"]) + r"\s+"
    r"(?:of|for|to|on|at)\s+(?:the\s+)?"
    rf"(?P<name>(?:[A-Z][\w'’-]*\s+(?:of\s+|for\s+|and\s+)?){{1,6}}{_NAME})"
)
_HONORIFIC = re.compile(
    r"\b(?P<title>" + "|".join(map(re.escape, _W["honorifics_in_name"] + _W["honorifics_dropped"])) + r")"
    rf"\s+(?P<name>{_TOKEN}(?:\s+{_TOKEN})?)\b"
)
_ORG_HEAD = trie_pattern(_W["org_heads"])
_CAP = r"(?:[A-Z][\w'’-]*)"
_CONNECT = r"(?:of|for|and|on|the|in|de|al|to)"
_AFTER = r"(?:of|for|and|on|the|de|al)"
_ORG_RE = re.compile(
    rf"\b(?P<name>(?:{_CAP}\s+(?:{_CONNECT}\s+)*){{0,5}}(?:{_ORG_HEAD})"
    rf"(?:\s+(?:{_AFTER}\s+)+{_CAP}(?:\s+(?:{_AFTER}\s+)?{_CAP}){{0,4}})?)\b"
)

_STOP = set(_W["name_stopwords"])
_FUNCTION = set(_W["function_words"])
_GENERIC = set(_W["generic_office_words"])


@dataclass(frozen=True)
class Candidate:
    name: str
    type: str  # person or organization
    start: int
    end: int
    rule: str


def find_candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for rule, pattern in (("title", _TITLE_RE), ("speech", _SPEECH_AFTER),
                          ("speech", _SPEECH_BEFORE), ("apposition", _APPOSITION),
                          ("apposition", _ROLE_BEFORE), ("title", _TITLE_OF)):
        for m in pattern.finditer(text):
            cand = _person(text, m.start("name"), m.end("name"), rule)
            if cand:
                found.append(cand)
    for m in _HONORIFIC.finditer(text):
        cand = _honorific(text, m)
        if cand:
            found.append(cand)
    for m in _ORG_RE.finditer(text):
        cand = _organization(text, m.start("name"), m.end("name"))
        if cand:
            found.append(cand)
    return found


def _person(text: str, start: int, end: int, rule: str) -> Candidate | None:
    name = text[start:end]
    tokens = name.split()
    # trim stop-words (titles, months, places) from both ends
    while tokens and _is_stop(tokens[0]):
        start += len(tokens[0]) + (1 if len(tokens) > 1 else 0)
        tokens = tokens[1:]
        start = _skip_space(text, start)
    while tokens and _is_stop(tokens[-1]):
        tokens = tokens[:-1]
    if len(tokens) < 2 or any(_is_stop(t) for t in tokens):
        return None
    name = " ".join(tokens)
    end = start + len(name)
    if text[start:end] != name:
        return None
    return Candidate(name, "person", start, end, rule)


def _honorific(text: str, m) -> Candidate | None:
    title, name = m.group("title"), m.group("name")
    tokens = name.split()
    while tokens and _is_stop(tokens[-1]):
        tokens = tokens[:-1]
    if not tokens or _is_stop(tokens[0]):
        return None
    if title in _W["honorifics_in_name"]:
        start = m.start("title")
        full = title + " " + " ".join(tokens)
    else:
        start = m.start("name")
        full = " ".join(tokens)
    if text[start:start + len(full)] != full:
        return None
    return Candidate(full, "person", start, start + len(full), "honorific")


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _is_stop(token: str) -> bool:
    return token.strip(".,'’").lower() in _STOP


def _organization(text: str, start: int, end: int) -> Candidate | None:
    name = text[start:end]
    tokens = name.split()
    while tokens and tokens[0].lower() in _FUNCTION:
        start = _skip_space(text, start + len(tokens[0]))
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in _FUNCTION | {"de", "al"}:
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return None
    name = " ".join(tokens)
    end = start + len(name)
    if text[start:end] != name:
        return None
    if _sentence_initial_generic(text, start, tokens):
        return None
    content = [t for t in tokens if t.lower() not in _FUNCTION]
    if all(t.lower() in _GENERIC for t in content):
        return None  # "Foreign Ministry", "National Security Council": generic, not a name
    return Candidate(name, "organization", start, end, "org-head")


def _sentence_initial_generic(text: str, start: int, tokens: list[str]) -> bool:
    # "The Ministry said ..." at a sentence start: only the head word is capitalised
    caps = [t for t in tokens if t[0].isupper()]
    return len(caps) < 2
