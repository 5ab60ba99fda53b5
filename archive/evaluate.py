"""Quality figures for the extractors against hand-annotated articles (tests/fixtures).

No database needed beyond a throw-away one that holds the shipped gazetteer.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from archive.extract.gazetteer import TYPES, spelling_key


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class EntityEvaluation:
    by_type: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (file, type, name)
    extras: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def total(self) -> Score:
        s = Score()
        for v in self.by_type.values():
            s.tp += v.tp
            s.fp += v.fp
            s.fn += v.fn
        return s


def scratch_matcher():
    """A matcher over the shipped gazetteer, built in a temporary SQLite database."""
    from archive import enrich, migrate
    from archive.config import resolve
    from archive.db import make_engine

    tmp = tempfile.TemporaryDirectory()
    target = resolve(str(Path(tmp.name) / "eval.db"))
    migrate.upgrade(target)
    engine = make_engine(target.url)
    with engine.begin() as conn:
        enrich.sync_gazetteer(conn)
        matcher = enrich.build_matcher(conn)
    engine.dispose()
    tmp.cleanup()
    return matcher


def predicted_entities(body: str, matcher, *, candidates: bool = True) -> dict[tuple[str, str], set[str]]:
    """{(type, canonical name): spellings} found in ``body``."""
    from archive.extract.pipeline import extract

    result = extract(body, matcher.lexicon, matcher.countries)
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in result.mentions:
        if candidates or not str(m.entity.ref).startswith("extracted:"):
            found[(m.entity.type, m.entity.name)].add(m.surface)
    return found



def _same(gold: set[str], predicted: set[str]) -> bool:
    """Equal spellings, or one multi-word name inside the other on word boundaries
    ("Supreme National Security Council" vs "... Council of Iran")."""
    if gold & predicted:
        return True
    for g in gold:
        for p in predicted:
            short, long_ = sorted((g, p), key=len)
            if len(short.split()) >= 2 and f" {short} " in f" {long_} ":
                return True
    return False


def evaluate_entities(gold_path: Path, articles_dir: Path, *, candidates: bool = True,
                      files: list[str] | None = None) -> EntityEvaluation:
    from archive.ingest.text import parse_text

    matcher = scratch_matcher()
    out = EntityEvaluation()
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        if files is not None and gold["file"] not in files:
            continue
        path = articles_dir / gold["file"]
        article = parse_text(path.read_text(encoding="utf-8"), str(path))
        predicted = predicted_entities(article.body, matcher, candidates=candidates)
        unmatched = dict(predicted)
        for g in gold["entities"]:
            names = {spelling_key(g["name"])} | {spelling_key(s) for s in g.get("surfaces", [])}
            hit = None
            for (ptype, pname), spellings in unmatched.items():
                if ptype != g["type"]:
                    continue
                if _same(names, {spelling_key(pname)} | {spelling_key(s) for s in spellings}):
                    hit = (ptype, pname)
                    break
            if hit:
                out.by_type[g["type"]].tp += 1
                del unmatched[hit]
            elif g.get("doubt"):
                continue  # the annotator's doubtful items are optional
            else:
                out.by_type[g["type"]].fn += 1
                out.misses.append((gold["file"], g["type"], g["name"]))
        optional = {spelling_key(s) for g in gold["entities"] if g.get("doubt")
                    for s in [g["name"], *g.get("surfaces", [])]}
        for (ptype, pname), spellings in unmatched.items():
            if spelling_key(pname) in optional or {spelling_key(s) for s in spellings} & optional:
                continue
            out.by_type[ptype].fp += 1
            out.extras.append((gold["file"], ptype, pname))
    return out


def entity_report(ev: EntityEvaluation) -> list[tuple[str, int, int, int, str, str]]:
    rows = []
    for t in TYPES:
        s = ev.by_type.get(t, Score())
        rows.append((t, s.tp, s.fp, s.fn, f"{s.precision:.3f}", f"{s.recall:.3f}"))
    s = ev.total
    rows.append(("all", s.tp, s.fp, s.fn, f"{s.precision:.3f}", f"{s.recall:.3f}"))
    return rows
