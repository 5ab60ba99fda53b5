"""Near-duplicate fingerprints: a bottom-k sketch of word 4-gram hashes.

Two texts whose sketches share most values have a high estimated Jaccard similarity of their
4-gram sets: syndicated wire copy, or the same story re-scraped with another footer. The k
smallest 63-bit hashes are stored per article (``article_shingles``) and looked up by value,
so finding candidates is an index lookup, not a scan.
"""

from __future__ import annotations

import hashlib
import heapq
import re

K = 16
SHINGLE = 4
THRESHOLD = 10  # shared sketch values (of K) to call two articles near-duplicates

_WORD = re.compile(r"\w+")


def sketch(text: str, k: int = K) -> list[int]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return []
    # the distinct 4-grams, hashed once each (the same values as hashing every position)
    grams = set(map(" ".join, zip(*(words[i:] for i in range(SHINGLE)))))
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    hashes = {from_bytes(blake2b(g.encode(), digest_size=8).digest(), "big") >> 1 for g in grams}
    return heapq.nsmallest(k, hashes)


def similarity(a: list[int], b: list[int], k: int = K) -> float:
    """Estimated Jaccard similarity of two sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:k]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)
