"""Entity precision and recall of an archive against news-dev gold files, with the matching
rules of the project's scorer (names compared after normalising case, punctuation and a
leading "the"; a gold entity matches an article entity by its canonical name or an alias;
one-to-one, canonical names first)."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections import defaultdict
from pathlib import Path


def norm(s) -> str:
    s = unicodedata.normalize("NFKC", str(s or "")).lower().replace("\u2019", "'")
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def entity_scores(db: Path, gold_dir: Path) -> tuple[float, float]:
    con = sqlite3.connect(db)
    articles = {Path(origin).name: aid for aid, origin in con.execute("select article_id, origin from article_overview")}
    aliases = defaultdict(set)
    for eid, alias in con.execute("select entity_id, alias from entity_aliases"):
        aliases[eid].add(norm(alias))
    tp = fn = good = total = 0
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        aid = articles.get(Path(gold["file"]).name)
        proj = [] if aid is None else con.execute(
            "select entity_id, entity from article_entities where article_id = ?", (aid,)).fetchall()
        pairs, used_p = {}, set()
        for phase in (0, 1):
            for gi, ge in enumerate(gold["entities"]):
                if gi in pairs:
                    continue
                names = {norm(ge["name"])} | {norm(a) for a in ge.get("also", [])}
                for pid, pname in proj:
                    if pid in used_p:
                        continue
                    theirs = {norm(pname)} | (aliases[pid] if phase else set())
                    if names & theirs:
                        pairs[gi] = pid
                        used_p.add(pid)
                        break
        for gi, ge in enumerate(gold["entities"]):
            if ge.get("unsure") or ge.get("via", "name") != "name":
                continue
            tp += gi in pairs
            fn += gi not in pairs
        total += len(proj)
        good += sum(1 for pid, _ in proj if pid in used_p)
    con.close()
    return good / max(total, 1), tp / max(tp + fn, 1)
