"""All extractors over one article body: plain records out, no database."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from archive.extract import candidates as cand
from archive.extract import entities as ent
from archive.extract.sentences import Sentence, SentenceIndex, split

EXTRACTOR_VERSION = ent.EXTRACTOR_VERSION


@dataclass
class ArticleExtraction:
    sentences: list[Sentence]
    mentions: list[ent.Mention]  # offsets into the body
    candidates: list[cand.Candidate] = field(default_factory=list)
    title_mentions: list[ent.Mention] = field(default_factory=list)  # offsets into the title

    @cached_property
    def _index(self) -> SentenceIndex:
        return SentenceIndex(self.sentences)

    def sentence_of(self, offset: int) -> int:
        # called for every mention: build the index of sentence starts once
        return self._index.at(offset)


def extract(body: str, lexicon: ent.Lexicon, countries: dict, title: str | None = None) -> ArticleExtraction:
    sentences = split(body)
    title_mentions = []
    if title:
        # the title is read with the body, so "Putin" in a title resolves through the
        # "Vladimir Putin" of the body
        offset = len(title) + 2
        both = _entities(title + "\n\n" + body, lexicon, countries, body_start=offset)
        title_mentions = [m for m in both if m.end <= len(title)]
        mentions = [
            ent.Mention(m.entity, m.start - offset, m.end - offset, m.surface, m.kind)
            for m in both if m.start >= offset
        ]
    else:
        mentions = _entities(body, lexicon, countries)
    found = _new_candidates(body, mentions, lexicon)
    return ArticleExtraction(sentences=sentences, mentions=mentions, candidates=found,
                             title_mentions=title_mentions)


def _entities(text: str, lexicon: ent.Lexicon, countries: dict, body_start: int = 0) -> list[ent.Mention]:
    mentions = lexicon.find(text)
    mentions = ent.resolve_surnames(text, mentions)
    mentions = ent.resolve_short_forms(text, mentions, lexicon.country_prefixes, countries,
                                       lexicon.prefix_re)
    return ent.add_metonymy(text, mentions, countries, body_start)


def _trim_known_prefix(body, c, spans):
    """Cut known entities and connectors off the front of a person candidate
    ("Afghanistan Jean Arnault" -> "Jean Arnault")."""
    start = c.start
    changed = True
    while changed:
        changed = False
        for s, e, _ in spans:
            if s <= start < e:
                start = e
                changed = True
        while start < c.end and (body[start].isspace() or body[start] in ",'’"):
            start += 1
        for word in ("s ", "of ", "for ", "the ", "and ", "to "):
            if body.startswith(word, start):
                start += len(word)
                changed = True
    if start == c.start:
        return c
    name = body[start:c.end]
    if len(name.split()) < 2 or not name[:1].isupper():
        return None
    return cand.Candidate(name, c.type, start, c.end, c.rule)


def _new_candidates(body, mentions, lexicon) -> list[cand.Candidate]:
    spans = [(m.start, m.end, m.entity.type) for m in mentions]
    out = []
    seen = set()
    for c in cand.find_candidates(body):
        if c.type == "person":
            c = _trim_known_prefix(body, c, spans)
            if c is None:
                continue
        overlapping = [t for s, e, t in spans if s < c.end and c.start < e]
        # a known person/organisation inside the span: the gazetteer already has it
        if any(t in ("person", "organization") for t in overlapping):
            continue
        if c.type == "person" and overlapping:
            continue
        key = (c.name, c.type)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
