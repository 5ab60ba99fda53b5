"""All extractors over one article body: plain records out, no database."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from archive.extract import entities as ent
from archive.extract import namedata
from archive.extract import names as names_mod
from archive.extract.sentences import Sentence, SentenceIndex, split

EXTRACTOR_VERSION = ent.EXTRACTOR_VERSION


@dataclass
class ArticleExtraction:
    sentences: list[Sentence]
    mentions: list[ent.Mention]  # offsets into the body
    candidates: list[names_mod.Found] = field(default_factory=list)  # names not in the gazetteer
    title_mentions: list[ent.Mention] = field(default_factory=list)  # offsets into the title

    @cached_property
    def _index(self) -> SentenceIndex:
        return SentenceIndex(self.sentences)

    def sentence_of(self, offset: int) -> int:
        # called for every mention: build the index of sentence starts once
        return self._index.at(offset)


def extract(body: str, lexicon: ent.Lexicon, countries: dict, title: str | None = None) -> ArticleExtraction:
    sentences = split(body)
    offset = len(title) + 2 if title else 0
    text = title + "\n\n" + body if title else body
    # the title is read with the body, so "Putin" in a title resolves through the
    # "Vladimir Putin" of the body
    both, found = _all_names(text, lexicon, countries, body_start=offset)
    body_keys = {m.entity.ref for m in both if m.start >= offset}
    # a name the title alone gives (a headline in Title Case) is no evidence of its own
    both = [m for m in both if m.start >= offset or not isinstance(m.entity.ref, str)
            or not m.entity.ref.startswith("extracted:") or m.entity.ref in body_keys]
    title_mentions = [m for m in both if m.end <= len(title or "") and title]
    mentions = [
        ent.Mention(m.entity, m.start - offset, m.end - offset, m.surface, m.kind)
        for m in both if m.start >= offset
    ]
    names = [f for f in found if f.key in body_keys]
    for f in names:
        f.spans = [(s - offset, e - offset, surface, kind) for s, e, surface, kind in f.spans if s >= offset]
    return ArticleExtraction(sentences=sentences, mentions=mentions, candidates=names,
                             title_mentions=title_mentions)


def _entities(text: str, lexicon: ent.Lexicon, countries: dict, body_start: int = 0) -> list[ent.Mention]:
    mentions = lexicon.find(text)
    mentions = ent.resolve_surnames(text, mentions)
    mentions = ent.resolve_short_forms(text, mentions, lexicon.country_prefixes, countries,
                                       lexicon.prefix_re)
    return ent.add_metonymy(text, mentions, countries, body_start)


def _all_names(text: str, lexicon: ent.Lexicon, countries: dict, body_start: int = 0):
    """The gazetteer's names, then every other proper name (:mod:`archive.extract.names`)."""
    known = _entities(text, lexicon, countries, body_start)
    found, swallowed, known_extra = names_mod.find(text, known, namedata.load(), body_start,
                                                   kb_lookup=lexicon.lookup)
    kept = [m for k, m in enumerate(known) if k not in swallowed]
    extra = [
        ent.Mention(ent.LexEntity(ref=f.key, name=f.name, type=f.type), s, e, surface, kind)
        for f in found for s, e, surface, kind in f.spans
    ]
    extra += [ent.Mention(entity, s, e, surface, kind) for entity, s, e, surface, kind in known_extra]
    return sorted(kept + extra, key=lambda m: (m.start, -m.end)), found
