"""Print event precision/recall per event type and overall, and quote speaker attribution.

    python scripts/event_quality.py [--verbose] [--no-affiliations] [--no-candidates] [--files F ...]

Gold: tests/fixtures/tehran_times/gold_events.jsonl (15 held-out Tehran Times articles,
annotated by hand). The event and quote rules were written on the seeds and the development
split; later, generic fixes were guided by reading the misses on these gold articles (no rule
names an article, a person or a sentence of them), so the figures are optimistic: expect a
few points less on unseen articles. The matching rules are documented in
archive/evaluate_events.py: an event matches on type, on at least half of the gold
participants (canonical names) and on the date where the article states it; a quote on its
opening words and its speaker. --verbose lists every miss, extra and wrong speaker.
"""

import argparse
import time
from pathlib import Path

from archive.evaluate import scratch_matcher
from archive.evaluate_events import attach_affiliations, evaluate_events, evaluate_quotes, event_report
from archive.formatting import table

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "tehran_times"

parser = argparse.ArgumentParser()
parser.add_argument("--verbose", action="store_true", help="list misses, extras and wrong speakers")
parser.add_argument("--no-affiliations", action="store_true",
                    help="do not give entities their gazetteer country (as plain LexEntity has none)")
parser.add_argument("--no-candidates", action="store_true",
                    help="only gazetteer mentions (not the article's unresolved candidate names)")
parser.add_argument("--files", nargs="*", help="only these gold files")
args = parser.parse_args()

matcher = scratch_matcher()
if not args.no_affiliations:
    attach_affiliations(matcher)
gold = FIX / "gold_events.jsonl"
t0 = time.perf_counter()
ev = evaluate_events(gold, FIX / "articles", matcher=matcher, files=args.files, candidates=not args.no_candidates)
qv = evaluate_quotes(gold, FIX / "articles", matcher=matcher, files=args.files, candidates=not args.no_candidates)
elapsed = time.perf_counter() - t0

print("Events (type + participants mostly found + stated date)")
print(table(["type", "tp", "fp", "fn", "precision", "recall"], event_report(ev)))
tot = ev.total
n = len(ev.matched)
print(f"\nduplicate mentions of matched events (not counted): {ev.duplicates}")
if n:
    print(f"on the {n} matched events: status agrees {ev.status_agree}/{n}, "
          f"stated date agrees {ev.date_agree}/{ev.date_checked}, place agrees {ev.place_agree}/{ev.place_checked}")

strict = evaluate_events(gold, FIX / "articles", matcher=matcher, files=args.files,
                         candidates=not args.no_candidates, all_participants=True).total
print(f"stricter view, every gold participant required: precision {strict.precision:.3f}, "
      f"recall {strict.recall:.3f} (tp {strict.tp}, fp {strict.fp}, fn {strict.fn})")

q = qv.score
f1 = 2 * q.precision * q.recall / (q.precision + q.recall) if q.precision + q.recall else 0.0
print("\nQuote speaker attribution")
print(table(["tp", "fp", "fn", "precision", "recall", "f1"],
            [(q.tp, q.fp, q.fn, f"{q.precision:.3f}", f"{q.recall:.3f}", f"{f1:.3f}")]))
print(f"(wrong speaker {len(qv.wrong_speaker)}, quotes matching no gold quote {len(qv.extras)}, "
      f"optional gold quotes found {qv.optional_found}; scoring took {elapsed:.2f}s)")

if args.verbose:
    print("\nEVENTS missed:")
    for f, g in ev.misses:
        print(f"  {f[6:40]:34} {g['type']:12} {g['status']:10} {g['participants']} {g.get('date')}")
        print(f"      {g['sentence'][:150]}")
    print("\nEVENTS extra:")
    for f, e in ev.extras:
        print(f"  {f[6:40]:34} {e.event_type:12} {e.status:10} {[p.entity.name for p in e.participants]} "
              f"{e.date_start} trig={e.trigger!r}")
    print("\nQUOTES wrong speaker:")
    for f, g, qq in qv.wrong_speaker:
        print(f"  {f[6:40]:34} gold={g['speaker']!r} got={qq.speaker.name if qq.speaker else None!r} "
              f"({qq.speaker_text!r}) cue={qq.cue!r} {qq.text[:60]!r}")
    print("\nQUOTES missed:")
    for f, g in qv.misses:
        print(f"  {f[6:40]:34} {g['speaker']!r} {g['cue']!r} {g['kind']} {g['text_start'][:60]!r}")
    print("\nQUOTES extra:")
    for f, qq in qv.extras:
        print(f"  {f[6:40]:34} {qq.speaker.name if qq.speaker else None!r} ({qq.speaker_text!r}) "
              f"cue={qq.cue!r} {qq.kind} {qq.text[:70]!r}")
