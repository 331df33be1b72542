"""Bytes to text: gzip, byte-order marks, legacy encodings, and telling binary files apart."""

from __future__ import annotations

import codecs
import gzip
import io
import zlib

from charset_normalizer import from_bytes

GZIP_MAGIC = b"\x1f\x8b"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of formats people drop into article folders by accident.
_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\x7fELF",
    b"RIFF",
    b"\x00\x00\x01\x00",
)


class InputError(Exception):
    """An input that cannot be used; the message is the reason shown to the user."""


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing more than `limit` bytes of output (gzip bombs)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except EOFError as exc:
        raise InputError("truncated gzip file (compressed data ends early)") from exc
    except (OSError, zlib.error) as exc:
        raise InputError(f"corrupt gzip file ({exc})") from exc
    if len(out) > limit:
        raise InputError(f"decompresses to more than {limit // 1_000_000} MB (limit)")
    return out


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises InputError for empty or binary data."""
    if not data.strip():
        raise InputError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {encoding} text after byte-order mark") from exc
    if data.startswith(_BINARY_MAGIC):
        raise InputError("binary file (not text, HTML or JSON)")
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a BOM has NULs in every other byte; anything else with NULs is binary.
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text[:4096]):
                return text, encoding
        raise InputError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("binary file or unknown text encoding")
    text = data.decode(best.encoding, errors="replace")
    if not _looks_like_text(text[:4096]):
        raise InputError("binary file (no readable text)")
    return text, best.encoding


def _looks_like_text(sample: str) -> bool:
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    replacement = sample.count("\ufffd")
    return (controls + replacement) / len(sample) < 0.02
