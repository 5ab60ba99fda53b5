"""Find input files and turn their bytes into text, with a clear reason when that fails."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from archive.errors import ParseError

MAX_BYTES = 200 * 1024 * 1024
# One article is at most this many characters of text (a text file before parsing, the body
# of an HTML page or JSON Lines record after it). The longest long-form journalism runs to
# ~40,000 words (~250,000 characters); past this limit a "file" is a book, a dump or many
# articles run together, and parsing plus entity extraction would take minutes (~1 s per MB
# to parse, ~10 s per MB to extract), so it is refused with a clear reason instead.
MAX_ARTICLE_CHARS = 1_000_000
# A saved HTML page (markup, scripts, inline images) is at most this many characters.
MAX_HTML_CHARS = 20_000_000

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
    note: str | None = None  # what decoding had to repair, for the article's provenance


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def display_name(name: str) -> str:
    """A file name as one printable, storable line: undecodable bytes (surrogate escapes
    from the file system) and control characters such as newlines become backslash escapes."""
    if any("\ud800" <= c <= "\udfff" for c in name):
        name = os.fsencode(name).decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), name)


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
            yield (display_name(raw), "no such file or directory")
        elif path.is_dir():
            yield from _walk(path)
        else:
            yield InputFile(origin=display_name(str(path)), path=path)


def _walk(root: Path) -> Iterator[InputFile | tuple[str, str]]:
    seen_dirs: set[tuple[int, int]] = set()
    errors: list[tuple[str, str]] = []

    def onerror(exc: OSError) -> None:
        errors.append((display_name(exc.filename or str(root)), exc.strerror or str(exc)))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        try:
            st = os.stat(dirpath)
            ident = (st.st_dev, st.st_ino)
        except OSError as exc:
            yield (display_name(dirpath), exc.strerror or str(exc))
            dirnames[:] = []
            continue
        if ident in seen_dirs:  # a symlink loop: do not walk it twice
            dirnames[:] = []
            yield (display_name(dirpath), "symbolic link loop (directory already visited)")
            continue
        seen_dirs.add(ident)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            yield InputFile(origin=display_name(str(path)), path=path)
        while errors:
            yield errors.pop(0)
    while errors:
        yield errors.pop(0)


def read_bytes(item: InputFile, stdin=None) -> bytes:
    if item.path is None:
        return (stdin.buffer if hasattr(stdin, "buffer") else stdin).read()
    try:
        if item.path.is_symlink() and not item.path.exists():
            try:
                item.path.stat()
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    raise ParseError("symbolic link loop") from None
            raise ParseError("broken symbolic link")
        if item.path.is_dir():
            raise ParseError("is a directory")
        mode = item.path.stat().st_mode
        if not stat.S_ISREG(mode):  # reading a FIFO would block, a device never end
            kind = "named pipe" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
            raise ParseError(f"not a regular file ({kind})")
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
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ParseError(f"undecodable {encoding} text ({exc.reason} at byte {exc.start})") from None
            return _repaired(_check_text(text), encoding, file_hash)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _repaired(_check_text(data.decode(utf16, errors="replace")), utf16, file_hash)
    try:
        text = data.decode("utf-8")
        return _repaired(_check_text(text), "utf-8", file_hash)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data) and exc.start > 0:
            # valid UTF-8 cut in the middle of its last character (a truncated download)
            try:
                text = data[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                note = f"truncated UTF-8: the incomplete last character ({len(data) - exc.start} bytes) was dropped"
                return _repaired(_check_text(text), "utf-8", file_hash, note)
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise ParseError("not text in any known encoding (binary or corrupt)")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode(best.encoding, errors="replace")
    return _repaired(_check_text(text), best.encoding, file_hash)


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


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


def _check_text(text: str) -> str:
    if not text.strip():
        raise ParseError("empty file")
    if not text.rstrip("\x00").strip():
        raise ParseError("empty file (only NUL bytes)")
    # NUL padding after the text (a file preallocated, then cut short by a crash) is not
    # a sign of a binary file: the text reader drops NULs.
    sample = text.rstrip("\x00")[:20000]
    controls = len(_CONTROL.findall(sample))  # below U+0020, except \t \n \v \f \r
    if sample and controls / len(sample) > 0.05:
        raise ParseError("binary content (too many control characters), not an article")
    return text


# -- mojibake: UTF-8 text that was once read as Windows-1252 (or Latin-1) and saved again --

_CP1252_BYTE: dict[str, int] = {}
for _b in range(0x80, 0x100):
    try:
        _CP1252_BYTE[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: undefined, kept as C1 controls
        _CP1252_BYTE[chr(_b)] = _b
for _b in range(0x80, 0xA0):  # a Latin-1 misreading leaves C1 controls instead
    _CP1252_BYTE.setdefault(chr(_b), _b)


def _chars(lo: int, hi: int) -> str:
    return "".join(re.escape(c) for c, b in _CP1252_BYTE.items() if lo <= b <= hi)


_CONT = f"[{_chars(0x80, 0xBF)}]"
# A UTF-8 lead byte and exactly its continuation bytes, as Windows-1252 characters:
# "â€™" (E2 80 99) is "’", "Ã©" (C3 A9) is "é".
_MOJIBAKE = re.compile(
    f"[{_chars(0xC2, 0xDF)}]{_CONT}|[{_chars(0xE0, 0xEF)}]{_CONT}{{2}}|[{_chars(0xF0, 0xF4)}]{_CONT}{{3}}"
)


def repair_mojibake(text: str) -> tuple[str, int]:
    """Undo the commonest mojibake; returns (text, number of characters repaired).

    Only a lead character followed by exactly the continuation characters its UTF-8 byte
    needs, that together decode as strict UTF-8, is replaced, so ordinary accented text
    ("café", "São Paulo", "Ærø") is left alone. Double-encoded text gets a second pass.
    """
    total = 0
    for _ in range(2):
        count = 0

        def fix(m: re.Match) -> str:
            nonlocal count
            try:
                char = bytes(_CP1252_BYTE[c] for c in m.group(0)).decode("utf-8")
            except UnicodeDecodeError:
                return m.group(0)
            count += 1
            return char

        text = _MOJIBAKE.sub(fix, text)
        total += count
        if not count:
            break
    return text, total


def _repaired(text: str, encoding: str, file_hash: str, note: str | None = None) -> DecodedFile:
    fixed, n = repair_mojibake(text)
    if n:
        repair = f"repaired {n} mojibake character{'s' if n != 1 else ''} (UTF-8 read as Windows-1252)"
        note = f"{note}; {repair}" if note else repair
    return DecodedFile(fixed, encoding, file_hash, note)
