"""Regular expressions for long lists of literal words, as a trie.

Python's ``re`` tries the alternatives of ``(?:a|b|c...)`` one after the other at every
position; with a few hundred words that is most of the time an extractor spends. The same
set of words written as a trie (``Minist(?:er|ry)``) is rejected after a character or two.
Where several words match at one position the longest is tried first, as in an alternation
sorted longest first.
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
