"""Find input files and turn their bytes into text, with a clear reason when that fails."""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from archive.errors import ParseError

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
MAX_BYTES = 200 * 1024 * 1024

_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable (ELF)"),
    (b"MZ", "executable (Windows)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"RIFF", "RIFF media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
]


@dataclass(frozen=True)
class InputFile:
    origin: str  # as the user named it (relative path), or "-" for stdin
    path: Path | None


@dataclass(frozen=True)
class DecodedFile:
    text: str
    encoding: str
    file_hash: str


def find_files(paths: list[str]) -> Iterator[InputFile | tuple[str, str]]:
    """Files under ``paths`` (recursive, sorted, hidden entries skipped).

    Yields :class:`InputFile` or ``(path, reason)`` for a path that cannot be walked.
    """
    for raw in paths:
        if raw == "-":
            yield InputFile(origin="-", path=None)
            continue
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            yield (raw, "no such file or directory")
        elif path.is_dir():
            yield from _walk(path)
        else:
            yield InputFile(origin=str(path), path=path)


def _walk(root: Path) -> Iterator[InputFile | tuple[str, str]]:
    seen_dirs: set[tuple[int, int]] = set()
    errors: list[tuple[str, str]] = []

    def onerror(exc: OSError) -> None:
        errors.append((exc.filename or str(root), exc.strerror or str(exc)))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        try:
            st = os.stat(dirpath)
            ident = (st.st_dev, st.st_ino)
        except OSError as exc:
            yield (dirpath, exc.strerror or str(exc))
            dirnames[:] = []
            continue
        if ident in seen_dirs:  # a symlink loop: do not walk it twice
            dirnames[:] = []
            yield (dirpath, "symbolic link loop (directory already visited)")
            continue
        seen_dirs.add(ident)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            yield InputFile(origin=str(path), path=path)
        while errors:
            yield errors.pop(0)
    while errors:
        yield errors.pop(0)


def read_bytes(item: InputFile, stdin=None) -> bytes:
    if item.path is None:
        return (stdin.buffer if hasattr(stdin, "buffer") else stdin).read()
    try:
        if item.path.is_symlink() and not item.path.exists():
            raise ParseError("broken symbolic link")
        if item.path.is_dir():
            raise ParseError("is a directory")
        size = item.path.stat().st_size
        if size > MAX_BYTES:
            raise ParseError(f"file too large ({size // (1024 * 1024)} MB > {MAX_BYTES // (1024 * 1024)} MB)")
        return item.path.read_bytes()
    except ParseError:
        raise
    except PermissionError:
        raise ParseError("permission denied") from None
    except OSError as exc:
        raise ParseError(exc.strerror or str(exc)) from None


def sniff_binary(data: bytes) -> str | None:
    """A name for the kind of binary file ``data`` is, or ``None`` if it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def decode(data: bytes) -> DecodedFile:
    """Bytes to text: BOMs, then UTF-8, then a detector; binary files are refused."""
    file_hash = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise ParseError("empty file")
    kind = sniff_binary(data)
    if kind:
        raise ParseError(f"binary file ({kind}), not an article")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return DecodedFile(data.decode(encoding), encoding, file_hash)
            except UnicodeDecodeError as exc:
                raise ParseError(f"undecodable {encoding} text ({exc.reason} at byte {exc.start})") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        return DecodedFile(data.decode(utf16, errors="replace"), utf16, file_hash)
    try:
        text = data.decode("utf-8")
        return DecodedFile(_check_text(text), "utf-8", file_hash)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise ParseError("not text in any known encoding (binary or corrupt)")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode(best.encoding, errors="replace")
    return DecodedFile(_check_text(text), best.encoding, file_hash)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_zero = sample[1::2].count(0) / max(1, len(sample[1::2]))
    guess = None
    if odd_zero > 0.3 and even_zero < 0.05:
        guess = "utf-16-le"
    elif even_zero > 0.3 and odd_zero < 0.05:
        guess = "utf-16-be"
    if guess is None:
        return None
    decoded = sample[: len(sample) // 2 * 2].decode(guess, errors="replace")
    printable = sum(1 for c in decoded if c.isprintable() or c in "\n\r\t")
    return guess if printable >= 0.9 * len(decoded) else None


def _check_text(text: str) -> str:
    sample = text[:20000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    if sample and controls / len(sample) > 0.05:
        raise ParseError("binary content (too many control characters), not an article")
    return text
