"""Rebuild archive/data/common_words.txt: the lower-case English words (with their frequency) the
name finder uses to tell a capitalised common word ("Government opponents", "Send") from a name.

A word is listed when it is used in English (wordfreq, Zipf frequency >= 2.5; "common" from 3.3) and it, or the word it inflects, is a lower-case entry of Webster's
Second International (english-words 'web2'): frequent names ("maduro", "tamerlan") are not
dictionary words, and rare dictionary words ("banco", a card game's "boston") are not frequent.

    pip install wordfreq english-words && python scripts/build_common_words.py
"""

from datetime import date
from pathlib import Path

from english_words import get_english_words_set
from wordfreq import top_n_list, zipf_frequency

OUT = Path(__file__).resolve().parent.parent / "archive" / "data" / "common_words.txt"
MIN_ZIPF = 2.5  # listed; "common" is COMMON_ZIPF and above (the file gives each word's frequency)
COMMON_ZIPF = 3.3


def lemma_in(w: str, c: set) -> bool:
    if w in c:
        return True
    cands = []
    if w.endswith("s"):
        cands += [w[:-1], w[:-2] if w.endswith("es") else None, w[:-3] + "y" if w.endswith("ies") else None]
    if w.endswith("ing"):
        cands += [w[:-3], w[:-3] + "e", w[:-4] if len(w) > 5 and w[-4] == w[-5] else None]
    if w.endswith("ed"):
        cands += [w[:-2], w[:-1], w[:-3] + "y" if w.endswith("ied") else None,
                  w[:-3] if len(w) > 4 and w[-3] == w[-4] else None]
    if w.endswith(("ier", "iest")):
        cands.append(w[:w.rindex("i")] + "y")
    if w.endswith("er"):
        cands += [w[:-2], w[:-1]]
    if w.endswith("est"):
        cands += [w[:-3], w[:-2]]
    if w.endswith("ly"):
        cands.append(w[:-2])
    if w.endswith("men"):
        cands.append(w[:-3] + "man")
    if "is" in w:
        cands.append(w.replace("is", "iz", 1))
    if "our" in w:
        cands.append(w.replace("our", "or", 1))
    return any(x and x in c for x in cands)


def main() -> None:
    web2 = {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}
    words = sorted((w, zipf_frequency(w, "en")) for w in top_n_list("en", 150000)
                   if w.isalpha() and w.islower() and zipf_frequency(w, "en") >= MIN_ZIPF and lemma_in(w, web2))
    header = [
        "# Lower-case English words with their Zipf frequency (word TAB frequency), for telling a capitalised",
        "# common word from a name: words of frequency >= 3.3 are common anywhere; rarer ones only mark a",
        "# sentence's first word as a word, not a name.",
        f"# Built {date.today().isoformat()} by scripts/build_common_words.py from wordfreq (Zipf frequency >= {MIN_ZIPF};",
        "# data CC BY-SA 4.0, Robyn Speer and contributors) and english-words 'web2' (Webster's Second",
        "# International, public domain): a frequent word that is (or inflects) a dictionary entry.",
        f"# {len(words)} words.",
    ]
    OUT.write_text("\n".join(header + [f"{w}\t{z:.1f}" for w, z in words]) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(words)} words")


if __name__ == "__main__":
    main()
