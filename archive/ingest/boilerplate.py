"""Site furniture that is not part of an article: whole lines matched by pattern.

Three kinds: ``TAIL`` lines end the article (everything after them is teasers, comments,
related stories); ``DROP`` lines are removed wherever they are; captions are kept aside.
"""

from __future__ import annotations

import functools
import re
from importlib import resources


def _lines(*patterns: str) -> re.Pattern:
    return re.compile(r"^\s*(?:" + "|".join(patterns) + r")\s*$", re.I)


TAIL = _lines(
    r"related(?: news| posts?| articles?| stories| content| coverage| reading)?:?",
    r"more (?:news|stories|from [\w\s]+)",
    r"(?:recommended|you may (?:also )?like|you might (?:also )?like|read next|most read|"
    r"most popular|trending(?: now)?|latest news|top stories|editor'?s picks?)\.?:?",
    r"leave a (?:comment|reply)",
    r"(?:previous|next) (?:article|post|story)",
    r"our code of editorial values",
    r"this article is closed for comments\.?",
    r"please email the editor",
    r"your email address will not be published\..*",
    r"comments?(?: \(\d+\))?:?",
    r"(?:post a|add a|write a) comment",
    r"share this (?:article|story|post):?",
    r"tags?:.*",
    r"about the author:?",
)

DROP = _lines(
    r"no time to read\??",
    r"get a summary",
    r"read (?:more|also|next)(?: ?:.*)?",
    r"also read:.*",
    r"see also:.*",
    r"advertisement",
    r"sponsored(?: content)?",
    r"share(?: on \w+)?|tweet|print|e-?mail|whatsapp|telegram|facebook|twitter|linkedin",
    r"share this:?",
    r"listen to (?:this )?(?:article|story)(?: \d+ min)?",
    r"\d+ min(?:ute)?s? read",
    r"(?:click|tap) here .*",
    r"follow us on .*",
    r"(?:sign up|subscribe) (?:for|to) .*",
    r"(?:copyright|©) .*(?:all rights reserved\.?)?",
    r"all rights reserved\.?",
    r"print(?:able)? version",
    r"full text[.:]?",  # "ABSTRACT. ... FULL TEXT." (database exports of newspaper articles)
    r"font size:?.*",
)

# "AFP 2021 / WAKIL KOHSAR ..." (Sputnik-style picture credits), "... | Photo Credit: AP",
# "(Photo: Reuters)", "Photo by ...".
PHOTO_CREDIT = re.compile(
    r"(?:\|\s*)?\(?\b(?:photo|picture|image)s?\s*(?:credits?|courtesy)?\s*(?::|by)\s*"
    r"(?P<credit>[A-Z][\w.&' -]{1,60}?)\s*\)?\s*$",
    re.I,
)
AGENCY_CAPTION = re.compile(
    r"^(?:©\s*)?(?P<credit>[A-Z][A-Za-z.&-]{1,20}(?: [A-Z][A-Za-z.&-]+){0,2})\s+(?:19|20)\d\d\s*/\s*\S"
)


# A licence notice, often glued to the last paragraph of flattened scrapes.
LICENCE = re.compile(
    r"\s*(?:All )?(?:Content|Text|This (?:article|work))(?: by [^.]{1,80})? (?:is|are) licensed under "
    r"(?:a |the )?Creative Commons[^\n]{0,120}?Licen[cs]e\.?",
    re.I,
)


def is_tail(line: str) -> bool:
    return bool(TAIL.match(line))


def is_drop(line: str) -> bool:
    return bool(DROP.match(line))


def caption_credit(line: str) -> str | None:
    """The credited agency when ``line`` is a photo caption, else ``None``."""
    m = AGENCY_CAPTION.match(line.strip())
    if m:
        return m.group("credit")
    m = PHOTO_CREDIT.search(line)
    if m:
        return m.group("credit").strip()
    return None


@functools.lru_cache(maxsize=1)
def section_labels() -> frozenset[str]:
    """Named section labels (``archive/data/section_labels.txt``), lower case: a header line
    or a title segment that is one of these names a section, never a headline."""
    text = resources.files("archive.data").joinpath("section_labels.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))
