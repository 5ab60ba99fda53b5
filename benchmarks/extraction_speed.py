"""Extraction speed on seed-sized articles, one core, no database writes.

    .venv/bin/python benchmarks/extraction_speed.py [--n 1000]

Reads the seed articles and the development articles (tests/fixtures/tehran_times), repeats
them up to N, and times each extractor over the same bodies: entities (gazetteer matching,
surnames, short forms, metonymy, name candidates), events, quotes and themes. Prints ms per
article and seconds per 100 articles.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seeds-only", action="store_true", help="only the five seed articles (seed-sized)")
    args = parser.parse_args()

    from archive.evaluate import scratch_matcher
    from archive.extract import events, quotes, themes
    from archive.extract.pipeline import extract
    from archive.ingest.text import parse_text

    files = sorted((ROOT / "seeds").glob("*.txt"))
    if not args.seeds_only:
        files += sorted((ROOT / "tests/fixtures/tehran_times/articles").iterdir())
    parsed = [parse_text(f.read_text(encoding="utf-8"), str(f)) for f in files]
    articles = [parsed[i % len(parsed)] for i in range(args.n)]
    words = sum(a.words for a in articles) / len(articles)
    matcher = scratch_matcher()

    t = time.perf_counter()
    results = [extract(a.body, matcher.lexicon, matcher.countries, title=a.title) for a in articles]
    t_entities = time.perf_counter() - t
    t = time.perf_counter()
    for a, r in zip(articles, results):
        events.extract_events(a.body, r.sentences, r.mentions, a.published, "body")
    t_events = time.perf_counter() - t
    t = time.perf_counter()
    for a, r in zip(articles, results):
        quotes.extract_quotes(a.body, r.sentences, r.mentions)
    t_quotes = time.perf_counter() - t
    t = time.perf_counter()
    for a in articles:
        themes.article_themes(a.body)
    t_themes = time.perf_counter() - t

    print(f"{args.n} articles (average {words:.0f} words), one core\n")
    print("| extractor | ms/article | s per 100 articles |")
    print("|---|---:|---:|")
    total = 0.0
    for name, seconds in (("entities", t_entities), ("events", t_events), ("quotes", t_quotes),
                          ("themes", t_themes)):
        total += seconds
        print(f"| {name} | {1000 * seconds / args.n:.2f} | {100 * seconds / args.n:.3f} |")
    print(f"| all | {1000 * total / args.n:.2f} | {100 * total / args.n:.3f} |")


if __name__ == "__main__":
    main()
