"""A CSV of metadata beside the article files: file, url, title, published, source, language.

Any subset of the columns; common alternative names are accepted (``path`` for ``file``,
``title_from_url`` for ``title``, ``date`` for ``published``...). File names are relative to
the manifest's folder (or absolute). What a manifest gives overrides what extraction found,
and the article's provenance says so.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from archive.errors import ArchiveError
from archive.ingest.dates import parse_date
from archive.ingest.record import Credit, DateValue, ParsedArticle

COLUMNS = {
    "file": ("file", "path", "filename", "file_name"),
    "url": ("url", "link", "canonical_url"),
    "title": ("title", "headline", "title_from_url"),
    "published": ("published", "published_at", "date", "date_publish", "pubdate"),
    "source": ("source", "publisher", "outlet", "site", "source_domain"),
    "language": ("language", "lang"),
}


class ManifestError(ArchiveError):
    """The manifest cannot be used at all."""


@dataclass
class Manifest:
    path: Path
    rows: dict[Path, dict[str, str]]  # resolved file path -> known fields
    by_name: dict[str, list[Path]]

    def lookup(self, file: Path) -> dict[str, str] | None:
        try:
            key = file.resolve()
        except (OSError, RuntimeError, ValueError):
            key = file
        row = self.rows.get(key)
        if row is None:
            same = self.by_name.get(file.name, [])
            if len(same) == 1:
                row = self.rows[same[0]]
        return row

    def missing_files(self) -> list[str]:
        return [str(p) for p in self.rows if not _exists(p)]


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # ValueError: a NUL byte in the name
        return False


def read_manifest(path: Path) -> Manifest:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"Cannot read manifest {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ManifestError(f"Manifest {path} is not UTF-8 text") from None
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _read(path, reader)
    except csv.Error as exc:
        raise ManifestError(f"Manifest {path} is not valid CSV (line {reader.line_num}: {exc})") from None


def _read(path: Path, reader: csv.DictReader) -> Manifest:
    header = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
    mapping = {}
    for field, names in COLUMNS.items():
        for name in names:
            if name in header:
                mapping[field] = header[name]
                break
    if "file" not in mapping:
        raise ManifestError(
            f"Manifest {path} has no file column (expected one of: {', '.join(COLUMNS['file'])}; "
            f"found: {', '.join(header) or 'nothing'})"
        )
    rows: dict[Path, dict[str, str]] = {}
    by_name: dict[str, list[Path]] = {}
    for record in reader:
        name = (record.get(mapping["file"]) or "").strip()
        if not name:
            continue
        file = Path(name)
        if not file.is_absolute():
            file = path.parent / file
        try:
            file = file.resolve()
        except (OSError, RuntimeError, ValueError):  # unreadable, a symlink loop, a NUL byte
            pass
        rows[file] = {f: (record.get(col) or "").strip() for f, col in mapping.items() if f != "file"}
        by_name.setdefault(file.name, []).append(file)
    return Manifest(path=path, rows=rows, by_name=by_name)


def apply(article: ParsedArticle, row: dict[str, str], manifest: Path) -> None:
    """Override the article's metadata with the manifest's, recording what was overridden."""
    applied = {}
    if row.get("title"):
        if article.title and article.title != row["title"]:
            applied["title_extracted"] = article.title
        article.title, article.title_origin = row["title"], "manifest"
        applied["title"] = row["title"]
    if row.get("url"):
        article.url = row["url"]
        applied["url"] = row["url"]
    if row.get("published"):
        value = parse_date(row["published"])
        if value is not None:
            if article.published and article.published.iso != value.iso:
                applied["published_extracted"] = article.published.iso or article.published.text
            article.published = DateValue(value.iso, value.precision, row["published"], value.month_day)
            article.published_origin = "manifest"
            applied["published"] = row["published"]
    if row.get("source"):
        article.credits = [c for c in article.credits if c.role != "publisher"]
        article.credits.insert(0, Credit(row["source"], "publisher", f"manifest {manifest.name}"))
        applied["source"] = row["source"]
    if row.get("language"):
        article.language = row["language"].lower()
        applied["language"] = row["language"]
    if applied:
        article.provenance["manifest"] = {"file": str(manifest), **applied}
