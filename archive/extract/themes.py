"""Themes of an article from a dictionary of terms and patterns (``data/themes.jsonl``).

``article_themes(text)`` counts, per theme, the non-overlapping matches of the theme's terms
and patterns (a longer term wins over a shorter one inside it: "humanitarian aid" is one
hit). Terms match case-insensitively on word boundaries, a hyphen and a space being the same
and curly apostrophes straight ones; a term with a capital letter after its first one ("ISIS",
"TTP", "Da Afghanistan Bank") must match its case, so "isis" or "ttp" in running text are not
hits. Themes without a hit are left out.

Terms are found in one pass of an Aho-Corasick automaton over the text (built once); the few
patterns are one regular expression per theme, compiled once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from archive.extract.fastregex import required_factors

EXTRACTOR_VERSION = "themes-1"

_FOLD = str.maketrans({"-": " ", "‐": " ", "‑": " ", "–": " ", "’": "'", "‘": "'"})
_WORD = re.compile(r"\w")


def _fold(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowered
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD)


@dataclass(frozen=True)
class _Theme:
    id: str
    label: str
    description: str
    patterns: re.Pattern | None
    factors: frozenset | None = None  # one of these is in every pattern match (lower case)


@dataclass
class _Dictionary:
    themes: tuple[_Theme, ...]
    automaton: object
    size: int


@lru_cache(maxsize=1)
def _dictionary() -> _Dictionary:
    import ahocorasick

    text = resources.files("archive.data").joinpath("themes.jsonl").read_text("utf-8")
    themes = []
    keys: dict[str, list[tuple[str, str, bool]]] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        if "_provenance" in obj:
            continue
        for term in obj.get("terms", []):
            term = " ".join(term.split())
            case = any(c.isupper() for c in term[1:])
            keys.setdefault(_fold(term), []).append((obj["id"], term, case))
        pats = obj.get("patterns", [])
        joined = "|".join(f"(?:{p})" for p in pats)
        rx = re.compile(joined, re.I) if pats else None
        factors = required_factors(joined) if pats else None
        themes.append(_Theme(obj["id"], obj["label"], obj["description"], rx, factors))
    automaton = ahocorasick.Automaton()
    for key, values in keys.items():
        automaton.add_word(key, (len(key), values))
    if keys:
        automaton.make_automaton()
    return _Dictionary(tuple(themes), automaton, len(keys))


def _case_fits(term: str, surface: str) -> bool:
    return all(not a.isupper() or b.isupper() for a, b in zip(term, surface))


def article_themes(text: str) -> dict[str, int]:
    """Theme id -> number of hits in ``text`` (themes with hits only, catalogue order)."""
    if not text:
        return {}
    d = _dictionary()
    spans: dict[str, list[tuple[int, int]]] = {}
    if d.size:
        folded = _fold(text)
        for end_index, (length, values) in d.automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and (_WORD.match(text[start - 1]) or text[start - 1] in "-‐‑"):
                continue
            if end < len(text) and (_WORD.match(text[end]) or text[end] in "-‐‑"):
                continue
            surface = text[start:end]
            for theme_id, term, case in values:
                if case and not _case_fits(term, surface):
                    continue
                spans.setdefault(theme_id, []).append((start, end))
    lowered = text.lower() if len(text.lower()) == len(text) else None
    for theme in d.themes:
        if theme.patterns is not None:
            if theme.factors and lowered is not None and not any(f in lowered for f in theme.factors):
                continue  # none of the words every match needs
            for m in theme.patterns.finditer(text):
                spans.setdefault(theme.id, []).append((m.start(), m.end()))
    out: dict[str, int] = {}
    for theme in d.themes:
        found = spans.get(theme.id)
        if not found:
            continue
        # longest first, no overlaps
        found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        n, last_end = 0, -1
        for s, e in found:
            if s >= last_end:
                n += 1
                last_end = e
        out[theme.id] = n
    return out


def theme_catalogue() -> list[dict]:
    """Every theme: id, label, description (for documentation and views)."""
    return [{"id": t.id, "label": t.label, "description": t.description} for t in _dictionary().themes]
