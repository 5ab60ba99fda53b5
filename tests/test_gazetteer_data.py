"""The shipped gazetteer files are well-formed data with provenance."""

import json
import re
from collections import Counter

from archive.extract.gazetteer import TYPES, shipped, shipped_files


def test_every_file_starts_with_provenance():
    for name, text in shipped_files():
        first = json.loads(text.splitlines()[0])
        assert "_provenance" in first, name
        for key in ("title", "compiled", "sources"):
            assert first["_provenance"].get(key), (name, key)


def test_ids_unique_and_types_valid():
    _, entries = shipped()
    counts = Counter(e.key for e in entries)
    assert [k for k, n in counts.items() if n > 1] == []
    assert {e.type for e in entries} <= set(TYPES)
    assert len(entries) > 1000


def test_no_spelling_names_two_entities():
    _, entries = shipped()
    owners = {}
    clashes = []
    for e in entries:
        for spelling, _ in e.spellings():
            if spelling in owners and owners[spelling] != e.key:
                clashes.append((spelling, owners[spelling], e.key))
            owners[spelling] = e.key
    assert clashes == []


def test_references_resolve():
    _, entries = shipped()
    keys = {e.key for e in entries}
    for e in entries:
        if e.country:
            assert e.country in keys, (e.key, e.country)
        if e.data.get("capital"):
            assert e.data["capital"] in keys, (e.key, e.data["capital"])
        for role in e.roles:
            assert role.get("of") is None or role["of"] in keys, (e.key, role)


def test_wikidata_ids_are_well_formed_and_unique():
    _, entries = shipped()
    qids = [e.wikidata for e in entries if e.wikidata]
    assert all(re.fullmatch(r"Q[1-9]\d*", q) for q in qids)
    assert [q for q, n in Counter(qids).items() if n > 1] == []


def test_key_countries_carry_their_wikidata_ids():
    _, entries = shipped()
    by_name = {e.name: e for e in entries}
    assert {n: by_name[n].wikidata for n in ("China", "Russia", "Iran", "Pakistan", "Afghanistan")} == {
        "China": "Q148", "Russia": "Q159", "Iran": "Q794", "Pakistan": "Q843", "Afghanistan": "Q889"}


def test_no_possessive_aliases():
    _, entries = shipped()
    bad = [s for e in entries for s, _ in e.spellings() if re.search(r"['’]s$", s) and not s.startswith(("St", "Saint"))]
    assert bad == []
