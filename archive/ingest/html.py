"""Saved news HTML pages: trafilatura for the text and metadata, htmldate for the date.

Added on top (generic rules, nothing per site): the title is the visible headline when a
metadata title confirms it, else the metadata title without its "| Site" segment; the date is
htmldate's original publication date, with the page stamp that agrees with it as raw text and
for an honest precision (:func:`stamp_value`); "updated" stamps go to the provenance only.
Furniture blocks (class/id newsletter, promo, disclosure, credit ...) are removed before
extraction, calls to action dropped and photo captions kept aside after it; a standfirst
shown on the page but missed by the extractor is put back; "This post originally appeared
on X" is kept and gives a ``via`` credit.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from archive.errors import ParseError
from archive.ingest import boilerplate
from archive.ingest.dates import parse_date
from archive.ingest.record import Credit, DateValue, ParsedArticle
from archive.ingest.sources import normalise, registry

_STAMP = re.compile(
    r"^\s*(?P<date>\d{4}-\d\d-\d\d)(?:[T ](?P<h>\d\d):(?P<m>\d\d)(?::(?P<s>\d\d)(?:[.,]\d+)?)?)?"
    r"\s*(?:Z|UTC|GMT|[+-]\d\d:?\d\d)?\s*$",
    re.I,
)
_PUBLISHED_KEYS = (
    "ld:datepublished", "article:published_time", "og:published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "publication_date", "parsely-pub-date",
    "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date",
    "time-datetime",
)  # fmt: skip
_MODIFIED_KEYS = ("ld:datemodified", "article:modified_time", "og:updated_time", "datemodified")
_SEPARATOR = re.compile(r"\s+(?:[|–—»·~]|-{1,2}|::)\s+|\s*\|\s*")
_WORD = re.compile(r"[^\W_]+")
_SPLIT = re.compile(r"(\s+(?:[|–—»·~]|-{1,2}|::)\s+|\s*\|\s*)")  # the same, kept in the split
_DOMAIN = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}", re.I)
_FURNITURE = {"newsletter", "promo", "promotion", "signup", "subscribe", "subscription",
              "disclosure", "disclaimer", "credit", "credits", "outbrain", "taboola"}
# Short paragraphs addressed to the reader: "Never miss the latest news by signing up ...".
_CTA = re.compile(
    r"^(?:sign(?:ing)? up|subscribe|get|never miss|don'?t miss|join|download|receive)\b.{0,120}"
    r"\b(?:newsletters?|e-?mail|inbox|edition|app|sign[ -]?up|top stories)\b|"
    r"\b(?:our|free) (?:[\w-]+ ){0,3}newsletters?\b|\bstraight to your (?:phone|inbox)\b",
    re.I,
)
_CAPTIONS = (  # "(Credit: A / Grist)", "... briefings. Photo: J. Nack/AFP", "Featured image by X."
    re.compile(r"^\(?\s*(?i:(?:photo|image|picture)s?\s*)?(?i:credits?)\s*:\s*"
               r"(?P<credit>[^()]{2,80}?)\s*\)?$"),
    re.compile(r"(?:^|[.!?|(]\s*)(?i:(?:featured |top |main )?(?:photo|image|picture)s?"
               r"(?: credits?)?)\s*(?::|by)\s*(?P<credit>[A-Z][^:()]{1,60}?)[.)]?\s*$"),
    boilerplate.AGENCY_CAPTION,  # "AFP 2021 / WAKIL KOHSAR"
)
_ORIGINALLY = re.compile(
    r"^(?:this|the) (?:post|article|story|piece|essay|report) (?:was )?(?:originally|first) "
    r"(?:appeared|published|ran|posted)(?: (?:on|in|at|by))? (?P<via>[^.]{2,60})\.?$",
    re.I,
)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{1,50}\((?P<agency>[^)]{2,30})\)\s*[—–-]{1,2}\s")
_JUNK_AUTHOR = re.compile(r"^(?:no author|unknown|admin|anonymous|staff|none)$", re.I)
# Agencies missing from sources.csv that sign wire copy on English-language sites.
_EXTRA_WIRES = {"jiji", "jijipress", "kyodo", "kyodonews", "yonhap", "ansa", "upi", "aap",
                "pamedia", "pressassociation", "bernama", "ians", "unitedpressinternational"}


def parse_html(text: str, origin: str) -> ParsedArticle:
    """Parse one saved news page. Raises :class:`ParseError` and nothing else."""
    try:
        return _parse(text, origin)
    except ParseError:
        raise
    except Exception as exc:  # libxml2, trafilatura, htmldate: whatever they raise
        raise ParseError(f"HTML page could not be parsed ({type(exc).__name__})") from None


def stamp_value(raw: str) -> DateValue | None:
    """A date stamp (ISO 8601, or as printed) with an honest precision.

    ``2020-10-13T16:00:32Z`` is ``second``; a time whose seconds are ``00`` or absent is
    ``minute``; ``T00:00:00`` is ``day`` (CMSs pad bare dates with midnight). The time is the
    wall-clock time as written; the UTC offset stays in ``text``.
    """
    raw = " ".join(str(raw).split())
    m = _STAMP.match(raw)
    if not m:  # "Thursday, October 21, 2021 | 9:51 am.": the whole field is the text
        value = parse_date(raw) if raw else None
        return replace(value, text=raw) if value else None
    try:
        date.fromisoformat(m["date"])
    except ValueError:
        return None
    h, mi, s = m["h"], m["m"], m["s"] or "00"
    if h is None or int(h) > 23 or int(mi) > 59 or (h, mi, s) == ("00", "00", "00"):
        return DateValue(iso=m["date"], precision="day", text=raw)
    if s == "00":
        return DateValue(iso=f"{m['date']}T{h}:{mi}", precision="minute", text=raw)
    return DateValue(iso=f"{m['date']}T{h}:{mi}:{s}", precision="second", text=raw)


def add_authors(values: Iterable[str], article: ParsedArticle, label: str) -> None:
    """Bylines ("A; B", "AFP/The Local"): people to ``authors``, news agencies to wire credits."""
    for raw in (r for v in values for r in re.split(r"\s*;\s*", _norm(v))):
        if not raw or _JUNK_AUTHOR.match(raw):
            continue
        parts = [p for p in re.split(r"\s*/\s*|\s+and\s+", raw) if p]
        wires = [p for p in parts if _is_wire(p)]
        article.credits.extend(Credit(name, "wire", f"{label}: {raw}") for name in wires)
        article.authors.extend([raw] if not wires else [p for p in parts if p not in wires])


def _parse(text: str, origin: str) -> ParsedArticle:
    import trafilatura  # heavy: imported only when an HTML page is read
    from trafilatura.utils import load_html

    text = text.replace("\x00", "")
    tree = load_html(text) if text.strip() else None
    if tree is None:
        raise ParseError("not an HTML page (empty or no element tree)")
    meta, headlines, visible = _meta(tree), _headlines(tree), _visible_headlines(tree)
    bylines = _prune(tree)
    standfirsts = _visible_texts(tree, meta.get("og:description") or meta.get("description"))
    notes = [t for t in (_norm(p.text_content()) for p in tree.iter("p")) if _ORIGINALLY.match(t)]
    doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        raise ParseError("HTML page with no article text")

    article = ParsedArticle(origin=origin, body="")
    urls = [u for u in (meta.get("canonical"), meta.get("og:url"), doc.url) if u]
    article.url = next((u for u in urls if u.startswith("http")), urls[0] if urls else None)
    sitename, evidence = _sitename(meta, doc, article.url)
    article.title = _title(visible, meta, doc.title, _site_keys(meta, sitename, doc, article.url))
    article.title_origin = "html" if article.title else None
    titles = headlines + [article.title or ""]
    paragraphs = _paragraphs(doc.text, article, titles)
    _restore(paragraphs, [s for s in standfirsts if s not in titles], notes, article)
    article.body = "\n\n".join(paragraphs)
    if not article.body:
        raise ParseError("HTML page with no article text (only site furniture)")
    _date(text, meta, article)
    add_authors([doc.author or ""], article, "author")
    _wire_credits(bylines, article)
    if sitename:
        article.credits.append(Credit(sitename, "publisher", evidence))
    article.credits = list(dict.fromkeys(article.credits))  # a caption repeated: one credit
    lang = meta.get("html-lang") or meta.get("content-language") or meta.get("og:locale")
    article.language = language_code(lang)
    updated = next((meta[k] for k in _MODIFIED_KEYS if meta.get(k)), None)
    extra = {"sitename": sitename, "hostname": doc.hostname, "description": doc.description,
             "categories": doc.categories, "tags": doc.tags, "html_lang": lang,
             "licence": doc.license, "updated": updated}
    article.provenance.update({k: v for k, v in extra.items() if v})
    return article


def language_code(value: str | None) -> str | None:
    """``en-US`` -> ``en``; ``None`` when there is no language tag."""
    found = re.match(r"\s*([a-z]{2,3})(?:$|[-_\s])", (value or "").lower())
    return found.group(1) if found else None


def _norm(value) -> str:
    value = unicodedata.normalize("NFC", str(value or "")).replace("\u00a0", " ")
    value = value.replace("\u200b", "").replace("\u00ad", "")  # zero-width space, soft hyphen
    return " ".join(value.split())


def _meta(tree) -> dict[str, str]:
    """Metadata by lower-case key: meta tags, canonical link, <html lang>, JSON-LD (``ld:``)."""
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        if key and el.get("content") and key.lower() not in found:
            found[key.lower()] = _norm(el.get("content"))
    for el in tree.xpath("//*[@itemprop='datePublished'][@datetime]|//time[@datetime]"):
        key = "datepublished" if el.get("itemprop") == "datePublished" else "time-datetime"
        found.setdefault(key, _norm(el.get("datetime")))
    for el in tree.xpath("//link[@rel='canonical'][@href]"):
        found.setdefault("canonical", el.get("href").strip())
    if tree.get("lang"):
        found["html-lang"] = tree.get("lang").strip()
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        found.setdefault("html-title", _norm(title.text_content()))
    for script in tree.xpath("//script[contains(@type, 'ld+json')]"):
        try:
            _walk_ld(json.loads(script.text or "", strict=False), found, 0)
        except ValueError:
            continue
    return found


def _walk_ld(node, found: dict[str, str], depth: int) -> None:
    if isinstance(node, dict) and depth < 6:
        for key in ("datePublished", "dateModified", "headline"):
            if isinstance(node.get(key), str):
                found.setdefault("ld:" + key.lower(), _norm(node[key]))
        publisher = node.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            found.setdefault("ld:publisher", _norm(publisher["name"]))
        node = list(node.values())
    if isinstance(node, list) and depth < 6:
        for item in node:
            _walk_ld(item, found, depth + 1)


def _tokens(el) -> set[str]:
    return set(re.split(r"[\s_-]+", f"{el.get('class', '')} {el.get('id', '')}".lower()))


def _prune(tree) -> list[str]:
    """Remove furniture blocks (never one that looks like the article); the credit lines."""
    body = tree.find("body")
    total = len((body if body is not None else tree).text_content())
    furniture = [e for e in tree.iter() if isinstance(e.tag, str) and _tokens(e) & _FURNITURE]
    credits = [_norm(e.text_content()) for e in furniture if _tokens(e) & {"credit", "credits"}]
    for el in furniture:
        prose = sum(1 for p in el.iter("p") if len(p.text_content()) >= 150)
        if el.getparent() is None or prose > 3 or el.find(".//article") is not None:
            continue
        if len(el.text_content()) < 0.3 * total:
            el.drop_tree()
    return credits


def _headlines(tree) -> list[str]:
    els = tree.xpath("//h1|//h2|//*[@itemprop='headline']")
    texts = [_norm(e.text_content()) for e in els
             if e.tag != "h2" or _tokens(e) & {"title", "headline", "heading", "head"}]
    return [t for t in texts if 0 < len(t) <= 300]


def _visible_headlines(tree) -> list[str]:
    """Headings and headline-classed elements, the <h1>s first: what a metadata title can
    confirm as the headline shown on the page."""
    els = tree.xpath("//h1|//h2|//h3|//*[@itemprop='headline']|//*[contains(@class, 'headline')]"
                     "|//*[contains(@class, 'title')][not(self::a or self::body or self::html)]")
    texts = [_norm(e.text_content()) for e in els if e.tag == "h1"]
    texts += [_norm(e.text_content()) for e in els if e.tag != "h1"]
    return list(dict.fromkeys(t for t in texts if 0 < len(t) <= 300))


def _segments(title: str) -> list[str]:
    return [s for s in _SEPARATOR.split(title) if s] or [title]


def _sitename(meta: dict, doc, url: str | None) -> tuple[str | None, str]:
    """The publisher's name and the evidence for it (``og:site_name: ...``)."""
    for key in ("og:site_name", "ld:publisher"):  # "WSVN 7News | Miami News ..." -> "WSVN 7News"
        if meta.get(key) and meta[key] != doc.title:
            return _segments(meta[key])[0], f"{key}: {meta[key]}"
    host = url.split("/")[2].lower() if "://" in (url or "") else doc.hostname
    host = re.sub(r"^www\d?\.", "", host) if host else None
    name = doc.sitename
    if name and name != doc.title and normalise(name) != normalise(host or ""):
        return name, f"trafilatura sitename: {name}"
    return (host, f"canonical URL host: {host}") if host else (None, "")


def _title(headlines: list[str], meta: dict, fallback: str | None, sites: set[str]) -> str | None:
    """The visible headline that a metadata title confirms (whole, or without its site
    segments); else the first metadata title, og:title first, without "| Site" segments."""
    # trafilatura's own title is no confirmation (it may be the <h1> itself): a last resort
    metas = [_norm(meta.get(k)) for k in ("og:title", "ld:headline", "twitter:title", "title", "html-title")]
    metas = list(dict.fromkeys(t for t in metas if t))
    cleaned = [_without_site(t, sites) for t in metas]
    best: tuple[int, int, int] | None = None  # (how it matches, which heading, which title)
    for j, h in enumerate(headlines):
        key = _loose(h)
        if not key or normalise(h) in sites:
            continue
        for i, (t, c) in enumerate(zip(metas, cleaned)):
            if h.casefold() in (t.casefold(), c.casefold()):
                rank = (0, j, i)
            elif key in (_loose(t), _loose(c)):  # "Trump’s plan" on the page, "Trump's plan" in og:title
                rank = (1, j, i)
            elif len(h.split()) >= 3 and key == _loose(max(_segments(t), key=len)):
                rank = (2, j, i)  # "Open Progress - Headline | Section | Site": the longest part
            else:
                continue
            best = min(best, rank) if best else rank
    if best:
        return headlines[best[1]]
    for h in headlines:  # "Local News | Headline": the h1 carries a kicker
        for c in cleaned:
            if len(c) > 15 and h.endswith(c):
                return c
    for c in cleaned + [_without_site(_norm(fallback), sites)]:
        if c and normalise(c) not in sites:
            return _untruncated(c, cleaned + headlines)
    return metas[0] if metas else _norm(fallback) or None


def _loose(text: str) -> str:
    """The words, case folded: the same headline, whatever its quotes and dashes."""
    return " ".join(_WORD.findall(text.casefold()))


def _site_keys(meta: dict, site: str | None, doc, url: str | None) -> set[str]:
    """Comparison keys (:func:`normalise`) of every name the page gives its site."""
    host = url.split("/")[2] if "://" in (url or "") else doc.hostname
    titles = {meta.get(k) for k in ("og:title", "ld:headline", "twitter:title", "html-title")}
    names = [meta.get("og:site_name"), meta.get("ld:publisher"), meta.get("application-name"),
             meta.get("twitter:site"), site, doc.sitename, host]
    names = [n for n in names if n and n not in titles]  # a CMS that puts the headline there
    keys = {normalise(n.lstrip("@")) for n in names}
    keys |= {normalise(part) for n in names for part in _segments(n)}
    keys.discard("")
    return keys


def _without_site(title: str, sites: set[str]) -> str:
    """``Headline | CNN`` -> ``Headline``; ``Opinion | Headline - The Site`` -> ``Headline``.
    A segment goes when it names the site (its name, domain or host; a known source), is a
    section label, or is a last segment after a pipe, of at most six words and shorter than
    the rest; the headline keeps its own dashes and colons."""
    pieces = _SPLIT.split(title)
    texts, seps = pieces[0::2], pieces[1::2]
    while len(texts) > 1 and _site_segment(texts[-1], sites, "|" in seps[-1] and _words(texts[-1]) <= 6
                                           and len(texts[-1]) < sum(map(len, texts[:-1]))):
        texts.pop(), seps.pop()
    while len(texts) > 1 and _site_segment(texts[0], sites, False):
        texts.pop(0), seps.pop(0)
    return (texts[0] + "".join(s + t for s, t in zip(seps, texts[1:]))).strip()


def _words(text: str) -> int:
    return len(text.split())


def _site_segment(segment: str, sites: set[str], short_after_pipe: bool) -> bool:
    key = normalise(segment)
    if not key or key in sites or short_after_pipe or _DOMAIN.fullmatch(segment.strip()):
        return True
    if segment.strip(" .:").lower() in boilerplate.section_labels():
        return True
    if _words(segment) <= 5 and any((len(k) >= 4 and len(key) >= 4 and (key in k or k in key))
                                    or (len(k) >= 3 and key.startswith(k)) for k in sites):
        return True  # "Salon.com" for "Salon", "Miami Today" on miamitodaynews.com, "BBC News" on bbc.co.uk
    return _words(segment) <= 5 and registry().find(segment) is not None


def _untruncated(title: str, others: list[str]) -> str:
    """An og:title cut short ("Brothel catering to politicians, doctors,…"): the longer
    title or headline that it begins."""
    if not title.endswith(("…", "...")):
        return title
    stem = title.rstrip(".… ").casefold()
    longer = [o for o in others if len(o) > len(title) and o.casefold().startswith(stem)
              and not o.endswith(("…", "..."))]
    return min(longer, key=len) if longer else title


def _visible_texts(tree, description: str | None) -> list[str]:
    want = _norm(description).rstrip(" .…")
    if len(want) < 50:
        return []
    shown = (_norm(e.text) for e in tree.iter("h2", "h3", "p", "div"))
    return [t for t in shown if t.rstrip(" .…") == want][:1]  # as shown, not as summarised


def _paragraphs(text: str, article: ParsedArticle, titles: list[str]) -> list[str]:
    kept: list[str] = []
    skip = {t.casefold() for t in titles if t}
    for line in map(_norm, text.split("\n")):
        if not line or (not kept and line.casefold() in skip):
            continue
        if boilerplate.is_drop(line) or (len(line) < 250 and _CTA.search(line)):
            continue
        found = [m for m in (c.search(line) for c in _CAPTIONS) if m] if len(line) < 400 else []
        if found:
            article.captions.append(line)
            article.credits.append(Credit(found[0].group("credit").strip(), "photo", line))
        else:
            kept.append(line)
    return kept


def _restore(paragraphs: list[str], standfirsts: list[str], notes: list[str], article) -> None:
    """Put back a standfirst and a syndication note that the extractor left out."""
    body = " ".join(paragraphs).casefold()
    for lead in standfirsts:
        if lead.casefold() not in body:
            paragraphs.insert(0, lead)
    for note in notes[:1]:
        if note.casefold() not in body:
            paragraphs.append(note)
        article.credits.append(Credit(_ORIGINALLY.match(note).group("via").strip(), "via", note))


def _date(text: str, meta: dict, article: ParsedArticle) -> None:
    import htmldate

    url = article.url if (article.url or "").startswith("http") else None
    found = htmldate.find_date(text, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S", url=url)
    for key in _PUBLISHED_KEYS:  # the page's own stamp for that day: raw text and precision
        value = stamp_value(meta[key]) if meta.get(key) else None
        if value and value.iso and (not found or value.iso[:10] == found[:10]):
            article.published, article.published_origin = value, f"html-meta:{key}"
            return
    value = stamp_value(found) if found else None
    if value:  # htmldate does not say where it read the date: its value is the text
        article.published = DateValue(value.iso, value.precision, value.iso)
        article.published_origin = "htmldate"


def _is_wire(name: str) -> bool:
    known = registry().find(name)
    return bool(known and known.kind == "agency") or normalise(name) in _EXTRA_WIRES


def _wire_credits(bylines: list[str], article: ParsedArticle) -> None:
    """"WASHINGTON (AP) —" datelines and ``class="credit"`` lines naming a news agency."""
    dateline = _DATELINE.match(article.body)
    if dateline and _is_wire(dateline.group("agency")):
        article.credits.append(Credit(dateline.group("agency"), "wire", dateline.group(0).strip()))
    for line in bylines:
        name = re.sub(r"^(?:by|credit:?|source:?)\s+", "", line, flags=re.I).strip(" .")
        if len(name) <= 60 and _is_wire(name):
            article.credits.append(Credit(name, "wire", f"credit: {line}"))
