"""Loader for ``context_words.json``: the word lists the extractors use as context cues."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def load_words() -> dict:
    data = json.loads(resources.files(__package__).joinpath("context_words.json").read_text("utf-8"))
    data.pop("_provenance", None)
    data["org_heads_lower"] = {w.lower() for w in data["org_heads"]}
    data["name_stopwords"] = sorted(
        {w.lower() for w in data["name_stopwords"]}
        | {w.lower() for w in data["titles"] for w in w.split()}
    )
    return data
