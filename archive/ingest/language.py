"""A small, dependency-free language guess: script first, then stop-word counts.

Good enough to tell English from the other languages a news archive meets; ``None`` means
"could not tell" and is stored as such.
"""

from __future__ import annotations

import re

_STOPWORDS = {
    "en": "the of and to in a is that for on with as by was it said from at are has have this be will".split(),
    "fr": "le la les de des et en un une du est que pour dans sur par au qui pas avec".split(),
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch".split(),
    "es": "el la los las de y en que un una por con para es del se al lo su".split(),
    "it": "il la di che e per un una non con sono del della nel alla gli le".split(),
    "pt": "o a os as de e que um uma para com não do da em no na por".split(),
    "tr": "ve bir bu da de için ile olarak daha çok gibi ama ne".split(),
}
_WORD = re.compile(r"[^\W\d_]+")
_SETS = {lang: frozenset(words) for lang, words in _STOPWORDS.items()}


_SCRIPTS = {"ru": re.compile("[\u0400-\u04ff]"), "ar": re.compile("[\u0600-\u06ff]"),
            "zh": re.compile("[\u4e00-\u9fff]")}


def detect_language(text: str) -> str | None:
    sample = text[:5000]
    n_letters = sum(map(str.isalpha, sample))
    if n_letters < 20:
        return None
    if not sample.isascii():
        # letters of each script (a script absent from the sample is not counted at all)
        scripts = {name: sum(map(str.isalpha, rx.findall(sample))) if rx.search(sample) else 0
                   for name, rx in _SCRIPTS.items()}
        script, count = max(scripts.items(), key=lambda kv: kv[1])
        if count > n_letters * 0.5:
            if script == "ar":
                persian = sum(1 for c in sample if c in "پچژگک")
                return "fa" if persian > 3 else "ar"
            return script
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 5:
        return None
    from collections import Counter

    counts = Counter(words)
    scores = {lang: sum(n for w, n in counts.items() if w in sw) for lang, sw in _SETS.items()}
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= max(3, len(words) * 0.08) else None
