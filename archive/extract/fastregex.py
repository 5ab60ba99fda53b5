"""Making the extractors' regular expressions cheap: word lists as tries, and prefilters.

Python's ``re`` tries the alternatives of ``(?:a|b|c...)`` one after the other at every
position; with a few hundred words that is most of the time an extractor spends. The same
set of words written as a trie (``Minist(?:er|ry)``) is rejected after a character or two.
Where several words match at one position the longest is tried first, as in an alternation
sorted longest first. :func:`required_factors` finds the strings one of which every match of
a pattern contains, so a pattern need not run over a text that has none of them.
"""

from __future__ import annotations

import re
from typing import Iterable


def trie_pattern(words: Iterable[str], space: str | None = None) -> str:
    """A non-capturing pattern matching exactly ``words`` (literal strings); ``space``, if
    given, is the pattern a space in a word stands for (e.g. ``r"\\s+"``)."""
    root: dict = {}
    for word in words:
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not root:
        return "(?!)"
    return _build(root, space)


def _build(node: dict, space: str | None) -> str:
    ends = "" in node
    branches = [(space if ch == " " and space else re.escape(ch)) + _build(child, space)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]  # a plain sequence: whatever it holds is grouped already
    alternation = "(?:" + "|".join(branches) + ")"
    return alternation + "?" if ends else alternation


def required_factors(pattern: str) -> frozenset | None:
    """Strings one of which every match of ``pattern`` contains (lower case), or None.

    A cheap prefilter: a trigger whose factors are all absent from an article cannot match
    there, so its regular expression is not run (most triggers are absent from most
    articles). Computed from the parsed pattern; any doubt gives None (always run)."""
    try:
        from re import _constants as C
        from re import _parser as P
    except ImportError:  # pragma: no cover - private modules moved
        return None

    def seq(items):
        best = None
        run: list[str] = []

        def consider(fs):
            nonlocal best
            if fs and (best is None or min(map(len, fs)) > min(map(len, best))):
                best = fs

        for op, av in items:
            if op is C.LITERAL:
                run.append(chr(av))
                continue
            if run:
                consider({"".join(run).lower()})
                run = []
            if op is C.SUBPATTERN:
                consider(seq(av[-1]))
            elif op is C.BRANCH:
                subs = [seq(b) for b in av[1]]
                if all(subs):
                    consider(set().union(*subs))
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
                if av[0] >= 1:
                    consider(seq(av[2]))
        if run:
            consider({"".join(run).lower()})
        return best

    try:
        found = seq(P.parse(pattern, 0))
    except Exception:  # pragma: no cover - defensive
        return None
    return frozenset(found) if found else None
