"""The gazetteer as data: JSON Lines files with a provenance header (see data/gazetteer/README.md).

The shipped files are read from the package; a user's file in the same format is read from
disk. Both become :class:`Entry` records; nothing here touches the database.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from archive.errors import ArchiveError

TYPES = ("country", "person", "organization", "location")


def spelling_key(text: str) -> str:
    """How spellings are compared when looked up (``entity_aliases.alias_key``): lower case,
    hyphens as spaces, curly apostrophes straight, white space folded."""
    return " ".join(text.replace("-", " ").replace("’", "'").lower().split())


class GazetteerError(ArchiveError):
    """A gazetteer file is malformed."""


@dataclass
class Entry:
    key: str
    name: str
    type: str
    wikidata: str | None = None
    subtype: str | None = None
    country: str | None = None
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (alias, kind)
    roles: list[dict] = field(default_factory=list)
    ambiguous: bool = False
    data: dict = field(default_factory=dict)

    def spellings(self) -> list[tuple[str, str]]:
        return [(self.name, "name")] + self.aliases


def parse_line(obj: dict, where: str) -> Entry:
    try:
        key, name, type_ = obj["id"], obj["name"], obj["type"]
    except KeyError as exc:
        raise GazetteerError(f"{where}: missing field {exc.args[0]!r}") from None
    if type_ not in TYPES:
        raise GazetteerError(f"{where}: type {type_!r} is not one of {', '.join(TYPES)}")
    aliases = [(a, "alias") for a in obj.get("aliases") or [] if a and a != name]
    aliases += [(d, "demonym") for d in obj.get("demonyms") or [] if d]
    data = {
        k: v
        for k, v in obj.items()
        if k in ("iso2", "iso3", "capital", "description") and v is not None
    }
    return Entry(
        key=str(key),
        name=str(name),
        type=type_,
        wikidata=obj.get("wikidata") or None,
        subtype=obj.get("subtype") or None,
        country=obj.get("country") or None,
        aliases=aliases,
        roles=list(obj.get("roles") or []),
        ambiguous=bool(obj.get("ambiguous")),
        data=data,
    )


def read_lines(text: str, where: str) -> tuple[dict, list[Entry]]:
    provenance: dict = {}
    entries = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GazetteerError(f"{where} line {lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise GazetteerError(f"{where} line {lineno}: not a JSON object")
        if "_provenance" in obj:
            provenance = obj["_provenance"]
            continue
        entries.append(parse_line(obj, f"{where} line {lineno}"))
    return provenance, entries


def shipped_files() -> list[tuple[str, str]]:
    folder = resources.files("archive.data").joinpath("gazetteer")
    return sorted(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".jsonl")
    )


def shipped() -> tuple[str, list[Entry]]:
    """(version, entries) of the gazetteer inside the package; version = content hash."""
    digest = hashlib.sha256()
    entries: list[Entry] = []
    for name, text in shipped_files():
        digest.update(name.encode() + b"\0" + text.encode("utf-8"))
        entries.extend(read_lines(text, f"gazetteer/{name}")[1])
    return digest.hexdigest()[:16], entries


def read_file(path: Path) -> list[Entry]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GazetteerError(f"Cannot read gazetteer file {path}: {exc.strerror}") from None
    return read_lines(text, str(path))[1]
