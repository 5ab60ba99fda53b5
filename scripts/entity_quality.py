"""Print entity precision/recall per type over (article, entity) pairs.

    python scripts/entity_quality.py [--no-candidates] [--verbose]

Gold: tests/fixtures/tehran_times/gold_entities.jsonl (20 held-out Tehran Times articles,
annotated by hand; the gazetteer was written without reading them).
"""

import argparse
from pathlib import Path

from archive.evaluate import entity_report, evaluate_entities
from archive.formatting import table

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "tehran_times"

parser = argparse.ArgumentParser()
parser.add_argument("--no-candidates", action="store_true", help="score gazetteer matches only")
parser.add_argument("--verbose", action="store_true", help="list misses and extras")
args = parser.parse_args()

ev = evaluate_entities(FIX / "gold_entities.jsonl", FIX / "articles", candidates=not args.no_candidates)
print(table(["type", "tp", "fp", "fn", "precision", "recall"], entity_report(ev)))
if args.verbose:
    print("\nmissed (false negatives):")
    for f, t, n in ev.misses:
        print(f"  {t:12} {n:40} {f[:60]}")
    print("\nextra (false positives):")
    for f, t, n in ev.extras:
        print(f"  {t:12} {n:40} {f[:60]}")
