"""Quality figures for events and quotes against the hand-annotated Tehran Times articles.

Gold: ``tests/fixtures/tehran_times/gold_events.jsonl`` (15 held-out articles; its ``notes``
say what was deliberately not annotated). Only the article body is read (the gold is about
body sentences); the articles carry no publication date, so relative dates stay unresolved.

The extractors get what the import gives them: the gazetteer mentions of the body (entities
carry their ``country`` affiliation; :func:`attach_affiliations` fills it in when a matcher
lacks it) and, unless ``candidates=False``, the mentions of the names the name finder finds
(:mod:`archive.extract.names`), as the import stores them.

**Events** are scored per gold event (an event is annotated once even when the article
mentions it several times):

- predicted events of one article are first collapsed when they have the same type, the
  same participants and the same date (the repeated mentions the database side merges);
- a prediction matches a gold event when (1) the type is the same, (2) the gold
  participants are mostly found: at least half of them, rounded up (one of two, two of
  three or four), are among the predicted participants, compared by canonical name (gold
  names are resolved through the gazetteer, so "Daesh" and "Islamic State" are one name);
  a gold event without participants needs none, and (3) where the gold gives a date that
  the text itself states, the predicted date agrees with it (one ISO value is a prefix of
  the other: gold "2001" accepts "2001-09-11"). A gold date counts as not stated when its
  ``doubt`` mentions inference or common knowledge ("year inferred", "date from common
  knowledge"): the articles have no publication date, so such dates cannot be found.
- matching is one-to-one (best participant overlap first, then the prediction from the
  gold sentence); a prediction left over that would match an already matched gold event is
  a duplicate mention (counted apart, not a false positive); any other is a false
  positive. Status, date and place are not required to match; their agreement on the
  matched pairs is reported separately.

**Quotes** are scored on speaker attribution: a predicted quote matches a gold quote when
the gold ``text_start`` (its first six words, normalised) occurs in the predicted text; the
pair is a true positive when the speaker agrees: the canonical name of the resolved speaker
equals the gold speaker once both are normalised and resolved through the gazetteer; or the
gold names the parties of a joint statement and they are all among the predicted speakers;
or, for a speaker the extractor could not resolve, its words equal the gold speaker's (an
unnamed "a witness"), contain it or are contained in it (two words or more), or are the
surname the gold name ends with ("Korybko" for "Andrew Korybko"); a prediction
with a wrong speaker or matching no gold quote is a false positive, a gold quote without a
correct prediction a false negative. Gold quotes marked ``doubt`` are optional: found, they
count like the others; missed, they are not false negatives.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from archive.evaluate import Score

INFERRED = re.compile(r"infer|common knowledge|outside knowledge", re.I)


@dataclass
class EventEvaluation:
    by_type: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    misses: list[tuple[str, dict]] = field(default_factory=list)  # (file, gold event)
    extras: list[tuple[str, object]] = field(default_factory=list)  # (file, EventRecord)
    duplicates: int = 0
    status_agree: int = 0
    date_checked: int = 0
    date_agree: int = 0
    place_checked: int = 0
    place_agree: int = 0
    matched: list[tuple[str, dict, object]] = field(default_factory=list)

    @property
    def total(self) -> Score:
        s = Score()
        for v in self.by_type.values():
            s.tp += v.tp
            s.fp += v.fp
            s.fn += v.fn
        return s


@dataclass
class QuoteEvaluation:
    score: Score = field(default_factory=Score)
    wrong_speaker: list[tuple[str, dict, object]] = field(default_factory=list)
    misses: list[tuple[str, dict]] = field(default_factory=list)
    extras: list[tuple[str, object]] = field(default_factory=list)
    optional_found: int = 0


def norm(s: str) -> str:
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    s = re.sub(r"[-‐‑–—]", " ", s.lower())
    return " ".join(s.split())


def words(s: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", norm(s)))


def attach_affiliations(matcher) -> None:
    """Give every entity of the matcher a ``country`` attribute (its gazetteer
    affiliation), as the database side is going to: people and organisations their
    country, places the country they are in."""
    from archive.extract import gazetteer

    _, entries = gazetteer.shipped()
    by_key = {e.key: e for e in entries}
    lex = matcher.lexicon.entities
    by_name = {}
    for ent in lex.values():
        by_name.setdefault((ent.name, ent.type), ent)
    for e in entries:
        ent = by_name.get((e.name, e.type))
        if ent is None:
            continue
        country = None
        if e.country and e.country in by_key:
            c = by_key[e.country]
            country = by_name.get((c.name, c.type))
        if not hasattr(ent, "country") or getattr(ent, "country", None) is None:
            object.__setattr__(ent, "country", country)


class _Names:
    """Gold names resolved through the gazetteer to canonical names."""

    def __init__(self, matcher):
        self.lexicon = matcher.lexicon
        self.cache: dict[str, str] = {}

    def canon(self, name: str) -> str:
        if name in self.cache:
            return self.cache[name]
        out = norm(name)
        found = self.lexicon.find(name)
        whole = [m for m in found if m.start == 0 and m.end == len(name)]
        if whole:
            out = norm(whole[0].entity.name)
        self.cache[name] = out
        return out

    def entities(self, phrase: str) -> set[str]:
        return {norm(m.entity.name) for m in self.lexicon.find(phrase)}


def _read_gold(path: Path, files: list[str] | None):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            gold = json.loads(line)
            if files is None or gold["file"] in files:
                yield gold


def extract_article(path: Path, matcher, candidates: bool = True):
    """(article, extraction) for one file, body only. Without ``candidates`` only the
    gazetteer's names are mentions (the name finder's are left out)."""
    from archive.extract.pipeline import extract
    from archive.ingest.text import parse_text

    article = parse_text(path.read_text(encoding="utf-8"), str(path))
    result = extract(article.body, matcher.lexicon, matcher.countries)
    if not candidates:
        result.mentions = [m for m in result.mentions if not str(m.entity.ref).startswith("extracted:")]
    return article, result


def gold_date_required(g: dict) -> bool:
    return bool(g.get("date")) and not INFERRED.search(g.get("doubt") or "")


def _dates_agree(gold: str, start: str | None) -> bool:
    return bool(start) and (start.startswith(gold) or gold.startswith(start))


def _needed(n: int) -> int:
    return max(1, math.ceil(n / 2)) if n else 0


def _sentence_of(body: str, sentences, gold_sentence: str) -> int | None:
    key = words(gold_sentence)[:80]
    if not key:
        return None
    for s in sentences:
        if key[:60] in words(s.text):
            return s.index
    return None


def evaluate_events(gold_path: Path, articles_dir: Path, *, files: list[str] | None = None,
                    matcher=None, affiliations: bool = True, candidates: bool = True,
                    all_participants: bool = False) -> EventEvaluation:
    """Score events; ``all_participants`` asks for every gold participant (a stricter view)."""
    from archive.evaluate import scratch_matcher
    from archive.extract.events import extract_events

    if matcher is None:
        matcher = scratch_matcher()
        if affiliations:
            attach_affiliations(matcher)
    names = _Names(matcher)
    out = EventEvaluation()
    for gold in _read_gold(gold_path, files):
        article, result = extract_article(articles_dir / gold["file"], matcher, candidates)
        predicted = extract_events(article.body, result.sentences, result.mentions, article.published)
        # collapse repeated mentions of one event
        clusters: dict = {}
        for ev in predicted:
            key = (ev.event_type, frozenset(norm(p.entity.name) for p in ev.participants), ev.date_start)
            clusters.setdefault(key, []).append(ev)
        preds = [(k, v) for k, v in clusters.items()]
        golds = gold["events"]
        gparts = [{names.canon(p) for p in g["participants"]} for g in golds]
        gsent = [_sentence_of(article.body, result.sentences, g.get("sentence") or "") for g in golds]

        def fits(gi, key):
            g = golds[gi]
            etype, parts, start = key
            if etype != g["type"]:
                return None
            found = len(gparts[gi] & parts)
            if found < (len(gparts[gi]) if all_participants else _needed(len(gparts[gi]))):
                return None
            if gold_date_required(g) and not _dates_agree(g["date"], start):
                return None
            return found / max(1, len(gparts[gi]))

        pairs = []
        for gi in range(len(golds)):
            for pi, (key, evs) in enumerate(preds):
                f = fits(gi, key)
                if f is not None:
                    same_sentence = any(ev.sentence_index == gsent[gi] for ev in evs)
                    pairs.append((f, same_sentence, gi, pi))
        pairs.sort(key=lambda x: (-x[0], not x[1], x[2], x[3]))
        gold_done: dict[int, int] = {}
        pred_done: set[int] = set()
        for f, same, gi, pi in pairs:
            if gi in gold_done or pi in pred_done:
                continue
            gold_done[gi] = pi
            pred_done.add(pi)
        for gi, g in enumerate(golds):
            if gi in gold_done:
                out.by_type[g["type"]].tp += 1
                ev = preds[gold_done[gi]][1][0]
                out.matched.append((gold["file"], g, ev))
                status = g["status"].replace("negated_or_hypothetical", "negated")
                out.status_agree += status == ev.status
                if gold_date_required(g):
                    out.date_checked += 1
                    out.date_agree += _dates_agree(g["date"], ev.date_start)
                if g.get("place"):
                    out.place_checked += 1
                    out.place_agree += bool(ev.location) and names.canon(g["place"]) == norm(ev.location.name)
            else:
                out.by_type[g["type"]].fn += 1
                out.misses.append((gold["file"], g))
        for pi, (key, evs) in enumerate(preds):
            if pi in pred_done:
                continue
            if any(fits(gi, key) is not None for gi in gold_done):
                out.duplicates += 1
                continue
            out.by_type[key[0]].fp += 1
            out.extras.append((gold["file"], evs[0]))
    return out


def event_report(ev: EventEvaluation) -> list[tuple]:
    from archive.extract.events import vocabulary

    rows = []
    for t in vocabulary().types:
        s = ev.by_type.get(t)
        if s is None or not (s.tp or s.fp or s.fn):
            continue
        rows.append((t, s.tp, s.fp, s.fn, f"{s.precision:.3f}", f"{s.recall:.3f}"))
    s = ev.total
    rows.append(("all", s.tp, s.fp, s.fn, f"{s.precision:.3f}", f"{s.recall:.3f}"))
    return rows


# --------------------------------------------------------------------------- quotes

def _speaker_ok(names: _Names, g: dict, q) -> bool:
    gold = g["speaker"]
    gold_n = norm(gold)
    canon = names.canon(gold)
    predicted = {norm(e.name) for e in ([q.speaker] if q.speaker else []) + list(q.speakers)}
    if canon in predicted or gold_n in predicted:
        return True
    gold_entities = names.entities(gold)
    if g.get("speaker_named") and gold_entities and len(q.speakers) > 1 and gold_entities <= predicted:
        return True
    if q.speaker is None or not g.get("speaker_named", True):
        a = re.sub(r"^(?:the|a|an)\s+", "", words(gold))
        b = re.sub(r"^(?:the|a|an)\s+", "", words(q.speaker_text))
        if a and b and (a == b or (len(b.split()) >= 2 and (b in a or a in b))):
            return True
        # an unknown person named by the surname the gold name ends with ("Korybko")
        if g.get("speaker_named") and b and b[:1] and len(b) >= 3 and a.split()[-1:] == b.split()[-1:] \
                and q.speaker_text[:1].isupper() and q.speaker_text.lower() not in ("he", "she", "they", "it"):
            return True
    return False


def evaluate_quotes(gold_path: Path, articles_dir: Path, *, files: list[str] | None = None,
                    matcher=None, affiliations: bool = True, candidates: bool = True) -> QuoteEvaluation:
    from archive.evaluate import scratch_matcher
    from archive.extract.quotes import extract_quotes

    if matcher is None:
        matcher = scratch_matcher()
        if affiliations:
            attach_affiliations(matcher)
    names = _Names(matcher)
    out = QuoteEvaluation()
    for gold in _read_gold(gold_path, files):
        article, result = extract_article(articles_dir / gold["file"], matcher, candidates)
        predicted = extract_quotes(article.body, result.sentences, result.mentions)
        golds = gold["quotes"]
        keys = [" ".join(words(g["text_start"]).split()[:6]) for g in golds]
        taken: set[int] = set()
        correct: set[int] = set()
        for q in predicted:
            text = words(q.text)
            hits = [gi for gi, k in enumerate(keys) if k and k in text and gi not in taken]
            if not hits:
                out.score.fp += 1
                out.extras.append((gold["file"], q))
                continue
            hits.sort(key=lambda gi: text.index(keys[gi]))
            good = [gi for gi in hits if _speaker_ok(names, golds[gi], q)]
            gi = good[0] if good else hits[0]
            taken.add(gi)
            if good:
                correct.add(gi)
                out.score.tp += 1
                if golds[gi].get("doubt"):
                    out.optional_found += 1
            else:
                out.score.fp += 1
                out.wrong_speaker.append((gold["file"], golds[gi], q))
        for gi, g in enumerate(golds):
            if gi in correct:
                continue
            if g.get("doubt"):
                continue
            out.score.fn += 1
            out.misses.append((gold["file"], g))
    return out
