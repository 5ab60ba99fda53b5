"""Scraped plain-text articles: title, date lines, source lines, body without furniture.

The shapes handled come from real scrapes (see ``seeds/`` and ``tests/fixtures``):

* a header of short lines before the first paragraph: title (sometimes repeated, sometimes
  after a kicker line), date lines, ``Source: X`` lines, bullet tags, "No time to read?";
* the body, with photo captions and agency credits mixed in;
* a tail of site furniture after a marker line ("Related news", "Leave a Comment",
  "Previous Article", "Our code of editorial values", ...), which may hold a
  "Printable version | <date>" stamp: a retrieval date, never the publication date;
* files with no header at all (body only): the title then comes from the file name and is
  marked as derived;
* files whose first line is the headline, even one ending with a full stop, followed by
  section labels ("ABSTRACT.", "LETTERS.", "7 p.m."), a deck, or a wire dateline paragraph.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import PurePath

from archive.errors import ParseError
from archive.extract.sentences import sentence_around
from archive.extract.fastregex import trie_pattern
from archive.ingest import boilerplate
from archive.ingest.dates import NAME_DATE, classify_date_line
from archive.ingest.language import detect_language
from archive.ingest.record import Credit, DateValue, ParsedArticle
from archive.ingest.sources import registry, site_signatures

_BULLET = re.compile(r"^\s*[•·*▪►■–-]\s+")
_SOURCE_LINE = re.compile(
    r"^\s*\[?\s*(?:source|sourse|sources|sorce|via|courtesy(?: of)?)\s*:\s*(?P<name>[^\]]+?)\s*\]?\s*$",
    re.I,
)
_INLINE_SOURCE = re.compile(r"\s*\[\s*(?:source|sourse|via)\s*:\s*(?P<name>[^\]]{1,80})\]", re.I)
_BYLINE = re.compile(r"^\s*(?:by|written by|author:?)\s+(?P<name>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,4})\s*$")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+){0,3})(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?"
    r"\s*(?:\((?P<agency>[^)]{2,40})\))?\s*[—–-]{1,2}\s+"
)
_EDITOR_INITIALS = re.compile(r"(?<=[.!?\"”’])\s+([A-Z]{1,4}(?:/[A-Z]{1,4})+)\s*$")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
_LOWER = re.compile(r"[a-z]")
_INNER_SENTENCE_END = re.compile(r"[a-z]{2}[.!?][\"”’]?\s+[A-Z]")
# A headline that opens the text: "WASHINGTON (AP) — ..." and "TEHRAN — ..." open a paragraph.
_OPENS_DATELINE = re.compile(  # "HEMPSTEAD, N.Y., Sept. 26 (UPI) — ", "TEHRAN -- ", "CHARLOTTE - "
    r"^[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+){0,3}(?:,\s*[A-Z0-9][\w.']*(?:\s[\w.']+){0,2}){0,3}"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:[—–―]|-{1,2})(?:\s|(?=[A-Z“\"]))"
)
_SENTENCE_BREAK = re.compile(  # "history. Again", not "Trump vs. Clinton" nor "Sen. Warren"
    r"[a-z0-9)]{2}(?<!\bvs)(?<!\b(?:Mrs|Gen|Sen|Rep|Gov|Inc|Sgt|Col|Ltd|Jan|Feb|Aug|Sep|Oct|Nov|Dec))"
    r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]"
)
# Section labels by rule: "FULL TEXT." (at most three all-caps words), "Letters." (one word
# with a final stop or colon), "7 p.m." / "2:45 p.m. EDT" (a time stamp), "In her recording,."
# (a fragment cut at a comma); the named ones are in archive/data/section_labels.txt.
_LABEL_SHAPE = re.compile(
    r"^(?:[A-Z][A-Z&'’/-]*(?:\s+[A-Z][A-Z&'’/-]*){0,2}\s*[.:]?"
    r"|[\w'’&/-]+\s*[.:]"
    r"|(?:[01]?\d(?:[:.][0-5]\d)?\s*[ap]\.?\s?m\.?|noon|midnight)(?:\s+[A-Z]{2,4})?\.?"
    r"|.*,\s*\.?)$"
)
_TRAILING_STOP = re.compile(r"(?<=[\w)%$])\.(?=[\"”’']?$)")
_ABBREVIATION_END = re.compile(
    r"(?:\b[A-Z]|\b[A-Za-z]\.[A-Za-z]|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St|Mr|Mrs|Ms|Dr|No|vs|etc))\.[\"”’']?$"
)
_BREADCRUMB = re.compile(r"\s[›>»/|]\s")
_KICKER_PUNCTUATION = re.compile(r"[.,:;!?\"“”‘’']")
_SMALL_WORDS = frozenset("a an and as at but by for from in into is nor of off on or out over per so "
                         "than the to up via vs with yet".split())
_SLUG_WORD = re.compile(r"[a-z0-9]+")
_NAME_ID = re.compile(r"^[_\W]*(?:news|article|story|post)?[_\W]*\d{3,}[_\W]+", re.I)
_NAME_NUMBER = re.compile(r"^\d{3,}[_\W]+")
_NAME_SEPARATOR = re.compile(r"[-_+\s]+")
_HEX_WORD = re.compile(r"[0-9a-f]+", re.I)
_NAME_INITIALS = re.compile(r"\b([A-Z]) ([A-Z])\b(?! [A-Z]\b)")
_NAME_POSSESSIVE = re.compile(r"\b(\w+) s\b")


def normalise_text(text: str) -> str:
    """NFC, one kind of newline, no BOM, no NULs, non-breaking spaces as spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = "\n".join(_unflatten(line) for line in text.split("\n"))
    text = text.replace("\x00", "").replace("\u00a0", " ").replace("\u2028", "\n")
    return text


def _unflatten(line: str) -> str:
    """Restore paragraph breaks in a flattened article (paragraphs joined by NBSP-spaces)."""
    if len(line) < 1000 or "\u00a0" not in line:
        return line
    return re.sub(r"(?<=[.!?\"”’)])[ \t]*\u00a0[ \t\u00a0]*", "\n\n", line)


def parse_text(text: str, origin: str) -> ParsedArticle:
    """Parse one scraped plain-text article. Raises :class:`ParseError` when no body."""
    text = normalise_text(text)
    lines = [line.rstrip() for line in text.split("\n")]
    if not any(line.strip() for line in lines):
        raise ParseError("empty file (no text)")

    article = ParsedArticle(origin=origin, body="")
    licence = boilerplate.LICENCE.search(text)
    if licence:
        article.provenance["licence"] = licence.group(0).strip()
        text = boilerplate.LICENCE.sub("", text)
        lines = [line.rstrip() for line in text.split("\n")]
    start = _first_body_line(lines)
    if start is None:
        raise ParseError("no article body (no paragraph of prose found)")

    first = next(i for i, line in enumerate(lines) if line.strip())
    if start == first and _opening_headline(lines[start], origin):
        rest = _first_body_line(lines[start + 1:])
        if rest is not None:
            start += 1 + rest

    header = lines[:start]
    title_candidates = _read_header(header, article)
    body_lines, tail = _split_tail(lines[start:])
    _read_tail(tail, article)
    paragraphs = _body_paragraphs(body_lines, article)
    paragraphs = _dedupe_title(paragraphs, title_candidates)
    paragraphs = _choose_title(article, title_candidates, origin, paragraphs)
    body = "\n\n".join(paragraphs).strip()
    if not body:
        raise ParseError("no article body (only site furniture)")
    signature = _EDITOR_INITIALS.search(body)
    if signature:
        article.provenance["editor_initials"] = signature.group(1)
        body = body[: signature.start()].rstrip()
    article.body = body
    _inline_credits(article)
    _signature_publisher(article, lines)
    article.language = detect_language(article.body)
    return article


def _is_prose(line: str) -> bool:
    s = line.strip()
    if len(s) < 60 or _caption_credit(s) or boilerplate.is_drop(s):
        return False
    words = s.split()
    if len(words) < 10 or not _LOWER.search(s):
        return False
    if _OPENS_DATELINE.match(s):  # "WASHINGTON (AP) — The Latest on the race (all times EDT):"
        return True
    # Headlines rarely end with a full stop; paragraphs do (or are long).
    return (
        bool(_SENTENCE_END.search(s))
        or len(s) >= 200
        or bool(_INNER_SENTENCE_END.search(s))
    )


def _first_body_line(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if boilerplate.is_tail(line):
            return None if i == 0 else _fallback_start(lines[:i])
        if _is_prose(line):
            return i
    return _fallback_start(lines)


def _fallback_start(lines: list[str]) -> int | None:
    # No long paragraph: take the first line after the header-looking ones that has
    # sentence punctuation and a few words (short articles, briefs).
    for i, line in enumerate(lines):
        s = line.strip()
        if len(s.split()) >= 6 and _SENTENCE_END.search(s) and not boilerplate.is_drop(s):
            return i
    return None


def _read_header(header: list[str], article: ParsedArticle) -> list[str]:
    candidates: list[str] = []
    tags: list[str] = []
    kept: list[str] = []
    for raw in header:
        line = raw.strip()
        if not line:
            continue
        bulleted = bool(_BULLET.match(line))
        line = _BULLET.sub("", line).strip()
        if _take_date_line(line, article, "dateline"):
            continue
        if _take_source_line(line, article, role="publisher"):
            continue
        byline = _BYLINE.match(line)
        if byline:
            article.authors.append(byline.group("name"))
            continue
        if boilerplate.is_drop(line) or boilerplate.is_tail(line):
            continue
        credit = _caption_credit(line)
        if credit:
            article.captions.append(line)
            article.credits.append(Credit(credit, "photo", line))
            continue
        if bulleted and len(line.split()) <= 4:
            tags.append(line)
            continue
        if len(line) <= 300:
            candidates.append(line)
            kept.append(line)
    if tags:
        article.provenance["tags"] = tags
    if kept:
        article.provenance["header_lines"] = kept
    return candidates


def _take_date_line(line: str, article: ParsedArticle, where: str) -> bool:
    found = classify_date_line(line)
    if not found:
        return False
    kind, value = found
    value = DateValue(iso=value.iso, precision=value.precision, text=line.strip(" |"),
                      month_day=value.month_day)
    if kind == "retrieved":
        article.retrieved = article.retrieved or value
    elif kind == "updated":
        article.provenance.setdefault("updated", value.iso or value.text)
    elif article.published is None:
        article.published = value
        article.published_origin = where
        if value.precision == "no-year":
            article.provenance["published_note"] = (
                f"the date line gives no year ({value.month_day}); the year was not guessed"
            )
    return True


def _take_source_line(line: str, article: ParsedArticle, role: str) -> bool:
    m = _SOURCE_LINE.match(line)
    if not m:
        return False
    name = m.group("name").strip()
    if not name or len(name) > 80:
        return False
    bracketed = line.strip().startswith("[")
    article.credits.append(Credit(name, "wire" if bracketed else role, line.strip()))
    return True


def _caption_credit(line: str) -> str | None:
    s = line.strip()
    lowered = s.lower()
    if boilerplate.AGENCY_CAPTION.match(s):
        return boilerplate.caption_credit(s)
    if any(k in lowered for k in ("photo credit", "| photo", "(photo", "photo:", "photo by",
                                  "image credit", "picture credit", "photo courtesy")):
        return boilerplate.caption_credit(s)
    return None


def _split_tail(lines: list[str]) -> tuple[list[str], list[str]]:
    for i, line in enumerate(lines):
        if i > 0 and boilerplate.is_tail(line):
            return lines[:i], lines[i:]
    return lines, []


def _read_tail(tail: list[str], article: ParsedArticle) -> None:
    for raw in tail:
        line = _BULLET.sub("", raw.strip()).strip()
        if not line:
            continue
        found = classify_date_line(line)
        if found and found[0] == "retrieved":
            _take_date_line(line, article, "tail")
        elif _SOURCE_LINE.match(line):
            _take_source_line(line, article, role="publisher")
    if tail:
        article.provenance["tail_removed_lines"] = sum(1 for t in tail if t.strip())


def _body_paragraphs(lines: list[str], article: ParsedArticle) -> list[str]:
    blocks: list[list[str]] = [[]]
    for raw in lines:
        line = raw.strip()
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        plain = _BULLET.sub("", line).strip()
        if _take_source_line(plain, article, role="publisher"):
            continue
        if classify_date_line(plain):
            _take_date_line(plain, article, "body-line")
            continue
        if boilerplate.is_drop(plain):
            continue
        credit = _caption_credit(line)
        if credit:
            article.captions.append(line)
            article.credits.append(Credit(credit, "photo", line))
            continue
        blocks[-1].append(line)
    paragraphs = []
    for block in blocks:
        if not block:
            continue
        if _hard_wrapped(block):
            paragraphs.append(" ".join(block))
        else:
            paragraphs.extend(block)
    return paragraphs


def _hard_wrapped(block: list[str]) -> bool:
    if len(block) < 2:
        return False
    heads = block[:-1]
    return all(40 <= len(x) <= 100 and not _SENTENCE_END.search(x) for x in heads)


def _dedupe_title(paragraphs: list[str], candidates: list[str]) -> list[str]:
    # A title repeated as the first body line (some scrapes do this) is not body.
    if paragraphs and candidates and paragraphs[0].strip() in candidates:
        return paragraphs[1:]
    return paragraphs


def _choose_title(article: ParsedArticle, candidates: list[str], origin: str,
                  paragraphs: list[str]) -> list[str]:
    """Set the title from the header lines; returns the body paragraphs (less a headline's
    second line, when the headline ends with ";" and goes on in the next paragraph)."""
    labels = [c for c in candidates if is_section_label(c)]
    if labels:
        article.provenance["section_labels"] = labels
    lines = [c for c in candidates if c not in labels]
    seen: dict[str, int] = {}
    for c in lines:
        seen[c] = seen.get(c, 0) + 1
    repeated = [c for c in lines if seen[c] > 1]
    if repeated:
        at = lines.index(repeated[0])
    elif lines:
        # The headline comes first; a short unpunctuated line followed by a longer one is a
        # kicker ("Moscow Afghan talks International"), and what follows the headline a deck.
        at = 0
        while at + 1 < len(lines) and _is_kicker(lines[at], lines[at + 1]):
            at += 1
    else:
        derived = title_from_filename(origin)
        if derived:
            article.title, article.title_origin = derived, "filename"
        return paragraphs
    title = lines[at]
    if title.endswith(";"):  # "Derelict Obama and Clinton;" / "Trump will go on offense ..."
        if at + 1 < len(lines) and lines[at + 1] != title:
            title = f"{title} {lines[at + 1]}"
            at += 1
        elif paragraphs and len(paragraphs[0].split()) <= 25 and not _OPENS_DATELINE.match(paragraphs[0]):
            title = f"{title} {paragraphs[0]}"
            article.provenance["title_second_line"] = paragraphs[0]
            paragraphs = paragraphs[1:]
    article.title, article.title_origin = _headline_stop(title), "text"
    before = [c for c in lines[:at] if c not in article.title]
    after = [c for c in lines[at + 1:] if c not in article.title and c != lines[at]]
    if before:
        article.provenance["kicker_lines"] = before
    if after:
        article.provenance["deck_lines"] = after
    return paragraphs


def _is_kicker(line: str, following: str) -> bool:
    """A kicker above the headline, before a longer line: a breadcrumb ("World › Asia"), or a
    few unpunctuated words in capitals, ending in a section name ("Moscow Afghan talks
    International"), or naming a news source or its site furniture ("The Hindu")."""
    words = line.split()
    if not 0 < len(words) <= 4 or len(following.split()) <= len(words):
        return False
    if _BREADCRUMB.search(line):
        return True
    if _KICKER_PUNCTUATION.search(line):
        return False
    return (line.isupper() or words[-1].lower() in boilerplate.section_labels()
            or registry().find(line) is not None or line.lower() in site_signatures())


def _headline_stop(title: str) -> str:
    """A one-sentence headline loses the full stop that some scrapes add ("... Bad Optics."),
    never an abbreviation's ("... U.S."); a headline of two sentences keeps its stops."""
    if _SENTENCE_BREAK.search(title) or _ABBREVIATION_END.search(title):
        return title
    return _TRAILING_STOP.sub("", title, count=1)


def is_section_label(line: str) -> bool:
    """``ABSTRACT.``, ``Letters.``, ``7 p.m.``, ``Opinion``: a label, never a headline."""
    s = line.strip()
    if not s:
        return False
    return bool(_LABEL_SHAPE.match(s)) or s.rstrip(".:").strip().lower() in boilerplate.section_labels()


def _opening_headline(line: str, origin: str) -> bool:
    """Is the text's first line, which reads like prose, its headline? It is when it is no
    dateline paragraph ("WASHINGTON (AP) — ...") and either the file is named after a slug
    whose words are in it (up to 30 words, three sentences), or it is in headline case, or,
    when the file name is no slug, it is one short sentence (two when very short)."""
    s = line.strip()
    words = s.split()
    if len(words) > 30 or len(s) > 240 or _OPENS_DATELINE.match(s):
        return False
    breaks = len(_SENTENCE_BREAK.findall(s))
    short = len(words) <= 20 and len(s) <= 160 and breaks <= (1 if len(words) <= 12 else 0)
    slug = _slug_words(origin)
    if len(slug) >= 3:
        have = _SLUG_WORD.findall(_ascii(s.lower()))
        found = sum(1 for w in slug[:-1] if w in have) + any(h.startswith(slug[-1]) for h in have)
        if found >= 0.6 * len(slug):
            return breaks <= 2
    return short and (len(slug) < 3 or _headline_case(words))


def _headline_case(words: list[str]) -> bool:
    """"Stealth Over Health: Hillary Clinton Was Headed to ER": the words that are not short
    function words are capitalised (a lead paragraph is never written so)."""
    content = [w for w in words[1:] if w.isalpha() and w.lower() not in _SMALL_WORDS] if words else []
    return len(content) >= 3 and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _slug_words(origin: str) -> list[str]:
    """The file name's slug as lower-case words ([] when the name is not a slug)."""
    title = title_from_filename(origin)
    return _SLUG_WORD.findall(_ascii(title.lower())) if title else []


def title_from_filename(origin: str) -> str | None:
    """``_news_463048_Afghanistan-conflict-neighbors-reading.txt`` -> a readable title."""
    stem = PurePath(origin).stem
    date = NAME_DATE.search(stem)
    if date:  # "breitbart_2016-10-12_slug": the outlet and the date are no title words
        after = stem[date.end():]
        stem = after if len(_NAME_SEPARATOR.split(after.strip("-_+ "))) >= 2 else stem[:date.start()]
    stem = _NAME_ID.sub("", stem)
    stem = _NAME_NUMBER.sub("", stem)
    words = [w for w in _NAME_SEPARATOR.split(stem) if w]
    if len(words) < 2 or all(_HEX_WORD.fullmatch(w) for w in words):
        return None
    title = " ".join(words)
    title = _NAME_INITIALS.sub(r"\1.\2.", title)  # "U S" -> "U.S."
    title = _NAME_POSSESSIVE.sub(r"\1's", title)  # "Iran s" -> "Iran's"
    return title[0].upper() + title[1:]


def _signature_publisher(article: ParsedArticle, lines: list[str]) -> None:
    """No publisher line: site furniture that only one outlet prints names it."""
    if any(c.role == "publisher" for c in article.credits):
        return
    signatures = site_signatures()
    for line in lines:
        source = signatures.get(line.strip().lower())
        if source:
            article.credits.append(Credit(source, "publisher", f"site furniture: {line.strip()}"))
            return
    licence = article.provenance.get("licence", "")
    if licence.lower() in signatures:
        article.credits.append(Credit(signatures[licence.lower()], "publisher", f"licence line: {licence}"))


def _inline_credits(article: ParsedArticle) -> None:
    body = article.body
    # "[Source: Interfax]" at the end of a paragraph: a credit, not article text.
    for m in _INLINE_SOURCE.finditer(body):
        article.credits.append(Credit(m.group("name").strip(), "wire", m.group(0).strip()))
    body = _INLINE_SOURCE.sub("", body)
    article.body = body.strip()

    dateline = _DATELINE.match(article.body)
    if dateline:
        article.provenance["dateline"] = dateline.group("place").title()
        if dateline.group("agency") and registry().find(dateline.group("agency")):
            article.credits.append(Credit(dateline.group("agency"), "wire", dateline.group(0).strip()))

    for name, role, evidence in _credits_in_prose(article.body):
        article.credits.append(Credit(name, role, evidence))


def _credits_in_prose(body: str):
    # the sources named in the text (a longer name hides the shorter one inside it)
    present = {m.group(0) for m in _spellings_re().finditer(body)}
    if not present:
        return
    for pattern, role in _credit_patterns():
        for m in pattern.finditer(body):
            name = m.group("via") if role is None else m.group("name")
            if name.removeprefix("The ") not in present and name not in present:
                continue
            yield name, role or "via", sentence_around(body, m.start(), m.end())


@functools.lru_cache(maxsize=1)
def _spellings_re():
    # a trie of the spellings: the same matches as their alternation longest first, faster
    return re.compile(r"\b(?:" + trie_pattern(registry().spellings()) + r")\b")


@functools.lru_cache(maxsize=1)
def _credit_patterns():
    # every known spelling, as a trie (longest first where several match)
    alt = trie_pattern(registry().spellings())
    return [
        (re.compile(rf"(?P<via>(?:The )?(?:{alt})) informs via (?P<pub>{alt})\b"), None),
        (re.compile(rf"\b(?:reported|said|quoted|cited|told) (?:by )?(?:the )?(?P<name>{alt})\b"), "wire"),
        (re.compile(rf"\b(?:according to|told|quoted by|cited by) (?:the )?(?P<name>{alt})\b"), "wire"),
        (re.compile(rf"\b(?:the )?(?P<name>{alt})(?: news agency| agency)? (?:reported|said|quoted|cited)\b"), "wire"),
        (re.compile(rf"\b(?:the )?(?P<name>{alt}) news agency\b"), "wire"),
        (re.compile(rf"\(\s*(?P<name>{alt})\s*\)\s*[—–-]"), "wire"),
    ]
