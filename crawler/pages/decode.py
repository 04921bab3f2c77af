"""Bytes to text: the declared charset when there is one, a careful guess when not.

Scrapy alone guesses only ascii/utf-8/cp1252 for an undeclared page, which turns
GBK or Big5 into mojibake. These sites are Chinese, so the guess is made among the
Chinese encodings instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

# Order matters on ties: UTF-8 first (strict decoding rarely succeeds by accident),
# then GB18030 (a superset of GBK/GB2312), then Big5.
_CANDIDATES = ("utf-8", "gb18030", "big5")
# Share of U+FFFD above which a declared charset is taken to be wrong.
_MISMATCH_RATIO = 0.001
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters that mostly show up when bytes are decoded with the wrong table:
# Latin-1 letters (UTF-8 read as cp1252), box drawing and private use (GBK read as Big5).
_MOJIBAKE = re.compile(r"[\u00c0-\u00ff\u2500-\u257f\ue000-\uf8ff\u3100-\u312f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    #: where the encoding came from: "header", "bom", "meta", "detected" or "fallback"
    source: str


def declared_encoding(body: bytes, content_type: str | None) -> tuple[str, str] | None:
    """The encoding the page declares, with where it says so, or None."""
    enc = http_content_type_encoding(content_type) if content_type else None
    if enc:
        return enc, "header"
    bom = read_bom(body)[0]
    if bom:
        return bom, "bom"
    enc = html_body_declared_encoding(body)
    if enc:
        return resolve_encoding(enc) or enc, "meta"
    return None


def _score(text: str) -> float:
    """How much a decoded text looks like real Chinese: CJK share minus mojibake share."""
    if not text:
        return 0.0
    cjk = len(_CJK.findall(text))
    bad = len(_MOJIBAKE.findall(text))
    return (cjk - 4 * bad) / len(text)


def detect_encoding(body: bytes) -> str:
    """Pick the candidate encoding that decodes ``body`` strictly and reads best."""
    best, best_score = None, None
    for enc in _CANDIDATES:
        try:
            text = body.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "utf-8":
            return enc  # strict UTF-8 success on non-ASCII bytes is near-certain
        score = _score(text)
        if best_score is None or score > best_score:
            best, best_score = enc, score
    if best:
        return best
    # Nothing decodes cleanly (a truncated multi-byte tail, stray bytes): take the
    # candidate with the fewest replacement characters.
    return min(_CANDIDATES, key=lambda e: body.decode(e, "replace").count("\ufffd"))


def is_garbled(text: str) -> bool:
    """True when a decoded text has more replacement characters than a sane page."""
    return text.count("\ufffd") > max(2, len(text) * _MISMATCH_RATIO)


def decode_html(body: bytes, content_type: str | None = None, encoding: str | None = None) -> Decoded:
    """Decode an HTML body.

    ``encoding`` forces a codec (e.g. the one a middleware already chose). Otherwise the
    header, BOM and ``<meta>`` are trusted in that order, unless the declared codec
    garbles the text, in which case the body is sniffed.
    """
    if encoding:
        return Decoded(body.decode(encoding, "replace"), encoding, "given")
    declared = declared_encoding(body, content_type)
    if declared:
        enc, source = declared
        _, text = html_to_unicode(content_type, body)
        if not is_garbled(text):
            return Decoded(text, enc, source)
    enc = detect_encoding(body)
    return Decoded(body.decode(enc, "replace"), enc, "detected")
