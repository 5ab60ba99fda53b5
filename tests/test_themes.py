"""Themes from the shipped dictionary (archive.extract.themes, archive/data/themes.jsonl)."""

import json
from importlib import resources
from pathlib import Path

from archive.extract.themes import EXTRACTOR_VERSION, article_themes, theme_catalogue
from archive.ingest.text import parse_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EXPECTED = {
    "terrorism", "narcotics", "humanitarian", "refugees", "recognition", "inclusive_government",
    "women_rights", "sanctions", "water", "border", "trade", "reconstruction",
}  # fmt: skip


def test_dictionary_file_has_a_provenance_header_and_every_theme():
    lines = resources.files("archive.data").joinpath("themes.jsonl").read_text("utf-8").splitlines()
    header = json.loads(lines[0])
    assert set(header) == {"_provenance"} and header["_provenance"]["sources"]
    rows = [json.loads(line) for line in lines[1:] if line.strip()]
    assert {r["id"] for r in rows} == EXPECTED
    for r in rows:
        assert r["label"] and r["description"] and (r.get("terms") or r.get("patterns"))


def test_catalogue():
    cat = theme_catalogue()
    assert {c["id"] for c in cat} == EXPECTED
    assert all(set(c) == {"id", "label", "description"} for c in cat)
    assert EXTRACTOR_VERSION == "themes-1"


def body(name):
    path = next(SEEDS.glob(name + "*"))
    return parse_text(path.read_text(encoding="utf-8"), str(path)).body


def test_seed_themes():
    themes = article_themes(body("000"))
    for t in ("terrorism", "narcotics", "recognition", "water", "border", "women_rights", "sanctions"):
        assert themes.get(t, 0) >= 1, t
    themes = article_themes(body("003"))
    for t in ("humanitarian", "refugees", "terrorism", "narcotics", "inclusive_government"):
        assert themes.get(t, 0) >= 1, t
    assert "water" not in themes


def test_counts_longest_non_overlapping_hits():
    text = "Humanitarian aid arrived. The humanitarian crisis deepens; more humanitarian assistance is needed."
    assert article_themes(text) == {"humanitarian": 3}


def test_acronyms_keep_their_case_and_words_their_boundaries():
    assert "terrorism" not in article_themes("The isis flower and the ttp file.")
    assert article_themes("ISIS and the TTP claimed it.")["terrorism"] == 2
    assert "water" not in article_themes("Amsterdam is a city; damage was done.")
    assert article_themes("Water rights from the Helmand River and the helmand basin.")["water"] == 3


def test_spelling_variants():
    assert article_themes("girls’ education and women's rights")["women_rights"] == 2
    assert article_themes("counter-terrorism and counter terrorism")["terrorism"] == 2
    assert article_themes("") == {}
