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

_LATIN_CODE_PAGES = {
    "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "cp437", "cp775", "cp850", "cp852",
    "cp858", "hp_roman8", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_iceland",
    "mac_latin2", "mac_roman", "mac_turkish",
}  # fmt: skip
# Languages written with Latin letters that cp1252 lacks (ISO 639-1, as py3langid names them).
_NON_WESTERN = {"bs", "cs", "et", "hr", "hu", "lt", "lv", "pl", "ro", "sk", "sl", "sq", "sr", "tr"}
_WESTERN_CHARS = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŠšŽžŸ"
    "‘’‚“”„–—…•€£¥¢©®™°±·«»¡¿§¶×÷\u00a0"
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
        # UTF-16 without a BOM has NULs in the high byte of every ASCII character (spaces at
        # least) and hardly ever in the low byte; anything else with NULs is binary. (The
        # decoded text alone does not tell: random bytes decode as UTF-16 to CJK-looking
        # characters with no control codes among them.)
        for encoding, high, low in (
            ("utf-16-le", head[1::2], head[0::2]),
            ("utf-16-be", head[0::2], head[1::2]),
        ):
            if high.count(0) < max(4, 0.1 * len(high)) or low.count(0) > 0.05 * len(low) + 1:
                continue
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
    western = _as_western(data, best.encoding)
    if western is not None:
        return western, "cp1252"
    text = data.decode(best.encoding, errors="replace")
    if not _looks_like_text(text[:4096]):
        raise InputError("binary file (no readable text)")
    return text, best.encoding


def _as_western(data: bytes, guess: str) -> str | None:
    """The text as cp1252, if that is the likelier reading of a single-byte Latin guess.

    cp1252 (which agrees with Latin-1 on every printable character) is by far the commonest
    legacy encoding of Western news text, but on a short text charset_normalizer often ranks
    another Latin code page first: cp1257 turns "Señor García" into "Seńor Garcķa", cp1250
    "naïve" into "naďve". When the cp1252 reading holds only characters usual in Western
    European text, and the text is not in a Central European, Baltic or Turkish language
    (whose letters the other code pages exist for), cp1252 is taken.
    """
    if guess == "cp1252" or guess not in _LATIN_CODE_PAGES:
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if not all(ch in _WESTERN_CHARS for ch in set(text) if ord(ch) > 127):
        return None
    from dossier.clean.language import detect_language  # the model loads only on this path

    return None if detect_language(text) in _NON_WESTERN else text


def _looks_like_text(sample: str) -> bool:
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    replacement = sample.count("\ufffd")
    return (controls + replacement) / len(sample) < 0.02
