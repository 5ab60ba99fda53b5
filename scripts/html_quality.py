"""How well the HTML reader does on the annotated pages of tests/fixtures/html/gold.json.

    .venv/bin/python scripts/html_quality.py [path/to/gold.json] [--trafilatura]

Prints three figures and every failure:

* title: exact after whitespace normalisation (and, on the same line, after case and quote
  normalisation too, as ../shared/tools/score_news.py counts it: "title-ci");
* date: the publication date within one day of the expected one;
* body: every ``body_must_contain`` snippet present and every ``body_must_not_contain`` absent.

``--trafilatura`` adds the title figures of trafilatura alone (its ``title`` field) for
comparison.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.errors import ParseError  # noqa: E402
from archive.ingest.html import parse_html  # noqa: E402

TARGETS = {"title": 95.0, "date": 90.0, "body": 90.0}


def _ws(value: str | None) -> str:
    return " ".join((value or "").split())


def _loose(value: str | None) -> str:
    """Case, curly quotes and whitespace ignored."""
    return _ws(value).casefold().translate(str.maketrans("‘’“”", "''\"\""))


def _within_a_day(found: str | None, expected: str) -> bool:
    if not found or len(found) < 10:
        return False
    try:
        return abs((date.fromisoformat(found[:10]) - date.fromisoformat(expected[:10])).days) <= 1
    except ValueError:
        return False


def check(page: dict, base: Path) -> dict[str, str | None]:
    """``{"title": None | reason, "date": ..., "body": ...}`` (``None`` means passed)."""
    path = base / page["file"]
    try:
        article = parse_html(path.read_text(encoding="utf-8", errors="replace"), str(path))
    except ParseError as exc:
        return dict.fromkeys([*TARGETS, "title-ci"], f"ParseError: {exc}")
    out: dict[str, str | None] = {}
    title = _ws(article.title)
    ok = title == _ws(page["title"])
    out["title"] = None if ok else f"got {title!r}, expected {page['title']!r}"
    out["title-ci"] = None if _loose(title) == _loose(page["title"]) else out["title"]
    iso = article.published.iso if article.published else None
    ok = _within_a_day(iso, page["date"])
    out["date"] = None if ok else f"got {iso!r}, expected {page['date']!r}"
    missing = [s for s in page.get("body_must_contain", []) if s not in article.body]
    unwanted = [s for s in page.get("body_must_not_contain", []) if s in article.body]
    problems = [f"missing {s!r}" for s in missing] + [f"unwanted {s!r}" for s in unwanted]
    out["body"] = "; ".join(problems) or None
    return out


def trafilatura_titles(pages: list[dict], base: Path) -> tuple[int, int]:
    """(exact, case-insensitive) title matches of trafilatura alone."""
    import trafilatura

    exact = loose = 0
    for page in pages:
        html = (base / page["file"]).read_text(encoding="utf-8", errors="replace")
        doc = trafilatura.bare_extraction(html, with_metadata=True)
        title = _ws(getattr(doc, "title", None))
        exact += title == _ws(page["title"])
        loose += _loose(title) == _loose(page["title"])
    return exact, loose


def main(argv: list[str]) -> int:
    compare = "--trafilatura" in argv
    argv = [a for a in argv if a != "--trafilatura"]
    gold_path = Path(argv[0]) if argv else ROOT / "tests" / "fixtures" / "html" / "gold.json"
    pages = json.loads(gold_path.read_text(encoding="utf-8"))
    results = [(page["file"], check(page, gold_path.parent)) for page in pages]
    print(f"{len(pages)} pages in {gold_path}")
    met = True
    for key, target in TARGETS.items():
        ok = sum(1 for _, r in results if r[key] is None)
        pct = 100.0 * ok / len(pages) if pages else 0.0
        met &= pct >= target
        flag = "ok" if pct >= target else "BELOW TARGET"
        print(f"  {key:<6} {ok:>3}/{len(pages)}  {pct:5.1f}%  (target {target:.0f}%: {flag})")
        if key == "title":
            loose = sum(1 for _, r in results if r["title-ci"] is None)
            print(f"  {'(ci)':<6} {loose:>3}/{len(pages)}  {100.0 * loose / max(len(pages), 1):5.1f}%"
                  "  (title with case and quotes ignored)")
    if compare:
        exact, loose = trafilatura_titles(pages, gold_path.parent)
        print(f"  trafilatura alone: title {exact}/{len(pages)}, title-ci {loose}/{len(pages)}")
    failures = [(f, k, why) for f, r in results for k, why in r.items() if why and k != "title-ci"]
    if failures:
        print("\nFailures:")
        for file, key, why in failures:
            print(f"  {file} [{key}] {why}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
