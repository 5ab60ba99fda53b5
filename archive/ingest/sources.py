"""Recognise news sources however they are written: ``Sputnik`` = ``sputniknews.com``."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_TLD = re.compile(r"\.(?:com|net|org|info|tv|ir|ru|cn|af|pk|in|uk|co|az|tr|kz|uz)(?:\.[a-z]{2})?$")


@dataclass(frozen=True)
class KnownSource:
    key: str
    name: str
    kind: str
    domain: str | None


def normalise(name: str) -> str:
    """A comparison key: lower case, no ``www.``/``the``, no TLD, letters and digits only."""
    value = name.strip().lower()
    value = re.sub(r"^https?://", "", value)
    value = re.sub(r"^www\.", "", value)
    value = value.split("/")[0] if "." in value.split("/")[0] else value
    value = _TLD.sub("", value)
    value = re.sub(r"^the\s+", "", value)
    return re.sub(r"[^0-9a-z\u00c0-\uffff]+", "", value)


class SourceRegistry:
    """The shipped table of sources (``archive/data/sources.csv``)."""

    def __init__(self, rows: list[dict]):
        self.by_key: dict[str, KnownSource] = {}
        self._lookup: dict[str, KnownSource] = {}
        self._spellings: set[str] = set()
        for row in rows:
            src = KnownSource(
                key=row["key"], name=row["name"], kind=row["kind"], domain=row["domain"] or None
            )
            self.by_key[src.key] = src
            spellings = [src.name, src.key] + [a for a in (row["aliases"] or "").split("|") if a]
            if src.domain:
                spellings.append(src.domain)
            for spelling in spellings:
                self._lookup.setdefault(normalise(spelling), src)
                if spelling != src.key and "." not in spelling:
                    self._spellings.add(spelling)

    def find(self, name: str) -> KnownSource | None:
        return self._lookup.get(normalise(name))

    def spellings(self) -> list[str]:
        """Every known spelling (not domains), longest first, for finding credits in text."""
        return sorted(self._spellings, key=len, reverse=True)

    def resolve(self, name: str) -> KnownSource:
        """A known source, or a new one keyed by the normalised spelling."""
        known = self.find(name)
        if known:
            return known
        clean = " ".join(name.split()).strip(" .,;:[]()")
        domain = clean.lower() if re.fullmatch(r"[\w-]+(\.[\w-]+)+", clean) else None
        return KnownSource(key=normalise(clean) or clean.lower(), name=clean, kind="unknown", domain=domain)


@lru_cache(maxsize=1)
def registry() -> SourceRegistry:
    text = resources.files("archive.data").joinpath("sources.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return SourceRegistry(list(csv.DictReader(io.StringIO("\n".join(lines)))))


@lru_cache(maxsize=1)
def site_signatures() -> dict[str, str]:
    """Furniture line (lower case) -> publisher name (``archive/data/site_signatures.csv``)."""
    text = resources.files("archive.data").joinpath("site_signatures.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return {row["marker"].strip().lower(): row["source"].strip()
            for row in csv.DictReader(io.StringIO("\n".join(lines)))}
