"""Sentence boundaries with character offsets, tuned for news copy.

Abbreviations common in news ("Mr.", "U.S.", "Sept.", "Gen.", "No.") do not end sentences;
paragraph breaks always do.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov",
    "sen", "rep", "rev", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "approx", "dept", "est", "fig", "mt",
}  # fmt: skip

_BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*\s+|\n\s*\n+")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def split(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        cut = m.end()
        if "\n" not in m.group(0) and not _is_boundary(text, m):
            continue
        _add(sentences, text, start, cut)
        start = cut
    _add(sentences, text, start, len(text))
    return sentences


def _is_boundary(text: str, m) -> bool:
    punct_at = m.start()
    if text[punct_at] != ".":
        return _next_starts_sentence(text, m.end())
    word = re.search(r"([\w.]+)$", text[max(0, punct_at - 12):punct_at])
    token = word.group(1).lower() if word else ""
    if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
        # "U.S. officials" continues; "the U.S. The ..." is ambiguous: end only before a
        # clear sentence opener (capitalised word followed by lower case).
        if token in ("u.s", "u.k", "u.n") and _next_starts_sentence(text, m.end(), strict=True):
            return True
        return False
    return _next_starts_sentence(text, m.end())


_OPENERS = {"The", "A", "An", "In", "On", "He", "She", "It", "They", "We", "This", "But", "However"}


def _next_starts_sentence(text: str, pos: int, strict: bool = False) -> bool:
    nxt = text[pos:pos + 30]
    if not nxt:
        return True
    first = nxt[0]
    if strict:
        word = re.match(r"[\w']+", nxt)
        return bool(word) and word.group(0) in _OPENERS
    return first.isupper() or first.isdigit() or first in "\"“‘'(["


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    out.append(Sentence(len(out), s, s + len(stripped), stripped))


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, cut at ". " and line breaks (a quick cut
    for evidence lines; :func:`split` is the careful one)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 : right].strip()


class SentenceIndex:
    """Which sentence a character offset falls in."""

    def __init__(self, sentences: list[Sentence]):
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def at(self, offset: int) -> int:
        i = bisect.bisect_right(self._starts, offset) - 1
        return max(i, 0)
